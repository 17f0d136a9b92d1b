"""The mediation documents read the way a court or a reader would read them (pdfplumber).

Every kind is rendered once, for the demo's largest case with every free-text field at the longest
the services accept (tests/document_limits.py), and so is an event dispatch sheet; each is checked for: every input sentence extractable, no
glyph outside the page or crossed by a table rule, no two glyphs on top of each other, Chinese line
breaking (避头尾), signatures never alone on a page, and a footer that survives black-and-white copying.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from db_helpers import copy_database
from document_limits import Sentences, longest_case
from pdfminer.layout import LTContainer
from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges
from sqlalchemy import select

from desktop.db import Database
from desktop.models import Grid, MatterItem
from desktop.printing import event_docs, layout, mediation_docs
from desktop.printing.cjk import Paragraph
from desktop.services import events, mediation
from desktop.services.accounts.permissions import SYSTEM_ACTOR
from desktop.services.common import text as limits
from desktop.services.events import documents as event_documents
from desktop.services.events import workflow as flow
from desktop.services.events.documents import DispatchSheet
from desktop.services.mediation import CaseDetail

NO_START = "，。、；：？！）」』》"
NO_END = "（「『《"
DISPATCH = event_docs.DISPATCH_KIND
# One worker renders and reads the documents once (they take ~15 s); spread, each worker would repeat it.
pytestmark = pytest.mark.xdist_group("document-layout")

KINDS = [k for k in mediation_docs.KINDS if k != "case-file"]
ALL = [*KINDS, DISPATCH]
# The body frame: headers (the reference-copy mark) and footers (page numbers) lie outside it.
FRAME_TOP = layout.MARGIN_TOP - 2
FRAME_BOTTOM = layout.PAGE_HEIGHT - layout.MARGIN_BOTTOM + 2


@dataclass
class Page:
    chars: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    columns: dict[tuple[float, float], list[str]]  # lines of text between two vertical rules
    lines: list[str]  # every line of the body frame, cell by cell


@dataclass
class Read:
    pdf: bytes
    pages: list[Page]
    sentences: list[str]  # the sentences the case's fields hold


def _squash(value: str) -> str:
    return re.sub(r"\s+", "", value)


def _glyphs_and_rules(page: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The page's `chars` and `edges` as pdfplumber gives them, from the same pdfminer layout, with
    only the keys the checks read: pdfplumber's own conversion copies every attribute of each of the
    200,000 objects and took over half of this module's time."""
    mb_x0, mb_y0 = page.mediabox[:2]
    height = page.height
    chars: list[dict[str, Any]] = []
    shapes: dict[str, list[dict[str, Any]]] = {"LTLine": [], "LTRect": [], "LTCurve": []}

    def box(obj: Any) -> dict[str, Any]:
        top = height - obj.y1 + mb_y0
        return {"x0": obj.x0 + mb_x0, "x1": obj.x1 + mb_x0, "y0": obj.y0, "y1": obj.y1, "top": top,
                "bottom": height - obj.y0 + mb_y0, "doctop": top, "width": obj.width,
                "height": obj.height}  # fmt: skip

    def walk(objs: list[Any]) -> None:  # pdfminer's LT* objects
        for obj in objs:
            kind = type(obj).__name__  # by class, as pdfplumber: LTLine and LTRect are LTCurves too
            if isinstance(obj, LTContainer):  # a form XObject (LTFigure): its contents count
                walk(obj._objs)
            elif kind == "LTChar":
                ncolor = obj.graphicstate.ncolor
                chars.append(
                    {**box(obj), "text": obj.get_text(), "size": obj.size,
                     "non_stroking_color": ncolor if isinstance(ncolor, tuple) else (ncolor,)}
                )  # fmt: skip
            elif kind in shapes:
                found = box(obj)
                found["pts"] = [(mb_x0 + x, mb_y0 + height - y) for x, y in obj.pts]
                shapes[kind].append(found)

    walk(page.layout._objs)
    edges = [line_to_edge(x) for x in shapes["LTLine"]]
    edges += [e for x in shapes["LTRect"] for e in rect_to_edges(x)]
    edges += [e for x in shapes["LTCurve"] for e in curve_to_edges(x)]
    return chars, edges


