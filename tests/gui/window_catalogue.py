"""Every top-level window and dialog of the program, opened as a user opens it, for the screen-fit
check (tests/gui/fit_check.py) and the README's screenshot gallery."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from event_inputs import an_event
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget
from qt_helpers import when_modal
from screens import fit_problems

from desktop.db import Database
from desktop.services import events, mediation
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.common import text as limits
from desktop.services.events.queries import get_event
from desktop.services.matters import exchange as matter_exchange
from desktop.services.matters import listfile


@dataclass
class Context:
    db: Database
    login_as: Callable[[str], Actor]
    host: QMainWindow  # on the screen under test; dialogs open over it
    tmp_path: Path
    shots: Path | None
    modal_problems: list[str]


Opener = Callable[[Context], QWidget]


def _event_id(ctx: Context, actor: Actor) -> str:
    """An event with the longest title and address a user may type: the worst case for the layout."""
    data = an_event(
        ctx.db, title="楼" * limits.EVENT_TITLE, address="路" * limits.ADDRESS, reporter_name="欧阳" * 5
    )
    return events.create_event(ctx.db, ctx.login_as("shouli"), data).id


def _main_window(page: str, user: str = "admin") -> Opener:
    def open_(ctx: Context) -> QWidget:
        from desktop.views.main_window import MainWindow

        window = MainWindow(ctx.db, ctx.login_as(user))
        window.setScreen(ctx.host.screen())
        window.move(ctx.host.screen().availableGeometry().topLeft())
        window.show_page(page)
        window.show_fitted()
        return window

    return open_


def _backups_tab(ctx: Context) -> QWidget:
    """系统管理 on its 备份与恢复 tab, with backups listed (the longest rows the list shows)."""
    from desktop.services.system import backups
    from desktop.views.admin.page import AdminPage

    backups.write(ctx.db.path, kind=backups.MANUAL, made_by="admin")
    window = _main_window("admin")(ctx)
    page = window.findChild(AdminPage)
    assert page is not None and page.backups_tab is not None
    page.tabs.setCurrentWidget(page.backups_tab)
    return window


def _restore_dialog(ctx: Context) -> QWidget:
    from desktop.services.system import backups
    from desktop.views.admin.backups_tab import RestoreDialog

    made = backups.write(ctx.db.path, kind=backups.MANUAL, made_by="admin")
    dialog = RestoreDialog(made.path, made.manifest, ctx.host)
    dialog.show()
    return dialog


def _login(ctx: Context) -> QWidget:
    from desktop.views.login import LoginDialog

    dialog = LoginDialog(ctx.db, "清溪镇")
    dialog.setScreen(ctx.host.screen())
    dialog.move(ctx.host.screen().availableGeometry().topLeft())
    dialog.show()
    return dialog


def _intake(ctx: Context) -> QWidget:
    from desktop.views.events.intake_dialog import IntakeDialog

    dialog = IntakeDialog(ctx.db, ctx.login_as("shouli"), ctx.host)
    dialog.show()
    return dialog


def _detail(ctx: Context) -> QWidget:
    from desktop.views.events.detail_dialog import EventDetailDialog

    actor = ctx.login_as("zhuren")
    dialog = EventDetailDialog(ctx.db, actor, _event_id(ctx, actor), ctx.host)
    dialog.show()
    return dialog


def _event_step(kind: str) -> Opener:
    def open_(ctx: Context) -> QWidget:
        from desktop.views.events.step_dialogs import EventSteps

        actor = ctx.login_as("zhuren")
        detail = get_event(ctx.db, actor, _event_id(ctx, actor))
        dialog = EventSteps(ctx.db, actor, ctx.host).dialog(kind, detail)
        dialog.show()
        return dialog

    return open_


def _event_preview(ctx: Context) -> QWidget:
    from desktop.views.mediation.preview import PrintPreviewDialog

    actor = ctx.login_as("zhuren")
    dialog = PrintPreviewDialog(ctx.db, actor, "event-dispatch", _event_id(ctx, actor), ctx.host)
    dialog.show()
    return dialog


def _mediation_preview(ctx: Context) -> QWidget:
    from desktop.views.mediation.preview import PrintPreviewDialog

    actor = ctx.login_as("tiaojie")
    case_id = mediation.list_case_ids(ctx.db, actor)[0]
    dialog = PrintPreviewDialog(ctx.db, actor, "mediation-application", case_id, ctx.host)
    dialog.show()
    return dialog


def _print_dialog_options(ctx: Context) -> QWidget:
    """The print dialog as the preview opens it, with its options shown (「选项 >>」): Qt's own dialog on
    Linux (UOS, Kylin), which grew past a small scaled screen."""
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.views.mediation.preview import prepare_printer, print_dialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer)
    dialog = print_dialog(printer, ctx.host, "打印 — 人民调解协议书", 12)
    dialog.show()
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    options = [b for b in buttons.buttons() if buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.ResetRole]
    assert len(options) == 1, "Qt's print dialog has one 「选项 >>」 button"
    options[0].click()
    QApplication.processEvents()  # the fit after the dialog grew comes from the event loop
    QApplication.processEvents()
    return dialog


def _new_case(ctx: Context) -> QWidget:
    from desktop.views.mediation.dialogs import NewCaseDialog

    dialog = NewCaseDialog(ctx.db, ctx.login_as("tiaojie"), ctx.host)
    dialog.show()
    return dialog


def _mediation_step(action: str) -> Opener:
    """A mediation step dialog, opened from the page as a mediator does; measured while it is open."""

    def open_(ctx: Context) -> QWidget:
        from desktop.views.mediation.page import MediationPage

        page = MediationPage(ctx.db, ctx.login_as("tiaojie"))
        ctx.host.setCentralWidget(page)
        ctx.host.show()
        page.table.selectRow(0)
        seen: list[QWidget] = []

        def measure(widget: QWidget) -> None:
            ctx.modal_problems.extend(check_window(widget, action, ctx.shots))
            seen.append(widget)
            assert isinstance(widget, QDialog)
            widget.reject()

        when_modal(measure)
        getattr(page, action)()
        assert seen, f"{action} opened no dialog"
        return page

    return open_


def _duplicates(ctx: Context) -> QWidget:
    from desktop.views.events.duplicates_dialog import DuplicatesDialog

    operator = ctx.login_as("shouli")
    data = an_event(ctx.db, address="路" * limits.ADDRESS)
    for _ in range(3):
        events.create_event(ctx.db, operator, data)
    found = events.find_duplicates(
        ctx.db, operator, community_id=data.community_id, grid_id=data.grid_id,
        matter_item_id=data.matter_item_id, title=data.title,
    )  # fmt: skip
    dialog = DuplicatesDialog(found, ctx.host)
    dialog.show()
    return dialog


def _first_run(ctx: Context) -> QWidget:
    from desktop.views.first_run import FirstRunWizard

    wizard = FirstRunWizard(ctx.db)
    wizard.setScreen(ctx.host.screen())
    wizard.move(ctx.host.screen().availableGeometry().topLeft())
    wizard.show()
    return wizard


def _item(ctx: Context) -> QWidget:
    from desktop.views.matters.item_dialog import ItemDialog

    dialog = ItemDialog(ctx.db, ctx.login_as("zhuren"), parent=ctx.host)
    dialog.show()
    return dialog


def _diff(ctx: Context) -> QWidget:
    from desktop.views.matters.import_dialog import DiffDialog

    path = ctx.tmp_path / "list.xlsx"
    matter_exchange.export_xlsx(ctx.db, SYSTEM_ACTOR, path)
    diff = matter_exchange.compare(ctx.db, ctx.login_as("zhuren"), listfile.read_xlsx(ctx.db, path))
    dialog = DiffDialog(diff, ctx.host)
    dialog.show()
    return dialog


def _user(ctx: Context) -> QWidget:
    from desktop.views.admin.users_tab import UserDialog

    dialog = UserDialog(ctx.db, ctx.login_as("admin"), parent=ctx.host)
    dialog.show()
    return dialog


def _crash(ctx: Context) -> QWidget:
    from desktop.views.crash import CrashDialog

    dialog = CrashDialog(
        "Traceback (most recent call last):\n" * 40, ctx.tmp_path / "towncentre.log", ctx.host
    )
    dialog.show()
    return dialog


def _grid_dialog(ctx: Context) -> QWidget:
    from desktop.services.workforce import grids
    from desktop.views.workforce.dialogs import GridDialog

    community = grids.grid_tree(ctx.db, SYSTEM_ACTOR)[0]
    dialog = GridDialog(ctx.db, ctx.login_as("zhuren"), community.id, parent=ctx.host)
    dialog.show()
    return dialog


def _worker_dialog(ctx: Context) -> QWidget:
    from desktop.services.workforce import grids
    from desktop.views.workforce.dialogs import WorkerDialog

    places = [(g.id, f"{c.name} · {g.name}") for c in grids.grid_tree(ctx.db, SYSTEM_ACTOR) for g in c.grids]
    dialog = WorkerDialog(ctx.db, ctx.login_as("zhuren"), places, places[0][0], parent=ctx.host)
    dialog.show()
    return dialog


def _merge_dialog(ctx: Context) -> QWidget:
    from desktop.services.people import persons
    from desktop.views.workforce.dialogs import MergeDialog

    rows = persons.search(ctx.db, SYSTEM_ACTOR, "")
    dialog = MergeDialog(ctx.db, ctx.login_as("zhuren"), rows[0], rows[1], parent=ctx.host)
    dialog.show()
    return dialog


def _split_dialog(ctx: Context) -> QWidget:
    from desktop.services.workforce import grids
    from desktop.views.workforce.dialogs import SplitDialog

    grid = grids.grid_tree(ctx.db, SYSTEM_ACTOR)[0].grids[0]
    detail = grids.grid_detail(ctx.db, SYSTEM_ACTOR, grid.id)
    dialog = SplitDialog(ctx.db, ctx.login_as("zhuren"), detail, parent=ctx.host)
    dialog.show()
    return dialog


def _merge_grids_dialog(ctx: Context) -> QWidget:
    from desktop.services.workforce import grids
    from desktop.views.workforce.dialogs import MergeGridsDialog

    community = grids.grid_tree(ctx.db, SYSTEM_ACTOR)[0]
    dialog = MergeGridsDialog(ctx.db, ctx.login_as("zhuren"), community, parent=ctx.host)
    dialog.show()
    return dialog


def _profile_dialog(ctx: Context) -> QWidget:
    from desktop.services.workforce import grids, roster
    from desktop.views.workforce.dialogs import ProfileDialog

    grid = grids.grid_tree(ctx.db, SYSTEM_ACTOR)[0].grids[0]
    row = roster.grid_workers(ctx.db, SYSTEM_ACTOR, grid.id)[0]
    roster.add_training(ctx.db, SYSTEM_ACTOR, row.person_id, row.start_date, "培" * limits.TRAINING_TITLE, 8)
    dialog = ProfileDialog(ctx.db, ctx.login_as("zhuren"), row, parent=ctx.host)
    dialog.show()
    return dialog


def _mediator_dialog(ctx: Context) -> QWidget:
    from desktop.views.workforce.dialogs import MediatorDialog

    dialog = MediatorDialog(ctx.db, ctx.login_as("tiaojie"), parent=ctx.host)
    dialog.show()
    return dialog


def _duty_staff(ctx: Context) -> list[Any]:
    """Centre staff with the longest names a person may have, and the month's workers."""
    from datetime import date

    from db_helpers import resident_id

    from desktop.services.workforce import attendance, roster
    from desktop.services.workforce.grids import CENTRE_POST
    from desktop.services.workforce.roster import WorkerInput

    for i in range(6 - len(roster.centre_staff(ctx.db, SYSTEM_ACTOR))):  # once for all screens
        roster.add_worker_post(
            ctx.db, SYSTEM_ACTOR,
            WorkerInput("欧阳" * 5, resident_id(f"33012719800{i + 1}01001"), CENTRE_POST, date(2015, 1, 1)),
        )  # fmt: skip
    today = attendance.today(ctx.db)
    return attendance.workers(ctx.db, SYSTEM_ACTOR, today.replace(day=1), today)


