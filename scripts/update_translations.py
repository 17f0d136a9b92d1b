"""Refreshes resources/translations: extracts tr() strings (lupdate) and compiles .qm files (lrelease).

Run after changing user-facing text in desktop/views or desktop/app.py:
    python scripts/update_translations.py          # update .ts from the code, then compile .qm
    python scripts/update_translations.py --release # compile .qm only (what the tests compare)
Translators edit resources/translations/towncentre_en.ts (Qt Linguist: pyside6-linguist).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ["en"]
SOURCES = [ROOT / "desktop" / "app.py", *sorted((ROOT / "desktop" / "views").rglob("*.py"))]


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if found is None:
        beside = Path(sys.executable).parent / f"pyside6-{name}"
        if beside.exists():
            return str(beside)
        raise SystemExit(f"pyside6-{name} not found; install PySide6")
    return found


def ts_path(language: str) -> Path:
    return TS_DIR / f"towncentre_{language}.ts"


def qm_path(language: str) -> Path:
    return TS_DIR / f"towncentre_{language}.qm"


def update() -> None:
    for language in LANGUAGES:
        subprocess.run(
            [
                tool("lupdate"),
                "-no-obsolete",
                "-source-language",
                "zh_CN",
                "-target-language",
                language,
                *map(str, SOURCES),
                "-ts",
                str(ts_path(language)),
            ],
            check=True,
        )


def release(out_dir: Path = TS_DIR) -> list[Path]:
    outputs = []
    for language in LANGUAGES:
        target = out_dir / qm_path(language).name
        subprocess.run([tool("lrelease"), "-silent", str(ts_path(language)), "-qm", str(target)], check=True)
        outputs.append(target)
    return outputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--release", action="store_true", help="only compile .ts into .qm")
    args = parser.parse_args()
    TS_DIR.mkdir(parents=True, exist_ok=True)
    if not args.release:
        update()
    for path in release():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
