import datetime as dt
import re

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app import badges
from app.clock import Month
from app.complaints import service
from models import Complaint, Customer, CustomerPhone, now, write_transaction
from ui import operations
from ui.complaints import page as complaints_page
from ui.context import UiContext


def type_text(qtbot, widget, text):
    """Type like a user: ASCII on the keyboard, Chinese committed by the input method."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def settle(qtbot):
    """Wait until the page's reads and saves are done (they run off the GUI thread)."""
    qtbot.waitUntil(operations.idle)


def make_page(qtbot, user):
    ctx = UiContext(user=user, db_description="test", language="en")
    page = complaints_page.create_page(ctx, None)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    settle(qtbot)
    return page


def register(actor, **extra):
    fields = {
        "complainant": "陈先生",
        "contact": "13912345678",
        "channel": "phone",
        "category": "delivery",
        "content": "快递送到时包装破损，缺少电源线。",
        **extra,
    }
    return service.register_complaint(actor, **fields)


def test_register_a_complaint_by_typing_into_the_form(qtbot, sqlite_url, agent):
    page = make_page(qtbot, agent)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    settle(qtbot)
    type_text(qtbot, dialog.complainant, "刘老师")
    type_text(qtbot, dialog.contact, "+86 138-0013-8000")
    dialog.category.setCurrentIndex(dialog.category.findData("quality"))
    assert not dialog.severity_note.isVisible()
    dialog.severity.setCurrentIndex(dialog.severity.findData("serious"))
    assert dialog.severity_note.isVisible() and "manager" in dialog.severity_note.text()
    type_text(qtbot, dialog.order_no, "DD20261125")
    type_text(qtbot, dialog.content, "教室白板触摸失灵，上课无法书写。")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    number = dialog.number_label.text()
    assert re.fullmatch(now().strftime("%Y%m%d") + r"-001", number)
    saved = Complaint.get(Complaint.number == number)
    assert (saved.complainant, saved.contact, saved.category, saved.severity) == (
        "刘老师",
        "13800138000",
        "quality",
        "serious",
    )
    assert saved.handler_id == agent.id
    assert dialog.number_label.font().pointSize() >= 24
    qtbot.waitUntil(lambda: page.model.total == 1)
    assert page.model.rows[0]["number"] == number


def test_bad_input_is_shown_at_the_field_and_kept(qtbot, sqlite_url, agent):
    page = make_page(qtbot, agent)
    dialog = page.new_complaint()
    settle(qtbot)
    type_text(qtbot, dialog.complainant, "周女士")
    type_text(qtbot, dialog.contact, "138123")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert dialog.pages.currentIndex() == 0
    assert "11" in dialog.errors.message_for("contact")
    assert dialog.errors.message_for("content")
    assert dialog.contact.text() == "138123"
    assert dialog.complainant.text() == "周女士"
    assert Complaint.select().count() == 0


def test_a_contact_on_file_offers_the_customer(qtbot, sqlite_url, agent):
    customer = Customer.create(name="实验小学", organisation="实验小学")
    CustomerPhone.create(customer=customer, phone="13700001111")
    page = make_page(qtbot, agent)
    dialog = page.new_complaint()
    settle(qtbot)
    type_text(qtbot, dialog.contact, "137 0000 1111")
    qtbot.waitUntil(lambda: dialog.complainant.text() == "实验小学")
    assert dialog.customer_id == customer.id
    type_text(qtbot, dialog.content, "设备安装后无人调试")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    assert Complaint.get().customer_id == customer.id


def test_new_for_customer_prefills_name_and_first_phone(qtbot, sqlite_url, agent):
    customer = Customer.create(name="黄女士")
    CustomerPhone.create(customer=customer, phone="15811112222")
    CustomerPhone.create(customer=customer, phone="010-88886666")
    page = make_page(qtbot, agent)
    page.open_record(new_for_customer=customer.id)
    settle(qtbot)
    assert page.dialog.complainant.text() == "黄女士"
    assert page.dialog.contact.text() == "15811112222"
    assert page.dialog.customer_id == customer.id


