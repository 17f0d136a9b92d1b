"""The `towncentre` command: the GUI without a sub-command, headless sub-commands otherwise.

Exit codes (DESIGN.md §5): 0 done, 1 failed (one line on stderr: Chinese / English), 2 bad usage.
Commands that read personal data or write act as a named user (desktop/cli_auth.py); `demo`, `check`
and `stats` do not. Only `demo` creates a database; `check` and `stats` read one the program may not
write without writing to it.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import __version__
from desktop.cli_auth import acting_user, add_user_option, open_database, refuse_undecodable
from desktop.errors import UsageError, UserError
from desktop.logsetup import setup_logging
from desktop.network_drives import refuse_network_location
from desktop.paths import make_files_private, resolve_db_path, use_data_folder

if TYPE_CHECKING:
    from desktop.db import Database
    from desktop.services.accounts.permissions import Actor
    from desktop.services.matters.listfile import RowError

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
    demo.add_argument(
        "--events",
        metavar="N",
        type=int,
        default=0,
        help="另生成 N 条演示事件（五年内） / also N demo events",
    )

    check = sub.add_parser("check", help="自检：数据库、审计链、字体、PDF、密钥环 / self-test")
    _add_db(check, argparse.SUPPRESS)

    importer = sub.add_parser(
        "import", help="从 Excel 导入（全部无误才导入） / import from xlsx, all or nothing"
    )
    _add_db(importer, argparse.SUPPRESS)
    importer.add_argument(
        "kind",
        choices=["matters", "workers", "attendance"],
        help="matters：事项清单（含部门）；workers：网格人员；attendance：考勤机打卡文件"
        "（attlog.dat、csv、xlsx、xls；表头不认识时用图形界面中记住的列对应）",
    )
    importer.add_argument("file", metavar="FILE.xlsx")
    importer.add_argument(
        "--dry-run", action="store_true", help="只列出差异，不导入 / show the differences only"
    )
    importer.add_argument(
        "--skip-unknown",
        action="store_true",
        help="attendance：跳过未登记考勤号码的打卡（条数会报告并记入审计），否则整个文件不导入 / "
        "leave out punches of unknown machine numbers",
    )
    add_user_option(importer)

    exporter = sub.add_parser("export", help="导出为 Excel / export to xlsx")
    _add_db(exporter, argparse.SUPPRESS)
    exporter.add_argument(
        "kind",
        choices=["matters", "matters-template", "events", "workers", "workers-template"],
        help="matters：事项清单；matters-template：空白模板；events：事件（可按下列条件筛选）；"
        "workers：网格人员；workers-template：网格人员空白模板",
    )
    exporter.add_argument("--out", metavar="FILE.xlsx", required=True)
    exporter.add_argument(
        "--state", action="append", default=[], metavar="S", help="仅导出此状态（可重复） / events: state"
    )
    exporter.add_argument("--since", metavar="YYYY-MM-DD", type=_day, help="上报日期自 / events: from")
    exporter.add_argument("--until", metavar="YYYY-MM-DD", type=_day, help="上报日期至 / events: to")
    exporter.add_argument("--text", metavar="T", default="", help="标题、描述、地址包含 / events: text")
    add_user_option(exporter)

    stats = sub.add_parser("stats", help="各类记录数量 / record counts")
    _add_db(stats, argparse.SUPPRESS)
    stats.add_argument("--json", action="store_true", help="以 JSON 输出 / print JSON")
    from desktop import print_cli  # `print` (issue 5): its own module

    print_cli.add_parser(sub, _add_db)
    from desktop import backup_cli

    backup_cli.add_parsers(sub, _add_db)
    backup_cli.add_remember_parser(sub, _add_db)
    from desktop import sync_cli

    sync_cli.add_parser(sub, _add_db)

    audit = sub.add_parser("audit", help="审计日志 / the audit log")
    audit_sub = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    reanchor = audit_sub.add_parser(
        "reanchor",
        help="查明锚点问题后，从当前日志末尾重建审计锚点（需“管理用户账号”权限） / re-establish the audit "
        "anchor after a finding was looked into",
    )
    _add_db(reanchor, argparse.SUPPRESS)
    reanchor.add_argument(
        "--reason", metavar="TEXT", required=True, help="查明的情况，写入审计日志 / why, for the audit log"
    )
    add_user_option(reanchor)
    return parser


# The only commands that make a database where there is none (besides the program's first run): the
# demo town, and a restore onto a database that was lost. Every other one refuses a missing file.
CREATES_DATABASE = frozenset({"demo", "restore"})


def main(argv: Sequence[str] | None = None) -> int:
    if getattr(sys, "frozen", False):
        # The demo generator's worker processes re-enter here in a frozen Windows build. Imported only
        # there: freeze_support does nothing elsewhere, and the import costs the GUI's start 10 ms.
        import multiprocessing

        multiprocessing.freeze_support()
    make_files_private()
    args = build_parser().parse_args(argv)
    try:
        refuse_undecodable(args)  # before anything is opened, written or audited
    except UsageError as exc:
        print(exc.one_line(), file=sys.stderr)
        return exc.exit_code
    db_path = resolve_db_path(args.db)
    use_data_folder(db_path)
    if args.command is None:
        # The GUI collects garbage on its own thread and schedule (desktop/views/gc_guard.py): none
        # while its modules are imported (about 7 ms of the start, issue 18).
        gc.disable()
        from desktop.app import run_gui

        return run_gui(db_path, startup_probe=args.startup_probe)
    try:
        refuse_network_location(db_path)  # before a log folder is made on the share
    except UserError as exc:
        print(exc.one_line(), file=sys.stderr)
        return exc.exit_code
    if args.command in CREATES_DATABASE or db_path.is_file():
        # A mistyped --db gets no folder and log there; the command itself refuses the missing file.
        setup_logging(db_path, console=False)
    try:
        handler = {
            "demo": _demo, "check": _check, "stats": _stats, "import": _import, "export": _export,
            "print": _print, "audit": _audit, "backup": _backup, "restore": _restore,
            "remember-password": _remember, "sync": _sync,
        }[args.command]  # fmt: skip
        return handler(args, db_path)
    except UserError as exc:
        print(exc.one_line(), file=sys.stderr)
        return exc.exit_code
    except Exception as exc:
        from desktop.db import BUSY_TIMEOUT_MS, DatabaseBusy, is_busy_error, storage_problem

        log.exception("command %s failed", args.command)
        problem = storage_problem(exc, db_path)
        if problem is not None:
            print(problem.one_line(), file=sys.stderr)
        elif is_busy_error(exc):  # a lock met outside a write's BEGIN (which says so itself)
            print(DatabaseBusy(db_path, BUSY_TIMEOUT_MS / 1000).one_line(), file=sys.stderr)
        elif isinstance(exc, OSError) and exc.filename:
            print(
                f"无法读写 {exc.filename}：{exc.strerror} / cannot use {exc.filename}: {exc.strerror}",
                file=sys.stderr,
            )
        else:
            print(f"意外错误，详情见日志 / unexpected error, see the log: {exc!r}", file=sys.stderr)
        return 1


def _sync(args: argparse.Namespace, db_path: Path) -> int:
    from desktop import sync_cli

    return sync_cli.run(args, db_path)


def _demo(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.db import Database
    from desktop.demo import town as demo

    if args.events < 0:
        raise UserError("事件数不能为负数。", "The number of events cannot be negative.")
    db = Database.open(db_path)
    try:
        summary = demo.fill_demo_town(db, args.town or demo.DEFAULT_AREA_CODE)
        if args.events:
            from desktop.demo.events import generate_events

            def report(done: int, total: int) -> None:
                if sys.stderr is not None and sys.stderr.isatty():
                    print(f"\r生成演示事件 {done}/{total}", end="", file=sys.stderr, flush=True)

            generate_events(db, args.events, progress=report)
            if sys.stderr is not None and sys.stderr.isatty():
                print(file=sys.stderr)
        from desktop.demo.assessment import add_demo_assessments  # after the events it reads

        add_demo_assessments(db, summary.area_code)
    finally:
        db.close()
    print(
        f"演示数据已生成：{summary.town_name}（{summary.area_code}），{summary.users} 个用户，"
        f"{summary.communities} 个村（社区），{summary.grids} 个网格，{summary.workers} 名网格人员，"
        f"{args.events} 条事件。"
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


def _import(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.services.accounts.permissions import Permission

    source = Path(args.file)
    if not source.is_file():
        raise UserError(f"找不到文件：{source}", f"File not found: {source}")
    if args.skip_unknown and args.kind != "attendance":
        raise UsageError("--skip-unknown 只用于 attendance。", "--skip-unknown is for attendance only.")
    if args.kind == "workers":
        return _import_workers(args, db_path, source)
    if args.kind == "attendance":
        return _import_attendance(args, db_path, source)
    db = open_database(db_path)
    try:
        with acting_user(db, args, "导入事项清单") as actor:
            # Refused before the file is read: its row errors are of no use to someone who may not import.
            actor.require(Permission.MATTER_EDIT)
            return _import_list(db, actor, source, dry_run=args.dry_run)
    finally:
        db.close()


def print_rejections(errors: Sequence[RowError]) -> None:
    """A refused file's reasons, one line each, on stderr (the file was left out whole)."""
    for error in errors:
        print(error.text(), file=sys.stderr)


