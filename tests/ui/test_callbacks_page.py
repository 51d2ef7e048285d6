import datetime as dt
import json

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLayoutItem,
    QMainWindow,
    QMessageBox,
)
from shiboken6 import Shiboken

from app import badges, events
from app.callbacks import service
from app.i18n import install_language
from models import CallbackAttempt, CallbackTask, Complaint, now
from tests.app.test_callbacks_service import make_complaint, make_customer, make_repair
from ui import operations
from ui.callbacks import page as callbacks_page
from ui.context import UiContext


@pytest.fixture
def no_settings_leak(monkeypatch, tmp_path):
    """Keep QSettings (remembered filters) out of the user's own configuration."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def make_page(qtbot, user):
    install_language("en")  # the texts checked below are the English sources
    navigated = []
    ctx = UiContext(user=user, db_description="test", language="en")
    ctx.navigate = lambda area, **kw: navigated.append((area, kw))
    page = callbacks_page.create_page(ctx, None)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    settle(qtbot)
    return page, ctx, navigated


def settle(qtbot) -> None:
    """Let the page's reads and saves, run off the GUI thread, come back."""
    qtbot.waitUntil(operations.idle)


def click(qtbot, widget):
    assert widget.isEnabled() and widget.isVisible()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    settle(qtbot)


def test_work_a_complaint_callback_from_the_list_to_its_outcome(
    qtbot, sqlite_url, agent, no_settings_leak, monkeypatch
):
    complaint = make_complaint(agent, make_customer())
    events.emit("complaint_resolved", complaint=complaint, actor=agent)
    settle(qtbot)
    page, ctx, navigated = make_page(qtbot, agent)
    assert badges.callbacks_due(ctx.user) == 1
    mine = page.mine
    assert mine.model.rowCount() == 1
    assert mine.model.index(
        0, 2
    ).data() == "北京市第一中学（北京市第一中学）" or "北京市第一中学" in (
        mine.model.index(0, 2).data()
    )
    mine.view.selectRow(0)
    click(qtbot, mine.work_button)
    screen = page.screen
    assert page.stack.currentWidget() is screen
    script = [screen.script.item(i).text() for i in range(screen.script.count())]
    assert len(script) == 5 and "K001" in script[1] and "客服部" in script[1]
    summary = " ".join(label.text() for label in screen.summary.findChildren(QLabel))
    assert "投影仪开机后画面闪烁" in summary and "20261120-001" in summary
    assert not screen.outcome_box.isEnabled()

    assert page.unsaved_work() == ""
    qtbot.keyClicks(screen.note_edit, "no pickup")
    assert page.unsaved_work()  # quitting now would ask first
    click(qtbot, screen.no_answer_button)
    assert page.unsaved_work() == ""  # recorded
    assert screen.attempts_table.rowCount() == 1
    assert "1 of 3" in screen.attempts_label.text()
    click(qtbot, screen.reached_button)
    assert screen.attempts_table.rowCount() == 2
    assert screen.outcome_box.isEnabled()

    # a ticked box or a chosen score is input too: quitting now would ask first
    assert page.unsaved_work() == ""
    screen.onsite.setChecked(True)
    settle(qtbot)
    assert page.unsaved_work()
    screen.onsite.setChecked(False)
    settle(qtbot)
    assert page.unsaved_work() == ""

    # forgetting the score shows the error at the field and keeps what was typed
    qtbot.keyClicks(screen.opinions, "Quick and kind")
    click(qtbot, screen.save_outcome_button)
    assert screen.outcome_errors.message_for("satisfaction")
    assert screen.opinions.toPlainText() == "Quick and kind"
    assert CallbackTask.get().status == "pending"

    screen.satisfaction.setFocus()
    screen.satisfaction.setCurrentIndex(screen.satisfaction.findData(5))
    settle(qtbot)
    first_question = next(iter(screen.answer_edits))
    qtbot.keyClicks(screen.answer_edits[first_question], "works")
    click(qtbot, screen.save_outcome_button)

    task = CallbackTask.get()
    assert page.unsaved_work() == ""  # recorded
    assert task.status == "done" and task.satisfaction == 5
    assert json.loads(task.survey) == {first_question: "works"}
    assert task.opinions == "Quick and kind"
    assert Complaint.get_by_id(complaint.id).status == "closed"
    assert not screen.outcome_box.isEnabled() and not screen.reached_button.isEnabled()
    assert badges.callbacks_due(ctx.user) == 0
    click(qtbot, screen.open_complaint_button)
    assert navigated == [("complaints", {"complaint_id": complaint.id})]
    click(qtbot, screen.back_button)
    assert page.stack.currentWidget() is page.tabs
    assert mine.model.rowCount() == 0
    assert "1 closed today" in mine.summary.text()


