"""Alembic environment of the hub. Run by `county.db.migrate`, which hands us an open connection."""

from __future__ import annotations

from alembic import context

from county.models import Base

config = context.config
connection = config.attributes.get("connection")
assert connection is not None, "run the hub's migrations through county.db.migrate"
context.configure(
    connection=connection, target_metadata=Base.metadata, render_as_batch=True, compare_type=True
)
with context.begin_transaction():
    context.run_migrations()
