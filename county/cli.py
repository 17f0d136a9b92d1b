"""`towncentre-county`: the county hub's command (serve, towns and tokens, figures, publishing, answers).

Every command opens (and migrates) the hub's database first. A refusal changes nothing: its reason goes
to stderr in Chinese and the exit status is 1.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="towncentre-county", description="县级中心数据交换服务")
    parser.add_argument("--version", action="version", version=f"towncentre-county {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--db", required=True, help="SQLite 文件路径，或 postgresql+psycopg://… 地址")
        return p

    p = command("serve", "运行数据交换服务")
    p.add_argument("--port", type=int, default=8470)
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认只在本机；对外请经反向代理或 TLS）")
    p.add_argument("--ssl-keyfile", type=Path, help="TLS 私钥文件（PEM）")
    p.add_argument("--ssl-certfile", type=Path, help="TLS 证书文件（PEM，可含中间证书）")
    p = command("add-town", "登记镇街，在标准输出打印它的令牌")
    p.add_argument("code", help="12 位镇街编码")
    p.add_argument("name", help="镇街名称")
    p = command("rotate-token", "为镇街换发令牌（旧令牌立即失效）")
    p.add_argument("code")
    p = command("revoke-town", "停用镇街的令牌")
    p.add_argument("code")
    p = command("stats", "各镇街上报的记录数")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p = command("publish-matters", "从 xlsx 发布事项清单新版本")
    p.add_argument("file", type=Path)
    p = command("publish-holidays", "发布某年的节假日安排")
    p.add_argument("year", type=int)
    p.add_argument("--from-file", type=Path, help="CSV 或 xlsx：日期、类型（休/班）、名称")
    p = command("assign", "县级交办：给镇街派发新事件")
    p.add_argument("town")
    p.add_argument("--title", required=True)
    p.add_argument("--community", required=True, help="村（社区）编码")
    p.add_argument("--matter", required=True, help="事项编码")
    p.add_argument("--deadline", required=True, help="办结期限 YYYY-MM-DD")
    p.add_argument("--department", default="", help="部门编码")
    p.add_argument("--description", default="")
    p.add_argument("--address", default="")
    p.add_argument("--urgency", default="一般")
    p = command("answer", "答复上报县级的事件：交办部门，或退回镇级")
    p.add_argument("event_number")
    p.add_argument("--town", help="多个镇街有同一事件编号时指定镇街")
    way = p.add_mutually_exclusive_group(required=True)
    way.add_argument("--assign", metavar="DEPT", help="交办部门编码")
    way.add_argument("--return", dest="returning", action="store_true", help="退回镇级")
    p.add_argument("--deadline", default="", help="办结期限 YYYY-MM-DD（交办时必填）")
    p.add_argument("--note", default="")
    p.add_argument("--reason", default="", help="退回理由（退回时必填）")
    command("mark-restored", "从备份恢复后执行：更换纪元，各镇街重新上传并重新获取")
    command("show-key", "打印中心的离线包公钥（供镇街在同步设置中填写）")
    p = command("set-town-key", "登记镇街的离线包公钥")
    p.add_argument("code")
    p.add_argument("key", help="镇街“同步设置”中显示的公钥（base64）")
    p = command("import-package", "导入镇街的离线包")
    p.add_argument("file", type=Path)
    p = command("export-package", "为镇街导出离线包（县级下发的数据和对其上报的答复）")
    p.add_argument("town")
    p.add_argument("--out", type=Path, required=True, help="离线包文件（.zip）")
    p.add_argument("--since", type=int, help="从此序号之后导出（默认：该镇街已确认的位置）")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Alembic's "Context impl … / Will assume …" lines on every command read like errors in cron mail.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    from sqlalchemy.exc import OperationalError

    from county import admin
    from county.db import open_hub
    from desktop.errors import UserError

    try:
        if args.command == "serve":
            return _serve(args)
        engine = open_hub(args.db)
        try:
            return _run(args, engine)
        finally:
            engine.dispose()
    except admin.Refused as exc:
        print(f"未执行：{exc}", file=sys.stderr)
        return 1
    except UserError as exc:  # an offline package refused
        print(f"未执行：{exc.zh}", file=sys.stderr)
        return 1
    except OperationalError as exc:
        print(f"无法打开数据库：{exc.orig}", file=sys.stderr)
        return 1


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from county.admin import Refused
    from county.app import create_app

    if (args.ssl_keyfile is None) != (args.ssl_certfile is None):
        raise Refused("--ssl-keyfile 与 --ssl-certfile 要一起给出")
    uvicorn.run(
        create_app(args.db),
        host=args.host,
        port=args.port,
        ssl_keyfile=str(args.ssl_keyfile) if args.ssl_keyfile else None,
        ssl_certfile=str(args.ssl_certfile) if args.ssl_certfile else None,
        log_level="info",
    )
    return 0


def _run(args: argparse.Namespace, engine: object) -> int:
    from sqlalchemy import Engine

    from county import admin

    assert isinstance(engine, Engine)
    if args.command == "add-town":
        print(admin.add_town(engine, args.code, args.name))
    elif args.command == "rotate-token":
        print(admin.rotate_token(engine, args.code))
    elif args.command == "revoke-town":
        admin.revoke_town(engine, args.code)
        print(f"已停用镇街 {args.code} 的令牌", file=sys.stderr)
    elif args.command == "stats":
        figures = admin.stats(engine)
        if args.json:
            print(json.dumps(figures, ensure_ascii=False, indent=2))
        else:
            for code, counts in figures.items():
                print(code, " ".join(f"{k}={v}" for k, v in counts.items()))
    elif args.command == "publish-matters":
        version, items = admin.publish_matters(engine, args.file)
        print(f"已发布事项清单 {version}（{items} 项）", file=sys.stderr)
    elif args.command == "publish-holidays":
        days, changed = admin.publish_holidays(engine, args.year, args.from_file)
        what = "已发布" if changed else "与已发布的相同，未改动："
        print(f"{what} {args.year} 年节假日安排（{days} 天）", file=sys.stderr)
    elif args.command == "assign":
        record_id = admin.assign(
            engine, args.town, title=args.title, community=args.community, matter=args.matter,
            deadline=args.deadline, department=args.department, description=args.description,
            address=args.address, urgency=args.urgency,
        )  # fmt: skip
        print(record_id)
    elif args.command == "answer":
        if args.returning:
            town, record_id = admin.answer(
                engine, args.event_number, returning=True, note=args.reason, town_code=args.town
            )
        else:
            town, record_id = admin.answer(
                engine, args.event_number, department=args.assign, deadline=args.deadline, note=args.note,
                town_code=args.town,
            )  # fmt: skip
        print(record_id)
        print(f"已答复事件 {args.event_number}，待镇街 {town} 下次同步时收到", file=sys.stderr)
    elif args.command in ("show-key", "set-town-key", "import-package", "export-package"):
        _packages(args, engine)
    elif args.command == "mark-restored":
        epoch, floor = admin.mark_restored(engine)
        print(f"已更换纪元 {epoch}；各镇街下次同步将重新上传，并从序号 {floor} 起重新获取", file=sys.stderr)
    return 0


def _packages(args: argparse.Namespace, engine: object) -> None:
    from sqlalchemy import Engine

    from county import packages

    assert isinstance(engine, Engine)
    if args.command == "show-key":
        print(packages.show_key(engine))
    elif args.command == "set-town-key":
        packages.set_town_key(engine, args.code, args.key)
        print(f"已登记镇街 {args.code} 的离线包公钥", file=sys.stderr)
    elif args.command == "import-package":
        print(packages.import_package(engine, args.file).one_line(), file=sys.stderr)
    else:
        done = packages.export_package(engine, args.town, args.out, args.since)
        print(
            f"已导出离线包 {done.package_id}：序号 {done.from_seq}–{done.to_seq}，{done.changes} 条变更，"
            f"{done.replies} 份答复",
            file=sys.stderr,
        )
