"""The duty rota (值班表, A4) and the monthly attendance sheet (考勤表, A4 landscape).

The subject of both is a month, `2026-05`; the sheet may name a community after `@` (its code or
name), `2026-05@清溪社区`, else it covers the whole town. What they show comes from
`services.workforce.duty` and `services.workforce.attendance` (DUTY_VIEW); every file produced is
audited through `duty.record_document`.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from desktop.db import Database
from desktop.printing.layout import MARGIN_LEFT, MARGIN_RIGHT, Furniture, build_pdf, cn_date, para, styles
from desktop.printing.registry import Document, DocumentKind, register
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common import workdays
from desktop.services.events.documents import centre_of
from desktop.services.workforce import attendance, duty

ROTA_KIND = "duty-rota"
SHEET_KIND = "attendance-sheet"
KINDS: dict[str, tuple[str, str]] = {
    ROTA_KIND: ("值班表", "Duty rota"),
    SHEET_KIND: ("考勤表", "Attendance sheet"),
}
SHEET_HEADERS = (
    "序号",
    "姓名",
    "村（社区）",
    "岗位",
    "应出勤",
    "实出勤",
    "出勤率",
    "迟到",
    "早退",
    "缺勤",
    "请假天数",
)


def _table(rows: list[list[str]], widths: list[float], page_width: float) -> Table:
    st = styles()
    text_width = page_width - MARGIN_LEFT - MARGIN_RIGHT
    data = [[para(c, st.cell_label if i == 0 else st.cell_center) for c in r] for i, r in enumerate(rows)]
    table = Table(data, colWidths=[w * text_width for w in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.7, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _month_subject(ident: str) -> tuple[int, int, str]:
    month, _, community = ident.partition("@")
    year, number = attendance.parse_month(month)
    return year, number, community.strip()


# --- 值班表 ----------------------------------------------------------------------------------------


def render_rota(db: Database, actor: Actor, subject: str) -> Document:
    year, month, _ = _month_subject(subject)
    first, last = duty.month_range(year, month)
    entries = duty.rota(db, actor, first, last)
    calendar = workdays.load(db)
    centre = centre_of(db)
    st = styles()
    by_day: dict[tuple[date, str], dict[str, list[str]]] = {}
    for e in entries:
        by_day.setdefault((e.day, e.shift), {}).setdefault(e.role, []).append(e.name)
    rows = [["日期", "星期", "班次", "带班领导", "值班员", "备注"]]
    for (day, shift), roles in sorted(by_day.items(), key=lambda kv: (kv[0][0], duty.SHIFTS.index(kv[0][1]))):
        note = calendar.names.get(day, "") or ("" if calendar.is_workday(day) else "休息日")
        rows.append(
            [
                f"{day.month}月{day.day}日", duty.weekday_label(day), shift, "、".join(roles.get(duty.LEADER, [])),
                "、".join(roles.get(duty.OFFICER, [])), note,
            ]
        )  # fmt: skip
    if len(rows) == 1:
        rows.append(["—", "", "", "本月尚未排班", "", ""])
    story: list[Flowable] = [
        para(centre.name, st.subtitle),
        para(f"{year}年{month}月值班表", st.title),
        _table(rows, [0.14, 0.12, 0.1, 0.22, 0.26, 0.16], A4[0]),
        Spacer(1, 4 * mm),
        para(
            f"值班电话：{centre.phone or '　　　　　　'}　　制表日期：{cn_date(attendance.today(db))}",
            st.body,
        ),
    ]
    built = build_pdf(
        story, Furniture(footer_note=f"值班表 {year}-{month:02d}"), title=f"{year}年{month}月值班表"
    )
    label = f"{year}-{month:02d}"
    return Document(ROTA_KIND, label, label, KINDS[ROTA_KIND][0], 0, built.data, built.pages)


# --- 考勤表 ----------------------------------------------------------------------------------------


def render_sheet(db: Database, actor: Actor, subject: str) -> Document:
    year, month, community = _month_subject(subject)
    community_id = attendance.find_community(db, community) if community else None
    sheet = attendance.month_sheet(db, actor, year, month, community_id)
    centre = centre_of(db)
    st = styles()
    rows = [list(SHEET_HEADERS)]
    for n, r in enumerate(sheet.rows, start=1):
        rows.append(
            [
                str(n), r.name, r.community or "中心", r.post, str(r.due), str(r.present), f"{r.rate:.0%}",
                str(r.late), str(r.early), str(r.absent), str(r.leave_days),
            ]
        )  # fmt: skip
    if len(rows) == 1:
        rows.append(["—", "无在岗人员", *[""] * 9])
    until = f"统计至 {cn_date(sheet.judged_until)}" if sheet.judged_until else "本月尚未开始"
    if sheet.estimated:
        until += "（超出节假日表，按周末计算）"
    page = landscape(A4)
    story: list[Flowable] = [
        para(centre.name, st.subtitle),
        para(f"{year}年{month}月考勤表（{sheet.scope}）", st.title),
        para(until, st.number),
        _table(rows, [0.05, 0.1, 0.14, 0.12, 0.07, 0.07, 0.08, 0.06, 0.06, 0.06, 0.08], page[0]),
        Spacer(1, 6 * mm),
        para("制表人：　　　　　　　　审核人：　　　　　　　　负责人：", st.body),
    ]
    built = build_pdf(
        story,
        Furniture(footer_note=f"考勤表 {year}-{month:02d} {sheet.scope}"),
        title=f"{year}年{month}月考勤表",
        pagesize=page,
    )
    label = f"{year}-{month:02d}" + (f"@{sheet.scope}" if community_id else "")
    return Document(SHEET_KIND, subject, label, KINDS[SHEET_KIND][0], 0, built.data, built.pages)


# --- registration ----------------------------------------------------------------------------------


def _resolve(db: Database, actor: Actor, ident: str) -> str:
    actor.require(Permission.DUTY_VIEW)
    year, month, community = _month_subject(ident)
    if community:
        attendance.find_community(db, community)
    return f"{year}-{month:02d}" + (f"@{community}" if community else "")


def _recent(db: Database, actor: Actor) -> list[str]:
    today = attendance.today(db)
    return [f"{today.year}-{today.month:02d}"]


def _audit(db: Database, actor: Actor, document: Document, purpose: str, copies: int, target: str) -> None:
    duty.record_document(
        db, actor, document.kind, document.subject_label, document.title, purpose, copies, target
    )


for _kind, (_zh, _en) in KINDS.items():
    register(
        DocumentKind(
            name=_kind,
            title_zh=_zh,
            title_en=_en,
            resolve=_resolve,
            list_ids=_recent,
            render=render_rota if _kind == ROTA_KIND else render_sheet,
            audit=_audit,
            subject_noun="月份",
        )
    )
