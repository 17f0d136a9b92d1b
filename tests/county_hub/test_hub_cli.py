"""`towncentre-county`: every command, as an administrator runs it (SQLite; the SQL is the same on PostgreSQL)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from hub_helpers import TOWN_A, TOWN_B, change, free_port

from county import admin, cli, service
from county.db import open_hub
from desktop.sync import protocol

EVENT = "0192f7a0-0000-7000-8000-00000000e001"
LATER = (date.today() + timedelta(days=30)).isoformat()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "hub.db")


def push(db: str, town: str, *changes: dict[str, Any]) -> list[str]:
    engine = open_hub(db)
    try:
        body = {"town": town, "batch_id": str(time.monotonic_ns()), "epoch": "", "audit_head": None,
                "changes": list(changes)}  # fmt: skip
        return [r["status"] for r in service.push(engine, town, body)["results"]]
    finally:
        engine.dispose()


def pulled(db: str, town: str) -> list[protocol.PulledChange]:
    engine = open_hub(db)
    try:
        reply = service.pull(engine, town, 0, protocol.MAX_PULL, "")
        assert not isinstance(reply, service.Gone)
        return reply["changes"]
    finally:
        engine.dispose()


def test_towns_and_their_tokens(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, _err = run(capsys, "add-town", TOWN_A, "清溪镇", "--db", db)
    token = out.strip()
    assert code == 0 and out == token + "\n" and len(token) == 43, "the token alone, short for the keyring"
    code, _out, err = run(capsys, "add-town", TOWN_A, "清溪镇", "--db", db)
    assert code == 1 and "已经登记" in err
    assert run(capsys, "add-town", "3301", "某镇", "--db", db)[0] == 1
    code, out, _err = run(capsys, "rotate-token", TOWN_A, "--db", db)
    assert code == 0 and out.strip() != token
    engine = open_hub(db)
    try:
        from county.app import find_caller

        assert find_caller(engine, token) is None and find_caller(engine, out.strip()) is not None
        assert run(capsys, "revoke-town", TOWN_A, "--db", db)[0] == 0
        assert find_caller(engine, out.strip()) is None
    finally:
        engine.dispose()
    assert run(capsys, "revoke-town", TOWN_B, "--db", db)[0] == 1


def test_stats_count_each_towns_records_by_kind(capsys: pytest.CaptureFixture[str], db: str) -> None:
    run(capsys, "add-town", TOWN_A, "清溪镇", "--db", db)
    run(capsys, "add-town", TOWN_B, "白沙镇", "--db", db)
    push(db, TOWN_A, change("event", EVENT, number="A-1"), change("event_action", "a1", event_id=EVENT),
         change("grid", "g1", code="G01"), change("grid", "g2", op="delete", code="G02"))  # fmt: skip
    code, out, _err = run(capsys, "stats", "--db", db, "--json")
    figures = json.loads(out)
    assert code == 0 and figures[TOWN_A] == {
        "communities": 0, "grids": 1, "events": 1, "event_actions": 1, "mediation_cases": 0
    }  # fmt: skip
    assert figures[TOWN_B]["events"] == 0


def test_publishing_the_matter_list_and_holidays(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path, matter_xlsx: Callable[[str], Path]
) -> None:
    run(capsys, "add-town", TOWN_A, "清溪镇", "--db", db)
    code, _out, err = run(capsys, "publish-matters", str(matter_xlsx("2026.5")), "--db", db)
    assert code == 0 and "2026.5" in err
    assert run(capsys, "publish-matters", str(matter_xlsx("2026.5")), "--db", db)[0] == 1, "a version once"
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    assert run(capsys, "publish-matters", str(broken), "--db", db)[0] == 1
    assert run(capsys, "publish-holidays", "2026", "--db", db)[0] == 0
    code, _out, err = run(capsys, "publish-holidays", "2026", "--db", db)
    assert code == 0 and "未改动" in err
    table = tmp_path / "2027.csv"
    table.write_text("日期,类型,名称\n2027-01-01,休,元旦\n2027-02-06,班,春节调休上班\n", encoding="utf-8")
    assert run(capsys, "publish-holidays", "2027", "--from-file", str(table), "--db", db)[0] == 0
    wrong_year = tmp_path / "wrong.csv"
    wrong_year.write_text("日期,类型,名称\n2028-01-01,休,元旦\n", encoding="utf-8")
    code, _out, err = run(capsys, "publish-holidays", "2027", "--from-file", str(wrong_year), "--db", db)
    assert code == 1 and "不在 2027 年" in err
    changes = pulled(db, TOWN_A)
    assert [c["type"] for c in changes] == ["matter_list", "holidays", "holidays"]
    matter = changes[0]["fields"]
    assert matter["version"] == "2026.5" and len(matter["items"]) == 20 and matter["departments"]
    item = matter["items"][0]
    assert isinstance(item["co_department_codes"], list) and isinstance(item["time_limit_days"], int)
    assert protocol.change_problem({**changes[0], "base_ver": 0}, protocol.DOWN_TYPES) is None
    days_2026 = changes[1]["fields"]
    assert {"day": "2026-10-01", "kind": "休", "name": "国庆节"} in days_2026["days"]
    assert changes[2]["fields"]["days"][1] == {"day": "2027-02-06", "kind": "班", "name": "春节调休上班"}


def test_assigning_an_event_down_to_a_town(
    capsys: pytest.CaptureFixture[str], db: str, matter_xlsx: Callable[[str], Path]
) -> None:
    run(capsys, "add-town", TOWN_A, "清溪镇", "--db", db)
    run(capsys, "publish-matters", str(matter_xlsx("2026.5")), "--db", db)
    engine = open_hub(db)
    try:
        listing = service.snapshot(engine, "matter_list")["records"][0]["fields"]
    finally:
        engine.dispose()
    matter, department = listing["items"][0]["code"], listing["departments"][0]["code"]
    args = ["assign", TOWN_A, "--title", "河道漂浮垃圾", "--community", "330127104201", "--matter", matter,
            "--deadline", LATER, "--department", department, "--db", db]  # fmt: skip
    code, _out, err = run(capsys, *args)
    assert code == 1 and "没有上报过村（社区）330127104201" in err, "only a community the town has sent up"
    push(db, TOWN_A, change("community", "c1", code="330127104201", name="溪口村"))
    assert run(capsys, *[a if a != matter else "NO-SUCH" for a in args])[0] == 1
    assert run(capsys, *[a if a != LATER else "2020-01-01" for a in args])[0] == 1
    code, out, _err = run(capsys, *args)
    assert code == 0
    (assignment,) = pulled(db, TOWN_A)[1:]
    assert assignment["id"] == out.strip() and assignment["type"] == "assignment"
    assert assignment["fields"] | {"assigned_at": ""} == {
        "title": "河道漂浮垃圾", "description": "", "address": "", "community_code": "330127104201",
        "matter_code": matter, "urgency": "一般", "deadline": LATER, "department_code": department, "note": "",
        "assigned_by": admin.COUNTY_SENDER, "assigned_at": "",
    }  # fmt: skip


def test_answering_an_escalated_event(capsys: pytest.CaptureFixture[str], db: str) -> None:
    run(capsys, "add-town", TOWN_A, "清溪镇", "--db", db)
    push(db, TOWN_A, change("event", EVENT, number="QX-2026-0001", state="处置中"))
    assign = ["answer", "QX-2026-0001", "--assign", "CG01", "--deadline", LATER, "--note", "请城管局处理"]
    code, _out, err = run(capsys, *assign, "--db", db)
    assert code == 1 and "不是“上报县级”" in err
    push(db, TOWN_A, change("event", EVENT, ver=2, base_ver=1, number="QX-2026-0001", state="上报县级"))
    assert run(capsys, "answer", "QX-0000", "--return", "--reason", "x", "--db", db)[0] == 1
    assert run(capsys, "answer", "QX-2026-0001", "--return", "--db", db)[0] == 1, "a return needs its reason"
    code, out, _err = run(capsys, *assign, "--db", db)
    assert code == 0
    code, _out, err = run(capsys, *assign, "--db", db)
    assert code == 1 and "已经答复过" in err, "one answer until the town moves the event on"
    (answer,) = [c for c in pulled(db, TOWN_A) if c["type"] == "escalation_answer"]
    assert answer["id"] == out.strip()
    assert {k: answer["fields"][k] for k in ("event_id", "kind", "department_code", "deadline", "note")} == {
        "event_id": EVENT, "kind": protocol.ANSWER_ASSIGN, "department_code": "CG01", "deadline": LATER,
        "note": "请城管局处理",
    }  # fmt: skip
    # The town handled it, escalated again; this time the county sends it back.
    push(db, TOWN_A, change("event", EVENT, ver=3, base_ver=2, number="QX-2026-0001", state="处置中"))
    push(db, TOWN_A, change("event", EVENT, ver=4, base_ver=3, number="QX-2026-0001", state="上报县级"))
    code, _out, _err = run(capsys, "answer", "QX-2026-0001", "--return", "--reason", "属镇级职责", "--db", db)
    assert code == 0
    kinds = [
        (c["fields"]["kind"], c["fields"]["note"])
        for c in pulled(db, TOWN_A)
        if c["type"] == "escalation_answer"
    ]
    assert kinds == [(protocol.ANSWER_ASSIGN, "请城管局处理"), (protocol.ANSWER_RETURN, "属镇级职责")]


def test_mark_restored_starts_a_new_epoch(capsys: pytest.CaptureFixture[str], db: str) -> None:
    run(capsys, "add-town", TOWN_A, "清溪镇", "--db", db)
    run(capsys, "publish-holidays", "2026", "--db", db)
    engine = open_hub(db)
    try:
        before = admin.hub_meta(engine)
        assert run(capsys, "mark-restored", "--db", db)[0] == 0
        after = admin.hub_meta(engine)
        assert after.epoch != before.epoch and after.seq_floor == before.last_seq + 1
        assert isinstance(service.pull(engine, TOWN_A, 0, 10, before.epoch), service.Gone)
    finally:
        engine.dispose()


def test_serve_answers_on_its_port(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    token = run(capsys, "add-town", TOWN_A, "清溪镇", "--db", db)[1].strip()
    assert run(capsys, "serve", "--db", db, "--ssl-keyfile", str(tmp_path / "k.pem"))[0] == 1
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "from county.cli import main; raise SystemExit(main())", "serve", "--db", db,
         "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                reply = httpx.get(
                    f"http://127.0.0.1:{port}/sync/v1/hello", headers={"Authorization": f"Bearer {token}"}
                )
                break
            except httpx.ConnectError:
                assert server.poll() is None and time.monotonic() < deadline, "the hub did not start"
                time.sleep(0.1)
        assert reply.status_code == 200 and reply.json()["town"] == TOWN_A
    finally:
        server.terminate()
        _, err = server.communicate(timeout=15)
    assert token not in err.decode()


def test_the_migrations_make_the_models_tables(db: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from county.models import Base

    engine = open_hub(db)
    try:
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        engine.dispose()
