from PySide6.QtGui import QGuiApplication

from app import phrases
from ui.context import UiContext
from ui.phrases.page import PhrasesPage


def test_search_narrows_the_list_and_copy_puts_the_filled_text_on_the_clipboard(
    qtbot, sqlite_url, manager
):
    phrases.fill_demo(manager)
    page = PhrasesPage(UiContext(user=manager, db_description="", language="en"))
    qtbot.addWidget(page)
    full = page.list.count()
    page.search.insert("工号")  # QTest cannot type non-ASCII keys; insert() is what typing does
    assert 0 < page.list.count() < full
    page.list.setCurrentRow(0)
    page.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert manager.employee_no in copied and "{no}" not in copied
