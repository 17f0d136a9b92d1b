"""Machine files beyond the usual headers: a mapping chosen once and kept for the header, old BIFF .xls
workbooks (1900 and 1904 dates), unknown machine numbers enrolled or skipped (counted, audited), the
CLI's conservative defaults, and the desk punch's preview."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
import xlwt
from db_helpers import FakeClock, Towncentre, dump_tables, resident_id
from sqlalchemy import select

from desktop.db import Database
from desktop.demo.town import DEMO_PASSWORD
from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.models import AuditEntry
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.matters.listfile import FileRejected
from desktop.services.workforce import attendance, roster
from desktop.services.workforce import attendance_columns as columns
from desktop.services.workforce.attendance_columns import ColumnMapping
from desktop.services.workforce.attendance_import import (
    ColumnsNotMapped,
    check_file,
    import_punches,
    preview_file,
)
from desktop.services.workforce.grids import CENTRE_POST
from desktop.services.workforce.roster import WorkerInput

ActorOf = Callable[[Database, str], Actor]
NOW = datetime(2026, 5, 12, 12, 0, tzinfo=UTC)  # 20:00 in the town on Tuesday 12 May
# A machine's own software, exported in GBK: none of these headers is one the program knows.
ODD_HEADER = "序号,登记号,人员,刷卡日期,刷卡时间,设备\n"


def centre_worker(db: Database, name: str, seq: int) -> str:
    post_id = roster.add_worker_post(
        db,
        SYSTEM_ACTOR,
        WorkerInput(
            name, resident_id(f"330127198602{seq % 28 + 1:02d}{seq:03d}"), CENTRE_POST, date(2020, 1, 1)
        ),
    )
    return next(r.person_id for r in roster.centre_staff(db, SYSTEM_ACTOR) if r.post_id == post_id)


@pytest.fixture
def db(demo_db: Database) -> Database:
    demo_db.clock = FakeClock(NOW)
    return demo_db


def may_punches(db: Database, actor: Actor, person: str) -> list[datetime]:
    return [p.at for p in attendance.punches(db, actor, person, date(2026, 5, 1), date(2026, 5, 31))]


def test_a_gbk_file_with_odd_headers_is_mapped_once_and_the_next_file_from_that_machine_goes_in(
    db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    manager = actor_of(db, "zhuren")
    person = centre_worker(db, "吴映射", 201)
    attendance.set_pin(db, manager, person, "31")
    first = tmp_path / "刷卡记录-5月上.csv"
    first.write_bytes(
        (ODD_HEADER + "1,31,吴映射,06/05/2026,08:12,1\n2,31,吴映射,06/05/2026,17:41,1\n").encode("gbk")
    )

    before = dump_tables(db.path)
    with pytest.raises(ColumnsNotMapped) as refused:
        import_punches(db, manager, first)
    assert "第2列“登记号”" in refused.value.zh and "第4列“刷卡日期”" in refused.value.zh
    assert dump_tables(db.path) == before, "a refused file leaves the database as it was"

    preview = preview_file(db, manager, first)
    assert preview.mapping is None and preview.header == [
        "序号",
        "登记号",
        "人员",
        "刷卡日期",
        "刷卡时间",
        "设备",
    ]
    assert preview.sample[0][3] == "06/05/2026" and preview.date_order is None  # 6 May or 5 June: asked
    mapping = ColumnMapping(pin=1, date=3, time=4, name=2, date_order=columns.DMY)
    result = import_punches(db, manager, first, mapping=mapping)
    assert (result.rows, result.added) == (2, 2)
    [kept] = columns.saved_mappings(db, manager)
    assert kept.mapping == mapping and kept.header[:2] == ["序号", "登记号"] and kept.saved_by == "zhuren"

    # The next file from the machine: other rows, the same header (spaces around a name do not matter).
    second = tmp_path / "刷卡记录-5月下.csv"
    second.write_bytes(
        ("序号, 登记号 ,人员,刷卡日期,刷卡时间,设备\n1,31,吴映射,11/05/2026,08:02,1\n").encode("gbk")
    )
    again = preview_file(db, manager, second)
    assert again.mapping == mapping and again.remembered
    assert import_punches(db, manager, second).added == 1
    assert may_punches(db, manager, person) == [
        datetime(2026, 5, 6, 8, 12), datetime(2026, 5, 6, 17, 41), datetime(2026, 5, 11, 8, 2)
    ]  # fmt: skip

    with pytest.raises(PermissionDenied):
        columns.forget_mapping(db, actor_of(db, "chakan"), kept.key)
    columns.forget_mapping(db, manager, kept.key)
    third = tmp_path / "刷卡记录-5月末.csv"
    third.write_bytes((ODD_HEADER + "1,31,吴映射,12/05/2026,08:00,1\n").encode("gbk"))
    with pytest.raises(ColumnsNotMapped):
        import_punches(db, manager, third)
    with db.reading() as session:
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("%列对应"))).all()
    assert sorted(actions) == ["忘记列对应", "记住列对应"]


def test_a_mapping_with_a_bad_row_is_refused_row_by_row_and_nothing_is_kept(
    db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    manager = actor_of(db, "zhuren")
    person = centre_worker(db, "吴坏行", 202)
    attendance.set_pin(db, manager, person, "32")
    path = tmp_path / "odd.csv"
    path.write_bytes(
        (ODD_HEADER + "1,32,吴坏行,06/05/2026,08:12,1\n2,32,吴坏行,2026-05-06,08:13,1\n").encode("gbk")
    )
    before = dump_tables(db.path)
    with pytest.raises(FileRejected) as caught:
        import_punches(
            db, manager, path, mapping=ColumnMapping(pin=1, date=3, time=4, date_order=columns.DMY)
        )
    assert [e.row for e in caught.value.errors] == [3] and "2026-05-06 08:13" in caught.value.errors[0].zh
    assert dump_tables(db.path) == before, "neither punches nor the mapping are kept"
    with pytest.raises(UserError, match="同一列"):
        ColumnMapping(pin=1, moment=1).check(6)


def write_xls(path: Path, rows: list[list[object]], *, dates_1904: bool) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    book.set_dates_1904(dates_1904)
    sheet = book.add_sheet("考勤记录")
    styles = {
        datetime: xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm:ss"),
        date: xlwt.easyxf(num_format_str="yyyy-mm-dd"),
        time: xlwt.easyxf(num_format_str="hh:mm"),
    }
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            style = styles.get(type(value))
            if style is not None:
                sheet.write(r, c, value, style)
            else:
                sheet.write(r, c, value)
    book.save(str(path))


def test_old_xls_workbooks_are_read_with_their_1900_or_1904_dates(
    db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    manager = actor_of(db, "zhuren")
    person = centre_worker(db, "吴旧表", 203)
    attendance.set_pin(db, manager, person, "33")
    old = tmp_path / "考勤记录.xls"
    write_xls(
        old,
        [["部门", "工号", "姓名", "日期时间"], ["综治中心", 33.0, "吴旧表", datetime(2026, 5, 6, 8, 21, 9)]],
        dates_1904=False,
    )
    assert old.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # a real BIFF compound file, not text renamed
    assert import_punches(db, manager, old).added == 1
    mac = tmp_path / "考勤记录-mac.xls"
    write_xls(
        mac,
        [["工号", "姓名", "日期", "时间"], ["33", "吴旧表", date(2026, 5, 7), time(17, 45)]],
        dates_1904=True,
    )
    assert import_punches(db, manager, mac).added == 1
    assert may_punches(db, manager, person) == [datetime(2026, 5, 6, 8, 21, 9), datetime(2026, 5, 7, 17, 45)]
    broken = tmp_path / "broken.xls"
    broken.write_bytes(old.read_bytes()[:600])
    with pytest.raises(UserError, match=r"\.xls"):
        import_punches(db, manager, broken)


def attlog(lines: list[tuple[str, str]]) -> bytes:
    return "".join(f"{pin:>9}\t{moment}\t1\t0\t1\t0\r\n" for pin, moment in lines).encode("ascii")


UNKNOWN_FILE = [
    ("41", "2026-05-06 08:01:00"),
    ("88", "2026-05-06 07:30:00"),  # a new worker, not enrolled yet
    ("99", "2026-05-06 06:10:00"),  # the cleaner
    ("88", "2026-05-06 17:31:00"),
    ("99", "2026-05-06 19:02:00"),
    ("99", "2026-05-07 06:05:00"),
]


def test_unknown_numbers_are_listed_then_enrolled_or_skipped_and_the_skips_are_counted(
    db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    manager = actor_of(db, "zhuren")
    known, newcomer = centre_worker(db, "吴在册", 204), centre_worker(db, "吴新人", 205)
    attendance.set_pin(db, manager, known, "41")
    attendance.set_pin(db, manager, newcomer, "1")  # a new card is coming: 88 replaces it
    path = tmp_path / "attlog.dat"
    path.write_bytes(attlog(UNKNOWN_FILE))

    check = check_file(db, manager, path)
    assert check.rows == 6
    assert [(u.pin, u.punches, u.first_row) for u in check.unknown] == [("99", 3, 3), ("88", 2, 2)]
    before = dump_tables(db.path)
    with pytest.raises(FileRejected) as caught:
        import_punches(db, manager, path)
    assert [e.row for e in caught.value.errors] == [2, 3, 4, 5, 6] and "88 未登记" in caught.value.errors[
        0
    ].zh
    with pytest.raises(UserError, match="已登记给其他人"):
        import_punches(db, manager, path, enrol_numbers={"41": newcomer}, skip_unknown=True)
    assert dump_tables(db.path) == before, "a refusal leaves the database as it was"

    result = import_punches(db, manager, path, enrol_numbers={"88": newcomer}, skip_unknown=True)
    assert (result.rows, result.added, result.enrolled, result.skipped) == (3, 3, 1, 3)
    assert attendance.pins(db, manager)[newcomer] == "88"
    assert may_punches(db, manager, newcomer) == [datetime(2026, 5, 6, 7, 30), datetime(2026, 5, 6, 17, 31)]
    with db.reading() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "导入考勤")).one()
    assert "跳过未登记号码的 3 条" in entry.summary
    detail = json.loads(entry.detail)
    assert (detail["skipped"], detail["skipped_numbers"], detail["enrolled_numbers"]) == (
        3,
        {"99": 3},
        ["88"],
    )


def test_the_cli_refuses_unknown_numbers_and_unmapped_headers_unless_told(
    db: Database, actor_of: ActorOf, towncentre: Towncentre, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manager = actor_of(db, "zhuren")
    person = centre_worker(db, "吴命令", 206)
    attendance.set_pin(db, manager, person, "41")
    db_path = str(db.path)
    odd = tmp_path / "odd.csv"
    odd.write_bytes((ODD_HEADER + "1,41,吴命令,2026-05-08,08:00,1\n").encode("gbk"))
    mapping = ColumnMapping(pin=1, date=3, time=4, name=2)
    db.close()
    monkeypatch.setenv("TOWNCENTRE_PASSWORD", DEMO_PASSWORD)
    path = tmp_path / "attlog.dat"
    path.write_bytes(attlog(UNKNOWN_FILE))
    run = towncentre("import", "attendance", str(path), "--db", db_path, "--user", "zhuren")
    assert run.returncode == 1 and "第 2 行" in run.stderr and "88 未登记" in run.stderr
    assert "--skip-unknown" in run.stderr  # the way out is named
    run = towncentre("import", "attendance", str(path), "--skip-unknown", "--db", db_path, "--user", "zhuren")
    assert run.returncode == 0 and "文件 6 条，新增 1 条；跳过未登记考勤号码 88、99 的打卡 5 条" in run.stdout
    run = towncentre("import", "attendance", str(odd), "--db", db_path, "--user", "zhuren")
    assert run.returncode == 1 and "第2列“登记号”" in run.stderr and "第4列“刷卡日期”" in run.stderr

    reopened = Database.open(Path(db_path))
    try:  # mapped once (in the program), the next file of that header goes in from the command line
        first = tmp_path / "first.csv"
        first.write_bytes((ODD_HEADER + "1,41,吴命令,2026-05-07,08:00,1\n").encode("gbk"))
        import_punches(reopened, actor_of(reopened, "zhuren"), first, mapping=mapping)
    finally:
        reopened.close()
    run = towncentre("import", "attendance", str(odd), "--db", db_path, "--user", "zhuren")
    assert run.returncode == 0 and "新增 1 条" in run.stdout
    run = towncentre("import", "workers", str(odd), "--skip-unknown", "--db", db_path, "--user", "zhuren")
    assert run.returncode == 2


def test_a_desk_punch_is_described_as_the_sheet_will_read_it(db: Database, actor_of: ActorOf) -> None:
    manager = actor_of(db, "zhuren")
    person = centre_worker(db, "吴前台", 207)
    first = attendance.describe_punch(db, manager, person, datetime(2026, 5, 11, 14, 0))
    assert (first.name, first.kind) == ("吴前台", attendance.SIGN_OUT)  # alone after midday: a sign-out
    attendance.add_punch(db, manager, person, datetime(2026, 5, 11, 8, 20))
    kinds = [
        attendance.describe_punch(db, manager, person, datetime(2026, 5, 11, h, m)).kind
        for h, m in ((7, 50), (12, 0), (18, 0))
    ]
    assert kinds == [attendance.SIGN_IN, attendance.SIGN_OUT, attendance.SIGN_OUT]
    attendance.add_punch(db, manager, person, datetime(2026, 5, 11, 17, 40))
    between = attendance.describe_punch(db, manager, person, datetime(2026, 5, 11, 12, 0))
    assert between.kind == attendance.BETWEEN
    with pytest.raises(UserError, match="已有打卡"):
        attendance.describe_punch(db, manager, person, datetime(2026, 5, 11, 8, 20))
    with pytest.raises(UserError, match="晚于现在"):
        attendance.describe_punch(db, manager, person, datetime(2026, 5, 13, 8, 0))


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("2026-05-06 08:21:09", columns.AUTO, datetime(2026, 5, 6, 8, 21, 9)),
        ("2026/5/6 8:15", columns.AUTO, datetime(2026, 5, 6, 8, 15)),
        ("2026年5月6日 08:15", columns.YMD, datetime(2026, 5, 6, 8, 15)),
        ("20260506 081500", columns.AUTO, datetime(2026, 5, 6, 8, 15)),
        ("13/05/2026 17:40", columns.DMY, datetime(2026, 5, 13, 17, 40)),
        ("05/13/2026 17:40", columns.MDY, datetime(2026, 5, 13, 17, 40)),
        ("13/05/2026 17:40", columns.AUTO, None),  # day first is never guessed while importing
        ("2026-05-06 8:61", columns.AUTO, None),
        ("2026-05-06", columns.AUTO, None),  # a date without its time is no punch
    ],
)
def test_dates_are_read_in_the_order_chosen(text: str, order: str, expected: datetime | None) -> None:
    assert columns.parse_moment(text, order) == expected


def test_the_date_order_is_detected_only_when_the_rows_leave_no_doubt() -> None:
    assert columns.detect_order(["06/05/2026 08:00", "13/05/2026 08:00"]) == columns.DMY
    assert columns.detect_order(["05/06/2026 08:00", "05/13/2026 08:00"]) == columns.MDY
    assert columns.detect_order(["06/05/2026 08:00"]) is None
    assert columns.detect_order(["2026/05/06 08:00"]) == columns.YMD


def test_known_headers_with_day_first_dates_go_in_and_an_undecidable_order_is_asked(
    db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    manager = actor_of(db, "zhuren")
    person = centre_worker(db, "吴日前", 208)
    attendance.set_pin(db, manager, person, "51")
    clear = tmp_path / "dmy.csv"
    clear.write_bytes(
        "考勤号码,姓名,签到时间\n51,吴日前,30/04/2026 08:21\n51,吴日前,11/05/2026 08:02\n".encode("gbk")
    )
    preview = preview_file(db, manager, clear)
    assert preview.mapping == ColumnMapping(pin=0, moment=2, name=1, date_order=columns.DMY)
    assert import_punches(db, manager, clear).added == 2  # the command line too: 30/04 leaves no doubt
    assert may_punches(db, manager, person) == [datetime(2026, 5, 11, 8, 2)]  # (30 April is in April)

    doubtful = tmp_path / "either.csv"
    doubtful.write_bytes(
        "考勤号码,姓名,签到时间\n51,吴日前,05/05/2026 08:21\n51,吴日前,06/05/2026 08:02\n".encode()
    )
    preview = preview_file(db, manager, doubtful)
    assert preview.mapping is None and preview.date_order is None  # the dialog opens, the columns filled in
    assert preview.guess == ColumnMapping(pin=0, moment=2, name=1)
    assert import_punches(
        db, manager, doubtful, mapping=ColumnMapping(0, 2, name=1, date_order=columns.DMY)
    ).added
    assert datetime(2026, 5, 6, 8, 2) in may_punches(db, manager, person)


def test_a_file_without_a_header_row_loses_no_punch_and_keeps_no_name(
    db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    manager = actor_of(db, "zhuren")
    person = centre_worker(db, "吴无头", 209)
    attendance.set_pin(db, manager, person, "61")
    first = tmp_path / "noheader.csv"
    first.write_bytes("61,吴无头,2026-05-06 08:10:00\n61,吴无头,2026-05-06 17:40:00\n".encode())
    preview = preview_file(db, manager, first)
    assert preview.headless and preview.mapping is None
    assert preview.guess == ColumnMapping(pin=0, moment=2, no_header=True)
    result = import_punches(db, manager, first, mapping=ColumnMapping(0, 2, name=1, no_header=True))
    assert (result.rows, result.added) == (2, 2)  # the first row is a punch, not a header
    kept = columns.saved_mappings(db, manager)
    assert [(m.header, m.mapping.no_header) for m in kept] == [([], True)]
    with db.reading() as session:
        audit = [
            e.summary for e in session.scalars(select(AuditEntry).where(AuditEntry.action == "记住列对应"))
        ]
    assert audit == ["无表头，3 列"]
    assert all("吴无头" not in m.key and "2026" not in m.key for m in kept)

    second = tmp_path / "noheader-2.csv"  # the next such file: the kept mapping, no question
    second.write_bytes("61,吴无头,2026-05-07 08:05:00\n".encode())
    assert preview_file(db, manager, second).mapping == ColumnMapping(0, 2, name=1, no_header=True)
    assert import_punches(db, manager, second).added == 1
    assert may_punches(db, manager, person)[-1] == datetime(2026, 5, 7, 8, 5)


def test_an_xlsx_named_xls_is_read_and_xlrd_keeps_quiet(
    db: Database, actor_of: ActorOf, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import Workbook

    manager = actor_of(db, "zhuren")
    person = centre_worker(db, "吴改名", 210)
    attendance.set_pin(db, manager, person, "71")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["工号", "姓名", "日期时间"])
    sheet.append(["71", "吴改名", "2026-05-08 08:30:00"])
    named_xls = tmp_path / "导出.xls"
    book.save(named_xls)
    assert import_punches(db, manager, named_xls).added == 1
    broken = tmp_path / "truncated.xls"
    rows: list[list[object]] = [["工号", "日期时间"]]
    rows += [["71", f"2026-05-0{d} 08:00:00"] for d in range(1, 9)]
    write_xls(broken, rows, dates_1904=False)
    broken.write_bytes(broken.read_bytes()[:1200])
    capfd.readouterr()
    with pytest.raises(UserError, match=r"\.xls"):
        import_punches(db, manager, broken)
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")  # no "WARNING *** file size…" before the program's own message


def test_the_mapping_guess_names_every_column_it_can_recognise() -> None:
    rows = [["103", "宋志强", "2026/11/23 07:50:00"], ["103", "宋志强", "2026/11/23 17:31:00"]]
    assert columns.guess(["登记号码", "姓名", "刷卡时间"], rows) == ColumnMapping(pin=0, moment=2, name=1)
    # The export's row numbers and a device column are not the machine number; date and time apart.
    odd = [["1", "31", "郑", "2026/05/06", "08:12", "1"], ["2", "77", "Z", "2026/05/06", "08:20", "1"]]
    odd.append(["3", "95", "保洁", "06/05/2026", "18:30", "1"])
    assert columns.guess(["No", "登记", "人员", "刷卡日期", "刷卡时间", "设备"], odd) == ColumnMapping(
        pin=1, date=3, time=4
    )
    with pytest.raises(ValidationError) as refused:  # the later of two fields on one column is the wrong one
        ColumnMapping(pin=0, moment=0).check()
    assert refused.value.field == "moment"
