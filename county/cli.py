"""`towncentre-county`: the county hub's command. The hub itself comes with the sync issue."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desktop import __version__


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="towncentre-county", description="县级中心数据交换服务")
    parser.add_argument("--version", action="version", version=f"towncentre-county {__version__}")
    parser.add_subparsers(dest="command", metavar="COMMAND")
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    print("县级中心服务尚未实现 / the county hub is not implemented yet", file=sys.stderr)
    return 1
