"""The print registry: document kind names (DESIGN.md §5) mapped to what resolves, lists and renders them.

A module that adds documents calls `register()` at import and is named in `PROVIDERS` (in the order
`towncentre print --kinds` lists them). Only registered kinds are printable and listed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from desktop.db import Database
from desktop.errors import UserError
from desktop.services.accounts.permissions import Actor

# Modules that register document kinds when imported.
PROVIDERS = [
    "desktop.printing.event_docs",
    "desktop.printing.mediation_docs",
    "desktop.printing.duty_docs",
    "desktop.printing.assessment_docs",
]


class NotApplicable(UserError):
    """The case has no such document (e.g. an application form for a case the committee started)."""


@dataclass(frozen=True)
class Document:
    kind: str
    subject_id: str
    subject_label: str  # e.g. the case's file number
    title: str  # e.g. 人民调解协议书
    ver: int  # the record version the document shows (SYNC.md)
    pdf: bytes
    pages: int
    full_ids: bool = False  # full resident IDs on it (the reader has PERSON_VIEW_ID; audited so)
    # Masked for a reader without PERSON_VIEW_ID and marked 「仅供查阅，非正式文书」 on every page.
    reference_only: bool = False
    # Shows a period not yet confirmed, marked 「草稿」 on every page (the 考核通报 of a month in draft).
    draft: bool = False

    @property
    def file_stem(self) -> str:
        """The command line's `--all` file names: the kind's ASCII name, stable for scripts."""
        safe = "".join(c for c in self.subject_label if c not in '\\/:*?"<>|（）() ')
        return f"{self.kind}_{safe or self.subject_id}"

    @property
    def name(self) -> str:
        """What the window calls the document for a person: the print job (the print dialog's file name)
        and the 另存为 PDF default, 「考核通报 2026-10」, the same for every kind; without the characters
        Windows refuses in a file name."""
        label = "".join(c for c in self.subject_label if c not in '\\/:*?"<>|').strip()
        return f"{self.title} {label}" if label else self.title


@dataclass(frozen=True)
class DocumentKind:
    name: str
    title_zh: str
    title_en: str
    # ident as the user typed it (number or id) -> the subject's id; checks the read permission
    resolve: Callable[[Database, Actor, str], str]
    # every subject that has this document, for --all
    list_ids: Callable[[Database, Actor], list[str]]
    # renders one subject's document; raises NotApplicable when the subject has none
    render: Callable[[Database, Actor, str], Document]
    # writes the audit row for a produced document: (db, actor, document, purpose, copies, target)
    audit: Callable[[Database, Actor, Document, str, int, str], None]
    # What a subject is called where the preview and the command line name it (…版本, 个…): 案件 or 事件.
    subject_noun: str = "案件"


_kinds: dict[str, DocumentKind] = {}
_loaded = False


def register(kind: DocumentKind) -> None:
    if kind.name in _kinds and _kinds[kind.name] is not kind:
        raise ValueError(f"document kind {kind.name} registered twice")
    _kinds[kind.name] = kind


def _load() -> None:
    global _loaded
    if not _loaded:
        for module in PROVIDERS:
            importlib.import_module(module)
        _loaded = True


def kinds() -> list[DocumentKind]:
    """In PROVIDERS order, whichever module happened to be imported first; a module's own in its order."""
    _load()
    rank = {module: i for i, module in enumerate(PROVIDERS)}
    return sorted(_kinds.values(), key=lambda k: rank.get(k.render.__module__, len(PROVIDERS)))


def get(name: str) -> DocumentKind:
    _load()
    try:
        return _kinds[name]
    except KeyError:
        known = "、".join(_kinds)
        raise UserError(
            f"没有名为 {name} 的文书种类。可用：{known}",
            f"No document kind named {name}. Known: {', '.join(_kinds)}",
        ) from None


def render(
    kind: DocumentKind, db: Database, actor: Actor, subject_id: str, *, allow_missing_glyphs: bool = False
) -> Document:
    """Renders without auditing. A character no installed font has raises fonts.MissingGlyph unless
    `allow_missing_glyphs` (the user was asked): then it is printed as its code point, 「[U+20BB7]」."""
    from desktop.printing.layout import missing_glyphs_allowed

    with missing_glyphs_allowed(allow_missing_glyphs):
        return kind.render(db, actor, subject_id)


def produce(
    db: Database,
    actor: Actor,
    kind_name: str,
    subject_id: str,
    purpose: str,
    target: str = "",
    *,
    allow_missing_glyphs: bool = False,
) -> Document:
    """Renders a document and audits it (purpose: 预览 / 打印 / 另存 / 命令行)."""
    kind = get(kind_name)
    document = render(kind, db, actor, subject_id, allow_missing_glyphs=allow_missing_glyphs)
    kind.audit(db, actor, document, purpose, 1, target)
    return document


def record_output(
    db: Database, actor: Actor, document: Document, purpose: str, copies: int = 1, target: str = ""
) -> None:
    """Audits what happened to a document already rendered (sent to a printer, saved as a file)."""
    get(document.kind).audit(db, actor, document, purpose, copies, target)
