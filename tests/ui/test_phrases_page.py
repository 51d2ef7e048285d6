from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from app import phrases
from models import AuditLog, Phrase
from tests.ui.gui_thread_sql import no_sql_on_gui_thread
from ui import operations
from ui.context import UiContext
from ui.phrases.page import PhrasesPage


def make_page(qtbot, user) -> PhrasesPage:
    page = PhrasesPage(UiContext(user=user, db_description="", language="en"))
    qtbot.addWidget(page)
    qtbot.waitUntil(operations.idle)
    return page


def test_search_narrows_the_list_and_copy_puts_the_filled_text_on_the_clipboard(
    qtbot, sqlite_url, manager
):
    phrases.fill_demo(manager)
    page = make_page(qtbot, manager)
    full = page.list.count()
    assert full == len(phrases.DEMO_PHRASES)
    page.search.insert("工号")  # QTest cannot type non-ASCII keys; insert() is what typing does
    qtbot.waitUntil(operations.idle)
    assert 0 < page.list.count() < full
    page.list.setCurrentRow(0)
    page.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert manager.employee_no in copied and "{no}" not in copied


def test_the_library_reads_and_saves_off_the_gui_thread(qtbot, sqlite_url, manager, monkeypatch):
    phrases.fill_demo(manager)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.Yes)
    )
    with no_sql_on_gui_thread():
        page = make_page(qtbot, manager)
        page.category.setCurrentIndex(page.category.findData("维修"))
        qtbot.waitUntil(operations.idle)
        assert {page.list.item(i).text() for i in range(page.list.count())} == {
            "[维修] 派单说明",
            "[维修] 备用机说明",
        }
        page.search.insert("备用机")
        qtbot.waitUntil(operations.idle)
        assert page.list.count() == 1
        assert page.title.text() == "备用机说明"

        dialog = page.edit_phrase()
        dialog.body.setPlainText("设备返厂期间，我们为您安装备用机。")
        dialog.accept()
        qtbot.waitUntil(operations.idle)
        assert page.text.toPlainText() == "设备返厂期间，我们为您安装备用机。"

        page.search.clear()
        page.category.setCurrentIndex(0)
        dialog = page.new_phrase()
        dialog.category.setCurrentText("结束语")
        dialog.title.setText("")
        dialog.body.setPlainText("祝您愉快，工号{no}为您服务")
        dialog.accept()  # no title: refused, what was typed stays
        qtbot.waitUntil(operations.idle)
        assert dialog.isVisible() and not dialog.errors.labels["title"].isHidden()
        assert dialog.body.toPlainText() == "祝您愉快，工号{no}为您服务"
        dialog.title.setText("告别")
        dialog.accept()
        qtbot.waitUntil(operations.idle)
        assert page.title.text() == "告别"  # the new phrase is chosen
        assert page.text.toPlainText() == f"祝您愉快，工号{manager.employee_no}为您服务"

        page.delete_phrase()
        qtbot.waitUntil(operations.idle)
        assert "[结束语] 告别" not in {page.list.item(i).text() for i in range(page.list.count())}
    assert Phrase.get(Phrase.title == "备用机说明").body == "设备返厂期间，我们为您安装备用机。"
    assert not Phrase.select().where(Phrase.title == "告别").exists()
    assert AuditLog.select().where(AuditLog.table == "phrase").count() == 3


def test_a_stale_edit_keeps_what_was_typed_and_saves_on_the_next_try(
    qtbot, sqlite_url, manager, agent
):
    phrase = phrases.create_phrase(agent, category="问候", title="开场", body="您好")
    page = make_page(qtbot, manager)
    dialog = page.edit_phrase()
    phrases.update_phrase(
        agent, phrase.id, category="问候", title="开场", body="您好！", expected_version=1
    )
    dialog.body.setPlainText("您好，请讲")
    with no_sql_on_gui_thread():
        dialog.accept()
        qtbot.waitUntil(operations.idle)
        assert dialog.isVisible() and agent.name in dialog.errors.general.text()
        assert dialog.body.toPlainText() == "您好，请讲"
        dialog.accept()  # against the version now stored
        qtbot.waitUntil(operations.idle)
    assert Phrase.get_by_id(phrase.id).body == "您好，请讲"


def test_the_chosen_phrase_stays_chosen_while_the_search_narrows(qtbot, sqlite_url, manager):
    phrases.fill_demo(manager)
    page = make_page(qtbot, manager)
    titles = [page.list.item(i).text() for i in range(page.list.count())]
    page.list.setCurrentRow(titles.index("[结束语] 结束通话"))
    page.search.insert("感谢")  # still matches the chosen one, which is not the first found
    qtbot.waitUntil(operations.idle)
    assert page.list.count() > 1 and page.list.currentRow() > 0
    assert page.title.text() == "结束通话"
    page.category.setCurrentIndex(page.category.findData("结束语"))
    qtbot.waitUntil(operations.idle)
    assert page.title.text() == "结束通话"
