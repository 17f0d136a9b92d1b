"""The event list as an xlsx workbook: every row of the current filter and sort, not just the loaded page.

The rows come from one read transaction (one consistent snapshot: an event saved meanwhile can neither
appear twice nor push one out, as it could with offset paging), streamed in batches so a million rows
never sit in memory; openpyxl's write-only workbook keeps the writing side flat too. The file is
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
from desktop.services.common.xlsx import write_only_row
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
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    actor.require(Permission.EVENT_VIEW)
    check_dates(filter)
    target = Path(path)
    require_text_path(target)  # else the audit row, written after the rename, would fail
    reader = EventReader(db, actor, filter, sort)
    total = reader.count()
    if progress is not None:
        progress(0, total)

    book = Workbook(write_only=True)
    bold, fill, middle = Font(bold=True), PatternFill("solid", fgColor="DDE6F0"), Alignment(vertical="center")
    sheets: list[Any] = []

    def new_sheet() -> Any:
        sheet = book.create_sheet(SHEET_TITLE if not sheets else f"{SHEET_TITLE}({len(sheets) + 1})")
        for i, width in enumerate(WIDTHS, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.freeze_panes = "A2"
        header: list[Any] = []
        for title in HEADERS:
            cell = WriteOnlyCell(sheet, value=title)
            cell.font, cell.fill, cell.alignment = bold, fill, middle
            header.append(cell)
        sheet.append(header)
        sheets.append(sheet)
        return sheet

    def finish(sheet: Any, rows: int) -> None:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{rows + 1}"

    target.parent.mkdir(parents=True, exist_ok=True)
    # Beside the target (same volume, so the rename is atomic); openpyxl's sheet files, which hold the
    # rows until the save, go to the private folder beside the database rather than the system's.
    temp = temp_path_for(target)
    with private_temp(db.path):
        try:
            sheet = new_sheet()
            on_sheet = done = 0
            with closing(_batches(reader, batch)) as batches:  # ends the read transaction on any exit
                for rows in batches:
                    if cancel is not None and cancel.is_set():
                        raise ExportCancelled()
                    for row in rows:
                        if on_sheet == sheet_rows:
                            finish(sheet, on_sheet)
                            sheet, on_sheet = new_sheet(), 0
                        sheet.append(write_only_row(sheet, row))  # user text stays text, never a formula
                        on_sheet += 1
                    done += len(rows)
                    total = max(total, done)  # the count was taken a moment before the snapshot
                    if progress is not None:
                        progress(done, total)
            if cancel is not None and cancel.is_set():
                raise ExportCancelled()
            finish(sheet, on_sheet)
            with shown_as(target, temp):
                book.save(temp)
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


def _discard(sheets: list[Any]) -> None:
    """Closes the write-only sheets of an abandoned workbook and removes their temporary files
    (left open, each would write its closing tags into a closed file when collected)."""
    for sheet in sheets:
        try:
            if not sheet.closed:
                sheet.close()
            sheet._writer.cleanup()
        except (OSError, ValueError):
            log.debug("temporary sheet file already gone", exc_info=True)