def test_add_a_progress_step_then_resolve(qtbot, sqlite_url, agent):
    c = register(agent, received_at=now() - dt.timedelta(hours=2))
    page = make_page(qtbot, agent)
    page.open_record(complaint_id=c.id)
    settle(qtbot)
    view = page.view
    assert view.number.text() == c.number
    view.step_kind.setCurrentIndex(view.step_kind.findData("phone"))
    type_text(qtbot, view.step_note, "已致电客户，确认缺少电源线")
    qtbot.mouseClick(view.add_step_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    qtbot.waitUntil(lambda: view.timeline.topLevelItemCount() == 3)  # registered, step, status
    texts = [view.timeline.topLevelItem(i).text(3) for i in range(3)]
    assert "已致电客户，确认缺少电源线" in texts
    assert Complaint.get_by_id(c.id).status == "in_progress"
    qtbot.mouseClick(view.resolve_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert view.outcome_errors.message_for("result")
    type_text(qtbot, view.result, "已补发电源线，客户确认收到")
    qtbot.mouseClick(view.resolve_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    qtbot.waitUntil(lambda: Complaint.get_by_id(c.id).status == "resolved")
    assert view.status.text() == "Resolved"
    assert Complaint.get_by_id(c.id).result == "已补发电源线，客户确认收到"
    view.satisfaction.setCurrentIndex(view.satisfaction.findData(4))
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert Complaint.get_by_id(c.id).status == "closed"


def test_print_the_monthly_sheet_with_chinese_text(qtbot, sqlite_url, agent, tmp_path, monkeypatch):
    register(agent, complainant="欧阳娜娜", content="直播间下单的投影仪至今未发货")
    page = make_page(qtbot, agent)
    target = tmp_path / "sheet.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    dialog = page.print_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.chosen_month() == Month(2026, 11)  # late in the month: this month
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    qtbot.waitUntil(lambda: page.last_pdf is not None, timeout=20000)
    assert page.last_pdf == target
    reader = PdfReader(str(target))
    text = "".join(p.extract_text() for p in reader.pages)
    assert "欧阳娜娜" in text
    assert "直播间下单的投影仪至今未发货" in text
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height


def test_conflicting_edit_offers_reload_and_keeps_my_change(
    qtbot, sqlite_url, agent, agent2, monkeypatch
):
    c = register(agent)
    page = make_page(qtbot, agent)
    page.open_record(complaint_id=c.id)
    settle(qtbot)
    view = page.view
    service.update_complaint(agent2, c.id, {"order_no": "JD-777"}, c.version)
    view.complainant.clear()
    type_text(qtbot, view.complainant, "陈建国")
    asked = []

    def answer(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert asked and "张客服" in asked[0]
    assert Complaint.get_by_id(c.id).complainant == "陈先生"
    assert view.complainant.text() == "陈建国"
    assert view.order_no.text() == "JD-777"
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    saved = Complaint.get_by_id(c.id)
    assert (saved.complainant, saved.order_no) == ("陈建国", "JD-777")


def test_list_loads_lazily_filters_and_copies_rows(qtbot, sqlite_url, agent):
    received = now() - dt.timedelta(minutes=30)
    with write_transaction():  # one commit for the lot: the list is what is tested here
        for i in range(450):
            register(agent, complainant=f"客户{i:03d}", received_at=received)
    register(agent, complainant="特别客户", content="售后工程师态度恶劣")
    page = make_page(qtbot, agent)
    assert page.model.total == 451
    assert page.model.rowCount() == 200
    assert page.model.canFetchMore()
    page.model.fetchMore()
    settle(qtbot)
    assert page.model.rowCount() == 400
    type_text(qtbot, page.search, "态度恶劣")
    qtbot.waitUntil(lambda: page.model.total == 1)
    page.table.selectRow(0)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().text().splitlines()
    assert copied[0].startswith("No.\t")
    assert "特别客户" in copied[1] and "\t" in copied[1]
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    settle(qtbot)
    assert page.view.complainant.text() == "特别客户"


def test_overdue_rows_stand_out_and_badge_counts_them(qtbot, sqlite_url, agent):
    late = register(agent, received_at=now() - dt.timedelta(days=2))
    register(agent)
    page = make_page(qtbot, agent)
    assert badges.overdue_complaints(page.ctx.user) == 1
    row = page.model.row_of(late.id)
    index = page.model.index(row, page.model.column_of("status"))
    assert "overdue" in page.model.data(index)
    assert page.model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    page.overdue.setChecked(True)
    settle(qtbot)
    assert page.model.total == 1


def test_export_and_import_from_the_page(qtbot, sqlite_url, agent, tmp_path, monkeypatch):
    register(agent, complainant="导出测试")
    page = make_page(qtbot, agent)
    target = tmp_path / "out.csv"
    shown = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: target.exists() and operations.idle(), timeout=10000)
    assert not shown  # confirmed in the status bar, no box to click away
    assert "导出测试" in target.read_text(encoding="utf-8-sig")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "投诉时间,投诉人,联系方式,投诉内容\n2026-11-20 10:00,甲,12345,内容\n", "utf-8-sig"
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()
        ),
        timeout=10000,
    )
    box = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    )
    assert "row 2" in box.detailedText() and "联系方式" in box.detailedText()
    box.close()
    assert Complaint.select().count() == 1


