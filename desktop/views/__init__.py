"""PySide6 widgets, dialogs and item models. Writes go through desktop.services, never a Session."""
