"""Offline packages: the push batches and pull pages of the county link, carried on removable media.

Shared by both ends like protocol.py (no ORM, no Qt): the town's use cases are desktop/sync/offline.py,
the hub's county/packages.py.

Format 1. A zip holding, and nothing else:
- `manifest.json`: {"format": 1, "package_id": UUID, "direction": "up" (town → county) or "down"
  (county → town), "town": the town's code, "epoch": the hub's epoch as the writer knows it, "created_at":
  UTC time, "members": [{"name", "size", "sha256"}], and
  - up: "cursor": the last hub sequence number the town has applied (the hub starts its next package
    for the town there);
  - down: "from_seq": the cursor the pages start after, "to_seq": the last sequence number they cover};
- `manifest.sig`: the Ed25519 signature of the exact bytes of manifest.json, base64 (the town's key
  for "up", the hub's for "down");
- the members, named by a fixed pattern only: `batch-0001.json`… (up: each a protocol.PushRequest),
  `page-0001.json`… (down: each a protocol.PullReply, in order) and `replies.json` (down: a list of
  protocol.PushReply, the hub's stored answers to the town's batches).

Reading verifies everything before the caller writes anything: the zip opens; at most MAX_MEMBERS
members; every member is named in the manifest and matches the pattern (members are read by name with
ZipFile.open, never extracted, so no path from the archive is ever used); each member's declared and
actual size within the caps (a zip bomb is refused from its header, and reading stops one byte past the
cap); the SHA-256 of each; the signature with the key the caller picks for the manifest's town. Keys
are raw 32-byte Ed25519 keys, written as base64.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import re
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from desktop.errors import UserError
from desktop.sync import protocol

FORMAT = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
REPLIES = "replies.json"
MEMBER_NAME = re.compile(r"(batch|page)-\d{4}\.json|replies\.json")
Direction = Literal["up", "down"]
UP: Direction = "up"
DOWN: Direction = "down"

# Caps: a package holds at most MAX_MEMBERS members (2,000 batches of 500 changes: a million changes,
# ten times a large town's first upload), each at most MAX_MEMBER_BYTES once inflated (the most one
# network request may inflate to), all together at most MAX_TOTAL_BYTES.
MAX_MEMBERS = 2_000
MAX_MEMBER_BYTES = protocol.MAX_INFLATED_BYTES
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_SIGNATURE_BYTES = 200
KEY_BYTES = 32


class PackageError(UserError):
    """A package refused; nothing was written. The message says why, for the person holding the media."""


def _refuse(zh: str, en: str) -> PackageError:
    return PackageError(f"离线包无法导入：{zh}", f"The package was refused: {en}")


# --- keys ----------------------------------------------------------------------------------------


def new_private_key() -> str:
    """A new Ed25519 private key, raw bytes in base64."""
    raw = Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return base64.b64encode(raw).decode("ascii")


def _raw_key(text: str, what: str) -> bytes:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != KEY_BYTES:
        raise UserError(
            f"{what}不正确：应是 44 个字符的 base64 文本（32 字节的 Ed25519 公钥）。",
            "The key is not valid: it is 44 characters of base64 (a 32-byte Ed25519 key).",
        )
    return raw


def public_key_of(private_key: str) -> str:
    key = Ed25519PrivateKey.from_private_bytes(_raw_key(private_key, "私钥"))
    return base64.b64encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)).decode("ascii")


def check_public_key(text: str) -> str:
    """The public key as stored (base64 of the raw 32 bytes), or a UserError."""
    raw = _raw_key(text, "公钥")
    Ed25519PublicKey.from_public_bytes(raw)
    return base64.b64encode(raw).decode("ascii")


# --- writing -------------------------------------------------------------------------------------


def member_name(kind: Literal["batch", "page"], number: int) -> str:
    return f"{kind}-{number:04d}.json"


def encode_member(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def build(
    *,
    private_key: str,
    direction: Direction,
    town: str,
    epoch: str,
    members: list[tuple[str, bytes]],
    extra: dict[str, Any],
    package_id: str | None = None,
) -> tuple[str, bytes]:
    """The package's id and its zip bytes, manifest signed with `private_key`."""
    if len(members) + 2 > MAX_MEMBERS:
        raise UserError(
            f"数据太多，一个离线包最多 {MAX_MEMBERS - 2} 个文件：请分几次导出。",
            "Too much data for one package; export in several parts.",
        )
    package_id = package_id or str(uuid.uuid4())
    manifest = {
        "format": FORMAT,
        "package_id": package_id,
        "direction": direction,
        "town": town,
        "epoch": epoch,
        "created_at": protocol.now_text(),
        **extra,
        "members": [
            {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in members
        ],
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    key = Ed25519PrivateKey.from_private_bytes(_raw_key(private_key, "私钥"))
    signature = base64.b64encode(key.sign(manifest_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest_bytes)
        archive.writestr(SIGNATURE, signature)
        for name, data in members:
            archive.writestr(name, data)
    return package_id, out.getvalue()


# --- reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Package:
    """A package whose every check passed: its manifest and its members, parsed, in manifest order."""

    manifest: dict[str, Any]
    members: dict[str, Any]

    @property
    def package_id(self) -> str:
        return str(self.manifest["package_id"])

    @property
    def town(self) -> str:
        return str(self.manifest["town"])

    @property
    def epoch(self) -> str:
        return str(self.manifest["epoch"])

    def numbered(self, kind: str) -> list[Any]:
        return [value for name, value in self.members.items() if name.startswith(kind + "-")]


# Picks the public key (base64) for a manifest's town, or raises PackageError (unknown town, no key).
KeyFor = Callable[[dict[str, Any]], str]


def read(path: Path, direction: Direction, key_for: KeyFor) -> Package:
    """The verified package at `path`, or PackageError. Reads, never writes."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _read(archive, direction, key_for)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise _refuse("文件不完整或不是离线包（zip 损坏）。", f"not a whole zip file ({exc}).") from exc
    except OSError as exc:
        raise _refuse(f"无法读取文件（{exc.strerror or exc}）。", f"cannot read the file ({exc}).") from exc


def _read(archive: zipfile.ZipFile, direction: Direction, key_for: KeyFor) -> Package:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _refuse(f"文件数超过 {MAX_MEMBERS} 个。", f"more than {MAX_MEMBERS} members.")
    by_name: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if info.filename in by_name:
            raise _refuse(f"文件名重复：{info.filename[:60]}。", "a member name appears twice.")
        by_name[info.filename] = info
    if MANIFEST not in by_name or SIGNATURE not in by_name:
        raise _refuse("缺少清单或签名。", "the manifest or its signature is missing.")
    manifest_bytes = _member(archive, by_name[MANIFEST], MAX_MANIFEST_BYTES)
    signature = _member(archive, by_name[SIGNATURE], MAX_SIGNATURE_BYTES)
    try:
        manifest = json.loads(manifest_bytes)
    except (UnicodeDecodeError, ValueError) as exc:
        raise _refuse("清单格式不正确。", "the manifest is not JSON.") from exc
    if not isinstance(manifest, dict) or not isinstance(manifest.get("town"), str):
        raise _refuse("清单格式不正确。", "the manifest is malformed.")
    # The signature before anything else the manifest says: the key is chosen by its town alone.
    try:
        raw_signature = base64.b64decode(signature, validate=True)
        key = Ed25519PublicKey.from_public_bytes(_raw_key(key_for(manifest), "公钥"))
        key.verify(raw_signature, manifest_bytes)
    except (binascii.Error, ValueError, InvalidSignature) as exc:
        raise _refuse(
            "签名不符：文件被改动过，或不是由登记的密钥签发的。",
            "the signature does not match (changed, or signed by another key).",
        ) from exc
    members = _check_manifest(manifest, direction)
    listed = {m["name"] for m in members}
    unlisted = set(by_name) - listed - {MANIFEST, SIGNATURE}
    if unlisted:
        raise _refuse(f"含有清单之外的文件：{sorted(unlisted)[0][:60]}。", "a member not in the manifest.")
    parsed: dict[str, Any] = {}
    for member in members:
        name = member["name"]
        entry = by_name.get(name)
        if entry is None:
            raise _refuse(f"缺少文件 {name}。", f"the member {name} is missing.")
        if entry.file_size != member["size"]:
            raise _refuse(f"文件 {name} 的大小与清单不符。", f"{name} does not have its listed size.")
        data = _member(archive, entry, MAX_MEMBER_BYTES)
        if len(data) != member["size"] or hashlib.sha256(data).hexdigest() != member["sha256"]:
            raise _refuse(f"文件 {name} 已被改动（校验值不符）。", f"{name} has been changed (SHA-256).")
        try:
            parsed[name] = json.loads(data)
        except (UnicodeDecodeError, ValueError) as exc:
            raise _refuse(f"文件 {name} 格式不正确。", f"{name} is not JSON.") from exc
    return Package(manifest, parsed)


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """A member's bytes, refused from its header when it declares more than `cap`, and while reading
    when it inflates past the cap whatever its header said."""
    if info.file_size > cap:
        raise _refuse(f"文件 {info.filename[:60]} 过大。", f"{info.filename[:60]} is too large.")
    with archive.open(info) as stream:
        data = stream.read(cap + 1)
    if len(data) > cap:
        raise _refuse(f"文件 {info.filename[:60]} 过大。", f"{info.filename[:60]} is too large.")
    return data


def _check_manifest(manifest: dict[str, Any], direction: Direction) -> list[dict[str, Any]]:
    if manifest.get("format") != FORMAT:
        raise _refuse("格式版本不受支持，请升级程序。", "an unsupported format version.")
    try:
        uuid.UUID(str(manifest.get("package_id")))
    except ValueError as exc:
        raise _refuse("离线包编号不正确。", "a malformed package id.") from exc
    if manifest.get("direction") != direction:
        if direction == UP:
            raise _refuse(
                "这是县级中心发给镇街的离线包，应在镇街导入。", "a package for a town, not the hub."
            )
        raise _refuse("这是镇街导出的离线包，应在县级中心导入。", "a package for the hub, not a town.")
    if not isinstance(manifest.get("epoch"), str):
        raise _refuse("清单格式不正确。", "the manifest has no epoch.")
    numbers = ("from_seq", "to_seq") if direction == DOWN else ("cursor",)
    for name in numbers:
        value = manifest.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise _refuse("清单中的序号不正确。", "the manifest's sequence numbers are malformed.")
    if direction == DOWN and manifest["to_seq"] < manifest["from_seq"]:
        raise _refuse("清单中的序号不正确。", "the manifest's sequence range is reversed.")
    members = manifest.get("members")
    if not isinstance(members, list) or len(members) > MAX_MEMBERS:
        raise _refuse("清单格式不正确。", "the manifest's member list is malformed.")
    total = 0
    seen: set[str] = set()
    allowed = ("batch",) if direction == UP else ("page", "replies")
    for member in members:
        if not (
            isinstance(member, dict)
            and isinstance(member.get("name"), str)
            and isinstance(member.get("size"), int)
            and not isinstance(member.get("size"), bool)
            and isinstance(member.get("sha256"), str)
        ):
            raise _refuse("清单格式不正确。", "a malformed member entry.")
        name = member["name"]
        if not MEMBER_NAME.fullmatch(name) or not name.startswith(allowed) or name in seen:
            raise _refuse(f"不允许的文件名：{name[:60]}。", f"a member name not allowed: {name[:60]}.")
        seen.add(name)
        if not 0 <= member["size"] <= MAX_MEMBER_BYTES:
            raise _refuse(f"文件 {name} 过大。", f"{name} is too large.")
        total += member["size"]
    if total > MAX_TOTAL_BYTES:
        raise _refuse("离线包解压后过大。", "the package inflates beyond the cap.")
    return members
