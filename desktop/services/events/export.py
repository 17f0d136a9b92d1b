"""The event list as an xlsx workbook: every row of the current filter and sort, not just the loaded page.

The rows come from one read transaction (one consistent snapshot: an event saved meanwhile can neither
appear twice nor push one out, as it could with offset paging), streamed in batches so a million rows
never sit in memory; xlsxwriter's constant-memory workbook keeps the writing side flat too (it writes
the same rows in about two thirds of the time openpyxl's write-only workbook takes, and every cell is
written as a string, so no text ever becomes a formula: bench/bench_export.py). The file is
written beside the target under a temporary name and renamed at the end, so a failed or cancelled
export leaves no half-written workbook. An export is audited with its row count, file name and filter.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Generator
from contextlib import closing
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from desktop.clock import format_local
from desktop.db import Database
from desktop.errors import UserError
from desktop.paths import private_temp
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.files import (
    discard_temp,
    replace_file,
    require_text_path,
    shown_as,
    temp_path_for,
)
from desktop.services.common.text import clean_search
from desktop.services.common.uow import unit_of_work
from desktop.services.common.xlsx import text_value
from desktop.services.events.queries import EventFilter, EventReader, Names, Sort, colour_of

log = logging.getLogger("towncentre.export")

Progress = Callable[[int, int], None]

SHEET_TITLE = "事件"
HEADERS = (
    "编号", "上报时间(北京时间)", "渠道", "标题", "村（社区）", "网格", "事项类别", "紧急程度", "状态",
    "办理期限", "督办", "地址",
)  # fmt: skip
WIDTHS = (25, 18, 13, 40, 14, 16, 18, 9, 10, 12, 7, 40)
BATCH = 5_000
# An Excel sheet holds 1,048,576 rows; an export longer than that continues on 事件(2), 事件(3), ...
SHEET_ROWS = 1_048_575


# Reporting dates a filter may name. Far beyond any event, and far enough from date.min and date.max
# that a local day turned into UTC (and the day after `until`) cannot overflow.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2099, 12, 31)


class DateOutOfRange(UserError):
    def __init__(self, day: date) -> None:
        super().__init__(
            f"日期 {day.isoformat()} 超出范围：上报日期应在 {FIRST_DAY.isoformat()} 至 {LAST_DAY.isoformat()} 之间。",
            f"The date {day.isoformat()} is out of range: reporting dates run from {FIRST_DAY.isoformat()} "
            f"to {LAST_DAY.isoformat()}.",
        )


def check_dates(filter: EventFilter) -> None:
    """Refuses a filter date the queries cannot turn into a UTC time (0001-01-01, 9999-12-31)."""
    for day in (filter.since, filter.until):
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise DateOutOfRange(day)


class ExportCancelled(UserError):
    def __init__(self) -> None:
        super().__init__("已取消导出，未生成文件。", "Export cancelled; no file was written.")


def _batches(reader: EventReader, batch: int) -> Generator[list[tuple[Any, ...]], None, None]:
    """The reader's query (same filter, sort and order as the list shows), streamed in one snapshot."""
    names: Names = reader.names
    today = reader.today
    # EventReader pages with OFFSET, one session per page; the export needs the same query whole.
    query = reader.query(reader.sort.descending)
    with reader.db.reading() as session:
        result = session.execute(query, execution_options={"yield_per": batch})
        for part in result.partitions(batch):
            yield [
                (
                    r.number, format_local(r.reported_at), r.channel, r.title,
                    names.communities.get(r.community_id, ""), names.grids.get(r.grid_id or "", ""),
                    names.categories.get(r.category_code, r.category_code), r.urgency, r.state,
                    r.deadline.isoformat() if r.deadline else "",
                    colour_of(r.state, r.deadline, r.warn_on, r.supervised, today), r.address,
                )
                for r in part
            ]  # fmt: skip


def _describe(f: EventFilter, sort: Sort) -> dict[str, Any]:
    """The filter as the audit row keeps it: only what is set."""
    # The text as the search used it (cleaned and capped), not the raw box: no control characters or
    # lone surrogates in the audit, and no 20,000-character detail.
    fields = {k: v for k, v in asdict(f).items() if k != "text" and v not in ("", (), None, False)}
    needle = clean_search(f.text)
    if needle:
        fields["text"] = needle
    return {"filter": fields, "sort": f"{sort.column} {'desc' if sort.descending else 'asc'}"}


