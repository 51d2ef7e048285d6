import datetime as dt

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog as QDialog_
from PySide6.QtWidgets import QMessageBox

from app import badges
from app.customers import installations, onboarding
from app.customers.customers import CustomerData, create_customer, data_of, update_customer
from models import Customer, Installation, Repair
from ui import operations
from ui.context import UiContext
from ui.customers.lookup import open_lookup
from ui.customers.page import create_page


def settle(qtbot) -> None:
    """Let the page's reads and saves, run off the GUI thread, come back."""
    qtbot.waitUntil(operations.idle)


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []

    def __call__(self, area: str, **kwargs) -> None:
        self.calls.append((area, kwargs))


@pytest.fixture
def ctx(sqlite_url, agent) -> UiContext:
    return UiContext(user=agent, db_description="test", language="en", navigate=Recorder())


@pytest.fixture
def customers(ctx):
    school = create_customer(
        ctx.user,
        CustomerData(
            name="育才学校",
            kind="organisation",
            organisation="育才学校",
            contact_person="王老师",
            phones=["13812345678", "010-62751234"],
            tags=["VIP"],
        ),
    )
    person = create_customer(ctx.user, CustomerData(name="李明", phones=["13900001111"]))
    return school, person


def lookup_dialog(qtbot, ctx):
    dialog = open_lookup(ctx, None)
    # kept after it closes (it answers once its search is back), so the test can look at it
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(dialog)
    return dialog


def test_lookup_finds_customer_by_part_of_phone_and_enter_opens_it(qtbot, ctx, customers):
    school, _person = customers
    dialog = lookup_dialog(qtbot, ctx)
    dialog.open()
    qtbot.keyClicks(dialog.search, "6275 12")  # part of the landline, typed with a space
    qtbot.waitUntil(lambda: dialog.results.count() == 1)
    assert "育才学校" in dialog.results.item(0).text()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    settle(qtbot)
    assert ctx.navigate.calls == [("customers", {"customer_id": school.id})]
    assert not dialog.isVisible()


def test_lookup_lists_as_you_type_and_arrows_choose(qtbot, ctx, customers):
    school, person = customers
    dialog = lookup_dialog(qtbot, ctx)
    dialog.open()
    qtbot.keyClicks(dialog.search, "1")
    qtbot.waitUntil(lambda: dialog.results.count() == 2)
    qtbot.keyClicks(dialog.search, "39")
    qtbot.waitUntil(lambda: dialog.results.count() == 1)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: dialog.results.count() == 2)
    first = dialog.results.item(0).data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    second = dialog.results.currentItem().data(Qt.ItemDataRole.UserRole)
    assert {first, second} == {school.id, person.id}
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    settle(qtbot)
    assert ctx.navigate.calls == [("customers", {"customer_id": second})]


