"""Chinese line breaking (避头尾) for reportlab paragraphs.

reportlab's CJK wrapping knows only part of the rule: its list of marks that cannot start a line lacks
「，；：？！》」, it lets a mark that may not start a line hang past the right edge (through a table
rule), and it ends lines on 「（《“」. `Paragraph` here breaks the same greedy way but moves the break
back ("push-in" is never used, so nothing is drawn past the line's width) until the break is allowed:
no closing mark at a line's start, no opening mark at its end, no break inside a Latin word or a number,
next to a no-break space, or between a number and the 「号」 of a file number.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as _rl
from reportlab.rl_config import _FUZZ

NO_START = frozenset(ALL_CANNOT_START + "，。、；：？！）」』》〕】］｝〉”’…—·％‰℃,.;:?!)]}%")
NO_END = frozenset(ALL_CANNOT_END + "（「『《〔【［｛〈“‘([{")
NBSP = "\u00a0"


def _word_char(ch: str) -> bool:
    return bool(ch) and ord(ch) < 0x3000 and not ch.isspace()


def break_allowed(prev: str, nxt: str) -> bool:
    """Whether a line may end after `prev` and the next start with `nxt`."""
    if not prev or not nxt:
        return True
    if nxt in NO_START or prev in NO_END or NBSP in (prev, nxt):
        return False
    if nxt == "号" and prev.isdigit():
        return False
    return not (_word_char(prev) and _word_char(nxt))


def _break_before(chars: list[str], start: int, over: int) -> int:
    """Where the line [start, over) should end: the last allowed break at or before `over`; a line
    with no allowed break in it (one long number or word) is cut at `over`."""
    for b in range(over, start, -1):
        if break_allowed(chars[b - 1], chars[b]):
            return b
    return over


_widths: dict[tuple[str, str, float], float] = {}


def _measure(text: str, frag: Any) -> list[float]:
    """Each character's width, from a cache (reportlab measures every character anew)."""
    name, size = frag.fontName, frag.fontSize
    out = []
    for ch in text:
        key = (ch, name, size)
        width = _widths.get(key)
        if width is None:
            width = _widths[key] = stringWidth(ch, name, size)
        out.append(width)
    return out


def _make_line(
    chars: list[str],
    owners: list[Any],
    start: int,
    stop: int,
    max_width: float,
    used: float,
    brk: bool,
    bounds: bool,
) -> Any:
    """`makeCJKParaLine` for chars[start:stop], one word per run of one frag (reportlab compares every
    character's frag attributes)."""
    words: list[Any] = []
    size = top = bottom = 0.0
    i = start
    while i < stop:
        frag = owners[i]
        j = i + 1
        while j < stop and owners[j] is frag:
            j += 1
        words.append(frag.clone(text="".join(chars[i:j])))
        cb: Any = getattr(frag, "cbDefn", None)
        if bounds and cb is not None and cb.width:
            descent, ascent = _rl.imgVRange(_rl.imgNormV(cb.height, frag.fontSize), cb.valign, frag.fontSize)
        else:
            ascent, descent = _rl.getAscentDescent(frag.fontName, frag.fontSize)
        size, top, bottom = max(size, frag.fontSize), max(top, ascent), min(bottom, descent)
        i = j
    return _rl.FragLine(
        kind=1,
        extraSpace=max_width - used,
        wordCount=1,
        words=words,
        fontSize=size,
        ascent=top,
        descent=bottom,
        maxWidth=max_width,
        currentWidth=used,
        lineBreak=brk,
    )


def kinsoku_split(frags: list[Any], max_widths: list[float], calc_bounds: bool) -> Any:
    """`cjkFragSplit` with the break moved back to an allowed place instead of hanging the mark."""
    chars: list[str] = []
    owners: list[Any] = []
    widths: list[Any] = []  # floats, or reportlab's relative widths of inline images
    breaks: set[int] = set()  # indexes of <br/>
    for f in frags:
        text = f.text.decode("utf8") if isinstance(f.text, bytes) else f.text
        if text and not hasattr(f, "cbDefn"):
            chars.extend(text)
            widths.extend(_measure(text, f))
            owners.extend([f] * len(text))
        else:
            if hasattr(f, "lineBreak"):
                breaks.add(len(chars))
            chars.append(text or "")
            widths.append(_rl.cjkU(text, f, "utf8").width)
            owners.append(f)
    lines: list[Any] = []
    max_width = max_widths[0]
    n = len(chars)
    i = start = 0
    used = 0.0
    while i < n:
        w = widths[i]
        if not isinstance(w, float | int):  # a percentage of the line (inline image)
            w._normalizer = max_width
            w = widths[i] = w.normalizedValue(max_width)
        if i in breaks or (used + w > max_width + _FUZZ and i > start):
            stop, brk = (i + 1, True) if i in breaks else (_break_before(chars, start, i), False)
            line_used = used + w if brk else sum(widths[start:stop])
            lines.append(_make_line(chars, owners, start, stop, max_width, line_used, brk, calc_bounds))
            max_width = max_widths[min(len(lines), len(max_widths) - 1)]
            start = i = stop
            while not brk and i < n and chars[i] == " ":  # an ordinary space does not start a line
                start = i = i + 1
            used = 0.0
            continue
        used += w
        i += 1
    if i > start or not lines:
        lines.append(_make_line(chars, owners, start, n, max_width, used, False, calc_bounds))
    return _rl.ParaLines(kind=1, lines=lines)


class Paragraph(_rl.Paragraph):
    """reportlab's Paragraph with 避头尾 line breaking for wordWrap='CJK' styles."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]
        self.height = 0
        _rl._handleBulletWidth(self.bulletText, self.style, maxWidths)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        if not self.frags:
            return super().breakLinesCJK(maxWidths)
        # A table re-wraps every cell each time it splits across a page: break each width once.
        key = tuple(maxWidths)
        cached = getattr(self, "_cjk_lines", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        auto = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        lines = kinsoku_split(self.frags, list(maxWidths), auto not in ("", "off"))
        self._cjk_lines = (key, lines)
        return lines
