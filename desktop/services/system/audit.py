"""Reading and verifying the audit log. Writing happens only in the unit of work."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, func, or_, select

from desktop.db import Database
from desktop.errors import ValidationError
from desktop.models import (
    AuditEntry,
    Community,
    Department,
    Event,
    Grid,
    MatterCategory,
    MatterDomain,
    MatterItem,
    MediationCase,
    Role,
    TownProfile,
    User,
)
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common import audit_anchor, masking
from desktop.services.common.text import AUDIT_REASON, LIKE_ESCAPE, clean_block, clean_search, like_contains
from desktop.services.common.uow import GENESIS_HASH, entry_hash, unit_of_work

# As migration 0001 created them; `check` compares the stored definitions with these.
GUARD_TRIGGERS = {
    "audit_log_no_update": "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "audit_log_no_delete": "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
}


@dataclass(frozen=True)
class Finding:
    """Something wrong around the chain itself: its anchor or its guard triggers."""

    zh: str
    en: str

    def one_line(self) -> str:
        return f"{self.zh} / {self.en}"


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows_checked: int
    broken_at: int | None = None  # seq of the first row whose hash does not hold
    findings: tuple[Finding, ...] = ()

    def one_line(self) -> str:
        if self.ok:
            return f"审计日志链完整（{self.rows_checked} 条） / audit chain intact ({self.rows_checked} rows)"
        if self.broken_at is not None:
            return (
                f"审计日志链在第 {self.broken_at} 条处断开，日志可能被篡改 / "
                f"audit chain broken at row {self.broken_at}: the log may have been tampered with"
            )
        return "；".join(f.zh for f in self.findings) + " / " + "; ".join(f.en for f in self.findings)


def _normalised(sql: str) -> str:
    return " ".join(sql.split()).lower()


def guard_findings(db: Database) -> list[Finding]:
    """The guard triggers must exist exactly as migration 0001 wrote them (a trigger of the same name
    that does nothing guards nothing), and no other trigger may act on the audit log."""
    with db.engine.connect() as conn:
        present = {
            str(name): str(sql or "")
            for name, sql in conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
            )
        }
    findings = []
    for name, expected in GUARD_TRIGGERS.items():
        if name not in present:
            findings.append(
                Finding(
                    f"审计日志的保护触发器 {name} 缺失，日志可能已被改动",
                    f"the audit log's guard trigger {name} is missing: the log may have been altered",
                )
            )
        elif _normalised(present[name]) != _normalised(expected):
            findings.append(
                Finding(
                    f"审计日志的保护触发器 {name} 被改写，日志可能已被改动",
                    f"the audit log's guard trigger {name} was rewritten: the log may have been altered",
                )
            )
    for name in sorted(set(present) - set(GUARD_TRIGGERS)):
        findings.append(
            Finding(
                f"审计日志上多出触发器 {name}，日志可能被自动改动",
                f"an unknown trigger {name} acts on the audit log: it may alter the log",
            )
        )
    return findings


def anchor_findings(db: Database) -> list[Finding]:
    """Compares the chain's head with the anchor kept outside the database file."""
    try:
        anchor = audit_anchor.read_anchor(db.path)
    except audit_anchor.AnchorUnreadable as exc:
        return [
            Finding(
                f"审计锚点文件无法读取或被改动（{exc}）", f"the audit anchor is unreadable or altered ({exc})"
            )
        ]
    with db.reading() as session:
        head = session.scalar(select(func.max(AuditEntry.seq))) or 0
        if anchor is None:
            established = session.scalar(
                select(AuditEntry.seq).where(AuditEntry.action == audit_anchor.ESTABLISHED).limit(1)
            )
            if established is None:
                if head == 0 and session.scalar(select(TownProfile.id).limit(1)) is not None:
                    # Every version wrote audit rows from its first run on: an empty log in a set-up
                    # database was emptied (cold test 24), and is never taken for one from before anchors.
                    return [
                        Finding(
                            "审计日志为空，但本库已完成初始设置：日志可能被整体清空",
                            "the audit log is empty in a set-up database: it may have been emptied",
                        )
                    ]
                return []
            return [
                Finding(
                    f"审计锚点文件 {audit_anchor.anchor_path(db.path).name} 缺失（自第 {established} 条起应当存在）",
                    f"the audit anchor file {audit_anchor.anchor_path(db.path).name} is missing "
                    f"(it has existed since row {established})",
                )
            ]
        if head < anchor.seq:
            return [
                Finding(
                    f"审计日志尾部缺失：锚点记到第 {anchor.seq} 条，数据库只有到第 {head} 条",
                    f"the audit log's tail is missing: the anchor holds row {anchor.seq}, the database ends at {head}",
                )
            ]
        row_hash = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == anchor.seq))
    if row_hash != anchor.hash:
        return [
            Finding(
                f"审计日志第 {anchor.seq} 条与锚点不符，日志可能被改写后重新计算过",
                f"audit row {anchor.seq} does not match the anchor: the log may have been rewritten and re-hashed",
            )
        ]
    return []


