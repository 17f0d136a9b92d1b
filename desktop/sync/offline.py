"""The town's offline packages (format: desktop/sync/packages.py): for a link down for days.

Export: every unsent change is stored as batches in flight (outbox.store_unsent), and the package
carries them all, signed with the town's key from the keyring. The batches stay in flight until the
county's answer settles them, by a package from the county or by an online round (the same batch id
gets the hub's stored reply), so nothing is lost or applied twice whichever way the answer comes.

Import: the county's package is verified whole first (packages.read, the town, the epoch, the sequence
range, every change through protocol.change_problem); a refusal writes nothing. Then the replies
settle the batches this town still holds, each page applies like a pulled one (the cursor in the same
transaction), and the package id is recorded with a 离线包 round: a second import does nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.db import Database
from desktop.errors import UserError
from desktop.models import SyncPackage, SyncRound
from desktop.models.base import new_id
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.files import require_text_path, write_bytes_atomically
from desktop.services.common.uow import unit_of_work
from desktop.sync import inbound, outbox, packages, protocol, rounds, token
from desktop.sync.settings import county_package_key
from desktop.sync.transport import SyncError

TRIGGER_PACKAGE = "离线包"
EXPORTED = "导出"
IMPORTED = "导入"

Progress = Callable[[str, int, int], None]


def _quiet(_what: str, _done: int, _total: int) -> None:
    pass


def _town(db: Database) -> str:
    town = rounds.town_code(db)
    if not town:
        raise UserError("本数据库尚未完成乡镇设置。", "This database has no town yet.")
    return town


# --- export --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Exported:
    package_id: str
    batches: int
    changes: int

    def one_line(self) -> str:
        return f"已导出离线包：{self.batches} 批，{self.changes} 条变更"


def export_package(db: Database, actor: Actor, target: Path, progress: Progress | None = None) -> Exported:
    """Writes every unsent change to a signed package at `target` (a temporary file, then a rename).
    The package holds reporters' names and phones: only 执行数据同步 may write one."""
    actor.require(Permission.SYNC_RUN)
    progress = progress or _quiet
    town = _town(db)
    require_text_path(target)
    private_key = token.package_private_key(town)  # before any write: no keyring, nothing changes
    progress("正在整理待上传的数据…", 0, 0)
    outbox.store_unsent(db, protocol.MAX_BATCH)
    batches = outbox.all_in_flight(db)
    if not batches:
        raise UserError("没有需要上传的数据，无需导出离线包。", "Nothing is waiting to be sent.")
    state = rounds.load_state(db)
    head = rounds.audit_head(db)
    members: list[tuple[str, bytes]] = []
    for number, batch in enumerate(batches, 1):
        progress("正在写入离线包…", number, len(batches))
        request: protocol.PushRequest = {
            "town": town, "batch_id": batch.id, "epoch": state.epoch, "audit_head": head,
            "changes": batch.changes,
        }  # fmt: skip
        members.append((packages.member_name("batch", number), packages.encode_member(request)))
    package_id, data = packages.build(
        private_key=private_key, direction=packages.UP, town=town, epoch=state.epoch, members=members,
        extra={"cursor": state.cursor},
    )  # fmt: skip
    changes = sum(len(b.changes) for b in batches)

    def record() -> None:
        with unit_of_work(db, None) as uow:
            uow.session.add(
                SyncPackage(package_id=package_id, direction=EXPORTED, at=uow.now, file_name=target.name[:260],
                            changes=changes)
            )  # fmt: skip
            uow.audit(
                "导出", "离线包", package_id, f"{len(batches)} 批，{changes} 条变更",
                {"文件": target.name, "批次": len(batches)},
            )  # fmt: skip

    write_bytes_atomically(target, data, before_replace=record)
    return Exported(package_id, len(batches), changes)


# --- import --------------------------------------------------------------------------------------


@dataclass
class Imported:
    package_id: str
    already: bool = False
    acknowledged: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: int = 0
    publications: int = 0
    event_ids: list[str] = field(default_factory=list)

    def one_line(self) -> str:
        if self.already:
            return "这个离线包已经导入过，未作改动。"
        text = f"离线包已导入：县级确认 {self.acknowledged} 条，接收 {self.pulled} 条"
        if self.conflicts or self.rejected:
            text += f"，冲突 {self.conflicts} 条，被拒收 {self.rejected} 条（请到“数据同步”处理）"
        return text


def _refuse(zh: str, en: str) -> packages.PackageError:
    return packages.PackageError(f"离线包无法导入：{zh}", f"The package was refused: {en}")


def _checked_pages(package: packages.Package) -> list[tuple[list[protocol.PulledChange], int]]:
    """(changes, last_seq) of each page, every change checked before anything is applied."""
    out: list[tuple[list[protocol.PulledChange], int]] = []
    previous = int(package.manifest["from_seq"])
    for page in package.numbered("page"):
        last_seq = page.get("last_seq") if isinstance(page, dict) else None
        if not isinstance(last_seq, int) or isinstance(last_seq, bool):
            raise _refuse("数据页格式不正确。", "a malformed page.")
        if not previous <= last_seq <= package.manifest["to_seq"]:
            raise _refuse("数据页的序号与清单不符。", "a page's sequence is outside the manifest's range.")
        try:
            changes = inbound.check_page(page.get("changes"))
        except SyncError as exc:
            raise _refuse(exc.zh, exc.en) from exc
        out.append((changes, last_seq))
        previous = last_seq
    return out