def export_events(
    db: Database,
    actor: Actor,
    filter: EventFilter,
    sort: Sort,
    path: Path | str,
    progress: Progress | None = None,
    *,
    cancel: threading.Event | None = None,
    batch: int = BATCH,
    sheet_rows: int = SHEET_ROWS,
) -> int:
    """Writes the events `filter` selects, in `sort` order, to `path`; returns the number of rows.

    `progress(done, total)` is called before the first batch and after each one, on the calling thread.
    Setting `cancel` stops at the next batch with ExportCancelled; nothing is left behind.
    """
    import xlsxwriter

    actor.require(Permission.EVENT_VIEW)
    check_dates(filter)
    target = Path(path)
    require_text_path(target)  # else the audit row, written after the rename, would fail
    reader = EventReader(db, actor, filter, sort)
    total = reader.count()
    if progress is not None:
        progress(0, total)

    # Beside the target (same volume, so the rename is atomic); xlsxwriter's sheet files, which hold the
    # rows until the workbook is closed, go to the private folder beside the database.
    temp = temp_path_for(target)
    with private_temp(db.path) as private:
        book = xlsxwriter.Workbook(str(temp), {"constant_memory": True, "tmpdir": str(private)})
        header = book.add_format({"bold": True, "bg_color": "#DDE6F0", "valign": "vcenter"})
        sheets: list[Any] = []

        def new_sheet() -> Any:
            sheet = book.add_worksheet(SHEET_TITLE if not sheets else f"{SHEET_TITLE}({len(sheets) + 1})")
            for col, width in enumerate(WIDTHS):
                sheet.set_column(col, col, width)
            sheet.freeze_panes(1, 0)
            for col, title in enumerate(HEADERS):
                sheet.write_string(0, col, title, header)
            sheets.append(sheet)
            return sheet

        try:
            sheet = new_sheet()
            write = sheet.write_string  # a string cell whatever the text: never a formula
            on_sheet = done = 0
            with closing(_batches(reader, batch)) as batches:  # ends the read transaction on any exit
                for rows in batches:
                    if cancel is not None and cancel.is_set():
                        raise ExportCancelled()
                    for row in rows:
                        if on_sheet == sheet_rows:
                            sheet.autofilter(0, 0, on_sheet, len(HEADERS) - 1)
                            sheet, on_sheet = new_sheet(), 0
                            write = sheet.write_string
                        on_sheet += 1
                        for col, value in enumerate(row):
                            if value:  # an empty cell is left out, not written as an empty string
                                write(on_sheet, col, value if value.isprintable() else text_value(value))
                    done += len(rows)
                    total = max(total, done)  # the count was taken a moment before the snapshot
                    if progress is not None:
                        progress(done, total)
            if cancel is not None and cancel.is_set():
                raise ExportCancelled()
            sheet.autofilter(0, 0, on_sheet, len(HEADERS) - 1)
            with shown_as(target, temp):
                _close(book)
            # The rename is the last step of the audit's transaction: no file without its audit row.
            with unit_of_work(db, actor) as uow:
                uow.audit(
                    "导出事件",
                    "事件",
                    "",
                    f"{done} 条 → {target.name}",
                    {"rows": done, "file": target.name, **_describe(filter, sort)},
                )
                replace_file(temp, target)
        except BaseException:
            _discard(sheets)
            discard_temp(temp)
            raise
    if progress is not None and done != total:
        progress(done, done)
    return done


def _close(book: Any) -> None:
    """Writes the workbook; a full disk or a folder that turned read-only comes out as the OSError it
    is (xlsxwriter wraps it), which the program explains as a storage problem."""
    from xlsxwriter.exceptions import FileCreateError

    try:
        book.close()
    except FileCreateError as exc:
        cause = exc.args[0] if exc.args else None
        if isinstance(cause, OSError):
            raise cause from None
        raise


def _discard(sheets: list[Any]) -> None:
    """Closes and removes the row files of an abandoned workbook's sheets (on Windows an open file
    cannot be removed)."""
    for sheet in sheets:
        handle, name = sheet.row_data_fh, sheet.row_data_filename
        try:
            if handle is not None and not handle.closed:
                handle.close()
            if name:
                Path(name).unlink(missing_ok=True)
        except OSError:
            log.debug("temporary sheet file already gone", exc_info=True)
