"""The 网格与人员 page and its dialogs."""