def test_three_unanswered_calls_close_it_and_reschedule_moves_it(
    qtbot, sqlite_url, agent, no_settings_leak
):
    customer = make_customer()
    first = service.on_repair_closed(make_repair(agent, customer, now()), agent)
    second = service.on_repair_closed(
        make_repair(agent, customer, now() - dt.timedelta(days=1)), agent
    )
    page, _ctx, _ = make_page(qtbot, agent)
    page.open_record(task_id=first.id)
    settle(qtbot)
    screen = page.screen
    for _ in range(3):
        click(qtbot, screen.no_answer_button)
    assert CallbackTask.get_by_id(first.id).status == "unreachable"
    assert not screen.no_answer_button.isEnabled()
    assert "Unreachable" in screen.title.text()

    page.open_record(task_id=second.id)
    settle(qtbot)
    later = (now() + dt.timedelta(days=2)).replace(hour=15, minute=0, second=0)
    screen.next_at_edit.setDateTime(QDateTime(later))
    click(qtbot, screen.reschedule_button)
    moved = CallbackTask.get_by_id(second.id)
    assert moved.status == "rescheduled" and moved.due_at == later
    # a time in the past is refused at the field
    screen.next_at_edit.setDateTime(QDateTime(now() - dt.timedelta(hours=2)))
    click(qtbot, screen.reschedule_button)
    assert screen.call_errors.message_for("next_at")
    assert CallbackAttempt.select().where(CallbackAttempt.task == second.id).count() == 1


def _layout_item_wrappers() -> set[int]:
    return {
        id(w)
        for w in Shiboken.getAllValidWrappers()
        if isinstance(w, QLayoutItem) and not isinstance(w, QLayout)
    }


def test_working_callbacks_keeps_no_python_wrapper_of_a_layout_item(
    qtbot, sqlite_url, agent, no_settings_leak
):
    """The binding keeps a wrapper of a layout item alive after its layout deleted the item, and
    hands that stale wrapper out for the next object made at the same address: a scroll bar came
    back as a QWidgetItem, and the interpreter crashed in QFormLayout.removeRow. Showing tasks
    again and again and showing field errors must leave no more such wrappers than the first
    time (the screen's own layouts hold a few for as long as they live)."""
    customer = make_customer()
    tasks = [
        service.on_repair_closed(make_repair(agent, customer, now() - dt.timedelta(days=d)), agent)
        for d in range(3)
    ]
    page, _ctx, _ = make_page(qtbot, agent)
    screen = page.screen
    page.open_record(task_id=tasks[0].id)
    settle(qtbot)
    before = _layout_item_wrappers()
    for task in tasks * 3:
        page.open_record(task_id=task.id)
        settle(qtbot)
        screen.next_at_edit.setDateTime(QDateTime(now() - dt.timedelta(hours=2)))
        click(qtbot, screen.reschedule_button)  # refused at the field
        assert screen.call_errors.message_for("next_at")
    assert screen.summary.findChildren(QLabel)
    assert _layout_item_wrappers() - before == set()


