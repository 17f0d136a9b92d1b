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
    what.add_argument(
        "--export-package",
        metavar="FILE",
        type=Path,
        help="把待上传的数据导出为离线包 / export an offline package",
    )
    what.add_argument(
        "--import-package",
        metavar="FILE",
        type=Path,
        help="导入县级中心的离线包 / import the county's package",
    )
    what.add_argument(
        "--show-package-key",
        action="store_true",
        help="打印本镇的离线包公钥（交县级中心登记） / print this town's package public key",
    )
    what.add_argument(
        "--set-county-key",
        metavar="KEY",
        help="保存县级中心的离线包公钥 / keep the county's package public key",
    )
    sync.add_argument(
        "--county", metavar="URL", default="", help="县级中心地址（默认取乡镇信息中的） / hub URL"
    )
    from desktop.cli_auth import add_user_option

    add_user_option(sync)  # --export-package and --set-county-key act as a named user


def run(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.cli_auth import open_database
    from desktop.sync import token

    db = open_database(db_path)  # never creates one at a mistyped --db
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
        if args.export_package or args.import_package or args.show_package_key or args.set_county_key:
            return _packages(args, db)
        result = run_round(db, token.read_token(town), trigger=TRIGGER_CLI, county_url=args.county)
    finally:
        db.close()
    print(result.one_line(), file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1


def _packages(args: argparse.Namespace, db: Any) -> int:
    from desktop.cli_auth import acting_user
    from desktop.sync import offline, settings

    if args.show_package_key:
        print(settings.town_package_key(db))
    elif args.set_county_key:
        with acting_user(db, args, "设置县级中心公钥") as actor:
            settings.set_county_package_key(db, actor, args.set_county_key)
        print("县级中心公钥已保存 / the county's key is kept")
    elif args.export_package:
        with acting_user(db, args, "导出离线包") as actor:
            print(offline.export_package(db, actor, args.export_package).one_line())
    else:
        print(offline.import_package(db, args.import_package).one_line())
    return 0
