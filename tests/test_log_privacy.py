"""What reaches the log file of a failed statement carries no personal data (issue 9, finding 6)."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from desktop.db import Database
from desktop.models import Department


def test_a_failed_statement_does_not_show_its_parameters(town_db: Database) -> None:
    with town_db.reading() as session:
        existing = session.scalars(select(Department).limit(1)).first()
        assert existing is not None
        code = existing.code
    with pytest.raises(IntegrityError) as failed, town_db.write_session() as session:
        session.execute(
            insert(Department).values(
                id=existing.id, code=code, name="重复部门", kind="镇街内设机构",
                contact_person="张秀英", phone="13812345678",
            )
        )  # fmt: skip
    message = str(failed.value)
    assert "张秀英" not in message and "13812345678" not in message
    assert "hidden" in message  # the statement itself is still there to debug with
