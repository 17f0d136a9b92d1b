"""Kills the program at random moments of heavy writing, many times (issue 15's crash-safety figures):

    python scripts/kill_test.py --kills 120 [--seed N] [--keep]

The kills are spread evenly over the kinds of tests/crash_harness.py (event saves, a matter-list
import, a migration, a backup, a restore). Prints `name: value unit` lines: kills tried and survived in
all and per kind, operations reported done, staging files left behind, seconds. The folder of every kill
that left a problem is kept and named (all of them with --keep). Exit status 1 when a kill was not
survived. POSIX only (os.fork, SIGKILL).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import crash_harness  # noqa: E402 - after the path is set
from crash_harness import KINDS, KillResult, Materials  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=120, help="kills in all (spread over the kinds)")
    parser.add_argument("--seed", type=int, default=15, help="seed of the random delays")
    parser.add_argument("--keep", action="store_true", help="keep every kill's folder, not only failures")
    parser.add_argument("--folder", type=Path, help="where to work (default: a new temporary folder)")
    args = parser.parse_args(argv)

    started = time.monotonic()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="towncentre-kills-"))
    folder.mkdir(parents=True, exist_ok=True)
    materials = Materials.build(folder / "materials")
    per_kind = -(-args.kills // len(KINDS))
    results: list[KillResult] = []
    rng = random.Random(args.seed)
    for n in range(per_kind):
        for kind in KINDS:
            if len(results) >= args.kills:
                break
            work = folder / f"{kind}-{n:03d}"
            result = crash_harness.kill_once(kind, materials, work, rng)
            results.append(result)
            if not result.survived:
                print(f"failed: {kind} after {result.delay:.3f} s ({work})", flush=True)
                for problem in result.problems:
                    print(f"    {problem}", flush=True)
            elif not args.keep:
                crash_harness.remove_folder(work)
    seconds = time.monotonic() - started

    def line(name: str, value: float | int, unit: str) -> None:
        print(f"{name}: {value} {unit}")

    line("kills_tried", sum(r.killed for r in results), "kills")
    line("kills_survived", sum(r.survived for r in results), "kills")
    for kind in KINDS:
        mine = [r for r in results if r.kind == kind]
        line(f"{kind}_kills_tried", sum(r.killed for r in mine), "kills")
        line(f"{kind}_kills_survived", sum(r.survived for r in mine), "kills")
        line(f"{kind}_reported_done", sum(r.reported for r in mine), "operations")
        line(f"{kind}_kills_before_first_report", sum(r.reported == 0 for r in mine), "kills")
        line(f"{kind}_leftover_files", sum(len(r.leftovers) for r in mine), "files")
    line("seconds", round(seconds, 1), "s")
    if args.keep or not all(r.survived for r in results):
        print(f"folder: {folder}")
    else:
        crash_harness.remove_folder(folder)
    return 0 if all(r.survived for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