def test_manager_filters_reassigns_many_and_sees_rates(
    qtbot, sqlite_url, manager, agent, agent2, monkeypatch, no_settings_leak
):
    customer = make_customer()
    tasks = [
        service.on_repair_closed(make_repair(agent, customer, now() - dt.timedelta(days=3)), agent)
        for _ in range(3)
    ]
    service.record_attempt(agent, tasks[0].id, "reached")
    service.record_outcome(agent, tasks[0].id, service.Outcome(satisfaction=4))
    service.record_attempt(agent, tasks[1].id, "no_answer")
    infos = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: infos.append(a[2]))
    page, _ctx, _ = make_page(qtbot, manager)
    view = page.all
    assert view is not None
    page.tabs.setCurrentWidget(view)
    view.status.setCurrentIndex(view.status.findData(None))
    settle(qtbot)
    assert view.model.rowCount() == 3
    assert "33.3%" in view.rates.text()  # 1 done of 3 due
    assert "50.0%" in view.rates.text()  # 1 reached of 2 calls
    view.status.setCurrentIndex(view.status.findData("open"))
    settle(qtbot)
    assert view.model.rowCount() == 2
    view.view.selectAll()
    view.reassign_to.setCurrentIndex(view.reassign_to.findData(agent2.id))
    settle(qtbot)
    click(qtbot, view.reassign_button)
    assert infos and "2" in infos[-1]
    owners = {t.id: t.assignee_id for t in CallbackTask.select()}
    assert owners == {tasks[0].id: agent.id, tasks[1].id: agent2.id, tasks[2].id: agent2.id}
    view.agent.setCurrentIndex(view.agent.findData(agent2.id))
    settle(qtbot)
    assert view.model.rowCount() == 2


def test_agent_sees_no_manager_view(qtbot, sqlite_url, agent, no_settings_leak):
    page, _ctx, _ = make_page(qtbot, agent)
    assert page.all is None and page.tabs.count() == 1


def test_schedule_a_callback_for_a_customer(qtbot, sqlite_url, agent, no_settings_leak):
    customer = make_customer()
    page, ctx, _ = make_page(qtbot, agent)
    page.open_record(schedule_for_customer=customer.id)
    settle(qtbot)
    dialog = page.findChild(callbacks_page.ScheduleDialog)
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    click(qtbot, ok)
    assert dialog.errors.message_for("reason")
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.reason, "ask about the new features")
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, ok)
    task = CallbackTask.get()
    assert task.customer_id == customer.id and task.assignee_id == agent.id
    assert task.kind == "followup" and task.reason == "ask about the new features"
    assert page.mine.model.rowCount() == 1


def test_regular_care_callbacks_appear_when_the_list_opens(
    qtbot, sqlite_url, agent, no_settings_leak
):
    from models import Customer

    customer = make_customer("老客户学校", "13811112222", tags=("VIP",))
    joined = service.add_months(now().date(), -6) - dt.timedelta(days=2)
    Customer.update(created_at=dt.datetime.combine(joined, dt.time(10, 0))).execute()
    page, ctx, _ = make_page(qtbot, agent)
    assert page.mine.model.rowCount() == 1
    row = page.mine.model.rows[0]
    assert row.kind == "care" and row.customer_id == customer.id
    assert badges.callbacks_due(ctx.user) == 1


def test_manager_finds_callbacks_needing_an_on_site_visit(
    qtbot, sqlite_url, manager, agent, no_settings_leak
):
    customer = make_customer()
    tasks = [
        service.on_repair_closed(make_repair(agent, customer, now() - dt.timedelta(days=3)), agent)
        for _ in range(2)
    ]
    service.record_attempt(agent, tasks[0].id, "reached")
    service.record_outcome(agent, tasks[0].id, service.Outcome(satisfaction=2, onsite_needed=True))
    page, _ctx, _ = make_page(qtbot, manager)
    view = page.all
    page.tabs.setCurrentWidget(view)
    view.status.setCurrentIndex(view.status.findData(None))
    settle(qtbot)
    assert view.model.rowCount() == 2
    click(qtbot, view.onsite_only)
    assert view.model.rowCount() == 1 and view.model.rows[0].id == tasks[0].id
    onsite_column = [key for key, _ in view.model.columns].index("onsite")
    assert view.model.index(0, onsite_column).data() == "Needed"


