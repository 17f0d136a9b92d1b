"""Alembic environment. Normally run by `desktop.db.migrate`, which hands us an open connection."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from desktop.db import schema_object_included
from desktop.models import Base, load_all

config = context.config
load_all()  # autogenerate compares every table, the late ones too
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from pathlib import Path

        from desktop.db import make_engine

        url = config.get_main_option("sqlalchemy.url")
        assert url, "run migrations through desktop.db.migrate or give sqlalchemy.url"
        if url.startswith("sqlite:///"):
            engine = make_engine(Path(url.removeprefix("sqlite:///")))
        else:
            engine = create_engine(url)
        with engine.connect() as conn:
            _configure_and_run(conn)
            conn.commit()
        engine.dispose()
    else:
        _configure_and_run(connection)


def _configure_and_run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=schema_object_included,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
