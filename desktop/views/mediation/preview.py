"""Print preview: the PDF's pages rendered (pypdfium2) into a Qt widget; print with copies; save as PDF.

PySide6-Essentials has no QtPdf, so pages are rasterised by PDFium. Rendering (fonts, reportlab,
PDFium) runs on the thread pool; the GUI thread only shows images. The document is produced through
the print registry, which reads through the services and audits it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
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
from desktop.views.screen_fit import fit_window
from desktop.views.tasks import report_failure, run_write

_pdfium_lock = threading.Lock()  # PDFium is not thread-safe


def render_pages(pdf: bytes, dpi: float) -> list[QImage]:
    """Rasterises every page (any thread). QImage copies, so PDFium's buffers can go."""
    import pypdfium2 as pdfium

    images: list[QImage] = []
    with _pdfium_lock:
        document = pdfium.PdfDocument(pdf)
        try:
            for index in range(len(document)):
                page = document[index]
                bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
                width, height, stride = bitmap.width, bitmap.height, bitmap.stride
                image = QImage(bitmap.buffer, width, height, stride, QImage.Format.Format_RGB888).copy()
                images.append(image)
                bitmap.close()
                page.close()
        finally:
            document.close()
    return images


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paints the pages onto the printer, `copyCount` times where the printer cannot do copies itself.

    Returns the number of pages sent.
    """
    dpi = min(printer.resolution(), 300)
    pages = render_pages(pdf, dpi)
    copies = max(1, printer.copyCount())
    repeat = 1 if printer.supportsMultipleCopies() else copies
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError("无法开始打印，请检查打印机。", "Printing could not start; check the printer.")
    sent = 0
    try:
        for copy in range(repeat):
            for index, image in enumerate(pages):
                if copy or index:
                    printer.newPage()
                target = painter.viewport()
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRectF(0, 0, scaled.width(), scaled.height()), image)
                sent += 1
    finally:
        painter.end()
    return sent


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
        return document, render_pages(document.pdf, 110)

    def _done(self, result: tuple[Document, list[QImage]]) -> None:
        self.document, self.images = result
        status = (
            self.tr("{label}，共 {pages} 页，事件版本 {ver}")
            if registry.get(self.kind).subject_noun == "事件"
            else self.tr("{label}，共 {pages} 页，案件版本 {ver}")
        ).format(label=self.document.subject_label, pages=self.document.pages, ver=self.document.ver)
        if self.document.reference_only:
            status += self.tr("（仅供查阅副本：身份证号和出生日期已隐去）")
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
        width = int(max(i.width() for i in self.images) * self.zoom)
        heights = [int(i.height() * width / i.width()) for i in self.images]
        sheet = QPixmap(width + 2 * gap, sum(heights) + gap * (len(heights) + 1))
        sheet.fill(Qt.GlobalColor.lightGray)
        painter = QPainter(sheet)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        y = gap
        for image, height in zip(self.images, heights, strict=True):
            painter.drawImage(QRectF(gap, y, width, height), image)
            y += height + gap
        painter.end()
        self.pages_label.setPixmap(sheet)
        self.pages_label.resize(sheet.size())

    def print_document(self) -> None:
        if self.document is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(f"{self.document.title} {self.document.subject_label}")
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印 — {title}").format(title=self.document.title))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.send_to(printer)

    def send_to(self, printer: QPrinter) -> int:
        assert self.document is not None
        try:
            sent = print_pdf(self.document.pdf, printer)
            registry.record_output(
                self.db,
                self.actor,
                self.document,
                "打印",
                printer.copyCount(),
                printer.printerName() or printer.outputFileName(),
            )
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法打印"), error_text(exc))
            return 0
        return sent

    def save_pdf(self) -> None:
        if self.document is None:
            return
        path = file_dialogs.save_path(
            self, self.tr("另存为 PDF"), f"{self.document.file_stem}.pdf", self.tr("PDF 文件 (*.pdf)")
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