def test_manager_exports_and_prints_in_the_background(
    qtbot, sqlite_url, manager, agent, monkeypatch, tmp_path, no_settings_leak
):
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    from app import tabular

    customer = make_customer("西安高新一中", "13700137000")
    for days in (1, 2):
        service.on_repair_closed(
            make_repair(agent, customer, now() - dt.timedelta(days=days)), agent
        )
    window = QMainWindow()  # the export confirms in the window's status bar, without a box
    qtbot.addWidget(window)
    page, _ctx, _ = make_page(qtbot, manager)
    window.setCentralWidget(page)
    window.show()
    view = page.all
    page.tabs.setCurrentWidget(view)
    boxes = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: boxes.append(a[2]))
    out = tmp_path / "callbacks.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    click(qtbot, view.export_button)
    said = f"2 callback(s) written to {out}."
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == said, timeout=10000)
    assert boxes == []
    assert len(tabular.read_table(out).rows) == view.model.total == 2
    pdf_out = tmp_path / "list.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf_out), ""))
    click(qtbot, view.print_button)
    click(qtbot, view.print_dialog.save_button)
    qtbot.waitUntil(lambda: view.last_pdf == pdf_out, timeout=20000)
    assert "西安高新一中" in PdfReader(pdf_out).pages[0].extract_text()
    window.takeCentralWidget()  # the page is closed on its own, after the window


def test_main_window_badge_and_navigation_to_a_task(qtbot, sqlite_url, agent, no_settings_leak):
    from ui.main_window import MainWindow

    install_language("en")
    complaint = make_complaint(agent, make_customer())
    events.emit("complaint_resolved", complaint=complaint, actor=agent)
    settle(qtbot)
    task = CallbackTask.get()
    window = MainWindow(UiContext(user=agent, db_description="test", language="en"))
    qtbot.addWidget(window)
    window.show()
    row = next(i for i in range(window.nav.count()) if window.nav.item(i).text().startswith("Call"))
    qtbot.waitUntil(
        lambda: window.nav.item(row).text().endswith("(1)")
    )  # counted off the GUI thread
    window.navigate("callbacks", task_id=task.id)
    settle(qtbot)
    page = window.page("callbacks")
    assert page.stack.currentWidget() is page.screen and page.screen.task_id == task.id
    click(qtbot, page.screen.reached_button)
    page.screen.satisfaction.setCurrentIndex(page.screen.satisfaction.findData(4))
    settle(qtbot)
    click(qtbot, page.screen.save_outcome_button)
    qtbot.waitUntil(lambda: window.nav.item(row).text() == "Callbacks")


def _scheduled(agent, count, first_hours=2):
    """``count`` follow-ups for ``agent``, an hour apart, in due order."""
    tasks = []
    for i in range(count):
        customer = make_customer(f"客户{i}", f"1380013800{i}")
        due = now() + dt.timedelta(hours=first_hours + i)
        tasks.append(service.schedule_manual(agent, customer.id, due, f"reason {i}"))
    return tasks


def test_my_list_keeps_the_chosen_callback_through_the_periodic_refresh(
    qtbot, sqlite_url, agent, manager, no_settings_leak
):
    tasks = _scheduled(agent, 4)
    page, _ctx, _ = make_page(qtbot, agent)
    mine = page.mine
    assert [i.row() for i in mine.view.selectionModel().selectedRows()] == [0]  # first look
    mine.view.selectRow(3)
    chosen = tasks[3].id
    # another desk gives this agent a callback due sooner: every row moves down one
    other = make_customer("其他客户", "13900139000")
    service.schedule_manual(
        manager, other.id, now() + dt.timedelta(hours=1), "x", assignee_id=agent.id
    )
    page.refresh()  # what the main window's poll does
    settle(qtbot)
    assert mine.model.task_id(0) != tasks[0].id
    assert [mine.model.task_id(i.row()) for i in mine.view.selectionModel().selectedRows()] == [
        chosen
    ]
    assert mine.model.task_id(mine.view.currentIndex().row()) == chosen
    click(qtbot, mine.work_button)
    assert page.screen.task_id == chosen


