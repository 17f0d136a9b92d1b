"""Official-document typography on A4 with reportlab: styles, ruled form tables, page numbers.

Titles use the heading face (SimHei / WenQuanYi), text the body face (FangSong / SimSun / AR PL UMing),
both embedded TrueType from `fonts.register_fonts()`. Every paragraph wraps CJK text (wordWrap='CJK')
with 避头尾 (`cjk.Paragraph`). Nothing has a fixed height: a form's free-text cell grows with its text
and runs on over the page with its label repeated 「…（续）」 (`form`, `text_rows`).
A document that runs over a page gets `第 X 页 共 Y 页` in its footer; one page gets none.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeAlias
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from desktop.printing.cjk import NO_START, Paragraph
from desktop.printing.fonts import FontSet, MissingGlyph, code_point_mark, needs_glyph, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
# GB/T 9704 official-document margins, roughly: top 37 mm, left 28 mm, right 26 mm, bottom 35 mm.
# Forms need room, so a little less at top and bottom.
MARGIN_TOP = 30 * mm
MARGIN_BOTTOM = 28 * mm
MARGIN_LEFT = 26 * mm
MARGIN_RIGHT = 24 * mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT


@dataclass(frozen=True)
class Styles:
    fonts: FontSet
    title: ParagraphStyle
    subtitle: ParagraphStyle
    number: ParagraphStyle
    body: ParagraphStyle
    body_indent: ParagraphStyle
    heading: ParagraphStyle
    cell: ParagraphStyle
    cell_label: ParagraphStyle
    cell_center: ParagraphStyle
    sign: ParagraphStyle
    right: ParagraphStyle
    cover_title: ParagraphStyle
    small: ParagraphStyle


_styles: Styles | None = None
_lock = threading.Lock()


def styles() -> Styles:
    """Registers the fonts (once per process) and builds the styles from them."""
    global _styles
    with _lock:
        fonts = register_fonts()
        if _styles is None or _styles.fonts is not fonts:  # fonts.reset() searched again
            body, head = fonts.body.name, fonts.heading.name

            def style(name: str, font: str = body, size: float = 13, **kw: Any) -> ParagraphStyle:
                kw.setdefault("leading", size * 1.6)
                return ParagraphStyle(name, fontName=font, fontSize=size, wordWrap="CJK", **kw)

            _styles = Styles(
                fonts=fonts,
                title=style("title", head, 20, alignment=TA_CENTER, spaceAfter=4 * mm, leading=28),
                subtitle=style("subtitle", body, 12, alignment=TA_CENTER, spaceAfter=3 * mm),
                number=style("number", body, 12, alignment=TA_RIGHT, spaceAfter=3 * mm),
                body=style("body", body, 13, alignment=TA_JUSTIFY),
                body_indent=style("body_indent", body, 13, alignment=TA_JUSTIFY, firstLineIndent=26),
                # a heading never ends a page: it goes over with the text it heads
                heading=style("heading", head, 13, spaceBefore=2 * mm, spaceAfter=1 * mm, keepWithNext=1),
                cell=style("cell", body, 11.5, leading=17, alignment=TA_LEFT),
                cell_label=style("cell_label", head, 11, leading=16, alignment=TA_CENTER),
                cell_center=style("cell_center", body, 11.5, leading=17, alignment=TA_CENTER),
                sign=style("sign", body, 13, leading=26),
                right=style("right", body, 13, alignment=TA_RIGHT),
                cover_title=style("cover_title", head, 30, alignment=TA_CENTER, leading=44),
                small=style("small", body, 9, leading=12),
            )
        return _styles


# Whether a character no font has may be printed as 「[U+20BB7]」 (the user was asked); else refused.
_mark_missing: ContextVar[bool] = ContextVar("mark_missing_glyphs", default=False)


@contextmanager
def missing_glyphs_allowed(allowed: bool = True) -> Iterator[None]:
    token = _mark_missing.set(allowed)
    try:
        yield
    finally:
        _mark_missing.reset(token)


def marking_missing() -> bool:
    return _mark_missing.get()


def glyph_problem(value: str) -> str | None:
    """The first character of `value` no installed font can print, or None."""
    fonts = styles().fonts
    for char in value:
        if needs_glyph(char) and not fonts.body_has(char) and fonts.font_for(char) is None:
            return char
    return None


def text(value: str, field: str = "文书内容", font: str | None = None) -> str:
    """Escapes for reportlab's mini-markup and keeps line breaks. `font` is the face the text is set in
    (the body font unless told). Each run of characters that face lacks is set in the fallback font
    `FontSet.font_for` picks; a character no font has is refused (MissingGlyph names `field`) or,
    when the user allowed it, written as its code point."""
    own = font or styles().fonts.body.name
    runs = font_runs(value, field, own)
    if runs == [(own, value)]:
        return escape(value).replace("\n", "<br/>")
    marked = (escape(t) if name == own else f'<font name="{name}">{escape(t)}</font>' for name, t in runs)
    return "".join(marked).replace("\n", "<br/>")


def font_runs(value: str, field: str, own: str) -> list[tuple[str, str]]:
    """`value` as (font, text) runs for text set in `own`: characters `own` lacks in the fallback font
    that has them, as `text` sets them (charts draw each run as its own string)."""
    fonts = styles().fonts
    if all(fonts.has(own, c) or not needs_glyph(c) for c in value):
        return [(own, value)]
    runs: list[tuple[str, str]] = []  # (font, text): neighbouring characters of one font together
    for char in value:
        piece, name = char, own
        if needs_glyph(char) and not fonts.has(own, char):
            if (found := fonts.font_for(char, own)) is not None:
                name = found
            elif _mark_missing.get():
                piece = code_point_mark(char)
            else:
                raise MissingGlyph(field, value, char)
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + piece)
        else:
            runs.append((name, piece))
    return runs


def in_style(value: str, style: ParagraphStyle) -> str:
    """`text(value)` for a paragraph in `style`: the glyph check is against that style's face."""
    return text(value, font=style.fontName)


