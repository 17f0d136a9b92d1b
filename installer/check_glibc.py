"""Which glibc the Linux bundle needs: the newest GLIBC_x.y symbol version any of its ELF files uses.

    python installer/check_glibc.py dist/TownCentre                 # report
    python installer/check_glibc.py dist/TownCentre --max 2.28      # fail above UOS 20's glibc

A bundle runs only where the system's libc6 is at least that version: UOS 20 has 2.28, Kylin V10 2.31,
Debian 12 (where CI builds) 2.36. Reads `objdump -T` (binutils). Prints `glibc_needed: X.Y`, then with
--max the files that need more, newest first, and exits 1 if there are any.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
VERSION_RE = re.compile(r"\bGLIBC_(\d+(?:\.\d+)+)\b")


def version_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def elf_files(bundle: Path) -> list[Path]:
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == ELF_MAGIC:
                    found.append(path)
    return found


def glibc_needed(path: Path, objdump: str) -> str | None:
    """The newest GLIBC_ version among the file's dynamic symbols, or None (static, or no glibc)."""
    result = subprocess.run(
        [objdump, "-T", str(path)], capture_output=True, text=True, errors="replace", check=False
    )
    versions = VERSION_RE.findall(result.stdout)
    return max(versions, key=version_key) if versions else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("bundle", type=Path, help="the onedir bundle (dist/TownCentre)")
    parser.add_argument("--max", help="the oldest target's glibc, e.g. 2.28: fail when a file needs more")
    args = parser.parse_args(argv)
    objdump = shutil.which("objdump")
    if objdump is None:
        print("objdump not found (install binutils)", file=sys.stderr)
        return 2
    if not args.bundle.is_dir():
        print(f"no bundle at {args.bundle}", file=sys.stderr)
        return 2
    needs = {}
    for path in elf_files(args.bundle):
        version = glibc_needed(path, objdump)
        if version is not None:
            needs[path.relative_to(args.bundle)] = version
    if not needs:
        print("no ELF file with glibc symbols found", file=sys.stderr)
        return 2
    newest = max(needs.values(), key=version_key)
    print(f"elf_files: {len(needs)}")
    print(f"glibc_needed: {newest}")
    if args.max is None:
        return 0
    over = sorted(
        ((v, p) for p, v in needs.items() if version_key(v) > version_key(args.max)),
        key=lambda item: (version_key(item[0]), str(item[1])),
        reverse=True,
    )
    for version, path in over:
        print(f"  needs GLIBC_{version}: {path}")
    print(f"files_over_{args.max}: {len(over)}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
