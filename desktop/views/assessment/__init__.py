"""The 考核评估 page and its dialogs."""
