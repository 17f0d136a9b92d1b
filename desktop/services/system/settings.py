"""One declarative schema for town-wide settings (STYLE.md §7): type, default, limits, label."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desktop.db import Database
from desktop.errors import ValidationError
from desktop.models import AppSetting
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.uow import unit_of_work


@dataclass(frozen=True)
class Setting:
    key: str
    kind: type
    default: Any
    label_zh: str
    label_en: str
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()


SCHEMA: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("ui.language", str, "zh_CN", "界面语言", "Interface language", choices=("zh_CN", "en")),
        Setting("ui.font_size", int, 12, "界面字号", "Font size (pt)", 10, 20),
        Setting(
            "security.idle_lock_minutes", int, 10, "无操作自动锁定（分钟）", "Lock after idle (min)", 1, 120
        ),
        Setting(
            "security.max_failed_logins",
            int,
            5,
            "密码连续错误锁定次数",
            "Wrong passwords before lockout",
            3,
            10,
        ),
        Setting(
            "security.lockout_minutes", int, 15, "账号锁定时长（分钟）", "Lockout duration (min)", 5, 1440
        ),
        Setting(
            "security.password_max_age_days", int, 90, "密码有效期（天）", "Password lifetime (days)", 30, 365
        ),
    )
}


def _check(setting: Setting, value: Any) -> Any:
    if setting.kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(
                f"“{setting.label_zh}”应为整数。",
                f"“{setting.label_en}” must be a whole number.",
                setting.key,
            )
        lo, hi = setting.minimum, setting.maximum
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise ValidationError(
                f"“{setting.label_zh}”应在 {lo} 到 {hi} 之间。",
                f"“{setting.label_en}” must be between {lo} and {hi}.",
                setting.key,
            )
    elif setting.kind is str and (
        not isinstance(value, str) or (setting.choices and value not in setting.choices)
    ):
        raise ValidationError(
            f"“{setting.label_zh}”的取值无效。", f"Invalid value for “{setting.label_en}”.", setting.key
        )
    return value


def get_all(db: Database) -> dict[str, Any]:
    """Every setting, stored value or default. Readable by anyone logged in (and before login)."""
    with db.reading() as session:
        stored = {row.key: row.value for row in session.scalars(select(AppSetting))}
    values: dict[str, Any] = {}
    for key, setting in SCHEMA.items():
        raw = stored.get(key)
        try:
            values[key] = _check(setting, json.loads(raw)) if raw is not None else setting.default
        except (ValueError, ValidationError):
            values[key] = setting.default  # a damaged value falls back rather than stopping the program
    return values


def get(db: Database, key: str) -> Any:
    return get_all(db)[key]


def update(db: Database, actor: Actor, changes: dict[str, Any]) -> dict[str, Any]:
    actor.require(Permission.SYSTEM_SETTINGS)
    for key, value in changes.items():
        if key not in SCHEMA:
            raise ValidationError(f"未知的设置项：{key}", f"Unknown setting: {key}", key)
        _check(SCHEMA[key], value)
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
    return get_all(db)
