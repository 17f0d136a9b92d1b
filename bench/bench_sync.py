"""Sync throughput over loopback: a town's events and their timelines pushed to a real hub process
(`towncentre-county serve`), and county assignments pulled back, with the client's peak memory.

    python bench/bench_sync.py                        # 10,000 events, SQLite hub
    python bench/bench_sync.py --pg URL               # the same against PostgreSQL (postgresql+psycopg://…)
    python bench/bench_sync.py --events 100000 --no-pull --small 0   # the first full upload of a big town
                                                                       # (target ≤ 2 min; add --pg URL
                                                                       # --no-sqlite for PostgreSQL)
    python bench/bench_sync.py --runs 3 --small 0     # the median of three pushes (the machine may be shared)

Figures, one a line as `name: value unit`: push changes per second (target ≥ 2,000/s), the first
upload's wall time (`first_upload_100k_sqlite: N s`, with the load and the CPU seconds the town and the
hub process spent: the machine may be shared), pull changes per second, and the client's peak traced
memory for a small and a large town (it must not grow with the number of changes: batches stream).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CACHE = Path(tempfile.gettempdir()) / "towncentre-bench"
TOWN = "330127104000"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def town_file(events: int) -> Path:
    path = CACHE / f"sync-{events}.db"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "desktop", "demo", "--db", str(path), "--events", str(events)],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        print(f"demo_load_{events}_events: {time.perf_counter() - began:.1f} s")
    return path


def county(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "county", *args], check=True, capture_output=True, text=True)
    return done.stdout.strip()


class HubProcess:
    def __init__(self, db_url: str) -> None:
        self.db_url = db_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = county("add-town", TOWN, "清溪镇", "--db", db_url)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "county", "serve", "--db", db_url, "--port", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the hub did not start")

    def cpu_seconds(self) -> float:
        """The hub process's CPU time so far (user and system; Linux, else 0)."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@dataclass
class Pushed:
    """The first full upload of a town (and a pull of county assignments after it)."""

    changes: int
    seconds: float
    peak_mib: float = 0.0
    town_cpu: float = 0.0  # CPU seconds of the town's process (every thread) during the upload
    hub_cpu: float = 0.0  # and of the hub's
    pulled: int = 0
    pull_seconds: float = 1.0


def push_round(events: int, db_url: str, work: Path, trace: bool = False, pull: bool = True) -> Pushed:
    """The first full upload of a town and a pull of county assignments. Tracing memory slows Python
    down: timed runs do not trace."""
    from desktop.db import Database
    from desktop.services.common.audit_anchor import anchor_path
    from desktop.sync.rounds import TRIGGER_CLI, run_round

    copy = work / f"town-{events}.db"
    source = town_file(events)
    shutil.copy(source, copy)
    if anchor_path(source).exists():  # the audit anchor goes with the copy, or every open warns of it
        shutil.copy(anchor_path(source), anchor_path(copy))
    hub = HubProcess(db_url)
    db = Database.open(copy)
    try:
        if trace:
            tracemalloc.start()
        hub_cpu, town_cpu = hub.cpu_seconds(), time.process_time()
        began = time.perf_counter()
        result = run_round(db, hub.token, trigger=TRIGGER_CLI, county_url=hub.url)
        pushed = Pushed(result.pushed, time.perf_counter() - began)
        pushed.town_cpu, pushed.hub_cpu = time.process_time() - town_cpu, hub.cpu_seconds() - hub_cpu
        pushed.peak_mib = tracemalloc.get_traced_memory()[1] / 1024 / 1024 if trace else 0.0
        tracemalloc.stop()
        assert result.ok, result.message
        if pull and not trace:
            pushed.pulled, pushed.pull_seconds = pull_round(db, hub, events)
    finally:
        db.close()
        hub.stop()
    return pushed


def pull_round(db: object, hub: HubProcess, events: int) -> tuple[int, float]:
    """County assignments (县级交办) sent down to the town and pulled: (changes, seconds)."""
    from sqlalchemy import select

    from county import admin
    from county.db import open_hub
    from desktop.models import Community, MatterItem
    from desktop.sync.rounds import TRIGGER_CLI, run_round

    with db.reading() as session:  # type: ignore[attr-defined]
        community = session.scalars(select(Community.code)).first()
        matter = session.scalars(select(MatterItem.code).where(MatterItem.name == "邻里纠纷")).first()
    engine = open_hub(hub.db_url)
    count = max(events // 10, 100)
    for n in range(count):
        admin.assign(
            engine,
            TOWN,
            title=f"县级交办第{n + 1}件",
            community=community,
            matter=matter,
            deadline="2030-12-31",
        )
    engine.dispose()
    began = time.perf_counter()
    result = run_round(db, hub.token, trigger=TRIGGER_CLI, county_url=hub.url)  # type: ignore[arg-type]
    assert result.ok and result.pulled == count, result.one_line()
    return count, time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=2_000, help="the small town for the memory comparison")
    parser.add_argument(
        "--pg", metavar="URL", default="", help="also against this PostgreSQL database (emptied)"
    )
    parser.add_argument("--no-sqlite", action="store_true", help="only the PostgreSQL hub")
    parser.add_argument("--no-pull", action="store_true", help="push only (the first upload's wall time)")
    parser.add_argument("--runs", type=int, default=1, help="pushes per hub; the median is reported")
    args = parser.parse_args()
    print(f"load: {os.getloadavg()[0]:.2f} (1 min) at start")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        hubs = [] if args.no_sqlite else [("sqlite", lambda name: f"sqlite:///{work / name}.db")]
        if args.pg:
            hubs.append(("postgresql", lambda _name: args.pg))
        for label, url_of in hubs:
            times = []
            for run in range(args.runs):
                if label == "postgresql":
                    _empty_pg(args.pg)
                done = push_round(
                    args.events, url_of(f"big-{label}-{run}"), work, pull=not args.no_pull and run == 0
                )
                times.append(done.seconds)
                load = os.getloadavg()[0]
                print(
                    f"push_{label}_{args.events}_events: {done.changes} changes in {done.seconds:.1f} s "
                    f"({done.changes / done.seconds:.0f}/s, load {load:.2f})"
                )
                print(
                    f"first_upload_{_short(args.events)}_{label}: {done.seconds:.1f} s (load {load:.2f}; "
                    f"CPU: town {done.town_cpu:.1f} s, hub {done.hub_cpu:.1f} s)"
                )
                if done.pulled:
                    print(
                        f"pull_{label}_rate: {done.pulled / done.pull_seconds:.0f} changes/s "
                        f"({done.pulled} assignments)"
                    )
            print(
                f"push_{label}_rate: {done.changes / statistics.median(times):.0f} changes/s "
                f"(median of {args.runs})"
            )
        if args.small:
            # The client's memory: a small and a large town's first upload, traced (SQLite hub).
            for n in (args.small, args.events):
                peak = push_round(n, f"sqlite:///{work / f'trace-{n}'}.db", work, trace=True).peak_mib
                print(f"client_peak_{n}_events: {peak:.1f} MiB")
    return 0


def _short(events: int) -> str:
    """100000 -> "100k" (the figure's name)."""
    return f"{events // 1000}k" if events >= 1000 and events % 1000 == 0 else str(events)


def _empty_pg(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


if __name__ == "__main__":
    raise SystemExit(main())
