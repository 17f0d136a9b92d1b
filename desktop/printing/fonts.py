"""Finding and registering CJK TrueType fonts for reportlab.

reportlab embeds only TrueType-outline fonts. On Windows the system's FangSong/SimSun/SimHei serve;
on Linux the packaged AR PL UMing and WenQuanYi Micro Hei. The non-embedded CID font STSong-Light is
the last resort, and `towncentre check` warns when it is in use.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("towncentre.printing")

FONT_DIR_ENV = "TOWNCENTRE_FONT_DIR"

# (file name, index inside a .ttc), best first.
BODY_CANDIDATES = [("simfang.ttf", 0), ("simsun.ttc", 0), ("uming.ttc", 0), ("wqy-microhei.ttc", 0)]
HEADING_CANDIDATES = [("simhei.ttf", 0), ("wqy-microhei.ttc", 0), ("simsun.ttc", 0), ("uming.ttc", 0)]

CID_FALLBACK = "STSong-Light"


@dataclass(frozen=True)
class FontChoice:
    role: str  # body / heading
    name: str  # the name registered with reportlab
    path: Path | None  # None for the CID fallback
    embedded: bool


@dataclass(frozen=True)
class FontSet:
    body: FontChoice
    heading: FontChoice

    @property
    def all_embedded(self) -> bool:
        return self.body.embedded and self.heading.embedded


def search_dirs() -> list[Path]:
    dirs: list[Path] = []
    if os.environ.get(FONT_DIR_ENV):
        dirs.append(Path(os.environ[FONT_DIR_ENV]))
    if sys.platform == "win32":
        dirs.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    else:
        dirs += [
            Path("/usr/share/fonts/truetype/arphic"),
            Path("/usr/share/fonts/truetype/wqy"),
            Path("/usr/share/fonts/truetype"),
            Path("/usr/share/fonts"),
            Path.home() / ".fonts",
        ]
    return dirs


def find_font_file(filename: str) -> Path | None:
    lower = filename.lower()
    for folder in search_dirs():
        if not folder.is_dir():
            continue
        direct = folder / filename
        if direct.is_file():
            return direct
        for found in folder.rglob("*"):
            if found.name.lower() == lower and found.is_file():
                return found
    return None


def _choose(role: str, candidates: list[tuple[str, int]]) -> FontChoice:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    for filename, index in candidates:
        path = find_font_file(filename)
        if path is None:
            continue
        name = f"TC-{role}-{Path(filename).stem}"
        try:
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
        except Exception as exc:  # a damaged or CFF-outline file: try the next one
            log.warning("font %s unusable: %s", path, exc)
            continue
        return FontChoice(role, name, path, True)
    log.warning("no CJK TrueType font found for %s; using the non-embedded %s", role, CID_FALLBACK)
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return FontChoice(role, CID_FALLBACK, None, False)


_lock = threading.Lock()
_fonts: FontSet | None = None


def register_fonts() -> FontSet:
    """Registers the fonts once per process (≈100 ms the first time); safe from any thread."""
    global _fonts
    with _lock:
        if _fonts is None:
            _fonts = FontSet(_choose("body", BODY_CANDIDATES), _choose("heading", HEADING_CANDIDATES))
        return _fonts
