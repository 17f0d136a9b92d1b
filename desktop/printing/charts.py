"""Charts for printed documents, drawn with reportlab.graphics: horizontal bars (a score by community or
grid) and columns (how many got each grade).

Drawn from shapes rather than reportlab's chart classes so that every label goes through the fonts'
fallback chain like the text does (`layout.font_runs`: a name with a character the body font lacks is
set in a font that has it, never as a box) and a long name is cut with 「…」 instead of running into
the bars. Bars are one dark colour with their value written beside them: the documents are copied in
black and white.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.printing.layout import TEXT_WIDTH, font_runs, styles

BAR = colors.HexColor("#3c5a8a")
RULE = colors.Color(0.75, 0.75, 0.75)
LABEL_SIZE = 9
ROW = 15  # points per bar of a horizontal chart
MAX_ROWS = 36  # bars in one drawing; more run on in a second drawing (the next page if need be)
ELLIPSIS = "…"


def _width(runs: Sequence[tuple[str, str]], size: float) -> float:
    return sum(stringWidth(text, font, size) for font, text in runs)


def _fitted(value: str, field: str, size: float, room: float) -> list[tuple[str, str]]:
    """`value` as font runs, cut at the end with 「…」 to fit `room` points."""
    font = styles().fonts.body.name
    runs = font_runs(value, field, font)
    if _width(runs, size) <= room:
        return runs
    cut = value
    while cut and _width(font_runs(cut + ELLIPSIS, field, font), size) > room:
        cut = cut[:-1]
    return font_runs(cut + ELLIPSIS, field, font)


def _label(
    drawing: Drawing, x: float, y: float, runs: Sequence[tuple[str, str]], size: float, anchor: str
) -> None:
    """Draws runs of text, each in its own font, starting at x (or ending at x, or centred on it)."""
    total = _width(runs, size)
    left = {"start": x, "end": x - total, "middle": x - total / 2}[anchor]
    for font, text in runs:
        drawing.add(String(left, y, text, fontName=font, fontSize=size, fillColor=colors.black))
        left += stringWidth(text, font, size)


def _drawing(width: float, height: float) -> Drawing:
    """A drawing that starts in the body font: reportlab's default, Helvetica, would go into the PDF
    unembedded though no text uses it."""
    return Drawing(width, height, initialFontName=styles().fonts.body.name, initialFontSize=LABEL_SIZE)


def _number(value: float) -> str:
    return f"{value:g}"


def _scale(values: Sequence[float], floor: float) -> tuple[float, float, float]:
    """(low, high, step) for the axis: from 0 (or below, for a negative value) to at least `floor`."""
    high = max([floor, *values])
    low = min([0.0, *values])
    step = 10.0 if high - low <= 120 else 20.0 if high - low <= 240 else 50.0
    high = step * -(-high // step)
    low = step * (low // step)
    return low, high, step


def bar_charts(
    rows: Sequence[tuple[str, float]], field: str, *, floor: float = 100, width: float = TEXT_WIDTH
) -> list[Drawing]:
    """Horizontal bars, one per (label, value), in the order given; the axis runs from 0 to `floor` or
    the highest value. A long list is split into drawings of MAX_ROWS bars, each with its own axis."""
    if not rows:
        return []
    low, high, step = _scale([v for _, v in rows], floor)
    return [
        _bars(rows[i : i + MAX_ROWS], field, low, high, step, width) for i in range(0, len(rows), MAX_ROWS)
    ]


def _bars(
    rows: Sequence[tuple[str, float]], field: str, low: float, high: float, step: float, width: float
) -> Drawing:
    font = styles().fonts.body.name
    longest = max(_width(font_runs(label, field, font), LABEL_SIZE) for label, _ in rows)
    label_room = min(width * 0.3, longest + 2)
    left = label_room + 6
    right = width - 34  # room for the value beside the longest bar
    axis = 16  # the tick labels under the bars
    height = axis + ROW * len(rows) + 4
    drawing = _drawing(width, height)

    def x_of(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left)

    tick = low
    while tick <= high + 1e-9:
        drawing.add(Line(x_of(tick), axis, x_of(tick), height - 2, strokeColor=RULE, strokeWidth=0.5))
        drawing.add(
            String(x_of(tick), axis - 10, _number(tick), fontName=font, fontSize=8, textAnchor="middle")
        )
        tick += step
    drawing.add(Line(x_of(0), axis, x_of(0), height - 2, strokeColor=colors.black, strokeWidth=0.8))
    for i, (label, value) in enumerate(rows):
        y = height - 2 - ROW * (i + 1)
        start, end = sorted((x_of(0), x_of(value)))
        drawing.add(Rect(start, y + 3, max(end - start, 0.5), ROW - 6, fillColor=BAR, strokeColor=None))
        _label(drawing, label_room, y + 4.5, _fitted(label, field, LABEL_SIZE, label_room), LABEL_SIZE, "end")
        shown = f"{value:.2f}"  # a score, to two decimals as the bulletin's text and tables give it
        at = max(end, x_of(0)) + 2
        # on white, so the grid's rules do not cross the figure
        drawing.add(
            Rect(
                at, y + 3, stringWidth(shown, font, 8) + 2, ROW - 6, fillColor=colors.white, strokeColor=None
            )
        )
        drawing.add(String(at + 1, y + 4.5, shown, fontName=font, fontSize=8))
    return drawing


def column_chart(
    columns: Sequence[tuple[str, int]], *, width: float = TEXT_WIDTH, height: float = 130
) -> Drawing:
    """Vertical bars, one per (label, count), each with its count and share of the total above it."""
    drawing = _drawing(width, height)
    font = styles().fonts.body.name
    total = sum(n for _, n in columns) or 1
    most = max([n for _, n in columns] + [1])
    base, top = 18, height - 16  # the labels under the bars; the counts above the tallest
    slot = width / max(len(columns), 1)
    drawing.add(Line(0, base, width, base, strokeColor=colors.black, strokeWidth=0.8))
    for i, (label, count) in enumerate(columns):
        middle = slot * (i + 0.5)
        bar_width = min(slot * 0.45, 60)
        bar_height = (top - base) * count / most
        drawing.add(
            Rect(middle - bar_width / 2, base, bar_width, bar_height, fillColor=BAR, strokeColor=None)
        )
        drawing.add(
            String(
                middle, base + bar_height + 4, f"{count}人（{count / total:.0%}）", fontName=font,
                fontSize=LABEL_SIZE, textAnchor="middle",
            )
        )  # fmt: skip
        _label(
            drawing,
            middle,
            base - 13,
            _fitted(label, "图例", LABEL_SIZE + 1, slot - 4),
            LABEL_SIZE + 1,
            "middle",
        )
    return drawing
