"""The `towncentre` command: the GUI without a sub-command, headless sub-commands otherwise.

Exit codes (DESIGN.md §5): 0 done, 1 failed (one line on stderr: Chinese / English), 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__
from desktop.errors import UserError
from desktop.logsetup import setup_logging
from desktop.paths import resolve_db_path

log = logging.getLogger("towncentre.cli")


def _add_db(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help="数据库文件（默认取环境变量 TOWNCENTRE_DB 或系统数据目录） / database file",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="towncentre", description="综治工作台 Town Centre Workbench。不带子命令时启动图形界面。"
    )
    parser.add_argument("--version", action="version", version=f"towncentre {__version__}")
    _add_db(parser, None)
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="生成演示乡镇数据 / fill a demo town")
    _add_db(demo, argparse.SUPPRESS)
    demo.add_argument("--town", metavar="CODE", default=None, help="12 位统计用区划代码 / 12-digit area code")

    check = sub.add_parser("check", help="自检：数据库、审计链、字体、PDF、密钥环 / self-test")
    _add_db(check, argparse.SUPPRESS)

    stats = sub.add_parser("stats", help="各类记录数量 / record counts")
    _add_db(stats, argparse.SUPPRESS)
    stats.add_argument("--json", action="store_true", help="以 JSON 输出 / print JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    db_path = resolve_db_path(args.db)
    if args.command is None:
        from desktop.app import run_gui

        return run_gui(db_path, startup_probe=args.startup_probe)
    setup_logging(db_path, console=False)
    try:
        handler = {"demo": _demo, "check": _check, "stats": _stats}[args.command]
        return handler(args, db_path)
    except UserError as exc:
        print(exc.one_line(), file=sys.stderr)
        return exc.exit_code
    except Exception as exc:
        log.exception("command %s failed", args.command)
        print(f"意外错误，详情见日志 / unexpected error, see the log: {exc!r}", file=sys.stderr)
        return 1


def _demo(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.db import Database
    from desktop.services import demo

    db = Database.open(db_path)
    try:
        summary = demo.fill_demo_town(db, args.town or demo.DEFAULT_AREA_CODE)
    finally:
        db.close()
    print(
        f"演示数据已生成：{summary.town_name}（{summary.area_code}），{summary.users} 个用户，"
        f"{summary.communities} 个村（社区），{summary.grids} 个网格，{summary.workers} 名网格人员。"
        f"演示账号密码均为 {demo.DEMO_PASSWORD}。数据库：{db_path}"
    )
    return 0


def _check(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.selfcheck import FAIL, run_checks

    lines = run_checks(db_path)
    for line in lines:
        print(line)
    failures = [line for line in lines if line.status == FAIL]
    if failures:
        print(f"检查未通过 / check failed: {failures[0].item}：{failures[0].message}", file=sys.stderr)
        return 1
    print("检查通过 / all checks passed")
    return 0


def _stats(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.db import Database
    from desktop.services.stats import record_counts

    db = Database.open(db_path)
    try:
        counts = record_counts(db)
    finally:
        db.close()
    if args.json:
        print(json.dumps(counts, ensure_ascii=False, sort_keys=True))
    else:
        for key, value in counts.items():
            print(f"{key}: {value}")
    return 0
