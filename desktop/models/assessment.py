"""Assessment (考核): versioned schemes, periods, each worker's result, adjustments and appeals.

A scheme is never changed once saved: a change is a new version, and a period keeps the version it
was computed with, so an old month's scores keep the rules they were made by. A result keeps what
made it (indicator values and the ids of the records behind them) as JSON, so a confirmed period
reads back the same whatever happens to the records later.
"""

from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncedRecord


class AssessmentScheme(SyncedRecord, Base):
    """One version of the scoring rules. Insert-only in practice: saving a change adds a version."""

    __tablename__ = "assessment_scheme"
    __label__ = "考核方案"
    __audited__ = True

    version: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(60))
    base_score: Mapped[float] = mapped_column(Float, default=0)
    items: Mapped[str] = mapped_column(Text)  # JSON list of scoring items (services/assessment/scheme.py)
    grade_excellent: Mapped[float] = mapped_column(Float, default=95)  # 优秀 from here
    grade_pass: Mapped[float] = mapped_column(Float, default=80)  # 合格
    grade_basic: Mapped[float] = mapped_column(Float, default=70)  # 基本合格; below: 不合格
    first_half_weight: Mapped[float] = mapped_column(Float, default=0.4)  # annual = w·H1 + (1−w)·H2
    posts: Mapped[str] = mapped_column(String(100))  # the posts assessed, 、-separated
    note: Mapped[str] = mapped_column(String(200), default="")


class AssessmentPeriod(SyncedRecord, Base):
    """A month, quarter, half-year or year being assessed. 已确认 freezes it until a manager reopens it."""

    __tablename__ = "assessment_period"
    __label__ = "考核周期"
    __audited__ = True
    __audit_ignore__: ClassVar[frozenset[str]] = frozenset({"computed_at", "computed_by"})
    __table_args__ = (UniqueConstraint("kind", "year", "number"),)

    kind: Mapped[str] = mapped_column(String(4))  # 月度 / 季度 / 半年 / 年度
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)  # month 1–12, quarter 1–4, half 1–2, 1 for a year
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    scheme_id: Mapped[str] = mapped_column(ForeignKey("assessment_scheme.id"))
    state: Mapped[str] = mapped_column(String(4))  # 草稿 / 已确认
    computed_at: Mapped[datetime | None]
    computed_by: Mapped[str] = mapped_column(String(40), default="")
    confirmed_at: Mapped[datetime | None]
    confirmed_by: Mapped[str] = mapped_column(String(40), default="")


class AssessmentResult(SyncedRecord, Base):
    """One worker's score in one period. Computed (the computation is audited once per period, not
    per row); only `adjustment`, `score`, `grade` and `rank` change with adjustments and appeals."""

    __tablename__ = "assessment_result"
    __label__ = "考核结果"
    __table_args__ = (UniqueConstraint("period_id", "person_id"),)

    period_id: Mapped[str] = mapped_column(ForeignKey("assessment_period.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    grid_id: Mapped[str | None] = mapped_column(ForeignKey("grid.id"))
    community_id: Mapped[str | None] = mapped_column(ForeignKey("community.id"))
    post: Mapped[str] = mapped_column(String(10))
    computed_score: Mapped[float] = mapped_column(Float)
    adjustment: Mapped[float] = mapped_column(Float, default=0)  # manual adjustments and upheld appeals
    score: Mapped[float] = mapped_column(Float)
    grade: Mapped[str] = mapped_column(String(4))
    rank: Mapped[int] = mapped_column(Integer, default=0)
    detail: Mapped[str] = mapped_column(Text)  # JSON: indicators, scored lines, the records behind them


class AssessmentAdjustment(SyncedRecord, Base):
    """A manager's change to a result, with its reason: free points, or a deduction rule (应发现未发现 …)
    applied `count` times."""

    __tablename__ = "assessment_adjustment"
    __label__ = "考核调整"
    __audited__ = True

    result_id: Mapped[str] = mapped_column(ForeignKey("assessment_result.id"), index=True)
    rule_code: Mapped[str] = mapped_column(String(20), default="")
    count: Mapped[int] = mapped_column(Integer, default=0)
    points: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(String(200))
    made_by: Mapped[str] = mapped_column(String(40))


class AssessmentAppeal(SyncedRecord, Base):
    """A worker's appeal against one deduction (a scored line or an adjustment); 支持 gives the points
    back, 驳回 keeps them. Decision and reason are kept."""

    __tablename__ = "assessment_appeal"
    __label__ = "考核申诉"
    __audited__ = True

    result_id: Mapped[str] = mapped_column(ForeignKey("assessment_result.id"), index=True)
    item_code: Mapped[str] = mapped_column(String(60))  # a line's code, or adj:<adjustment id>
    points: Mapped[float] = mapped_column(Float)  # the deduction appealed (negative)
    reason: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(4))  # 申请 / 支持 / 驳回
    requested_by: Mapped[str] = mapped_column(String(40), default="")
    decided_by: Mapped[str] = mapped_column(String(40), default="")
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str] = mapped_column(String(200), default="")