def verify_chain(
    db: Database, batch: int = 5000, progress: Callable[[int, int], None] | None = None
) -> ChainReport:
    """Walks the whole chain in seq order; a changed, removed or inserted row breaks it."""
    prev = GENESIS_HASH
    checked = 0
    last_seq = 0
    with db.reading() as session:
        total = int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)
        while True:
            if progress is not None:
                progress(checked, total)
            rows = session.scalars(
                select(AuditEntry).where(AuditEntry.seq > last_seq).order_by(AuditEntry.seq).limit(batch)
            ).all()
            if not rows:
                break
            for row in rows:
                if row.prev_hash != prev or entry_hash(prev, row) != row.hash:
                    return ChainReport(False, checked, row.seq)
                prev = row.hash
                checked += 1
                last_seq = row.seq
            session.expunge_all()
    findings = (*guard_findings(db), *anchor_findings(db))
    return ChainReport(not findings, checked, None, findings)


def reestablish_anchor(db: Database, actor: Actor, reason: str) -> None:
    """After a finding has been looked into (e.g. a database copied without its anchor): start a new
    anchor at today's head. Audited with the reason; needs the right to manage the system's users."""
    actor.require(Permission.SYSTEM_USERS)
    reason = clean_block(reason, "reason", AUDIT_REASON, ("原因", "reason"))
    if not reason:
        raise ValidationError("请写明重建审计锚点的原因。", "Give the reason for re-establishing the anchor.")
    findings = anchor_findings(db)
    with unit_of_work(db, actor) as uow:
        uow.replaces_anchor = True
        uow.audit(
            audit_anchor.ESTABLISHED,
            "审计日志",
            "",
            reason,
            {"findings": [f.zh for f in findings]},
        )


@dataclass(frozen=True)
class AuditFilter:
    since: datetime | None = None
    until: datetime | None = None
    username: str = ""
    action: str = ""
    object_type: str = ""
    result: str = ""
    text: str = ""


_Q = TypeVar("_Q", bound=Select[Any])


def _filtered(query: _Q, f: AuditFilter) -> _Q:
    if f.since:
        query = query.where(AuditEntry.at >= f.since)
    if f.until:
        query = query.where(AuditEntry.at < f.until)
    if f.username:
        query = query.where(AuditEntry.username == f.username)
    if f.action:
        query = query.where(AuditEntry.action == f.action)
    if f.object_type:
        query = query.where(AuditEntry.object_type == f.object_type)
    if f.result:
        query = query.where(AuditEntry.result == f.result)
    text = clean_search(f.text)
    if text:
        like = like_contains(text)  # % and _ are searched for as themselves
        query = query.where(
            or_(
                AuditEntry.summary.like(like, escape=LIKE_ESCAPE),
                AuditEntry.object_id.like(like, escape=LIKE_ESCAPE),
            )
        )
    return query


def query(
    db: Database, actor: Actor, f: AuditFilter, *, before_seq: int | None = None, limit: int = 200
) -> list[AuditEntry]:
    """Newest first, one page at a time (keyset on seq, so a deep page costs what the first does)."""
    actor.require(Permission.AUDIT_VIEW)
    q = _filtered(select(AuditEntry), f)
    if before_seq is not None:
        q = q.where(AuditEntry.seq < before_seq)
    with db.reading() as session:
        rows = list(session.scalars(q.order_by(AuditEntry.seq.desc()).limit(limit)))
        session.expunge_all()  # the masking below is for the reader, never written back
    for row in rows:
        needed = _READ_PERMISSION.get(row.object_type)
        if needed is not None and not actor.can(needed):
            # A summary names a case's parties, a detail a person's address: what the object's own
            # page would not show this reader, its audit row does not either.
            row.summary = WITHHELD
            row.detail = ""
        else:
            row.detail = masking.redact_audit_detail(row.detail)
    return rows


