"""数据同步: the county link's page, its conflict dialog and the schedule that runs rounds."""
