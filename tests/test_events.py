"""Event intake and the handling loop through the services: every step, its refusals, deadlines."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from db_helpers import FakeClock, copy_database, dump_tables, dump_with_columns, lost_rows
from sqlalchemy import func, select, text

from desktop.db import Database
from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.models import (
    AuditEntry,
    Community,
    Department,
    Event,
    EventAction,
    EventAttachment,
    Grid,
    MatterCategory,
    MatterDomain,
    MatterItem,
)
from desktop.paths import attachments_dir
from desktop.services import events
from desktop.services.accounts.permissions import Actor
from desktop.services.common import workdays
from desktop.services.common.changes import Changes
from desktop.services.events import AttachmentInput, EventInput, State, intake
from desktop.services.events import workflow as flow
from desktop.services.events.queries import RED, YELLOW, EventFilter, EventReader, Sort, get_event, my_work

ActorOf = Callable[[Database, str], Actor]
CHINA = timedelta(hours=8)


def at_local(year: int, month: int, day: int, hour: int = 9) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC) - CHINA


@pytest.fixture
def db(demo_db: Database) -> Database:
    demo_db.clock = FakeClock(at_local(2026, 11, 16))  # a Monday
    return demo_db


def clock_of(db: Database) -> FakeClock:
    """The fake clock the `db` fixture installs, typed as such."""
    assert isinstance(db.clock, FakeClock)
    return db.clock


def place(db: Database, item_name: str = "邻里纠纷") -> tuple[str, str, str]:
    with db.reading() as session:
        grid = session.scalars(select(Grid).order_by(Grid.code)).first()
        assert grid is not None
        item_id = session.scalar(select(MatterItem.id).where(MatterItem.name == item_name))
        assert item_id is not None
        return grid.community_id, grid.id, item_id


def an_event(db: Database, **changes: Any) -> EventInput:
    community, grid, item = place(db)
    defaults = EventInput(
        channel="网格员上报", occurred_at=db.clock() - timedelta(hours=2), community_id=community, grid_id=grid,
        matter_item_id=item, title="三号楼楼上漏水引发邻里争执", description="楼上住户卫生间漏水，楼下多次协商未果。",
        address="清溪路 18 号 3 幢", reporter_name="张建国", reporter_phone="13905711234",
    )  # fmt: skip
    return replace(defaults, **changes)


def states(db: Database, event_id: str) -> list[tuple[str, str]]:
    with db.reading() as session:
        return [
            (a.kind, a.to_state)
            for a in session.scalars(
                select(EventAction).where(EventAction.event_id == event_id).order_by(EventAction.at)
            )
        ]


# --- intake ------------------------------------------------------------------------------------------


def test_intake_numbers_accepts_and_indexes_the_event(db: Database, actor_of: ActorOf) -> None:
    operator = actor_of(db, "shouli")
    first = events.create_event(db, operator, an_event(db))
    second = events.create_event(db, operator, an_event(db, title="楼道堆放杂物堵塞消防通道"))
    assert first.number == "SJ330127104202611160001" and second.number.endswith("0002")
    assert first.state == State.ACCEPTED
    detail = get_event(db, operator, first.id)
    assert [(a.kind, a.to_state) for a in detail.timeline] == [("受理", State.ACCEPTED)]
    assert detail.timeline[0].actor_name == "陈晓燕"
    with db.reading() as session:
        row = session.get(Event, first.id)
        assert (
            row is not None
            and row.ver == 1
            and row.pending_changes == 1
            and row.origin_town == "330127104000"
        )
        audit = session.scalar(select(AuditEntry).where(AuditEntry.object_id == first.id))
        assert audit is not None and audit.action == "新增" and "13905711234" not in audit.detail
        # The phone is kept masked in the log (a bare "138" check also matched the digits of a UUID).
        assert json.loads(audit.detail)["after"]["reporter_phone"] == "139****1234"
    found = EventReader(db, operator, EventFilter(text="漏水引发")).page(0, 10)
    assert [r.number for r in found] == [first.number]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"reporter_name": "", "anonymous": False}, "reporter_name"),
        ({"reporter_phone": "1390571"}, "reporter_phone"),
        ({"occurred_at": None}, "occurred_at"),
        ({"title": "  "}, "title"),
        ({"description": "漏水"}, "description"),
        ({"urgency": "特急"}, "urgency"),
        ({"community_id": ""}, "community_id"),
        ({"matter_item_id": ""}, "matter_item_id"),
        ({"solved_on_spot": True, "on_spot_note": ""}, "on_spot_note"),
    ],
)
def test_bad_input_is_refused_next_to_its_field_and_nothing_is_written(
    db: Database, actor_of: ActorOf, change: dict[str, object], field: str
) -> None:
    before = dump_tables(db.path)
    with pytest.raises(ValidationError) as caught:
        events.create_event(db, actor_of(db, "shouli"), an_event(db, **change))
    assert caught.value.field == field and caught.value.zh
    assert dump_tables(db.path) == before


def test_a_future_time_and_a_grid_of_another_community_are_refused(db: Database, actor_of: ActorOf) -> None:
    operator = actor_of(db, "shouli")
    with pytest.raises(ValidationError, match="不能晚于现在"):
        events.create_event(db, operator, an_event(db, occurred_at=db.clock() + timedelta(hours=3)))
    with db.reading() as session:
        own = an_event(db).community_id
        other_grid = session.scalar(select(Grid.id).where(Grid.community_id != own).limit(1))
    with pytest.raises(ValidationError, match="不属于该村"):
        events.create_event(db, operator, an_event(db, grid_id=other_grid))


def test_micro_loop_is_closed_by_the_grid_worker(db: Database, actor_of: ActorOf) -> None:
    created = events.create_event(
        db,
        actor_of(db, "shouli"),
        an_event(db, solved_on_spot=True, on_spot_note="现场协调楼上维修，双方和解。"),
    )
    detail = get_event(db, actor_of(db, "shouli"), created.id)
    assert detail.state == State.CLOSED and detail.loop == "微循环" and detail.outcome == "已解决"
    assert [a.kind for a in detail.timeline] == ["受理", "现场处置"]


def test_attachments_are_copied_with_their_hash_and_removed_if_the_save_fails(
    db: Database, actor_of: ActorOf, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"photo" * 1000)
    created = events.create_event(
        db, actor_of(db, "shouli"), an_event(db, attachments=(AttachmentInput(photo),))
    )
    files = get_event(db, actor_of(db, "shouli"), created.id).attachments
    assert len(files) == 1 and files[0].file_name == "现场.jpg" and files[0].size == photo.stat().st_size
    stored = events.attachment_path(db, files[0].stored_path)
    assert stored.read_bytes() == photo.read_bytes()
    import hashlib

    assert files[0].sha256 == hashlib.sha256(photo.read_bytes()).hexdigest()

    stored_count = sum(1 for _ in attachments_dir(db.path).rglob("*.jpg"))

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(intake, "Created", boom)  # the module that builds it, not the re-export
    with pytest.raises(RuntimeError):
        events.create_event(db, actor_of(db, "shouli"), an_event(db, attachments=(AttachmentInput(photo),)))
    assert sum(1 for _ in attachments_dir(db.path).rglob("*.jpg")) == stored_count, "the copy was removed"
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(EventAttachment)) == 1


def test_possible_duplicates_and_linking_a_repeat_report(db: Database, actor_of: ActorOf) -> None:
    operator = actor_of(db, "shouli")
    first = events.create_event(db, operator, an_event(db))
    clock_of(db).advance(days=2)
    data = an_event(db, title="3号楼漏水邻里争执", reporter_name="李梅")
    candidates = events.find_duplicates(
        db, operator, community_id=data.community_id, grid_id=data.grid_id, matter_item_id=data.matter_item_id,
        title=data.title,
    )  # fmt: skip
    assert [c.id for c in candidates] == [first.id]
    assert "7 日内" in candidates[0].reason
    events.link_report(db, operator, first.id, data)
    assert states(db, first.id)[-1] == ("重复上报", State.ACCEPTED)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 1
    clock_of(db).advance(days=6)
    later = events.find_duplicates(
        db, operator, community_id=data.community_id, grid_id=data.grid_id, matter_item_id=data.matter_item_id,
        title="完全不同的一件事情",
    )  # fmt: skip
    assert later == [], "outside 7 days and a different title"
    similar = events.find_duplicates(
        db, operator, community_id=data.community_id, grid_id="", matter_item_id="", title="三号楼楼上漏水引发争执",
    )  # fmt: skip
    assert [c.id for c in similar] == [first.id]
    # Shown as 「（标题相似度 90%）」: a reason in brackets of its own read 「（标题相似（90%））」.
    assert re.fullmatch(r"标题相似度 \d+%", similar[0].reason)


# --- the loop -----------------------------------------------------------------------------------------


def test_the_whole_loop_from_intake_to_close(db: Database, actor_of: ActorOf) -> None:
    operator, manager = actor_of(db, "shouli"), actor_of(db, "zhuren")
    eid = events.create_event(db, operator, an_event(db)).id
    flow.dispatch(db, operator, eid, department_code="ZJ02")
    flow.sign(db, operator, eid)
    flow.request_extension(db, operator, eid, 3, "需等待物业协调维修")
    with pytest.raises(PermissionDenied):
        flow.decide_extension(db, operator, eid, True)
    flow.decide_extension(db, manager, eid, True, "同意")
    flow.feedback(db, operator, eid, solved=True, note="已协调维修，漏水停止。")
    flow.verify(db, operator, eid, passed=False, note="楼下天花板仍有水渍")
    flow.feedback(db, operator, eid, solved=True, note="已重新修补防水层。")
    flow.verify(db, operator, eid, passed=True)
    flow.callback(db, operator, eid, "不满意", "反映人认为赔偿不到位")
    flow.feedback(db, operator, eid, solved=True, note="协调赔偿 800 元，双方签字。")
    flow.verify(db, operator, eid, passed=True)
    flow.callback(db, operator, eid, "满意")
    flow.close(db, operator, eid)
    detail = get_event(db, operator, eid)
    assert detail.state == State.CLOSED and detail.rework_count == 2 and detail.satisfaction == "满意"
    assert detail.time_limit_days == 7 + 3 and detail.target
    kinds = [a.kind for a in detail.timeline]
    assert kinds == [
        "受理", "分拨", "签收", "申请延期", "延期审批", "办结反馈", "核查", "办结反馈", "核查", "回访", "办结反馈",
        "核查", "回访", "结案",
    ]  # fmt: skip


def test_the_detail_names_the_place_matter_and_target_as_stored(db: Database, actor_of: ActorOf) -> None:
    operator = actor_of(db, "shouli")
    to_department = events.create_event(db, operator, an_event(db)).id
    flow.dispatch(db, operator, to_department, department_code="ZJ02")
    community_id, grid_id, _item = place(db)
    to_grid = events.create_event(db, operator, an_event(db, title="绿化带被占用堆放建材")).id
    flow.dispatch(db, operator, to_grid, grid_id=grid_id)
    with db.reading() as session:
        item = session.scalars(select(MatterItem).where(MatterItem.name == "邻里纠纷")).one()
        category = session.get(MatterCategory, item.category_id)
        assert category is not None
        domain = session.get(MatterDomain, category.domain_id)
        community, grid = session.get(Community, community_id), session.get(Grid, grid_id)
        department = session.scalars(select(Department).where(Department.code == "ZJ02")).one()
        assert domain is not None and community is not None and grid is not None
        names = (item.code, item.name, category.name, domain.name, community.name, grid.name)
        department_name = department.name
    for event_id, target in ((to_department, department_name), (to_grid, names[-1])):
        detail = get_event(db, operator, event_id)
        shown = (detail.matter_code, detail.matter_name, detail.category, detail.domain, detail.community)
        assert (*shown, detail.grid) == names
        assert detail.target == target and target
    undispatched = events.create_event(db, operator, an_event(db, grid_id=None, title="无网格的事件")).id
    detail = get_event(db, operator, undispatched)
    assert detail.grid == "" and detail.target == "" and detail.community == names[4]


def test_steps_are_refused_in_the_wrong_state_or_role(db: Database, actor_of: ActorOf) -> None:
    operator, viewer = actor_of(db, "shouli"), actor_of(db, "chakan")
    with pytest.raises(PermissionDenied):
        events.create_event(db, viewer, an_event(db))
    eid = events.create_event(db, operator, an_event(db)).id
    before = dump_tables(db.path)
    for step in (
        lambda: flow.sign(db, operator, eid),
        lambda: flow.verify(db, operator, eid, True),
        lambda: flow.close(db, operator, eid),
        lambda: flow.callback(db, operator, eid, "满意"),
        lambda: flow.feedback(db, operator, eid, solved=True, note="办完了"),
        lambda: flow.resume(db, operator, eid),
    ):
        with pytest.raises(UserError, match="不能"):
            step()
    with pytest.raises(PermissionDenied):
        flow.dispatch(db, viewer, eid, department_code="ZJ02")
    with pytest.raises(ValidationError, match="二选一"):
        flow.dispatch(db, operator, eid)
    assert dump_tables(db.path) == before
    flow.dispatch(db, operator, eid, department_code="ZJ02")
    with pytest.raises(UserError, match="刚被其他人处理过"):
        flow.sign(db, operator, eid, expected_ver=1)


def test_send_back_refuse_postpone_resume_escalate(db: Database, actor_of: ActorOf) -> None:
    operator, manager = actor_of(db, "shouli"), actor_of(db, "zhuren")
    eid = events.create_event(db, operator, an_event(db)).id
    flow.dispatch(db, operator, eid, department_code="ZJ02")
    with pytest.raises(ValidationError):
        flow.send_back(db, operator, eid, "")
    flow.send_back(db, operator, eid, "不属于本单位职责")
    flow.dispatch(db, operator, eid, grid_id=an_event(db).grid_id)
    flow.sign(db, operator, eid)
    with pytest.raises(PermissionDenied):
        flow.postpone(db, operator, eid, "需等待规划")
    flow.postpone(db, manager, eid, "需等待规划调整")
    deadline = get_event(db, operator, eid).deadline
    clock_of(db).advance(days=7)
    flow.resume(db, operator, eid)
    moved = get_event(db, operator, eid)
    assert moved.state == State.IN_PROGRESS and moved.return_count == 1
    assert deadline is not None and moved.deadline == deadline + timedelta(days=7), "5 working days paused"
    flow.escalate(db, operator, eid, "涉及跨部门协调")
    assert get_event(db, operator, eid).loop == "大循环"
    other = events.create_event(db, operator, an_event(db, title="另一件事情需要处理")).id
    flow.refuse(db, operator, other, "不属于网格事项")
    assert get_event(db, operator, other).state == State.NOT_ACCEPTED


def test_closed_but_not_fixed_is_its_own_outcome(db: Database, actor_of: ActorOf) -> None:
    operator = actor_of(db, "shouli")
    eid = events.create_event(db, operator, an_event(db)).id
    flow.dispatch(db, operator, eid, department_code="ZJ02")
    flow.sign(db, operator, eid)
    with pytest.raises(ValidationError) as caught:
        flow.feedback(db, operator, eid, solved=False, note="已协调")
    assert caught.value.field == "unsolved_reason"
    flow.feedback(db, operator, eid, solved=False, note="已协调", unsolved_reason="当事人拒绝维修")
    detail = get_event(db, operator, eid)
    assert detail.outcome == "已办结未解决" and "当事人拒绝维修" in detail.outcome_note


def test_anonymous_reports_close_without_a_call_back(db: Database, actor_of: ActorOf) -> None:
    operator = actor_of(db, "shouli")
    eid = events.create_event(
        db, operator, an_event(db, anonymous=True, reporter_name="", channel="12345热线转办")
    ).id
    flow.dispatch(db, operator, eid, department_code="ZJ02")
    flow.sign(db, operator, eid)
    flow.feedback(db, operator, eid, solved=True, note="已处理")
    flow.verify(db, operator, eid, passed=True)
    with pytest.raises(UserError, match="匿名"):
        flow.callback(db, operator, eid, "满意")
    flow.close(db, operator, eid)
    assert get_event(db, operator, eid).state == State.CLOSED


# --- deadlines ------------------------------------------------------------------------------------------


def dispatched_on(db: Database, operator: Actor, when: datetime, limit_days: int) -> str:
    clock_of(db).now = when
    eid = events.create_event(db, operator, an_event(db)).id
    flow.dispatch(db, operator, eid, department_code="ZJ02", limit_days=limit_days)
    return eid


def test_deadline_across_national_day_counts_the_make_up_saturday(db: Database, actor_of: ActorOf) -> None:
    operator = actor_of(db, "shouli")
    eid = dispatched_on(db, operator, at_local(2026, 9, 28), limit_days=7)
    detail = get_event(db, operator, eid)
    # 9-29, 9-30, (10-1…10-7 off), 10-8, 10-9, 10-10 (make-up Saturday), 10-12, 10-13
    assert detail.deadline == date(2026, 10, 13)
    assert detail.warn_on == date(2026, 10, 12)
    assert not detail.deadline_estimated


def test_deadline_across_spring_festival(db: Database, actor_of: ActorOf) -> None:
    operator = actor_of(db, "shouli")
    eid = dispatched_on(db, operator, at_local(2026, 2, 12), limit_days=5)
    # 2-13, 2-14 (make-up Saturday), (2-15…2-23 off), 2-24, 2-25, 2-26
    assert get_event(db, operator, eid).deadline == date(2026, 2, 26)


def test_urgent_events_are_due_the_same_day_and_unknown_years_are_flagged(
    db: Database, actor_of: ActorOf
) -> None:
    operator = actor_of(db, "shouli")
    clock_of(db).now = at_local(2026, 11, 17)
    urgent = events.create_event(db, operator, an_event(db, urgency="紧急")).id
    flow.dispatch(db, operator, urgent, department_code="ZJ02")
    assert get_event(db, operator, urgent).deadline == date(2026, 11, 17)
    eid = dispatched_on(db, operator, at_local(2026, 12, 28), limit_days=7)
    detail = get_event(db, operator, eid)
    assert detail.deadline_estimated, "2027 is beyond the holiday table"
    assert detail.deadline == date(2027, 1, 6)


def test_an_administrator_edits_the_holiday_table(db: Database, actor_of: ActorOf) -> None:
    admin, operator = actor_of(db, "admin"), actor_of(db, "shouli")
    with pytest.raises(PermissionDenied):
        workdays.set_day(db, operator, date(2026, 11, 18), workdays.HOLIDAY, "临时放假")
    workdays.set_day(db, admin, date(2026, 11, 18), workdays.HOLIDAY, "台风停工")
    eid = dispatched_on(db, operator, at_local(2026, 11, 16), limit_days=3)
    assert get_event(db, operator, eid).deadline == date(2026, 11, 20)
    workdays.set_day(db, admin, date(2026, 11, 18), None)
    assert workdays.load(db).is_workday(date(2026, 11, 18))


# --- supervision and lists --------------------------------------------------------------------------------


def test_supervision_colours_and_my_work(db: Database, actor_of: ActorOf) -> None:
    operator = actor_of(db, "shouli")
    eid = dispatched_on(db, operator, at_local(2026, 11, 16), limit_days=5)  # due 11-23, yellow from 11-20
    assert get_event(db, operator, eid).colour == ""
    clock_of(db).now = at_local(2026, 11, 20)
    assert get_event(db, operator, eid).colour == YELLOW
    clock_of(db).now = at_local(2026, 11, 24)
    assert get_event(db, operator, eid).colour == RED
    work = {b.title: b for b in my_work(db, operator)}
    assert work["已超期"].count == 1 and work["待分拨"].count == 0
    rows = EventReader(db, operator, work["已超期"].filter).page(0, 10)
    assert [r.id for r in rows] == [eid] and rows[0].colour == RED
    assert "延期待审批" not in work, "only approvers see approvals"
    flow.supervise(db, operator, eid, "请本周内办结")
    assert get_event(db, operator, eid).supervised
    flow.remind(db, operator, eid)
    assert states(db, eid)[-1][0] == "催办"


def test_list_filters_sorting_paging_and_short_text(db: Database, actor_of: ActorOf) -> None:
    operator = actor_of(db, "shouli")
    ids = [
        events.create_event(db, operator, an_event(db, title=f"第{n}号楼道噪音扰民问题")).id
        for n in range(12)
    ]
    flow.dispatch(db, operator, ids[3], department_code="ZJ02")
    reader = EventReader(db, operator, EventFilter())
    total = reader.count()
    assert total == 12
    first = reader.page(0, 5)
    assert [r.id for r in first] == ids[::-1][:5], "newest first"
    last = reader.page(10, 5, total=total)
    assert [r.id for r in last] == ids[1::-1], "the last page, read from the other end"
    assert [r.id for r in EventReader(db, operator, EventFilter(states=(State.DISPATCHED,))).page(0, 9)] == [
        ids[3]
    ]
    short = EventReader(db, operator, EventFilter(text="噪音"))
    assert short.count() == 12, "two characters: the grams index, not trigrams"
    by_deadline = EventReader(db, operator, EventFilter(), Sort("deadline", descending=True)).page(0, 1)
    assert by_deadline[0].id == ids[3]
    with db.reading() as session:
        community = session.scalar(
            select(Community.id).where(Community.id != an_event(db).community_id).limit(1)
        )
    assert EventReader(db, operator, EventFilter(community_id=str(community))).count() == 0
    assert EventReader(db, operator, EventFilter(text="第7号楼道")).count() == 1


def test_one_reader_pages_through_a_filtered_list_page_after_page(db: Database, actor_of: ActorOf) -> None:
    """A reader keeps its query compiled (LIMIT and OFFSET as parameters): every page still shows its own
    rows, in both directions, with the filter's values (several states, a date) as they were chosen."""
    operator = actor_of(db, "shouli")
    ids = [events.create_event(db, operator, an_event(db, title=f"第{n}号路灯不亮")).id for n in range(13)]
    for eid in ids[::4]:
        flow.dispatch(db, operator, eid, department_code="ZJ02")
    today = db.clock().astimezone(UTC).date()
    f = EventFilter(states=(State.ACCEPTED, State.DISPATCHED), since=today - timedelta(days=1))
    reader = EventReader(db, operator, f)
    total = reader.count()
    assert total == 13
    newest_first = ids[::-1]
    assert [r.id for r in reader.page(0, 5)] == newest_first[:5]
    assert [r.id for r in reader.page(5, 5)] == newest_first[5:10]
    assert [r.id for r in reader.page(10, 5, total=total)] == newest_first[10:], "read from the other end"
    assert [r.id for r in reader.page(0, 2)] == newest_first[:2], "the first page again, shorter"
    dispatched = EventReader(db, operator, replace(f, states=(State.DISPATCHED,)))
    assert [r.id for r in dispatched.page(0, 10)] == ids[::4][::-1]
    assert [r.id for r in dispatched.page(1, 10)] == ids[::4][::-1][1:]
    later = EventReader(db, operator, replace(f, since=today + timedelta(days=1)))
    assert later.page(0, 10) == [] and later.count() == 0