def _duty_generate(ctx: Context) -> QWidget:
    from desktop.services.workforce import attendance, duty
    from desktop.views.duty.dialogs import GenerateDialog

    people = _duty_staff(ctx)
    today = attendance.today(ctx.db)
    first, last = duty.month_range(today.year, today.month)
    staff = [w for w in people if not w.community]
    dialog = GenerateDialog(ctx.db, ctx.login_as("zhuren"), first, last, staff, parent=ctx.host)
    dialog.show()
    return dialog


def _duty_leave(ctx: Context) -> QWidget:
    from desktop.services.workforce import attendance
    from desktop.views.duty.dialogs import LeaveDialog

    people = _duty_staff(ctx)
    dialog = LeaveDialog(ctx.db, ctx.login_as("zhuren"), people, attendance.today(ctx.db), parent=ctx.host)
    dialog.show()
    return dialog


def _punch_mapping(ctx: Context) -> QWidget:
    """A machine file with eight columns of long names and the widest rows: the mapping dialog at its fullest."""
    from desktop.services.workforce.attendance_import import FilePreview
    from desktop.views.duty.punch_files import MappingDialog

    header = [f"设备导出的第{i + 1}列（说明文字）" for i in range(8)]
    sample = [
        [f"{r + 1:05d}", "欧阳" * 5, "2026/05/06", "08:12:33", "综治中心考勤机一号", "", "", ""]
        for r in range(8)
    ]
    dialog = MappingDialog(
        FilePreview("刷卡记录" * 10 + ".csv", header, 1, sample, None, False, None), ctx.host
    )
    dialog.show()
    return dialog


