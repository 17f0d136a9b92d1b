"""The county link's settings and state as the 数据同步 page shows them, and the token kept for it.

The settings live in `sync_state` (how often, whether a new matter list applies at once, the intranet
CA file); the hub's address stays with the town profile (系统管理 → 乡镇信息), where setup put it. The
token goes to the OS keyring only (desktop/sync/token.py): it is never shown back or written anywhere
else. Changing any of them takes 修改系统设置 and is audited.
"""

from __future__ import annotations

import json
import ssl
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from desktop.db import Database
from desktop.errors import UserError, ValidationError, raise_all
from desktop.models import AppSetting, CountyPublication
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.text import clean_line
from desktop.services.common.uow import unit_of_work
from desktop.sync import conflicts, outbox, packages, rounds, token
from desktop.sync.publications import PUBLICATION_WAITING

MIN_INTERVAL = 5
MAX_INTERVAL = 1440
CA_FILE_CHARS = 300  # sync_state.ca_file


@dataclass(frozen=True)
class LinkSettings:
    hub_url: str  # read-only here: 系统管理 → 乡镇信息
    town_code: str
    interval_minutes: int
    auto_apply_matters: bool
    ca_file: str


@dataclass(frozen=True)
class LinkStatus:
    """Where the link stands, in the terms the page header and the status bar use."""

    hub_url: str
    token_problem: UserError | None  # None: a token is there to use
    last_attempt_at: datetime | None
    last_success_at: datetime | None
    last_error: str  # "" after a good round
    clock_skew_seconds: int
    unsent: int
    open_conflicts: int
    waiting_publications: int

    @property
    def configured(self) -> bool:
        return bool(self.hub_url) and self.token_problem is None


def load(db: Database) -> LinkSettings:
    """Readable by anyone logged in (the schedule reads the interval without an actor)."""
    state = rounds.load_state(db)
    return LinkSettings(
        hub_url=rounds.hub_url(db),
        town_code=rounds.town_code(db),
        interval_minutes=min(max(state.interval_minutes or 15, MIN_INTERVAL), MAX_INTERVAL),
        auto_apply_matters=bool(state.auto_apply_matters),
        ca_file=state.ca_file or "",
    )


def check_ca_file(path: str) -> str:
    """The CA file as stored: "" (the system's certificates) or a PEM file that loads as TLS would."""
    path = clean_line(path, "ca_file", CA_FILE_CHARS, ("证书文件", "CA file"))
    if not path:
        return ""
    if not Path(path).is_file():
        raise ValidationError(f"找不到证书文件：{path}", f"The CA file {path} does not exist.", "ca_file")
    try:
        ssl.create_default_context(cafile=path)
    except (ssl.SSLError, OSError, ValueError) as exc:
        raise ValidationError(
            "这个文件不是 PEM 格式的证书（应是县级中心提供的 .pem 或 .crt 文件，以“-----BEGIN CERTIFICATE-----”开头）。",
            f"This file is not a PEM certificate ({exc}).",
            "ca_file",
        ) from exc
    return path


def save(
    db: Database, actor: Actor, *, interval_minutes: int, auto_apply_matters: bool, ca_file: str
) -> LinkSettings:
    actor.require(Permission.SYSTEM_SETTINGS)
    problems: list[ValidationError] = []
    if isinstance(interval_minutes, bool) or not MIN_INTERVAL <= interval_minutes <= MAX_INTERVAL:
        problems.append(
            ValidationError(
                f"同步间隔应在 {MIN_INTERVAL} 到 {MAX_INTERVAL} 分钟之间。",
                f"The interval must be between {MIN_INTERVAL} and {MAX_INTERVAL} minutes.",
                "interval_minutes",
            )
        )
    try:
        ca_file = check_ca_file(ca_file)
    except ValidationError as exc:
        problems.append(exc)
    raise_all(problems)
    with unit_of_work(db, actor) as uow:
        state = rounds._state_in(uow.session)
        before = {"同步间隔（分钟）": state.interval_minutes, "自动应用事项清单": bool(state.auto_apply_matters),
                  "证书文件": state.ca_file or ""}  # fmt: skip
        state.interval_minutes = interval_minutes
        state.auto_apply_matters = auto_apply_matters
        state.ca_file = ca_file
        after = {
            "同步间隔（分钟）": interval_minutes,
            "自动应用事项清单": auto_apply_matters,
            "证书文件": ca_file,
        }
        changed = [k for k in after if before[k] != after[k]]
        if changed:
            uow.audit(
                "修改", "同步设置", "", "、".join(changed),
                {"before": {k: before[k] for k in changed}, "after": {k: after[k] for k in changed}},
            )  # fmt: skip
    return load(db)


