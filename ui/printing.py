"""Printing the app's own documents: 打印预览, 打印 and 保存为 PDF.

Every printed document is first written as the app's PDF (``app/`` lays it out with reportlab);
preview and print draw those very pages, rendered by pdfium (``pypdfium2``), into Qt's print
preview and onto the desk's printer (QtPrintSupport), A4 in the document's own orientation.
The PDF is written off the GUI thread; so are the preview's page images and the printing itself
(Qt paints on a ``QPrinter`` from any thread). Saving starts in the user's Documents folder, or
the folder saved to last on this machine, and offers to open the file or its folder afterwards.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import KefuError
from app.i18n import translate
from ui.context import local_settings
from ui.operations import Progress, read_with_progress

PREVIEW = "preview"
PRINT = "print"
SAVE = "save"

PREVIEW_DPI = 110  # the preview keeps every page's image: about 3.5 MB a landscape page
PRINT_DPI = 300
FOLDER_KEY = "printing/folder"

_pdfium_lock = threading.Lock()  # pdfium is not thread-safe: one page at a time


@dataclass(frozen=True)
class Document:
    """One document the app prints. ``title`` names it with its month or number (shown in the
    dialogs); ``file_name`` is the name offered when saving; ``write(path, progress)`` writes the
    PDF (it runs off the GUI thread)."""

    title: str
    file_name: str
    write: Callable[[Path, Progress], object]


@dataclass
class Pages:
    """A written PDF: its path, each page's size in points and, for a preview, the pages'
    images."""

    path: Path
    sizes: list[tuple[float, float]]
    images: list[QImage] = field(default_factory=list)

    @property
    def landscape(self) -> bool:
        width, height = self.sizes[0] if self.sizes else (0.0, 1.0)
        return width > height


def page_sizes(path: Path) -> list[tuple[float, float]]:
    import pypdfium2 as pdfium  # loaded when something is printed, not at start

    with _pdfium_lock:
        document = pdfium.PdfDocument(str(path))
        try:
            return [tuple(document[i].get_size()) for i in range(len(document))]  # type: ignore[misc]
        finally:
            document.close()


def render_pages(path: Path, dpi: float, indices: Sequence[int] | None = None) -> list[QImage]:
    """The pages (all, or those of ``indices``) as images at ``dpi``."""
    import pypdfium2 as pdfium  # loaded when something is printed, not at start

    out: list[QImage] = []
    with _pdfium_lock:
        document = pdfium.PdfDocument(str(path))
        try:
            wanted = range(len(document)) if indices is None else indices
            for index in wanted:
                out.append(_render(document, index, dpi))
        finally:
            document.close()
    return out


def _render(document: Any, index: int, dpi: float) -> QImage:
    page = document[index]
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
    image = QImage(
        bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888
    ).copy()  # detached from pdfium's buffer
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    return image


def setup_printer(printer: QPrinter, pages: Pages, title: str) -> QPrinter:
    """A4 in the document's orientation; the whole sheet is the page (the PDF has its margins)."""
    orientation = (
        QPageLayout.Orientation.Landscape if pages.landscape else QPageLayout.Orientation.Portrait
    )
    printer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(0, 0, 0, 0))
    )
    printer.setFullPage(True)
    printer.setDocName(title)
    printer.setCreator("Kefu Desk")
    return printer


def _page_indices(printer: QPrinter, count: int) -> list[int]:
    first, last = 1, count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(count, printer.toPage() or count)
    return list(range(first - 1, last))


