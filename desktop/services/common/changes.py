"""What a service call changed, so each screen refreshes only what concerns it.

The idea of Anki's `OpChanges`: a write returns a small value naming the areas it touched (and the
records, where the caller may want to select them); the GUI hands it to every page, and each page
decides from it whether to reload. No Qt here: the CLI and the tests read the same value.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    events: bool = False  # event rows or their timelines: the event list, an open event
    my_work: bool = False  # what 我的待办 counts (state, deadline, supervision, pending extension)
    mediation: bool = False  # mediation cases: the case list, reminders, monthly figures
    matters: bool = False  # the matter list and its versions (a county version applied by sync)
    event_ids: tuple[str, ...] = ()
    case_ids: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.events or self.my_work or self.mediation or self.matters


def event_changed(event_id: str, *, my_work: bool = True) -> Changes:
    """One event moved on; `my_work=False` for a step that leaves every 我的待办 count as it was."""
    return Changes(events=True, my_work=my_work, event_ids=(event_id,))
