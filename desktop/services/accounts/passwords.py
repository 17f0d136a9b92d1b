"""Password hashing (Argon2id, memory-hard) and the password rule."""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from desktop.errors import ValidationError

# OWASP's minimum Argon2id profile (19 MiB, 2 passes): ~20 ms here, so a login stays quick
# while an offline guess stays expensive.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)

MIN_LENGTH = 8


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


def check_password_rule(password: str, username: str = "", field: str = "password") -> None:
    """At least 8 characters with both letters and digits, and not the user name (等保 complexity)."""
    if len(password) < MIN_LENGTH:
        raise ValidationError(
            f"密码至少需要 {MIN_LENGTH} 位。",
            f"The password needs at least {MIN_LENGTH} characters.",
            field,
        )
    if not re.search(r"[A-Za-z]", password) or not re.search(r"\d", password):
        raise ValidationError(
            "密码需要同时包含字母和数字。", "The password needs both letters and digits.", field
        )
    if username and username.lower() in password.lower():
        raise ValidationError("密码不能包含用户名。", "The password must not contain the user name.", field)
