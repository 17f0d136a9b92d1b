"""`python -m county`: the same as `towncentre-county`."""

from county.cli import main

raise SystemExit(main())
