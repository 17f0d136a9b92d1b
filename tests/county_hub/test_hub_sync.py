"""The hub over HTTP: tokens, sizes, batches that are idempotent, conflicts, what each town pulls.

A real hub (uvicorn on 127.0.0.1); the push and pull tests run on SQLite and on PostgreSQL."""

from __future__ import annotations

import gzip
import json
import logging
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from hub_helpers import TOWN_A, TOWN_B, Hub, TownLink, change, link, statuses
from sqlalchemy import func, select

from county import admin
from county.db import reading
from county.models import ChangeLog, HubConflict
from desktop.sync import protocol

EVENT = "0192f7a0-0000-7000-8000-00000000e001"
OTHER_EVENT = "0192f7a0-0000-7000-8000-00000000e002"
ACTION = "0192f7a0-0000-7000-8000-00000000a001"
COMMUNITY = "0192f7a0-0000-7000-8000-00000000c001"


def hello(link: TownLink) -> dict[str, object]:
    response = link.http.get("/sync/v1/hello")
    assert response.status_code == 200, response.text
    return dict(response.json())


def log_rows(hub: Hub) -> int:
    with reading(hub.engine) as session:
        return int(session.scalar(select(func.count()).select_from(ChangeLog)) or 0)


# --- tokens, ownership, sizes (SQLite is enough: no SQL differs) -----------------------------------


@pytest.fixture
def a_on_sqlite(sqlite_hub: Hub) -> Iterator[TownLink]:
    yield from link(sqlite_hub, TOWN_A, "清溪镇")


def test_every_endpoint_refuses_a_missing_wrong_or_revoked_token(
    sqlite_hub: Hub, a_on_sqlite: TownLink
) -> None:
    requests = [("GET", "/sync/v1/hello"), ("POST", "/sync/v1/push"), ("GET", "/sync/v1/pull?since=0"),
                ("GET", "/sync/v1/snapshot/holidays")]  # fmt: skip
    with httpx.Client(base_url=sqlite_hub.url) as anonymous:
        for method, path in requests:
            assert anonymous.request(method, path).status_code == 401, path
            wrong = {"Authorization": "Bearer " + "x" * 43}
            assert anonymous.request(method, path, headers=wrong).status_code == 401, path
        new_token = admin.rotate_token(sqlite_hub.engine, TOWN_A)
        assert a_on_sqlite.http.get("/sync/v1/hello").status_code == 401, "the old token stops at once"
        fresh = {"Authorization": f"Bearer {new_token}"}
        assert anonymous.get("/sync/v1/hello", headers=fresh).json()["town_name"] == "清溪镇"
        admin.revoke_town(sqlite_hub.engine, TOWN_A)
        for method, path in requests:
            assert anonymous.request(method, path, headers=fresh).status_code == 401, path
    assert "/sync/v1/push" in httpx.get(f"{sqlite_hub.url}/openapi.json").json()["paths"]


@pytest.fixture
def b_on_sqlite(sqlite_hub: Hub) -> Iterator[TownLink]:
    yield from link(sqlite_hub, TOWN_B, "白沙镇")


def test_a_town_cannot_push_for_another_or_touch_its_records(
    sqlite_hub: Hub, a_on_sqlite: TownLink, b_on_sqlite: TownLink
) -> None:
    b = b_on_sqlite
    assert statuses(b.push([change("event", EVENT, number="B-1", state="受理")])) == ["applied"]
    before = log_rows(sqlite_hub)
    body: dict[str, object] = {
        "town": TOWN_B,
        "batch_id": "x1",
        "epoch": "",
        "audit_head": None,
        "changes": [],
    }
    assert a_on_sqlite.http.post("/sync/v1/push", json=body).status_code == 403
    mixed = [
        change("event", OTHER_EVENT, number="A-1"),
        change("event", EVENT, ver=2, base_ver=1, number="B-1"),
    ]
    response = a_on_sqlite.push(mixed)
    assert response.status_code == 403
    assert log_rows(sqlite_hub) == before, "nothing of the refused batch was kept"
    assert admin.stats(sqlite_hub.engine)[TOWN_A]["events"] == 0


