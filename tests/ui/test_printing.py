"""Printing from the app: the monthly sheet's print preview shows the app's own PDF pages, printing
draws them on a printer (here Qt's PDF printer, read back), saving starts in the Documents
folder (then the folder last saved to) and offers to open the file or its folder; Ctrl+P prints
the page's own document."""

import threading
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QKeySequence, QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QFileDialog

from app.clock import Month
from app.complaints import service
from ui import printing
from ui.complaints import page as complaints_page
from ui.context import UiContext
from ui.month_print import MonthPrintDialog


def make_page(qtbot, user):
    ctx = UiContext(user=user, db_description="test", language="en")
    page = complaints_page.create_page(ctx, None)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    return page


def fill(agent, n=12):
    for i in range(n):
        service.register_complaint(
            agent,
            complainant=f"学校{i}",
            contact=f"1391234{i:04d}",
            channel="phone",
            category="delivery",
            content="快递送到时包装破损，缺少电源线。" * (1 + i % 5),
        )


def small_page(path: Path, index: int):
    document = pdfium.PdfDocument(str(path))
    try:
        image = document[index].render(scale=40 / 72).to_pil().convert("L")
    finally:
        document.close()
    return list(image.resize((84, 60), Image.Resampling.BOX).tobytes())


def looks_alike(printed: Path, original: Path, printed_page: int, original_page: int) -> bool:
    a, b = small_page(printed, printed_page), small_page(original, original_page)
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a) < 10  # pages differ by ~30


def preview_of(page) -> printing.PreviewDialog:
    found = page.findChildren(printing.PreviewDialog)
    return found[0] if found else None


def test_print_preview_of_the_monthly_sheet_then_print_it_to_a_pdf(
    qtbot, sqlite_url, agent, tmp_path
):
    fill(agent)
    page = make_page(qtbot, agent)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    dialog = page.print_dialog
    assert isinstance(dialog, MonthPrintDialog) and dialog.chosen_month() == Month(2026, 11)
    assert dialog.preview_button.isDefault()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: preview_of(page) is not None, timeout=30000)
    preview = preview_of(page)
    assert "2026" in preview.windowTitle()  # says which month
    written = page.last_pdf
    expected_pages = len(PdfReader(str(written)).pages)
    widget = preview.findChild(QPrintPreviewWidget)
    widget.updatePreview()
    qtbot.waitUntil(lambda: widget.pageCount() == expected_pages, timeout=30000)
    assert widget.pageCount() > 0
    layout = preview.printer.pageLayout()
    assert layout.orientation() == QPageLayout.Orientation.Landscape  # as the sheet is
    preview.grab().save(str(tmp_path / "preview.png"))

    # the same pages on a printer: Qt's PDF printer, read back
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    printing.setup_printer(printer, preview.pages, "sheet")
    assert printing.paint_pages(printer, preview.pages) == expected_pages
    printed = PdfReader(str(out))
    assert len(printed.pages) == expected_pages
    box = printed.pages[0].mediabox
    assert round(float(box.width)) == 842 and round(float(box.height)) == 595  # A4 landscape
    # what came out of the printer is the document: each page, seen small, matches the original
    assert looks_alike(out, written, 0, 0) and looks_alike(out, written, 1, 1)
    assert not looks_alike(out, written, 0, 1)  # (and the comparison tells pages apart)
    preview.close()


def test_saving_starts_in_documents_remembers_the_folder_and_offers_to_open(
    qtbot, sqlite_url, agent, tmp_path, monkeypatch
):
    fill(agent, 2)
    page = make_page(qtbot, agent)
    asked = []
    first = tmp_path / "reports" / "sheet.pdf"
    first.parent.mkdir()

    def save_name(parent, caption, directory, *_args, **_kwargs):
        asked.append((caption, directory))
        return str(first), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    page.print_sheet()
    qtbot.mouseClick(page.print_dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_pdf == first, timeout=20000)
    caption, directory = asked[0]
    assert "2026-11" in caption  # the save dialog says which month
    expected = Path(documents) if Path(documents).is_dir() else Path.home()
    assert Path(directory) == expected / "complaints-2026-11.pdf"
    notices = page.findChildren(printing.SavedNotice)
    assert notices and notices[-1].isVisible() and not notices[-1].isModal()
    notice = notices[-1]
    assert notice.open_button.text() == "Open"
    assert notice.folder_button.text() == "Open containing folder"
    assert notice.path == first
    notice.close()

    # the next save starts where the last one went, on this machine
    page.print_sheet()
    qtbot.mouseClick(page.print_dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=20000)
    assert Path(asked[1][1]).parent == first.parent