def _punch_unknown(ctx: Context) -> QWidget:
    from desktop.services.workforce.attendance_import import UnknownNumber
    from desktop.views.duty.punch_files import UnknownNumbersDialog

    people = _duty_staff(ctx)
    unknown = [UnknownNumber(f"{9000 + i}", 40 - i, ("欧阳" * 5,), i + 2) for i in range(12)]
    dialog = UnknownNumbersDialog(unknown, people, {}, ctx.host)
    dialog.show()
    return dialog


def _punch_mappings(ctx: Context) -> QWidget:
    from desktop.services.common.uow import unit_of_work
    from desktop.services.workforce import attendance_columns as columns
    from desktop.views.duty.punch_files import SavedMappingsDialog

    actor = ctx.login_as("zhuren")
    with unit_of_work(ctx.db, actor) as uow:
        header = [f"设备导出的第{i + 1}列" for i in range(8)]
        columns.remember(uow, header, columns.ColumnMapping(pin=1, date=3, time=4, name=2))
    dialog = SavedMappingsDialog(ctx.db, actor, ctx.host)
    dialog.show()
    return dialog


def _sync_conflict(ctx: Context) -> str:
    """A conflict over an event with the longest title: the county changed it meanwhile."""
    from desktop.sync import outbox

    actor = ctx.login_as("zhuren")
    event_id = _event_id(ctx, actor)
    batch = outbox.next_batch(ctx.db, 10_000)
    assert batch is not None
    local = next(c for c in batch.changes if c["id"] == event_id)
    remote = {**local["fields"], "title": "县" * limits.EVENT_TITLE, "address": "道" * limits.ADDRESS}
    results = [
        {"type": c["type"], "id": c["id"], "status": "conflict", "ver": 9, "fields": remote}
        if c["id"] == event_id else {"type": c["type"], "id": c["id"], "status": "applied", "ver": c["ver"]}
        for c in batch.changes
    ]  # fmt: skip
    outbox.settle(ctx.db, batch, {"batch_id": batch.id, "results": results})  # type: ignore[typeddict-item]
    return event_id