def test_my_list_chooses_nothing_for_the_agent_when_the_chosen_callback_left_it(
    qtbot, sqlite_url, agent, agent2, manager, monkeypatch, no_settings_leak
):
    tasks = _scheduled(agent, 3)
    page, _ctx, _ = make_page(qtbot, agent)
    mine = page.mine
    mine.view.selectRow(1)
    service.reassign(manager, [tasks[1].id], agent2.id)  # another desk takes it away
    page.refresh()
    settle(qtbot)
    assert mine.model.rowCount() == 2
    assert not mine.view.selectionModel().hasSelection()  # not silently another task
    infos = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: infos.append(a[2]))
    click(qtbot, mine.work_button)
    assert infos == ["Choose a callback first."]
    assert page.stack.currentWidget() is page.tabs


def test_all_callbacks_keeps_the_managers_selection_through_a_refresh(
    qtbot, sqlite_url, manager, agent, agent2, monkeypatch, no_settings_leak
):
    tasks = _scheduled(agent, 4)
    page, _ctx, _ = make_page(qtbot, manager)
    view = page.all
    page.tabs.setCurrentWidget(view)
    for row in (1, 3):
        view.view.selectionModel().select(
            view.model.index(row, 0),
            view.view.selectionModel().SelectionFlag.Select
            | view.view.selectionModel().SelectionFlag.Rows,
        )
    assert sorted(view.selected_ids()) == [tasks[1].id, tasks[3].id]
    other = make_customer("其他客户", "13900139000")
    service.schedule_manual(agent, other.id, now() + dt.timedelta(hours=1), "sooner")
    page.refresh()
    settle(qtbot)
    assert view.model.rowCount() == 5
    assert sorted(view.selected_ids()) == [tasks[1].id, tasks[3].id]
    view.reassign_to.setCurrentIndex(view.reassign_to.findData(agent2.id))
    settle(qtbot)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    click(qtbot, view.reassign_button)
    moved = {t.id for t in CallbackTask.select().where(CallbackTask.assignee == agent2.id)}
    assert moved == {tasks[1].id, tasks[3].id}


def test_all_callbacks_lists_open_callbacks_overdue_from_earlier_months(
    qtbot, sqlite_url, manager, agent, no_settings_leak
):
    customer = make_customer()
    long_ago = dt.datetime.combine(now().date().replace(day=1) - dt.timedelta(days=3), dt.time(9))
    overdue = CallbackTask.create(
        kind="followup", event_key="a", due_at=long_ago, assignee=agent, reason="上月到期"
    )
    CallbackTask.create(
        kind="followup",
        event_key="b",
        due_at=long_ago,
        assignee=agent,
        reason="上月完成",
        customer=customer,
        status="done",
        completed_at=long_ago,
    )
    page, _ctx, _ = make_page(qtbot, manager)
    view = page.all
    page.tabs.setCurrentWidget(view)
    assert view.status.currentData() == "open"
    assert view.date_from.date().toPython() > long_ago.date()
    # the default view shows what the agent's badge counts as overdue
    assert [r.id for r in view.model.rows] == [overdue.id] and service.due_count(agent) == 1
    assert view.include_overdue.isChecked() and view.include_overdue.isEnabled()
    view.status.setCurrentIndex(view.status.findData(None))
    settle(qtbot)
    assert [r.id for r in view.model.rows] == [overdue.id]  # the old done one is outside
    click(qtbot, view.include_overdue)
    assert view.model.rowCount() == 0
    click(qtbot, view.include_overdue)
    view.status.setCurrentIndex(view.status.findData("done"))
    settle(qtbot)
    assert not view.include_overdue.isEnabled()