def test_ctrl_p_prints_the_pages_own_document(qtbot, sqlite_url, manager):
    from ui.main_window import MainWindow

    window = MainWindow(UiContext(user=manager, db_description="test", language="en"))
    qtbot.addWidget(window)
    window.show()
    assert window.print_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    window.navigate("reports")
    reports = window.page("reports")
    window.print_action.trigger()
    assert isinstance(reports.print_dialog, MonthPrintDialog) and reports.print_dialog.isVisible()
    reports.print_dialog.reject()
    window.navigate("complaints")
    window.print_action.trigger()
    complaints = window.page("complaints")
    assert isinstance(complaints.print_dialog, MonthPrintDialog)
    assert complaints.print_dialog.isVisible()
    complaints.print_dialog.reject()
    window.navigate("phrases")
    window.print_action.trigger()
    assert window.statusBar().currentMessage() == "Nothing to print on this page."


def test_printing_goes_through_the_print_dialog_and_prints_off_the_gui_thread(
    qtbot, sqlite_url, agent, tmp_path
):
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QDialog

    fill(agent, 3)
    page = make_page(qtbot, agent)
    page.print_sheet()
    qtbot.mouseClick(page.print_dialog.print_button, Qt.MouseButton.LeftButton)
    dialogs = page.findChildren(QPrintDialog)
    assert dialogs and "2026" in dialogs[-1].windowTitle()  # says which month
    dialog = dialogs[-1]
    out = tmp_path / "from-the-printer.pdf"
    printer = dialog.printer()  # the desk's printer as chosen; here Qt's PDF printer
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setResolution(72)
    dialog.done(QDialog.DialogCode.Accepted)
    qtbot.waitUntil(lambda: page.last_pdf is not None and out.is_file(), timeout=30000)
    qtbot.waitUntil(lambda: len(PdfReader(str(out)).pages) > 0, timeout=30000)
    printed = PdfReader(str(out))
    assert len(printed.pages) == len(PdfReader(str(page.last_pdf)).pages)
    box = printed.pages[0].mediabox
    assert round(float(box.width)) == 842 and round(float(box.height)) == 595  # landscape A4
    assert looks_alike(out, page.last_pdf, 0, 0)


def test_a_save_made_while_a_month_prints_does_not_wait_for_it(qtbot, sqlite_url, agent):
    """Printing only reads: a complaint saved while the month's sheet is being prepared is saved
    at once, not after the sheet (the sheet is held here until the save is done)."""
    from app.complaints import service as complaints
    from models import Complaint
    from ui import operations

    fill(agent, 3)
    c = Complaint.select().order_by(Complaint.id).first()
    page = make_page(qtbot, agent)
    page.open_record(complaint_id=c.id)
    qtbot.waitUntil(operations.idle)
    sheet = page.sheet_document(Month(2026, 11))
    started, held = threading.Event(), threading.Event()

    def write(path: Path, progress):
        started.set()
        held.wait()  # until the test lets it go
        return sheet.write(path, progress)

    view = page.view
    try:
        printing.output(page, printing.Document(sheet.title, sheet.file_name, write), "preview")
        qtbot.waitUntil(started.is_set)
        view.complainant.setText("陈建国")
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: view.message.text() == "Saved.", timeout=10000)
        assert not held.is_set() and preview_of(page) is None  # the sheet is still being made
        assert complaints.get_complaint(c.id).complainant == "陈建国"
    finally:
        held.set()
    qtbot.waitUntil(lambda: preview_of(page) is not None, timeout=30000)
    assert "2026" in preview_of(page).windowTitle()
