"""`towncentre backup` and `towncentre restore` (DESIGN.md §5), both acting as a named user.

`backup --daily` is the form for a nightly scheduled task: it makes the day's copy in the backups folder
only when there is none yet and keeps 14 daily and 12 monthly copies. `restore` asks for confirmation
on a terminal and not otherwise (a script has said what it wants); a backup of another town needs
`--other-town`. When the current database is too damaged to log in to, the user is checked against the
users in the backup instead.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli_auth import acting_user, add_user_option, open_database
from desktop.clock import CHINA_TZ
from desktop.errors import UsageError, UserError

if TYPE_CHECKING:
    from desktop.backup_archive import Manifest
    from desktop.services.accounts.permissions import Actor


def add_parsers(
    sub: argparse._SubParsersAction, add_db: Callable[[argparse.ArgumentParser, object], None]
) -> None:
    backup = sub.add_parser("backup", help="备份数据库和附件（已检验的单个文件） / back up the database")
    add_db(backup, argparse.SUPPRESS)
    backup.add_argument(
        "--out",
        metavar="FILE|DIR",
        default=None,
        help="备份文件或文件夹（如 U 盘）；默认写入数据库旁的 backups 文件夹 / file or folder",
    )
    backup.add_argument(
        "--daily",
        action="store_true",
        help="计划任务用：今天还没有每日备份时才备份，并只保留 14 份日备份、12 份月备份 / for a nightly task",
    )
    add_user_option(backup)

    restore = sub.add_parser("restore", help="从备份恢复（当前数据库先另存一份） / restore a backup")
    add_db(restore, argparse.SUPPRESS)
    restore.add_argument(
        "--from", dest="source", metavar="FILE", required=True, help="备份文件 / backup file"
    )
    restore.add_argument("--yes", action="store_true", help="不再询问，直接恢复 / do not ask")
    restore.add_argument(
        "--other-town", action="store_true", help="确认恢复其他乡镇的备份 / restore another town's backup"
    )
    restore.add_argument("--reason", metavar="TEXT", default="", help="恢复原因，写入审计日志 / why")
    add_user_option(restore)


def add_remember_parser(
    sub: argparse._SubParsersAction, add_db: Callable[[argparse.ArgumentParser, object], None]
) -> None:
    remember = sub.add_parser(
        "remember-password",
        help="把某用户的密码存入本机当前 Windows 账户的密钥环，供计划任务使用 / keep a password for scheduled tasks",
    )
    add_db(remember, argparse.SUPPRESS)
    remember.add_argument("--forget", action="store_true", help="删除已存的密码 / forget it")
    add_user_option(remember)


def run_remember(args: argparse.Namespace, db_path: Path) -> int:
    """Checks the password by logging in (audited) before it is kept; --forget removes it."""
    from desktop.cli_auth import PASSWORD_ENV, remember_password

    username = (args.user or "").strip()
    if not username:
        raise UsageError("请用 --user NAME 指明要记住哪个用户的密码。", "Name the user with --user NAME.")
    if args.forget:
        remember_password(username, None)
        print(f"已删除本机为 {username} 记住的密码。")
        return 0
    password = os.environ.get(PASSWORD_ENV, "")
    if not password and sys.stdin is not None and sys.stdin.isatty():
        password = getpass.getpass(f"{username} 的密码 / password: ")
    db = open_database(db_path)
    try:
        # Checked by a real login (audited; wrong ones count towards the lockout) before it is kept.
        with acting_user(db, args, "记住命令行密码", password=password):
            pass
    finally:
        db.close()
    remember_password(username, password)
    print(f"已在本机当前账户的密钥环中记住 {username} 的密码；计划任务须以同一 Windows 账户运行。")
    return 0


def _report(label: str) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        if sys.stderr is not None and sys.stderr.isatty():
            print(f"\r{label} {done * 100 // max(total, 1)}%", end="", file=sys.stderr, flush=True)

    return report


def _end_progress() -> None:
    if sys.stderr is not None and sys.stderr.isatty():
        print(file=sys.stderr)


def run_backup(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.services.system import backups

    if args.daily and args.out:
        raise UsageError(
            "--daily 只写入 backups 文件夹，不能与 --out 同用。", "--daily writes to the backups folder only."
        )
    target = Path(args.out).expanduser() if args.out else None
    if args.out and args.out.endswith(("/", "\\")) and not (target and target.is_dir()):
        raise UserError(f"文件夹不存在：{args.out}", f"No such folder: {args.out}")
    if target is not None and not target.is_dir() and not target.parent.is_dir():
        raise UserError(f"文件夹不存在：{target.parent}", f"No such folder: {target.parent}")
    db = open_database(db_path)
    try:
        # The one command a scheduled task runs: it may log in with the password kept in the keyring.
        with acting_user(db, args, "备份数据库", remembered_ok=True) as actor:
            if args.daily and not backups.daily_due(db.path):
                last = backups.last_daily(db.path)
                print(f"今天已有每日备份（{last.path.name if last else ''}），未重复备份。")
                return 0
            kind = backups.SCHEDULED if args.daily else backups.MANUAL
            try:
                result = backups.back_up(db, actor, target=target, kind=kind, progress=_report("备份"))
            finally:
                _end_progress()
    finally:
        db.close()
    size_mb = result.path.stat().st_size / 1e6
    print(f"已备份到 {result.path}（{size_mb:.1f} MB，用时 {result.seconds:.1f} 秒，已检验）")
    if result.manifest.integrity != "ok":
        print(
            f"警告：数据库完整性检查发现问题：{result.manifest.integrity} / the database fails integrity_check",
            file=sys.stderr,
        )
        return 1
    for problem in result.manifest.attachment_problems:
        print(f"警告：{problem}", file=sys.stderr)
    for old in result.pruned:
        print(f"已删除过期的每日备份 {old.name}")
    return 0


def run_restore(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.services.system import backups

    source = Path(args.source).expanduser()
    if not source.is_file():
        raise UserError(f"找不到备份文件：{source}", f"No backup file at {source}")
    manifest = backups.check_restorable(
        source, backups.current_town_code(db_path), other_town_ok=args.other_town
    )
    with _logged_in_for_restore(db_path, source, manifest, args) as actor:
        interactive = sys.stdin is not None and sys.stdin.isatty()
        if not interactive and not args.yes:
            # A script, a scheduled task or a pasted line: it cannot be asked, so it must say --yes.
            raise UsageError(
                "恢复会替换现在的全部数据；没有终端可以询问时，请加 --yes 表示确认。未做任何改动。",
                "A restore replaces all current data; without a terminal to ask on, add --yes. Nothing was changed.",
            )
        if interactive and not args.yes:
            made = manifest.created.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
            print(
                f"将用 {source.name}（{manifest.town_name}，{made} 制作，事件 {manifest.counts.get('events', 0)} 条）"
                f"替换 {db_path}。当前数据库会先另存一份备份。"
            )
            if input("确认恢复请输入 yes / type yes to restore: ").strip().lower() != "yes":
                print("未恢复。", file=sys.stderr)
                return 1
        try:
            result = backups.restore(
                db_path,
                source,
                actor,
                other_town_ok=args.other_town,
                reason=args.reason,
                progress=_report("恢复"),
            )
        finally:
            _end_progress()
    print(f"已从 {source.name} 恢复（用时 {result.seconds:.1f} 秒）。")
    if result.kept_aside is not None:
        print(f"原数据库已另存为 {result.kept_aside}")
    if result.migrated_from:
        print(f"备份来自旧版本（数据库版本 {result.migrated_from}），已升级。")
    return 0


@contextmanager
def _logged_in_for_restore(
    db_path: Path, source: Path, manifest: Manifest, args: argparse.Namespace
) -> Iterator[Actor]:
    """Logs the user in to the current database, or to a copy of the backup's when the current one is
    damaged or missing, and checks the right to restore; the database is closed again before the
    restore replaces it."""
    from desktop.backup_archive import extract_database
    from desktop.db import Database, is_damage
    from desktop.services.accounts.permissions import Permission

    with ExitStack() as stack:
        try:
            db = open_database(db_path)
        except UserError as exc:
            if db_path.exists() and not is_damage(exc):
                raise
            print(
                "当前数据库无法打开，按备份中的用户核对身份。 / the current database cannot be opened; "
                "the user is checked against the backup's users.",
                file=sys.stderr,
            )
            folder = stack.enter_context(
                tempfile.TemporaryDirectory(dir=db_path.parent, prefix=".restore-login-")
            )
            copy = Path(folder) / "login.db"
            extract_database(source, manifest, copy)
            db = Database.open(copy)
        try:
            with acting_user(db, args, "从备份恢复") as actor:
                actor.require(Permission.SYSTEM_SETTINGS)
        finally:
            db.close()
        yield actor
