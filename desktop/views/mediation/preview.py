"""Print preview: the PDF's pages rendered (pypdfium2) into a Qt widget; print with copies; save as PDF.

PySide6-Essentials has no QtPdf, so pages are rasterised by PDFium. Rendering (fonts, reportlab,
PDFium) and printing run on the thread pool, printing one page at a time with progress and 取消; the
GUI thread only shows images. The preview is rendered at the screen's device pixel ratio (sharp at
125 % and 150 %); the printer gets A4 pages at true size. The document is produced through
the print registry, which reads through the services and audits it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QPixmap, QShortcut
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.db import Database
from desktop.errors import UserError
from desktop.printing import registry
from desktop.printing.fonts import MissingGlyph, code_point_mark
from desktop.printing.registry import Document
from desktop.services.accounts.permissions import Actor
from desktop.services.common.files import write_bytes_atomically
from desktop.views import file_dialogs
from desktop.views.i18n import error_text
from desktop.views.icons import icon
from desktop.views.screen_fit import fit_window, scroll_contents
from desktop.views.tasks import Progress, Task, report_failure, run_read, run_write

_pdfium_lock = threading.Lock()  # PDFium is not thread-safe

PREVIEW_DPI = 110  # at 100 % zoom and a device pixel ratio of 1
PRINT_DPI = 300  # enough for text; a page image at 300 dpi is 26 MB, and only one is held at a time


def _page_image(document: Any, index: int, dpi: float) -> QImage:
    """One page as a QImage (a copy, so PDFium's buffer can go); the caller holds `_pdfium_lock`."""
    page = document[index]
    try:
        bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
        try:
            width, height, stride = bitmap.width, bitmap.height, bitmap.stride
            return QImage(bitmap.buffer, width, height, stride, QImage.Format.Format_RGB888).copy()
        finally:
            bitmap.close()
    finally:
        page.close()


def render_pages(pdf: bytes, dpi: float) -> list[QImage]:
    """Rasterises every page (any thread)."""
    import pypdfium2 as pdfium

    with _pdfium_lock:
        document = pdfium.PdfDocument(pdf)
        try:
            return [_page_image(document, index, dpi) for index in range(len(document))]
        finally:
            document.close()


def prepare_printer(printer: QPrinter) -> None:
    """A4, and the whole sheet as the painter's page: the documents carry their own GB/T 9704 margins,
    so a page is printed at true size from the sheet's corner, not shrunk into the printable area."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)


def print_dialog(printer: QPrinter, parent: QWidget, title: str, pages: int) -> QPrintDialog:
    """The print dialog with a page range. On Linux it is Qt's own (Windows shows its native one,
    which this leaves alone): its contents scroll, so it fits a small scaled screen."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setMinMax(1, pages)
    if dialog.layout() is not None:  # a native dialog (Windows, macOS) has no Qt layout
        scroll_contents(dialog)
    return dialog


def chosen_pages(printer: QPrinter, count: int) -> list[int]:
    """The 0-based pages the print dialog's range selects (every page when no range was chosen)."""
    ranges = printer.pageRanges()
    if printer.printRange() != QPrinter.PrintRange.PageRange or ranges.isEmpty():
        return list(range(count))
    return [index for index in range(count) if ranges.contains(index + 1)]


@dataclass(frozen=True)
class PrintRun:
    sent: int  # pages handed to the printer, copies included
    cancelled: bool = False
    discarded: bool = False  # cancelled, and the printer dropped the pages already sent


