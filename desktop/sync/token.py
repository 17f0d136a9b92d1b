"""The town's county token: in the OS keyring (Windows Credential Manager), never in the database or
a file. `TOWNCENTRE_COUNTY_TOKEN` overrides it for scripts. Without a keyring backend there is no
fallback: storing it in plain text is exactly what must not happen."""

from __future__ import annotations

import logging
import os
from contextlib import suppress

from desktop.errors import UserError

TOKEN_ENV = "TOWNCENTRE_COUNTY_TOKEN"
KEYRING_SERVICE = "TownCentre county link"
log = logging.getLogger(__name__)
# The Windows credential blob is capped near 2.5 KB; the hub's tokens are 43 characters.
MAX_TOKEN_CHARS = 512


def _no_keyring(exc: BaseException) -> UserError:
    # The library's own (English, technical) words go to the log; the person reads one plain sentence.
    log.warning("no usable keyring: %s", exc)
    return UserError(
        "这台电脑没有可用的密钥环（Windows 凭据管理器或系统钥匙串），同步口令无法保存。请联系信息化人员。",
        f"No usable keyring for the county token ({exc}); {TOKEN_ENV} can supply it instead.",
    )


def check_token(token: str) -> str:
    token = token.strip()
    if (
        not token
        or len(token) > MAX_TOKEN_CHARS
        or not token.isascii()
        or not token.isprintable()
        or " " in token
    ):
        raise UserError(
            "同步口令不正确：应是县级中心提供的一串字母和数字。",
            "The token is not valid: it is the string of letters and digits the county gave.",
        )
    return token


def read_token(town_code: str) -> str:
    """The token to use, or a UserError saying how to provide one."""
    from_env = os.environ.get(TOKEN_ENV, "")
    if from_env:
        return check_token(from_env)
    try:
        import keyring
        from keyring.errors import KeyringError

        stored = keyring.get_password(KEYRING_SERVICE, town_code)
    except (ImportError, RuntimeError, KeyringError) as exc:
        raise _no_keyring(exc) from exc
    if not stored:
        raise UserError(
            "尚未填写同步口令：请在“数据同步 → 同步设置”中填写县级中心提供的口令。",
            "No county token yet: enter the token the county gave in the sync settings.",
        )
    return stored


def has_token(town_code: str) -> bool:
    try:
        read_token(town_code)
    except UserError:
        return False
    return True


def store_token(town_code: str, token: str | None) -> None:
    """Keeps (None: forgets) the token in the keyring of the OS user running the program."""
    try:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        if token is None:
            with suppress(PasswordDeleteError):
                keyring.delete_password(KEYRING_SERVICE, town_code)
        else:
            keyring.set_password(KEYRING_SERVICE, town_code, check_token(token))
    except (ImportError, RuntimeError, KeyringError) as exc:
        raise _no_keyring(exc) from exc


# The town's Ed25519 key for signing offline packages: like the token, only in the OS keyring.
PACKAGE_KEY_SERVICE = "TownCentre package key"


def package_private_key(town_code: str, create: bool = True) -> str:
    """The town's package signing key (base64 raw), made and kept in the keyring on first use ("" when
    there is none yet and `create` is false)."""
    from desktop.sync.packages import new_private_key

    try:
        import keyring
        from keyring.errors import KeyringError

        stored = keyring.get_password(PACKAGE_KEY_SERVICE, town_code)
        if not stored and create:
            stored = new_private_key()
            keyring.set_password(PACKAGE_KEY_SERVICE, town_code, stored)
    except (ImportError, RuntimeError, KeyringError) as exc:
        raise UserError(
            f"这台电脑没有可用的密钥环，无法保存离线包签名密钥（{exc}）。",
            f"No usable keyring for the package signing key ({exc}).",
        ) from exc
    return stored or ""
