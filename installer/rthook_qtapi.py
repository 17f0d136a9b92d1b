"""PyInstaller runtime hook: pin qtpy (used by qtawesome) to PySide6.

Without it qtpy tries PyQt5 first; the bundle excludes every other binding, so the pin only makes the
choice explicit and spares a failed import at start-up.
"""

import os

os.environ.setdefault("QT_API", "pyside6")
