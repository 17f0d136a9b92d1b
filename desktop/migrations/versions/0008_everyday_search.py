"""Everyday search: a grams index for one- and two-character event searches, and everyday keywords
for matter items (噪音, 漏水, 停车 find the official 事项).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28
"""

import json
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desktop.migrations.keywords_0008 import KEYWORDS_0008

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# towncentre_grams() is registered on every connection by desktop.db (see desktop/search_grams.py).
GRAMS_OF_NEW = "towncentre_grams(new.title, new.description, new.address)"
GRAMS_OF_OLD = "towncentre_grams(old.title, old.description, old.address)"
GRAMS_TRIGGERS = [
    "CREATE TRIGGER event_grams_ai AFTER INSERT ON event BEGIN "
    f"INSERT INTO event_grams(rowid, grams) VALUES (new.rowid, {GRAMS_OF_NEW}); END",
    "CREATE TRIGGER event_grams_ad AFTER DELETE ON event BEGIN "
    f"INSERT INTO event_grams(event_grams, rowid, grams) VALUES ('delete', old.rowid, {GRAMS_OF_OLD}); END",
    "CREATE TRIGGER event_grams_au AFTER UPDATE OF title, description, address ON event BEGIN "
    f"INSERT INTO event_grams(event_grams, rowid, grams) VALUES ('delete', old.rowid, {GRAMS_OF_OLD}); "
    f"INSERT INTO event_grams(rowid, grams) VALUES (new.rowid, {GRAMS_OF_NEW}); END",
]


def upgrade() -> None:
    with op.batch_alter_table("matter_item") as batch:
        batch.add_column(sa.Column("keywords", sa.String(length=200), nullable=False, server_default=""))
    # Items still as the default list shipped them (same code and name) get its keywords; a renamed or
    # town-made item keeps none. Not a local change to push: the county's list carries them too.
    op.get_bind().execute(
        sa.text(
            "UPDATE matter_item SET keywords = :keywords "
            "WHERE code = :code AND name = :name AND keywords = ''"
        ),
        [{"code": code, "name": name, "keywords": keywords} for code, name, keywords in KEYWORDS_0008],
    )
    # The matter picker ranks an operator's usual items from their recent 受理 steps.
    op.create_index("ix_event_action_actor_kind_at", "event_action", ["actor_user_id", "kind", "at"])
    # Contentless (the text is in `event`) and detail=none (only which events hold a gram): a search
    # of one or two characters is a single-term look-up, and the index stays small.
    op.execute(
        "CREATE VIRTUAL TABLE event_grams USING fts5(grams, content='', detail=none, tokenize='unicode61 remove_diacritics 0')"
    )
    op.execute(
        "INSERT INTO event_grams(rowid, grams) "
        "SELECT rowid, towncentre_grams(title, description, address) FROM event"
    )
    for statement in GRAMS_TRIGGERS:
        op.execute(statement)
    # The Unicode tables the grams were split with (desktop/services/events/search_index.py).
    op.get_bind().execute(
        sa.text("INSERT OR REPLACE INTO app_setting(key, value) VALUES ('search.grams_unicode', :v)"),
        {"v": json.dumps(unicodedata.unidata_version)},
    )


def downgrade() -> None:
    for name in ("event_grams_ai", "event_grams_ad", "event_grams_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS event_grams")
    op.execute("DELETE FROM app_setting WHERE key = 'search.grams_unicode'")
    op.drop_index("ix_event_action_actor_kind_at", table_name="event_action")
    with op.batch_alter_table("matter_item") as batch:
        batch.drop_column("keywords")
