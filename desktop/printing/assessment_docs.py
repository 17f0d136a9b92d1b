"""The assessment sheet (网格员考核表: one worker's period, A4), the ranking table (考核排名表, A4) and
the monthly bulletin (考核通报, A4: the month's figures in a few sentences, charts, grid and worker
rankings; a month not yet confirmed prints with 「草稿」 across every page and no 文号).

A sheet's subject is a result id, or `2026-11:姓名` (the period as the command line names it, then the
worker); the ranking's is a period id or `2026-11` / `2026-Q4` / `2026-H1` / `2026`. `--all` prints the
newest period's sheets, and the ranking of every period, the bulletin of every month. What they show comes from
`services.assessment.reports` (ASSESSMENT_VIEW); every file produced is audited.
"""

from __future__ import annotations

import math

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, Spacer, Table, TableStyle

from desktop.db import Database
from desktop.errors import NotFound
from desktop.printing import charts
from desktop.printing.layout import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARK_RED,
    Furniture,
    build_pdf,
    cn_date,
    keep,
    para,
    signature_lines,
    styles,
)
from desktop.printing.registry import Document, DocumentKind, register
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.assessment import reports, scoring
from desktop.services.events.documents import centre_of
from desktop.services.workforce import attendance

SHEET_KIND = "assessment-sheet"
RANKING_KIND = "assessment-ranking"
BULLETIN_KIND = "assessment-bulletin"
KINDS: dict[str, tuple[str, str]] = {
    SHEET_KIND: ("网格员考核表", "Assessment sheet"),
    RANKING_KIND: ("考核排名表", "Assessment ranking"),
    BULLETIN_KIND: ("考核通报", "Assessment bulletin"),
}
OBJECT_TYPES = {SHEET_KIND: "考核表", RANKING_KIND: "考核排名表", BULLETIN_KIND: "考核通报"}


CELL_PADDING = 3  # each side (the table style's LEFTPADDING and RIGHTPADDING)
SMALLEST_CELL_SIZE = 9.0  # a name set smaller than this reads worse than one wrapped


def _fitting(style: ParagraphStyle, value: str, room: float) -> ParagraphStyle:
    """`style`, or a smaller size of it that keeps `value` on one line in `room` points: a grid name a
    little too long for its column (「镇中心小学专属网格」) stays whole instead of leaving 「格」 alone on a
    second line. A name too long even at SMALLEST_CELL_SIZE wraps at the usual size."""
    width = stringWidth(value, style.fontName, style.fontSize)
    if width <= room or not value:
        return style
    size = math.floor(style.fontSize * room / width * 10) / 10
    if size < SMALLEST_CELL_SIZE:
        return style
    return ParagraphStyle(f"{style.name}_{size}", parent=style, fontSize=size, leading=style.leading * size / style.fontSize)  # fmt: skip


def _table(rows: list[list[str]], widths: list[float], *, header: bool = True) -> Table:
    st = styles()
    text_width = A4[0] - MARGIN_LEFT - MARGIN_RIGHT
    rooms = [w * text_width - 2 * CELL_PADDING for w in widths]
    data = [
        [para(c, st.cell_label if header and i == 0 else
              _fitting(st.cell if j == 2 and len(c) > 8 else st.cell_center, c, rooms[j]))
         for j, c in enumerate(r)]
        for i, r in enumerate(rows)
    ]  # fmt: skip
    table = Table(data, colWidths=[w * text_width for w in widths], repeatRows=1 if header else 0)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.7, colors.black),
                # The cells' own font (reportlab sets it per cell, Helvetica unless told: unembedded).
                ("FONTNAME", (0, 0), (-1, -1), st.fonts.body.name),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ]
        )
    )
    return table


def _points(value: float) -> str:
    """An item's points (15, 6.67, -4): as given."""
    return f"{value:g}"


# 名次, 姓名, 村（社区）, 网格, 岗位, 得分, 等次: the grid the widest, room for a nine-character name
# (「镇中心小学专属网格」) at full size; the others as wide as their longest word (「专职网格员」, 「基本合格」).
WORKER_COLUMNS = [0.07, 0.12, 0.14, 0.27, 0.15, 0.11, 0.14]