def test_stats_count_events_and_the_demo_generator_makes_every_state(demo_db: Database) -> None:
    from desktop.demo.events import generate_events
    from desktop.services.system.stats import record_counts

    generate_events(demo_db, 3000, seed=11)
    counts = record_counts(demo_db)
    assert counts["events"] == 3000 and counts["event_actions"] > 3000 * 3
    assert counts["calendar_days"] > 500
    with demo_db.reading() as session:
        seen_states = set(session.scalars(select(Event.state).distinct()))
        seen_channels = set(session.scalars(select(Event.channel).distinct()))
        numbers = session.scalar(select(func.count(func.distinct(Event.number))))
    # 待受理 only arises for reports of the last two days, which 3,000 events over five years may miss.
    assert seen_states >= {s.value for s in State} - {State.PENDING}
    assert seen_channels == set(events.CHANNELS)
    assert numbers == 3000


def test_a_dispute_event_becomes_a_mediation_case_linked_both_ways(db: Database, actor_of: ActorOf) -> None:
    from db_helpers import resident_id

    from desktop.services import mediation
    from desktop.services.mediation import CaseInput, PartyInput
    from desktop.services.people.persons import PersonInput

    operator, mediator = actor_of(db, "shouli"), actor_of(db, "tiaojie")
    dispute = events.create_event(db, operator, an_event(db)).id  # 邻里纠纷, domain 02
    _, _, noise_item = place(db, "治安隐患排查")
    other = events.create_event(db, operator, an_event(db, matter_item_id=noise_item)).id

    def case_from(event_id: str) -> CaseInput:
        return CaseInput(
            source=mediation.SOURCE_APPLICATION, dispute_type="邻里", summary="楼上漏水，协商未果。",
            requests="请求修复并赔偿。", received_on=date(2026, 11, 16), event_id=event_id,
            parties=[
                PartyInput(side=1, person=PersonInput(name="张建国", resident_id=resident_id("33012719700101201"))),
                PartyInput(side=2, person=PersonInput(name="李梅", phone="13800001111")),
            ],
            mediator_ids=[m.id for m in mediation.list_mediators(db, mediator)][:1],
        )  # fmt: skip

    with pytest.raises(ValidationError, match="只有矛盾纠纷类事件"):
        mediation.register_case(db, mediator, case_from(other))
    with pytest.raises(ValidationError, match="只有矛盾纠纷类事件"):
        mediation.case_from_event(db, mediator, other, case_from(other))
    changes = mediation.case_from_event(db, mediator, dispute, case_from(dispute))
    # the case list and the event's timeline changed; the event's state (so 我的待办) did not
    assert (changes.mediation, changes.events, changes.my_work) == (True, True, False)
    assert changes.event_ids == (dispute,) and len(changes.case_ids) == 1
    case_id = changes.case_ids[0]
    detail = get_event(db, operator, dispute)
    assert [c[0] for c in detail.mediation_cases] == [case_id]
    assert detail.timeline[-1].kind == "转人民调解" and "调字第" in detail.timeline[-1].note
    assert mediation.get_case(db, mediator, case_id).event_id == dispute