def para(value: str, style: ParagraphStyle, *, markup: bool = False) -> Paragraph:
    return Paragraph(value if markup else in_style(value, style), style)


def paragraphs(value: str, style: ParagraphStyle) -> list[Flowable]:
    """Each line of `value` its own paragraph (so long records split across pages)."""
    return [Paragraph(in_style(line, style), style) for line in value.splitlines() if line.strip()] or [
        Paragraph("", style)
    ]


def labelled(label: str, value: str, st: Styles, *, indent: bool = False) -> list[Flowable]:
    """`label：` in the heading face, then the value's paragraphs."""
    out: list[Flowable] = [Paragraph(in_style(label, st.heading), st.heading)]
    out += paragraphs(value or "（无）", st.body_indent if indent else st.body)
    return out


Cell: TypeAlias = "str | Flowable"


def form_table(
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    *,
    label_columns: Sequence[int] = (0,),
    spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    min_height: dict[int, float] | None = None,
) -> Table:
    """A ruled form: strings in label columns use the label style, other strings the cell style.

    `widths` are fractions of the text width. Rows split across pages (splitInRow) so long cells fit.
    """
    st = styles()
    data: list[list[Any]] = []
    for r in rows:
        out: list[Any] = []
        for c, value in enumerate(r):
            if isinstance(value, str):
                style = st.cell_label if c in label_columns else st.cell
                out.append(Paragraph(in_style(value, style), style))
            else:
                out.append(value)
        data.append(out)
    # Minimum, never fixed, heights: a cell grows with its text instead of running over its rules.
    heights = [(min_height or {}).get(i, 0.0) for i in range(len(data))]
    # Rows may split across pages only where no cell spans rows (reportlab mis-draws those).
    row_spans = any(start[1] != end[1] for start, end in spans)
    table = Table(
        data,
        colWidths=[w * TEXT_WIDTH for w in widths],
        minRowHeights=heights,
        splitInRow=0 if row_spans else 1,
        repeatRows=0,
    )
    commands: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.7, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), st.fonts.body.name),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for start, end in spans:
        commands.append(("SPAN", start, end))
    table.setStyle(TableStyle(commands))
    return table


CHUNK = 240  # characters of a long text per table row (about eight lines)
CHUNK_LINES = 8  # and at most this many line breaks, so no row is taller than a page