def _score(value: float) -> str:
    """A score or an average, always to two decimals as they are kept (80.00, 77.50, 78.13): a column
    of them lines up and no reader wonders why one has more."""
    return f"{value:.2f}"


# --- 网格员考核表 --------------------------------------------------------------------------------------


def render_sheet(db: Database, actor: Actor, result_id: str) -> Document:
    sheet = reports.sheet(db, actor, result_id)
    centre = centre_of(db)
    st = styles()
    story: list[Flowable] = [
        para(centre.name, st.subtitle),
        para(f"{sheet.period_name}网格员考核表", st.title),
        para(f"考核方案：{sheet.scheme.label}　　状态：{sheet.period_state}", st.number),
        _table(
            [
                ["姓名", sheet.name, "岗位", sheet.post],
                ["村（社区）", sheet.community or "—", "网格", sheet.grid or "—"],
            ],
            [0.18, 0.32, 0.18, 0.32],
            header=False,
        ),
        Spacer(1, 3 * mm),
    ]
    if sheet.period_kind == "月度":
        rows = [["序号", "类别", "考核项目", "考核情况", "得分"]]
        for n, line in enumerate(sheet.lines, start=1):
            rows.append([str(n), line.group, line.label, line.shown, _points(line.points)])
        story.append(_table(rows, [0.08, 0.17, 0.3, 0.3, 0.15]))
    else:
        rows = [["序号", "月份", "月度得分（等次）", "计入得分"]]
        for n, line in enumerate(sheet.lines, start=1):
            rows.append([str(n), line.label, line.shown, _points(line.points)])
        story.append(_table(rows, [0.1, 0.3, 0.35, 0.25]))
        if sheet.period_kind == "年度" and sheet.extra.get("first_half") is not None:
            weight = float(str(sheet.extra.get("first_half_weight", 0.4)))
            story.append(
                para(
                    f"年度得分 = 上半年平均 {sheet.extra.get('first_half')} × {weight:.0%}"
                    f" + 下半年平均 {sheet.extra.get('second_half') or '—'} × {1 - weight:.0%}",
                    st.body,
                )
            )
    if sheet.adjustments:
        story.append(Spacer(1, 3 * mm))
        story.append(para("加减分调整", st.heading))
        rows = [["项目", "分值", "原因", "调整人"]]
        rows += [[a.rule_label, f"{a.points:+g}", a.reason, a.made_by] for a in sheet.adjustments]
        story.append(_table(rows, [0.2, 0.12, 0.5, 0.18]))
    if sheet.appeals:
        story.append(Spacer(1, 3 * mm))
        story.append(para("申诉及处理", st.heading))
        rows = [["申诉项目", "扣分", "申诉理由", "处理结果及意见"]]
        rows += [
            [a.item_label, _points(a.points), a.reason, f"{a.state}：{a.decision_note}" if a.decision_note else a.state]
            for a in sheet.appeals
        ]  # fmt: skip
        story.append(_table(rows, [0.2, 0.1, 0.35, 0.35]))
    story.append(Spacer(1, 4 * mm))
    summary = (
        f"基础分{_score(sheet.base)}，计算得分{_score(sheet.computed_score)}，调整{sheet.adjustment:+g}，"
        f"最终得分{_score(sheet.score)}，考核等次：{sheet.grade}，排名第{sheet.rank}名（共{sheet.of}人）。"
    )
    if sheet.period_kind != "月度":
        summary = (
            f"计入月份{sheet.extra.get('months', len(sheet.lines))}个，计算得分{_score(sheet.computed_score)}，"
            f"调整{sheet.adjustment:+g}，最终得分{_score(sheet.score)}，考核等次：{sheet.grade}，"
            f"排名第{sheet.rank}名（共{sheet.of}人）。"
        )
    story.append(
        keep(
            [
                para(summary, st.body),
                Spacer(1, 6 * mm),
                # Each label with its ruled line (the shared helper): one long line broke 「考核人（签名）」.
                signature_lines([("被考核人（签名）：", ""), ("考核人（签名）：", "")], st),
                para(f"制表日期：{cn_date(attendance.today(db))}", st.right),
            ]
        )
    )
    label = f"{sheet.period_code}-{sheet.community or '中心'}-{sheet.name}"
    built = build_pdf(
        story,
        Furniture(footer_note=f"考核表 {sheet.period_code} {sheet.name}"),
        title=f"{sheet.period_name}网格员考核表",
    )
    return Document(SHEET_KIND, result_id, label, KINDS[SHEET_KIND][0], sheet.ver, built.data, built.pages)