def test_all_callbacks_prints_what_the_filter_shows(
    qtbot, sqlite_url, manager, agent, monkeypatch, tmp_path, no_settings_leak
):
    from pypdf import PdfReader
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QFileDialog

    today = now().date()
    far = today + dt.timedelta(days=45)  # further than a month from the start of the period
    for name, kind, day in (
        ("远期学校", "followup", far),
        ("护理学校", "care", far),
        ("本周学校", "followup", today + dt.timedelta(days=1)),
    ):
        CallbackTask.create(
            kind=kind,
            event_key=name,
            due_at=dt.datetime.combine(day, dt.time(10)),
            assignee=agent,
            reason="r",
            customer=make_customer(name, "13700137000"),
        )
    page, _ctx, _ = make_page(qtbot, manager)
    view = page.all
    page.tabs.setCurrentWidget(view)
    view.date_from.setDate(QDate(today - dt.timedelta(days=10)))
    settle(qtbot)
    view.date_to.setDate(QDate(far))
    settle(qtbot)
    view.kind.setCurrentIndex(view.kind.findData("followup"))
    settle(qtbot)
    shown = {r.customer_name.split("（")[0] for r in view.model.rows}
    assert shown == {"远期学校", "本周学校"}
    infos = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: infos.append(a[2]))
    out = tmp_path / "list.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    click(qtbot, view.print_button)
    click(qtbot, view.print_dialog.save_button)
    qtbot.waitUntil(lambda: view.last_pdf == out, timeout=20000)
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "远期学校" in text and "本周学校" in text and "护理学校" not in text
    assert far.isoformat() in text and "Follow-up" in text


def test_all_callbacks_rates_follow_the_kind_and_on_site_filters(
    qtbot, sqlite_url, manager, agent, no_settings_leak
):
    customer = make_customer()
    due = now() - dt.timedelta(hours=1)
    CallbackTask.create(
        kind="repair",
        event_key="r",
        due_at=due,
        assignee=agent,
        customer=customer,
        status="done",
        completed_at=now(),
        onsite_needed=True,
    )
    for i in range(3):
        CallbackTask.create(kind="purchase", event_key=f"p{i}", due_at=due, assignee=agent)
    page, _ctx, _ = make_page(qtbot, manager)
    view = page.all
    page.tabs.setCurrentWidget(view)
    from PySide6.QtCore import QDate

    view.date_from.setDate(QDate(due.date() - dt.timedelta(days=1)))  # also on a month's 1st
    view.status.setCurrentIndex(view.status.findData(None))
    settle(qtbot)
    assert "25.0%" in view.rates.text() and "1 done of 4 due" in view.rates.text()
    view.kind.setCurrentIndex(view.kind.findData("repair"))
    settle(qtbot)
    assert view.model.rowCount() == 1
    assert "100.0%" in view.rates.text() and "1 done of 1 due" in view.rates.text()
    view.kind.setCurrentIndex(view.kind.findData("purchase"))
    settle(qtbot)
    assert "0.0%" in view.rates.text() and "0 done of 3 due" in view.rates.text()
    view.kind.setCurrentIndex(view.kind.findData(None))
    settle(qtbot)
    click(qtbot, view.onsite_only)
    assert "1 done of 1 due" in view.rates.text()
    # the status filter changes the list, not the rates: the label and tooltip say so
    view.status.setCurrentIndex(view.status.findData("open"))
    settle(qtbot)
    assert view.model.rowCount() == 0
    assert "1 done of 1 due" in view.rates.text() and "every status" in view.rates.text()
    assert "every status" in view.rates.toolTip()


def test_a_low_score_on_a_closed_complaint_asks_before_recording(
    qtbot, sqlite_url, agent, no_settings_leak, monkeypatch
):
    """The complaint was closed while its callback still waited: a 2 from the customer is not
    acted on silently; the agent (who may not reopen a closed complaint) is asked whether to
    record it and leave the complaint closed."""
    complaint = make_complaint(agent, make_customer())
    events.emit("complaint_resolved", complaint=complaint, actor=agent)
    settle(qtbot)
    Complaint.update(status="closed", satisfaction=4).where(Complaint.id == complaint.id).execute()
    task = CallbackTask.get(CallbackTask.complaint == complaint.id)
    page, _ctx, _ = make_page(qtbot, agent)
    page.open_record(task_id=task.id)
    settle(qtbot)
    screen = page.screen
    click(qtbot, screen.reached_button)
    screen.satisfaction.setCurrentIndex(screen.satisfaction.findData(2))
    settle(qtbot)
    asked = []

    def answer(_parent, title, text, *_args):
        asked.append(text)
        return (
            QMessageBox.StandardButton.Cancel if len(asked) == 1 else QMessageBox.StandardButton.Yes
        )

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    click(qtbot, screen.save_outcome_button)
    assert "already closed" in asked[0] and "only the manager can reopen it" in asked[0]
    assert CallbackTask.get_by_id(task.id).status == "pending"  # cancelled: nothing recorded
    click(qtbot, screen.save_outcome_button)
    assert CallbackTask.get_by_id(task.id).status == "done"
    assert Complaint.get_by_id(complaint.id).status == "closed"


