"""Registering while on the phone, driven from the keyboard: Ctrl+N and F2 from every page, the
registration form's Tab path, the customer found from the phone, errors that go when fixed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.customers.customers import CustomerData, create_customer
from models import Complaint, Customer, CustomerPhone
from models.db import describe
from ui import operations
from ui.complaints.form import RegistrationDialog
from ui.context import UiContext
from ui.customers.lookup import LookupDialog
from ui.main_window import MainWindow
from ui.pages import AREAS

CTRL = Qt.KeyboardModifier.ControlModifier


def settle(qtbot) -> None:
    """Let the form's reads and saves, run off the GUI thread, come back."""
    qtbot.waitUntil(operations.idle)


def make_window(qtbot, user, url) -> MainWindow:
    window = MainWindow(UiContext(user=user, db_description=describe(url), language="en"))
    window.remember_layout = False
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    activate(qtbot, window)
    return window


def activate(qtbot, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed on whatever has the keyboard focus, as the window system delivers it."""
    focus = QApplication.focusWidget()
    assert focus is not None
    QTest.keyClick(focus.window().windowHandle(), key, modifier)


def commit(widget: QWidget, text: str) -> None:
    """Chinese arrives through the input method."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def open_dialogs(kind: type) -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_ctrl_n_registers_and_f2_looks_up_from_every_page(qtbot, sqlite_url, agent):
    window = make_window(qtbot, agent, sqlite_url)
    for row, area in enumerate(AREAS):
        window.nav.setCurrentRow(row)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.stack.currentWidget().setFocus()
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_N, CTRL)
        dialogs = open_dialogs(RegistrationDialog)
        assert len(dialogs) == 1, f"Ctrl+N on {area.key}"
        assert window.current_area() == area.key  # the page the agent was on stays
        dialogs[0].reject()
        qtbot.waitUntil(lambda: not open_dialogs(RegistrationDialog))
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_F2)
        lookups = open_dialogs(LookupDialog)
        assert len(lookups) == 1, f"F2 on {area.key}"
        lookups[0].reject()
        qtbot.waitUntil(lambda: not open_dialogs(LookupDialog))


def test_an_administrator_without_desk_work_gets_no_registration_form(qtbot, sqlite_url, admin):
    window = make_window(qtbot, admin, sqlite_url)
    assert not window.action_register.isEnabled()
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_N, CTRL)
    assert not open_dialogs(RegistrationDialog)


def test_name_phone_channel_category_content_save_in_five_keys(qtbot, sqlite_url, agent):
    window = make_window(qtbot, agent, sqlite_url)
    window.nav.setCurrentRow(2)  # on the callbacks page
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_N, CTRL)
    dialog = open_dialogs(RegistrationDialog)[0]
    settle(qtbot)
    qtbot.waitUntil(lambda: dialog.complainant.hasFocus())
    presses = 0
    commit(dialog.complainant, "刘老师")
    press(qtbot, Qt.Key.Key_Tab)
    presses += 1
    assert dialog.contact.hasFocus()
    qtbot.keyClicks(dialog.contact, "13800138000")
    press(qtbot, Qt.Key.Key_Tab)
    presses += 1
    assert dialog.channel.hasFocus()
    press(qtbot, Qt.Key.Key_Down)  # the second channel
    press(qtbot, Qt.Key.Key_Tab)
    presses += 1
    assert dialog.category.hasFocus()
    press(qtbot, Qt.Key.Key_Tab)
    presses += 1
    assert dialog.content.hasFocus()
    commit(dialog.content, "教室白板触摸失灵。")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    presses += 1
    assert presses <= 6
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    saved = Complaint.get()
    assert (saved.complainant, saved.contact, saved.content) == (
        "刘老师",
        "13800138000",
        "教室白板触摸失灵。",
    )
    assert saved.channel == dialog.channel.itemData(1)
    assert saved.received_at.strftime("%m-%d %H:%M") == "11-26 10:30"
    assert window.current_area() == "callbacks"


def test_the_received_time_is_one_typed_field_with_a_now_button(
    qtbot, sqlite_url, agent, time_machine
):
    dialog = RegistrationDialog(agent)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot)
    assert dialog.received_at.text() == "11-26 10:30"
    # top to bottom: who, how to reach them, channel, category, content, then the received time
    order = [
        dialog.complainant,
        dialog.contact,
        dialog.channel,
        dialog.category,
        dialog.content,
        dialog.received_at,
    ]
    tops = [w.mapTo(dialog, w.rect().topLeft()).y() for w in order]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    dialog.complainant.setText("周女士")
    dialog.contact.setText("13912345678")
    dialog.content.setPlainText("投诉内容")
    dialog.received_at.setText("11-25 16:40")
    dialog.save()
    settle(qtbot)
    assert Complaint.get().received_at.strftime("%Y-%m-%d %H:%M") == "2026-11-25 16:40"
    dialog.start_over()
    time_machine.move_to("2026-11-26 11:15")
    qtbot.mouseClick(dialog.now_button, Qt.MouseButton.LeftButton)
    assert dialog.received_at.text() == "11-26 11:15"
    dialog.received_at.setText("昨天")
    dialog.save()
    settle(qtbot)
    assert "11-30 14:05" in dialog.errors.message_for("received_at")
    assert Complaint.select().count() == 1


