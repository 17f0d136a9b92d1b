"""`towncentre sync`: one round with the county hub from the command line (Windows Task Scheduler), and
the token kept in this OS user's keyring."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.errors import UsageError


def add_parser(sub: Any, add_db: Callable[[argparse.ArgumentParser, Any], None]) -> None:
    sync = sub.add_parser("sync", help="与县级中心同步 / sync with the county hub")
    add_db(sync, argparse.SUPPRESS)
    what = sync.add_mutually_exclusive_group(required=True)
    what.add_argument("--once", action="store_true", help="同步一轮后退出 / run one round and exit")
    what.add_argument(
        "--set-token",
        action="store_true",
        help="从标准输入读取县级中心提供的口令，存入本机密钥环 / keep the county token (read from stdin)",
    )
    what.add_argument("--forget-token", action="store_true", help="从密钥环删除口令 / forget the token")
    sync.add_argument(
        "--county", metavar="URL", default="", help="县级中心地址（默认取乡镇信息中的） / hub URL"
    )


def run(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.db import Database
    from desktop.sync import token

    db = Database.open(db_path)
    try:
        from desktop.sync.rounds import TRIGGER_CLI, run_round, town_code

        town = town_code(db)
        if not town:
            raise UsageError("本数据库尚未完成乡镇设置。", "This database has no town yet.")
        if args.set_token:
            value = (
                getpass.getpass("县级中心口令 / county token: ")
                if sys.stdin.isatty()
                else sys.stdin.readline()
            )
            token.store_token(town, value)
            print("口令已保存到本机密钥环 / token kept in this user's keyring")
            return 0
        if args.forget_token:
            token.store_token(town, None)
            print("口令已删除 / token forgotten")
            return 0
        result = run_round(db, token.read_token(town), trigger=TRIGGER_CLI, county_url=args.county)
    finally:
        db.close()
    print(result.one_line(), file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1