def _sync_page(tab: int) -> Opener:
    """数据同步 with a conflict, a failed round's full reason and the clock warning in the header."""

    def open_(ctx: Context) -> QWidget:
        from PySide6.QtCore import QEventLoop, QTimer

        from desktop.sync import rounds
        from desktop.views.sync.page import SyncPage

        _sync_conflict(ctx)
        reason = (
            "连不上县级中心（"
            + "ConnectError: [Errno 113] No route to host " * 3
            + "），请检查网络或联系县级中心。"
        )
        rounds.failed_round(ctx.db, rounds.TRIGGER_MANUAL, reason)
        window = _main_window("events", "zhuren")(ctx)
        page = window.show_page("sync")  # type: ignore[attr-defined]
        assert isinstance(page, SyncPage)
        loop = QEventLoop()
        page.refreshed.connect(loop.quit)
        QTimer.singleShot(10_000, loop.quit)
        loop.exec()
        page.tabs.setCurrentIndex(tab)
        return window

    return open_


def _conflict_dialog(ctx: Context) -> QWidget:
    from desktop.sync import conflicts
    from desktop.views.sync.conflict_dialog import ConflictDialog

    _sync_conflict(ctx)
    actor = ctx.login_as("zhuren")
    row = conflicts.list_conflicts(ctx.db, actor)[0]  # the newest: the db is shared by the openers
    dialog = ConflictDialog(ctx.db, actor, row, ctx.host)
    dialog.show()
    return dialog