def test_field_errors_go_as_soon_as_the_field_is_right(qtbot, sqlite_url, agent):
    dialog = RegistrationDialog(agent)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot)
    dialog.contact.setFocus()
    qtbot.keyClicks(dialog.contact, "138123")
    dialog.save()
    settle(qtbot)
    assert dialog.errors.message_for("complainant")
    assert dialog.errors.message_for("contact")
    assert dialog.errors.message_for("content")
    commit(dialog.complainant, "王")
    assert not dialog.errors.message_for("complainant")
    assert dialog.errors.message_for("contact")  # the others stay until they are right
    qtbot.keyClicks(dialog.contact, "4")
    assert dialog.errors.message_for("contact")  # 7 digits: still not a number
    qtbot.keyClicks(dialog.contact, "4567")
    assert not dialog.errors.message_for("contact")
    assert dialog.contact.styleSheet() == ""
    dialog.content.setPlainText("   ")
    assert dialog.errors.message_for("content")
    dialog.content.setPlainText("白板闪烁")
    assert not dialog.errors.message_for("content")


def test_the_phone_typed_finds_the_customer_and_the_complaint_is_linked(qtbot, sqlite_url, agent):
    customer = Customer.create(name="实验小学", organisation="实验小学")
    CustomerPhone.create(customer=customer, phone="13700001111")
    dialog = RegistrationDialog(agent)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot)
    commit(dialog.complainant, "张老师")  # someone else calling from the school's number
    dialog.contact.setFocus()
    qtbot.keyClicks(dialog.contact, "137 0000 1111")
    qtbot.waitUntil(dialog.use_customer.isVisible)
    assert "实验小学" in dialog.customer_hint.text()
    qtbot.mouseClick(dialog.use_customer, Qt.MouseButton.LeftButton)
    assert dialog.customer_id == customer.id
    dialog.content.setPlainText("设备安装后无人调试")
    dialog.save()
    settle(qtbot)
    assert Complaint.get().customer_id == customer.id


def test_registering_from_the_incoming_call_lookup_links_the_customer(qtbot, sqlite_url, agent):
    customer = create_customer(agent, CustomerData(name="黄女士", phones=["15811112222"]))
    window = make_window(qtbot, agent, sqlite_url)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_F2)
    lookup = open_dialogs(LookupDialog)[0]
    qtbot.keyClicks(lookup.search, "1581111")
    qtbot.waitUntil(lambda: lookup.results.count() == 1)
    QTest.keyClick(lookup.windowHandle(), Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: len(open_dialogs(RegistrationDialog)) == 1)
    dialog = open_dialogs(RegistrationDialog)[0]
    settle(qtbot)
    assert (dialog.complainant.text(), dialog.contact.text()) == ("黄女士", "15811112222")
    dialog.content.setPlainText("维修后仍然无法开机")
    dialog.save()
    settle(qtbot)
    assert Complaint.get().customer_id == customer.id

    # a number nobody has on file goes into the form as the contact
    dialog.reject()
    activate(qtbot, window)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_F2)
    lookup = open_dialogs(LookupDialog)[0]
    qtbot.keyClicks(lookup.search, "13912340000")
    qtbot.mouseClick(lookup.register_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(d.contact.text() == "13912340000" for d in open_dialogs(RegistrationDialog))
    )


def test_registering_and_exporting_confirm_in_the_status_bar(
    qtbot, sqlite_url, agent, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    from ui import operations

    window = make_window(qtbot, agent, sqlite_url)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_N, CTRL)
    dialog = open_dialogs(RegistrationDialog)[0]
    settle(qtbot)
    dialog.complainant.setText("周女士")
    dialog.contact.setText("13912345678")
    dialog.content.setPlainText("投诉内容")
    dialog.save()
    settle(qtbot)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    number = dialog.number_label.text()
    assert window.statusBar().currentMessage() == f"Complaint {number} registered."
    dialog.accept_done()
    target = tmp_path / "complaints.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.page("complaints").export()
    qtbot.waitUntil(lambda: target.exists() and operations.idle(), timeout=10_000)
    assert window.statusBar().currentMessage() == f"1 complaint(s) written to {target}."