def paint_pages(printer: QPrinter, pages: Pages, progress: Progress | None = None) -> int:
    """Draw the document's pages on ``printer`` (a print preview, a printer or a PDF file): the
    preview's images as they are, else each page rendered at the printer's resolution (at most
    300 dpi). Returns the number of pages drawn."""
    painter = QPainter()
    if not painter.begin(printer):
        raise KefuError(
            translate(
                "Printing", "The printer could not be started: check that it is connected and on."
            )
        )
    try:
        previewing = painter.paintEngine().type() == QPaintEngine.Type.Picture
        indices = _page_indices(printer, len(pages.sizes))
        dpi = min(PRINT_DPI, max(printer.resolution(), 72))
        for number, index in enumerate(indices):
            if number:
                printer.newPage()
            if previewing and pages.images:
                image = pages.images[index]
            else:
                image = render_pages(pages.path, dpi, [index])[0]
            target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
            scale = min(target.width() / image.width(), target.height() / image.height())
            width, height = image.width() * scale, image.height() * scale
            painter.drawImage(
                QRectF(
                    target.left() + (target.width() - width) / 2,
                    target.top() + (target.height() - height) / 2,
                    width,
                    height,
                ),
                image,
            )
            if progress is not None:
                progress(number + 1, len(indices))
        return len(indices)
    finally:
        painter.end()


def documents_folder() -> Path:
    """Where saving starts: the folder saved to last on this machine, else the user's Documents."""
    remembered = str(local_settings().value(FOLDER_KEY, "") or "")
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember_folder(path: Path) -> None:
    local_settings().setValue(FOLDER_KEY, str(path.parent))


class PrintChoice(QDialog):
    """Asks how to output a document: 打印预览 (the default), 打印… or 保存为 PDF…. ``action`` is
    :data:`PREVIEW`, :data:`PRINT` or :data:`SAVE` once accepted; ``form`` takes rows above the
    buttons (the month picker of :class:`ui.month_print.MonthPrintDialog`)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.action = ""
        self.form = QFormLayout()
        self.preview_button = QPushButton(translate("Printing", "Print preview"))
        self.preview_button.setObjectName("print_preview")
        self.preview_button.setDefault(True)
        self.print_button = QPushButton(translate("Printing", "Print…"))
        self.print_button.setObjectName("print_now")
        self.save_button = QPushButton(translate("Printing", "Save as PDF…"))
        self.save_button.setObjectName("save_pdf")
        self.buttons = QDialogButtonBox()
        for button in (self.preview_button, self.print_button, self.save_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button.clicked.connect(lambda: self._choose(PREVIEW))
        self.print_button.clicked.connect(lambda: self._choose(PRINT))
        self.save_button.clicked.connect(lambda: self._choose(SAVE))
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.buttons)

    def _choose(self, action: str) -> None:
        self.action = action
        self.accept()


def offer(
    owner: QWidget,
    document: Document | Callable[[], Document],
    done: Callable[[Path], None] | None = None,
) -> PrintChoice:
    """Ask preview, print or save for ``document`` (or for the one a callable gives once the
    user has chosen), then do it. Returns the dialog (open, not modal to the app)."""
    title = document.title if isinstance(document, Document) else ""
    dialog = PrintChoice(translate("Printing", "Print {title}").format(title=title).strip(), owner)
    if title:
        dialog.form.addRow(QLabel(title))
    dialog.finish_layout()
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def chosen() -> None:
        chosen_document = document if isinstance(document, Document) else document()
        output(owner, chosen_document, dialog.action, done)

    dialog.accepted.connect(chosen)
    dialog.open()
    return dialog


class PreviewDialog(QPrintPreviewDialog):
    """Qt's print preview of a written document; its print button prints the same pages."""

    def __init__(self, pages: Pages, title: str, parent: QWidget | None = None) -> None:
        self.printer = setup_printer(QPrinter(QPrinter.PrinterMode.HighResolution), pages, title)
        super().__init__(self.printer, parent)
        self.pages = pages
        self.setWindowTitle(translate("Printing", "Print preview: {title}").format(title=title))
        self.paintRequested.connect(lambda printer: paint_pages(printer, self.pages))
        self.resize(1000, 720)


