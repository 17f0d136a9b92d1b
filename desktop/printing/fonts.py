"""Finding and registering CJK TrueType fonts for reportlab.

reportlab embeds only TrueType-outline fonts. On Windows the system's FangSong/SimSun/SimHei serve;
on Linux the packaged AR PL UMing and WenQuanYi Micro Hei. The non-embedded CID font STSong-Light is
the last resort, and `towncentre check` warns when it is in use.

Names hold characters the body font lacks (FangSong has GBK only: 㐀, U+3400, is in CJK Extension A,
𠮷, U+20BB7, in Extension B): a chain of fallback fonts covers them, run by run of such characters
(SimSun for Extension A, SimSun-ExtB / MingLiU-ExtB on Windows, and Microsoft YaHei first under a
heading in SimHei; HanaMin A/B from the Debian package fonts-hanazono, or any TrueType font fontconfig
finds with Extension B, on Linux). Windows fonts are found by file name in the Fonts folders.
A character no font has is never printed as a box: `MissingGlyph` refuses the document unless the user
chose to print it as its code point (「[U+20BB7]」).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from desktop.errors import UserError

log = logging.getLogger("towncentre.printing")

FONT_DIR_ENV = "TOWNCENTRE_FONT_DIR"
# Set (to 1) to search TOWNCENTRE_FONT_DIR alone: no system folders, no fontconfig (tests, odd setups).
FONT_DIR_ONLY_ENV = "TOWNCENTRE_FONT_DIR_ONLY"

# (file name, index inside a .ttc), best first.
BODY_CANDIDATES = [("simfang.ttf", 0), ("simsun.ttc", 0), ("uming.ttc", 0), ("wqy-microhei.ttc", 0)]
HEADING_CANDIDATES = [("simhei.ttf", 0), ("wqy-microhei.ttc", 0), ("simsun.ttc", 0), ("uming.ttc", 0)]

# Fonts for the characters the body font lacks, best first; then whatever fontconfig knows with Ext-B.
FALLBACK_CANDIDATES = [
    ("simsun.ttc", 0),  # SimSun: all of GB18030's BMP characters, Extension A included
    ("simsunb.ttf", 0),  # SimSun-ExtB
    ("simsunextg.ttf", 0),  # SimSun-ExtG (Windows 11)
    ("mingliub.ttc", 0),  # MingLiU-ExtB
    ("HanaMinA.ttf", 0),
    ("HanaMinB.ttf", 0),
]
# Tried first for a character the heading font (SimHei) lacks: a sans-serif like the heading.
HEADING_FALLBACK_CANDIDATES = [("msyh.ttc", 0), ("msyh.ttf", 0)]  # Microsoft YaHei (Windows 8+, 7)
EXT_B_PROBE = 0x20BB7  # 𠮷: a fontconfig font that has it covers Extension B

CID_FALLBACK = "STSong-Light"


class MissingGlyph(UserError):
    """No installed font can print a character of a field; the document is refused before it is written."""

    def __init__(self, field: str, value: str, char: str) -> None:
        code = f"U+{ord(char):04X}"
        super().__init__(
            f"{field}“{value}”中的“{char}”（{code}）没有可用字体，打印出来会是方框。"
            f"请安装含该字的字体（如 Windows 的 SimSun-ExtB、Linux 的 fonts-hanazono），"
            f"或选择把该字印作“[{code}]”。",
            f"No installed font has “{char}” ({code}) in the {field} “{value}”; it would print as a box. "
            f"Install a font that has it, or print it as “[{code}]”.",
        )
        self.field = field
        self.value = value
        self.char = char


def code_point_mark(char: str) -> str:
    """What a character no font has is printed as when the user allows it."""
    return f"[U+{ord(char):04X}]"


@dataclass(frozen=True)
class FontChoice:
    role: str  # body / heading / fallback / heading-fallback
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

    def body_has(self, char: str) -> bool:
        return _has(self.body, char)

    def has(self, font: str, char: str) -> bool:
        """Whether the font registered as `font` has a glyph for `char`."""
        if font == self.heading.name:
            return _has(self.heading, char)
        if font == self.body.name:
            return _has(self.body, char)
        return ord(char) in _coverage.get(font, frozenset())

    def font_for(self, char: str, font: str | None = None) -> str | None:
        """The registered name of the font to set `char` in, inside text set in `font` (the body font
        unless told): that font when it has the glyph; else, under a heading, the heading fallbacks
        (Microsoft YaHei) and the body font; else the fallbacks, then the other faces. None: no font."""
        own = self.heading if font == self.heading.name and font != self.body.name else self.body
        if _has(own, char):
            return own.name
        chain = fallback_fonts()
        if own is self.heading:
            order = [c for c in chain if c.role == "heading-fallback"] + [self.body]
            order += [c for c in chain if c.role != "heading-fallback"]
        else:
            order = [c for c in chain if c.role != "heading-fallback"] + [self.heading]
            order += [c for c in chain if c.role == "heading-fallback"]
        for choice in order:
            if _has(choice, char):
                return choice.name
        return None


def needs_glyph(char: str) -> bool:
    """Whitespace and controls take no glyph (line breaks, tabs, spaces)."""
    return not char.isspace() and char.isprintable()


_coverage: dict[str, frozenset[int]] = {}


def _has(choice: FontChoice, char: str) -> bool:
    if not choice.embedded:  # the CID font: the BMP's CJK only, nothing from the supplementary planes
        return ord(char) <= 0xFFFF
    return ord(char) in _coverage.get(choice.name, frozenset())


def _dir_only() -> bool:
    return bool(os.environ.get(FONT_DIR_ONLY_ENV)) and bool(os.environ.get(FONT_DIR_ENV))


def search_dirs() -> list[Path]:
    dirs: list[Path] = []
    if os.environ.get(FONT_DIR_ENV):
        dirs.append(Path(os.environ[FONT_DIR_ENV]))
    if _dir_only():
        return dirs
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


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap with code points past U+FFFF written as UTF-16 surrogate pairs.

    reportlab 5.x writes 𠮷 as <20BB7>, which readers take as U+20BB plus a stray digit: the PDF shows
    the glyph, but text copied or searched (pdftotext, a court's e-filing) is wrong."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{chr(v).encode('utf-16-be').hex().upper()}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


def _register(role: str, name: str, path: Path, index: int) -> FontChoice | None:
    from reportlab.pdfbase import pdfmetrics, ttfonts
    from reportlab.pdfbase.ttfonts import TTFont

    ttfonts.makeToUnicodeCMap = _to_unicode_cmap

    try:
        font = TTFont(name, str(path), subfontIndex=index)
    except Exception as exc:  # a damaged or CFF-outline file: the caller tries the next one
        log.warning("font %s unusable: %s", path, exc)
        return None
    pdfmetrics.registerFont(font)
    _coverage[name] = frozenset(font.face.charToGlyph)
    return FontChoice(role, name, path, True)


def _choose(role: str, candidates: list[tuple[str, int]]) -> FontChoice:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    for filename, index in candidates:
        path = find_font_file(filename)
        if path is None:
            continue
        choice = _register(role, f"TC-{role}-{Path(filename).stem}", path, index)
        if choice is not None:
            return choice
    log.warning("no CJK TrueType font found for %s; using the non-embedded %s", role, CID_FALLBACK)
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return FontChoice(role, CID_FALLBACK, None, False)


def _windows_ext_fonts() -> list[tuple[Path, int]]:
    """Windows has no fontconfig: other installed TrueType fonts named for the CJK extensions."""
    found: list[tuple[Path, int]] = []
    for folder in search_dirs():
        if folder.is_dir():
            found += [(f, 0) for f in sorted(folder.glob("*[Ee][Xx][Tt]*.tt[fc]")) if f.is_file()]
    return found


def _fontconfig_ext_b() -> list[tuple[Path, int]]:
    """TrueType fonts fontconfig knows that have an Extension B character (CFF .otf cannot be embedded)."""
    if sys.platform == "win32":
        return _windows_ext_fonts()
    if _dir_only() or shutil.which("fc-list") is None:
        return []
    try:
        out = subprocess.run(
            ["fc-list", "--format", "%{file}|%{index}|%{fontformat}\n", f":charset={EXT_B_PROBE:x}"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    found: list[tuple[Path, int]] = []
    for line in sorted(out.splitlines()):
        file, _, rest = line.partition("|")
        index, _, fmt = rest.partition("|")
        if fmt == "TrueType" and file.lower().endswith((".ttf", ".ttc")) and index.isdigit():
            found.append((Path(file), int(index)))
    return found


def _load_fallbacks(fonts: FontSet) -> list[FontChoice]:
    chain: list[FontChoice] = []
    seen = {choice.path.resolve() for choice in (fonts.body, fonts.heading) if choice.path}
    places = [
        ("heading-fallback", path, index)
        for name, index in HEADING_FALLBACK_CANDIDATES
        if (path := find_font_file(name))
    ]
    places += [
        ("fallback", path, index) for name, index in FALLBACK_CANDIDATES if (path := find_font_file(name))
    ]
    places += [("fallback", path, index) for path, index in _fontconfig_ext_b()]
    for role, path, index in places:
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        choice = _register(role, f"TC-fallback-{len(chain)}-{path.stem}", path, index)
        if choice is not None:
            chain.append(choice)
    if not chain:
        log.warning("no fallback font for characters outside the body font (CJK Extension B)")
    return chain


_lock = threading.Lock()
_fonts: FontSet | None = None
_fallbacks: list[FontChoice] | None = None


def fallback_fonts() -> list[FontChoice]:
    """Loaded on first need (≈0.5 s a font): most documents need none."""
    global _fallbacks
    fonts = register_fonts()
    with _lock:
        if _fallbacks is None:
            _fallbacks = _load_fallbacks(fonts)
        return _fallbacks


def reset() -> None:
    """Forgets the fonts found, so the next document searches again (after the font folders changed)."""
    global _fonts, _fallbacks
    with _lock:
        _fonts = None
        _fallbacks = None


def register_fonts() -> FontSet:
    """Registers the fonts once per process (≈100 ms the first time); safe from any thread."""
    global _fonts
    with _lock:
        if _fonts is None:
            _fonts = FontSet(_choose("body", BODY_CANDIDATES), _choose("heading", HEADING_CANDIDATES))
        return _fonts
