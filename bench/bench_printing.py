"""Print rendering: font registration once per process, then render time per document.

Builds the demo town in a temporary database, takes its largest mediation case (7 parties, long text,
rare characters) and renders, with the fonts already registered, the agreement and a case file of at
least 20 pages (the demo case with its sessions repeated until the file is that long).

    python bench/bench_printing.py [--runs 15]

Prints `name: value unit` lines (medians). Targets: agreement ≤ 50 ms, 20-page case file ≤ 300 ms.
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
    from desktop.printing import layout, mediation_docs
    from desktop.services import demo, mediation
    from desktop.services.permissions import SYSTEM_ACTOR

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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
