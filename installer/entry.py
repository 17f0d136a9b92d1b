"""Entry script of both frozen executables (`TownCentre` windowed, `towncentre-cli` console).

Same as the `towncentre = desktop.cli:main` console script: no sub-command starts the GUI.
"""

from desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