def _checked_replies(db: Database, package: packages.Package) -> list[tuple[outbox.Batch, Any]]:
    """The replies that answer a batch this town still holds, each checked against its batch."""
    replies = package.members.get(packages.REPLIES, [])
    if not isinstance(replies, list):
        raise _refuse("答复格式不正确。", "malformed replies.")
    held = {batch.id: batch for batch in outbox.all_in_flight(db)}
    out: list[tuple[outbox.Batch, Any]] = []
    for reply in replies:
        batch = held.get(str(reply.get("batch_id"))) if isinstance(reply, dict) else None
        if batch is None:
            continue  # answered already (online, or by an earlier package), or not this PC's
        try:
            outbox.results_by_key(batch, reply)
        except SyncError as exc:
            raise _refuse(exc.zh, exc.en) from exc
        for result in reply["results"]:
            fields = result.get("fields")
            if fields is not None and (not isinstance(fields, dict) or protocol.fields_problem(fields)):
                raise _refuse("答复格式不正确。", "a reply's fields are malformed.")
        out.append((batch, reply))
    return out


def import_package(db: Database, path: Path, progress: Progress | None = None) -> Imported:
    progress = progress or _quiet
    town = _town(db)
    county_key = county_package_key(db)

    def key_for(manifest: dict[str, Any]) -> str:
        if manifest["town"] != town:
            raise _refuse(
                f"这个离线包是发给镇街 {str(manifest['town'])[:12]} 的，不是本镇（{town}）。",
                "the package is for another town.",
            )
        if not county_key:
            raise _refuse(
                "尚未填写县级中心的公钥：请在“数据同步 → 同步设置”中填写县级中心提供的公钥。",
                "the county's public key is not set.",
            )
        return county_key

    progress("正在校验离线包…", 0, 0)
    package = packages.read(path, packages.DOWN, key_for)
    outcome = Imported(package.package_id)
    with db.reading() as session:
        if session.get(SyncPackage, package.package_id) is not None:
            outcome.already = True
            return outcome
    state = rounds.load_state(db)
    if state.epoch and state.epoch != package.epoch:
        raise _refuse(
            "它来自县级中心已作废的数据（县级中心曾从备份恢复，或这是旧的离线包）：请向县级中心索取新的离线包。",
            "it belongs to an old epoch of the hub's data.",
        )
    if package.manifest["from_seq"] > state.cursor:
        raise _refuse(
            "缺少更早的离线包，请向县级中心索取。", "an earlier package is missing (a gap in the sequence)."
        )
    pages = _checked_pages(package)
    replies = _checked_replies(db, package)

    # Everything checked: from here on each step commits on its own and a second run redoes nothing.
    for number, (batch, reply) in enumerate(replies, 1):
        progress("正在核对县级答复…", number, len(replies))
        settled = outbox.settle(db, batch, reply)
        outcome.acknowledged += settled.acknowledged
        outcome.conflicts += settled.conflicts
        outcome.rejected += settled.rejected
    result = rounds.RoundResult()
    cursor = state.cursor
    for number, (changes, last_seq) in enumerate(pages, 1):
        progress("正在接收县级数据…", number, len(pages))
        if last_seq <= cursor:
            continue  # applied already: an older version must not come back over a newer one
        rounds.apply_page(db, changes, last_seq, state.auto_apply_matters, result)
        cursor = last_seq
    outcome.pulled, outcome.event_ids, outcome.publications = (
        result.pulled,
        result.event_ids,
        result.publications,
    )
    outcome.conflicts += result.conflicts
    with unit_of_work(db, None) as uow:
        session = uow.session
        if session.get(SyncPackage, package.package_id) is not None:
            return outcome  # another import of the same package finished first
        session.add(
            SyncPackage(package_id=package.package_id, direction=IMPORTED, at=uow.now, file_name=path.name[:260],
                        changes=outcome.pulled)
        )  # fmt: skip
        session.add(
            SyncRound(
                id=new_id(), started_at=uow.now, finished_at=uow.now, trigger=TRIGGER_PACKAGE, result="成功",
                pushed=outcome.acknowledged, pulled=outcome.pulled,
                conflicts=outcome.conflicts + outcome.rejected, message=outcome.one_line()[:2000],
            )
        )  # fmt: skip
        current = rounds._state_in(session)
        if not current.epoch:
            current.epoch = package.epoch
        uow.audit(
            "导入", "离线包", package.package_id, outcome.one_line()[:200],
            {"文件": path.name, "确认": outcome.acknowledged, "接收": outcome.pulled},
        )  # fmt: skip
    return outcome