def test_print_one_complaint_as_a_one_page_record(qtbot, sqlite_url, agent, tmp_path, monkeypatch):
    c = register(agent, complainant="单页记录")
    page = make_page(qtbot, agent)
    page.open_record(complaint_id=c.id)
    settle(qtbot)
    target = tmp_path / "one.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.view.print_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    qtbot.mouseClick(page.print_dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_pdf is not None, timeout=20000)
    reader = PdfReader(str(target))
    assert len(reader.pages) == 1
    assert "单页记录" in reader.pages[0].extract_text()


def test_manager_sees_reported_complaints_and_reassigns(qtbot, sqlite_url, manager, agent, agent2):
    c = register(agent, severity="major")
    page = make_page(qtbot, manager)
    assert page.reported.isVisible() and "1" in page.reported.text()
    page.open_record(complaint_id=c.id)
    settle(qtbot)
    view = page.view
    assert "manager" in view.flags.text()
    assert view.reassign_button.isVisible()
    view.reassign_box.setCurrentIndex(view.reassign_box.findData(agent2.id))
    qtbot.mouseClick(view.reassign_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert Complaint.get_by_id(c.id).handler_id == agent2.id
    assert "张客服" in view.handler.text()


def test_agent_cannot_reassign_and_an_unsatisfied_customer_reopens(qtbot, sqlite_url, agent):
    c = register(agent)
    service.resolve_complaint(agent, c.id, "已处理")
    page = make_page(qtbot, agent)
    page.open_record(complaint_id=c.id)
    settle(qtbot)
    view = page.view
    assert not view.reassign_button.isVisible()
    qtbot.mouseClick(view.reopen_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert view.outcome_errors.message_for("reason")
    view.satisfaction.setCurrentIndex(view.satisfaction.findData(1))
    type_text(qtbot, view.callback_note, "问题依旧")
    qtbot.mouseClick(view.reopen_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    saved = Complaint.get_by_id(c.id)
    assert (saved.status, saved.satisfaction) == ("reopened", 1)
    assert view.resolve_button.isEnabled()
    strays = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not page]
    assert not [w for w in strays if w.objectName().startswith("error_")]


def test_opening_a_complaint_of_another_month_shows_its_row(qtbot, sqlite_url, agent):
    old = register(agent, received_at=now() - dt.timedelta(days=70), complainant="旧投诉")
    service.resolve_complaint(agent, old.id, "已处理")  # not open work: not in the first view
    register(agent)
    page = make_page(qtbot, agent)
    assert page.model.row_of(old.id) < 0
    page.open_record(complaint_id=old.id)
    settle(qtbot)
    assert page.view.number.text() == old.number
    row = page.model.row_of(old.id)
    assert row >= 0
    assert page.table.selectionModel().isRowSelected(row)
    assert page.month.currentData() == Month.of(old.received_at)


def test_refresh_keeps_the_chosen_month(qtbot, sqlite_url, agent):
    register(agent, received_at=now() - dt.timedelta(days=40))
    register(agent)
    page = make_page(qtbot, agent)
    page.month.setCurrentIndex(2)
    settle(qtbot)
    chosen = page.month.currentData()
    assert chosen == Month.current().previous()
    page.refresh()
    settle(qtbot)
    assert page.month.currentData() == chosen


def test_on_the_first_of_a_month_the_registry_shows_last_months_open_work(
    qtbot, sqlite_url, agent, tmp_path, monkeypatch, time_machine
):
    time_machine.move_to(dt.datetime(2026, 11, 30, 16, 0), tick=True)
    late = register(agent, complainant="孙先生", order_no="JD778899")
    closed = register(agent, complainant="周女士")
    service.resolve_complaint(agent, closed.id, "已退款")
    time_machine.move_to(dt.datetime(2026, 12, 1, 8, 30), tick=True)
    page = make_page(qtbot, agent)
    # the first view: December and November's open complaint, with its month shown
    assert page.month.currentIndex() == 0
    assert page.model.total == 1 and page.model.row_of(late.id) >= 0
    assert not page.table.isColumnHidden(page.model.column_of("month"))
    row = page.model.row_of(late.id)
    assert page.model.index(row, page.model.column_of("month")).data() == "2026-11"
    # overdue only: every overdue complaint, the badge's count
    time_machine.move_to(dt.datetime(2026, 12, 1, 16, 30), tick=True)
    page.overdue.setChecked(True)
    settle(qtbot)
    assert page.model.total == badges.overdue_complaints(page.ctx.user) == 1
    page.overdue.setChecked(False)
    settle(qtbot)
    # a plain month still lists what was received in it
    page.month.setCurrentIndex(page.month_index(Month(2026, 12)))
    settle(qtbot)
    assert page.model.total == 0
    assert page.table.isColumnHidden(page.model.column_of("month"))
    # a number, a name or an order number the caller quotes is searched in every month
    for text in (closed.number, "周女士", "JD778899"):
        page.search.setText(text)
        settle(qtbot)
        page.apply_filters()
        settle(qtbot)
        assert page.model.total == 1, text
        assert "searched in every month" in page.summary.text()
        assert "2026-11 (1)" in page.summary.text()
    page.search.clear()
    settle(qtbot)
    page.apply_filters()
    settle(qtbot)
    # printing offers November during the first days of December
    target = tmp_path / "november.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.month.setCurrentIndex(0)
    settle(qtbot)
    page.print_sheet()
    assert page.print_dialog.chosen_month() == Month(2026, 11)
    qtbot.mouseClick(page.print_dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_pdf is not None, timeout=20000)
    text = "".join(p.extract_text() for p in PdfReader(str(target)).pages)
    assert "孙先生" in text and "周女士" in text and "2026-11" in text


def test_another_desks_save_keeps_what_the_agent_is_typing(qtbot, sqlite_url, agent, agent2):
    c = register(agent)
    page = make_page(qtbot, agent)
    page.open_record(complaint_id=c.id)
    settle(qtbot)
    view = page.view
    view.result.setPlainText("已补发电源线并道歉")
    view.step_note.insert("客户同意等待")
    view.callback_note.insert("满意")
    service.add_step(agent2, c.id, "phone", "另一位坐席已致电")  # another desk, same complaint
    page.refresh()  # what the main window's change poll does
    assert view.result.toPlainText() == "已补发电源线并道歉"
    assert view.step_note.text() == "客户同意等待"
    assert view.callback_note.text() == "满意"

    # with nothing typed, the same refresh shows the other desk's step
    view.show_complaint(c.id)
    settle(qtbot)
    page.refresh()
    settle(qtbot)
    notes = [
        view.timeline.topLevelItem(i).text(3) for i in range(view.timeline.topLevelItemCount())
    ]
    assert "另一位坐席已致电" in notes


def test_a_status_action_keeps_the_unsaved_edits_in_the_form(qtbot, sqlite_url, agent):
    c = register(agent)
    page = make_page(qtbot, agent)
    page.open_record(complaint_id=c.id)
    settle(qtbot)
    view = page.view
    view.order_no.insert("DD-123")
    view.step_note.insert("待补充")
    view.result.setPlainText("已补发电源线")
    qtbot.mouseClick(view.resolve_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert Complaint.get_by_id(c.id).status == "resolved"
    assert view.order_no.text() == "DD-123" and view.step_note.text() == "待补充"
    assert "save them" in view.message.text()
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert Complaint.get_by_id(c.id).order_no == "DD-123"


def test_moving_to_another_complaint_asks_before_dropping_typed_input(
    qtbot, sqlite_url, agent, monkeypatch
):
    first = register(agent)
    second = register(agent, contact="13812345678")
    page = make_page(qtbot, agent)
    page.open_record(complaint_id=first.id)
    settle(qtbot)
    view = page.view
    view.result.setPlainText("已补发电源线")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    row = page.model.row_of(second.id)
    page.table.setCurrentIndex(page.model.index(row, 0))  # an arrow key or a click on the list
    assert first.number in asked[0]
    assert view.current_id() == first.id and view.result.toPlainText() == "已补发电源线"
    assert page.model.row_of(first.id) == page.table.currentIndex().row()

    page.table.setCurrentIndex(page.model.index(row, 0))
    assert view.current_id() == second.id and len(asked) == 2


def test_after_a_save_nothing_counts_as_unsaved(qtbot, sqlite_url, agent):
    """The service tidies what it stores (a mobile's spaces, the content's ends): a saved form
    must not look unsaved, or the change poll would never reload it again."""
    c = register(agent)
    page = make_page(qtbot, agent)
    page.open_record(complaint_id=c.id)
    settle(qtbot)
    view = page.view
    view.contact.setText("13900139000")
    view.content.setPlainText("快递送到时包装破损，缺少电源线。\n")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert view.message.text() == "Saved."
    assert Complaint.get_by_id(c.id).contact == "13900139000"
    assert not view.has_unsaved_input() and page.unsaved_work() == ""


def test_the_administrator_may_import_the_old_registry_but_not_register(qtbot, sqlite_url, admin):
    page = make_page(qtbot, admin)
    assert page.import_button.isEnabled()  # as the command line allows
    assert not page.new_button.isEnabled()


def test_an_agent_is_told_why_a_closed_complaint_is_not_reopened(qtbot, sqlite_url, agent):
    c = register(agent)
    service.resolve_complaint(agent, c.id, "已处理")
    service.close_after_callback(agent, c.id, 5)
    page = make_page(qtbot, agent)
    page.open_record(complaint_id=c.id)
    settle(qtbot)
    view = page.view
    assert "only the manager can reopen it" in view.reopen_button.toolTip()
    type_text(qtbot, view.callback_note, "客户又来电不满意")
    qtbot.mouseClick(view.reopen_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    general = view.outcome_errors.general
    assert "only the manager can reopen it" in general.text() and not general.isHidden()
    assert Complaint.get_by_id(c.id).status == "closed"


def test_the_manager_lists_complaints_whose_callback_was_unreachable(
    qtbot, sqlite_url, agent, manager
):
    from app.callbacks import service as callbacks
    from models import CallbackTask

    c = register(agent, received_at=now() - dt.timedelta(days=40))
    register(agent)
    service.resolve_complaint(agent, c.id, "已处理")
    task = CallbackTask.get(CallbackTask.complaint == c.id)
    for _ in range(3):
        callbacks.record_attempt(agent, task.id, "no_answer")
    page = make_page(qtbot, manager)
    assert page.unreachable.isVisible() and "1 complaint" in page.unreachable.text()
    qtbot.mouseClick(page.unreachable, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert page.unreachable_only.isChecked()
    assert page.model.total == 1 and page.model.row_of(c.id) == 0
    assert not make_page(qtbot, agent).unreachable_only.isVisible()  # the manager's list


def test_a_search_matching_more_than_the_cap_shows_more_than_and_lists_newest_first(
    qtbot, sqlite_url, agent, monkeypatch
):
    from app.complaints import registry

    made = [register(agent, complainant=f"投诉人{i}") for i in range(4)]
    monkeypatch.setattr(registry, "COUNT_CAP", 2)
    page = make_page(qtbot, agent)
    # the totals each reading of the list delivered, as the summary says them (the view may read
    # the rest of a short list at once, after which the total is known exactly and said so)
    totals = []
    page.model.modelReset.connect(
        lambda: totals.append((page.model.total, page.model.total_exact, page.shown_total()))
    )
    page.search.setText("投诉人")
    page.apply_filters()
    settle(qtbot)
    assert totals[-1] == (2, False, "more than 2")
    numbers = [page.model.rows[i]["number"] for i in range(page.model.rowCount())]
    assert numbers == sorted((c.number for c in made), reverse=True)
    page.model.fetchMore()  # read to the end of the list: now the total is exact
    settle(qtbot)
    assert page.model.total_exact and page.model.total == 4
    assert "more than" not in page.summary.text()  # and the summary says it
    assert page.summary.text().startswith("4 complaint(s) in this view")
    page.search.setText("投诉人3")
    page.apply_filters()
    settle(qtbot)
    assert page.model.total_exact and page.model.total == 1


def test_scrolling_a_capped_search_to_its_end_shows_the_exact_number(
    qtbot, sqlite_url, agent, monkeypatch
):
    from app.complaints import registry
    from ui.complaints import list_model

    for i in range(5):
        register(agent, complainant=f"投诉人{i}")
    monkeypatch.setattr(registry, "COUNT_CAP", 2)
    monkeypatch.setattr(list_model, "PAGE", 2)
    page = make_page(qtbot, agent)
    totals = []
    page.model.modelReset.connect(lambda: totals.append((page.model.total, page.model.total_exact)))
    page.search.setText("投诉人")
    page.apply_filters()
    settle(qtbot)
    assert totals[-1] == (2, False)  # the search's first reading: more than 2
    for _ in range(5):  # as the view does while the user scrolls down to the end
        if page.model.canFetchMore():
            page.model.fetchMore()
        settle(qtbot)
    assert page.model.rowCount() == 5
    assert page.summary.text().startswith("5 complaint(s) in this view"), page.summary.text()


def test_a_complaint_chosen_while_the_list_is_being_read_is_selected_once_read(
    qtbot, sqlite_url, agent, monkeypatch
):
    """Choosing a complaint's row while the list is being read again (a change, a filter) or the
    view reads its next page selects it among the rows once they are shown, instead of among the
    old rows, whose selection the new reading then clears."""
    from ui.complaints import list_model

    made = [register(agent, complainant=f"投诉人{i}") for i in range(5)]
    monkeypatch.setattr(list_model, "PAGE", 2)
    page = make_page(qtbot, agent)
    while page.model.canFetchMore():  # the list read to its end, as the user scrolled there
        page.model.fetchMore()
        settle(qtbot)
    page.model.reload()  # reading the first page again: the oldest will not be among its rows
    assert page.model.reading() and page.model.row_of(made[0].id) >= 0
    page._select_row_of(made[0].id)
    settle(qtbot)
    row = page.model.row_of(made[0].id)
    assert row >= 0
    assert {i.row() for i in page.table.selectionModel().selectedIndexes()} == {row}


def test_rows_the_database_refused_to_read_can_be_read_again(qtbot, sqlite_url, agent, monkeypatch):
    """A page of the list the database refused (a lock held too long, the server gone) is said,
    and the list is not left waiting for it: scrolling reads it again once the database answers."""
    import peewee

    from app.complaints import registry
    from ui.complaints import list_model

    for i in range(5):
        register(agent, complainant=f"投诉人{i}")
    monkeypatch.setattr(list_model, "PAGE", 2)
    read = registry.fetch

    def refused(*args, offset=0, **kwargs):  # the first page is read, the next refused
        if offset:
            raise peewee.OperationalError("database is locked")
        return read(*args, offset=offset, **kwargs)

    monkeypatch.setattr(registry, "fetch", refused)
    page = make_page(qtbot, agent)
    if page.model.rowCount() == 2 and page.model.canFetchMore():
        page.model.fetchMore()  # as the view does when the user scrolls down
    settle(qtbot)
    assert page.model.rowCount() == 2 and not page.model.reading()
    monkeypatch.setattr(registry, "fetch", read)
    while page.model.canFetchMore():
        page.model.fetchMore()
        settle(qtbot)
    assert page.model.rowCount() == 5


def test_the_registry_and_its_filters_read_off_the_gui_thread(qtbot, sqlite_url, agent, manager):
    from tests.ui.gui_thread_sql import no_sql_on_gui_thread

    first = register(agent)
    second = register(agent, complainant="周女士", category="quality")
    with no_sql_on_gui_thread():
        page = make_page(qtbot, manager)
        settle(qtbot)
        assert page.model.total == 2
        # the filters' choices came with the list
        assert page.category.findData("quality") > 0
        assert page.handler.findData(agent.id) > 0
        assert page.month_index(Month.current()) > 0
        page.category.setCurrentIndex(page.category.findData("quality"))
        settle(qtbot)
        assert page.model.total == 1 and page.model.row_of(second.id) == 0
        page.category.setCurrentIndex(0)
        settle(qtbot)
        page.search.setText("周女士")
        page.apply_filters()
        settle(qtbot)
        assert page.model.total == 1
        page.open_record(complaint_id=first.id)
        settle(qtbot)
        assert page.view.current_id() == first.id
        page.refresh()
        settle(qtbot)
        assert page.category.findData("quality") > 0  # still offered after a refresh


def test_registering_a_complaint_runs_nothing_on_the_gui_thread(qtbot, sqlite_url, agent):
    from tests.ui.gui_thread_sql import no_sql_on_gui_thread

    customer = Customer.create(name="实验小学", organisation="实验小学")
    CustomerPhone.create(customer=customer, phone="13700001111")
    with no_sql_on_gui_thread():
        page = make_page(qtbot, agent)
        dialog = page.new_complaint()
        settle(qtbot)
        type_text(qtbot, dialog.contact, "137 0000 1111")
        qtbot.waitUntil(lambda: dialog.complainant.text() == "实验小学")
        dialog.category.setCurrentIndex(dialog.category.findData("quality"))
        dialog.save()  # no content: refused, what was typed stays
        settle(qtbot)
        assert dialog.errors.message_for("content") and dialog.contact.text() == "137 0000 1111"
        type_text(qtbot, dialog.content, "设备安装后无人调试")
        dialog.save()
        settle(qtbot)
        assert dialog.pages.currentIndex() == 1
        qtbot.waitUntil(lambda: page.model.total == 1)
    saved = Complaint.get()
    assert (saved.customer_id, saved.category) == (customer.id, "quality")


def test_columns_give_up_room_to_fit_and_get_it_back_when_the_list_widens(qtbot, sqlite_url, agent):
    register(agent, complainant="武汉芳涛教育培训中心附属实验学校")
    page = make_page(qtbot, agent)
    page.resize(1800, 800)
    qtbot.waitUntil(lambda: bool(page.natural))
    header = page.table.horizontalHeader()
    column = page.model.column_of("complainant")
    wanted = page.natural[column]
    assert wanted > complaints_page.ELIDED_MIN["complainant"]
    assert header.sectionSize(column) == wanted  # room enough: as wide as its content

    def list_width(viewport: int) -> None:
        page.resize(page.width() + viewport - page.table.viewport().width(), page.height())
        qtbot.waitUntil(lambda: page.table.viewport().width() == viewport)

    shown = [c for c in page.natural if not page.table.isColumnHidden(c)]
    fits = sum(page.natural[c] for c in shown) + complaints_page.CONTENT_MIN - 30
    list_width(fits)  # 30 px short: the complainant gives them up, its name elided
    assert header.sectionSize(column) == wanted - 30
    assert page.table.horizontalScrollBar().maximum() == 0
    page.save_layout()  # closing the window here remembers what the columns want
    again = make_page(qtbot, agent)
    again.resize(1800, 800)
    qtbot.waitUntil(lambda: again.table.viewport().width() > fits)
    assert again.table.horizontalHeader().sectionSize(column) == wanted
    spare = sum(
        page.natural[page.model.column_of(key)] - least
        for key, least in complaints_page.ELIDED_MIN.items()
        if page.natural[page.model.column_of(key)] > least
    )
    list_width(fits + 30 - spare - 10)  # too narrow to fit: the wanted widths, scrolled
    assert header.sectionSize(column) == wanted
    assert page.table.horizontalScrollBar().maximum() > 0


def test_an_action_finishing_after_the_agent_moved_on_leaves_the_other_complaint_on_screen(
    qtbot, sqlite_url, agent
):
    from tests.ui.test_window_never_waits import OtherDesk

    first = register(agent)
    second = register(agent, contact="13812345678")
    page = make_page(qtbot, agent)
    page.open_record(complaint_id=first.id)
    settle(qtbot)
    view = page.view
    desk = OtherDesk(sqlite_url, "IMMEDIATE")  # another desk holds the write lock a moment
    try:
        qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)  # waits for the lock
        row = page.model.row_of(second.id)
        page.table.setCurrentIndex(page.model.index(row, 0))  # the agent goes on to the next
        qtbot.waitUntil(lambda: view.complaint is not None and view.complaint.id == second.id)
        view.step_note.insert("已回电")  # and starts typing on it
    finally:
        desk.finish()
    settle(qtbot)
    assert Complaint.get_by_id(first.id).status == "in_progress"
    assert view.current_id() == second.id and view.complaint.id == second.id
    assert view.step_note.text() == "已回电"
    assert page.model.row_of(second.id) == page.table.currentIndex().row()
    assert not view.is_saving() and view.add_step_button.isEnabled()


def test_the_list_shows_short_labels_and_times_with_the_whole_in_tooltips(qtbot, sqlite_url, agent):
    """The registry's cells are read whole on a laptop: a category or channel by its short
    label, a time of this year without the year, the whole of each in the cell's tooltip; a
    complainant's name cut short by a narrow list shows whole in its tooltip."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    from app import clock
    from ui.tables import cut_text

    long_name = "武汉芳涛教育培训中心附属实验学校"
    register(agent, complainant=long_name, channel="live", category="delivery")
    page = make_page(qtbot, agent)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and bool(page.natural))
    model = page.model

    def cell(key, role=Qt.ItemDataRole.DisplayRole):
        return model.index(0, model.column_of(key)).data(role)

    tip = Qt.ItemDataRole.ToolTipRole
    assert (cell("category"), cell("category", tip)) == ("Delivery", "Delivery and logistics")
    assert (cell("channel"), cell("channel", tip)) == ("Live stream", "Live-stream room")
    received = model.rows[0]["received_at"]
    assert received.year == clock.today().year
    assert cell("received_at") == received.strftime("%m-%d %H:%M")
    assert cell("received_at", tip) == received.strftime("%Y-%m-%d %H:%M")
    assert model.rows_as_text([0]).splitlines()[1].count(received.strftime("%Y-%m-%d")) == 1
    for key in ("number", "received_at", "contact", "channel", "category", "status"):
        assert cut_text(page.table, model.index(0, model.column_of(key))) == "", (
            key,
            [page.table.horizontalHeader().sectionSize(c) for c in range(13)],
            page.natural,
            page.table.viewport().width(),
        )

    column = model.column_of("complainant")
    page.table.horizontalHeader().resizeSection(column, 60)  # the user narrows it
    index = model.index(0, column)
    assert cut_text(page.table, index) == long_name
    rect = page.table.visualRect(index)
    event = QHelpEvent(
        QEvent.Type.ToolTip, rect.center(), page.table.viewport().mapToGlobal(rect.center())
    )
    QApplication.sendEvent(page.table.viewport(), event)
    assert QToolTip.text() == long_name
    assert page.user_widths == {column: 60}  # kept, not sized to the content again
    page.reload_list()
    settle(qtbot)
    assert page.table.horizontalHeader().sectionSize(column) == 60