class SavedNotice(QDialog):
    """Says where the document was saved and offers to open it or its folder (not modal)."""

    def __init__(self, path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(translate("Printing", "Saved"))
        self.setModal(False)
        text = QLabel(
            translate("Printing", "{title} was saved as {file}").format(title=title, file=path)
        )
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(translate("Printing", "Open"))
        self.open_button.setObjectName("open_saved")
        self.folder_button = QPushButton(translate("Printing", "Open containing folder"))
        self.folder_button.setObjectName("open_folder")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        self.open_button.clicked.connect(self.open_file)
        self.folder_button.clicked.connect(self.open_folder)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def open_file(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))
        self.close()

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))
        self.close()


def _status(owner: QWidget, text: str) -> None:
    window = owner.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 10000)


def _temporary(document: Document) -> Path:
    stem = Path(document.file_name).stem
    handle, name = tempfile.mkstemp(prefix=f"{stem}-", suffix=".pdf")
    os.close(handle)
    return Path(name)


def output(
    owner: QWidget,
    document: Document,
    action: str,
    done: Callable[[Path], None] | None = None,
) -> None:
    """Preview, print or save ``document``; ``done(path)`` gets the PDF written."""
    if action == SAVE:
        _save(owner, document, done)
    elif action == PRINT:
        _print(owner, document, done)
    else:
        _preview(owner, document, done)


def _preview(owner: QWidget, document: Document, done: Callable[[Path], None] | None) -> None:
    target = _temporary(document)

    def work(progress: Progress) -> Pages:
        path = Path(str(document.write(target, progress)))
        return Pages(path, page_sizes(path), render_pages(path, PREVIEW_DPI))

    def show(pages: Pages) -> None:
        dialog = PreviewDialog(pages, document.title, owner)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        if done is not None:
            done(pages.path)

    read_with_progress(owner, translate("Printing", "Preparing the print preview…"), work, show)


def _print(owner: QWidget, document: Document, done: Callable[[Path], None] | None) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(document.title)
    dialog = QPrintDialog(printer, owner)
    dialog.setWindowTitle(translate("Printing", "Print: {title}").format(title=document.title))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    target = _temporary(document)

    def work(progress: Progress) -> Path:
        path = Path(str(document.write(target, progress)))
        pages = Pages(path, page_sizes(path))
        # the user's choices (printer, range, copies) stay; size and orientation are the document's
        orientation = (
            QPageLayout.Orientation.Landscape
            if pages.landscape
            else QPageLayout.Orientation.Portrait
        )
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(orientation)
        printer.setFullPage(True)
        paint_pages(printer, pages, progress)
        return path

    def printed(path: Path) -> None:
        _status(
            owner,
            translate("Printing", "{title} sent to the printer.").format(title=document.title),
        )
        if done is not None:
            done(path)

    dialog.accepted.connect(
        lambda: read_with_progress(
            owner,
            translate("Printing", "Printing {title}…").format(title=document.title),
            work,
            printed,
        )
    )
    QDialog.open(dialog)  # QPrintDialog.open() wants a receiver: the plain window-modal open


def _save(owner: QWidget, document: Document, done: Callable[[Path], None] | None) -> None:
    name, _ = QFileDialog.getSaveFileName(
        owner,
        translate("Printing", "Save {title} as PDF").format(title=document.title),
        str(documents_folder() / document.file_name),
        translate("Printing", "PDF files (*.pdf)"),
    )
    if not name:
        return
    target = Path(name)
    if target.suffix.lower() != ".pdf":
        target = target.with_suffix(".pdf")
    remember_folder(target)

    def work(progress: Progress) -> Path:
        return Path(str(document.write(target, progress)))

    def saved(path: Path) -> None:
        _status(
            owner,
            translate("Printing", "{title} saved as {file}").format(
                title=document.title, file=path
            ),
        )
        notice = SavedNotice(path, document.title, owner)
        notice.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        notice.show()
        if done is not None:
            done(path)

    read_with_progress(
        owner, translate("Printing", "Saving {title}…").format(title=document.title), work, saved
    )
