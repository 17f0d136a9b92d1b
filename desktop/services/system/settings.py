"""One declarative schema for town-wide settings (STYLE.md §7): type, default, limits, label.

The schema is the typed `Settings` dataclass: each field declares its key, default, limits and labels
through `setting()`. The program reads them in one go with `load()`; the admin tab and `update()` work
from `SCHEMA`, the same declarations keyed by setting key.

SQLAlchemy and the models are imported inside the functions that go through them: the program's
start reads the settings the login dialog is shown with (`from_stored`, in `desktop.services.startup`)
before SQLAlchemy is imported (issue 18).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, TypeVar

from desktop.db import Database
from desktop.errors import ValidationError
from desktop.services.accounts.permissions import Actor, Permission

Value = int | str
_V = TypeVar("_V", int, str)


@dataclass(frozen=True)
class Setting:
    key: str
    name: str  # the `Settings` field that holds it
    kind: type[int] | type[str]
    default: Value
    label_zh: str
    label_en: str
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()


def setting(
    key: str, default: _V, label_zh: str, label_en: str, minimum: int | None = None,
    maximum: int | None = None, *, choices: tuple[str, ...] = (),
) -> _V:  # fmt: skip
    """Declares a `Settings` field; the schema entry rides in the field's metadata (name filled in below)."""
    spec = Setting(key, "", type(default), default, label_zh, label_en, minimum, maximum, choices)
    return field(default=default, metadata={"setting": spec})


@dataclass(frozen=True)
class Settings:
    """Every town-wide setting with its type; `Settings()` holds the defaults."""

    language: str = setting("ui.language", "zh_CN", "界面语言", "Interface language", choices=("zh_CN", "en"))
    font_size: int = setting("ui.font_size", 12, "界面字号", "Font size (pt)", 10, 20)
    idle_lock_minutes: int = setting(
        "security.idle_lock_minutes", 10, "无操作自动锁定（分钟）", "Lock after idle (min)", 1, 120
    )
    max_failed_logins: int = setting(
        "security.max_failed_logins", 5, "密码连续错误锁定次数", "Wrong passwords before lockout", 3, 10
    )
    lockout_minutes: int = setting(
        "security.lockout_minutes", 15, "账号锁定时长（分钟）", "Lockout duration (min)", 5, 1440
    )
    password_max_age_days: int = setting(
        "security.password_max_age_days", 90, "密码有效期（天）", "Password lifetime (days)", 30, 365
    )


SCHEMA: dict[str, Setting] = {
    f.metadata["setting"].key: replace(f.metadata["setting"], name=f.name) for f in fields(Settings)
}


def _check(spec: Setting, value: object) -> Value:
    if spec.kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(
                f"“{spec.label_zh}”应为整数。",
                f"“{spec.label_en}” must be a whole number.",
                spec.key,
            )
        lo, hi = spec.minimum, spec.maximum
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise ValidationError(
                f"“{spec.label_zh}”应在 {lo} 到 {hi} 之间。",
                f"“{spec.label_en}” must be between {lo} and {hi}.",
                spec.key,
            )
        return value
    if not isinstance(value, str) or (spec.choices and value not in spec.choices):
        raise ValidationError(
            f"“{spec.label_zh}”的取值无效。", f"Invalid value for “{spec.label_en}”.", spec.key
        )
    return value


def get_all(db: Database) -> dict[str, Value]:
    """Every setting, stored value or default. Readable by anyone logged in (and before login)."""
    from sqlalchemy import select

    from desktop.models import AppSetting

    with db.reading() as session:
        return values_of({row.key: row.value for row in session.scalars(select(AppSetting))})


def values_of(stored: Mapping[str, str]) -> dict[str, Value]:
    """Every setting from the stored rows (key → JSON text): the stored value or the default."""
    values: dict[str, Value] = {}
    for key, spec in SCHEMA.items():
        raw = stored.get(key)
        try:
            values[key] = _check(spec, json.loads(raw)) if raw is not None else spec.default
        except (ValueError, ValidationError, RecursionError):  # RecursionError: JSON nested too deep
            values[key] = spec.default  # a damaged value falls back rather than stopping the program
    return values


def load(db: Database) -> Settings:
    """Every setting, typed. Readable by anyone logged in (and before login)."""
    return _typed(get_all(db))


def from_stored(stored: Mapping[str, str]) -> Settings:
    """Every setting, typed, from the stored rows (key → JSON text) read without SQLAlchemy."""
    return _typed(values_of(stored))


def _typed(values: Mapping[str, Value]) -> Settings:
    # Each value has passed _check against its field's kind, so the field types hold.
    by_name: dict[str, Any] = {SCHEMA[key].name: value for key, value in values.items()}
    return Settings(**by_name)


def update(db: Database, actor: Actor, changes: Mapping[str, object]) -> Settings:
    actor.require(Permission.SYSTEM_SETTINGS)
    for key, value in changes.items():
        if key not in SCHEMA:
            raise ValidationError(f"未知的设置项：{key}", f"Unknown setting: {key}", key)
        _check(SCHEMA[key], value)
    from desktop.models import AppSetting
    from desktop.services.common.uow import unit_of_work

    before = get_all(db)
    with unit_of_work(db, actor) as uow:
        for key, value in changes.items():
            row = uow.session.get(AppSetting, key)
            encoded = json.dumps(value)
            if row is None:
                uow.session.add(AppSetting(key=key, value=encoded))
            else:
                row.value = encoded
        diff = {k: v for k, v in changes.items() if before.get(k) != v}
        if diff:
            uow.audit(
                "修改",
                "系统设置",
                "",
                "、".join(SCHEMA[k].label_zh for k in diff),
                {"before": {k: before[k] for k in diff}, "after": diff},
            )
    return load(db)
