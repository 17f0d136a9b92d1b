"""The grid roster (issue 13, 网格与人员): grids split and merged with their history, posts by the
一长三员 roles and centre staff, masking by role, the person registry's merge, and the xlsx round trip."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from db_helpers import Towncentre, dump_tables, resident_id
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from desktop.db import Database
from desktop.demo.town import DEMO_PASSWORD
from desktop.errors import PermissionDenied, ValidationError
from desktop.models import AuditEntry, Event, GridWorker, Person
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.matters.listfile import FileRejected
from desktop.services.people import persons
from desktop.services.workforce import grids, roster, workers_xlsx
from desktop.services.workforce.grids import GridInput
from desktop.services.workforce.roster import WorkerInput

ActorOf = Callable[[Database, str], Actor]
ID_A = resident_id("33012719850312001")  # odd sequence: a man
ID_B = resident_id("33012719900101002")  # even: a woman


def first_grid(db: Database) -> grids.GridNode:
    return grids.grid_tree(db, SYSTEM_ACTOR)[0].grids[0]


def test_the_resident_id_is_checked_and_the_sex_must_agree(demo_db: Database) -> None:
    grid = first_grid(demo_db)
    wrong_check = ID_A[:-1] + ("0" if ID_A[-1] != "0" else "1")
    with pytest.raises(ValidationError) as caught:
        roster.add_worker_post(
            demo_db, SYSTEM_ACTOR, WorkerInput("钱多多", wrong_check, "专职网格员", date(2026, 1, 5), grid.id)
        )
    assert caught.value.field == "resident_id"
    with pytest.raises(ValidationError, match="性别与身份证号不符"):
        roster.add_worker_post(
            demo_db,
            SYSTEM_ACTOR,
            WorkerInput("钱多多", ID_A, "专职网格员", date(2026, 1, 5), grid.id, sex="女"),
        )


def test_ids_and_phones_are_masked_except_for_roles_that_may_see_them(
    demo_db: Database, actor_of: ActorOf
) -> None:
    grid = first_grid(demo_db)
    roster.add_worker_post(
        demo_db,
        actor_of(demo_db, "wangge"),
        WorkerInput("钱多多", ID_A, "专职网格员", date(2026, 1, 5), grid.id, phone="13905719999"),
    )
    for username, full_phone in (("zhuren", True), ("wangge", False), ("chakan", False)):
        row = next(
            r
            for r in roster.grid_workers(demo_db, actor_of(demo_db, username), grid.id)
            if r.name == "钱多多"
        )
        assert row.resident_id_masked == "330127************"
        assert (row.phone == "13905719999") is full_phone
    # The full number: only for a role allowed it, and each look is audited.
    with pytest.raises(PermissionDenied):
        persons.reveal_resident_id(demo_db, actor_of(demo_db, "wangge"), row.person_id)
    assert persons.reveal_resident_id(demo_db, actor_of(demo_db, "zhuren"), row.person_id) == ID_A
    with demo_db.reading() as session:
        assert session.scalar(
            select(AuditEntry).where(AuditEntry.action == "查看身份证号").order_by(AuditEntry.seq.desc())
        )
    # A read-only role may look but not change the roster.
    with pytest.raises(PermissionDenied):
        roster.end_post(demo_db, actor_of(demo_db, "chakan"), row.post_id, date(2026, 2, 1))


def test_posts_keep_their_history_and_tell_who_covered_a_grid_on_a_day(demo_db: Database) -> None:
    grid = first_grid(demo_db)
    post = roster.add_worker_post(
        demo_db, SYSTEM_ACTOR, WorkerInput("钱多多", ID_A, "专职网格员", date(2025, 3, 1), grid.id)
    )
    roster.end_post(demo_db, SYSTEM_ACTOR, post, date(2025, 12, 31))
    roster.add_worker_post(
        demo_db, SYSTEM_ACTOR, WorkerInput("孙小红", ID_B, "专职网格员", date(2026, 1, 1), grid.id)
    )

    def names_on(day: date) -> set[str]:
        return {r.name for r in roster.covering(demo_db, SYSTEM_ACTOR, grid.id, day)}

    assert "钱多多" in names_on(date(2025, 12, 31)) and "孙小红" not in names_on(date(2025, 12, 31))
    assert "孙小红" in names_on(date(2026, 1, 1)) and "钱多多" not in names_on(date(2026, 1, 1))
    assert "钱多多" not in {r.name for r in roster.grid_workers(demo_db, SYSTEM_ACTOR, grid.id)}
    assert "钱多多" in {
        r.name for r in roster.grid_workers(demo_db, SYSTEM_ACTOR, grid.id, with_history=True)
    }
    # Centre staff hold a post without a grid.
    roster.add_worker_post(
        demo_db, SYSTEM_ACTOR, WorkerInput("钱多多", ID_A, "中心工作人员", date(2026, 1, 1))
    )
    assert [r.name for r in roster.centre_staff(demo_db, SYSTEM_ACTOR)] == ["钱多多"]


def test_a_split_retires_the_grid_keeps_its_events_and_records_the_lineage(demo_db: Database) -> None:
    grid = first_grid(demo_db)
    with demo_db.reading() as session:
        events_before = session.scalar(select(Event.id).where(Event.grid_id == grid.id).limit(1))
    community = grids.grid_tree(demo_db, SYSTEM_ACTOR)[0]
    seq = grids.next_grid_seq(demo_db, community.id)
    new_ids = grids.split_grid(
        demo_db,
        SYSTEM_ACTOR,
        grid.id,
        date(2026, 3, 1),
        [
            (seq, GridInput("东片网格")),
            (seq + 1, GridInput("农贸市场网格", "专属网格", "市场", places="农贸市场")),
        ],
    )
    old = grids.grid_detail(demo_db, SYSTEM_ACTOR, grid.id)
    assert old.ended_on == date(2026, 3, 1) and old.end_reason == "拆分"
    assert {name for _code, name, _day in old.successors} == {"东片网格", "农贸市场网格"}
    market = grids.grid_detail(demo_db, SYSTEM_ACTOR, new_ids[1])
    assert market.subtype == "市场" and market.predecessors[0][1] == grid.name
    names = {g.name for c in grids.grid_tree(demo_db, SYSTEM_ACTOR) for g in c.grids}
    assert grid.name not in names and "农贸市场网格" in names
    assert not roster.grid_workers(demo_db, SYSTEM_ACTOR, grid.id)  # its posts ended that day
    if events_before:
        with demo_db.reading() as session:
            assert session.get(Event, events_before).grid_id == grid.id  # type: ignore[union-attr]
    merged = grids.merge_grids(
        demo_db, SYSTEM_ACTOR, new_ids, date(2026, 6, 1), seq + 2, GridInput("合并网格")
    )
    assert {n for _c, n, _d in grids.grid_detail(demo_db, SYSTEM_ACTOR, merged).predecessors} == {
        "东片网格",
        "农贸市场网格",
    }
    with pytest.raises(ValidationError, match="专属网格的类别"):
        grids.create_grid(demo_db, SYSTEM_ACTOR, community.id, seq + 3, GridInput("学校", "专属网格"))


def test_merging_two_persons_repoints_references_and_audits_the_reason(
    demo_db: Database, actor_of: ActorOf
) -> None:
    grid = first_grid(demo_db)
    roster.add_worker_post(
        demo_db, SYSTEM_ACTOR, WorkerInput("钱多多", ID_A, "专职网格员", date(2026, 1, 5), grid.id)
    )
    duplicate = persons.create_person(
        demo_db, SYSTEM_ACTOR, persons.PersonInput("钱多多", phone="13905718888")
    )
    with demo_db.reading() as session:
        keep = session.scalar(select(Person.id).where(Person.resident_id == ID_A))
        post = session.scalar(select(GridWorker).where(GridWorker.person_id == keep))
        assert keep and post
        post_id = post.id
    manager = actor_of(demo_db, "zhuren")
    with pytest.raises(ValidationError, match="合并理由"):
        persons.merge_persons(demo_db, manager, duplicate, keep, "  ")
    # Fold the registered worker into the record without an ID: the post follows, the ID moves over.
    result = persons.merge_persons(demo_db, manager, duplicate, keep, "同一人重复登记")
    assert result.references == {"grid_worker": 1}
    with demo_db.reading() as session:
        assert session.get(GridWorker, post_id).person_id == duplicate  # type: ignore[union-attr]
        kept = session.get(Person, duplicate)
        assert kept is not None and kept.resident_id == ID_A and kept.phone == "13905718888"
        assert session.get(Person, keep).deleted_at is not None  # type: ignore[union-attr]
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "合并人员"))
        assert entry is not None and "同一人重复登记" in entry.summary and entry.username == "zhuren"
    assert [r.name for r in persons.search(demo_db, manager, "钱多多")] == ["钱多多"]


def write_rows(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(workers_xlsx.HEADERS))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_every_bad_row_is_reported_and_nothing_is_imported(demo_db: Database, tmp_path: Path) -> None:
    grid = first_grid(demo_db)
    path = write_rows(
        tmp_path / "bad.xlsx",
        [
            ["钱多多", "男", ID_A, "13905719999", grid.name, "专职网格员", "2026-01-05"],  # good
            [
                "孙小红",
                "",
                ID_B[:-1] + "0" if ID_B[-1] != "0" else ID_B[:-1] + "1",
                "",
                grid.name,
                "网格长",
                "2026-01-05",
            ],
            ["李四", "", resident_id("33012719700101003"), "", "没有这个网格", "网格长", "2026-01-05"],
            ["王五", "", resident_id("33012719700101005"), "", grid.name, "队长", "2026-01-05"],
            ["赵六", "", resident_id("33012719700101007"), "", grid.name, "网格长", "明天"],
            ["周七", "", resident_id("33012719700101009"), "", "", "网格长", "2026-01-05"],
        ],
    )
    before = dump_tables(demo_db.path)
    with pytest.raises(FileRejected) as caught:
        workers_xlsx.import_workers(demo_db, SYSTEM_ACTOR, path)
    assert [e.row for e in caught.value.errors] == [3, 4, 5, 6, 7]
    texts = [e.text() for e in caught.value.errors]
    assert "身份证号" in texts[0] and "没有名为“没有这个网格”" in texts[1] and "岗位" in texts[2]
    assert "入职日期" in texts[3] and "所属网格" in texts[4]
    assert dump_tables(demo_db.path) == before  # byte for byte: not one row written


def test_export_reimports_unchanged_and_a_masked_export_is_refused(
    demo_db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    grid = first_grid(demo_db)
    new = write_rows(
        tmp_path / "new.xlsx",
        [
            ["钱多多", "男", ID_A, "13905719999", grid.name, "专职网格员", "2026-01-05"],
            ["孙小红", "女", ID_B, "", "", "中心工作人员", date(2025, 9, 1)],
        ],
    )
    manager = actor_of(demo_db, "zhuren")
    result = workers_xlsx.import_workers(demo_db, manager, new)
    assert (result.posts_added, result.people_added) == (2, 2)
    full = tmp_path / "full.xlsx"
    count = workers_xlsx.export_workers(demo_db, manager, full)
    sheet = load_workbook(full).active
    assert sheet is not None
    rows = [[c.value or "" for c in r] for r in sheet.iter_rows(min_row=2)]
    assert len(rows) == count and ["孙小红", "女", ID_B, "", "", "中心工作人员", "2025-09-01"] in rows
    before = dump_tables(demo_db.path)
    again = workers_xlsx.import_workers(demo_db, manager, full)
    assert (again.posts_added, again.unchanged) == (0, count)
    assert dump_tables(demo_db.path) == before

    masked = tmp_path / "masked.xlsx"
    workers_xlsx.export_workers(demo_db, actor_of(demo_db, "wangge"), masked)
    masked_rows = [[c.value for c in r] for r in load_workbook(masked).active.iter_rows(min_row=2)]  # type: ignore[union-attr]
    assert ID_A not in {r[2] for r in masked_rows} and "330127************" in {r[2] for r in masked_rows}
    with pytest.raises(FileRejected, match="隐去"):
        workers_xlsx.import_workers(demo_db, manager, masked)


def test_cli_exports_imports_and_writes_the_template(
    demo_db: Database, towncentre: Towncentre, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path = str(demo_db.path)
    demo_db.close()
    monkeypatch.setenv("TOWNCENTRE_PASSWORD", DEMO_PASSWORD)
    template = tmp_path / "template.xlsx"
    assert towncentre("export", "workers-template", "--out", str(template)).returncode == 0
    assert [c.value for c in next(load_workbook(template).active.iter_rows())] == list(workers_xlsx.HEADERS)  # type: ignore[union-attr]
    out = tmp_path / "workers.xlsx"
    run = towncentre("export", "workers", "--out", str(out), "--db", db_path, "--user", "zhuren")
    assert run.returncode == 0 and "78" in run.stdout
    run = towncentre("import", "workers", str(out), "--db", db_path, "--user", "zhuren")
    assert run.returncode == 0 and "78 行已在册" in run.stdout
    bad = write_rows(tmp_path / "bad.xlsx", [["钱多多", "", "123", "", "", "中心工作人员", "2026-01-01"]])
    run = towncentre("import", "workers", str(bad), "--db", db_path, "--user", "zhuren")
    assert run.returncode == 1 and "第 2 行" in run.stderr


def test_training_records_and_a_photo_stored_by_its_digest(demo_db: Database, tmp_path: Path) -> None:
    grid = first_grid(demo_db)
    roster.add_worker_post(
        demo_db,
        SYSTEM_ACTOR,
        WorkerInput("钱多多", ID_A, "专职网格员", date(2026, 1, 5), grid.id, employer="清溪镇综治中心"),
    )
    row = next(r for r in roster.grid_workers(demo_db, SYSTEM_ACTOR, grid.id) if r.name == "钱多多")
    assert row.employer == "清溪镇综治中心"
    roster.add_training(demo_db, SYSTEM_ACTOR, row.person_id, date(2026, 2, 1), "网格员岗前培训", 8)
    roster.add_training(demo_db, SYSTEM_ACTOR, row.person_id, date(2026, 3, 1), "矛盾纠纷排查", 2.5)
    assert [(t.title, t.hours) for t in roster.trainings(demo_db, SYSTEM_ACTOR, row.person_id)] == [
        ("矛盾纠纷排查", 2.5),
        ("网格员岗前培训", 8),
    ]
    with pytest.raises(ValidationError):
        roster.add_training(demo_db, SYSTEM_ACTOR, row.person_id, date(2026, 3, 1), "  ", 0)

    photo = tmp_path / "照片.JPG"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg, but bytes to hash")
    stored = roster.set_photo(demo_db, SYSTEM_ACTOR, row.person_id, photo)
    assert stored.startswith("workers/") and stored.endswith(".jpg")
    found = roster.photo_file(demo_db, SYSTEM_ACTOR, row.person_id)
    assert found is not None and found.read_bytes() == photo.read_bytes()
    assert found.parent.parent.name == "attachments"
    found.write_bytes(b"changed on disk")  # a file that no longer matches its digest is not shown
    assert roster.photo_file(demo_db, SYSTEM_ACTOR, row.person_id) is None
    with pytest.raises(ValidationError, match="JPG 或 PNG"):
        roster.set_photo(demo_db, SYSTEM_ACTOR, row.person_id, tmp_path / "a.gif")


def test_an_export_is_audited_saying_whether_it_holds_full_ids(
    demo_db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    workers_xlsx.export_workers(demo_db, actor_of(demo_db, "zhuren"), tmp_path / "a.xlsx")
    workers_xlsx.export_workers(demo_db, actor_of(demo_db, "wangge"), tmp_path / "b.xlsx")
    with demo_db.reading() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "导出网格人员").order_by(AuditEntry.seq)
        ).all()
    assert [(e.username, "完整身份证号" in e.summary) for e in entries] == [
        ("zhuren", True),
        ("wangge", False),
    ]
    with pytest.raises(PermissionDenied):
        workers_xlsx.import_workers(demo_db, actor_of(demo_db, "chakan"), tmp_path / "a.xlsx")


def test_a_retired_grid_takes_no_new_events_and_leaves_the_pickers(demo_db: Database) -> None:
    from event_inputs import an_event

    from desktop.errors import ValidationError
    from desktop.services import events

    data = an_event(demo_db)
    assert data.grid_id is not None
    grids.retire_grid(demo_db, SYSTEM_ACTOR, data.grid_id, date(2026, 3, 1))

    with pytest.raises(ValidationError) as refused:
        events.create_event(demo_db, SYSTEM_ACTOR, data)
    assert refused.value.field == "grid_id" and "撤销" in refused.value.zh
    current = {g for place in grids.community_places(demo_db, current_only=True) for g, _n in place.grids}
    listed = {g for place in grids.community_places(demo_db) for g, _n in place.grids}
    assert data.grid_id in listed and data.grid_id not in current