def set_token(db: Database, actor: Actor, value: str) -> None:
    """Keeps the county's token in the keyring; the audit row says that it changed, never what it is."""
    _change_token(db, actor, token.check_token(value), "设置同步口令")


def forget_token(db: Database, actor: Actor) -> None:
    _change_token(db, actor, None, "删除同步口令")


def _change_token(db: Database, actor: Actor, value: str | None, what: str) -> None:
    actor.require(Permission.SYSTEM_SETTINGS)
    town = rounds.town_code(db)
    if not town:
        raise UserError("本数据库尚未完成乡镇设置。", "This database has no town yet.")
    with unit_of_work(db, actor) as uow:
        # Inside the transaction: a keyring that refuses leaves no audit row claiming a new token.
        token.store_token(town, value)
        uow.audit("修改", "同步设置", "", what)


# The county's public key for offline packages (not secret: it only checks the county's signature).
COUNTY_KEY_SETTING = "sync.county_package_key"


def county_package_key(db: Database) -> str:
    """The county's package public key (base64), "" until set."""
    with db.reading() as session:
        row = session.get(AppSetting, COUNTY_KEY_SETTING)
        value = json.loads(row.value) if row is not None else ""
    return value if isinstance(value, str) else ""


def set_county_package_key(db: Database, actor: Actor, key: str) -> str:
    """Keeps the county's public key: what every county package is checked against, so only
    修改系统设置 may change it (the command line logs a user in for it). Audited with the key: a public
    key is no secret."""
    actor.require(Permission.SYSTEM_SETTINGS)
    key = packages.check_public_key(key)
    with unit_of_work(db, actor) as uow:
        row = uow.session.get(AppSetting, COUNTY_KEY_SETTING)
        if row is None:
            uow.session.add(AppSetting(key=COUNTY_KEY_SETTING, value=json.dumps(key)))
        else:
            row.value = json.dumps(key)
        uow.audit("修改", "同步设置", "", "县级中心离线包公钥", {"after": {"县级中心公钥": key}})
    return key


def town_package_key(db: Database, create: bool = True) -> str:
    """This town's package public key (base64) for the county to register; the key pair is made in the
    keyring on first use ("" when none yet and not `create`). Reads the keyring: off the GUI thread."""
    town = rounds.town_code(db)
    if not town:
        raise UserError("本数据库尚未完成乡镇设置。", "This database has no town yet.")
    private = token.package_private_key(town, create)
    return packages.public_key_of(private) if private else ""


def token_problem(town_code: str) -> UserError | None:
    """Why no token can be used (none yet, no keyring on this PC), or None. Never returns the token."""
    try:
        token.read_token(town_code)
    except UserError as exc:
        return exc
    return None


def status(db: Database) -> LinkStatus:
    """For the page header and the status bar; reads the keyring, so run it off the GUI thread."""
    state = rounds.load_state(db)
    with db.reading() as session:
        waiting = session.scalar(select(func.count()).where(CountyPublication.state == PUBLICATION_WAITING))
    return LinkStatus(
        hub_url=rounds.hub_url(db),
        token_problem=token_problem(rounds.town_code(db)),
        last_attempt_at=state.last_attempt_at,
        last_success_at=state.last_success_at,
        last_error=state.last_error or "",
        clock_skew_seconds=state.clock_skew_seconds or 0,
        unsent=outbox.unsent_count(db),
        open_conflicts=conflicts.open_count(db),
        waiting_publications=waiting or 0,
    )
