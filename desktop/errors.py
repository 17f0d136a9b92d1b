"""Errors a user can act on. Anything else is a bug and goes to the crash dialog and the log.

Every message is written in Chinese and English: the GUI shows the one the user chose, and the
CLI prints `中文 / English` on one line (DESIGN.md §5).
"""

from __future__ import annotations

from collections.abc import Sequence


class UserError(Exception):
    """A known, explainable failure: bad input, missing permission, a state that forbids the action."""

    exit_code = 1

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en

    def text(self, language: str = "zh_CN") -> str:
        return self.en if language.startswith("en") else self.zh

    def one_line(self) -> str:
        return f"{self.zh} / {self.en}"


class UsageError(UserError):
    """The command line was used wrongly (a missing option, options that do not go together)."""

    exit_code = 2


class ValidationError(UserError):
    """Bad input. `field` names the form field the message belongs next to."""

    def __init__(self, zh: str, en: str, field: str = "") -> None:
        super().__init__(zh, en)
        self.field = field


class ValidationErrors(ValidationError):
    """Several bad fields at once, so a form can mark them all in one go. Where one message is expected
    (the CLI, `except UserError`) it reads as all the messages in a row and names the first field."""

    def __init__(self, errors: Sequence[ValidationError]) -> None:
        if not errors:
            raise ValueError("ValidationErrors needs at least one error")
        super().__init__(" ".join(e.zh for e in errors), " ".join(e.en for e in errors), errors[0].field)
        self.errors = tuple(errors)


def raise_all(errors: Sequence[ValidationError]) -> None:
    """Raises nothing, the one error, or all of them together."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ValidationErrors(errors)


class PermissionDenied(UserError):
    pass


class NotFound(UserError):
    pass


class AuthenticationFailed(UserError):
    pass


class AccountLocked(AuthenticationFailed):
    def __init__(self, minutes_left: int) -> None:
        super().__init__(
            f"连续输错密码次数过多，账号已锁定，请 {minutes_left} 分钟后再试，或请系统管理员解锁。",
            f"Too many wrong passwords: the account is locked. Try again in {minutes_left} min "
            "or ask an administrator to unlock it.",
        )
        self.minutes_left = minutes_left


class DatabaseProblem(UserError):
    """The database file cannot be used as it is (too new, not ours, damaged)."""
