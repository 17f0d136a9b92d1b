"""Attendance at town scale: importing a 50,000-punch machine file and the month's sheet for 300 workers.

    python bench/bench_attendance.py

Builds the demo town in a temporary folder, adds centre staff up to 300 workers with machine numbers,
then imports a ZKTeco-style attlog.dat of 10,000 and one of 50,000 punches (two a day per worker, from
1 January 2026) and computes the March 2026 sheet for the whole town. Prints `name: value unit`
lines; the peak-memory lines are the growth of the process's peak RSS during each import, so a flat
import shows about the same growth for both files. Targets (issue 13): sheet ≤ 200 ms, import ≤ 10 s.
"""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORKERS = 300


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _write_attlog(path: Path, pins: list[str], first: date, days: int, seed: int) -> int:
    rng = random.Random(seed)
    count = 0
    with path.open("w", encoding="ascii", newline="") as out:
        for offset in range(days):
            day = first + timedelta(days=offset)
            for pin in pins:
                for hour, spread in ((8, 40), (17, 50)):
                    moment = datetime(day.year, day.month, day.day, hour, 10) + timedelta(
                        minutes=rng.randrange(spread), seconds=rng.randrange(60)
                    )
                    out.write(f"{pin:>9}\t{moment:%Y-%m-%d %H:%M:%S}\t1\t0\t1\t0\r\n")
                    count += 1
    return count


def main() -> int:
    from desktop.db import Database
    from desktop.demo import town as demo
    from desktop.services.accounts.permissions import SYSTEM_ACTOR
    from desktop.services.common.uow import unit_of_work
    from desktop.services.workforce import attendance
    from desktop.services.workforce.attendance_import import import_punches
    from desktop.services.workforce.grids import CENTRE_POST
    from desktop.services.workforce.roster import WorkerInput, place_worker

    with tempfile.TemporaryDirectory(prefix="bench-attendance-") as folder:
        root = Path(folder)
        db = Database.open(root / "towncentre.db")
        try:
            demo.fill_demo_town(db)
            first, last = date(2026, 1, 1), date(2026, 12, 31)
            have = len(attendance.workers(db, SYSTEM_ACTOR, first, last))
            with unit_of_work(db, SYSTEM_ACTOR) as uow:
                for i in range(WORKERS - have):
                    region_birth = f"330127198{i // 300}{(i // 28) % 12 + 1:02d}{i % 28 + 1:02d}"
                    seq = f"{i % 1000:03d}"
                    body = region_birth + seq
                    check = "10X98765432"[sum(int(d) * (2 ** (17 - k) % 11) for k, d in enumerate(body)) % 11]
                    place_worker(
                        uow, WorkerInput(f"职员{i:03d}", body + check, CENTRE_POST, date(2020, 1, 1))
                    )
            people = attendance.workers(db, SYSTEM_ACTOR, first, last)
            pins = [str(1000 + n) for n in range(len(people))]
            with unit_of_work(db, SYSTEM_ACTOR) as uow:
                for worker, pin in zip(people, pins, strict=True):
                    attendance.enrol(uow, worker.person_id, pin)
            print(f"workers: {len(people)}")

            small = root / "attlog-small.dat"
            big = root / "attlog.dat"
            n_small = _write_attlog(small, pins, date(2025, 12, 1), 17, seed=1)
            n_big = _write_attlog(big, pins, date(2026, 1, 1), 84, seed=2)

            before = _peak_mib()
            start = time.perf_counter()
            import_punches(db, SYSTEM_ACTOR, small)
            small_s = time.perf_counter() - start
            small_growth = _peak_mib() - before
            print(f"import_{n_small}_punches: {small_s:.2f} s")
            print(f"import_{n_small}_peak_rss_growth: {small_growth:.1f} MiB")

            before = _peak_mib()
            start = time.perf_counter()
            result = import_punches(db, SYSTEM_ACTOR, big)
            big_s = time.perf_counter() - start
            big_growth = _peak_mib() - before
            print(f"import_{n_big}_punches: {big_s:.2f} s (target 10 s; {result.added} added)")
            print(f"import_{n_big}_peak_rss_growth: {big_growth:.1f} MiB")

            start = time.perf_counter()
            sheet = attendance.month_sheet(db, SYSTEM_ACTOR, 2026, 3, today=date(2026, 11, 28))
            cold_ms = (time.perf_counter() - start) * 1000
            runs = []
            for _ in range(5):
                start = time.perf_counter()
                attendance.month_sheet(db, SYSTEM_ACTOR, 2026, 3, today=date(2026, 11, 28))
                runs.append((time.perf_counter() - start) * 1000)
            print(f"month_sheet_{len(sheet.rows)}_workers_first: {cold_ms:.0f} ms")
            print(f"month_sheet_{len(sheet.rows)}_workers: {min(runs):.0f} ms (best of 5; target 200 ms)")
        finally:
            db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