def _duty_patrols(ctx: Context) -> QWidget:
    """The 值班考勤 page on its 巡查走访 tab, with the month's lists loaded."""
    from PySide6.QtWidgets import QApplication

    from desktop.views.duty.page import DutyPage
    from desktop.views.main_window import MainWindow

    window = _main_window("duty", "zhuren")(ctx)
    assert isinstance(window, MainWindow)
    page = window.pages["duty"]
    assert isinstance(page, DutyPage)
    page.tabs.setCurrentWidget(page.patrol_tab)
    while page.patrol_tab.data is None:
        QApplication.processEvents()
    return window


def _patrol_data(ctx: Context) -> Any:
    """The month's patrol tab data, with a grid worker and a household whose names are the longest
    a person may type: the worst case for the worker and household boxes."""
    from desktop.services.workforce import attendance, visits
    from desktop.views.duty.patrols import read_month

    today = attendance.today(ctx.db)
    data = read_month(ctx.db, SYSTEM_ACTOR, today.year, today.month)
    if not any(h.label == "户" * limits.HOUSEHOLD_LABEL for h in data.homes):  # once for all screens
        grid_id = data.posts[0].grid_id
        visits.add_household(
            ctx.db, SYSTEM_ACTOR,
            visits.HouseholdInput(grid_id, "户" * limits.HOUSEHOLD_LABEL, visits.DIFFICULT, head_name="欧阳" * 5),
        )  # fmt: skip
        data = read_month(ctx.db, SYSTEM_ACTOR, today.year, today.month)
    return data


def _patrol_add(ctx: Context) -> QWidget:
    from desktop.services.workforce import attendance
    from desktop.views.duty.patrols import PatrolDialog

    data = _patrol_data(ctx)
    dialog = PatrolDialog(
        ctx.db, ctx.login_as("wangge"), data.posts, attendance.today(ctx.db), parent=ctx.host
    )
    dialog.show()
    return dialog


def _assessment_sheet(ctx: Context) -> Any:
    """Last month assessed (once for all screens), and one worker's sheet of it."""
    from desktop.services.assessment import reports, scoring
    from desktop.services.workforce import attendance

    today = attendance.today(ctx.db)
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    period_id = scoring.compute(ctx.db, SYSTEM_ACTOR, scoring.MONTH, year, month)
    first = reports.ranking(ctx.db, SYSTEM_ACTOR, period_id).rows[0]
    return reports.sheet(ctx.db, SYSTEM_ACTOR, first.result_id)


def _assessment_adjust(ctx: Context) -> QWidget:
    from desktop.views.assessment.dialogs import AdjustDialog

    dialog = AdjustDialog(ctx.db, ctx.login_as("zhuren"), _assessment_sheet(ctx), parent=ctx.host)
    dialog.show()
    return dialog


