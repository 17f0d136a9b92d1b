"""Who runs a command-line command, and on which database (DESIGN.md §5).

Every command that reads personal data or writes acts as a named user, as in the program: `--user
NAME` (or env TOWNCENTRE_USER) with the password in env TOWNCENTRE_PASSWORD, or asked for on a
terminal. The login is the program's own (audited as 命令行登录, wrong passwords count towards the
lockout); a password that must be changed first refuses the command, since the command line has no
way to change it. The services then check that user's permissions; a refusal is written to the audit
log before its message is shown, as is a command run without a user or a password.

Commands open an existing database only (`demo` alone creates one), wait visibly for another program
that holds it, and are refused where the program may not write, except the ones that only read.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.errors import AuthenticationFailed, PermissionDenied, UsageError, UserError

if TYPE_CHECKING:
    from desktop.db import Database
    from desktop.services.accounts.permissions import Actor

USER_ENV = "TOWNCENTRE_USER"
PASSWORD_ENV = "TOWNCENTRE_PASSWORD"
LOGIN_PURPOSE = "命令行登录"  # the audit log tells these logins from the program's (登录)


class PasswordChangeRequired(UserError):
    def __init__(self, reason_zh: str, reason_en: str) -> None:
        super().__init__(
            f"该账号须先修改密码才能使用命令行（{reason_zh.rstrip('。')}）：请先在综治工作台中修改密码，再运行此命令。",
            f"This account must change its password before using the command line ({reason_en.rstrip('.')}): "
            "change the password in the program first, then run the command again.",
        )


def add_user_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user",
        metavar="NAME",
        default=None,
        help=f"以哪个用户身份执行（或环境变量 {USER_ENV}；密码放在环境变量 {PASSWORD_ENV}） / acting user",
    )


def is_valid_text(value: str) -> bool:
    """False for an argument or variable whose bytes were not valid in the system's encoding: Python
    hands it over with lone surrogates (surrogateescape), which can be neither stored nor audited."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def refuse_undecodable(args: argparse.Namespace) -> None:
    """Refuses, before anything is opened or written, a command-line argument (a path, a search text)
    that is not valid text. The user name is checked by `acting_user`, which audits the refusal."""
    for name, value in vars(args).items():
        values = value if isinstance(value, list | tuple) else [value]
        if name != "user" and any(isinstance(v, str) and not is_valid_text(v) for v in values):
            option = name if name in _POSITIONALS else "--" + name.replace("_", "-")
            raise UsageError(
                f"参数 {option} 含有无法识别的字符（不是有效的文字，可能是文件名或文字的编码不对），"
                "未做任何处理。请换一个只含正常文字的路径或内容。",
                f"The argument {option} is not valid text (its bytes are in no known encoding); nothing "
                "was done. Use a path or text with ordinary characters.",
            )


_POSITIONALS = ("command", "kind", "ident", "path", "file")


def _no_user() -> UsageError:
    return UsageError(
        f"请用 --user NAME（或环境变量 {USER_ENV}）指明执行人，密码放在环境变量 {PASSWORD_ENV}。",
        f"Name the user with --user NAME (or {USER_ENV}); the password goes in {PASSWORD_ENV}.",
    )


def _password(username: str, remembered_ok: bool) -> tuple[str, bool]:
    """From the environment, else (for the commands a scheduled task runs) this Windows user's
    keyring (`remember-password`), else asked for on a terminal. Says whether it came from the keyring."""
    password = os.environ.get(PASSWORD_ENV, "")
    if password:
        return password, False
    if remembered_ok:
        remembered = remembered_password(username)
        if remembered:
            return remembered, True
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(f"{username} 的密码 / password: "), False
    return "", False


KEYRING_SERVICE = "TownCentre command line"