def chunks(value: str) -> list[str]:
    """A long text in pieces of at most CHUNK characters, cut after a sentence where possible."""
    pieces: list[str] = []
    for line in (value.strip() or "—").splitlines():
        was_cut = False
        while len(line) > CHUNK:
            was_cut = True
            cut = max(line.rfind(mark, 0, CHUNK) for mark in "。！？；")
            if cut < CHUNK // 2:
                cut = max(line.rfind(mark, 0, CHUNK) for mark in "，、：）")
            if cut < CHUNK // 2:
                # No mark in reach: a cut here would break a name or a word across two rows. Look a
                # little further (a row of up to two chunks still fits a page) before cutting hard.
                ahead = [
                    i for i in (line.find(mark, CHUNK, 2 * CHUNK) for mark in "。！？；，、：）") if i >= 0
                ]
                cut = min(ahead) if ahead else -1
                if cut < 0 and len(line) <= 2 * CHUNK:
                    cut = len(line) - 1
            cut = cut + 1 if cut >= CHUNK // 2 else CHUNK
            while cut < len(line) and line[cut] in NO_START:  # 「！，」: the comma stays with its sentence
                cut += 1
            pieces.append(line[:cut])
            line = line[cut:]
        if was_cut and not line:
            continue  # the last cut took the rest of the line
        if pieces and len(pieces[-1]) + len(line) < CHUNK and pieces[-1].count("\n") < CHUNK_LINES:
            pieces[-1] += "\n" + line
        else:
            pieces.append(line)
    return pieces


class _TextRowsTable(Table):
    """Label / long-text rows; the first row on a new page repeats its label as 「…（续）」."""

    # Set by text_rows, and passed on to the part a split leaves for the next page.
    labels: dict[int, str]  # row -> label of the field the row belongs to
    first_rows: frozenset[int]  # rows where a field starts (they carry their label already)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = list(super().split(availWidth, availHeight))
        if len(parts) == 2 and isinstance(parts[1], _TextRowsTable):
            # reportlab drops the BOX's rule at the split: close the part on this page
            parts[0].setStyle(TableStyle([("LINEBELOW", (0, -1), (-1, -1), 0.7, colors.black)]))
            rest = parts[1]
            n = len(self._cellvalues) - len(rest._cellvalues)
            labels: dict[int, str] = getattr(self, "labels", {})
            first_rows: frozenset[int] = getattr(self, "first_rows", frozenset())
            rest.labels = {i - n: v for i, v in labels.items() if i >= n}
            rest.first_rows = frozenset(i - n for i in first_rows if i >= n)
            if 0 in rest.labels and 0 not in rest.first_rows:
                label_style = styles().cell_label
                rest._cellvalues[0][0] = Paragraph(
                    in_style(f"{rest.labels[0]}（续）", label_style), label_style
                )
        return parts


def text_rows(
    rows: Sequence[Sequence[Cell]], widths: tuple[float, float], min_height: dict[int, float] | None = None
) -> Table:
    """Label / long text rows. A long text runs over several table rows with no rule between them,
    and the table breaks across pages between rows, the label repeated with 「（续）」. (reportlab's
    splitting inside a tall cell keeps the old height after a second split, leaving blank pages, and
    slows to minutes on long text.)"""
    st = styles()
    data: list[list[Flowable]] = []
    heights: list[float] = []
    labels: dict[int, str] = {}
    first_rows: set[int] = set()
    commands: list[Any] = [
        ("BOX", (0, 0), (-1, -1), 0.7, colors.black),
        ("LINEAFTER", (0, 0), (0, -1), 0.7, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), st.fonts.body.name),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for index, (label, value) in enumerate(rows):
        first = len(data)
        first_rows.add(first)
        if first:
            commands.append(("LINEABOVE", (0, first), (-1, first), 0.7, colors.black))
        # An empty value stays blank: it is room to write or sign in by hand.
        pieces: list[Cell] = (
            (list(chunks(value)) if value.strip() else [""]) if isinstance(value, str) else [value]
        )
        for i, piece in enumerate(pieces):
            cell = Paragraph(in_style(piece, st.cell), st.cell) if isinstance(piece, str) else piece
            data.append(
                [Paragraph(in_style(str(label), st.cell_label) if i == 0 else "", st.cell_label), cell]
            )
            labels[len(data) - 1] = str(label)
            heights.append((min_height or {}).get(index, 0.0) if len(pieces) == 1 else 0.0)
        if len(pieces) > 1:
            last = len(data) - 1
            commands += [
                ("VALIGN", (0, first), (0, last), "TOP"),
                ("BOTTOMPADDING", (0, first), (-1, last - 1), 0),
                ("TOPPADDING", (0, first + 1), (-1, last), 0),
            ]
    table = _TextRowsTable(
        data, colWidths=[w * TEXT_WIDTH for w in widths], minRowHeights=heights, longTableOptimize=0
    )
    table.labels = labels
    table.first_rows = frozenset(first_rows)
    table.setStyle(TableStyle(commands))
    return table


