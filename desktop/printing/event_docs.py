"""The event documents: 事件交办单 (event-dispatch) and 督办通知单 (supervision-notice), A4 PDFs.

`render_dispatch(sheet)` and `render_notice(notice)` are pure: a record from `services.event_documents`
in, PDF bytes out. The registered kinds read the event through that service (EVENT_VIEW), accept the
event number (SJ…) or its id, and audit every document with the event `ver` it shows. What the
documents say, and how the notice number is derived, is explained in `services.event_documents`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from desktop.clock import to_local
from desktop.db import Database
from desktop.printing import layout
from desktop.printing.layout import (
    BuiltPdf,
    Furniture,
    Styles,
    build_pdf,
    cn_date,
    cn_datetime,
    para,
    styles,
)
from desktop.printing.registry import Document, DocumentKind, NotApplicable, register
from desktop.services.accounts.permissions import Actor
from desktop.services.events import RUNNING
from desktop.services.events import documents as event_documents
from desktop.services.events.documents import Centre, DispatchSheet, NoDocument, SupervisionNotice
from desktop.services.events.queries import EventDetail

DISPATCH_KIND = "event-dispatch"
NOTICE_KIND = "supervision-notice"
KINDS: dict[str, tuple[str, str]] = {
    DISPATCH_KIND: ("事件交办单", "Event dispatch sheet"),
    NOTICE_KIND: ("督办通知单", "Supervision notice"),
}
ESTIMATED = "（超出节假日表）"
_GAP = "\u00a0" * 3  # blanks to write in: reportlab keeps no-break spaces, collapses others
BLANK_DATE = f"{_GAP}年{_GAP}月{_GAP}日"
BLANK_TIME = f"{_GAP}年{_GAP}月{_GAP}日{_GAP}时{_GAP}分"
DISPATCH_RULES = (
    "请承办单位收到本单后及时签收，在办理期限内办结，并将办理结果（附处置前后照片）反馈综治中心；"
    "不属于本单位职责的，请在期限内写明理由退回；确需延期的，请在期限届满前申请。逾期未办结的，将予以督办。"
)
# Room above the centre's name: the seal is stamped over the name and the date.
SEAL_ROOM = 8 * mm


# --- small pieces ------------------------------------------------------------------------------


def _day(value: date | None) -> str:
    return cn_date(value).replace(" ", "") if value else "—"


def _deadline(value: date | None, estimated: bool) -> str:
    if value is None:
        return "—"
    return cn_date(value) + (f"\n{ESTIMATED}" if estimated else "")


def _limit(days: int) -> str:
    return "当日办结" if days == 0 else f"{days} 个工作日"


def _place(event: EventDetail) -> str:
    where = event.grid if event.grid.startswith(event.community) else f"{event.community}{event.grid}"
    return "　".join(x for x in (where, event.address) if x) or "—"


def _heading(centre: Centre, title: str, number: str, st: Styles) -> list[Flowable]:
    return [para(centre.name, st.subtitle), para(title, st.title), para(number, st.number)]


def _seal(centre: Centre, day: date, st: Styles) -> Flowable:
    return KeepTogether(
        [Spacer(1, SEAL_ROOM), para(f"{centre.name}（盖章）", st.right), para(cn_date(day), st.right)]
    )


def _form(
    rows: list[list[layout.Cell]], widths: tuple[float, float, float, float], tall: dict[int, float]
) -> list[Flowable]:
    """Four-cell and two-cell rows as one ruled form (layout.form); `tall`: rows to write in by hand."""
    return layout.form(rows, widths, tall)


def _footer(event: EventDetail) -> str:
    return f"{event.number} · 事件版本 {event.ver}"


# --- 事件交办单 ----------------------------------------------------------------------------------


def dispatch_story(sheet: DispatchSheet) -> list[Flowable]:
    st = styles()
    e = sheet.event
    unit = sheet.target + (f"（{sheet.target_kind}）" if sheet.target_kind else "")
    if sheet.target_contact:
        unit += f"　联系人：{sheet.target_contact}"
    deadline = _deadline(sheet.deadline, sheet.deadline_estimated)
    if sheet.extended_to is not None:
        deadline += f"\n{sheet.moved_by}至 {_day(sheet.extended_to)}"
    rows: list[list[layout.Cell]] = [
        ["事件标题", e.title],
        ["来源渠道", e.channel, "紧急程度", e.urgency],
        ["发生时间", cn_datetime(e.occurred_at), "上报时间", cn_datetime(e.reported_at)],
        ["反映人", sheet.reporter, "联系电话", sheet.reporter_phone or "—"],
        ["事发地点", _place(e)],
        ["事项", f"{e.matter_name}（{e.matter_code}）", "事项类别", "／".join(x for x in (e.domain, e.category) if x)],
        ["事件描述", e.description],
        ["涉及人数", f"{e.people_involved} 人" if e.people_involved else "—", "受理人", sheet.accepted_by or "—"],
        ["承办单位", unit],
        ["办理时限", _limit(sheet.limit_days), "办理期限", deadline],
        ["交办意见", sheet.note or "请按办理要求办理。"],
        ["办理要求", DISPATCH_RULES],
        ["交办人签名", sheet.dispatched_by, "交办时间", cn_datetime(sheet.dispatched_at)],
        ["签收人签名", "", "签收时间", BLANK_TIME],
    ]  # fmt: skip
    story = _heading(sheet.centre, "事件交办单", f"编号：{e.number}", st)
    story += _form(rows, (0.15, 0.35, 0.15, 0.35), {12: 12 * mm, 13: 12 * mm})
    story.append(_seal(sheet.centre, sheet.dispatched_on, st))
    story.append(para("本单一式两联：一联交承办单位，一联由承办单位签收后交回综治中心留存。", st.small))
    return story


def render_dispatch(sheet: DispatchSheet) -> BuiltPdf:
    e = sheet.event
    return build_pdf(
        dispatch_story(sheet),
        Furniture(footer_note=_footer(e)),
        title=f"事件交办单 {e.number}",
        subject=e.title,
    )


# --- 督办通知单 ----------------------------------------------------------------------------------


def _local(moment: datetime) -> date:
    return to_local(moment).date()


def _overdue(n: SupervisionNotice) -> str:
    if n.overdue_days:
        return f"已超期 {n.overdue_workdays} 个工作日（{n.overdue_days} 天）"
    return f"未超期（剩余 {n.workdays_left} 个工作日）"


def _standing(n: SupervisionNotice) -> str:
    """How the event stood on the notice day, for the opening paragraph."""
    on = _day(n.issued_on)
    due = f"办理期限为{_day(n.deadline)}{ESTIMATED if n.deadline_estimated else ''}"
    if n.state_then not in RUNNING:
        return f"{due}，截至{on}处于“{n.state_then}”环节。"
    if n.overdue_days:
        return f"{due}，截至{on}仍未办结，已超期 {n.overdue_workdays} 个工作日（{n.overdue_days} 天）。"
    return f"{due}，截至{on}尚未办结，距期限还有 {n.workdays_left} 个工作日。"


def _reminders(n: SupervisionNotice) -> str:
    if not n.reminders:
        return "无"
    last = _local(n.reminders[-1].at)
    return f"{len(n.reminders)} 次，最近 {last.month} 月 {last.day} 日"


def _receipt(st: Styles) -> Flowable:
    """One ruled line for the unit to sign for the notice when it is handed over."""
    data = [
        [
            para("签收人（签名）：", st.body),
            "",
            para("签收时间：", st.body),
            para(BLANK_DATE, st.body),
        ]
    ]
    table = Table(data, colWidths=[w * layout.TEXT_WIDTH for w in (0.25, 0.3, 0.17, 0.28)])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st.fonts.body.name),  # no stray Helvetica
                ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
                ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return KeepTogether([Spacer(1, 1 * mm), table])


def notice_story(n: SupervisionNotice) -> list[Flowable]:
    st = styles()
    e = n.event
    c = n.centre
    dispatched_on = _local(n.dispatched_at) if n.dispatched_at else None
    opening = (
        f"你单位承办的“{e.title}”事件（事件编号 {e.number}），{_standing(n)}"
        "现予督办，请你单位高度重视，按以下要求抓紧办理。"
    )
    feedback = (
        f"请于{_day(n.reply_by)}前将办理进展和结果书面反馈{c.name}；确有特殊情况不能按期办结的，"
        "请书面说明原因并按规定申请延期。逾期仍未办结的，将予以通报，并纳入年度考核。"
    )
    rows: list[list[layout.Cell]] = [
        ["事发地点", _place(e)],
        ["事件概要", e.description],
        ["事项", f"{e.matter_name}（{e.matter_code}）", "紧急程度", e.urgency],
        ["承办单位", n.target, "交办日期", cn_date(dispatched_on) if dispatched_on else "—"],
        ["办理时限", _limit(n.limit_days), "原定办理期限", _deadline(n.deadline, n.deadline_estimated)],
        ["超期情况", _overdue(n), "此前催办", _reminders(n)],
        ["督办人", n.issued_by, "联系电话", c.phone or "—"],
        ["督办要求", n.requirement],
        ["反馈要求", feedback],
    ]  # fmt: skip
    story = _heading(c, "督办通知单", n.number, st)
    story.append(para(f"{n.target}：", st.body))
    story.append(para(opening, st.body_indent))
    story.append(Spacer(1, 3 * mm))
    story += _form(rows, (0.16, 0.34, 0.17, 0.33), {})
    story.append(_seal(c, n.issued_on, st))
    story.append(_receipt(st))
    return story


def render_notice(n: SupervisionNotice) -> BuiltPdf:
    e = n.event
    return build_pdf(
        notice_story(n),
        Furniture(footer_note=f"{n.number} · {_footer(e)}"),
        title=f"督办通知单 {n.number}",
        subject=e.title,
    )


# --- registration ------------------------------------------------------------------------------


def _not_applicable(exc: NoDocument) -> NotApplicable:
    return NotApplicable(exc.zh, exc.en)


def render_dispatch_document(db: Database, actor: Actor, event_id: str) -> Document:
    try:
        sheet = event_documents.dispatch_sheet(db, actor, event_id)
    except NoDocument as exc:
        raise _not_applicable(exc) from exc
    built = render_dispatch(sheet)
    e = sheet.event
    return Document(DISPATCH_KIND, e.id, e.number, KINDS[DISPATCH_KIND][0], e.ver, built.data, built.pages)


def render_notice_document(db: Database, actor: Actor, event_id: str) -> Document:
    try:
        notice = event_documents.supervision_notice(db, actor, event_id)
    except NoDocument as exc:
        raise _not_applicable(exc) from exc
    built = render_notice(notice)
    e = notice.event
    return Document(
        NOTICE_KIND,
        e.id,
        e.number,
        f"{KINDS[NOTICE_KIND][0]}（{notice.number}）",
        e.ver,
        built.data,
        built.pages,
    )


def _audit(db: Database, actor: Actor, document: Document, purpose: str, copies: int, target: str) -> None:
    event_documents.record_document(
        db, actor, document.subject_id, document.kind, document.title, document.ver, purpose,
        copies=copies, target=target,
    )  # fmt: skip


_RENDERERS: dict[str, Callable[[Database, Actor, str], Document]] = {
    DISPATCH_KIND: render_dispatch_document,
    NOTICE_KIND: render_notice_document,
}
_LISTS: dict[str, Callable[[Database, Actor], list[str]]] = {
    DISPATCH_KIND: event_documents.dispatched_event_ids,
    NOTICE_KIND: event_documents.supervised_event_ids,
}

for _kind, (_zh, _en) in KINDS.items():
    register(
        DocumentKind(
            name=_kind,
            title_zh=_zh,
            title_en=_en,
            resolve=event_documents.resolve_event_id,
            list_ids=_LISTS[_kind],
            render=_RENDERERS[_kind],
            audit=_audit,
            subject_noun="事件",
        )
    )
