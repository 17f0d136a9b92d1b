"""Print rendering: font registration once per process, then render time per document.

Builds the demo town in a temporary database, takes its largest mediation case (7 parties, long text,
rare characters) and renders, with the fonts already registered, the agreement and a case file of at
least 20 pages (the demo case with its sessions repeated until the file is that long).

    python bench/bench_printing.py [--runs 15]

Prints `name: value unit` lines (medians). Targets: agreement ≤ 50 ms, 20-page case file ≤ 300 ms.
Then the same case with every free-text field at its limit (tests/document_limits.py), for scale.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def median_ms(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    from desktop.db import Database
    from desktop.demo import town as demo
    from desktop.printing import layout, mediation_docs
    from desktop.services import mediation
    from desktop.services.accounts.permissions import SYSTEM_ACTOR

    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "towncentre.db")
        try:
            demo.fill_demo_town(db)
            case = max(
                (
                    mediation.get_case(db, SYSTEM_ACTOR, i, full_ids=True)
                    for i in mediation.list_case_ids(db, SYSTEM_ACTOR)
                ),
                key=lambda c: len(c.parties),
            )
        finally:
            db.close()

    start = time.perf_counter()
    layout.styles()  # registers the fonts: once per process
    print(f"font_registration: {(time.perf_counter() - start) * 1000:.1f} ms")

    mediation_docs.render_case("mediation-agreement", case)  # first use of each glyph warms the metrics
    agreement_pages = mediation_docs.render_case("mediation-agreement", case).pages
    print(f"agreement_pages: {agreement_pages} pages")
    print(
        f"render_agreement: {median_ms(lambda: mediation_docs.render_case('mediation-agreement', case), args.runs):.1f} ms"
    )

    big = case
    while mediation_docs.render_case("case-file", big).pages < 20:
        more = tuple(dataclasses.replace(s, id=f"{s.id}-{len(big.sessions)}") for s in case.sessions)
        big = dataclasses.replace(big, sessions=big.sessions + more)
    pages = mediation_docs.render_case("case-file", big).pages
    print(f"case_file_pages: {pages} pages")
    print(
        f"render_case_file: {median_ms(lambda: mediation_docs.render_case('case-file', big), args.runs):.1f} ms"
    )
    _bench_longest_case(case, max(3, args.runs // 3))
    _bench_event_documents(args.runs)
    return 0


def _bench_longest_case(case: object, runs: int) -> None:
    """The same case with every free-text field at its limit (tests/document_limits.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from document_limits import Sentences, longest_case

    from desktop.printing import mediation_docs

    longest = longest_case(case, Sentences())  # type: ignore[arg-type]
    for kind, name in (("mediation-agreement", "agreement"), ("case-file", "case_file")):
        pages = mediation_docs.render_case(kind, longest).pages
        print(f"longest_{name}_pages: {pages} pages")
        ms = median_ms(lambda kind=kind: mediation_docs.render_case(kind, longest), runs)
        print(f"render_longest_{name}: {ms:.1f} ms")


def _bench_event_documents(runs: int) -> None:
    """事件交办单 and 督办通知单 for one dispatched, supervised event among 20,000 demo events."""
    from desktop.db import Database
    from desktop.demo import town as demo
    from desktop.demo.events import generate_events
    from desktop.printing import registry
    from desktop.services import events
    from desktop.services.accounts.permissions import SYSTEM_ACTOR
    from desktop.services.events import workflow as flow

    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "towncentre.db")
        try:
            demo.fill_demo_town(db)
            generate_events(db, 20_000)
            with db.reading() as session:
                from sqlalchemy import select

                from desktop.models import Grid, MatterItem

                grid = session.scalars(select(Grid).limit(1)).one()
                item = session.scalar(select(MatterItem.id).where(MatterItem.name == "消防通道堵塞"))
            created = events.create_event(
                db, SYSTEM_ACTOR,
                events.EventInput(
                    channel="群众来访", occurred_at=db.clock(), community_id=grid.community_id, grid_id=grid.id,
                    matter_item_id=str(item), title="楼道堆放杂物堵塞消防通道",
                    description="三楼楼道长期堆放旧家具和纸箱，夜间有人在楼道给电动车充电。", reporter_name="张建国",
                    reporter_phone="13812345678",
                ),
            )  # fmt: skip
            flow.dispatch(db, SYSTEM_ACTOR, created.id, department_code="ZJ02")
            flow.supervise(db, SYSTEM_ACTOR, created.id, "请两日内清理完毕并反馈")
            for kind in ("event-dispatch", "supervision-notice"):
                render = registry.get(kind).render
                render(db, SYSTEM_ACTOR, created.id)
                ms = median_ms(lambda render=render: render(db, SYSTEM_ACTOR, created.id), runs)
                print(f"render_{kind.replace('-', '_')}: {ms:.1f} ms")
        finally:
            db.close()


if __name__ == "__main__":
    raise SystemExit(main())