def test_the_callbacks_area_reads_and_saves_off_the_gui_thread(
    qtbot, sqlite_url, agent, manager, no_settings_leak, monkeypatch
):
    from tests.ui.gui_thread_sql import no_sql_on_gui_thread

    customer = make_customer()
    first = service.on_repair_closed(make_repair(agent, customer, now()), manager)
    second = service.schedule_manual(manager, customer.id, now() + dt.timedelta(hours=3), "回访")
    assert (first.assignee_id, second.assignee_id) == (agent.id, manager.id)
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *_args, **_kwargs: None))
    with no_sql_on_gui_thread():
        page, _ctx, _ = make_page(qtbot, manager)
        everything = page.all
        assert everything is not None and everything.model.rowCount() == 2
        assert "2 callback(s) listed" in everything.rates.text()
        agent_row = everything.reassign_to.findData(agent.id)
        assert agent_row >= 0  # the agents were read off the GUI thread too
        everything.reassign_to.setCurrentIndex(agent_row)
        everything.view.selectRow(everything.model.row_of(second.id))
        everything._reassign()
        settle(qtbot)
        everything.agent.setCurrentIndex(everything.agent.findData(agent.id))
        settle(qtbot)
        listed = {everything.model.task_id(r) for r in range(everything.model.rowCount())}
        assert listed == {first.id, second.id}  # the agent's own and the one given to them

        page.open_record(task_id=first.id)
        settle(qtbot)
        screen = page.screen
        assert page.stack.currentWidget() is screen and screen.task_id == first.id
        screen.note_edit.setText("占线")
        click(qtbot, screen.no_answer_button)
        assert screen.attempts_table.rowCount() == 1
        click(qtbot, screen.reached_button)
        screen.satisfaction.setCurrentIndex(screen.satisfaction.findData(5))
        click(qtbot, screen.save_outcome_button)
        assert not screen.reached_button.isEnabled()

        page.open_record(schedule_for_customer=customer.id)
        settle(qtbot)
        dialog = page.schedule_dialog
        assert dialog is not None and dialog.assignee.count() >= 2
        dialog.reason.setText("年度关怀")
        dialog.save()
        settle(qtbot)
        assert not dialog.isVisible()
    assert CallbackTask.get_by_id(second.id).assignee_id == agent.id
    assert CallbackTask.get_by_id(first.id).status == "done"
    assert CallbackTask.select().where(CallbackTask.reason == "年度关怀").exists()
    assert CallbackAttempt.select().where(CallbackAttempt.task == first.id).count() == 2


def test_a_call_recorded_after_the_agent_moved_on_leaves_the_next_callback_on_screen(
    qtbot, sqlite_url, agent, no_settings_leak
):
    from tests.ui.test_window_never_waits import OtherDesk

    customer = make_customer()
    first = service.on_repair_closed(make_repair(agent, customer, now()), agent)
    second = service.on_repair_closed(
        make_repair(agent, customer, now() - dt.timedelta(days=1)), agent
    )
    page, _ctx, _ = make_page(qtbot, agent)
    page.open_record(task_id=first.id)
    settle(qtbot)
    screen = page.screen
    desk = OtherDesk(sqlite_url, "IMMEDIATE")  # another desk holds the write lock a moment
    try:
        qtbot.mouseClick(screen.no_answer_button, Qt.MouseButton.LeftButton)  # waits for it
        page.open_record(task_id=second.id)  # the agent goes on to the next callback
        qtbot.waitUntil(lambda: screen.task_id == second.id)
        screen.note_edit.setText("客户说下午再打")
    finally:
        desk.finish()
    settle(qtbot)
    assert CallbackAttempt.select().where(CallbackAttempt.task == first.id).count() == 1
    assert screen.task_id == second.id
    assert screen.note_edit.text() == "客户说下午再打"
