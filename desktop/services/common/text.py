"""Text coming in from a person or a file: one cleaning rule and one table of lengths.

Every service that stores text a person typed or a file held passes it through `clean_line` (one-line
fields) or `clean_block` (multi-line fields); the forms take their maximum lengths from the same
constants, so the GUI stops a user before the service has to. The rule:

- Control characters are dropped: the C0 ones (XML 1.0, and so an xlsx file, cannot hold them and
  openpyxl refuses a whole workbook over one), DEL and the C1 block (invisible; they come in with pasted
  text, nobody types them), and the non-characters U+FFFE/U+FFFF. A multi-line field keeps tab and
  newline (CR LF and a lone CR become LF); a one-line field turns line breaks and tabs into a space.
- A lone surrogate (half of a UTF-16 pair, which no file or database can encode) is refused with a message.
- Surrounding whitespace is stripped; text still longer than the field's limit is refused, naming the
  field and its limit (never cut silently).

Search boxes use `clean_search` (same dropping, capped instead of refused) and `like_contains`, which
escapes LIKE's wildcards so `%` and `_` are searched for literally.
"""

from __future__ import annotations

import re

from desktop.errors import ValidationError

# The C0 controls XML 1.0 cannot carry (tab, LF and CR are handled per kind of field), DEL, the C1 block
# and U+FFFE/U+FFFF. openpyxl's ILLEGAL_CHARACTERS_RE ([\x00-\x08\x0b\x0c\x0e-\x1f]) is a subset.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAK = re.compile("\r\n?|[\u2028\u2029]")
_LINE_SPACE = re.compile("[\t\n\r\u2028\u2029]+")
# Invisible characters pasted with text (from web pages, Word): they would split a word in two.
_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff]")
LIKE_ESCAPE = "\\"


# --- lengths ---------------------------------------------------------------------------------------
# The longest text each field takes, in characters. Where the column is String(n) the limit is n (so
# what a form accepts always fits); for Text columns it is what one form or one cell sensibly holds.

PERSON_NAME = 50  # Person.name, Event.reporter_name
DISPLAY_NAME = 40  # User.display_name, and the recorder / visitor names of mediation documents
ETHNICITY = 20
PHONE = 20
ADDRESS = 200  # Person, Event, TownProfile, committee and organisation addresses
PERSON_NOTE = 1000
OCCUPATION = 50
EMPLOYER = 100
ORG_NAME = 100
ORG_LEGAL_REP = 50

EVENT_TITLE = 100
EVENT_DESCRIPTION = 5000
EVENT_NOTE = 2000  # a workflow step's note, reason or supervision request

CODE = 20  # matter item and department codes (CODE_PATTERN allows 1–20 letters and digits)
ITEM_NAME = 80  # MatterItem.name
ITEM_DESCRIPTION = 5000
ITEM_KEYWORDS = 200  # MatterItem.keywords
ADMISSION_NOTE = 200
LEGAL_BASIS = 5000
DOMAIN_NAME = 60
CATEGORY_NAME = 60
DEPARTMENT_NAME = 60
CONTACT_PERSON = 40
DEPARTMENT_NOTE = 200
LIST_VERSION = 20
PUBLISHER = 60
VERSION_NOTE = 2000

COMMUNITY_NAME = 50
GRID_NAME = 50
BOUNDARY_NOTE = 200
GRID_PLACES = 2000  # Grid.places: the compounds, buildings and groups a grid covers
TRAINING_TITLE = 100  # WorkerTraining.title
PATROL_ROUTE = 500  # PatrolLog.route: the places walked
PATROL_FINDINGS = 2000  # PatrolLog.findings
HOUSEHOLD_LABEL = 100  # Household.label: 3组12号, 桃源小区5幢301
HOUSEHOLD_NOTE = 200
VISIT_NOTE = 500  # HouseholdVisit.note
TOWN_NAME = 50
COUNTY_NAME = 50
HUB_URL = 200
HOLIDAY_NAME = 40

COMMITTEE_NAME = 60
MEDIATOR_NOTE = 200
CASE_TITLE = 100
MEDIATION_TEXT = 10000  # the narrative fields of a case and its documents
PLACE = 100
SUBJECT = 200
PARTICIPANTS = 200  # an investigation's
SESSION_PARTICIPANTS = 300  # a mediation session's, invited helpers included
PARTIES_PRESENT = 300
COURT = 60
REVISIT_LINE = 200  # 回访事由, 是否另行起诉, 有无激化迹象
PAPER_TITLE = 100  # a paper filed in the case file by hand

ASSESSMENT_REASON = 200  # an adjustment's reason, an appeal and its decision
SCHEME_NAME = 60

AUDIT_REASON = 500
SEARCH = 100  # search boxes: longer text is cut to this before it reaches LIKE or FTS5


# --- cleaning --------------------------------------------------------------------------------------


def _prepare(value: object, field: str, label: tuple[str, str] | None) -> str:
    text = "" if value is None else str(value)
    if _SURROGATE.search(text):
        zh, en = label or ("内容", "text")
        raise ValidationError(
            f"{zh}含有无法保存的字符（不成对的代理字符），请删除后重新输入。",
            f"The {en} holds a character that cannot be stored (a lone surrogate); retype it.",
            field,
        )
    return _UNSTORABLE.sub("", _ZERO_WIDTH.sub("", text))


def _check_length(text: str, field: str, limit: int, label: tuple[str, str] | None) -> str:
    if len(text) > limit:
        zh, en = label or ("内容", "text")
        raise ValidationError(
            f"{zh}最多 {limit} 字，现有 {len(text)} 字，请删减。",
            f"The {en} takes at most {limit} characters; it has {len(text)}.",
            field,
        )
    return text


def clean_line(value: object, field: str, limit: int, label: tuple[str, str] | None = None) -> str:
    """One-line text as stored: unstorable characters dropped, line breaks and tabs turned into a space,
    stripped, at most `limit` characters. `field` names the form field a message belongs next to and
    `label` is its (Chinese, English) caption for the message."""
    text = _LINE_SPACE.sub(" ", _prepare(value, field, label)).strip()
    return _check_length(text, field, limit, label)


def clean_block(value: object, field: str, limit: int, label: tuple[str, str] | None = None) -> str:
    """Multi-line text as stored: as `clean_line`, but tabs and newlines are kept (CR LF and CR become LF)."""
    text = _LINE_BREAK.sub("\n", _prepare(value, field, label)).strip()
    return _check_length(text, field, limit, label)


def clean_search(value: object, limit: int = SEARCH) -> str:
    """Search-box text: unstorable characters and lone surrogates dropped, whitespace collapsed, cut to
    `limit`. A search never fails over what was typed; the longest useful needle is short."""
    text = "" if value is None else str(value)
    text = _ZERO_WIDTH.sub("", _SURROGATE.sub("", text).replace("\x85", " "))
    text = _LINE_SPACE.sub(" ", _UNSTORABLE.sub("", text)).strip()
    return text[:limit].strip()


def like_contains(needle: str) -> str:
    """A LIKE pattern matching `needle` anywhere, its `%`, `_` and escape character taken literally.
    Use with `column.like(pattern, escape=LIKE_ESCAPE)`."""
    escaped = needle.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
