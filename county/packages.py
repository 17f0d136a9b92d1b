"""The hub's side of offline packages (format: desktop/sync/packages.py): its signing key, the towns'
public keys, a town's package imported through the same push as the network, and a package of pull
pages and stored replies written for a town."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from county.admin import Refused, _town
from county.db import reading, writing
from county.models import HubPackage, SyncInbox, Town
from county.service import BadRequest, Forbidden, Gone, check_push_shape, meta, pull, push
from desktop.errors import UserError
from desktop.services.common.files import write_bytes_atomically
from desktop.sync import packages, protocol

log = logging.getLogger("county.packages")

# The newest stored replies to a town's batches that a package for it carries: enough for every batch
# of the packages it may still hold; an older batch is answered `duplicate` when the town resends it.
REPLIES_CARRIED = 500


def _private_key(engine: Engine) -> str:
    with writing(engine) as session:
        row = meta(session)
        if not row.package_key:
            row.package_key = packages.new_private_key()
            log.info("made the hub's package signing key")
        return row.package_key


def show_key(engine: Engine) -> str:
    """The hub's public key (base64), for the towns' 同步设置; the key pair is made on first use."""
    return packages.public_key_of(_private_key(engine))


def set_town_key(engine: Engine, code: str, key: str) -> None:
    try:
        key = packages.check_public_key(key)
    except UserError as exc:
        raise Refused(exc.zh) from exc
    with writing(engine) as session:
        _town(session, code).public_key = key
    log.info("package key set for town=%s", code)


@dataclass
class Imported:
    package_id: str
    town: str
    already: bool = False
    batches: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # results by status
    refused_batches: list[str] = field(default_factory=list)

    def one_line(self) -> str:
        if self.already:
            return f"离线包 {self.package_id} 已导入过，未作改动"
        counts = "，".join(f"{k} {v} 条" for k, v in sorted(self.counts.items())) or "无变更"
        text = f"已导入镇街 {self.town} 的离线包 {self.package_id}：{self.batches} 批，{counts}"
        if self.refused_batches:
            text += f"；{len(self.refused_batches)} 批被拒收（涉及其他镇街的记录）"
        return text


def _town_key(engine: Engine) -> packages.KeyFor:
    def key_for(manifest: dict[str, Any]) -> str:
        code = str(manifest["town"])[:12]
        with reading(engine) as session:
            town = session.get(Town, code)
            if town is None:
                raise packages.PackageError(f"离线包无法导入：没有登记镇街 {code}。", f"Unknown town {code}.")
            if town.revoked_at is not None:
                raise packages.PackageError(
                    f"离线包无法导入：镇街 {code} 已停用。", f"The town {code} is revoked."
                )
            if not town.public_key:
                raise packages.PackageError(
                    f"离线包无法导入：尚未登记镇街 {code} 的离线包公钥（set-town-key）。",
                    f"No package key registered for town {code}.",
                )
            return town.public_key

    return key_for


def import_package(engine: Engine, path: Path) -> Imported:
    """Verifies the whole package, then pushes each batch as the network would (a batch the hub has
    seen gets its stored reply, nothing else), then records the package id."""
    package = packages.read(path, packages.UP, _town_key(engine))
    town = package.town
    bodies = package.numbered("batch")
    for body in bodies:
        try:
            check_push_shape(body)
        except BadRequest as exc:
            raise packages.PackageError(f"离线包无法导入：{exc}。", f"A malformed batch: {exc}.") from exc
        if body["town"] != town:
            raise packages.PackageError(
                "离线包无法导入：其中的批次属于另一个镇街。", "A batch speaks for another town."
            )
    outcome = Imported(package.package_id, town)
    with reading(engine) as session:
        if session.get(HubPackage, package.package_id) is not None:
            outcome.already = True
            return outcome
    changes = 0
    for body in bodies:
        try:
            reply = push(engine, town, body)
        except Forbidden as exc:
            log.warning(
                "package %s town=%s batch=%s refused: %s", package.package_id, town, body["batch_id"], exc
            )
            outcome.refused_batches.append(body["batch_id"])
            continue
        outcome.batches += 1
        changes += len(reply["results"])
        for result in reply["results"]:
            outcome.counts[result["status"]] = outcome.counts.get(result["status"], 0) + 1
    with writing(engine) as session:
        if session.get(HubPackage, package.package_id) is None:
            session.add(
                HubPackage(
                    package_id=package.package_id, town=town, at=datetime.now(UTC), batches=outcome.batches,
                    changes=changes,
                )
            )  # fmt: skip
        row = session.get(Town, town)
        assert row is not None
        cursor = int(package.manifest["cursor"])
        if package.epoch == meta(session).epoch and cursor > row.last_pull_seq:
            row.last_pull_seq = cursor  # the town has applied up to there: its next package starts there
    log.info("package %s town=%s imported: %s", package.package_id, town, outcome.counts or "empty")
    return outcome


@dataclass(frozen=True)
class Exported:
    package_id: str
    from_seq: int
    to_seq: int
    changes: int
    replies: int


def export_package(engine: Engine, code: str, out: Path, since: int | None = None) -> Exported:
    """A signed package for one town: its pull pages after `since` (default: what it is known to have
    applied) and the stored replies to its newest batches. Writing it changes nothing at the hub."""
    with reading(engine) as session:
        town = _town(session, code)
        if town.revoked_at is not None:
            raise Refused(f"镇街 {code} 已停用")
        start = town.last_pull_seq if since is None else since
        epoch = meta(session).epoch
        inbox = session.scalars(
            select(SyncInbox.reply)
            .where(SyncInbox.town == code)
            .order_by(SyncInbox.at.desc())
            .limit(REPLIES_CARRIED)
        ).all()
    if start < 0:
        raise Refused("--since 不能为负数")
    members: list[tuple[str, bytes]] = []
    cursor, changes = start, 0
    while True:
        page = pull(engine, code, cursor, protocol.MAX_PULL, epoch, confirms=False)
        if isinstance(page, Gone):
            raise Refused(
                f"镇街 {code} 的同步位置（{cursor}）早于中心保留的最早序号 {page.reply['seq_floor']}"
                "（中心曾从备份恢复）：请让该镇街联网同步一次"
            )
        members.append((packages.member_name("page", len(members) + 1), packages.encode_member(page)))
        changes += len(page["changes"])
        cursor = page["last_seq"]
        if not page["more"] or not page["changes"]:
            break
    replies = [json.loads(text) for text in reversed(inbox)]
    members.append((packages.REPLIES, packages.encode_member(replies)))
    package_id, data = packages.build(
        private_key=_private_key(engine), direction=packages.DOWN, town=code, epoch=epoch, members=members,
        extra={"from_seq": start, "to_seq": cursor},
    )  # fmt: skip
    write_bytes_atomically(out, data)
    log.info("package %s for town=%s written: seq %d..%d", package_id, code, start, cursor)
    return Exported(package_id, start, cursor, changes, len(replies))
