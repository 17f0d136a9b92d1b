"""Start-up time: from launching the program to the login dialog, and to the main window.

Each run is a new process on a copy of a demo database (Python, Qt and the database all start
from nothing in the process; the OS file cache stays warm, as on a PC used every day). The program's
hidden --startup-probe prints wall-clock marks when the login dialog is up, logs in as the demo
administrator, and prints again when the main window is up.

    python bench/bench_startup.py [--runs 5]
    python bench/bench_startup.py --program /opt/towncentre/TownCentre   # an installed or built bundle
    python bench/bench_startup.py --typing 2000   # 登录 pressed 2 s after the dialog shows, as a person

By default the probe presses 登录 the instant the dialog is up: the worst case, where the login waits
for SQLAlchemy and the models that the warm-up (app.WarmUp) otherwise loads while a person types.
`startup_login_to_main_window` is the wait a person sees after pressing 登录.

Prints `name: value unit` lines; the figures to report are the medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def program_command(program: str | None) -> list[str]:
    """The program to start: this checkout's Python (`python -m desktop`) or a bundle's executable."""
    return [program] if program else [sys.executable, "-m", "desktop"]


def one_run(db: Path, program: str | None, typing_ms: int) -> tuple[float, float, float, float, float]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        TOWNCENTRE_PROBE_USER="admin",
        TOWNCENTRE_PROBE_PASSWORD="demo2026",
        TOWNCENTRE_PROBE_TYPING_MS=str(typing_ms),
    )
    launched = time.time()
    done = subprocess.run(
        [*program_command(program), "--db", str(db), "--startup-probe"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"start-up failed ({done.returncode}): {done.stderr[-2000:]}")
    marks = {
        k: float(v) for k, v in (line.split(": ", 1) for line in done.stdout.splitlines() if ": " in line)
    }
    return (
        (marks["login_dialog"] - launched) * 1000,
        (marks["main_window"] - launched) * 1000,
        # CPU time the program used by then: steadier than wall time on a busy machine.
        marks.get("login_dialog_cpu", float("nan")) * 1000,
        marks.get("main_window_cpu", float("nan")) * 1000,
        (marks["main_window"] - marks.get("login_pressed", marks["login_dialog"])) * 1000,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--program",
        metavar="EXE",
        default=None,
        help="a bundle's TownCentre executable (default: this checkout)",
    )
    parser.add_argument(
        "--typing",
        metavar="MS",
        type=int,
        default=0,
        help="press 登录 this long after the dialog is up (default: at once)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "template.db"
        subprocess.run(
            [*program_command(args.program), "demo", "--db", str(template)],
            check=True,
            capture_output=True,
            timeout=300,
        )
        logins, mains, login_cpus, main_cpus, waits = [], [], [], [], []
        for n in range(args.runs):
            db = Path(tmp) / f"run{n}" / "towncentre.db"
            db.parent.mkdir()
            db.write_bytes(template.read_bytes())
            login_ms, main_ms, login_cpu, main_cpu, wait_ms = one_run(db, args.program, args.typing)
            logins.append(login_ms)
            mains.append(main_ms)
            login_cpus.append(login_cpu)
            main_cpus.append(main_cpu)
            waits.append(wait_ms)
            print(f"run{n + 1}_login_dialog: {login_ms:.0f} ms")
            print(f"run{n + 1}_main_window: {main_ms:.0f} ms")
    print(f"startup_to_login_dialog_median: {statistics.median(logins):.0f} ms")
    print(f"startup_to_main_window_median: {statistics.median(mains):.0f} ms")
    print(
        f"startup_login_to_main_window_median: {statistics.median(waits):.0f} ms (登录 pressed after {args.typing} ms)"
    )
    print(f"startup_to_login_dialog_cpu_median: {statistics.median(login_cpus):.0f} ms")
    print(f"startup_to_main_window_cpu_median: {statistics.median(main_cpus):.0f} ms")
    print(f"load_average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
