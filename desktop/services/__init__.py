"""Use cases. No Qt here: the GUI, the CLI and the county hub all call these functions."""