def test_bodies_over_the_limits_get_413(sqlite_hub: Hub, a_on_sqlite: TownLink) -> None:
    http = a_on_sqlite.http
    # Declared too large: refused on the header.
    too_big = b" " * (protocol.MAX_BODY_BYTES + 1)
    assert http.post("/sync/v1/push", content=too_big).status_code == 413
    # No length declared (chunked): counted while reading.
    chunks = (b" " * (1024 * 1024) for _ in range(protocol.MAX_BODY_BYTES // (1024 * 1024) + 1))
    assert http.post("/sync/v1/push", content=chunks).status_code == 413
    # A small gzip body that inflates past the cap (a zip bomb).
    bomb = gzip.compress(b" " * (protocol.MAX_INFLATED_BYTES + 1), compresslevel=9)
    assert len(bomb) < protocol.MAX_BODY_BYTES
    response = http.post("/sync/v1/push", content=bomb, headers={"Content-Encoding": "gzip"})
    assert response.status_code == 413
    assert (
        http.post(
            "/sync/v1/push", content=b"\x1f\x8b broken", headers={"Content-Encoding": "gzip"}
        ).status_code
        == 400
    )
    assert log_rows(sqlite_hub) == 0


def test_log_lines_name_the_town_and_batch_never_the_token(
    a_on_sqlite: TownLink, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="county"):
        a_on_sqlite.push([change("event", EVENT, number="A-1")], batch_id="batch-for-the-log")
        a_on_sqlite.http.get("/sync/v1/hello", headers={"Authorization": "Bearer not-a-real-token"})
    assert f"town={TOWN_A} batch=batch-for-the-log" in caplog.text
    assert a_on_sqlite.token not in caplog.text and "not-a-real-token" not in caplog.text


# --- push (SQLite and PostgreSQL) ----------------------------------------------------------------


def test_a_resent_batch_gets_the_stored_reply_and_changes_nothing(any_hub: Hub, town_a: TownLink) -> None:
    batch = [change("community", COMMUNITY, code="330127104201", name="溪口村"),
             change("event", EVENT, number="A-1", state="受理")]  # fmt: skip
    first = town_a.push(batch, batch_id="batch-1", audit_head={"seq": 7, "hash": "ab" * 32})
    assert statuses(first) == ["applied", "applied"]
    assert [r["seq"] for r in first.json()["results"]] == [1, 2]
    # The link dropped after the hub committed: the town sends the same batch id again (even rebuilt).
    again = town_a.push([*batch, change("event", OTHER_EVENT, number="A-2")], batch_id="batch-1")
    assert again.json() == first.json()
    assert hello(town_a)["last_seq"] == 2 and log_rows(any_hub) == 2
    assert admin.stats(any_hub.engine)[TOWN_A]["events"] == 1


def test_an_edit_from_an_old_version_is_a_conflict_that_keeps_the_hubs(
    any_hub: Hub, town_a: TownLink
) -> None:
    assert statuses(town_a.push([change("event", EVENT, number="A-1", title="路灯不亮")])) == ["applied"]
    second = town_a.push(
        [change("event", EVENT, ver=2, base_ver=1, number="A-1", title="路灯不亮（已派遣）")]
    )
    assert second.json()["results"][0] | {"seq": 0} == {
        "id": EVENT, "type": "event", "status": "applied", "ver": 2, "seq": 0
    }  # fmt: skip
    # Another PC edited version 1 as well.
    other = town_a.push([change("event", EVENT, ver=2, base_ver=1, number="A-1", title="路灯坏了")])
    result = other.json()["results"][0]
    assert (result["status"], result["ver"], result["fields"]["title"]) == (
        "conflict",
        2,
        "路灯不亮（已派遣）",
    )
    with reading(any_hub.engine) as session:
        conflicts = session.scalars(select(HubConflict)).all()
        assert [(c.record_id, c.base_ver, c.hub_ver, json.loads(c.incoming)["title"]) for c in conflicts] == [
            (EVENT, 1, 2, "路灯坏了")
        ]
    # The winning edit arriving again in a new batch is a duplicate, not a conflict.
    same = town_a.push([change("event", EVENT, ver=2, base_ver=1, number="A-1", title="路灯不亮（已派遣）")])
    assert statuses(same) == ["duplicate"]
    assert hello(town_a)["last_seq"] == 2


def test_insert_only_rows_never_conflict_and_bad_changes_are_rejected_alone(
    any_hub: Hub, town_a: TownLink
) -> None:
    action = change("event_action", ACTION, event_id=EVENT, kind="派遣", note="交城管")
    assert statuses(town_a.push([action])) == ["applied"]
    altered = change("event_action", ACTION, ver=3, base_ver=0, event_id=EVENT, kind="办结")
    mixed = [altered, change("assignment", str(uuid.uuid4()), title="x"), change("event", "", number="A-9"),
             change("event", OTHER_EVENT, ver=1, base_ver=1, number="A-2"),
             change("event", EVENT, number="A-1")]  # fmt: skip
    results = town_a.push(mixed).json()["results"]
    assert [r["status"] for r in results] == ["duplicate", "rejected", "rejected", "rejected", "applied"]
    assert results[1]["reason"].startswith("不接受的记录类型")
    pulled = admin.record_fields(any_hub.engine, "event_action", ACTION)
    assert pulled is not None and pulled["kind"] == "派遣", "the first arrival stands"
    # A second event numbered A-1 would duplicate what people call it.
    clash = town_a.push([change("event", OTHER_EVENT, number="A-1")]).json()["results"][0]
    assert clash["status"] == "rejected" and "A-1" in clash["reason"]


def test_each_field_is_checked_against_its_type_and_a_bad_change_writes_nothing(
    any_hub: Hub, town_a: TownLink
) -> None:
    good = change("event", EVENT, number="A-1", title="路灯不亮", people_involved=2, supervised=False,
                  occurred_at="2026-11-28T08:00:00.000000Z", deadline="2026-12-31", grid_id=None)  # fmt: skip
    bad = [
        ({**good["fields"], "password": "x"}, "不接受的字段：password"),
        ({**good["fields"], "title": 5}, "字段“title”应为文本"),
        ({**good["fields"], "people_involved": "2"}, "字段“people_involved”应为整数"),
        ({**good["fields"], "people_involved": True}, "字段“people_involved”应为整数"),
        ({**good["fields"], "supervised": 0}, "字段“supervised”应为是或否"),
        ({**good["fields"], "deadline": "2026-02-30"}, "字段“deadline”应为日期"),
        ({**good["fields"], "occurred_at": "2026-11-28 08:00"}, "字段“occurred_at”应为时间"),
        ({**good["fields"], "title": None}, "字段“title”不能为空"),
        ({**good["fields"], "number": "A\x00-1"}, "字段“number”含有无法识别的字符"),  # PostgreSQL has no NUL
    ]
    reply = town_a.push([{**good, "fields": fields} for fields, _reason in bad]).json()["results"]
    assert [(r["status"], r["reason"]) for r in reply] == [("rejected", reason) for _f, reason in bad]
    assert log_rows(any_hub) == 0 and hello(town_a)["last_seq"] == 0
    assert admin.record_fields(any_hub.engine, "event", EVENT) is None
    # The same change with fields of their kinds (a listed field may be missing) is applied.
    assert statuses(town_a.push([good])) == ["applied"]
    assert admin.record_fields(any_hub.engine, "event", EVENT) == good["fields"]
    # A bad edit of a stored record leaves the stored version as it was.
    edit = {**good, "ver": 2, "base_ver": 1, "fields": {**good["fields"], "title": ["路灯"]}}
    assert statuses(town_a.push([edit])) == ["rejected"]
    assert admin.record_fields(any_hub.engine, "event", EVENT) == good["fields"]
    assert log_rows(any_hub) == 1


def test_a_change_with_every_field_gets_the_same_verdict_as_field_by_field() -> None:
    """A town sends every listed field: the hub checks such a change kind by kind at once, and must
    refuse what the field-by-field check refuses, with its reason (a value the quick check let through
    would be stored: NUL or a lone surrogate breaks PostgreSQL and the pages that show it)."""
    sample: dict[str, Any] = {
        "text": "路灯不亮",
        "int": 2,
        "bool": False,
        "date": "2026-12-31",
        "time": "2026-11-28T08:00:00.000000Z",
    }
    for record_type, kinds in protocol.UP_FIELDS.items():
        full: dict[str, Any] = {name: sample[kind.rstrip("?")] for name, kind in kinds.items()}
        nulls: dict[str, Any] = {name: None for name, kind in kinds.items() if kind.endswith("?")}
        for fields in (full, {**full, **nulls}):
            assert protocol.change_problem(change(record_type, EVENT, **fields), protocol.UP_TYPES) is None
    full = {name: sample[kind.rstrip("?")] for name, kind in protocol.UP_FIELDS["event"].items()}
    bad: list[tuple[dict[str, Any], str]] = [
        ({"password": "x"}, "不接受的字段：password"),
        ({"title": 5}, "字段“title”应为文本"),
        ({"people_involved": "2"}, "字段“people_involved”应为整数"),
        ({"people_involved": True}, "字段“people_involved”应为整数"),
        ({"people_involved": 2**63}, "字段“people_involved”应为整数"),
        ({"people_involved": 2.0}, "字段“people_involved”应为整数"),
        ({"supervised": 0}, "字段“supervised”应为是或否"),
        ({"deadline": "2026-02-30"}, "字段“deadline”应为日期"),
        ({"deadline": 20261231}, "字段“deadline”应为日期"),
        ({"occurred_at": "2026-11-28 08:00"}, "字段“occurred_at”应为时间"),
        ({"closed_at": "2026-11-28T08:00:00Z"}, "字段“closed_at”应为时间"),
        ({"title": None}, "字段“title”不能为空"),
        ({"number": "A\x00-1"}, "字段“number”含有无法识别的字符"),
        ({"description": "半个\ud83d字"}, "字段“description”含有无法识别的字符"),
        ({"description": "长" * (protocol.MAX_FIELD_CHARS + 1)}, "字段“description”过长"),
        ({"grid_id": ["g"]}, "字段“grid_id”应为文本"),
    ]
    for edit, reason in bad:
        assert (
            protocol.change_problem(change("event", EVENT, **{**full, **edit}), protocol.UP_TYPES) == reason
        )


def test_the_shared_field_kinds_match_the_towns_columns() -> None:
    """protocol.UP_FIELDS (what the hub accepts) against the town's models (what records.py sends)."""
    from sqlalchemy import Boolean, Date, Integer, String, Text

    from desktop.models.base import UTCDateTime
    from desktop.sync import records

    kinds = {String: "text", Text: "text", Integer: "int", Boolean: "bool", Date: "date", UTCDateTime: "time"}
    for kind in records.UP:
        for name in kind.fields:
            column = kind.table.c[name]
            expected = next(k for t, k in kinds.items() if isinstance(column.type, t))
            expected += "?" if column.nullable else ""
            assert protocol.UP_FIELDS[kind.name][name] == expected, f"{kind.name}.{name}"


# --- pull and snapshot (SQLite and PostgreSQL) ---------------------------------------------------


def test_a_town_pulls_county_lists_and_its_own_assignments_in_order(
    any_hub: Hub, town_a: TownLink, town_b: TownLink
) -> None:
    for town, code in ((town_a, "330127104201"), (town_b, "330127105201")):
        assert statuses(town.push([change("community", str(uuid.uuid4()), code=code, name="村")])) == [
            "applied"
        ]
    admin.publish_holidays(any_hub.engine, 2025)
    for_a = admin.assign(any_hub.engine, TOWN_A, title="河道垃圾", community="330127104201", matter="X1",
                         deadline="2099-01-31")  # fmt: skip
    admin.assign(any_hub.engine, TOWN_B, title="占道经营", community="330127105201", matter="X1",
                 deadline="2099-01-31")  # fmt: skip
    admin.publish_holidays(any_hub.engine, 2026)
    page = town_a.pull(since=0).json()
    got = [(c["type"], c["id"]) for c in page["changes"]]
    assert got == [("holidays", "holidays-2025"), ("assignment", for_a), ("holidays", "holidays-2026")]
    seqs = [c["seq"] for c in page["changes"]]
    assert seqs == sorted(seqs) and page["last_seq"] == hello(town_a)["last_seq"] and not page["more"]
    # Paging: one at a time, each page continuing where the last ended.
    first = town_a.pull(since=0, limit=1).json()
    assert first["more"] and first["last_seq"] == seqs[0]
    rest = town_a.pull(since=first["last_seq"], limit=500).json()
    assert [c["id"] for c in rest["changes"]] == [for_a, "holidays-2026"]
    assert town_a.pull(since=page["last_seq"]).json()["changes"] == []


def test_a_restored_hub_or_an_old_cursor_answers_410(any_hub: Hub, town_a: TownLink) -> None:
    admin.publish_holidays(any_hub.engine, 2025)
    epoch = str(hello(town_a)["epoch"])
    assert town_a.pull(since=0, epoch=epoch).status_code == 200
    new_epoch, floor = admin.mark_restored(any_hub.engine)
    gone = town_a.pull(since=1, epoch=epoch)
    assert gone.status_code == 410 and gone.json() == {"detail": gone.json()["detail"], "epoch": new_epoch,
                                                       "seq_floor": floor}  # fmt: skip
    assert town_a.pull(since=0, epoch=new_epoch).status_code == 410, "below the floor"
    assert town_a.pull(since=floor, epoch=new_epoch).status_code == 200
    # The town takes a snapshot and pulls on from its sequence number: no second 410.
    snapshot = town_a.http.get("/sync/v1/snapshot/holidays").json()
    assert snapshot["seq"] >= floor and town_a.pull(since=snapshot["seq"], epoch=new_epoch).status_code == 200
    admin.publish_holidays(any_hub.engine, 2026)
    after = town_a.pull(since=snapshot["seq"], epoch=new_epoch).json()["changes"]
    assert [c["id"] for c in after] == ["holidays-2026"], "what comes after the snapshot is not skipped"
    assert town_a.pull(since=floor, epoch="").status_code == 200, "a new town has no epoch yet"


def test_a_snapshot_holds_the_latest_matter_list_and_every_year(
    any_hub: Hub, town_a: TownLink, matter_xlsx: Callable[[str], Path]
) -> None:
    admin.publish_matters(any_hub.engine, matter_xlsx("2026.1"))
    admin.publish_matters(any_hub.engine, matter_xlsx("2026.2"))
    admin.publish_holidays(any_hub.engine, 2025)
    admin.publish_holidays(any_hub.engine, 2026)
    response = town_a.http.get("/sync/v1/snapshot/matter_list")
    assert response.headers.get("content-encoding") == "gzip", "a list travels compressed"
    lists = response.json()
    assert [r["fields"]["version"] for r in lists["records"]] == ["2026.2"]
    assert lists["seq"] == hello(town_a)["last_seq"]
    assert len(lists["records"][0]["fields"]["items"]) == 20
    years = town_a.http.get("/sync/v1/snapshot/holidays").json()
    assert [r["fields"]["year"] for r in years["records"]] == [2025, 2026]
    assert town_a.http.get("/sync/v1/snapshot/event").status_code == 404


def test_concurrent_pushes_get_gapless_sequence_numbers(
    any_hub: Hub, town_a: TownLink, town_b: TownLink
) -> None:
    def send(town: TownLink, prefix: str) -> list[int]:
        seqs: list[int] = []
        for batch in range(3):
            changes = [
                change("event", f"{prefix}-{batch}-{i}", number=f"{prefix}{batch}-{i}") for i in range(40)
            ]
            # The same record twice in one batch: the second builds on the first.
            changes.append(
                change("event", f"{prefix}-{batch}-0", ver=2, base_ver=1, number=f"{prefix}{batch}-0")
            )
            seqs += [r["seq"] for r in town.push(changes).json()["results"]]
        return seqs

    with ThreadPoolExecutor(2) as pool:
        both = [pool.submit(send, town_a, "a"), pool.submit(send, town_b, "b")]
        got = [seq for future in both for seq in future.result()]
    assert sorted(got) == list(range(1, 2 * 3 * 41 + 1)), "every applied change has its own number, no gaps"
    with reading(any_hub.engine) as session:
        assert list(session.scalars(select(ChangeLog.seq).order_by(ChangeLog.seq))) == sorted(got)
    assert admin.stats(any_hub.engine)[TOWN_A]["events"] == 120


def test_odd_json_is_refused_with_400_and_nothing_kept(sqlite_hub: Hub, a_on_sqlite: TownLink) -> None:
    """What the hostile cold test found answered 500 with a traceback (or was stored)."""
    http = a_on_sqlite.http
    head = {"town": TOWN_A, "batch_id": "odd", "epoch": "", "audit_head": None}

    def post(raw: bytes) -> int:
        return http.post(
            "/sync/v1/push", content=gzip.compress(raw), headers={"Content-Encoding": "gzip"}
        ).status_code

    assert post(b"[" * 100_000 + b"]" * 100_000) == 400  # nested past the parser's recursion
    assert post(b'{"a": ' + b"9" * 5000 + b"}") == 400  # an integer of 5,000 digits
    assert post(json.dumps({**head, "changes": [change("event", EVENT, title=float("nan"))]}).encode()) == 400
    assert (
        post(json.dumps({**head, "audit_head": {"seq": 10**30, "hash": "zz"}, "changes": []}).encode()) == 422
    )
    # A lone surrogate escaped: not Unicode text (RFC 8259 8.2). No town sends one: its database
    # cannot hold it.
    assert post(json.dumps({**head, "changes": [change("event", EVENT, title="\ud800")]}).encode()) == 400
    odd_id = {**change("event", EVENT, title="x"), "id": "../../etc/passwd"}
    assert statuses(a_on_sqlite.push([odd_id])) == ["rejected"]
    assert a_on_sqlite.pull(since=10**30).status_code == 422
    assert log_rows(sqlite_hub) == 0