def _read_page(page: Any) -> Page:
    """The body frame's text by column: a character belongs to the space between the nearest
    vertical rules either side of it (the frame's edges where there is none), so a table's label
    column and value column read as separate text, the way a reader reads a form."""
    page_chars, page_edges = _glyphs_and_rules(page)
    rules = [e for e in page_edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 4]
    body = [
        c
        for c in page_chars
        if c["top"] >= FRAME_TOP and c["bottom"] <= FRAME_BOTTOM and c["text"].strip(" \u00a0")
    ]
    columns: dict[tuple[float, float], list[dict[str, Any]]] = defaultdict(list)
    for c in body:
        middle, mid_x = (c["top"] + c["bottom"]) / 2, (c["x0"] + c["x1"]) / 2
        left, right = 0.0, layout.PAGE_WIDTH
        for e in rules:
            if e["top"] <= middle <= e["bottom"]:
                if left < e["x0"] <= mid_x:
                    left = e["x0"]
                elif mid_x < e["x0"] < right:
                    right = e["x0"]
        columns[round(left), round(right)].append(c)
    text: dict[tuple[float, float], list[str]] = {}
    lines: list[str] = []
    for key, chars in columns.items():
        chars.sort(key=lambda c: (c["bottom"], c["x0"]))
        rows: list[list[dict[str, Any]]] = []
        for c in chars:
            if rows and abs(rows[-1][0]["bottom"] - c["bottom"]) < 2:
                rows[-1].append(c)
            else:
                rows.append([c])
        out = []
        for row in rows:
            row.sort(key=lambda c: c["x0"])
            line = row[0]["text"]
            for prev, c in itertools.pairwise(row):
                if c["x0"] - prev["x1"] > 3 * c["size"]:  # e.g. a signature label, then its line
                    out.append(line)
                    line = ""
                line += c["text"]
            out.append(line)
        text[key] = out
        lines += out
    return Page(page_chars, page_edges, text, lines)


def _read(pdf: bytes, sentences: list[str]) -> Read:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return Read(pdf, [_read_page(p) for p in doc.pages], sentences)


@dataclass
class Sources:
    big: CaseDetail
    oral: CaseDetail
    sheet: DispatchSheet


