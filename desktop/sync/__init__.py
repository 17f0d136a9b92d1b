"""The town's link with the county hub (shared/SYNC.md): the wire protocol, rounds, packages."""