def print_pdf(
    pdf: bytes,
    printer: QPrinter,
    pages: Sequence[int],
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> PrintRun:
    """Paints `pages` (0-based) onto the printer, `copyCount` times where the printer cannot do copies
    itself. Any thread (Qt paints on a QPrinter outside the GUI thread); one page image at a time, each
    rendered at the printer's resolution (at most PRINT_DPI) and drawn at the PDF page's true size."""
    import pypdfium2 as pdfium

    copies = max(1, printer.copyCount())
    repeat = 1 if printer.supportsMultipleCopies() else copies
    total = len(pages) * repeat
    dpi = min(printer.resolution(), PRINT_DPI)
    device_per_point = printer.resolution() / 72
    with _pdfium_lock:
        document = pdfium.PdfDocument(pdf)
    painter = QPainter()
    sent = 0
    try:
        if not painter.begin(printer):
            raise UserError("无法开始打印，请检查打印机。", "Printing could not start; check the printer.")
        try:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            for _copy in range(repeat):
                for index in pages:
                    if cancel is not None and cancel.is_set():
                        return PrintRun(sent, cancelled=True, discarded=printer.abort())
                    if sent:
                        printer.newPage()
                    with _pdfium_lock:
                        image = _page_image(document, index, dpi)
                        width, height = document.get_page_size(index)
                    painter.drawImage(
                        QRectF(0, 0, width * device_per_point, height * device_per_point), image
                    )
                    del image
                    sent += 1
                    if progress is not None:
                        progress(sent, total)
        finally:
            painter.end()
    finally:
        with _pdfium_lock:
            document.close()
    return PrintRun(sent)


class PrintPreviewDialog(QDialog):
    """Shows one document; 打印 (printer, copies) and 另存为 PDF act on exactly what is shown."""

    def __init__(
        self, db: Database, actor: Actor, kind: str, case_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.actor, self.kind, self.case_id = db, actor, kind, case_id
        self.document: Document | None = None
        self.images: list[QImage] = []
        self.zoom = 1.0
        # Physical pixels per logical pixel: the pages are rendered this much finer than 110 dpi.
        self.pixel_ratio = max(1.0, self.devicePixelRatioF())
        self.printing: Task | None = None
        self.cancel_printing = threading.Event()
        title = registry.get(kind).title_zh
        self.setWindowTitle(self.tr("打印预览 — {title}").format(title=title))
        fit_window(self, 900, 1000)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.print_button = QPushButton(icon("fa5s.print"), self.tr("打印…"))
        self.print_button.setToolTip("Ctrl+P")
        self.save_button = QPushButton(icon("fa5s.file-pdf"), self.tr("另存为 PDF…"))
        self.zoom_out = QPushButton(self.tr("缩小"))
        self.zoom_in = QPushButton(self.tr("放大"))
        self.status = QLabel(self.tr("正在生成文书…"))
        self.summary = ""
        for w in (self.print_button, self.save_button, self.zoom_out, self.zoom_in):
            w.setEnabled(False)
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.status)
        layout.addLayout(bar)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(False)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages_label = QLabel()
        self.pages_label.setObjectName("previewPages")
        self.scroll_area.setWidget(self.pages_label)
        layout.addWidget(self.scroll_area, 1)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        layout.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_pdf)
        self.zoom_in.clicked.connect(lambda: self.set_zoom(self.zoom * 1.25))
        self.zoom_out.clicked.connect(lambda: self.set_zoom(self.zoom / 1.25))
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_document)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self.set_zoom(self.zoom * 1.25))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self.set_zoom(self.zoom / 1.25))
        # Set once the user agreed to print characters no font has as 「[U+20BB7]」.
        self.mark_missing = False
        # On the writer: producing the document writes its audit row (预览).
        self.task = run_write(self._work, self._done, on_failed=self._failed, parent=self)

    def _work(self, _progress: object) -> tuple[Document, list[QImage]]:
        document = registry.produce(
            self.db,
            self.actor,
            self.kind,
            self.case_id,
            "预览",
            allow_missing_glyphs=self.mark_missing,
        )
        return document, render_pages(document.pdf, PREVIEW_DPI * self.pixel_ratio)

    def _done(self, result: tuple[Document, list[QImage]]) -> None:
        self.document, self.images = result
        noun = registry.get(self.kind).subject_noun
        texts = {
            "事件": self.tr("{label}，共 {pages} 页，事件版本 {ver}"),
            "案件": self.tr("{label}，共 {pages} 页，案件版本 {ver}"),
            "考核结果": self.tr("{label}，共 {pages} 页，考核结果版本 {ver}"),
            "考核周期": self.tr("{label}，共 {pages} 页，考核周期版本 {ver}"),
        }
        # A month's rota or sheet has no record version.
        status = texts.get(noun, self.tr("{label}，共 {pages} 页")).format(
            label=self.document.subject_label, pages=self.document.pages, ver=self.document.ver
        )
        if self.document.reference_only:
            status += self.tr("（仅供查阅副本：身份证号和出生日期已隐去）")
        if self.document.draft:
            status += self.tr("（草稿：考核尚未确认）")
        self.summary = status
        self.status.setText(status)
        for w in (self.print_button, self.save_button, self.zoom_out, self.zoom_in):
            w.setEnabled(True)
        self.set_zoom(1.0)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, MissingGlyph) and not self.mark_missing:
            self.status.setText(error_text(exc))
            if self.ask_mark_missing(exc):
                self.mark_missing = True
                self.status.setText(self.tr("正在生成文书…"))
                self.task = run_write(self._work, self._done, on_failed=self._failed, parent=self)
        elif isinstance(exc, UserError):
            self.status.setText(error_text(exc))  # in the dialog's status line, not a message box
        else:
            report_failure(exc, self)

    def ask_mark_missing(self, exc: MissingGlyph) -> bool:
        """A court's copy must match the ID card: printing the code point instead is the user's call."""
        answer = QMessageBox.question(
            self,
            self.tr("缺少字体"),
            error_text(exc)
            + "\n\n"
            + self.tr("是否仍然打印，把该字印作“{mark}”？").format(mark=code_point_mark(exc.char)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def set_zoom(self, zoom: float) -> None:
        """Shows every page, one under the other, as one picture in the scroll area."""
        self.zoom = max(0.3, min(zoom, 3.0))
        if not self.images:
            return
        gap = 12
        ratio = self.pixel_ratio
        width = int(max(i.width() for i in self.images) * self.zoom / ratio)  # logical pixels
        heights = [int(i.height() * width / i.width()) for i in self.images]
        logical_height = sum(heights) + gap * (len(heights) + 1)
        sheet = QPixmap(round((width + 2 * gap) * ratio), round(logical_height * ratio))
        sheet.setDevicePixelRatio(ratio)  # painted in logical pixels, shown one image pixel per screen pixel
        sheet.fill(Qt.GlobalColor.lightGray)
        painter = QPainter(sheet)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        y = gap
        for image, height in zip(self.images, heights, strict=True):
            painter.drawImage(QRectF(gap, y, width, height), image)
            y += height + gap
        painter.end()
        self.pages_label.setPixmap(sheet)
        self.pages_label.resize(sheet.deviceIndependentSize().toSize())

    def print_document(self) -> None:
        if self.document is None or self.printing is not None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.document.name)
        prepare_printer(printer)
        title = self.tr("打印 — {title}").format(title=self.document.title)
        dialog = print_dialog(printer, self, title, self.document.pages)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.send_to(printer)

    def send_to(self, printer: QPrinter) -> Task | None:
        """Prints in the background behind a progress dialog; the audit row is written once the pages
        went to the printer (not for a run cancelled before the end). Returns the task, None if busy."""
        if self.document is None or self.printing is not None:
            return None
        document = self.document
        pages = chosen_pages(printer, document.pages)
        if not pages:
            QMessageBox.warning(self, self.tr("无法打印"), self.tr("所选页码不在本文书的页数之内。"))
            return None
        self.cancel_printing.clear()
        progress = QProgressDialog(self.tr("正在打印…"), self.tr("取消"), 0, len(pages), self)
        progress.setWindowTitle(self.tr("打印 — {title}").format(title=document.title))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self.cancel_printing.set)
        progress.setValue(0)  # shows it now: the first page takes a moment
        self.print_button.setEnabled(False)

        def work(report: Progress) -> PrintRun:
            return print_pdf(document.pdf, printer, pages, report, self.cancel_printing)

        def step(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)
            progress.setLabelText(self.tr("已打印 {done} 页，共 {total} 页…").format(done=done, total=total))

        def finished() -> None:
            self.printing = None
            progress.close()
            progress.deleteLater()
            self.print_button.setEnabled(True)

        def done(run: PrintRun) -> None:
            # What became of this run, after the document's summary (never a stale word from the last).
            outcome = (
                self.tr("已取消打印，送出 {n} 页。").format(n=run.sent)
                if run.cancelled
                else self.tr("已送出 {n} 页。").format(n=run.sent)
            )
            self.status.setText(f"{self.summary}　{outcome}")
            if run.sent == 0 or run.discarded:
                return
            # Audited as soon as any page may come out of the printer, a cancelled run included.
            target = printer.printerName() or printer.outputFileName()
            if len(pages) < document.pages:
                target += f"（第 {printer.pageRanges().toString()} 页）"
            if run.cancelled:
                target += f"（已取消，送出 {run.sent} 页）"
            registry.record_output(self.db, self.actor, document, "打印", printer.copyCount(), target)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserError):
                QMessageBox.warning(self, self.tr("无法打印"), error_text(exc))
            else:
                report_failure(exc, self)

        # A reader thread: printing writes nothing to the database and must not hold up the writer.
        self.printing = run_read(work, done, on_failed=failed, on_progress=step, always=finished, parent=self)
        return self.printing

    def reject(self) -> None:
        if self.printing is not None:  # the progress dialog's 取消 stops it; closing waits for that
            self.cancel_printing.set()
            return
        super().reject()

    def save_pdf(self) -> None:
        if self.document is None:
            return
        path = file_dialogs.save_path(
            self, self.tr("另存为 PDF"), f"{self.document.name}.pdf", self.tr("PDF 文件 (*.pdf)")
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        assert self.document is not None
        document = self.document
        try:
            # Owner-only temporary file, audited, then renamed over the target: no file without its
            # audit row, and an interrupted save leaves the old file.
            write_bytes_atomically(
                path,
                document.pdf,
                lambda: registry.record_output(self.db, self.actor, document, "另存", 1, str(path)),
            )
        except UserError as exc:  # the old file is open elsewhere (Windows)
            QMessageBox.warning(self, self.tr("无法保存"), error_text(exc))
            return
        except OSError as exc:
            QMessageBox.warning(self, self.tr("无法保存"), self.tr("文件无法写入：{error}").format(error=exc))
            return