def _import_workers(args: argparse.Namespace, db_path: Path, source: Path) -> int:
    from desktop.services.accounts.permissions import Permission
    from desktop.services.matters.listfile import FileRejected
    from desktop.services.workforce import workers_xlsx

    if args.dry_run:
        raise UsageError("--dry-run 只用于 matters。", "--dry-run is for matters only.")
    db = open_database(db_path)
    try:
        with acting_user(db, args, "导入网格人员") as actor:
            actor.require(Permission.GRID_EDIT)  # before the file is read
            try:
                result = workers_xlsx.import_workers(db, actor, source)
            except FileRejected as rejected:
                print_rejections(rejected.errors)
                raise
    finally:
        db.close()
    print(
        f"已导入网格人员：新增 {result.posts_added} 个岗位、{result.people_added} 名人员，"
        f"{result.unchanged} 行已在册未变。"
    )
    return 0


def _import_attendance(args: argparse.Namespace, db_path: Path, source: Path) -> int:
    from desktop.services.accounts.permissions import Permission
    from desktop.services.matters.listfile import FileRejected
    from desktop.services.workforce.attendance_import import import_punches

    if args.dry_run:
        raise UsageError("--dry-run 只用于 matters。", "--dry-run is for matters only.")
    db = open_database(db_path)
    try:
        with acting_user(db, args, "导入考勤") as actor:
            actor.require(Permission.DUTY_EDIT)  # before the file is read
            try:
                result = import_punches(db, actor, source, skip_unknown=args.skip_unknown)
            except FileRejected as rejected:
                print_rejections(rejected.errors)
                if not args.skip_unknown and any("未登记" in e.zh for e in rejected.errors):
                    print(
                        "未登记号码的打卡（保洁、访客卡等）可加 --skip-unknown 跳过（跳过的条数会报告并记入审计日志），"
                        "或先在程序中登记考勤号码。",
                        file=sys.stderr,
                    )
                raise
    finally:
        db.close()
    line = f"已导入打卡：文件 {result.in_file} 条，新增 {result.added} 条"
    if result.seen_before:
        line += f"，其余 {result.seen_before} 条已导入过"
    if result.enrolments:
        line += "，新登记考勤号码 " + "、".join(f"{pin} → {name}" for pin, name in result.enrolments)
    if result.skipped:
        line += f"；跳过未登记考勤号码 {'、'.join(result.skipped_numbers)} 的打卡 {result.skipped} 条"
    print(line + "。")
    return 0


