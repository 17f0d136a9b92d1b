"""The 值班考勤 page and its dialogs."""