# --- 考核排名表 ----------------------------------------------------------------------------------------


def render_ranking(db: Database, actor: Actor, period_id: str) -> Document:
    board = reports.ranking(db, actor, period_id)
    _grids, communities = reports.rollup(db, actor, period_id)
    centre = centre_of(db)
    st = styles()
    rows = [["名次", "姓名", "村（社区）", "网格", "岗位", "得分", "等次"]]
    for r in board.rows:
        rows.append([str(r.rank), r.name, r.community, r.grid, r.post, _score(r.score), r.grade])
    if len(rows) == 1:
        rows.append(["—", "无考核结果", "", "", "", "", ""])
    grade_counts = "，".join(
        f"{g}{sum(1 for r in board.rows if r.grade == g)}人" for g in ("优秀", "合格", "基本合格", "不合格")
    )
    story: list[Flowable] = [
        para(centre.name, st.subtitle),
        para(f"{board.name}网格员考核排名表", st.title),
        para(f"考核方案：{board.scheme.label}　　状态：{board.state}", st.number),
        _table(rows, WORKER_COLUMNS),
        Spacer(1, 3 * mm),
        para(f"共{len(board.rows)}人：{grade_counts}。", st.body),
        Spacer(1, 3 * mm),
        para("村（社区）排名（网格平均分的平均）", st.heading),
        _table(
            [["名次", "村（社区）", "网格数", "平均得分", "等次"]]
            + [[str(c.rank), c.name, str(c.members), _score(c.score), c.grade] for c in communities],
            [0.12, 0.34, 0.16, 0.2, 0.18],
        ),
        Spacer(1, 6 * mm),
        para(
            f"制表人：　　　　　　　审核人：　　　　　　　制表日期：{cn_date(attendance.today(db))}", st.body
        ),
    ]
    built = build_pdf(
        story, Furniture(footer_note=f"考核排名表 {board.code}"), title=f"{board.name}考核排名表"
    )
    return Document(
        RANKING_KIND, period_id, board.code, KINDS[RANKING_KIND][0], board.ver, built.data, built.pages
    )


# --- 考核通报 ------------------------------------------------------------------------------------------

DRAFT_MARK = "草稿"


def _who(row: reports.RankRow) -> str:
    return f"{row.name}（{row.grid or row.community or '中心'}，{_score(row.score)}分）"


def _first_three(groups: list[list[reports.RankRow]]) -> list[list[reports.RankRow]]:
    """The rank groups, in the order given, that make at least three people."""
    out: list[list[reports.RankRow]] = []
    while groups[len(out) :] and sum(len(g) for g in out) < 3:
        out.append(groups[len(out)])
    return out


def _named(groups: list[list[reports.RankRow]]) -> str:
    """Names when few share a rank, else how many share it."""
    parts = []
    for group in groups:
        if len(group) == 1:
            parts.append(_who(group[0]))
        elif len(group) <= 3:
            parts.append("、".join(_who(r) for r in group) + f"并列第{group[0].rank}名")
        else:
            parts.append(f"{len(group)}人并列第{group[0].rank}名（{_score(group[0].score)}分）")
    return ("；" if any(len(g) > 1 for g in groups) else "、").join(parts)