def test_a_step_returns_what_it_changed(db: Database, actor_of: ActorOf) -> None:
    operator = actor_of(db, "shouli")
    eid = events.create_event(db, operator, an_event(db)).id
    assert flow.dispatch(db, operator, eid, department_code="ZJ02") == Changes(
        events=True, my_work=True, event_ids=(eid,)
    )
    # 催办 adds to the timeline but moves no 我的待办 count
    assert flow.remind(db, operator, eid) == Changes(events=True, my_work=False, event_ids=(eid,))


def test_demo_timelines_are_in_order(demo_db: Database) -> None:
    from desktop.demo.events import generate_events

    generate_events(demo_db, 800, seed=5)
    with demo_db.reading() as session:
        rows = session.execute(
            select(
                EventAction.event_id, EventAction.at, EventAction.from_state, EventAction.to_state
            ).order_by(EventAction.event_id, EventAction.at)
        ).all()
    by_event: dict[str, list[tuple[str, str]]] = {}
    for event_id, _at, from_state, to_state in rows:
        by_event.setdefault(event_id, []).append((from_state, to_state))
    for steps in by_event.values():
        for (_prev_from, prev_to), (next_from, _next_to) in pairwise(steps):
            assert next_from == prev_to, steps


def test_a_database_at_0005_with_events_upgrades_without_loss(tmp_path: Path) -> None:
    from db_helpers import database_from_dump

    from desktop.db import head_revision

    path = database_from_dump("schema-0005-events.db.gz", tmp_path / "towncentre.db")
    before = dump_with_columns(path)
    Database.open(path).close()  # backs up and upgrades
    assert not lost_rows(before, path)
    upgraded = Database.open(path)
    try:
        with upgraded.engine.connect() as conn:
            indexes = {r[1] for r in conn.exec_driver_sql("PRAGMA index_list('event_action')")}
            plan = " ".join(
                str(r[-1])
                for r in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT count(*) FROM event_action WHERE kind = '督办' AND at >= '2026-01-01'"
                )
            )
            revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        assert "ix_event_action_kind_at" in indexes and "ix_event_action_kind_at" in plan
        assert revision == head_revision()
        # The full-text index came through and still finds the events.
        assert EventReader(upgraded, upgraded_actor(upgraded), EventFilter(text="邻里纠纷")).count() > 0
    finally:
        upgraded.close()


