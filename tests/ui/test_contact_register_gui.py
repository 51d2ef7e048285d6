"""The contact register's form, driven from the keyboard as an agent does during a call."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog

from app.calls import service
from app.customers.customers import CustomerData, create_customer
from models import CallbackTask, Complaint, ContactRecord
from tests.conftest import TEST_NOW
from ui import operations
from ui.calls.dialog import ContactDialog
from ui.calls.page import create_page
from ui.complaints.form import RegistrationDialog
from ui.context import UiContext
from ui.main_window import MainWindow


@pytest.fixture
def school(agent):
    return create_customer(
        agent, CustomerData(name="育才学校", kind="organisation", phones=["13812345678"])
    )


def open_form(qtbot, agent) -> ContactDialog:
    ctx = UiContext(user=agent, db_description="test", language="en")
    dialog = ContactDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def tab(qtbot, dialog) -> None:
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)


def save_with_keys(qtbot, dialog) -> None:
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: operations.idle() and dialog.saved_id is not None)


def test_a_call_logged_from_the_keyboard_finds_the_customer_by_phone(
    qtbot, db_url, agent, school, time_machine
):
    time_machine.move_to(TEST_NOW, tick=False)  # the call ends "now": the moment it came in
    dialog = open_form(qtbot, agent)
    assert dialog.focusWidget() is dialog.phone
    qtbot.keyClicks(dialog.phone, "138 1234 5678")
    qtbot.waitUntil(lambda: dialog.customer.currentData() == school.id)
    assert dialog.customer_name.text() == "育才学校"
    tab(qtbot, dialog)  # the customer offered
    tab(qtbot, dialog)  # the name
    tab(qtbot, dialog)
    assert dialog.focusWidget() is dialog.topic
    qtbot.keyClick(dialog.topic, Qt.Key.Key_Down)  # 售前
    tab(qtbot, dialog)
    assert dialog.focusWidget() is dialog.note
    qtbot.keyClicks(dialog.note, "price of R2")
    tab(qtbot, dialog)
    assert dialog.focusWidget() is dialog.result_choice
    qtbot.keyClick(dialog.result_choice, Qt.Key.Key_Down)  # order placed
    tab(qtbot, dialog)
    assert dialog.focusWidget() is dialog.order_no
    qtbot.keyClicks(dialog.order_no, "SO-1188")
    save_with_keys(qtbot, dialog)
    record = ContactRecord.get_by_id(dialog.saved_id)
    assert record.customer_id == school.id and record.agent_id == agent.id
    assert (record.topic, record.result, record.order_no) == ("售前", "order", "SO-1188")
    assert record.note == "price of R2"
    assert record.came_in_at == TEST_NOW and record.ended_at == TEST_NOW
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_mistake_is_shown_at_its_field_and_nothing_is_saved(qtbot, sqlite_url, agent):
    dialog = open_form(qtbot, agent)
    dialog.result_choice.setCurrentIndex(dialog.result_choice.findData("order"))  # no order number
    dialog.answered_at.setDateTime(TEST_NOW - dt.timedelta(minutes=1))
    save_with_keys_no_wait = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return, save_with_keys_no_wait)
    qtbot.waitUntil(lambda: dialog.findChild(object, "error_order_no").isVisible())
    assert dialog.findChild(object, "error_answered_at").isVisible()
    assert ContactRecord.select().count() == 0 and dialog.isVisible()


def test_complaint_registered_opens_the_complaint_form_and_links_both(qtbot, db_url, agent, school):
    parent = QDialog()
    qtbot.addWidget(parent)
    ctx = UiContext(user=agent, db_description="test", language="en")
    dialog = ContactDialog(ctx, parent)
    dialog.show()
    qtbot.keyClicks(dialog.phone, "13812345678")
    qtbot.waitUntil(lambda: dialog.customer.currentData() == school.id)
    dialog.topic.setCurrentText("投诉")
    dialog.note.insertPlainText("白板触摸失灵，第三次了")
    dialog.result_choice.setCurrentIndex(dialog.result_choice.findData("complaint"))
    save_with_keys(qtbot, dialog)
    form = parent.findChild(RegistrationDialog)
    assert form is not None and form.isVisible()
    assert form.complainant.text() == "育才学校"
    assert form.content.toPlainText() == "白板触摸失灵，第三次了"
    assert form.customer_id == school.id
    form.category.setCurrentIndex(0)
    form.save()
    qtbot.waitUntil(lambda: operations.idle() and ContactRecord.get().complaint_id is not None)
    record = ContactRecord.get()
    complaint = Complaint.get_by_id(record.complaint_id)
    assert complaint.customer_id == school.id and record.customer_id == school.id
    assert record.result == "complaint"


def test_a_complaint_filed_from_a_contact_gone_meanwhile_registers_nothing(
    qtbot, sqlite_url, agent, school
):
    """Registering and linking are one use case: when the contact is gone by the time the
    complaint is saved, the form says so, keeps what was typed, and no complaint is left."""
    parent = QDialog()
    qtbot.addWidget(parent)
    dialog = ContactDialog(UiContext(user=agent, db_description="test", language="en"), parent)
    dialog.show()
    qtbot.keyClicks(dialog.phone, "13812345678")
    qtbot.waitUntil(lambda: dialog.customer.currentData() == school.id)
    dialog.topic.setCurrentText("投诉")
    dialog.note.insertPlainText("白板触摸失灵")
    dialog.result_choice.setCurrentIndex(dialog.result_choice.findData("complaint"))
    save_with_keys(qtbot, dialog)
    form = parent.findChild(RegistrationDialog)
    assert form is not None and form.isVisible()
    qtbot.waitUntil(lambda: form.choices_read)
    ContactRecord.delete().execute()  # another desk removed it while the form was open
    form.category.setCurrentIndex(0)
    form.save()
    qtbot.waitUntil(lambda: operations.idle() and form.save_button.isEnabled())
    assert form.isVisible() and form.pages.currentIndex() == 0
    assert form.content.toPlainText() == "白板触摸失灵"
    assert Complaint.select().count() == 0


def test_callback_needed_makes_a_callback_task(qtbot, sqlite_url, agent):
    dialog = open_form(qtbot, agent)
    qtbot.keyClicks(dialog.phone, "13700002222")
    dialog.customer_name.insert("钱老师")
    dialog.result_choice.setCurrentIndex(dialog.result_choice.findData("callback"))
    save_with_keys(qtbot, dialog)
    record = ContactRecord.get_by_id(dialog.saved_id)
    task = CallbackTask.get_by_id(record.callback_id)
    assert task.assignee_id == agent.id and task.customer_id == record.customer_id


def test_f3_opens_the_form_from_anywhere_and_the_page_lists_todays_contacts(
    qtbot, sqlite_url, agent, school
):
    service.log_contact(agent, contact="13812345678", topic="售后", note="保修期多久")
    window = MainWindow(UiContext(user=agent, db_description="test", language="en"))
    qtbot.addWidget(window)
    window.show()
    f3 = [a for a in window.findChildren(QAction) if QKeySequence("F3") in a.shortcuts()]
    assert len(f3) == 1 and QKeySequence("Ctrl+L") in f3[0].shortcuts()
    f3[0].trigger()
    dialog = window.findChild(ContactDialog, "contact_dialog")
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    window.navigate("calls")
    page = window.page("calls")
    qtbot.waitUntil(lambda: page.contacts.table.rowCount() == 1)
    texts = [
        page.contacts.table.item(0, c).text() for c in range(page.contacts.table.columnCount())
    ]
    assert "育才学校" in texts and "售后" in texts and "保修期多久" in texts


def test_the_timeline_opens_the_contact_for_editing(qtbot, sqlite_url, agent, school):
    record = service.log_contact(agent, contact="13812345678", topic="售后")
    ctx = UiContext(user=agent, db_description="test", language="en")
    page = create_page(ctx, None)
    qtbot.addWidget(page)
    page.open_record(contact_id=record.id)
    qtbot.waitUntil(lambda: page.findChild(ContactDialog) is not None)
    dialog = page.findChild(ContactDialog) or page.window().findChild(ContactDialog)
    assert dialog.customer.currentData() == school.id
    dialog.note.setPlainText("补记：已告知保修两年")
    save_with_keys(qtbot, dialog)
    assert ContactRecord.get_by_id(record.id).note == "补记：已告知保修两年"


def test_the_agent_writes_the_days_notes_and_a_past_day_is_read_only(qtbot, sqlite_url, agent):
    service.log_contact(agent, topic="咨询")
    ctx = UiContext(user=agent, db_description="test", language="en")
    page = create_page(ctx, None)
    qtbot.addWidget(page)
    page.tabs.setCurrentWidget(page.worklog)
    tab = page.worklog
    qtbot.waitUntil(lambda: tab.shown is not None and tab.count_labels["contacts"].text() == "1")
    assert not tab.agent.isVisible() and tab.save_button.isEnabled()
    tab.notes["note"].setPlainText("系统卡顿两次")
    tab.notes["hand_on"].setPlainText("钱老师等回电")
    assert page.unsaved_work()
    tab.save_button.click()
    qtbot.waitUntil(lambda: operations.idle() and tab.shown is not None and tab.shown.version == 1)
    assert tab.shown.notes["note"] == "系统卡顿两次" and not page.unsaved_work()
    tab.day.setDate(tab.day.date().addDays(-1))
    qtbot.waitUntil(lambda: tab.shown is not None and tab.shown.day < TEST_NOW.date())
    assert tab.notes["note"].isReadOnly() and not tab.save_button.isEnabled()


def test_the_manager_comments_on_an_agents_monthly_summary(qtbot, sqlite_url, agent, manager):
    from app.worklog import service as worklog

    service.log_contact(agent, topic="售前", result="order", order_no="SO-9")
    worklog.save_summary(
        agent, agent.id, "month", TEST_NOW.date(), summary="成交一单", expected_version=0
    )
    ctx = UiContext(user=manager, db_description="test", language="en")
    page = create_page(ctx, None)
    qtbot.addWidget(page)
    page.tabs.setCurrentWidget(page.summaries)
    tab = page.summaries
    qtbot.waitUntil(lambda: len(tab.rows) == 2)
    row = next(i for i, s in enumerate(tab.rows) if s.agent_id == agent.id)
    tab.table.selectRow(row)
    assert tab.summary.toPlainText() == "成交一单"
    texts = [tab.table.item(row, c).text() for c in range(tab.table.columnCount())]
    assert "1" in texts and "100.0% (1/1)" in texts
    name = tab.table.item(row, 0)
    assert name.text() == agent.name and name.toolTip() == f"{agent.name} ({agent.employee_no})"
    tab.comment.setPlainText("很好，继续保持")
    tab.save_button.click()
    qtbot.waitUntil(lambda: operations.idle() and any(s.comment for s in tab.rows))
    saved = worklog.period_summary(manager, agent.id, "month", TEST_NOW.date())
    assert saved.comment == "很好，继续保持" and saved.summary == "成交一单"
    assert saved.commented_by == manager.name


def test_a_new_caller_is_added_to_the_archive_when_chosen(qtbot, sqlite_url, agent):
    from models import Customer

    dialog = open_form(qtbot, agent)
    qtbot.keyClicks(dialog.phone, "13600003333")
    qtbot.waitUntil(lambda: operations.idle())
    assert dialog.customer.currentData() is None  # nobody on file with this phone
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.customer, Qt.Key.Key_Down)  # (add to the customer archive)
    dialog.customer_name.insert("孙老师")
    save_with_keys(qtbot, dialog)
    record = ContactRecord.get_by_id(dialog.saved_id)
    assert Customer.get_by_id(record.customer_id).name == "孙老师"


def test_a_day_without_contacts_says_so(qtbot, sqlite_url, agent):
    ctx = UiContext(user=agent, db_description="test", language="en")
    page = create_page(ctx, None)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(operations.idle)
    assert page.contacts.empty_note.isVisible()
    service.log_contact(agent, topic="咨询")
    page.refresh()
    qtbot.waitUntil(lambda: page.contacts.table.rowCount() == 1)
    assert not page.contacts.empty_note.isVisible()


def test_logging_a_contact_runs_nothing_on_the_gui_thread(qtbot, sqlite_url, agent, school):
    from tests.ui.gui_thread_sql import no_sql_on_gui_thread

    with no_sql_on_gui_thread():
        dialog = open_form(qtbot, agent)
        qtbot.keyClicks(dialog.phone, "138 1234 5678")
        qtbot.waitUntil(lambda: dialog.customer.currentData() == school.id)
        save_with_keys(qtbot, dialog)  # pressed at once: saved as soon as the choices are in
    saved = ContactRecord.get_by_id(dialog.saved_id)
    assert saved.customer_id == school.id and saved.channel


def test_a_database_that_does_not_answer_is_said_as_such_and_the_form_keeps_what_was_typed(
    qtbot, sqlite_url, agent, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    from models import database
    from tests.ui.test_window_never_waits import OtherDesk
    from ui.operations import database_trouble_text

    dialog = open_form(qtbot, agent)
    dialog.phone.setText("13812345678")
    dialog.note.setPlainText("price of R2")
    # the worker's connection gives up after 0.2 s instead of 15
    pragmas = [(k, 200 if k == "busy_timeout" else v) for k, v in database.obj._pragmas]
    monkeypatch.setattr(database.obj, "_pragmas", pragmas)
    monkeypatch.setattr(database.obj, "_timeout", 0.2)
    desk = OtherDesk(sqlite_url, "IMMEDIATE")
    try:
        dialog.save()
        qtbot.waitUntil(operations.idle)
    finally:
        desk.finish()
    # said as the database's trouble (its own words under the details), not as its English words
    assert "locked" not in dialog.errors.general.text()
    (box,) = dialog.findChildren(QMessageBox)
    assert box.text() == database_trouble_text(Exception())
    assert dialog.isVisible() and dialog.note.toPlainText() == "price of R2"
    assert ContactRecord.select().count() == 0


def test_a_save_that_ends_after_its_form_was_closed_still_refreshes_the_screens(
    qtbot, sqlite_url, agent
):
    from PySide6.QtCore import QCoreApplication, QEvent

    from tests.ui.test_window_never_waits import OtherDesk
    from ui.calls.dialog import open_contact_dialog

    ctx = UiContext(user=agent, db_description="test", language="en")
    dialog = open_contact_dialog(ctx, None)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.choices_read)
    dialog.phone.setText("13812345678")
    changes: list[object] = []

    def collect(found: object, _initiator: object) -> None:
        changes.append(found)

    operations.runner().executed.connect(collect)
    desk = OtherDesk(sqlite_url, "IMMEDIATE")  # the save waits for another desk's lock
    try:
        dialog.save()
        dialog.close()  # the agent closes the form meanwhile: it is deleted
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        desk.finish()
        qtbot.waitUntil(operations.idle)
    finally:
        desk.finish()
        operations.runner().executed.disconnect(collect)
    assert ContactRecord.select().count() == 1  # the save went through
    assert any(found.touches("contact_record") for found in changes)  # and the screens know


def test_the_screenshot_of_the_register_shows_the_latest_day_with_contacts(
    qtbot, sqlite_url, agent, manager, time_machine
):
    """Taken early in the morning, before today's first call, the register's picture shows the
    latest day that has contacts (the README's "today's contacts")."""
    time_machine.move_to(TEST_NOW, tick=False)
    earlier = TEST_NOW - dt.timedelta(days=3)
    service.log_contact(
        agent, contact="13812345678", came_in_at=earlier, answered_at=earlier, ended_at=earlier
    )
    assert service.last_day_with_contacts(TEST_NOW.date()) == earlier.date()
    assert service.last_day_with_contacts(earlier.date() - dt.timedelta(days=1)) is None
    page = create_page(UiContext(user=manager, db_description="test", language="en"), None)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(operations.idle)
    assert page.contacts.rows == []  # nothing yet today
    page.prepare_screenshot()
    assert page.contacts.day.date().toPython() == earlier.date()
    assert len(page.contacts.rows) == 1