WITHHELD = "（无权查看此对象的内容）"
# What a reader needs to see an audit row's summary and detail, by the kind of object it is about.
_READ_PERMISSION: dict[str, Permission] = {
    "事件": Permission.EVENT_VIEW, "事件处置记录": Permission.EVENT_VIEW, "事件附件": Permission.EVENT_VIEW,
    "调解案件": Permission.MEDIATION_VIEW, "调解当事人": Permission.MEDIATION_VIEW,
    "调解调查记录": Permission.MEDIATION_VIEW, "调解记录": Permission.MEDIATION_VIEW,
    "调解回访记录": Permission.MEDIATION_VIEW, "调解案件日志": Permission.MEDIATION_VIEW,
    "卷内材料": Permission.MEDIATION_VIEW, "案件调解员": Permission.MEDIATION_VIEW,
    "人员": Permission.PERSON_VIEW, "网格人员": Permission.GRID_VIEW, "人民调解员": Permission.MEDIATION_VIEW,
    "网格人员档案": Permission.GRID_VIEW, "培训记录": Permission.GRID_VIEW, "网格沿革": Permission.GRID_VIEW,
    # A conflict names the event or case it is about; both versions never reach the log at all.
    "同步冲突": Permission.EVENT_VIEW,
    "值班安排": Permission.DUTY_VIEW, "调班申请": Permission.DUTY_VIEW, "考勤号码": Permission.DUTY_VIEW,
    "补签申请": Permission.DUTY_VIEW, "请假": Permission.DUTY_VIEW, "考勤记录": Permission.DUTY_VIEW,
    "值班表": Permission.DUTY_VIEW, "考勤表": Permission.DUTY_VIEW,
    # A household names its head and phone: what the person registry guards.
    "住户": Permission.PERSON_VIEW, "走访记录": Permission.DUTY_VIEW, "巡查记录": Permission.DUTY_VIEW,
    # An assessment names a worker beside their score, deductions and appeals.
    "考核周期": Permission.ASSESSMENT_VIEW, "考核结果": Permission.ASSESSMENT_VIEW,
    "考核调整": Permission.ASSESSMENT_VIEW, "考核申诉": Permission.ASSESSMENT_VIEW,
    "考核表": Permission.ASSESSMENT_VIEW, "考核排名表": Permission.ASSESSMENT_VIEW,
    "考核通报": Permission.ASSESSMENT_VIEW,
}  # fmt: skip
# Audited records anyone who may read the audit log may read about: reference data and the town's
# own set-up, no person's details. A new audited model goes into one of the two (a test checks).
PUBLIC_OBJECTS = frozenset(
    {
        "部门",
        "乡镇信息",
        "事项领域",
        "事项类别",
        "事项",
        "节假日",
        "网格",
        "村（社区）",
        "用户",
        "人民调解委员会",
        "县级发布",
        "作息时间",
        "走访标准",
        "考核方案",
    }
)


def count(db: Database, actor: Actor, f: AuditFilter) -> int:
    actor.require(Permission.AUDIT_VIEW)
    q = _filtered(select(func.count()).select_from(AuditEntry), f)
    with db.reading() as session:
        return int(session.scalar(q) or 0)


def distinct_values(db: Database, actor: Actor) -> dict[str, list[str]]:
    """Choices for the filter boxes."""
    actor.require(Permission.AUDIT_VIEW)
    with db.reading() as session:
        return {
            "action": list(session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action))),
            "object_type": [
                v
                for v in session.scalars(
                    select(AuditEntry.object_type).distinct().order_by(AuditEntry.object_type)
                )
                if v
            ],
            "username": [
                v
                for v in session.scalars(select(AuditEntry.username).distinct().order_by(AuditEntry.username))
                if v
            ],
        }


# --- readable objects ------------------------------------------------------------------------------

# object_type -> (the permission needed to see that kind of record, its key column, its label columns).
# Only records whose label is no personal data: no people, parties or mediators (names, IDs, phones),
# and a mediation case by its 文号, never its title (which names the parties).
_LABELS: dict[str, tuple[Permission, Any, tuple[Any, ...]]] = {
    Event.__label__: (Permission.EVENT_VIEW, Event.id, (Event.number,)),
    MediationCase.__label__: (Permission.MEDIATION_VIEW, MediationCase.id, (MediationCase.file_number,)),
    User.__label__: (Permission.AUDIT_VIEW, User.id, (User.display_name, User.username)),
    Role.__label__: (Permission.AUDIT_VIEW, Role.code, (Role.name,)),
    MatterItem.__label__: (Permission.MATTER_VIEW, MatterItem.id, (MatterItem.name, MatterItem.code)),
    MatterCategory.__label__: (Permission.MATTER_VIEW, MatterCategory.id, (MatterCategory.name,)),
    MatterDomain.__label__: (Permission.MATTER_VIEW, MatterDomain.id, (MatterDomain.name,)),
    Department.__label__: (Permission.MATTER_VIEW, Department.id, (Department.name,)),
    Community.__label__: (Permission.GRID_VIEW, Community.id, (Community.name,)),
    Grid.__label__: (Permission.GRID_VIEW, Grid.id, (Grid.name,)),
}


def _label(values: tuple[Any, ...]) -> str:
    """李明华（zhuren）, 邻里纠纷（0101001）: the name, then the code or account in brackets."""
    first, *rest = [str(v) for v in values if v]
    return first + "".join(f"（{v}）" for v in rest)


def object_labels(db: Database, actor: Actor, entries: Iterable[AuditEntry]) -> dict[tuple[str, str], str]:
    """Readable names for the objects of a page of audit rows: 事件 by its number, 调解案件 by its 文号,
    用户 as 姓名（账号）, 事项 as 名称（编码）... One query per kind of object, whatever the page size.
    A kind the reader may not see, or a record gone, has no entry: the view shows the id."""
    actor.require(Permission.AUDIT_VIEW)
    wanted: dict[str, set[str]] = {}
    for entry in entries:
        if entry.object_id and entry.object_type in _LABELS:
            wanted.setdefault(entry.object_type, set()).add(entry.object_id)
    found: dict[tuple[str, str], str] = {}
    with db.reading() as session:
        for kind, ids in wanted.items():
            permission, key, columns = _LABELS[kind]
            if not actor.can(permission):
                continue
            for row in session.execute(select(key, *columns).where(key.in_(sorted(ids)))):
                if any(row[1:]):
                    found[(kind, str(row[0]))] = _label(tuple(row[1:]))
    return found
