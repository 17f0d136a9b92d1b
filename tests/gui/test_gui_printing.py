"""Printing from the preview to a real QPrinter (writing a PDF): A4 at true size, the page range chosen
in the print dialog, in the background with progress and 取消; and the preview sharp on a scaled
screen (rendered at the device pixel ratio)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageRanges
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.db import Database
from desktop.models import AuditEntry
from desktop.services import mediation
from desktop.services.accounts.permissions import Actor
from desktop.views.mediation.preview import PrintPreviewDialog, prepare_printer, print_pdf

ROOT = Path(__file__).resolve().parents[2]


def ink_box(pdf: Path | bytes, index: int) -> tuple[float, float, float, float]:
    """The box around everything printed on a page, as fractions of the page's width and height."""
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[index].render(scale=100 / 72, grayscale=True).to_pil()
    finally:
        document.close()
    box = image.point(lambda v: 255 if v < 200 else 0).getbbox()
    assert box is not None, "blank page"
    left, top, right, bottom = box
    return left / image.width, top / image.height, right / image.width, bottom / image.height


def open_preview(qtbot: QtBot, db: Database, actor: Actor, kind: str) -> PrintPreviewDialog:
    case_id = mediation.resolve_case_id(db, actor, f"{mediation.local_today(db).year}-1")
    dialog = PrintPreviewDialog(db, actor, kind, case_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.document is not None, timeout=30000)
    return dialog


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    prepare_printer(printer)  # what 打印… does before the print dialog opens
    return printer


def test_the_chosen_pages_print_on_a4_at_true_size(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], tmp_path: Path
) -> None:
    actor = login_as("tiaojie")
    dialog = open_preview(qtbot, demo_db, actor, "case-file")
    assert dialog.document is not None
    source = dialog.document.pdf
    assert dialog.document.pages >= 4
    printer = pdf_printer(tmp_path / "printed.pdf")
    # The range typed into the print dialog: pages 2–3 of the case file.
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setPageRanges(QPageRanges.fromString("2-3"))

    assert dialog.send_to(printer) is not None
    assert not dialog.print_button.isEnabled()  # the window stays live while the pages go out
    qtbot.waitUntil(lambda: dialog.printing is None, timeout=60000)

    printed = PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == 2
    for page in printed.pages:
        assert abs(float(page.mediabox.width) - 595.3) <= 1 and abs(float(page.mediabox.height) - 841.9) <= 1
    for printed_index, source_index in ((0, 1), (1, 2)):
        want, got = ink_box(source, source_index), ink_box(tmp_path / "printed.pdf", printed_index)
        # Neither shrunk into the printable area nor shifted: the same place on the sheet within 1 %.
        assert all(abs(w - g) <= 0.01 for w, g in zip(want, got, strict=True)), (want, got)
    with demo_db.reading() as session:
        details = session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "打印文书")).all()
    assert any('"purpose": "打印"' in d and "第 2-3 页" in d for d in details)
    assert dialog.print_button.isEnabled()
    # The status line keeps the document's summary and says what this run did.
    assert dialog.status.text().endswith("已送出 2 页。") and "共" in dialog.status.text()


def test_cancelling_stops_after_the_page_in_hand(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], tmp_path: Path
) -> None:
    actor = login_as("tiaojie")
    dialog = open_preview(qtbot, demo_db, actor, "case-file")
    assert dialog.document is not None
    cancel = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        cancel.set()  # 取消 pressed while the first page was printing

    printer = pdf_printer(tmp_path / "printed.pdf")
    run = print_pdf(dialog.document.pdf, printer, range(dialog.document.pages), progress, cancel)
    assert run.cancelled and run.sent == 1
    assert seen == [(1, dialog.document.pages)]


PREVIEW_AT_150 = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from sqlalchemy.orm import selectinload
app = QApplication([])
from desktop.db import Database
from desktop.models import User
from desktop.services.accounts import auth
from desktop.services import mediation
from desktop.views.mediation.preview import PrintPreviewDialog
db = Database.open(Path(sys.argv[1]))
with db.reading() as session:
    user = session.scalar(
        select(User).where(User.username == "tiaojie").options(selectinload(User.role_links))
    )
    actor = auth.build_actor(session, user)
case_id = mediation.resolve_case_id(db, actor, f"{mediation.local_today(db).year}-1")
dialog = PrintPreviewDialog(db, actor, "mediation-agreement", case_id)
dialog.show()
while dialog.document is None:
    app.processEvents()
pixmap = dialog.pages_label.pixmap()
print(json.dumps({"screen": dialog.devicePixelRatioF(), "pixmap": pixmap.devicePixelRatio(),
    "image_width": dialog.images[0].width(), "label_width": dialog.pages_label.width()}))
db.close()
"""


def test_the_preview_is_rendered_at_the_screens_pixel_ratio(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    """At 150 % the page images have 1.5 times the pixels and show one to one: sharp, same size."""
    at_100 = open_preview(qtbot, demo_db, login_as("tiaojie"), "mediation-agreement")
    assert at_100.pages_label.pixmap().devicePixelRatio() == 1
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "1.5"}
    done = subprocess.run(
        [sys.executable, "-c", PREVIEW_AT_150, str(demo_db.path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    at_150 = json.loads(done.stdout.splitlines()[-1])
    assert at_150["screen"] == at_150["pixmap"] == 1.5
    assert abs(at_150["image_width"] / at_100.images[0].width() - 1.5) < 0.01
    assert abs(at_150["label_width"] - at_100.pages_label.width()) <= 2  # the same size on screen


WINDOWS_PDF_PRINTER = "Microsoft Print to PDF"


@pytest.mark.skipif(sys.platform != "win32", reason="the Windows print engine (GDI) and a printer driver")
def test_a_windows_printer_driver_gets_the_chosen_a4_pages_at_true_size(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], tmp_path: Path
) -> None:
    """Run by the Windows workflow with QT_QPA_PLATFORM=windows (offscreen Qt lists no printers): the
    same run as above through the driver, painted from a worker thread on the GDI print engine."""
    if WINDOWS_PDF_PRINTER not in QPrinterInfo.availablePrinterNames():
        pytest.skip(f"no printer named {WINDOWS_PDF_PRINTER} (or QT_QPA_PLATFORM is offscreen)")
    dialog = open_preview(qtbot, demo_db, login_as("tiaojie"), "case-file")
    assert dialog.document is not None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(WINDOWS_PDF_PRINTER)
    prepare_printer(printer)
    out = tmp_path / "driver.prn"  # not .pdf: with that suffix Qt would write the PDF itself
    printer.setOutputFileName(str(out))
    assert printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setPageRanges(QPageRanges.fromString("2-3"))
    assert dialog.send_to(printer) is not None
    qtbot.waitUntil(lambda: dialog.printing is None, timeout=120000)
    printed = PdfReader(out)
    assert len(printed.pages) == 2
    for page in printed.pages:
        assert abs(float(page.mediabox.width) - 595.3) <= 1 and abs(float(page.mediabox.height) - 841.9) <= 1
    for printed_index, source_index in ((0, 1), (1, 2)):
        want, got = ink_box(dialog.document.pdf, source_index), ink_box(out, printed_index)
        assert all(abs(w - g) <= 0.01 for w, g in zip(want, got, strict=True)), (want, got)
