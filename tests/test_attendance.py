"""Attendance and leave (issue 13, 考勤): lateness and absence across a make-up working day, machine
files with bad rows, the same file twice, leave approval by length and annual leave by service, and
the printed monthly sheet read back."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from db_helpers import FakeClock, Towncentre, resident_id
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from desktop.db import Database
from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.models import AttendancePunch, AuditEntry
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.common import workdays
from desktop.services.common.uow import unit_of_work
from desktop.services.matters.listfile import FileRejected
from desktop.services.workforce import attendance, leave, roster
from desktop.services.workforce.attendance_import import import_punches
from desktop.services.workforce.grids import CENTRE_POST
from desktop.services.workforce.roster import WorkerInput

ActorOf = Callable[[Database, str], Actor]
NOW = datetime(2026, 5, 12, 12, 0, tzinfo=UTC)  # 20:00 in the town on Tuesday 12 May


def centre_worker(db: Database, name: str, seq: int, since: date) -> str:
    post_id = roster.add_worker_post(
        db,
        SYSTEM_ACTOR,
        WorkerInput(name, resident_id(f"330127198501{seq % 28 + 1:02d}{seq:03d}"), CENTRE_POST, since),
    )
    return next(r.person_id for r in roster.centre_staff(db, SYSTEM_ACTOR) if r.post_id == post_id)


@pytest.fixture
def db(demo_db: Database) -> Database:
    """May 2026 with its holidays set here (not left to the calendar package): 1–5 off, Saturday 9 on."""
    demo_db.clock = FakeClock(NOW)
    for day in range(1, 6):
        workdays.set_day(demo_db, SYSTEM_ACTOR, date(2026, 5, day), workdays.HOLIDAY, "劳动节")
    workdays.set_day(demo_db, SYSTEM_ACTOR, date(2026, 5, 9), workdays.WORKDAY, "劳动节调休上班")
    attendance.set_schedule(demo_db, SYSTEM_ACTOR, date(2026, 1, 1), time(8, 30), time(17, 30))
    return demo_db


def at(day: int, hour: int, minute: int) -> datetime:
    return datetime(2026, 5, day, hour, minute)


def test_late_early_and_absent_follow_the_schedule_and_a_make_up_saturday_counts(
    db: Database, actor_of: ActorOf
) -> None:
    manager = actor_of(db, "zhuren")
    person = centre_worker(db, "周考勤", 101, date(2020, 1, 1))
    for day, hour, minute in (
        (6, 8, 40),
        (6, 17, 35),
        (7, 8, 20),
        (7, 17, 0),
        (11, 8, 29),
        (11, 18, 0),
        (12, 8, 0),
    ):
        attendance.add_punch(db, manager, person, at(day, hour, minute))
    request = leave.request_leave(
        db, manager, leave.LeaveInput(person, "事假", date(2026, 5, 12), date(2026, 5, 12))
    )
    leave.decide_leave(db, manager, request, approve=True)
    sheet = attendance.month_sheet(db, manager, 2026, 5)
    assert sheet.judged_until == date(2026, 5, 12) and sheet.scope == "全镇"
    [row] = [r for r in sheet.rows if r.person_id == person]
    # Working days so far: 6, 7, 8, the make-up Saturday 9, 11 and 12; the 1st–5th are Labour Day.
    assert (row.due, row.present, row.late, row.early, row.absent, row.leave_days) == (6, 3, 1, 1, 2, 1)
    assert f"{row.rate:.0%}" == "50%"
    # A 补签 for the 8th counts once approved, not before; a single morning punch misses the sign-out.
    correction = attendance.request_correction(db, manager, person, at(8, 8, 25), "忘记打卡")
    assert (
        next(r for r in attendance.month_sheet(db, manager, 2026, 5).rows if r.person_id == person).absent
        == 2
    )
    with pytest.raises(PermissionDenied):
        attendance.decide_correction(db, actor_of(db, "chakan"), correction, approve=True)
    attendance.decide_correction(db, manager, correction, approve=True)
    row = next(r for r in attendance.month_sheet(db, manager, 2026, 5).rows if r.person_id == person)
    assert (row.present, row.absent, row.early) == (4, 1, 2)
    assert [
        p.source for p in attendance.punches(db, manager, person, date(2026, 5, 8), date(2026, 5, 8))
    ] == ["补签"]


def test_a_grid_community_sheet_lists_only_its_grid_workers(db: Database, actor_of: ActorOf) -> None:
    manager = actor_of(db, "zhuren")
    centre = centre_worker(db, "周中心", 102, date(2020, 1, 1))
    name = next(
        w.community
        for w in attendance.workers(db, manager, date(2026, 5, 1), date(2026, 5, 31))
        if w.community
    )
    community = attendance.find_community(db, name)
    sheet = attendance.month_sheet(db, manager, 2026, 5, community)
    assert sheet.rows and all(r.community == sheet.scope for r in sheet.rows)
    assert centre not in {r.person_id for r in sheet.rows}


def test_punches_are_insert_only(db: Database, actor_of: ActorOf) -> None:
    person = centre_worker(db, "周不改", 103, date(2020, 1, 1))
    attendance.add_punch(db, actor_of(db, "zhuren"), person, at(6, 8, 0))
    with pytest.raises(RuntimeError, match="never change"), unit_of_work(db, SYSTEM_ACTOR) as uow:
        punch = uow.session.scalars(select(AttendancePunch).where(AttendancePunch.person_id == person)).one()
        punch.punched_at = at(6, 7, 0)
    with db.reading() as session:
        assert session.scalar(
            select(AttendancePunch.punched_at).where(AttendancePunch.person_id == person)
        ) == at(6, 8, 0)


def attlog(lines: list[tuple[str, str]]) -> bytes:
    """ZKTeco USB download: PIN right-aligned in spaces, then time, status, verify and work code."""
    return "".join(f"{pin:>9}\t{moment}\t1\t0\t1\t0\r\n" for pin, moment in lines).encode("ascii")


def test_a_machine_file_goes_in_all_or_nothing_once_and_overlaps_add_only_new_punches(
    db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    manager = actor_of(db, "zhuren")
    person = centre_worker(db, "周机器", 104, date(2020, 1, 1))
    attendance.set_pin(db, manager, person, "0017")
    bad = tmp_path / "attlog.dat"
    bad.write_bytes(
        attlog(
            [
                ("17", "2026-05-06 08:21:09"),
                ("99", "2026-05-06 08:22:00"),
                ("17", "2026-05-06 8:61"),
                ("17", "2026-05-07 08:10:00"),
            ]
        )
    )
    with pytest.raises(FileRejected) as caught:
        import_punches(db, manager, bad)
    assert [e.row for e in caught.value.errors] == [2, 3]
    assert (
        caught.value.errors[0].zh.startswith("考勤号码 99 未登记")
        and "2026-05-06 8:61" in caught.value.errors[1].zh
    )
    assert attendance.punches(db, manager, person, date(2026, 5, 1), date(2026, 5, 31)) == []

    good = tmp_path / "may-a.dat"
    good.write_bytes(attlog([("17", "2026-05-06 08:21:09"), ("17", "2026-05-06 17:40:00")]))
    assert import_punches(db, manager, good).added == 2
    with pytest.raises(UserError, match="导入过"):
        import_punches(db, manager, good)
    overlap = tmp_path / "may-b.dat"
    overlap.write_bytes(attlog([("17", "2026-05-06 17:40:00"), ("00017", "2026-05-07 08:05:00")]))
    result = import_punches(db, manager, overlap)
    assert (result.rows, result.added) == (2, 1)
    punches = attendance.punches(db, manager, person, date(2026, 5, 1), date(2026, 5, 31))
    assert [p.at.day for p in punches] == [6, 6, 7] and {p.source for p in punches} == {"机器"}
    # Inserted in bulk, past the ORM: still stamped for the county like any synced record.
    with db.reading() as session:
        stamps = set(
            session.execute(
                select(
                    AttendancePunch.ver, AttendancePunch.pending_changes, AttendancePunch.origin_town
                ).where(AttendancePunch.person_id == person)
            ).all()
        )
    assert stamps == {(1, 1, "330127104000")}


def test_an_exported_csv_in_gbk_and_an_xlsx_find_workers_by_name_and_register_their_numbers(
    db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    manager = actor_of(db, "zhuren")
    person = centre_worker(db, "周表格", 105, date(2020, 1, 1))
    export = tmp_path / "考勤记录.csv"
    export.write_bytes(
        "部门,考勤号码,姓名,日期时间,机器号\n综治中心,23,周表格,2026/5/6 8:15,1\n".encode("gbk")
    )
    assert import_punches(db, manager, export).enrolled == 1
    assert attendance.pins(db, manager)[person] == "23"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["工号", "姓名", "日期", "时间"])
    sheet.append(["23", "周表格", date(2026, 5, 7), time(8, 3)])
    book.save(tmp_path / "punches.xlsx")
    assert import_punches(db, manager, tmp_path / "punches.xlsx").added == 1
    days = [p.at for p in attendance.punches(db, manager, person, date(2026, 5, 1), date(2026, 5, 31))]
    assert days == [at(6, 8, 15), at(7, 8, 3)]


def test_leave_is_approved_at_the_level_its_length_needs(db: Database, actor_of: ActorOf) -> None:
    manager, grid_admin = actor_of(db, "zhuren"), actor_of(db, "wangge")
    person = centre_worker(db, "周请假", 106, date(2020, 1, 1))
    short = leave.request_leave(
        db, grid_admin, leave.LeaveInput(person, "病假", date(2026, 5, 6), date(2026, 5, 7))
    )
    long = leave.request_leave(
        db, grid_admin, leave.LeaveInput(person, "事假", date(2026, 5, 13), date(2026, 5, 19))
    )
    rows = {r.id: r for r in leave.leave_list(db, grid_admin, date(2026, 5, 1), date(2026, 5, 31))}
    assert (rows[short].days, rows[short].level) == (2, "网格管理员")
    assert (rows[long].days, rows[long].level) == (5, "中心负责人")
    leave.decide_leave(db, grid_admin, short, approve=True)
    with pytest.raises(PermissionDenied, match="三天以上"):
        leave.decide_leave(db, grid_admin, long, approve=True)
    leave.decide_leave(db, manager, long, approve=True)
    leave.report_back(db, grid_admin, long, date(2026, 5, 15))
    states = {r.id: r.state for r in leave.leave_list(db, manager, date(2026, 5, 1), date(2026, 5, 31))}
    assert states == {short: "批准", long: "销假"}


def test_annual_leave_follows_years_of_service_and_holidays_do_not_count(
    db: Database, actor_of: ActorOf
) -> None:
    manager = actor_of(db, "zhuren")
    veteran = centre_worker(db, "周老将", 107, date(2014, 3, 1))  # 12 years by May 2026: 10 days
    newcomer = centre_worker(db, "周新人", 108, date(2025, 9, 1))  # under a year: none
    assert [leave.annual_allowance(y) for y in (0, 1, 9, 10, 19, 20, 35)] == [0, 5, 5, 10, 10, 15, 15]
    assert leave.annual_balance(db, manager, veteran, 2026) == (10, 0)
    # 1–10 May: the five Labour Day days, the weekend and the make-up Saturday in between cost nothing.
    first = leave.request_leave(
        db, manager, leave.LeaveInput(veteran, "年休假", date(2026, 5, 1), date(2026, 5, 10))
    )
    assert (
        next(
            r.days
            for r in leave.leave_list(db, manager, date(2026, 5, 1), date(2026, 5, 31))
            if r.id == first
        )
        == 4
    )
    with pytest.raises(ValidationError, match="年休假超出：今年可休 10 天，已用或已申请 4 天，本次 7 天"):
        leave.request_leave(
            db, manager, leave.LeaveInput(veteran, "年休假", date(2026, 6, 1), date(2026, 6, 9))
        )
    with pytest.raises(ValidationError, match="今年可休 0 天"):
        leave.request_leave(
            db, manager, leave.LeaveInput(newcomer, "年休假", date(2026, 5, 13), date(2026, 5, 13))
        )
    with pytest.raises(ValidationError, match="都是休息日"):
        leave.request_leave(
            db, manager, leave.LeaveInput(newcomer, "事假", date(2026, 5, 2), date(2026, 5, 3))
        )


def test_the_printed_sheet_reads_back_in_landscape(
    db: Database, actor_of: ActorOf, towncentre: Towncentre, tmp_path: Path
) -> None:
    person = centre_worker(db, "周打印", 109, date(2020, 1, 1))
    attendance.add_punch(db, actor_of(db, "zhuren"), person, at(6, 8, 45))
    out = tmp_path / "sheet.pdf"
    done = towncentre(
        "print", "attendance-sheet", "2026-05", "--out", str(out), "--db", str(db.path), "--user", "zhuren",
        TOWNCENTRE_PASSWORD="demo2026",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "2026年5月考勤表（全镇）" in text
    for header in ("出勤率", "迟到", "早退", "缺勤", "请假天数"):
        assert header in text
    line = next(line for line in text.splitlines() if "周打印" in line)
    assert line.split()[-7:] == ["19", "1", "5%", "1", "1", "18", "0"], line
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "841.89 x 595.276" in info  # A4 landscape


def test_the_sheet_exports_to_xlsx_with_its_figures_and_an_audit_row(
    db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    manager = actor_of(db, "zhuren")
    person = centre_worker(db, "周导出", 110, date(2020, 1, 1))
    attendance.add_punch(db, manager, person, at(11, 8, 50))
    attendance.add_punch(db, manager, person, at(11, 17, 45))
    target = tmp_path / "考勤表.xlsx"
    count = attendance.export_sheet(db, manager, 2026, 5, target)
    book = load_workbook(target, read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    assert rows[0] == attendance.SHEET_HEADERS and len(rows) == count + 1
    mine = next(r for r in rows if r[0] == "周导出")
    assert mine[1:] == ("中心", "中心工作人员", 6, 1, "17%", 1, 0, 5, 0)
    with db.reading() as session:
        assert session.scalar(select(AuditEntry.summary).where(AuditEntry.action == "导出考勤表")) == (
            f"全镇 {count} 人 → 考勤表.xlsx"
        )