@pytest.fixture(scope="module")
def sources(demo_db_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Sources:
    """The demo's 7-party land case (given a return visit), its oral-agreement case, and a dispatch sheet."""
    db = Database.open(copy_database(demo_db_file, tmp_path_factory.mktemp("layout") / "towncentre.db"))
    try:
        all_cases = [
            mediation.get_case(db, SYSTEM_ACTOR, i, full_ids=True)
            for i in mediation.list_case_ids(db, SYSTEM_ACTOR)
        ]
        with db.reading() as session:
            grid = session.scalars(select(Grid).limit(1)).one()
            item = session.scalar(select(MatterItem.id).where(MatterItem.name == "消防通道堵塞"))
        event = events.create_event(
            db,
            SYSTEM_ACTOR,
            events.EventInput(
                channel="群众来访",
                occurred_at=db.clock(),
                community_id=grid.community_id,
                grid_id=grid.id,
                matter_item_id=str(item),
                title="楼道堆放杂物堵塞消防通道",
                description="三楼楼道长期堆放旧家具和纸箱。",
                reporter_name="张建国",
                reporter_phone="13812345678",
            ),
        )
        flow.dispatch(db, SYSTEM_ACTOR, event.id, department_code="ZJ02")
        sheet = event_documents.dispatch_sheet(db, SYSTEM_ACTOR, event.id)
    finally:
        db.close()
    big = max(all_cases, key=lambda c: len(c.parties))
    visit = next(c for c in all_cases if c.revisits).revisits[:1]
    big = dataclasses.replace(
        big, investigations=big.investigations[:1], sessions=big.sessions[:1], revisits=visit
    )
    oral = next(c for c in all_cases if c.outcome == mediation.ORAL)
    return Sources(big, oral, sheet)


@pytest.fixture(scope="module")
def documents(sources: Sources) -> Iterator[dict[str, Read]]:
    read: dict[str, Read] = {}
    for kind in KINDS:
        sentences = Sentences()
        base = sources.oral if kind == "oral-agreement" else sources.big
        case = longest_case(base, sentences)
        read[kind] = _read(mediation_docs.render_case(kind, case).data, sentences.made)
    sentences = Sentences()
    event = dataclasses.replace(
        sources.sheet.event,
        title=sentences.text(limits.EVENT_TITLE, lines=False),
        description=sentences.text(limits.EVENT_DESCRIPTION),
        address=sentences.text(limits.ADDRESS, lines=False),
    )
    sheet = dataclasses.replace(sources.sheet, event=event, note=sentences.text(limits.EVENT_NOTE))
    read[DISPATCH] = _read(event_docs.render_dispatch(sheet).data, sentences.made)
    yield read


@pytest.mark.parametrize("kind", ALL)
def test_every_sentence_of_every_field_can_be_read_back(documents: dict[str, Read], kind: str) -> None:
    read = documents[kind]
    # Each column read down the pages (a paragraph runs on from page to page in the same column).
    streams: dict[tuple[float, float], str] = defaultdict(str)
    for page in read.pages:
        for key, lines in page.columns.items():
            streams[key] += "".join(lines)
    text = "|".join(streams.values())
    printed = [s for s in read.sentences if re.search(re.escape(s.split("，")[0]) + r"\D", text)]
    assert len(printed) >= 20 or kind == "mediation-rights-notice"  # the notice prints names only
    missing = [s for s in printed if _squash(s) not in text]
    assert not missing, (len(missing), missing[:3])


@pytest.mark.parametrize("kind", ALL)
def test_no_glyph_leaves_the_page_or_crosses_a_rule(documents: dict[str, Read], kind: str) -> None:
    for n, page in enumerate(documents[kind].pages, start=1):
        rules = [e for e in page.edges if e["orientation"] in ("h", "v")]
        for c in page.chars:
            if not c["text"].strip():
                continue
            assert c["x0"] >= 0 and c["x1"] <= layout.PAGE_WIDTH, (n, c["text"])
            assert c["top"] >= 0 and c["bottom"] <= layout.PAGE_HEIGHT, (n, c["text"])
            # the glyph's core: a little inside the font box, which is taller than the ink
            x0, x1 = c["x0"] + 0.1 * c["size"], c["x1"] - 0.1 * c["size"]
            top, bottom = c["top"] + 0.2 * c["size"], c["bottom"] - 0.2 * c["size"]
            for e in rules:
                if e["orientation"] == "h":
                    crossed = top < e["top"] < bottom and e["x0"] < x1 and x0 < e["x1"]
                else:
                    crossed = x0 < e["x0"] < x1 and e["top"] < bottom and top < e["bottom"]
                assert not crossed, (kind, n, c["text"], e["orientation"], e["x0"], e["top"])


STRIP = 24.0  # points: a page is swept in vertical strips of about two glyphs' width


@pytest.mark.parametrize("kind", ALL)
def test_no_two_glyphs_overlap(documents: dict[str, Read], kind: str) -> None:
    for n, page in enumerate(documents[kind].pages, start=1):
        # Two glyphs overlapping across share a strip, so each strip is swept on its own: the same
        # pairs are compared as over the whole width, without each glyph meeting its whole line.
        strips: dict[int, list[tuple[float, float, float, float, float, str]]] = defaultdict(list)
        for c in page.chars:
            if c["text"].strip():
                box = (c["top"], c["bottom"], c["x0"], c["x1"], c["size"], c["text"])
                for strip in range(int(c["x0"] // STRIP), int(c["x1"] // STRIP) + 1):
                    strips[strip].append(box)
        for boxes in strips.values():
            boxes.sort()
            # sweep down the strip: compare each glyph with those that start above its bottom
            for i, (_, bottom, x0, x1, size, ch) in enumerate(boxes):
                for j in range(i + 1, len(boxes)):
                    top2, bottom2, x02, x12, _, ch2 = boxes[j]
                    if top2 > bottom - 0.25 * size:
                        break
                    w = min(x1, x12) - max(x0, x02)
                    h = min(bottom, bottom2) - top2
                    # overlapping by more than a quarter of a glyph each way is overprinting
                    assert w < 0.25 * size or h < 0.25 * size, (n, ch, ch2)


@pytest.mark.parametrize("kind", ALL)
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(
    documents: dict[str, Read], kind: str
) -> None:
    bad = [
        (n, line)
        for n, page in enumerate(documents[kind].pages, start=1)
        for line in page.lines
        if line[0] in NO_START or line[-1] in NO_END or re.match("号(?!码)", line)  # a file number's 号
    ]
    assert not bad, bad[:5]


_SIGNING = re.compile(r"签名|盖章|按指印")
_DATE = re.compile(r"^(\d{4})?年(\d{1,2})?月(\d{1,2})?日$")


@pytest.mark.parametrize("kind", ALL)
def test_signatures_share_their_page_with_text_or_say_it_has_none(
    documents: dict[str, Read], kind: str
) -> None:
    signed = 0
    for n, page in enumerate(documents[kind].pages, start=1):
        lines = [_squash(x) for x in page.lines]
        if not any(_SIGNING.search(x) for x in lines):
            continue
        signed += 1
        text = [x for x in lines if not _SIGNING.search(x) and not _DATE.match(x) and len(x) >= 6]
        assert text or layout.NO_BODY in lines, (kind, n, lines)
    assert signed >= 1


def test_signatures_that_run_onto_a_page_of_their_own_say_it_has_no_body_text(sources: Sources) -> None:
    crowd = dataclasses.replace(sources.big, parties=sources.big.parties * 4)  # 28 parties sign
    read = _read(mediation_docs.render_case("mediation-agreement", crowd).data, [])
    pages = [[_squash(x) for x in page.lines] for page in read.pages]
    first = next(i for i, lines in enumerate(pages) if any("按指印" in x for x in lines))
    assert "本协议一式二十九份" in "".join(pages[first])  # the clause comes with the first signatures
    assert len(pages) - first >= 2
    for lines in pages[first + 1 :]:
        assert lines[0] == layout.NO_BODY, lines[:2]
    test_signatures_share_their_page_with_text_or_say_it_has_none({"crowd": read}, "crowd")


@pytest.mark.parametrize("kind", ["mediation-agreement", "mediation-rights-notice"])
def test_the_footer_is_black_and_at_least_9_points(documents: dict[str, Read], kind: str) -> None:
    read = documents[kind]
    assert len(read.pages) >= 2
    for page in read.pages:
        footer = [c for c in page.chars if c["top"] > FRAME_BOTTOM and c["text"].strip()]
        assert "".join(c["text"] for c in footer).count("页") == 2  # 第 X 页 共 Y 页
        for c in footer:
            assert c["size"] >= 9 - 0.01 and c["non_stroking_color"] in ((0,), (0, 0, 0), (0, 0, 0, 1), None)


def test_a_long_free_text_cell_runs_on_with_its_label_repeated(documents: dict[str, Read]) -> None:
    lines = [line for p in documents["mediation-acceptance"].pages for line in p.lines]
    assert "纠纷简要情况" in lines and "（续）" in lines


def test_an_empty_date_leaves_room_to_write_it_by_hand(sources: Sources) -> None:
    pending = dataclasses.replace(sources.big, status=mediation.PENDING, accepted_on=None, outcome_on=None)
    pdf = mediation_docs.render_case("mediation-acceptance", pending).data
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        chars = [c for c in doc.pages[0].chars if c["text"].strip(" \u00a0")]
    gaps = [
        b["x0"] - a["x1"]
        for a, b in itertools.pairwise(chars)
        if (a["text"], b["text"]) in (("年", "月"), ("月", "日")) and abs(a["top"] - b["top"]) < 1
    ]
    # 受理日期: 「    年    月    日」, room for the digits between the characters
    assert any(g >= 1.5 * chars[0]["size"] for g in gaps), gaps


def test_form_labels_are_not_split_over_two_lines(documents: dict[str, Read], sources: Sources) -> None:
    lines = {line for p in documents["mediation-application"].pages for line in p.lines}
    assert {"联系方式", "职业或职务", "单位或住址", "法定代表人", *sources.big.side_labels} <= lines


@pytest.mark.parametrize(
    "value",
    [
        "（2026）清溪人调字第123号",
        "甲方（张三）、乙方《协议》：“已付清。”然后，再付款！",
        "共计16,048.00元，USB-C接口",
    ],
)
def test_line_breaking_keeps_marks_numbers_and_words_together_at_every_width(value: str) -> None:
    st = layout.styles()
    for width in range(60, 260, 3):  # from five characters: a cell is never narrower
        p = Paragraph(layout.text(value), st.cell)
        p.wrap(width, 1000)
        lines = ["".join(w.text for w in line.words) for line in p.blPara.lines]
        assert "".join(lines) == value
        for before, after in itertools.pairwise(lines):
            assert after[0] not in NO_START + "号" and before[-1] not in NO_END, (width, lines)
            assert not (before[-1].isascii() and before[-1].isalnum() and after[0].isascii()), (width, lines)


def test_a_long_text_is_cut_into_rows_at_a_mark_not_inside_a_name() -> None:
    """Found by a cold test: with no sentence mark within 240 characters, a list of long organisation
    names was cut mid-name (「…有限责任公 / 司…」), which shows as a short line inside the name."""
    name = "清溪镇" + "联合农业专业合作社" * 8 + "有限责任公司"
    listed = "、".join([name] * 4) + "。"
    pieces = layout.chunks(listed)
    assert "".join(pieces) == listed
    for piece in pieces[:-1]:
        assert piece.endswith(("、", "。")), piece[-12:]
    # Text with no mark at all still fits: one row of up to two chunks, then a hard cut.
    solid = "甲" * (layout.CHUNK + 10)
    assert layout.chunks(solid) == [solid]
    assert "".join(layout.chunks("乙" * (3 * layout.CHUNK))) == "乙" * (3 * layout.CHUNK)


def test_an_automatic_case_title_keeps_both_sides_and_the_dispute_type() -> None:
    from desktop.models import MediationParty, Person
    from desktop.services.mediation.parties import TITLE_LIMIT, auto_title

    def person(side: int, name: str) -> MediationParty:
        return MediationParty(side=side, kind=mediation.PERSON, person=Person(name=name))

    def organisation(side: int, name: str) -> MediationParty:
        return MediationParty(side=side, kind=mediation.ORGANISATION, org_name=name)

    long_org = "淳安县清溪镇" + "联合农业专业合作社" * 10
    parties = [
        person(1, "王𠮷堃"),
        person(1, "王芳"),
        organisation(2, long_org),
        organisation(2, long_org + "二"),
    ]
    title = auto_title(parties, "婚姻家庭")
    assert len(title) <= TITLE_LIMIT
    assert title.startswith("王𠮷堃等2人与淳安县清溪镇") and title.endswith("…等2方婚姻家庭纠纷")
    assert auto_title([person(1, "王𠮷堃"), person(2, "李四")], "其他") == "王𠮷堃与李四纠纷"