def bulletin_text(b: reports.Bulletin, centre: str) -> list[str]:
    """The body's paragraphs: plain statements of the month's figures, set as official documents set
    them: no space between a number and the Chinese around it, the month by its name (「10月」, never
    「本月」: a bulletin is read after its month), scores to two decimals as in the tables."""
    board, rows = b.board, b.board.rows
    if not rows:
        return [f"{board.name}没有网格人员参加考核。"]
    passed = sum(n for _grade, n in b.grades[:2])
    month = f"{int(board.code.split('-')[1])}月"
    out = [
        f"根据《{board.scheme.name}》（第{board.scheme.version}版），{centre}对{b.town}{len(b.communities)}个"
        f"村（社区）{len(b.grids)}个网格{len(rows)}名网格人员{board.name}的工作进行了考核。现将考核结果通报如下。",
        f"{month}参加考核{len(rows)}人，平均得分{_score(b.average)}分，最高{_score(rows[0].score)}分，"
        f"最低{_score(rows[-1].score)}分。评定" + "、".join(f"{grade}{n}人" for grade, n in b.grades)
        + f"，合格及以上{passed}人，占{passed / len(rows):.0%}。",
    ]  # fmt: skip
    groups: list[list[reports.RankRow]] = []
    for row in rows:
        if groups and groups[-1][0].rank == row.rank:
            groups[-1].append(row)
        else:
            groups.append([row])
    top = _first_three(groups)
    sentence = f"得分前三名：{_named(top)}。"
    rest = groups[len(top) :]
    if sum(len(g) for g in rest) >= 3:
        sentence += f"得分后三名：{_named(_first_three(rest[::-1]))}。"
    out.append(sentence)
    if b.grids and b.communities:
        best, worst = b.grids[0], b.grids[-1]
        out.append(
            f"网格平均得分最高的是{best.name}（{best.community}，{_score(best.score)}分），最低的是{worst.name}"
            f"（{worst.community}，{_score(worst.score)}分）；村（社区）平均得分最高的是{b.communities[0].name}"
            f"（{_score(b.communities[0].score)}分），最低的是{b.communities[-1].name}"
            f"（{_score(b.communities[-1].score)}分）。"
        )
    return out


def _caption(value: str) -> Flowable:
    st = styles()
    return para(
        value, ParagraphStyle("caption", parent=st.cell_center, spaceBefore=1 * mm, spaceAfter=3 * mm)
    )


def _table_heading(value: str) -> list[Flowable]:
    """A heading over a long table: a new page only when less than a few rows' room is left (kept with
    the whole table, as a heading keeps with what follows, it left half a page blank)."""
    st = styles()
    return [
        CondPageBreak(30 * mm),
        para(value, ParagraphStyle("table_heading", parent=st.heading, keepWithNext=0)),
    ]


def render_bulletin(db: Database, actor: Actor, period_id: str) -> Document:
    b = reports.bulletin(db, actor, period_id)
    board = b.board
    centre = centre_of(db).name
    st = styles()
    draft = board.state != scoring.CONFIRMED
    year, month = board.code.split("-")
    number = (
        f"（草稿：{int(month)}月考核尚未确认，不作正式通报）"
        if draft
        else f"{b.town}综治考〔{year}〕{int(month)}号"
    )
    story: list[Flowable] = [
        # The period on a line of its own: a long title otherwise breaks inside 「2026年10月」.
        para(
            f"{b.town}网格化服务管理工作考核通报", ParagraphStyle("title_top", parent=st.title, spaceAfter=0)
        ),
        para(f"（{board.name}）", st.title),
        para(number, st.subtitle),
        HRFlowable(width="100%", thickness=1.5, color=MARK_RED, spaceBefore=0, spaceAfter=4 * mm),
        para("各村（社区）、各网格：", st.body),
        *(para(p, st.body_indent) for p in bulletin_text(b, centre)),
    ]
    if board.rows:
        # Each chart kept with its caption, and the heading with the first chart (a heading's own
        # keepWithNext does not hold against a KeepTogether after it).
        blocks: list[list[Flowable]] = []
        for title, drawings in (
            (
                "各村（社区）平均得分",
                charts.bar_charts([(c.name, c.score) for c in b.communities], "村（社区）名称"),
            ),
            ("各网格平均得分", charts.bar_charts([(g.name, g.score) for g in b.grids], "网格名称")),
            ("考核等次分布", [charts.column_chart(b.grades)]),
        ):
            if drawings:
                blocks += [[d] for d in drawings[:-1]]
                blocks.append(
                    [drawings[-1], _caption(f"图{sum(1 for x in blocks if len(x) > 1) + 1}　{title}")]
                )
        blocks[0].insert(0, para("一、得分情况", st.heading))
        story += [keep(block) for block in blocks]
        story += _table_heading("二、网格排名")
        story.append(
            _table(
                [["名次", "网格", "村（社区）", "人数", "平均得分", "等次"]]
                + [
                    [str(g.rank), g.name, g.community, str(g.members), _score(g.score), g.grade]
                    for g in b.grids
                ],
                [0.09, 0.28, 0.24, 0.1, 0.14, 0.15],
            )
        )
        story += _table_heading("三、网格人员排名")
        story.append(
            _table(
                [["名次", "姓名", "村（社区）", "网格", "岗位", "得分", "等次"]]
                + [
                    [str(r.rank), r.name, r.community, r.grid, r.post, _score(r.score), r.grade]
                    for r in board.rows
                ],
                WORKER_COLUMNS,
            )
        )
    story.append(
        keep(
            [
                Spacer(1, 8 * mm),
                para(centre, st.right),
                para(cn_date(b.confirmed_on or attendance.today(db)), st.right),
            ]
        )
    )
    built = build_pdf(
        story,
        Furniture(footer_note=f"考核通报 {board.code}", draft_mark=DRAFT_MARK if draft else ""),
        title=f"{b.town}网格化服务管理工作考核通报（{board.name}）",
    )
    return Document(
        BULLETIN_KIND, period_id, board.code, KINDS[BULLETIN_KIND][0], board.ver, built.data, built.pages,
        draft=draft,
    )  # fmt: skip


