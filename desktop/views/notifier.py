"""One channel for "a service call changed something": the main window owns it, every page listens.

A page or dialog that took a step announces the `Changes` the service returned; each page then
refreshes what it shows if the change concerns it (Anki's `operation_did_execute` idea). This
replaces the calls one view used to make to refresh another.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.services.common.changes import Changes


class ChangeNotifier(QObject):
    changed = Signal(object)  # a Changes

    def announce(self, changes: object) -> None:
        """Passes on what a service returned; anything but a non-empty `Changes` is ignored."""
        if isinstance(changes, Changes) and changes:
            self.changed.emit(changes)
