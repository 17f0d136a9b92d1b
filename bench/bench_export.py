"""Event export speed beside the bare writers on the same rows (issue 18).

    python bench/bench_export.py                    # builds /tmp/towncentre-bench/events-100k.db once
    python bench/bench_export.py --db PATH --runs 5 # an existing demo database with events

The rows are the ones the export writes (every event, newest first), read once into memory for the
floors: `openpyxl` writes them with its write-only workbook as plain values (its fastest path),
`xlsxwriter` with its constant-memory workbook as string cells (what the export writes). The export
also reads and formats the rows, and keeps text safe. Runs go in turn (export, openpyxl,
xlsxwriter, export, ...) and each run's ratio is taken against the floors of the same round, so a
machine whose speed drifts still gives a fair ratio. Prints `name: value unit` lines: medians, wall
and CPU time, the load average, and how much the export's memory grew (it should stay flat).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Measure the code next to this file, not whichever checkout the virtualenv installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def build(path: Path, events: int) -> None:
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "desktop", "demo", "--db", str(path), "--events", str(events)], check=True
    )


def floor_openpyxl(rows: list[tuple[Any, ...]], headers: tuple[str, ...], target: Path) -> None:
    """openpyxl's fastest path: plain values in its write-only workbook (which types them itself, so a
    text starting with = would become a formula: not safe for the export, but the floor)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("事件")
    sheet.freeze_panes = "A2"
    sheet.append(list(headers))
    for row in rows:
        sheet.append(row)
    book.save(target)


def floor_xlsxwriter(rows: list[tuple[Any, ...]], headers: tuple[str, ...], target: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    sheet = book.add_worksheet("事件")
    sheet.freeze_panes(1, 0)
    for col, title in enumerate(headers):
        sheet.write_string(0, col, title)
    for n, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            sheet.write_string(n, col, value)
    book.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = args.db or Path("/tmp/towncentre-bench") / f"events-{args.events // 1000}k.db"
    build(path, args.events)

    from desktop.db import Database
    from desktop.services.accounts import auth
    from desktop.services.events import export
    from desktop.services.events.queries import EventFilter, EventReader, Sort

    db = Database.open(path)
    actor = auth.login(db, "admin", "demo2026").actor
    everything, newest_first = EventFilter(), Sort("reported_at", True)
    reader = EventReader(db, actor, everything, newest_first)
    rows = [row for batch in export._batches(reader, export.BATCH) for row in batch]
    name = f"export_{len(rows) // 1000}k"
    print(f"rows: {len(rows)}")

    figures: dict[str, list[tuple[float, float]]] = {}
    grew: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)

        def run_export() -> None:
            start = peak = rss_mb()

            def progress(_done: int, _total: int) -> None:
                nonlocal peak
                peak = max(peak, rss_mb())

            export.export_events(db, actor, everything, newest_first, folder / "export.xlsx", progress)
            grew.append(peak - start)

        contenders: dict[str, Callable[[], object]] = {
            name: run_export,
            f"{name}_floor_openpyxl": lambda: floor_openpyxl(rows, export.HEADERS, folder / "o.xlsx"),
            f"{name}_floor_xlsxwriter": lambda: floor_xlsxwriter(rows, export.HEADERS, folder / "x.xlsx"),
        }
        for _ in range(args.runs):
            for key, work in contenders.items():
                figures.setdefault(key, []).append(timed(work))

    print(f"load_average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for key, times in figures.items():
        wall = statistics.median(t[0] for t in times)
        cpu = statistics.median(t[1] for t in times)
        print(f"{key}: {wall:.1f} s (cpu {cpu:.1f} s, min {min(t[0] for t in times):.1f} s)")
    floors = [k for k in figures if k != name]
    fastest = [min(figures[k][i][1] for k in floors) for i in range(args.runs)]
    ratios = [figures[name][i][1] / fastest[i] for i in range(args.runs)]
    print(f"{name}_cpu_ratio_to_fastest_floor: {statistics.median(ratios):.2f} x (min {min(ratios):.2f})")
    print(f"{name}_memory_growth: {max(grew):.0f} MiB")
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