def remembered_password(username: str) -> str:
    """The password `towncentre remember-password` stored for this OS user, or ""."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, username) or ""
    except Exception:  # no usable keyring (a service account, a Linux box without one): not remembered
        return ""


def remember_password(username: str, password: str | None) -> None:
    """Stores (None: forgets) the password in the OS keyring of the user running the command: Windows
    Credential Manager keeps it for that Windows account only, so a scheduled task must run as it."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        if password is None:
            with suppress(PasswordDeleteError):
                keyring.delete_password(KEYRING_SERVICE, username)
        else:
            keyring.set_password(KEYRING_SERVICE, username, password)
    except (KeyringError, RuntimeError) as exc:
        raise UserError(
            f"这台电脑没有可用的密钥环，无法记住密码（{exc}）。",
            f"No usable keyring to keep the password in ({exc}).",
        ) from exc


@contextmanager
def acting_user(
    db: Database,
    args: argparse.Namespace,
    action: str,
    *,
    password: str | None = None,
    remembered_ok: bool = False,
) -> Iterator[Actor]:
    """Logs in the user the command names and yields the actor to pass to the services.

    `action` is what the audit log calls the work (导出事件, 导入事项清单, ...) when it is refused: for
    want of a user or a password, a password to change first, or a permission (PermissionDenied
    raised inside the block)."""
    from desktop.services.accounts import auth
    from desktop.services.common.uow import record_refusal

    username = (args.user or os.environ.get(USER_ENV, "")).strip()
    if not username:
        record_refusal(db, None, action, "命令行未提供用户名")
        raise _no_user()
    if not is_valid_text(username):
        record_refusal(db, None, action, "命令行提供的用户名不是有效的文字")
        raise UsageError(
            "用户名含有无法识别的字符（不是有效的文字），未登录。",
            "The user name is not valid text; nobody was logged in.",
        )
    from_keyring = False
    if password is None:
        password, from_keyring = _password(username, remembered_ok)
    if password and not is_valid_text(password):
        record_refusal(db, None, action, "命令行提供的密码不是有效的文字")
        raise UsageError(
            f"{PASSWORD_ENV} 中的密码含有无法识别的字符（不是有效的文字），未登录。",
            f"The password in {PASSWORD_ENV} is not valid text; nobody was logged in.",
        )
    if not password:
        # The typed name stays out of the log: it is nobody's until a login proves it.
        record_refusal(db, None, action, "命令行未提供密码")
        raise UsageError(
            f"请在环境变量 {PASSWORD_ENV} 中提供 {username} 的密码。",
            f"Put the password of {username} in {PASSWORD_ENV}.",
        )
    try:
        result = auth.login(db, username, password, purpose=LOGIN_PURPOSE)
    except AuthenticationFailed:
        if not from_keyring:
            raise
        # Changed since it was kept: forgotten at once, so the nightly task cannot lock the account.
        with suppress(UserError):
            remember_password(username, None)
        raise UserError(
            f"本机记住的 {username} 的密码已不正确（可能已修改），已删除。请重新运行 remember-password。",
            f"The password kept on this PC for {username} is no longer right (changed?) and was removed; "
            "run remember-password again.",
        ) from None
    if result.must_change_password:
        record_refusal(db, result.actor, action, f"须先修改密码：{result.reason_zh}")
        raise PasswordChangeRequired(result.reason_zh, result.reason_en)
    try:
        yield result.actor
    except PermissionDenied as exc:
        record_refusal(db, result.actor, action, exc.zh)
        raise


def _waiting(path: Path) -> None:
    if sys.stderr is not None:
        print(
            f"正在等待数据库（{path} 正被另一个程序使用）…… / waiting for the database (another program "
            "is using it)...",
            file=sys.stderr,
            flush=True,
        )


def open_database(db_path: Path, *, read_only_ok: bool = False) -> Database:
    """Opens an existing database (commands other than demo never create one).

    With `read_only_ok` (commands that only count or check), a database the program may not write is
    read without writing anything, with a note on stderr; other commands are refused there."""
    from desktop.db import Database, write_problem
    from desktop.services.startup import bring_up_to_date

    problem = write_problem(db_path) if read_only_ok else None
    if problem is not None:
        db = Database.open(db_path, create=False, read_only=True)
        print(
            f"注意：{problem.target} 只读，数据库以只读方式打开。 / note: {problem.target} is read-only; "
            "the database was opened read-only.",
            file=sys.stderr,
        )
        return db
    db = Database.open(db_path, create=False, on_wait=_waiting)
    bring_up_to_date(db)
    return db