def upgraded_actor(db: Database) -> Actor:
    from desktop.services.accounts import auth

    return auth.login(db, "shouli", "demo2026").actor


def test_place_and_category_choices_for_the_forms(db: Database, actor_of: ActorOf) -> None:
    from desktop.services import matters
    from desktop.services.workforce import grids

    places = grids.community_places(db)
    assert [p.name for p in places][:3] == ["清溪社区", "文昌社区", "江滨社区"], "the town's own order"
    assert sum(len(p.grids) for p in places) == 18
    choices = matters.category_choices(db)
    domains = [c for c in choices if c[2]]
    assert len(domains) == 8 and choices[0] == ("01", "社会治安", True)
    assert all(code.startswith(domains[0][0]) for code, _n, is_domain in choices[1:6] if not is_domain)


def test_two_demo_towns_share_no_event_or_action_ids(empty_db_file: Path, tmp_path: Path) -> None:
    """Two demo towns syncing into one hub (a county's trial, the sync tests) shared hundreds of ids:
    the hub refused the second town's batches as another town's records (cold test 24)."""
    from desktop.demo.events import generate_events
    from desktop.demo.town import fill_demo_town

    ids: list[set[str]] = []
    for code in ("330127104000", "330127106000"):
        db = Database.open(copy_database(empty_db_file, tmp_path / code / "towncentre.db"))
        try:
            fill_demo_town(db, code)
            generate_events(db, 300)
            with db.reading() as session:
                rows = session.execute(text("SELECT id FROM event UNION ALL SELECT id FROM event_action"))
                ids.append({r[0] for r in rows})
        finally:
            db.close()
    assert len(ids[0]) > 300 and not ids[0] & ids[1]