def test_new_complaint_and_callback_from_customer_page(qtbot, ctx, customers):
    school, _person = customers
    page = create_page(ctx, None)
    qtbot.addWidget(page)
    page.show()
    settle(qtbot)
    page.open_record(customer_id=school.id)
    settle(qtbot)
    assert page.stack.currentWidget() is page.customer_view
    assert "育才学校" in page.customer_view.title.text()
    qtbot.mouseClick(page.customer_view.new_complaint_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    qtbot.mouseClick(page.customer_view.schedule_callback_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert ctx.navigate.calls == [
        ("complaints", {"new_for_customer": school.id}),
        ("callbacks", {"schedule_for_customer": school.id}),
    ]


def test_new_repair_for_customer_from_navigation(qtbot, ctx, customers):
    school, _person = customers
    page = create_page(ctx, None)
    qtbot.addWidget(page)
    page.show()
    settle(qtbot)
    page.open_record(new_repair_for=school.id)
    settle(qtbot)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    settle(qtbot)
    assert "fault" in dialog.errors.labels and dialog.errors.message_for("fault")
    assert Repair.select().count() == 0
    qtbot.keyClicks(dialog.product, "Board-86")
    qtbot.keyClicks(dialog.fault, "no display")
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    settle(qtbot)
    repair = Repair.get()
    assert repair.customer_id == school.id and repair.fault == "no display"
    timeline = page.customer_view.timeline
    texts = [timeline.topLevelItem(i).text(2) for i in range(timeline.topLevelItemCount())]
    assert any("Board-86" in t for t in texts)


def test_duplicate_phone_offers_the_existing_record(qtbot, ctx, customers):
    school, _person = customers
    page = create_page(ctx, None)
    qtbot.addWidget(page)
    page.show()
    settle(qtbot)
    dialog = page.new_customer()
    qtbot.keyClicks(dialog.name, "Wang")
    qtbot.keyClicks(dialog.phones, "138-1234-5678")
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    settle(qtbot)
    assert dialog.isVisible()
    assert "育才学校" in dialog.errors.message_for("phones")
    assert dialog.name.text() == "Wang"  # nothing typed is lost
    assert Customer.select().count() == 2
    qtbot.mouseClick(dialog.open_existing_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert page.stack.currentWidget() is page.customer_view
    assert page.customer_view.customer.id == school.id


def test_customer_list_filters_by_part_of_phone(qtbot, ctx, customers):
    _school, person = customers
    page = create_page(ctx, None)
    qtbot.addWidget(page)
    page.show()
    settle(qtbot)
    model = page.list_tab.model
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    qtbot.keyClicks(page.list_tab.filter, "0000111")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.customer_id(0) == person.id


def test_late_installation_list_badge_and_opening(qtbot, ctx, customers, monkeypatch):
    school, _person = customers
    late = installations.schedule_installation(
        ctx.user, school, product="录播系统", agreed_date=dt.date.today() - dt.timedelta(days=4)
    )
    request = onboarding.start_request(
        ctx.user, school, on_date=dt.date.today() - dt.timedelta(days=30)
    )
    assert badges.late_installations(ctx.user) == 1
    page = create_page(ctx, None)
    qtbot.addWidget(page)
    page.show()
    settle(qtbot)
    page.tabs.setCurrentWidget(page.late)
    settle(qtbot)
    assert page.late.table.rowCount() == 1
    page.late.open_requested.emit(school.id, {"installation_id": late.id})
    settle(qtbot)
    dialog = page.dialog
    assert dialog.installation.id == late.id
    assert "4" in dialog.state.text()
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert installations.late_count() == 0
    page.show_list()
    settle(qtbot)
    page.tabs.setCurrentWidget(page.stuck)
    settle(qtbot)
    assert page.stuck.table.rowCount() == 1
    assert "30" in page.customer_view.alerts.text() or page.stuck.table.item(0, 3).text() == "30"
    page.stuck.open_requested.emit(school.id, {"onboarding_id": request.id})
    settle(qtbot)
    assert "30" in page.customer_view.alerts.text()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a))
    step = page.dialog
    step.stage.setCurrentIndex(step.stage.findData("details"))
    settle(qtbot)
    save = step.buttons.button(step.buttons.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert "address" in step.errors.message_for("stage")  # the school's details are missing
    assert step.isVisible()
    data = data_of(Customer.get_by_id(school.id))
    data.address = "北京市海淀区学院路1号"
    update_customer(ctx.user, Customer.get_by_id(school.id), data)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert not warnings
    assert onboarding.stuck_requests().count() == 0


def test_f2_in_main_window_finds_and_opens_customer(qtbot, sqlite_url, agent, monkeypatch):
    from PySide6.QtGui import QAction, QKeySequence

    from ui.main_window import MainWindow

    school = create_customer(
        agent, CustomerData(name="实验小学", kind="organisation", phones=["13612340000"])
    )
    monkeypatch.setattr("ui.context.local_settings", lambda: _Settings())
    monkeypatch.setattr("ui.main_window.local_settings", lambda: _Settings())
    monkeypatch.setattr("ui.customers.page.local_settings", lambda: _Settings())
    window = MainWindow(UiContext(user=agent, db_description="test", language="en"))
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    f2 = [a for a in window.findChildren(QAction) if QKeySequence("F2") in a.shortcuts()]
    assert len(f2) == 1
    f2[0].trigger()
    dialog = window.findChild(QDialog_, "customer_lookup")
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.search, "1234")
    qtbot.waitUntil(lambda: dialog.results.count() == 1)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    settle(qtbot)
    page = window.page("customers")
    assert window.current_area() == "customers"
    assert page.stack.currentWidget() is page.customer_view
    assert page.customer_view.customer.id == school.id


class _Settings:
    def value(self, *_args):
        return None

    def setValue(self, *_args) -> None:  # noqa: N802
        pass


def test_manager_merges_duplicate_from_customer_page(qtbot, sqlite_url, manager, monkeypatch):
    ctx = UiContext(user=manager, db_description="test", language="en", navigate=Recorder())
    keep = create_customer(manager, CustomerData(name="育才学校", phones=["13812345678"]))
    other = create_customer(
        manager, CustomerData(name="育才学校二", phones=["13899990000"], email="a@b.cn")
    )
    repair_page = create_page(ctx, None)
    qtbot.addWidget(repair_page)
    repair_page.show()
    settle(qtbot)
    repair_page.open_record(customer_id=keep.id)
    settle(qtbot)
    view = repair_page.customer_view
    assert view.merge_button.isVisible()
    qtbot.mouseClick(view.merge_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    dialog = view.dialog
    qtbot.keyClicks(dialog.search, "9999")
    qtbot.waitUntil(lambda: dialog.results.count() == 1)
    dialog.results.setCurrentRow(0)
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes
    )
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert asked
    assert Customer.get_by_id(other.id).merged_into_id == keep.id
    assert "a@b.cn" in view.details.text()
    timeline = view.timeline
    kinds = [timeline.topLevelItem(i).text(2) for i in range(timeline.topLevelItemCount())]
    assert any("merged" in text.lower() for text in kinds)


def test_agent_sees_no_merge_button(qtbot, ctx, customers):
    page = create_page(ctx, None)
    qtbot.addWidget(page)
    page.show()
    settle(qtbot)
    page.open_record(customer_id=customers[0].id)
    settle(qtbot)
    assert not page.customer_view.merge_button.isVisible()


def test_import_from_the_page_runs_in_background(qtbot, ctx, customers, tmp_path, monkeypatch):
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication, QFileDialog

    from app.customers.transfer import COLUMNS
    from app.tabular import write_table

    path = tmp_path / "new.csv"
    write_table(path, COLUMNS, [["新学校", "单位", "赵老师", "13755556666", "", "", "", "", ""]])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    page = create_page(ctx, None)
    qtbot.addWidget(page)
    page.show()
    settle(qtbot)
    # Escape on the question cancels: nothing is imported
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(page.list_tab.import_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    QThreadPool.globalInstance().waitForDone(10000)  # had an import started, it is done now
    QApplication.processEvents()
    assert not told and not Customer.select().where(Customer.name == "新学校").exists()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.list_tab.import_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    assert "1" in told[0]
    assert Customer.select().where(Customer.name == "新学校").exists()
    qtbot.waitUntil(lambda: page.list_tab.model.rowCount() == 3)


def test_timeline_newest_first_and_each_entry_opens_its_record(qtbot, ctx, customers):
    from app.customers import repairs
    from app.customers.repairs import RepairData
    from models import Complaint, now

    school, _person = customers
    complaint = Complaint.create(
        number="20261120-001",
        received_at=now() - dt.timedelta(days=5),
        complainant="王老师",
        contact="13812345678",
        customer=school.id,
        channel="phone",
        category="quality",
        content="屏幕不亮",
    )
    repair = repairs.register_repair(ctx.user, school, RepairData(fault="触摸失灵"))
    page = create_page(ctx, None)
    qtbot.addWidget(page)
    page.show()
    settle(qtbot)
    page.open_record(customer_id=school.id)
    settle(qtbot)
    tree = page.customer_view.timeline
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    whens = [item.text(0) for item in items]
    assert whens == sorted(whens, reverse=True)
    by_kind = {item.data(0, Qt.ItemDataRole.UserRole).kind: item for item in items}
    assert set(by_kind) == {"complaint", "repair", "change"}
    tree.itemActivated.emit(by_kind["complaint"], 0)
    settle(qtbot)
    assert ctx.navigate.calls == [("complaints", {"complaint_id": complaint.id})]
    tree.itemActivated.emit(by_kind["repair"], 0)
    settle(qtbot)
    assert page.customer_view.dialog.repair.id == repair.id


def test_duplicate_phone_is_flagged_on_leaving_the_field(qtbot, ctx, customers):
    school, _person = customers
    page = create_page(ctx, None)
    qtbot.addWidget(page)
    page.show()
    settle(qtbot)
    dialog = page.new_customer()
    qtbot.keyClicks(dialog.phones, "010 6275 1234")
    assert dialog.duplicate_row.isHidden()
    dialog.phones.editingFinished.emit()
    settle(qtbot)
    assert not dialog.duplicate_row.isHidden()
    assert "育才学校" in dialog.errors.message_for("phones")
    qtbot.keyClicks(dialog.email, "not-an-address")
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    settle(qtbot)
    assert dialog.errors.message_for("email")
    assert not dialog.duplicate_row.isHidden()  # the offer stays while other fields are fixed
    dialog.email.clear()
    qtbot.keyClicks(dialog.name, "Shared line")
    qtbot.mouseClick(dialog.save_anyway_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    created = Customer.get(Customer.name == "Shared line")
    assert page.customer_view.customer.id == created.id


def test_unknown_caller_becomes_a_new_customer_with_the_number_filled_in(qtbot, ctx, customers):
    dialog = lookup_dialog(qtbot, ctx)
    dialog.open()
    qtbot.keyClicks(dialog.search, "137 0000 9999")
    qtbot.waitUntil(lambda: dialog.searched_text == "137 0000 9999")
    assert dialog.results.count() == 0
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert ctx.navigate.calls == [("customers", {"new_customer_phone": "137 0000 9999"})]
    page = create_page(ctx, None)
    qtbot.addWidget(page)
    page.show()
    settle(qtbot)
    page.open_record(**ctx.navigate.calls[0][1])
    settle(qtbot)
    form = page.dialog
    assert "137 0000 9999" in form.phones.text()


def test_repair_goes_into_the_knowledge_base_when_closed_or_later(qtbot, ctx, customers):
    from app.customers import repairs
    from app.customers.repairs import RepairData

    school, _person = customers
    first = repairs.register_repair(ctx.user, school, RepairData(fault="无法开机"))
    second = repairs.register_repair(ctx.user, school, RepairData(fault="触摸失灵"))
    page = create_page(ctx, None)
    qtbot.addWidget(page)
    page.show()
    settle(qtbot)

    # an open repair cannot be written up yet: told next to the box, the fault edit is kept
    page.open_record(customer_id=school.id, repair_id=first.id)
    settle(qtbot)
    dialog = page.dialog
    assert dialog.knowledge_base.isEnabled() and not dialog.knowledge_base.isChecked()
    dialog.fault.setPlainText("无法开机，指示灯不亮")
    dialog.knowledge_base.setChecked(True)
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    settle(qtbot)
    assert dialog.errors.message_for("knowledge_base")
    assert dialog.isVisible() and dialog.fault.toPlainText() == "无法开机，指示灯不亮"
    assert Repair.get_by_id(first.id).fault == "无法开机"

    # closing with the box ticked does both at once
    dialog.result_edit.setPlainText("更换电源板")
    qtbot.mouseClick(dialog.close_repair_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    closed = Repair.get_by_id(first.id)
    assert closed.status == "closed" and closed.knowledge_base_at is not None
    assert closed.fault == "无法开机，指示灯不亮"

    # closed without it: the to-do list shows it; opening it there and ticking the box clears it
    repairs.close_repair(ctx.user, Repair.get_by_id(second.id), "重新校准")
    page.show_list()
    settle(qtbot)
    page.tabs.setCurrentWidget(page.knowledge)
    settle(qtbot)
    assert page.knowledge.table.rowCount() == 1
    assert page.knowledge.table.item(0, 4).text() == "触摸失灵"
    page.knowledge.table.cellDoubleClicked.emit(0, 0)
    settle(qtbot)
    dialog = page.dialog
    assert dialog.repair.id == second.id
    dialog.knowledge_base.setChecked(True)
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    settle(qtbot)
    assert Repair.get_by_id(second.id).knowledge_base_at is not None
    page.show_list()
    settle(qtbot)
    page.refresh()
    settle(qtbot)
    assert page.knowledge.table.rowCount() == 0

    # once entered, the box says when and cannot be taken back by a slip
    page.open_record(customer_id=school.id, repair_id=second.id)
    settle(qtbot)
    assert page.dialog.knowledge_base.isChecked() and not page.dialog.knowledge_base.isEnabled()


def test_installation_form_saves_every_field_it_shows(qtbot, ctx, customers):
    school, _person = customers
    planned = installations.schedule_installation(
        ctx.user, school, product="白板", agreed_date=dt.date.today() + dt.timedelta(days=3)
    )
    page = create_page(ctx, None)
    qtbot.addWidget(page)
    page.show()
    settle(qtbot)
    page.open_record(customer_id=school.id, installation_id=planned.id)
    settle(qtbot)
    dialog = page.dialog
    dialog.product.setText("电子白板")
    dialog.installer.setText("张" * 61)
    dialog.notes.setPlainText("客户要求上午安装")
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert dialog.errors.message_for("installer")  # too long: said, not cut short
    assert dialog.isVisible() and dialog.notes.toPlainText() == "客户要求上午安装"
    assert Installation.get_by_id(planned.id).product == "白板"

    dialog.installer.setText("张师傅")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    settle(qtbot)
    saved = Installation.get_by_id(planned.id)
    assert (saved.product, saved.installer, saved.notes) == (
        "电子白板",
        "张师傅",
        "客户要求上午安装",
    )
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()  # closed


def test_lending_a_loaner_keeps_the_typed_repair_fields(qtbot, ctx, customers):
    from app.customers import repairs
    from app.customers.repairs import RepairData

    school, _person = customers
    repair = repairs.register_repair(ctx.user, school, RepairData(fault="无法开机"))
    page = create_page(ctx, None)
    qtbot.addWidget(page)
    page.show()
    settle(qtbot)
    page.open_record(customer_id=school.id, repair_id=repair.id)
    settle(qtbot)
    dialog = page.dialog
    dialog.engineer.setText("刘工")
    dialog.result_edit.setPlainText("等待返厂")
    dialog.loaner_unit.setText("备用机-07")
    qtbot.mouseClick(dialog.lend_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert Repair.get_by_id(repair.id).loaner_unit == "备用机-07"
    assert "备用机-07" in dialog.loaner_state.text() and dialog.return_button.isEnabled()
    assert (dialog.engineer.text(), dialog.result_edit.toPlainText()) == ("刘工", "等待返厂")
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    settle(qtbot)
    saved = Repair.get_by_id(repair.id)
    assert (saved.engineer, saved.result, saved.loaner_unit) == ("刘工", "等待返厂", "备用机-07")


def test_names_with_markup_characters_show_as_typed(qtbot, ctx):
    from PySide6.QtGui import QTextDocument

    odd = create_customer(ctx.user, CustomerData(name="A<B & C学校", phones=["13900002222"]))
    page = create_page(ctx, None)
    qtbot.addWidget(page)
    page.show()
    settle(qtbot)
    page.open_record(customer_id=odd.id)
    settle(qtbot)
    document = QTextDocument()
    document.setHtml(page.customer_view.title.text())
    assert "A<B & C学校" in document.toPlainText()


def test_merge_results_read_in_the_users_language(qtbot, ctx, customers):
    from app.i18n import install_language
    from ui.customers.record_forms import MergeDialog

    school, person = customers
    install_language("zh_CN")
    dialog = MergeDialog(ctx, person)
    qtbot.addWidget(dialog)
    dialog.search.setText("育才")
    dialog.run_search()
    settle(qtbot)
    text = dialog.results.item(0).text()
    assert text.startswith(f"编号 {school.id}") and "No." not in text
    assert "·  ·" not in text


def test_a_customer_saved_on_another_desk_meanwhile_can_still_be_saved(
    qtbot, ctx, customers, agent2, monkeypatch
):
    from ui.customers.customer_form import CustomerDialog

    school, _person = customers
    dialog = CustomerDialog(ctx, Customer.get_by_id(school.id))
    qtbot.addWidget(dialog)
    settle(qtbot)  # the customer's values read
    other = data_of(Customer.get_by_id(school.id))
    other.address = "北京市海淀区学院路1号"
    update_customer(agent2, Customer.get_by_id(school.id), other)  # the other desk saves first

    dialog.notes.setPlainText("周三下午不方便接电话")
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.Yes)
    )
    dialog.accept()
    settle(qtbot)
    assert dialog.address.text() == "北京市海淀区学院路1号"  # theirs
    assert dialog.notes.toPlainText() == "周三下午不方便接电话"  # mine, kept
    dialog.accept()
    settle(qtbot)
    saved = Customer.get_by_id(school.id)
    assert (saved.address, saved.notes) == ("北京市海淀区学院路1号", "周三下午不方便接电话")


def test_recording_actions_are_not_offered_without_the_work_permission(
    qtbot, sqlite_url, admin, agent
):
    from ui.phrases.page import create_page as create_phrases_page

    school = create_customer(agent, CustomerData(name="育才学校", phones=["13812345678"]))
    for user, offered in ((admin, False), (agent, True)):
        ctx = UiContext(user=user, db_description="test", language="en", navigate=Recorder())
        page = create_page(ctx, None)
        qtbot.addWidget(page)
        page.show()
        settle(qtbot)
        assert page.list_tab.new_button.isVisible() == offered
        assert page.list_tab.import_button.isVisible() == offered
        assert page.list_tab.export_button.isVisible()
        page.open_record(customer_id=school.id)
        settle(qtbot)
        view = page.customer_view
        assert view.edit_button.isVisible() == offered
        assert view.new_complaint_button.isVisible() == offered
        assert view.card_button.isVisible()  # printing the card is for everyone
        phrases_page = create_phrases_page(ctx, None)
        qtbot.addWidget(phrases_page)
        phrases_page.show()
        settle(qtbot)
        assert phrases_page.new_button.isVisible() == offered
        assert phrases_page.delete_button.isVisible() == offered


def test_editing_a_customer_merged_away_meanwhile_points_to_the_kept_one(
    qtbot, ctx, customers, manager, monkeypatch
):
    from app.customers.merge import merge_customers
    from ui.customers.customer_form import CustomerDialog

    school, person = customers
    dialog = CustomerDialog(ctx, Customer.get_by_id(person.id))
    qtbot.addWidget(dialog)
    settle(qtbot)  # the customer's values read
    merge_customers(manager, Customer.get_by_id(school.id), Customer.get_by_id(person.id))
    dialog.notes.setPlainText("新备注")
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.Yes)
    )
    dialog.accept()
    settle(qtbot)
    assert "merged into 育才学校" in dialog.errors.general.text()
    assert dialog.notes.toPlainText() == "新备注"  # kept for the user to copy
    assert Customer.get_by_id(school.id).notes == ""


def test_the_customer_area_reads_and_saves_off_the_gui_thread(qtbot, ctx, customers):
    from tests.ui.gui_thread_sql import no_sql_on_gui_thread

    school, person = customers
    installations.schedule_installation(
        ctx.user, school, product="录播系统", agreed_date=dt.date.today() - dt.timedelta(days=4)
    )
    with no_sql_on_gui_thread():
        page = create_page(ctx, None)
        qtbot.addWidget(page)
        page.show()
        settle(qtbot)
        model = page.list_tab.model
        assert model.rowCount() == 2
        page.list_tab.tag.setCurrentIndex(page.list_tab.tag.findData("VIP"))
        settle(qtbot)
        assert [model.customer_id(r) for r in range(model.rowCount())] == [school.id]

        page.tabs.setCurrentWidget(page.late)
        settle(qtbot)
        assert page.late.table.rowCount() == 1

        page.open_record(customer_id=school.id)
        settle(qtbot)
        view = page.customer_view
        assert page.stack.currentWidget() is view and "育才学校" in view.title.text()
        assert "录播系统" in view.alerts.text()

        view.edit()
        form = page.dialog
        form.address.setText("北京市海淀区学院路1号")
        form.accept()
        settle(qtbot)
        assert "学院路1号" in view.details.text()

        page.open_record(new_repair_for=person.id)
        settle(qtbot)
        repair_form = page.dialog
        repair_form.fault.setPlainText("触摸失灵")
        repair_form.save()
        settle(qtbot)
        texts = [
            view.timeline.topLevelItem(i).text(2) for i in range(view.timeline.topLevelItemCount())
        ]
        assert any("触摸失灵" in text for text in texts) or view.customer.id == person.id

        lookup = lookup_dialog(qtbot, ctx)
        lookup.open()
        lookup.search.setText("13900")
        settle(qtbot)
        qtbot.waitUntil(lambda: lookup.results.count() == 1)
        lookup.open_current()
        settle(qtbot)
    assert Customer.get_by_id(school.id).address == "北京市海淀区学院路1号"
    assert Repair.get().fault == "触摸失灵"
    assert ctx.navigate.calls[-1] == ("customers", {"customer_id": person.id})


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Phones: 138 1234 5678; 010-62751234"),
        ("zh_CN", "电话：138 1234 5678；010-62751234"),
    ],
)
def test_a_customers_details_are_punctuated_in_the_readers_language(
    qtbot, ctx, customers, language, expected
):
    """No Chinese colon or list mark in English (``Phones：…；…``), and the Chinese ones in
    Chinese; the list and the lookup separate phones the same way."""
    from app.i18n import install_language

    school, _person = customers
    install_language(language)
    try:
        page = create_page(ctx, None)
        qtbot.addWidget(page)
        page.show()
        settle(qtbot)
        page.open_record(customer_id=school.id)
        settle(qtbot)
        text = page.customer_view.details.text()
        assert text.startswith(expected), text
        if language == "en":
            assert "：" not in text and "；" not in text
        row = page.list_tab.model.index(page.list_tab.model.rowCount() - 1, 3).data()
        assert row == expected.split(":", 1)[-1].split("：", 1)[-1].strip()
    finally:
        install_language("en")
