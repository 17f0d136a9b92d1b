"""The demo town's assessed months, printed from the command line: every sheet of the newest period
and the ranking of every period (`--all --out-dir`), each read back and audited."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from db_helpers import FakeClock, Towncentre
from sqlalchemy import select

from desktop.db import Database
from desktop.demo.assessment import add_demo_assessments
from desktop.models import AuditEntry
from desktop.services.accounts.permissions import Actor
from desktop.services.assessment import reports

ActorOf = Callable[[Database, str], Actor]


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_demo_months_print_from_the_command_line(
    demo_db: Database, actor_of: ActorOf, towncentre: Towncentre, tmp_path: Path
) -> None:
    demo_db.clock = FakeClock(datetime(2026, 11, 28, 2, tzinfo=UTC))
    add_demo_assessments(demo_db, "330127104000")
    manager = actor_of(demo_db, "zhuren")
    shown = [(p.code, p.state) for p in reports.periods(demo_db, manager)]
    assert shown == [("2026-10", "草稿"), ("2026-09", "已确认"), ("2026-08", "已确认"), ("2026-Q3", "草稿")]
    september = reports.ranking(demo_db, manager, reports.find_period_id(demo_db, manager, "2026-09"))
    assert len({r.grade for r in september.rows}) > 1, "punches differ, so do scores"

    sheets = tmp_path / "sheets"
    done = towncentre(
        "print", "assessment-sheet", "--all", "--out-dir", str(sheets), "--db", str(demo_db.path),
        "--user", "zhuren", TOWNCENTRE_PASSWORD="demo2026",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    october = reports.ranking(demo_db, manager, reports.find_period_id(demo_db, manager, "2026-10"))
    assert len(list(sheets.glob("*.pdf"))) == len(october.rows) == 60
    best = october.rows[0]
    [best_pdf] = sheets.glob(f"*-{best.community}-{best.name}.pdf")
    text = _pdf_text(best_pdf)
    assert "2026年10月网格员考核表" in text and best.name in text and f"最终得分{best.score:.2f}" in text
    assert text.count("\f") == 1, "a sheet without adjustments keeps to one page"

    rankings = tmp_path / "rankings"
    done = towncentre(
        "print", "assessment-ranking", "--all", "--out-dir", str(rankings), "--db", str(demo_db.path),
        "--user", "zhuren", TOWNCENTRE_PASSWORD="demo2026",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in rankings.glob("*.pdf")) == [
        f"assessment-ranking_{code}.pdf" for code in ("2026-08", "2026-09", "2026-10", "2026-Q3")
    ]
    text = _pdf_text(rankings / "assessment-ranking_2026-09.pdf")
    assert "2026年9月网格员考核排名表" in text and "已确认" in text
    assert all(r.name in text for r in september.rows)
    with demo_db.reading() as session:
        printed = session.scalars(
            select(AuditEntry.object_type).where(
                AuditEntry.action == "打印文书", AuditEntry.object_type.like("考核%")
            )
        ).all()
    assert printed.count("考核表") == 60 and printed.count("考核排名表") == 4