# --- registration ------------------------------------------------------------------------------------


def _resolve_sheet(db: Database, actor: Actor, ident: str) -> str:
    """A result id, or 2026-11:姓名."""
    actor.require(Permission.ASSESSMENT_VIEW)
    period, sep, name = ident.partition(":")
    if not sep:
        period, sep, name = ident.partition("：")
    if sep:
        board = reports.ranking(db, actor, reports.find_period_id(db, actor, period))
        found = [r.result_id for r in board.rows if r.name == name.strip()]
        if len(found) == 1:
            return found[0]
        raise NotFound(
            f"{board.name}的考核中{'有多位' if found else '没有'}“{name.strip()}”，请用考核结果编号。",
            f"{'Several people' if found else 'Nobody'} named {name.strip()} in that period: use the result id.",
        )
    reports.sheet(db, actor, ident.strip())  # raises NotFound
    return ident.strip()


def _resolve_period(db: Database, actor: Actor, ident: str) -> str:
    return reports.find_period_id(db, actor, ident)


def _newest_sheets(db: Database, actor: Actor) -> list[str]:
    periods = reports.periods(db, actor)
    if not periods:
        return []
    return [r.result_id for r in reports.ranking(db, actor, periods[0].id).rows]


def _every_period(db: Database, actor: Actor) -> list[str]:
    return [p.id for p in reports.periods(db, actor)]


def _resolve_month(db: Database, actor: Actor, ident: str) -> str:
    period_id = reports.find_period_id(db, actor, ident)
    reports.bulletin_period(db, actor, period_id)  # a month, or a clear refusal
    return period_id


def _every_month(db: Database, actor: Actor) -> list[str]:
    return [p.id for p in reports.periods(db, actor) if p.kind == scoring.MONTH]


def _audit(db: Database, actor: Actor, document: Document, purpose: str, copies: int, target: str) -> None:
    reports.record_document(
        db, actor, OBJECT_TYPES[document.kind], document.subject_id, document.subject_label, document.kind,
        document.title, purpose, copies, target,
    )  # fmt: skip


register(
    DocumentKind(
        name=SHEET_KIND, title_zh=KINDS[SHEET_KIND][0], title_en=KINDS[SHEET_KIND][1], resolve=_resolve_sheet,
        list_ids=_newest_sheets, render=render_sheet, audit=_audit, subject_noun="考核结果",
    )
)  # fmt: skip
register(
    DocumentKind(
        name=RANKING_KIND, title_zh=KINDS[RANKING_KIND][0], title_en=KINDS[RANKING_KIND][1],
        resolve=_resolve_period, list_ids=_every_period, render=render_ranking, audit=_audit,
        subject_noun="考核周期",
    )
)  # fmt: skip
register(
    DocumentKind(
        name=BULLETIN_KIND, title_zh=KINDS[BULLETIN_KIND][0], title_en=KINDS[BULLETIN_KIND][1],
        resolve=_resolve_month, list_ids=_every_month, render=render_bulletin, audit=_audit,
        subject_noun="考核周期",
    )
)  # fmt: skip