def form(
    rows: Sequence[Sequence[Cell]], widths: Sequence[float], tall: dict[int, float] | None = None
) -> list[Flowable]:
    """A ruled form of four-cell rows (label, value, label, value) and two-cell rows (label, long text).

    Each run of rows of one shape is its own table, stacked edge to edge so they read as one form
    (no cell spans columns: reportlab mis-draws spanned cells that split across pages).
    `tall` gives minimum heights (rows to write or sign in by hand) by row index.
    """
    parts: list[Flowable] = []
    start = 0
    tall = tall or {}
    while start < len(rows):
        end = start
        while end < len(rows) and len(rows[end]) == len(rows[start]):
            end += 1
        group = rows[start:end]
        heights = {i - start: h for i, h in tall.items() if start <= i < end}
        if len(group[0]) == 2:
            parts.append(text_rows(group, (widths[0], 1 - widths[0]), heights))
        else:
            parts.append(form_table(group, widths, label_columns=(0, 2), min_height=heights))
        start = end
    return parts


def top_aligned(table: Table) -> Table:
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


SIGN_ROW = 13 * mm  # room for a signature and a fingerprint beside it
NO_BODY = "（此页无正文）"


class _SignatureTable(Table):
    """Signature rows; a page that the rows run onto starts with 「（此页无正文）」, as official documents do."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = list(super().split(availWidth, availHeight))
        if len(parts) == 2:  # the note and the rows after it start the next page together
            # reportlab repeats the line under the last row on this page above the first on the next:
            # a signing line with no label
            parts[1]._linecmds = [c for c in parts[1]._linecmds if c[0] != "LINEABOVE"]
            parts[1] = KeepTogether([Paragraph(in_style(NO_BODY, styles().sign), styles().sign), parts[1]])
        return parts


def signature_lines(lines: Sequence[tuple[str, str]], st: Styles) -> Flowable:
    """Label, then a ruled line to sign on, each row tall enough for a fingerprint."""
    data = [
        [Paragraph(in_style(label, st.sign), st.sign), Paragraph(in_style(right, st.sign), st.sign)]
        for label, right in lines
    ]
    table = _SignatureTable(
        data, colWidths=[0.6 * TEXT_WIDTH, 0.4 * TEXT_WIDTH], minRowHeights=[SIGN_ROW] * len(data)
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st.fonts.body.name),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def keep(items: Sequence[Flowable]) -> Flowable:
    """KeepTogether with nested KeepTogethers flattened (reportlab breaks the page before a nested one
    even when everything fits)."""
    flat: list[Flowable] = []
    for item in items:
        flat += item._content if isinstance(item, KeepTogether) else [item]
    return KeepTogether(flat)


class _Closing(KeepTogether):
    """KeepTogether for a block that may be taller than a page (many parties sign): such a block
    starts where it is once its clauses and two signature rows fit, instead of leaving a page blank."""

    def __init__(self, flowables: list[Flowable], head: int) -> None:
        super().__init__(flowables)
        self._head = head  # how many of the flowables are the clauses

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        page = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - 12  # the frame, less its padding
        if page < self._H:
            head = sum(f.wrapOn(self.canv, aW, aH)[1] for f in self._content[: self._head]) + 2 * SIGN_ROW
            if head <= aH:
                return list(self._content)
        return list(super().split(aW, aH))


def closing(last_text: Sequence[Flowable], tail: Sequence[Flowable]) -> Flowable:
    """The last clause(s) kept on one page with the signatures, seal and date that follow them, so no
    page holds signatures alone; a block longer than a page runs on with 「（此页无正文）」."""
    flat = keep([*last_text, Spacer(1, 3 * mm), *tail])
    assert isinstance(flat, KeepTogether)
    return _Closing(flat._content, len(last_text) + 1)


def mediator_lines(names: Sequence[str], label: str = "人民调解员（签名）") -> list[tuple[str, str]]:
    """One line per mediator (a case has up to three), one blank line when none is named."""
    return [(f"{label}：{name}", "") for name in names] or [(f"{label}：", "")]


_GAP = "\u00a0" * 4  # reportlab keeps no-break spaces (it collapses others): room to write by hand
BLANK_DATE = f"{_GAP}年{_GAP}月{_GAP}日"


def cn_date(value: Any) -> str:
    """2026-03-02 -> 2026 年 3 月 2 日; None -> blanks to fill by hand."""
    if value is None:
        return BLANK_DATE
    return f"{value.year} 年 {value.month} 月 {value.day} 日"


def cn_datetime(value: Any) -> str:
    from desktop.clock import to_local

    local = to_local(value)
    return f"{local.year} 年 {local.month} 月 {local.day} 日 {local:%H:%M}"


# --- page furniture and building --------------------------------------------------------------


@dataclass(frozen=True)
class Furniture:
    """What the canvas draws on every page: the case line and the page numbers.

    `late` resolves the keys of LateText cells once every page is laid out (the case file's index
    shows where each document starts), so the whole file is laid out and written in one pass.
    """

    footer_note: str = ""  # e.g. 文号 and case version, small, bottom right
    # Printed by a reader who may not see full IDs: personal data is masked, so every page says it is a
    # copy to read, not the official document (docs/security.md, 「身份证号与出生日期」).
    reference_copy: bool = False
    # Across every page in light grey (「草稿」): what the document shows is not final yet.
    draft_mark: str = ""
    front_pages: int = 0  # pages before numbering starts (case-file cover and index)
    number_single_page: bool = False
    late: Callable[[str], str] | None = None
    late_sink: list[tuple[int, float, float, float, str]] = field(default_factory=list)
    # Pages filed by hand (the case file's 身份证明, 证据材料...) before a PDF page: they take page
    # numbers too, so the printed pages after them are numbered on from them.
    filed_before: Callable[[int], int] | None = None

    def filed(self, pdf_page: int) -> int:
        return self.filed_before(pdf_page) if self.filed_before is not None else 0


class _Marker(Flowable):
    """Zero-size flowable that notes the page it lands on (for the case file's index)."""

    def __init__(self, key: str, sink: dict[str, int]) -> None:
        super().__init__()
        self.key = key
        self.sink = sink
        self.width = self.height = 0

    def wrap(self, *_args: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        self.sink[self.key] = self.canv.getPageNumber()


def marker(key: str, sink: dict[str, int]) -> Flowable:
    return _Marker(key, sink)


class LateText(Flowable):
    """A table cell whose text is known only after layout; the canvas draws it when it saves."""

    def __init__(self, key: str, furniture: Furniture, height: float = 14) -> None:
        super().__init__()
        self.key = key
        self.furniture = furniture
        self.height = height
        self.width = 0.0

    def wrap(self, avail_width: float, _avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return (avail_width, self.height)

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        self.furniture.late_sink.append((self.canv.getPageNumber(), x, y, self.width, self.key))


def _canvas_class(furniture: Furniture, pages_sink: list[int], count_only: bool) -> Callable[..., Canvas]:
    body_font = styles().fonts.body.name

    class NumberedCanvas(Canvas):
        """Holds every page until the end so the footer can say how many there are."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = body_font  # no unused, unembedded Helvetica
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            numbered = total - furniture.front_pages + furniture.filed(total)
            pages_sink.append(total)
            if count_only:  # a layout pass: nothing is written, no font is subset
                return
            for state in self._pages:
                self.__dict__.update(state)
                page = self._pageNumber - furniture.front_pages
                if page >= 1:
                    page += furniture.filed(self._pageNumber)
                if page >= 1 and (numbered > 1 or furniture.number_single_page):
                    self.setFont(body_font, 11)
                    self.drawCentredString(self._pagesize[0] / 2, 15 * mm, f"第 {page} 页 共 {numbered} 页")
                if furniture.late is not None:
                    self.setFont(body_font, 11.5)
                    for on_page, x, y, width, key in furniture.late_sink:
                        if on_page == self._pageNumber:
                            self.drawCentredString(x + width / 2, y + 3, furniture.late(key))
                if furniture.reference_copy:
                    _draw_copy_mark(self)
                if furniture.draft_mark:
                    _draw_draft_mark(self, furniture.draft_mark)
                if furniture.footer_note:  # black and 9 pt: it ties the page to the case on a copy too
                    self.setFont(body_font, 9)
                    self.drawRightString(self._pagesize[0] - MARGIN_RIGHT, 9 * mm, furniture.footer_note)
                super().showPage()
            super().save()

    return NumberedCanvas


REFERENCE_MARK = "仅供查阅，非正式文书"
REFERENCE_NOTE = "打印人无“查看完整身份证号”权限，身份证号码和出生日期已隐去，本件不能作为正式文书使用"
MARK_RED = colors.Color(0.75, 0.1, 0.1)


def _draw_copy_mark(canvas: Canvas) -> None:
    """A red boxed 「仅供查阅，非正式文书」 in the top margin, the reason in small print under it."""
    st = styles()
    head, body = st.fonts.heading.name, st.fonts.body.name
    canvas.saveState()
    canvas.setFillColor(MARK_RED)
    canvas.setStrokeColor(MARK_RED)
    size = 13
    width = canvas.stringWidth(REFERENCE_MARK, head, size)
    baseline = PAGE_HEIGHT - 17 * mm
    canvas.setLineWidth(1)
    canvas.rect((PAGE_WIDTH - width) / 2 - 3 * mm, baseline - 2.2 * mm, width + 6 * mm, size + 2.8 * mm)
    canvas.setFont(head, size)
    canvas.drawCentredString(PAGE_WIDTH / 2, baseline, REFERENCE_MARK)
    canvas.setFont(body, 7.5)
    canvas.drawCentredString(PAGE_WIDTH / 2, baseline - 6.5 * mm, REFERENCE_NOTE)
    canvas.restoreState()


def _draw_draft_mark(canvas: Canvas, mark: str) -> None:
    """Large, light and diagonal over the page: the text under it stays readable, a copy shows it."""
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.6, 0.6, 0.6))
    canvas.setFillAlpha(0.3)
    width, height = canvas._pagesize
    canvas.translate(width / 2, height / 2)
    canvas.rotate(40)
    canvas.setFont(styles().fonts.heading.name, 120)
    canvas.drawCentredString(0, -40, mark)
    canvas.restoreState()


@dataclass(frozen=True)
class BuiltPdf:
    data: bytes
    pages: int


def build_pdf(
    story: list[Flowable],
    furniture: Furniture,
    *,
    title: str = "",
    subject: str = "",
    count_only: bool = False,
    pages_out: list[int] | None = None,
    pagesize: tuple[float, float] = A4,
) -> BuiltPdf:
    """Lays out and writes the PDF; `count_only` lays out only (pages counted, markers filled, no bytes).
    `pagesize` is A4 upright unless a wide table asks for `landscape(A4)` (the 考勤表)."""
    styles()  # fonts registered before the first paragraph is measured
    buffer = io.BytesIO()
    width, height = pagesize
    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        subject=subject,
        author="综治工作台",
        creator="综治工作台 Town Centre Workbench",
    )
    frame = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        width - MARGIN_LEFT - MARGIN_RIGHT,
        height - MARGIN_TOP - MARGIN_BOTTOM,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    pages: list[int] = [] if pages_out is None else pages_out
    doc.build(list(story), canvasmaker=_canvas_class(furniture, pages, count_only))
    return BuiltPdf(b"" if count_only else buffer.getvalue(), pages[-1] if pages else 0)