def _import_list(db: Database, actor: Actor, source: Path, *, dry_run: bool) -> int:
    from desktop.services.matters import exchange, listfile

    try:
        incoming = listfile.read_xlsx(db, source)
    except listfile.FileRejected as rejected:
        print_rejections(rejected.errors)
        raise
    diff = exchange.compare(db, actor, incoming)
    print(f"版本 {diff.current_version or '（无）'} → {diff.version.version}：{diff.summary()}")
    for record in diff.added:
        print(f"  + {record.code} {record.name}")
    for change in diff.changed:
        print(
            f"  * {change.code} {change.name}："
            + "；".join(f"{c.label} {c.before} → {c.after}" for c in change.changes)
        )
    for change in diff.retired:
        print(f"  - {change.code} {change.name}")
    if dry_run or diff.is_empty:
        print("未导入（仅预览）。" if dry_run else "没有变化，无需导入。")
        return 0
    exchange.apply(db, actor, incoming)
    print(f"已导入事项清单 {incoming.version.version}。")
    return 0


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD / not a date: {value}") from None


def _export(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.services.matters import exchange

    out = Path(args.out)
    if args.kind == "events":
        return _export_events(args, db_path, out)
    if args.state or args.since or args.until or args.text:
        raise UsageError(
            "--state、--since、--until、--text 只用于 events。", "Those filters are for events only."
        )
    if args.kind in ("workers", "workers-template"):
        return _export_workers(args, db_path, out)
    if args.kind == "matters-template":
        exchange.write_template(out)
        print(f"空白模板已写入 {out}")
        return 0
    db = open_database(db_path)
    try:
        with acting_user(db, args, "导出事项清单") as actor:
            count = exchange.export_xlsx(db, actor, out)
    finally:
        db.close()
    print(f"已导出 {count} 个事项到 {out}")
    return 0


def _export_workers(args: argparse.Namespace, db_path: Path, out: Path) -> int:
    from desktop.services.workforce import workers_xlsx

    if args.kind == "workers-template":
        workers_xlsx.write_template(out)
        print(f"空白模板已写入 {out}")
        return 0
    db = open_database(db_path)
    try:
        with acting_user(db, args, "导出网格人员") as actor:
            count = workers_xlsx.export_workers(db, actor, out)
    finally:
        db.close()
    print(f"已导出 {count} 条网格人员记录到 {out}")
    return 0


def _export_events(args: argparse.Namespace, db_path: Path, out: Path) -> int:
    from desktop.services.events import State
    from desktop.services.events.export import export_events
    from desktop.services.events.queries import EventFilter, Sort

    known = [s.value for s in State]
    unknown = [s for s in args.state if s not in known]
    if unknown:
        raise UsageError(
            f"没有“{'、'.join(unknown)}”这种状态。可用：{'、'.join(known)}",
            f"Unknown state {', '.join(unknown)}; use one of the Chinese state names.",
        )
    if args.since and args.until and args.since > args.until:
        raise UsageError("--since 晚于 --until。", "--since is after --until.")
    chosen = EventFilter(states=tuple(args.state), since=args.since, until=args.until, text=args.text)

    def report(done: int, total: int) -> None:
        if sys.stderr is not None and sys.stderr.isatty():
            print(f"\r导出事件 {done}/{total}", end="", file=sys.stderr, flush=True)

    db = open_database(db_path)
    try:
        with acting_user(db, args, "导出事件") as actor:
            count = export_events(db, actor, chosen, Sort(), out, progress=report)
    finally:
        db.close()
        if sys.stderr is not None and sys.stderr.isatty():
            print(file=sys.stderr)
    print(f"已导出 {count} 条事件到 {out}")
    return 0


def _stats(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.services.system.stats import record_counts

    db = open_database(db_path, read_only_ok=True)
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


def _print(args: argparse.Namespace, db_path: Path) -> int:
    from desktop import print_cli

    return print_cli.run(args, db_path)


def _backup(args: argparse.Namespace, db_path: Path) -> int:
    from desktop import backup_cli

    return backup_cli.run_backup(args, db_path)


def _remember(args: argparse.Namespace, db_path: Path) -> int:
    from desktop import backup_cli

    return backup_cli.run_remember(args, db_path)


def _restore(args: argparse.Namespace, db_path: Path) -> int:
    from desktop import backup_cli

    return backup_cli.run_restore(args, db_path)


def _audit(args: argparse.Namespace, db_path: Path) -> int:
    """`audit reanchor`: after an anchor finding has been looked into, the chain's head becomes the anchor."""
    from desktop.services.common import audit_anchor
    from desktop.services.system.audit import reestablish_anchor

    db = open_database(db_path)
    try:
        # Not ESTABLISHED itself: a refusal must not read as an anchor that was once established.
        with acting_user(db, args, "重建审计锚点") as actor:
            reestablish_anchor(db, actor, args.reason)
        anchor = audit_anchor.read_anchor(db.path)
    finally:
        db.close()
    where = f"第 {anchor.seq} 条" if anchor else "当前末尾"
    print(f"已重建审计锚点（{where}）。")
    return 0
