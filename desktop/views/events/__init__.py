"""事件中心: the event list, intake, detail and handling."""
