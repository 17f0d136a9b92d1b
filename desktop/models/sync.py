"""The town's side of the county link (shared/SYNC.md): where the link stands, the batch in flight,
the rounds run, the conflicts left for a person, and the offline packages already imported.

None of these rows travel: they describe the travelling. What is unsent is not listed here but counted
on each synced row (`pending_changes`), so marking a change and making it are one transaction.
"""

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, LocalRecord


class SyncState(Base):
    """One row (id 1): the hub's epoch and how far this town has pulled, and the last outcome."""

    __tablename__ = "sync_state"
    __label__ = "同步状态"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    county_url: Mapped[str] = mapped_column(String(300), default="")
    # The intranet CA bundle that signs the hub's certificate ("" = the system's store).
    ca_file: Mapped[str] = mapped_column(String(300), default="")
    interval_minutes: Mapped[int] = mapped_column(Integer, default=15)
    # Apply a new matter-list version as soon as it arrives, instead of waiting for a manager.
    auto_apply_matters: Mapped[bool] = mapped_column(Boolean, default=False)
    epoch: Mapped[str] = mapped_column(String(64), default="")
    # The last hub sequence number applied here; the next pull asks for what follows it.
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    last_attempt_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(Text, default="")
    # Hub clock minus this PC's clock at the last hello, in seconds (a warning over 5 minutes).
    clock_skew_seconds: Mapped[int] = mapped_column(Integer, default=0)


class SyncBatch(LocalRecord, Base):
    """A push batch built but not yet answered. Resent with the same id (and body) until the hub
    replies, so a reply lost on the way cannot apply the batch twice."""

    __tablename__ = "sync_batch"

    created_at: Mapped[datetime]
    # JSON: the changes exactly as sent, and per record the pending count they cover.
    body: Mapped[str] = mapped_column(Text)
    marks: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class SyncRound(LocalRecord, Base):
    """One exchange with the hub (or one package), for the 数据同步 page's history."""

    __tablename__ = "sync_round"

    started_at: Mapped[datetime] = mapped_column(index=True)
    finished_at: Mapped[datetime | None]
    trigger: Mapped[str] = mapped_column(String(10))  # 定时 / 手动 / 命令行 / 离线包
    result: Mapped[str] = mapped_column(String(10), default="")  # 成功 / 失败 / 进行中
    pushed: Mapped[int] = mapped_column(Integer, default=0)
    pulled: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")


class SyncConflict(LocalRecord, Base):
    """A change that could not be applied as it stood: both versions, kept for a person to settle.

    `kind` 冲突: the same record changed here and at the hub; 拒收: the hub refused the change (its
    reason in `reason`), set aside so it does not block the queue."""

    __tablename__ = "sync_conflict"
    __label__ = "同步冲突"
    __audited__ = True
    __audit_secret__ = frozenset({"local_fields", "remote_fields"})

    kind: Mapped[str] = mapped_column(String(4))
    record_type: Mapped[str] = mapped_column(String(30))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    record_label: Mapped[str] = mapped_column(String(120), default="")
    local_ver: Mapped[int] = mapped_column(Integer, default=0)
    remote_ver: Mapped[int] = mapped_column(Integer, default=0)
    local_fields: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    remote_fields: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    reason: Mapped[str] = mapped_column(Text, default="")
    found_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None] = mapped_column(index=True)
    resolved_by: Mapped[str] = mapped_column(String(40), default="")
    resolution: Mapped[str] = mapped_column(String(8), default="")  # 保留本地 / 采用县级
    resolution_note: Mapped[str] = mapped_column(Text, default="")


class SyncPackage(Base):
    """An offline package already imported (or exported): a second import of the same id does nothing."""

    __tablename__ = "sync_package"

    package_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    direction: Mapped[str] = mapped_column(String(4))  # 导入 / 导出
    at: Mapped[datetime]
    file_name: Mapped[str] = mapped_column(String(260), default="")
    changes: Mapped[int] = mapped_column(Integer, default=0)


class CountyPublication(LocalRecord, Base):
    """A list the county published (a matter-list version, a year's holidays) as it arrived: kept so a
    manager can read the difference before applying it, and so what was applied stays on record."""

    __tablename__ = "county_publication"
    __label__ = "县级发布"
    __audited__ = True
    __audit_ignore__ = frozenset({"body"})

    kind: Mapped[str] = mapped_column(String(12))  # matter_list / holidays (wire type names)
    label: Mapped[str] = mapped_column(String(60))  # the version, or the year
    received_at: Mapped[datetime]
    body: Mapped[str] = mapped_column(Text)  # JSON, as the hub sent it
    state: Mapped[str] = mapped_column(String(6), default="待确认", index=True)  # 待确认 / 已应用 / 已忽略
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[str] = mapped_column(String(40), default="")
