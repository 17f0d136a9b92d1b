"""The hub's tables (SQLAlchemy 2). Portable SQL only: the same models run on SQLite and PostgreSQL
(and PostgreSQL-compatible domestic databases), so no JSON column types, no upserts, no sequences."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class HubMeta(Base):
    """One row. `epoch` changes when the hub is restored from a backup; pulls below `seq_floor` get 410."""

    __tablename__ = "hub_meta"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    epoch: Mapped[str] = mapped_column(String(32))
    seq_floor: Mapped[int] = mapped_column(BigInteger, default=0)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    # The hub's Ed25519 private key for signing offline packages (base64 raw), made on first use.
    package_key: Mapped[str | None] = mapped_column(String(64))


class Town(Base):
    __tablename__ = "town"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    # sha256 hex of the token; the token itself is shown once and never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    public_key: Mapped[str | None] = mapped_column(String(64))  # Ed25519, base64: offline packages
    last_push_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_pull_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    audit_head_seq: Mapped[int | None] = mapped_column(BigInteger)
    audit_head_hash: Mapped[str | None] = mapped_column(String(128))


class HubRecord(Base):
    """The latest version of every record: a town's (town set) or the county's (town NULL = all towns)."""

    __tablename__ = "hub_record"

    type: Mapped[str] = mapped_column(String(32), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    town: Mapped[str | None] = mapped_column(String(12))
    ver: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    natural_key: Mapped[str | None] = mapped_column(String(100))
    fields: Mapped[str] = mapped_column(Text)  # JSON text: portable, and compared as the town sent it
    seq: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_hub_record_seq", "seq"),
        Index("ix_hub_record_town_type", "town", "type"),
        Index("ix_hub_record_natural", "type", "town", "natural_key"),
    )


class ChangeLog(Base):
    """Every applied change, by the sequence number it was given (the hub's only clock)."""

    __tablename__ = "change_log"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    type: Mapped[str] = mapped_column(String(32))
    id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(8))
    town: Mapped[str | None] = mapped_column(String(12))
    batch_id: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SyncInbox(Base):
    """Batches already applied, with the reply sent: a resent batch gets the same reply, nothing else."""

    __tablename__ = "sync_inbox"

    batch_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    town: Mapped[str] = mapped_column(String(12))
    reply: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class HubConflict(Base):
    """A change that met a version it did not know: the hub kept its own, this row keeps the other."""

    __tablename__ = "hub_conflict"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    town: Mapped[str] = mapped_column(String(12))
    type: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(36))
    base_ver: Mapped[int] = mapped_column(Integer)
    hub_ver: Mapped[int] = mapped_column(Integer)
    incoming: Mapped[str] = mapped_column(Text)  # the change's fields, JSON text
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class HubPackage(Base):
    """An offline package from a town already imported: a second import of the same id does nothing."""

    __tablename__ = "hub_package"

    package_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    town: Mapped[str] = mapped_column(String(12))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    batches: Mapped[int] = mapped_column(Integer)
    changes: Mapped[int] = mapped_column(Integer)
