"""Declarative base, naming convention and the columns every synced record carries."""

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import DateTime, Dialect, Integer, MetaData, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from uuid6 import uuid7

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """UUIDv7: unique across towns, roughly time-ordered, so indexes stay compact."""
    return str(uuid7())


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC text in SQLite and always hands back an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime()}

    # Set on classes whose changes the unit of work records in the audit log automatically.
    __audited__: ClassVar[bool] = False
    # Columns whose values never go into an audit summary (secrets) ...
    __audit_secret__: ClassVar[frozenset[str]] = frozenset()
    # ... columns that change as bookkeeping and do not make a change worth an audit row ...
    __audit_ignore__: ClassVar[frozenset[str]] = frozenset()
    # ... and personal data shown masked in audit summaries (column -> masking kind).
    __audit_mask__: ClassVar[dict[str, str]] = {}
    # Chinese name of the record type, for audit rows and messages.
    __label__: ClassVar[str] = ""
    # Columns set once on insert and never changed (the unit of work refuses it): punches, say.
    __immutable__: ClassVar[frozenset[str]] = frozenset()


class LocalRecord:
    """A record that stays on this PC (accounts, settings). String UUIDv7 key."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)


class SyncedRecord:
    """A record that travels to the county hub (see shared/SYNC.md).

    The unit of work fills every column here on flush, so services never touch them:
    `ver` counts committed versions, `pending_changes` counts local edits not yet pushed
    (a push subtracts what it sent, so an edit made during the upload stays pending),
    `deleted_at` is the tombstone, `origin_town` the 12-digit code of the town that made it.
    """

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    ver: Mapped[int] = mapped_column(Integer, default=1)
    pending_changes: Mapped[int] = mapped_column(Integer, default=0, index=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]
    origin_town: Mapped[str] = mapped_column(String(12))

    __sync_bookkeeping__: ClassVar[frozenset[str]] = frozenset(
        {"ver", "pending_changes", "created_at", "updated_at", "origin_town"}
    )