def _visit_add(ctx: Context) -> QWidget:
    from desktop.services.workforce import attendance
    from desktop.views.duty.patrols import VisitDialog

    data = _patrol_data(ctx)
    dialog = VisitDialog(
        ctx.db, ctx.login_as("wangge"), data.homes, data.posts, attendance.today(ctx.db), parent=ctx.host
    )
    dialog.household.setCurrentIndex(dialog.household.count() - 1)  # the longest label
    dialog.show()
    return dialog


def _assessment_appeal(ctx: Context) -> QWidget:
    from desktop.views.assessment.dialogs import AppealDialog

    dialog = AppealDialog(ctx.db, ctx.login_as("zhuren"), _assessment_sheet(ctx), parent=ctx.host)
    dialog.show()
    return dialog


def _household_add(ctx: Context) -> QWidget:
    from desktop.views.duty.patrols import HouseholdDialog

    data = _patrol_data(ctx)
    grids = sorted({(p.grid_id, p.grid_name) for p in data.posts}, key=lambda g: g[1])
    dialog = HouseholdDialog(
        ctx.db, ctx.login_as("wangge"), grids, [n.category for n in data.norms], parent=ctx.host
    )
    dialog.show()
    return dialog


def _visit_norms(ctx: Context) -> QWidget:
    from desktop.views.duty.patrols import NormDialog

    dialog = NormDialog(ctx.db, ctx.login_as("zhuren"), _patrol_data(ctx).norms, parent=ctx.host)
    dialog.show()
    return dialog


def _assessment_scheme(ctx: Context) -> QWidget:
    from desktop.services.assessment import scheme
    from desktop.views.assessment.dialogs import SchemeDialog

    actor = ctx.login_as("zhuren")
    dialog = SchemeDialog(ctx.db, actor, scheme.current_scheme(ctx.db, actor), parent=ctx.host)
    dialog.show()
    return dialog


OPENERS: dict[str, Opener] = {
    "main-events": _main_window("events", "zhuren"),
    "main-matters": _main_window("matters", "zhuren"),
    "main-mediation": _main_window("mediation", "tiaojie"),
    "main-admin": _main_window("admin"),
    "main-backups": _backups_tab,
    "restore-confirm": _restore_dialog,
    "main-assessment": _main_window("assessment", "zhuren"),
    "assessment-adjust": _assessment_adjust,
    "assessment-appeal": _assessment_appeal,
    "assessment-scheme": _assessment_scheme,
    "main-duty": _main_window("duty", "zhuren"),
    "duty-generate": _duty_generate,
    "duty-leave": _duty_leave,
    "punch-mapping": _punch_mapping,
    "punch-unknown": _punch_unknown,
    "punch-mappings": _punch_mappings,
    "main-stats": _main_window("stats", "zhuren"),
    "duty-patrols": _duty_patrols,
    "patrol-add": _patrol_add,
    "visit-add": _visit_add,
    "household-add": _household_add,
    "visit-norms": _visit_norms,
    "main-grids": _main_window("grids", "zhuren"),
    "grid-edit": _grid_dialog,
    "grid-worker": _worker_dialog,
    "person-merge": _merge_dialog,
    "mediator-add": _mediator_dialog,
    "grid-split": _split_dialog,
    "grid-merge": _merge_grids_dialog,
    "worker-profile": _profile_dialog,
    "login": _login,
    "intake": _intake,
    "intake-duplicates": _duplicates,
    "first-run": _first_run,
    "event-detail": _detail,
    "step-dispatch": _event_step("分拨"),
    "step-feedback": _event_step("办结反馈"),
    "event-print-preview": _event_preview,
    "mediation-print-preview": _mediation_preview,
    "print-dialog-options": _print_dialog_options,
    "mediation-new-case": _new_case,
    "matter-item": _item,
    "matter-import-diff": _diff,
    "admin-user": _user,
    "crash": _crash,
    "mediation-session": _mediation_step("add_session"),
    "mediation-agreement": _mediation_step("add_agreement"),
    "main-sync": _sync_page(1),
    "main-sync-settings": _sync_page(3),
    "sync-conflict": _conflict_dialog,
}


def check_window(window: QWidget, name: str, shots: Path | None) -> list[str]:
    problems = fit_problems(window)
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(shots / f"{name}.png"))
    return problems
