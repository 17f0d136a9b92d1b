"""`towncentre print`: documents as PDF files from the command line (DESIGN.md §5).

    towncentre print --kinds
    towncentre print KIND ID --out FILE.pdf --user NAME [--db PATH]
    towncentre print KIND --all --out-dir DIR --user NAME [--db PATH]

ID is a mediation case's file number （2026）清溪人调字第3号 (ASCII brackets work too), the short form
2026-3 (year-number), or the case's id (uuid). For duty-rota and attendance-sheet it is a month, 2026-05
(attendance-sheet: 2026-05@清溪社区 for one community, by name or code; the whole town otherwise), and
for assessment-bulletin, the monthly 考核通报 (a month not yet confirmed prints as a 草稿).

Who prints: documents carry personal data, so the command acts as a real user, like the program does:
`--user NAME` (or env TOWNCENTRE_USER) with the password from env TOWNCENTRE_PASSWORD, or asked for
on the terminal. The login is checked and audited (wrong passwords count towards the lockout); the
user's permissions apply (MEDIATION_VIEW to print, full ID numbers only with PERSON_VIEW_ID: without
it the file is a 「仅供查阅」 copy with IDs and birth dates masked); every document written leaves an
audit row naming the case version it shows.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli_auth import acting_user, add_user_option, open_database
from desktop.errors import UsageError

if TYPE_CHECKING:
    from desktop.db import Database
    from desktop.printing.registry import Document
    from desktop.services.accounts.permissions import Actor

REFERENCE_ONLY_NOTE = (
    "注意：您没有“查看完整身份证号”权限，输出的是仅供查阅副本（身份证号和出生日期已隐去），不是正式文书。"
    " / Reference copy: without the right to view full IDs, IDs and birth dates are masked."
)


DRAFT_NOTE = (
    "注意：该考核周期尚未确认，输出的是草稿（每页印有“草稿”，没有文号）。"
    " / Draft: the period is not confirmed yet; every page is marked 草稿 and it has no number."
)


def add_parser(sub: Any, add_db: Callable[[argparse.ArgumentParser, object], None]) -> None:
    p = sub.add_parser(
        "print",
        help="打印文书为 PDF / print documents as PDF",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db(p, argparse.SUPPRESS)
    p.add_argument("kind", nargs="?", metavar="KIND", help="文书种类，见 --kinds / document kind")
    p.add_argument(
        "ident",
        nargs="?",
        metavar="ID",
        help="案件文号、2026-3 或编号；值班表、考勤表、考核通报为月份 2026-05 / case number or id; a month",
    )
    p.add_argument("--kinds", action="store_true", help="列出可打印的文书种类 / list the kinds")
    p.add_argument("--all", action="store_true", help="该种类的全部文书 / every document of the kind")
    p.add_argument("--out", metavar="FILE.pdf", help="输出文件 / output file")
    p.add_argument("--out-dir", metavar="DIR", help="输出目录（与 --all 一起用） / output folder")
    p.add_argument(
        "--mark-missing",
        action="store_true",
        help="没有字体的字印作 [U+XXXX]，而不是拒绝打印 / print characters no font has as [U+XXXX]",
    )
    add_user_option(p)


def run(args: argparse.Namespace, db_path: Path) -> int:
    from desktop.printing import registry

    if args.kinds:
        for kind in registry.kinds():
            print(f"{kind.name}\t{kind.title_zh}\t{kind.title_en}")
        return 0
    if not args.kind:
        raise UsageError("请指定文书种类（可用 --kinds 查看）。", "Name a document kind (see --kinds).")
    kind = registry.get(args.kind)
    if args.all:
        if args.ident or args.out or not args.out_dir:
            raise UsageError(
                "--all 需与 --out-dir DIR 一起使用，不带 ID 和 --out。",
                "--all goes with --out-dir DIR, without ID or --out.",
            )
    elif not args.ident or not args.out or args.out_dir:
        raise UsageError(
            "用法：towncentre print KIND ID --out FILE.pdf，或 towncentre print KIND --all --out-dir DIR。",
            "Usage: towncentre print KIND ID --out FILE.pdf, or towncentre print KIND --all --out-dir DIR.",
        )
    from desktop.services.common.uow import DOCUMENT_PRINTED

    db = open_database(db_path)
    with closing(db), acting_user(db, args, DOCUMENT_PRINTED) as actor:
        if args.all:
            from desktop.services.common.files import refuse_database_target

            out_dir = Path(args.out_dir)
            refuse_database_target(out_dir)  # before it is made: not inside the program's own folders
            # --out-dir names a folder for many files, made on purpose if missing (--out never is).
            out_dir.mkdir(parents=True, exist_ok=True)
            written = skipped = 0
            reference_only = draft = False
            for subject in kind.list_ids(db, actor):
                try:
                    document = registry.render(
                        kind, db, actor, subject, allow_missing_glyphs=args.mark_missing
                    )
                except registry.NotApplicable:
                    skipped += 1
                    continue
                target = out_dir / f"{document.file_stem}.pdf"
                reference_only = reference_only or document.reference_only
                draft = draft or document.draft
                _write_audited(db, actor, document, target)
                written += 1
            print(
                f"已输出 {written} 份 {kind.title_zh}（{skipped} 个{kind.subject_noun}没有此文书）到 {out_dir}"
            )
            if reference_only:
                print(REFERENCE_ONLY_NOTE)
            if draft:
                print(DRAFT_NOTE)
            return 0
        subject = kind.resolve(db, actor, args.ident)
        document = registry.render(kind, db, actor, subject, allow_missing_glyphs=args.mark_missing)
        out = Path(args.out)
        _write_audited(db, actor, document, out)
        print(
            f"已输出 {kind.title_zh} {document.subject_label}"
            f"（{document.pages} 页，{kind.subject_noun}版本 {document.ver}）：{out}"
        )
        if document.reference_only:
            print(REFERENCE_ONLY_NOTE)
        if document.draft:
            print(DRAFT_NOTE)
        return 0


def _write_audited(db: Database, actor: Actor, document: Document, target: Path) -> None:
    """The PDF goes to an owner-only temporary file, is audited, and only then renamed into place:
    a failed audit (or a killed run) leaves no new file and the old one as it was."""
    from desktop.printing import registry
    from desktop.services.common.files import write_bytes_atomically

    write_bytes_atomically(
        target,
        document.pdf,
        lambda: registry.record_output(db, actor, document, "命令行", 1, str(target)),
    )
