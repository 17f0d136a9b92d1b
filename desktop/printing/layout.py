"""Official-document typography on A4 with reportlab: styles, ruled form tables, page numbers.

Titles use the heading face (SimHei / WenQuanYi), text the body face (FangSong / SimSun / AR PL UMing),
both embedded TrueType from `fonts.register_fonts()`. Every paragraph wraps CJK text (wordWrap='CJK').
A document that runs over a page gets `第 X 页 共 Y 页` in its footer; one page gets none.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Sequence
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
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop.printing.fonts import FontSet, register_fonts

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
        if _styles is None:
            fonts = register_fonts()
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
                heading=style("heading", head, 13, spaceBefore=2 * mm, spaceAfter=1 * mm),
                cell=style("cell", body, 11.5, leading=17, alignment=TA_LEFT),
                cell_label=style("cell_label", head, 11, leading=16, alignment=TA_CENTER),
                cell_center=style("cell_center", body, 11.5, leading=17, alignment=TA_CENTER),
                sign=style("sign", body, 13, leading=26),
                right=style("right", body, 13, alignment=TA_RIGHT),
                cover_title=style("cover_title", head, 30, alignment=TA_CENTER, leading=44),
                small=style("small", body, 8, leading=10, textColor=colors.grey),
            )
        return _styles


def text(value: str) -> str:
    """Escapes for reportlab's mini-markup and keeps line breaks."""
    return escape(value).replace("\n", "<br/>")


def para(value: str, style: ParagraphStyle, *, markup: bool = False) -> Paragraph:
    return Paragraph(value if markup else text(value), style)


def paragraphs(value: str, style: ParagraphStyle) -> list[Flowable]:
    """Each line of `value` its own paragraph (so long records split across pages)."""
    return [Paragraph(text(line), style) for line in value.splitlines() if line.strip()] or [
        Paragraph("", style)
    ]


def labelled(label: str, value: str, st: Styles, *, indent: bool = False) -> list[Flowable]:
    """`label：` in the heading face, then the value's paragraphs."""
    out: list[Flowable] = [Paragraph(text(label), st.heading)]
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
                out.append(Paragraph(text(value), st.cell_label if c in label_columns else st.cell))
            else:
                out.append(value)
        data.append(out)
    heights: list[float | None] | None = None
    if min_height:
        heights = [min_height.get(i) for i in range(len(data))]
    # Rows may split across pages only where no cell spans rows (reportlab mis-draws those).
    row_spans = any(start[1] != end[1] for start, end in spans)
    table = Table(
        data,
        colWidths=[w * TEXT_WIDTH for w in widths],
        rowHeights=heights,
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


def top_aligned(table: Table) -> Table:
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def signature_lines(lines: Sequence[tuple[str, str]], st: Styles) -> Flowable:
    """Label, then a ruled line to sign on; kept together so a signature never sits alone on a page."""
    data = [[Paragraph(text(label), st.sign), Paragraph(text(right), st.sign)] for label, right in lines]
    table = Table(data, colWidths=[0.64 * TEXT_WIDTH, 0.36 * TEXT_WIDTH])
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
    return KeepTogether([Spacer(1, 3 * mm), table])


def cn_date(value: Any) -> str:
    """2026-03-02 -> 2026 年 3 月 2 日; None -> blanks to fill by hand."""
    if value is None:
        return "        年    月    日"
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
    front_pages: int = 0  # pages before numbering starts (case-file cover and index)
    number_single_page: bool = False
    late: Callable[[str], str] | None = None
    late_sink: list[tuple[int, float, float, float, str]] = field(default_factory=list)


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
            numbered = total - furniture.front_pages
            pages_sink.append(total)
            if count_only:  # a layout pass: nothing is written, no font is subset
                return
            for state in self._pages:
                self.__dict__.update(state)
                page = self._pageNumber - furniture.front_pages
                if page >= 1 and (numbered > 1 or furniture.number_single_page):
                    self.setFont(body_font, 11)
                    self.drawCentredString(PAGE_WIDTH / 2, 15 * mm, f"第 {page} 页 共 {numbered} 页")
                if furniture.late is not None:
                    self.setFont(body_font, 11.5)
                    for on_page, x, y, width, key in furniture.late_sink:
                        if on_page == self._pageNumber:
                            self.drawCentredString(x + width / 2, y + 3, furniture.late(key))
                if furniture.reference_copy:
                    _draw_copy_mark(self)
                if furniture.footer_note:
                    self.setFont(body_font, 7.5)
                    self.setFillColor(colors.grey)
                    self.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, 9 * mm, furniture.footer_note)
                    self.setFillColor(colors.black)
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
) -> BuiltPdf:
    """Lays out and writes the PDF; `count_only` lays out only (pages counted, markers filled, no bytes)."""
    styles()  # fonts registered before the first paragraph is measured
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        subject=subject,
        author="综治工作台",
        creator="综治工作台 Town Centre Workbench",
    )
    frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, TEXT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    pages: list[int] = [] if pages_out is None else pages_out
    doc.build(list(story), canvasmaker=_canvas_class(furniture, pages, count_only))
    return BuiltPdf(b"" if count_only else buffer.getvalue(), pages[-1] if pages else 0)
