"""The Ministry of Justice's people's-mediation document set (2010 formats), rendered from a case.

Fields follow shared/domain/README.md. `render_case(kind, case)` is pure (a `CaseDetail` in, PDF bytes
out); the registered kinds read the case through `services.mediation` (MEDIATION_VIEW; full resident ID
numbers only for a reader with PERSON_VIEW_ID) and audit every document with the case `ver` it shows.
A case read without PERSON_VIEW_ID has masked IDs and no birth dates: its documents state ages only and
carry 「仅供查阅，非正式文书」 on every page (docs/security.md).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date
from typing import TypeVar

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from desktop.db import Database
from desktop.printing import layout
from desktop.printing.fonts import MissingGlyph
from desktop.printing.layout import (
    BuiltPdf,
    Furniture,
    Styles,
    build_pdf,
    cn_date,
    cn_datetime,
    form_table,
    labelled,
    para,
    paragraphs,
    signature_lines,
    styles,
)
from desktop.printing.registry import Document, DocumentKind, NotApplicable, register
from desktop.services import mediation
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.mediation import (
    CaseDetail,
    InvestigationView,
    PartyView,
    PersonView,
    RevisitView,
    SessionView,
)

_T = TypeVar("_T")

# kind -> (Chinese title, English title), in case-file order.
KINDS: dict[str, tuple[str, str]] = {
    "mediation-application": ("人民调解申请书", "Mediation application"),
    "mediation-acceptance": ("人民调解受理登记表", "Mediation acceptance register"),
    "mediation-rights-notice": ("当事人权利义务告知书", "Notice of the parties' rights and duties"),
    "mediation-investigation": ("人民调解调查记录", "Mediation investigation record"),
    "mediation-record": ("人民调解记录", "Mediation record"),
    "mediation-agreement": ("人民调解协议书", "Mediation agreement"),
    "oral-agreement": ("人民调解口头协议登记表", "Oral agreement register"),
    "mediation-revisit": ("人民调解回访记录", "Mediation return-visit record"),
    "case-file": ("人民调解卷宗", "Mediation case file"),
}


# --- small pieces ------------------------------------------------------------------------------


def _age(person: PersonView | None, on: date) -> str:
    if person is None:
        return ""
    age = person.age_on(on)
    return f"{age}" if age is not None else ""


def _party_particulars(p: PartyView, label: str, on: date) -> str:
    """One paragraph of particulars, the way the agreement and the oral register state them."""
    if p.is_org:
        bits = [f"{label}：{p.org_name}", f"统一社会信用代码：{p.org_credit_code}"]
        if p.org_address:
            bits.append(f"住所：{p.org_address}")
        bits.append(f"法定代表人（负责人）：{p.org_legal_rep}")
        if p.org_phone:
            bits.append(f"联系电话：{p.org_phone}")
    else:
        person = p.person
        assert person is not None
        bits = [f"{label}：{person.name}"]
        bits += [x for x in (person.sex, person.ethnicity) if x]
        if person.birth_date:
            bits.append(f"{cn_date(person.birth_date).replace(' ', '')}出生（{_age(person, on)} 岁）")
        elif person.birth_year is not None:  # masked: the age alone, never the date it is counted from
            bits.append(f"{_age(person, on)} 岁")
        if person.resident_id:
            bits.append(f"公民身份号码：{person.resident_id}")
        if p.occupation:
            bits.append(f"职业或职务：{p.occupation}")
        if p.employer:
            bits.append(f"工作单位：{p.employer}")
        if person.address:
            bits.append(f"住址：{person.address}")
        if person.phone:
            bits.append(f"联系电话：{person.phone}")
    text = "，".join(bits) + "。"
    if p.agent is not None:
        a = p.agent
        agent_bits = [f"{p.agent_kind or '代理人'}：{a.name}"] + [x for x in (a.sex, a.ethnicity) if x]
        if a.resident_id:
            agent_bits.append(f"公民身份号码：{a.resident_id}")
        if a.phone:
            agent_bits.append(f"联系电话：{a.phone}")
        text += "\n" + "，".join(agent_bits) + "。"
    return text


def _side_names(case: CaseDetail, side: int) -> str:
    return "、".join(p.name for p in case.side(side))


_DIGITS = "零一二三四五六七八九"


def cn_count(n: int) -> str:
    """7 -> 七, 12 -> 十二, 20 -> 二十: counts in official text are written in Chinese numerals."""
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return f"{_DIGITS[tens] if tens > 1 else ''}十{_DIGITS[ones] if ones else ''}"
    return str(n)


def _all_parties(case: CaseDetail) -> str:
    """「双方当事人」 for two parties, 「各方当事人」 for more."""
    return "各方当事人" if len(case.parties) > 2 else "双方当事人"


def _mediator_lines(case: CaseDetail) -> list[tuple[str, str]]:
    return layout.mediator_lines([m.name for m in case.mediators])


def _footer(case: CaseDetail) -> str:
    return f"{case.file_number} · 案件版本 {case.ver}"


def _title(name: str, st: Styles, case: CaseDetail, *, number: bool = True) -> list[Flowable]:
    out: list[Flowable] = [para(case.committee.name, st.subtitle), para(name, st.title)]
    if number:
        out.append(para(f"编号：{case.file_number}", st.number))
    return out


def _seal_and_date(case: CaseDetail, st: Styles, day: date | None) -> Flowable:
    return KeepTogether(
        [
            Spacer(1, 6 * mm),
            para(f"{case.committee.name}（盖章）", st.right),
            para(cn_date(day), st.right),
        ]
    )


def _party_table(case: CaseDetail, side: int, label: str, on: date) -> list[Flowable]:
    """The application's ruled block for one side: one small table per party (agents included), stacked
    so they read as one form and a party's rows never split across pages."""
    # Label columns hold 「被申请人」 / 「联系方式」 / 「法定代表人」 on one line.
    w = [0.12, 0.16, 0.16, 0.07, 0.08, 0.145, 0.085, 0.18]
    out: list[Flowable] = []
    for p in case.side(side):
        rows: list[list[layout.Cell]] = []
        spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
        if p.is_org:
            rows.append([label, "名称", p.org_name, "", "", "", "", ""])
            rows.append(
                ["", "统一社会信用代码", p.org_credit_code, "", "", "法定代表人", p.org_legal_rep, ""]
            )
            rows.append(["", "住所", p.org_address, "", "", "联系方式", p.org_phone, ""])
            spans += [
                ((2, 0), (7, 0)),
                ((2, 1), (4, 1)),
                ((6, 1), (7, 1)),
                ((2, 2), (4, 2)),
                ((6, 2), (7, 2)),
            ]
        else:
            person = p.person
            assert person is not None
            rows.append(
                [
                    label,
                    "姓名",
                    person.name,
                    "性别",
                    person.sex,
                    "民族",
                    person.ethnicity,
                    f"年龄 {_age(person, on)}",
                ]
            )
            rows.append(["", "职业或职务", p.occupation, "", "", "联系方式", person.phone, ""])
            rows.append(
                [
                    "",
                    "单位或住址",
                    "；".join(x for x in (p.employer, person.address) if x),
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
            spans += [((2, 1), (4, 1)), ((6, 1), (7, 1)), ((2, 2), (7, 2))]
        if p.agent is not None:
            a = p.agent
            rows.append(["", p.agent_kind or "代理人", a.name, "", "", "联系方式", a.phone, ""])
            spans += [((2, len(rows) - 1), (4, len(rows) - 1)), ((6, len(rows) - 1), (7, len(rows) - 1))]
        spans.append(((0, 0), (0, len(rows) - 1)))
        out.append(form_table(rows, w, label_columns=(0, 1, 3, 5), spans=spans))
    return out


def _sign_parties(case: CaseDetail, suffix: str = "（签名、盖章或按指印）") -> list[tuple[str, str]]:
    lines: list[tuple[str, str]] = []
    for p in case.parties:
        if p.is_org:
            lines.append((f"{p.org_name}（盖章） 法定代表人或委托代理人（签名）：", ""))
        else:
            lines.append((f"当事人{suffix}：{p.name}", ""))
    return lines


# --- the documents -----------------------------------------------------------------------------


def application(case: CaseDetail) -> list[Flowable]:
    if case.source != mediation.SOURCE_APPLICATION:
        raise NotApplicable(
            f"案件 {case.file_number} 由“{case.source}”启动，没有调解申请书。",
            f"Case {case.file_number} did not start with an application ({case.source}).",
        )
    st = styles()
    first, second = case.side_labels
    story = _title("人民调解申请书", st, case, number=False)
    story += [*_party_table(case, 1, first, case.received_on), Spacer(1, 2 * mm)]
    story += [*_party_table(case, 2, second, case.received_on), Spacer(1, 2 * mm)]
    story += labelled("纠纷简要情况：", case.summary, st, indent=True)
    story += labelled("申请事项：", case.requests, st, indent=True)
    story.append(Spacer(1, 2 * mm))
    declaration = para(
        f"申请人自愿申请{case.committee.name}调解上述纠纷，保证所提供的情况真实，愿意遵守人民调解的有关规定。",
        st.body_indent,
    )
    lines = [(f"申请人（签名、盖章或按指印）：{p.name}", "") for p in case.side(1)]
    story.append(
        layout.closing([declaration], [signature_lines(lines, st), para(cn_date(case.received_on), st.right)])
    )
    return story


def acceptance(case: CaseDetail) -> list[Flowable]:
    st = styles()
    first, second = case.side_labels
    if case.status == mediation.PENDING:
        decision = "（待定）"
    elif case.accepted_on is not None:
        decision = (
            f"经当事人同意，本委员会决定调解{_side_names(case, 1)}与{_side_names(case, 2)}之间的"
            f"{case.dispute_type}纠纷。"
        )
    else:
        decision = f"不予受理。理由：{case.refusal_reason}"
    rows: list[list[layout.Cell]] = [
        ["编号", case.file_number, "登记日期", cn_date(case.received_on)],
        ["纠纷来源", case.source, "纠纷类型", case.dispute_type],
        [first, _side_names(case, 1)],
        [second, _side_names(case, 2)],
        ["争议金额", mediation.format_amount(case.amount_cents) or "无", "调解员", case.mediator_names],
        ["纠纷简要情况", case.summary],
        ["受理意见", decision],
        ["受理日期", cn_date(case.accepted_on or case.outcome_on), "登记人", case.registered_by],
        ["当事人签名", "", "登记人签名", ""],
    ]
    story = _title("人民调解受理登记表", st, case, number=False)
    parts = layout.form(rows, [0.17, 0.36, 0.15, 0.32], {5: 40 * mm, 8: 22 * mm})
    story += parts[:-1]
    # Sealed on the day of the decision it records: the acceptance, or the refusal.
    sealed = case.accepted_on or case.outcome_on or case.received_on
    story.append(layout.keep([parts[-1], _seal_and_date(case, st, sealed)]))
    return story


RIGHTS = (
    "选择或者接受人民调解员；",
    "接受调解、拒绝调解或者要求终止调解；",
    "要求调解公开进行或者不公开进行；",
    "自主表达意愿、自愿达成调解协议。",
)
DUTIES = (
    "如实陈述纠纷事实，不得提供虚假证明材料；",
    "遵守调解现场秩序，尊重人民调解员；",
    "尊重对方当事人行使权利。",
)


def rights_notice(case: CaseDetail) -> list[Flowable]:
    st = styles()
    story = _title("当事人权利义务告知书", st, case)
    story.append(para(f"当事人：{'、'.join(p.name for p in case.parties)}", st.body))
    story.append(Spacer(1, 2 * mm))
    story.append(
        para(
            "人民调解委员会依照《中华人民共和国人民调解法》的规定，在当事人自愿、平等的基础上进行调解，"
            "不违背法律、法规和国家政策，尊重当事人的权利，不因调解而阻止当事人依法通过仲裁、行政、司法等"
            "途径维护自己的权利。人民调解不收取任何费用。现将当事人在调解活动中享有的权利和承担的义务告知如下：",
            st.body_indent,
        )
    )
    story.append(para("一、当事人享有下列权利（人民调解法第二十三条）：", st.heading))
    story += [para(f"{i}. {r}", st.body_indent) for i, r in enumerate(RIGHTS, start=1)]
    story.append(para("二、当事人履行下列义务（人民调解法第二十四条）：", st.heading))
    story += [para(f"{i}. {d}", st.body_indent) for i, d in enumerate(DUTIES, start=1)]
    story.append(para("三、其他事项：", st.heading))
    story.append(
        para(
            "经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。"
            f"{_all_parties(case)}认为有必要的，"
            "可以自调解协议生效之日起三十日内共同向人民法院申请司法确认。调解不成的，人民调解员应当终止调解，"
            "当事人可以依法通过仲裁、行政、司法等途径维护自己的权利。",
            st.body_indent,
        )
    )
    story.append(
        layout.closing(
            [para("以上内容本人已知悉。", st.body_indent)],
            [
                signature_lines(_sign_parties(case), st),
                _seal_and_date(case, st, case.accepted_on or case.received_on),
            ],
        )
    )
    return story


def _investigation(case: CaseDetail, r: InvestigationView, index: int, total: int) -> list[Flowable]:
    st = styles()
    story = _title("人民调解调查记录", st, case)
    if total > 1:
        story.append(para(f"（第 {index} 次调查，共 {total} 次）", st.subtitle))
    rows: list[list[layout.Cell]] = [
        ["调查时间", cn_datetime(r.occurred_at), "调查地点", r.place],
        ["参加人", r.participants or "—"],
        ["被调查人", r.subject],
    ]
    story += layout.form(rows, [0.16, 0.36, 0.16, 0.32])
    story += labelled("调查记录：", r.record, st, indent=True)
    lines = [
        ("被调查人（签名或按指印）：", ""),
        ("调查人（签名）：", ""),
        (f"记录人（签名）：{r.recorder}", ""),
    ]
    story.append(
        layout.closing(
            [para("以上记录已经被调查人阅看（或向其宣读），确认无误。", st.body_indent)],
            [signature_lines(lines, st), para(cn_date(layout_local_date(r.occurred_at)), st.right)],
        )
    )
    return story


def layout_local_date(moment: object) -> date:
    from desktop.clock import to_local

    return to_local(moment).date()  # type: ignore[arg-type]


def investigations(case: CaseDetail) -> list[Flowable]:
    if not case.investigations:
        raise NotApplicable(
            f"案件 {case.file_number} 没有调查记录。", f"Case {case.file_number} has no investigation record."
        )
    return _each(case.investigations, lambda r, i, n: _investigation(case, r, i, n))


def _session(case: CaseDetail, r: SessionView, index: int, total: int) -> list[Flowable]:
    st = styles()
    story = _title("人民调解记录", st, case)
    if total > 1:
        story.append(para(f"（第 {index} 次调解，共 {total} 次）", st.subtitle))
    rows: list[list[layout.Cell]] = [
        ["调解时间", cn_datetime(r.occurred_at), "调解地点", r.place],
        ["调解事项", r.subject],
        ["参加人", r.participants or "—"],
        ["到场当事人", r.parties_present],
    ]
    story += layout.form(rows, [0.16, 0.36, 0.16, 0.32])
    story += labelled(
        "告知事项：",
        "调解开始前，人民调解员已告知当事人人民调解的性质、原则和效力，以及当事人在调解活动中享有的权利和承担的义务；"
        "已提示当事人调解可能存在的风险，当事人表示知悉。",
        st,
        indent=True,
    )
    story += labelled("调解情况（当事人陈述、核实情况）：", r.record, st, indent=True)
    result = r.result + (f"。{r.result_note}" if r.result_note else "")
    if r.result == "未达成协议" and case.outcome == mediation.NO_AGREEMENT:
        routes = "、".join(mediation.REFERRAL_TEXT[x] for x in case.referral_routes)
        result += f"。调解不成的原因：{case.failure_reason}已告知当事人可以{routes}，维护自己的合法权益。"
    story += labelled("调解结果：", result, st, indent=True)
    lines = _sign_parties(case, "（签名或按指印）")
    lines += [*_mediator_lines(case), (f"记录人（签名）：{r.recorder}", "")]
    story.append(
        layout.closing(
            [para("以上记录已向当事人宣读（或经其阅看），确认无误。", st.body_indent)],
            [signature_lines(lines, st)],
        )
    )
    return story


def sessions(case: CaseDetail) -> list[Flowable]:
    if not case.sessions:
        raise NotApplicable(
            f"案件 {case.file_number} 没有调解记录。", f"Case {case.file_number} has no session record."
        )
    return _each(case.sessions, lambda r, i, n: _session(case, r, i, n))


def _agreement_common(case: CaseDetail, st: Styles) -> list[Flowable]:
    first, second = case.side_labels
    on = case.outcome_on or case.received_on
    story: list[Flowable] = []
    for side, label in ((1, first), (2, second)):
        for p in case.side(side):
            story += paragraphs(_party_particulars(p, label, on), st.body)
    story.append(Spacer(1, 2 * mm))
    return story


def agreement(case: CaseDetail) -> list[Flowable]:
    if case.outcome != mediation.WRITTEN:
        raise NotApplicable(
            f"案件 {case.file_number} 没有书面调解协议。",
            f"Case {case.file_number} has no written agreement.",
        )
    st = styles()
    story = _title("人民调解协议书", st, case)
    story += _agreement_common(case, st)
    story += labelled(
        "纠纷主要事实、争议事项：", f"{case.facts}\n争议事项：{case.disputed_matters}", st, indent=True
    )
    story += labelled("各方责任：", case.responsibility, st, indent=True)
    story.append(para(f"经人民调解委员会调解，{_all_parties(case)}自愿达成如下协议：", st.heading))
    story += paragraphs(case.terms, st.body_indent)
    deadline = (
        f"，履行期限：{cn_date(case.performance_deadline).replace(' ', '')}前"
        if case.performance_deadline
        else ""
    )
    story += labelled("履行方式、时限：", f"{case.performance_manner}{deadline}。", st, indent=True)
    end = case.judicial_window_end
    story.append(Spacer(1, 2 * mm))
    # The closing clauses (一式…份, judicial confirmation) share a page with the signatures and the seal.
    clauses = [
        para(
            f"本协议一式{cn_count(case.copies)}份，当事人各执一份，人民调解委员会留存一份。本协议自各方当事人签名、盖章或按指印，"
            "人民调解员签名并加盖人民调解委员会印章之日起生效。",
            st.body_indent,
        )
    ]
    if end is not None:
        clauses.append(
            para(
                f"{_all_parties(case)}认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认"
                f"（至 {cn_date(end).replace(' ', '')}止）。",
                st.body_indent,
            )
        )
    lines = _sign_parties(case)
    lines += [*_mediator_lines(case), ("记录人（签名）：", "")]
    story.append(
        layout.closing(clauses, [signature_lines(lines, st), _seal_and_date(case, st, case.outcome_on)])
    )
    return story


def oral_agreement(case: CaseDetail) -> list[Flowable]:
    if case.outcome != mediation.ORAL:
        raise NotApplicable(
            f"案件 {case.file_number} 没有口头协议。", f"Case {case.file_number} has no oral agreement."
        )
    st = styles()
    first, second = case.side_labels
    on = case.outcome_on or case.received_on

    def people(side: int, label: str) -> str:
        return "\n".join(_party_particulars(p, label, on) for p in case.side(side))

    deadline = cn_date(case.performance_deadline) if case.performance_deadline else "—"
    rows: list[list[layout.Cell]] = [
        ["编号", case.file_number, "登记日期", cn_date(case.outcome_on)],
        [first, people(1, first)],
        [second, people(2, second)],
        ["纠纷主要事实", case.facts],
        ["争议事项", case.disputed_matters],
        ["各方责任", case.responsibility or "—"],
        ["协议内容", case.terms],
        ["履行方式", case.performance_manner],
        ["履行期限", deadline, "记录人（签名）", ""],
        ["当事人确认（签名或按指印）", ""],
        ["人民调解员（签名）", ""],
    ]
    # Room for every party's signature and fingerprint, and for three mediators.
    tall = {9: max(22 * mm, len(case.parties) * 9 * mm), 10: 27 * mm}
    story = _title("人民调解口头协议登记表", st, case, number=False)
    parts = layout.form(rows, [0.17, 0.33, 0.2, 0.30], tall)
    story += parts[:-2]
    note = para("本表由人民调解员根据当事人达成的口头协议如实记录（人民调解法第二十八条）。", st.small)
    story.append(layout.keep([*parts[-2:], note, _seal_and_date(case, st, case.outcome_on)]))
    return story


def _revisit(case: CaseDetail, r: RevisitView, index: int, total: int) -> list[Flowable]:
    st = styles()
    story = _title("人民调解回访记录", st, case, number=False)
    if total > 1:
        story.append(para(f"（第 {index} 次回访，共 {total} 次）", st.subtitle))
    rows: list[list[layout.Cell]] = [
        ["回访对象", r.party_name, "协议编号", case.file_number],
        ["回访时间", cn_date(r.visited_on), "回访人", r.visitor],
        ["回访事由", r.reason],
        ["协议履行情况", r.performance],
        ["当事人满意度", r.satisfaction],
        ["是否另行起诉、信访", r.new_suits],
        ["有无纠纷激化迹象", r.flare_signs],
        ["采取的措施", r.measures or "—"],
        ["回访对象（签名或按指印）", "", "回访人（签名）", ""],
    ]
    parts = layout.form(rows, [0.2, 0.32, 0.18, 0.30], {3: 30 * mm, 7: 22 * mm, 8: 18 * mm})
    story += parts[:-1]
    story.append(layout.keep([parts[-1], _seal_and_date(case, st, r.visited_on)]))
    return story


def revisits(case: CaseDetail) -> list[Flowable]:
    if not case.revisits:
        raise NotApplicable(
            f"案件 {case.file_number} 没有回访记录。", f"Case {case.file_number} has no return visit."
        )
    return _each(case.revisits, lambda r, i, n: _revisit(case, r, i, n))


def _each(items: tuple[_T, ...], build: Callable[[_T, int, int], list[Flowable]]) -> list[Flowable]:
    story: list[Flowable] = []
    for index, item in enumerate(items, start=1):
        if index > 1:
            story.append(PageBreak())
        story += build(item, index, len(items))
    return story


BUILDERS: dict[str, Callable[[CaseDetail], list[Flowable]]] = {
    "mediation-application": application,
    "mediation-acceptance": acceptance,
    "mediation-rights-notice": rights_notice,
    "mediation-investigation": investigations,
    "mediation-record": sessions,
    "mediation-agreement": agreement,
    "oral-agreement": oral_agreement,
    "mediation-revisit": revisits,
}


# --- the case file (卷宗) ----------------------------------------------------------------------


def has_document(kind: str, case: CaseDetail) -> bool:
    """Whether the case has this document (without rendering it)."""
    return {
        "mediation-application": case.source == mediation.SOURCE_APPLICATION,
        "mediation-investigation": bool(case.investigations),
        "mediation-record": bool(case.sessions),
        "mediation-agreement": case.outcome == mediation.WRITTEN,
        "oral-agreement": case.outcome == mediation.ORAL,
        "mediation-revisit": bool(case.revisits),
    }.get(kind, True)


def _contents(case: CaseDetail) -> list[tuple[str, str, list[Flowable]]]:
    """(kind, name, story) of every document the case has, in filing order."""
    out: list[tuple[str, str, list[Flowable]]] = []
    for kind, build in BUILDERS.items():
        try:
            story = build(case)
        except NotApplicable:
            continue
        name = KINDS[kind][0]
        count = {
            "mediation-investigation": len(case.investigations),
            "mediation-record": len(case.sessions),
            "mediation-revisit": len(case.revisits),
        }.get(kind, 1)
        out.append((kind, f"{name}（{count} 份）" if count > 1 else name, story))
    return out


def _result(case: CaseDetail) -> str:
    """The cover's 调解结果: the outcome; a refused case (archived or not) says 不予受理."""
    if case.outcome:
        return case.outcome
    if case.refusal_reason or case.status == mediation.REFUSED:
        return "不予受理"
    return case.status


def _cover(case: CaseDetail, st: Styles) -> list[Flowable]:
    end = case.archived_on or case.outcome_on
    rows: list[list[layout.Cell]] = [
        ["人民调解委员会", case.committee.name],
        ["案件名称", case.title],
        ["卷宗编号", case.file_number],
        ["纠纷类型", case.dispute_type],
        ["调解结果", _result(case)],
        ["人民调解员", case.mediator_names],
        ["起止日期", f"{cn_date(case.received_on)} 至 {cn_date(end)}"],
        ["立卷人", case.mediators[0].name if case.mediators else ""],
        ["立卷日期", cn_date(case.archived_on)],
        ["保管期限", case.retention or ""],
        ["备注", case.archive_note or ""],
    ]
    return [
        Spacer(1, 30 * mm),
        para(case.committee.name, st.subtitle),
        Spacer(1, 6 * mm),
        para("人民调解卷宗", st.cover_title),
        Spacer(1, 24 * mm),
        layout.text_rows(rows, (0.28, 0.72), dict.fromkeys(range(len(rows)), 12 * mm)),
        PageBreak(),
    ]


def _index(
    names: list[str],
    keys: list[str],
    furniture: Furniture,
    st: Styles,
    case: CaseDetail,
    remarks: dict[str, str] | None = None,
) -> list[Flowable]:
    rows: list[list[layout.Cell]] = [["序号", "文件名称", "页号", "备注"]]
    for i, (name, key) in enumerate(zip(names, keys, strict=True), start=1):
        rows.append([str(i), name, layout.LateText(key, furniture), (remarks or {}).get(key, "")])
    return [
        para("卷内目录", st.title),
        para(f"卷宗编号：{case.file_number}", st.number),
        form_table(
            rows,
            [0.1, 0.58, 0.14, 0.18],
            label_columns=(0,),
            min_height=dict.fromkeys(range(len(rows)), 10 * mm),
        ),
        para("手工归入的纸质材料（身份证明、证据材料、履行凭证等）按上列顺序排在打印文书之后。", st.small),
        PageBreak(),
    ]


def _back_cover(case: CaseDetail, st: Styles, furniture: Furniture) -> list[Flowable]:
    rows: list[list[layout.Cell]] = [
        ["本卷页数", layout.LateText("total", furniture)],
        ["本卷情况说明", case.archive_note or "无"],
        ["立卷人", case.mediators[0].name if case.mediators else ""],
        ["检查人", ""],
        ["立卷时间", cn_date(case.archived_on)],
    ]
    return [
        para("卷内备考表", st.title),
        layout.text_rows(rows, (0.25, 0.75), {0: 12 * mm, 1: 60 * mm, 3: 14 * mm}),
    ]


def case_file(case: CaseDetail) -> BuiltPdf:
    """Cover, index with page numbers, every document in order, back cover; numbered after the index.

    One layout pass: the index's page numbers are drawn when the canvas saves, by which time the
    markers know on which page each document starts.
    """
    st = styles()
    contents = _contents(case)
    # Papers filed by hand go after the printed documents, before the back cover; they are numbered
    # with the rest, so the back cover's page and 本卷页数 count their pages.
    paper_keys = [f"paper-{i}" for i in range(len(case.papers))]
    printed = [kind for kind, _, _ in contents] + ["back-cover"]
    names = [name for _, name, _ in contents] + [p.title for p in case.papers] + ["卷内备考表"]
    keys = printed[:-1] + paper_keys + ["back-cover"]
    remarks = {key: p.kind for key, p in zip(paper_keys, case.papers, strict=True)}
    filed = sum(p.pages for p in case.papers)
    starts: dict[str, int] = {}
    front = 2
    pages: list[int] = []

    def late(key: str) -> str:
        total = pages[0] - front + filed
        if key == "total":
            return f"共 {total} 页"
        if key in paper_keys:
            i = paper_keys.index(key)
            begin = starts["back-cover"] - front + sum(p.pages for p in case.papers[:i])
            end = begin + case.papers[i].pages - 1
        elif key == "back-cover":
            begin = starts[key] - front + filed
            end = total
        else:
            i = printed.index(key)
            begin = starts[key] - front
            end = starts[printed[i + 1]] - front - 1
        return f"{begin}" if end <= begin else f"{begin}–{end}"

    furniture = Furniture(
        footer_note=_footer(case),
        front_pages=front,
        late=late,
        reference_copy=not case.full_ids,
        filed_before=lambda page: filed if page >= starts["back-cover"] else 0,
    )
    story = _cover(case, st) + _index(names, keys, furniture, st, case, remarks)
    for kind, _name, body in contents:
        story.append(layout.marker(kind, starts))
        story += body
        story.append(PageBreak())
    story.append(layout.marker("back-cover", starts))
    story += _back_cover(case, st, furniture)
    return build_pdf(
        story,
        furniture,
        title=f"人民调解卷宗 {case.file_number}{_copy_suffix(case)}",
        subject=case.title,
        pages_out=pages,
    )


# Captions of the case's text fields, for the message naming a character no font has.
_FIELD_LABELS = {
    "name": "姓名",
    "title": "案件名称",
    "summary": "纠纷简要情况",
    "requests": "申请事项",
    "registered_by": "登记人",
    "refusal_reason": "不予受理理由",
    "facts": "纠纷主要事实",
    "disputed_matters": "争议事项",
    "responsibility": "各方责任",
    "terms": "协议内容",
    "performance_manner": "履行方式",
    "failure_reason": "调解不成的原因",
    "performance_note": "履行情况说明",
    "archive_note": "归档说明",
    "address": "住址",
    "phone": "联系电话",
    "ethnicity": "民族",
    "occupation": "职业或职务",
    "employer": "工作单位",
    "org_name": "单位名称",
    "org_legal_rep": "法定代表人",
    "org_address": "住所",
    "org_phone": "联系电话",
    "agent_kind": "代理人类别",
    "place": "地点",
    "participants": "参加人",
    "subject": "事项",
    "parties_present": "到场当事人",
    "record": "记录",
    "result_note": "结果说明",
    "recorder": "记录人",
    "party_name": "回访对象",
    "reason": "回访事由",
    "performance": "协议履行情况",
    "new_suits": "是否另行起诉、信访",
    "flare_signs": "有无纠纷激化迹象",
    "measures": "采取的措施",
    "visitor": "回访人",
}
_GROUP_LABELS = {
    "committee": "人民调解委员会",
    "parties": "当事人",
    "person": "当事人",
    "agent": "代理人",
    "mediators": "人民调解员",
    "investigations": "调查记录",
    "sessions": "调解记录",
    "revisits": "回访记录",
    "papers": "卷内材料",
}
_OWN_LABELS = {
    ("人民调解委员会", "name"): "名称",
    ("人民调解员", "title"): "职务",
    ("卷内材料", "title"): "名称",
    ("卷内材料", "kind"): "类别",
}
_NOT_PRINTED = {"log", "id", "ver", "file_number"}


def _case_texts(item: object, group: str = "") -> Iterator[tuple[str, str]]:
    """(caption, text) of every printed text field of the case, parties and records included."""
    assert dataclasses.is_dataclass(item)
    for f in dataclasses.fields(item):
        if f.name in _NOT_PRINTED:
            continue
        value = getattr(item, f.name)
        inner = _GROUP_LABELS.get(f.name, group)
        if isinstance(value, str):
            caption = _OWN_LABELS.get((group, f.name)) or _FIELD_LABELS.get(f.name, f.name)
            yield f"{group}{caption}", value
        elif dataclasses.is_dataclass(value):
            yield from _case_texts(value, inner)
        elif isinstance(value, tuple):
            for element in value:
                if dataclasses.is_dataclass(element):
                    yield from _case_texts(element, inner)


def check_glyphs(case: CaseDetail) -> None:
    """Refuses, naming the field and the character, a case with a character no installed font has,
    before anything is laid out; unless the user chose to print such characters as code points."""
    if layout.marking_missing():
        return
    # Names first: the title and the records repeat them, the message should name where to fix it.
    for label, value in sorted(_case_texts(case), key=lambda item: "姓名" not in item[0]):
        char = layout.glyph_problem(value)
        if char is not None:
            raise MissingGlyph(label, value, char)


def render_case(kind: str, case: CaseDetail) -> BuiltPdf:
    """Pure rendering: raises NotApplicable when the case has no such document, MissingGlyph when a
    character of it cannot be printed (see `layout.missing_glyphs_allowed`)."""
    check_glyphs(case)
    if kind == "case-file":
        return case_file(case)
    story = BUILDERS[kind](case)
    return build_pdf(
        story,
        Furniture(footer_note=_footer(case), reference_copy=not case.full_ids),
        title=f"{KINDS[kind][0]} {case.file_number}{_copy_suffix(case)}",
        subject=case.title,
    )


def _copy_suffix(case: CaseDetail) -> str:
    return "" if case.full_ids else f"（{layout.REFERENCE_MARK}）"


# --- registration ------------------------------------------------------------------------------


def _renderer(kind: str) -> Callable[[Database, Actor, str], Document]:
    def render(db: Database, actor: Actor, case_id: str) -> Document:
        full = actor.can(Permission.PERSON_VIEW_ID)
        case = mediation.get_case(db, actor, case_id, full_ids=full)
        built = render_case(kind, case)
        return Document(
            kind,
            case.id,
            case.file_number,
            KINDS[kind][0],
            case.ver,
            built.data,
            built.pages,
            full_ids=full,
            reference_only=not full,
        )

    return render


def _audit(db: Database, actor: Actor, document: Document, purpose: str, copies: int, target: str) -> None:
    mediation.record_document(
        db,
        actor,
        document.subject_id,
        document.kind,
        document.title,
        document.ver,
        purpose,
        copies=copies,
        full_ids=document.full_ids,
        target=target,
    )


for _kind, (_zh, _en) in KINDS.items():
    register(
        DocumentKind(
            name=_kind,
            title_zh=_zh,
            title_en=_en,
            resolve=mediation.resolve_case_id,
            list_ids=mediation.list_case_ids,
            render=_renderer(_kind),
            audit=_audit,
        )
    )
