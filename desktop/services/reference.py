"""Reference data the program ships: the matter list with departments, and the holiday calendar.

Both are loaded in the first-run transaction; a database upgraded from a version that did not have
them gets them when it is next opened (the composition roots call `ensure_reference_data`).
"""

from __future__ import annotations

from desktop.db import Database
from desktop.services import matter_exchange, workdays
from desktop.services.uow import UnitOfWork


def load_into_new_town(uow: UnitOfWork) -> None:
    matter_exchange.load_default_list(uow)
    workdays.seed_from_package(uow)


def ensure_reference_data(db: Database) -> None:
    matter_exchange.ensure_default_list(db)
    workdays.ensure_calendar(db)
