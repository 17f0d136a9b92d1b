"""Backup and restore of a large database against a plain file copy of it (the floor).

    python bench/bench_backup.py [--db PATH]   # default: the 1M-event database bench_events.py builds

Works on a copy in a temporary folder beside the database (the original is never touched). Prints
`name: value unit` lines: the plain copy (floor), the backup (snapshot, integrity_check, zip, read-back),
its size against the database, a check of the file alone, and the restore (which first backs up the
database it replaces, so it includes a second backup).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=Path("/tmp/towncentre-bench/events-1m.db"))
    args = parser.parse_args()
    if not args.db.is_file():
        print(f"no database at {args.db}: run bench/bench_events.py first", file=sys.stderr)
        return 2

    from desktop import backup_archive
    from desktop.services.accounts.permissions import SYSTEM_ACTOR
    from desktop.services.system import backups

    with tempfile.TemporaryDirectory(dir=args.db.parent, prefix="bench-backup-") as folder:
        work = Path(folder) / "towncentre.db"
        start = time.perf_counter()
        shutil.copyfile(args.db, work)
        copy_s = time.perf_counter() - start
        size = work.stat().st_size
        print(f"database_size: {size / 1e6:.0f} MB")
        print(f"plain_copy: {copy_s:.1f} s")

        start = time.perf_counter()
        made = backups.write(work, kind=backups.MANUAL, made_by="bench")
        backup_s = time.perf_counter() - start
        print(f"backup: {backup_s:.1f} s (plain copy {copy_s:.1f} s, ratio {backup_s / copy_s:.1f})")
        print(
            f"backup_size: {made.path.stat().st_size / 1e6:.0f} MB ({made.path.stat().st_size / size:.0%} of the database)"
        )

        start = time.perf_counter()
        backup_archive.verify_backup(made.path)
        print(f"verify_backup: {time.perf_counter() - start:.1f} s")

        start = time.perf_counter()
        result = backups.restore(work, made.path, SYSTEM_ACTOR)
        restore_s = time.perf_counter() - start
        print(f"restore: {restore_s:.1f} s (includes the before-restore backup; plain copy {copy_s:.1f} s)")
        print(
            f"restore_without_safety_copy: {restore_s - backup_s:.1f} s (estimate: restore minus one backup)"
        )
        assert result.kept_aside is not None
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
