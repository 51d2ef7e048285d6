"""The roster area through its real widgets: one whole swap with three users, the override rule at
the approval inbox, filling the grid by clicking, and the handover log."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMessageBox, QTableWidget

from app import badges as app_badges
from app.i18n import install_language
from app.roster import public_holidays, swaps
from app.roster.roster import entry_for
from app.roster.shifts import shift_by_code
from models import HandoverEntry, HandoverIssue, RosterEntry, SwapRequest
from ui import operations
from ui.context import UiContext
from ui.roster import handover_page
from ui.roster import page as roster_page
from ui.tables import selected_key


@pytest.fixture(autouse=True)
def english_texts():
    """The texts checked here are the English sources: drop a translator an earlier test left."""
    if QCoreApplication.instance() is not None:
        install_language("en")


@pytest.fixture
def no_settings_leak(tmp_path):
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)


def plain_workday(start: dt.date) -> dt.date:
    """The first ordinary working day from ``start`` with ordinary days either side."""
    day = start
    while True:
        window = public_holidays.days_between(day - dt.timedelta(days=1), day + dt.timedelta(1))
        if all(d.kind == public_holidays.WORKDAY for d in window.values()):
            return day
        day += dt.timedelta(days=1)


def make_page(qtbot, module, user):
    ctx = UiContext(user=user, db_description="test", language="en")
    badges = []
    count = (
        app_badges.roster_waiting if module is roster_page else app_badges.handovers_to_acknowledge
    )
    # as the main window counts them: off the GUI thread
    ctx.refresh_badges = lambda: operations.query(
        None, lambda: count(ctx.user), done=badges.append, slot=None, busy=""
    )
    page = module.create_page(ctx, None)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    settle(qtbot)
    return page, ctx


def settle(qtbot):
    """The page's reads and changes run off the GUI thread: wait until they are shown."""
    qtbot.waitUntil(operations.idle)


def click(qtbot, widget):
    assert widget.isEnabled() and widget.isVisible()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    settle(qtbot)


def click_row(qtbot, table: QTableWidget, row: int, col: int = 0):
    rect = table.visualRect(table.model().index(row, col))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settle(qtbot)


@pytest.fixture
def two_days(sqlite_url, manager, agent, agent2):
    give = plain_workday(dt.date.today() + dt.timedelta(days=7))
    back = plain_workday(give + dt.timedelta(days=7))
    day = shift_by_code("day")
    RosterEntry.create(on_date=give, shift=day, agent=agent)
    RosterEntry.create(on_date=back, shift=day, agent=agent2)
    return give, back, day


def test_whole_swap_with_three_users(qtbot, two_days, manager, agent, agent2, no_settings_leak):
    give, back, day = two_days
    # 1. the requester asks, seeing the rules before sending
    page, ctx = make_page(qtbot, roster_page, agent)
    assert page.inbox_index == -1  # an agent has no approval inbox
    page.tabs.setCurrentIndex(1)
    click(qtbot, page.new_swap_button)
    dialog = page.swap_dialog
    qtbot.waitUntil(dialog.isVisible)
    settle(qtbot)
    dialog.give.setCurrentIndex(
        dialog.give.findText(give.isoformat(), Qt.MatchFlag.MatchStartsWith)
    )
    settle(qtbot)
    dialog.colleague.setCurrentIndex(dialog.colleague.findData(agent2.id))
    settle(qtbot)
    dialog.return_shift.setCurrentIndex(
        dialog.return_shift.findText(back.isoformat(), Qt.MatchFlag.MatchStartsWith)
    )
    settle(qtbot)
    assert dialog.results.count() == 9 and dialog.results.failed_count() == 0
    assert "has still to accept" in dialog.results.item(0).text()
    qtbot.keyClicks(dialog.reason, "parents evening at school")
    click(qtbot, dialog.send_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    swap = SwapRequest.get()
    assert swap.status == swaps.PENDING_COLLEAGUE and swap.reason == "parents evening at school"
    assert page.swap_table.rowCount() == 1
    assert page.swap_table.item(0, 1).text() == "Waiting for the colleague"

    # 2. the colleague accepts
    page2, ctx2 = make_page(qtbot, roster_page, agent2)
    assert app_badges.roster_waiting(ctx2.user) == 1
    page2.tabs.setCurrentIndex(1)
    assert not page2.accept_button.isEnabled()
    click_row(qtbot, page2.swap_table, 0)
    assert page2.swap_results.count() == 9
    click(qtbot, page2.accept_button)
    assert SwapRequest.get_by_id(swap.id).status == swaps.PENDING_MANAGER
    assert app_badges.roster_waiting(ctx2.user) == 0
    assert entry_for(agent, give, day) is not None  # nothing moves before the approval

    # 3. the manager approves from the inbox
    page3, ctx3 = make_page(qtbot, roster_page, manager)
    holder = QMainWindow()  # the window's status bar confirms the decision
    qtbot.addWidget(holder)
    qtbot.holder = holder  # kept (with the page in it) until the widgets are closed
    holder.setCentralWidget(page3)
    holder.show()
    assert app_badges.roster_waiting(ctx3.user) == 1
    page3.tabs.setCurrentIndex(page3.inbox_index)
    assert page3.inbox.rowCount() == 1
    click_row(qtbot, page3.inbox, 0)
    assert "Swap no." in page3.inbox_title.text()
    qtbot.keyClicks(page3.decision_reason, "agreed")
    click(qtbot, page3.approve_button)
    stored = SwapRequest.get_by_id(swap.id)
    assert stored.status == swaps.APPROVED and stored.decision_reason == "agreed"
    assert holder.statusBar().currentMessage() == f"Swap request no. {swap.id} approved."
    assert page3.inbox.rowCount() == 0
    assert app_badges.roster_waiting(ctx3.user) == 0

    # the roster changed, and the grid shows it
    assert entry_for(agent2, give, day).swap_id == swap.id
    assert entry_for(agent, back, day).swap_id == swap.id
    assert entry_for(agent, give, day) is None
    page3.tabs.setCurrentIndex(0)
    page3.year, page3.month = give.year, give.month
    page3.load_month()
    settle(qtbot)
    assert page3.grid.cell_text(agent2.id, give).endswith("*")
    assert page3.grid.cell_text(agent.id, give) == ""


def test_failed_rule_needs_an_exception_reason_in_the_inbox(
    qtbot, two_days, manager, agent, agent2, no_settings_leak
):
    give, back, day = two_days
    RosterEntry.create(on_date=give, shift=shift_by_code("evening"), agent=agent2)
    plan = swaps.plan_for(agent, agent2, give, day, back, day)
    swap = swaps.request_swap(agent, plan, "看病")
    swaps.accept(agent2, swap)
    page, _ctx = make_page(qtbot, roster_page, manager)
    page.tabs.setCurrentIndex(page.inbox_index)
    click_row(qtbot, page.inbox, 0)
    assert page.inbox.item(0, 4).text() == "No back-to-back shifts"  # the rule by its name
    assert page.inbox_results.failed_count() == 1
    click(qtbot, page.approve_button)
    assert page.decision_errors.message_for("override_reason")
    assert SwapRequest.get_by_id(swap.id).status == swaps.PENDING_MANAGER
    qtbot.keyClicks(page.override_reason, "short of staff, exception granted")
    click(qtbot, page.approve_button)
    stored = SwapRequest.get_by_id(swap.id)
    assert (
        stored.status == swaps.APPROVED
        and stored.override_reason == "short of staff, exception granted"
    )


def test_manager_fills_the_grid_by_clicking(qtbot, sqlite_url, manager, agent, no_settings_leak):
    page, _ctx = make_page(qtbot, roster_page, manager)
    day = dt.date(page.year, page.month, 10)
    # editing is a mode: a click before it is turned on changes nothing
    assert not page.brush.isVisible() and not page.edit_button.isChecked()
    row, col = page.grid.position(agent.id, day)
    click_row(qtbot, page.grid, row, col)
    assert RosterEntry.select().where(RosterEntry.agent == agent).count() == 0
    assert "Edit roster" in page.legend.text()
    click(qtbot, page.edit_button)
    assert page.brush.isVisible()
    page.brush.setCurrentIndex(page.brush.findData(shift_by_code("evening").id))
    row, col = page.grid.position(agent.id, day)
    click_row(qtbot, page.grid, row, col)
    assert entry_for(agent, day, shift_by_code("evening")) is not None
    assert page.grid.cell_text(agent.id, day) == "晚"
    click_row(qtbot, page.grid, row, col)  # a second click takes it off again
    assert entry_for(agent, day, shift_by_code("evening")) is None
    click(qtbot, page.edit_button)  # editing off: clicks change nothing again
    assert not page.brush.isVisible()
    click_row(qtbot, page.grid, row, col)
    assert entry_for(agent, day, shift_by_code("evening")) is None


def test_a_shift_retired_on_another_desk_is_told_not_raised(
    qtbot, sqlite_url, manager, agent, no_settings_leak, monkeypatch
):
    from models import Shift

    page, _ctx = make_page(qtbot, roster_page, manager)
    click(qtbot, page.edit_button)
    evening = shift_by_code("evening")
    page.brush.setCurrentIndex(page.brush.findData(evening.id))
    Shift.update(active=False).where(Shift.id == evening.id).execute()  # the other desk
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    day = dt.date(page.year, page.month, 10)
    row, col = page.grid.position(agent.id, day)
    click_row(qtbot, page.grid, row, col)
    assert told and "no longer in use" in told[0]
    assert entry_for(agent, day, evening) is None
    assert page.brush.findData(evening.id) == -1


def test_agent_clicking_the_grid_changes_nothing(qtbot, sqlite_url, agent, no_settings_leak):
    page, _ctx = make_page(qtbot, roster_page, agent)
    assert not page.brush.isVisible() and not page.pattern_button.isVisible()
    day = dt.date(page.year, page.month, 10)
    click_row(qtbot, page.grid, *page.grid.position(agent.id, day))
    assert RosterEntry.select().count() == 0


def test_handover_recorded_acknowledged_and_issue_carried_until_closed(
    qtbot, sqlite_url, agent, agent2, no_settings_leak, monkeypatch
):
    page, _ctx = make_page(qtbot, handover_page, agent)
    page.incoming.setCurrentIndex(page.incoming.findData(agent2.id))
    click(qtbot, page.save_button)
    assert page.errors.message_for("equipment")  # equipment status is required
    qtbot.keyClicks(page.equipment, "headset 3 broken")
    qtbot.keyClicks(page.new_issues, "school projector will not start")
    click(qtbot, page.save_button)
    entry = HandoverEntry.get()
    assert entry.outgoing_id == agent.id and entry.incoming_id == agent2.id
    assert page.issues.rowCount() == 1

    page2, ctx2 = make_page(qtbot, handover_page, agent2)
    assert app_badges.handovers_to_acknowledge(ctx2.user) == 1
    click_row(qtbot, page2.history, 0)
    click(qtbot, page2.ack_button)
    assert HandoverEntry.get_by_id(entry.id).acknowledged_at is not None
    assert app_badges.handovers_to_acknowledge(ctx2.user) == 0
    # the next handover carries the open issue
    qtbot.keyClicks(page2.equipment, "all fine")
    click(qtbot, page2.save_button)
    newer = HandoverEntry.select().order_by(HandoverEntry.id.desc()).first()
    newer.at = newer.at + dt.timedelta(seconds=1)
    newer.save()
    page2.refresh()
    settle(qtbot)
    click_row(qtbot, page2.history, 0)
    assert "school projector will not start" in page2.detail.toPlainText()
    # closing it
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("工程师已上门修好", True))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(str(a)))
    click_row(qtbot, page2.issues, 0)
    click(qtbot, page2.close_issue_button)
    assert HandoverIssue.get().closed_at is not None
    assert page2.issues.rowCount() == 0


def test_leave_asked_in_the_dialog_and_rejected_in_the_inbox(
    qtbot, sqlite_url, manager, agent, agent2, no_settings_leak
):
    page, _ctx = make_page(qtbot, roster_page, agent)
    page.tabs.setCurrentIndex(1)
    click(qtbot, page.new_leave_button)
    dialog = page.leave_dialog
    qtbot.waitUntil(dialog.isVisible)
    settle(qtbot)
    start = dialog.start.dateTime()
    dialog.end.setDateTime(start.addDays(2))
    settle(qtbot)
    # more than a day without a substitute: the rule shows before sending
    assert dialog.results.failed_count() == 1
    dialog.substitute.setCurrentIndex(dialog.substitute.findData(agent2.id))
    settle(qtbot)
    assert dialog.results.failed_count() == 0
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    assert dialog.errors.message_for("reason")  # the reason is required; the dialog stays
    qtbot.keyClicks(dialog.reason, "family wedding")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.leave_table.rowCount() == 1

    boss, _ = make_page(qtbot, roster_page, manager)
    boss.tabs.setCurrentIndex(boss.inbox_index)
    click_row(qtbot, boss.inbox, 0)
    assert "Leave no." in boss.inbox_title.text()
    click(qtbot, boss.reject_button)
    assert boss.decision_errors.message_for("reason")
    qtbot.keyClicks(boss.decision_reason, "training day")
    click(qtbot, boss.reject_button)
    from models import LeaveRequest

    stored = LeaveRequest.get()
    assert stored.status == "rejected" and stored.decision_reason == "training day"
    boss.tabs.setCurrentIndex(1)
    boss.everyone.setChecked(True)
    settle(qtbot)
    assert boss.leave_table.rowCount() == 1


def test_sending_a_swap_that_breaks_a_rule_asks_first(
    qtbot, two_days, agent, agent2, monkeypatch, no_settings_leak
):
    give, back, day = two_days
    RosterEntry.create(on_date=back, shift=shift_by_code("evening"), agent=agent)
    page, _ctx = make_page(qtbot, roster_page, agent)
    dialog = page.open_swap_dialog()
    qtbot.waitUntil(dialog.isVisible)
    settle(qtbot)
    dialog.give.setCurrentIndex(
        dialog.give.findText(give.isoformat(), Qt.MatchFlag.MatchStartsWith)
    )
    settle(qtbot)
    dialog.colleague.setCurrentIndex(dialog.colleague.findData(agent2.id))
    settle(qtbot)
    dialog.return_shift.setCurrentIndex(
        dialog.return_shift.findText(back.isoformat(), Qt.MatchFlag.MatchStartsWith)
    )
    settle(qtbot)
    assert dialog.results.failed_count() == 1  # agent would work day and evening back to back
    qtbot.keyClicks(dialog.reason, "doctor")
    asked = []
    answer = QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or answer)
    click(qtbot, dialog.send_button)
    assert asked and "5" in asked[0] and dialog.isVisible()
    assert SwapRequest.select().count() == 0
    answer = QMessageBox.StandardButton.Yes
    click(qtbot, dialog.send_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert SwapRequest.get().status == swaps.PENDING_COLLEAGUE


def test_print_the_roster_from_the_page(
    qtbot, sqlite_url, manager, monkeypatch, tmp_path, no_settings_leak
):
    target = tmp_path / "roster.pdf"
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    page, _ctx = make_page(qtbot, roster_page, manager)
    click(qtbot, page.print_button)
    assert "2026-11" in page.print_dialog.windowTitle()  # which month it prints
    click(qtbot, page.print_dialog.save_button)
    qtbot.waitUntil(lambda: page.last_pdf == target, timeout=15000)
    assert target.stat().st_size > 1000


def test_week_pattern_holiday_override_and_shift_editing_dialogs(
    qtbot, sqlite_url, manager, agent, monkeypatch, no_settings_leak
):
    page, _ctx = make_page(qtbot, roster_page, manager)
    first = (dt.date.today().replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    page.year, page.month = first.year, first.month  # next month: nothing in it is past
    page.load_month()
    settle(qtbot)
    monday = first + dt.timedelta(days=(7 - first.weekday()) % 7)
    click(qtbot, page.edit_button)
    page.brush.setCurrentIndex(page.brush.findData(shift_by_code("day").id))
    for offset in range(5):
        click_row(qtbot, page.grid, *page.grid.position(agent.id, monday + dt.timedelta(offset)))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    click(qtbot, page.pattern_button)
    dialog = page.pattern_dialog
    qtbot.waitUntil(dialog.isVisible)
    settle(qtbot)
    assert dialog.start_date() == monday
    dialog.accept()
    qtbot.waitUntil(lambda: bool(told), timeout=15000)
    settle(qtbot)
    assert "shifts were added" in told[0]
    target = monday + dt.timedelta(days=14)
    expected = "白" if public_holidays.day_info(target).kind == public_holidays.WORKDAY else ""
    assert page.grid.cell_text(agent.id, target) == expected
    saturday = monday + dt.timedelta(days=12)
    worked = public_holidays.day_info(saturday).is_working_day  # 调休: Friday's shift
    assert page.grid.cell_text(agent.id, saturday) == ("白" if worked else "")

    click(qtbot, page.holiday_button)
    holidays = page.holiday_dialog
    qtbot.waitUntil(holidays.isVisible)
    settle(qtbot)
    holidays.day.setDate(holidays.day.date().fromString(target.isoformat(), "yyyy-MM-dd"))
    holidays.kind.setCurrentIndex(0)
    qtbot.keyClicks(holidays.name, "company day")
    holidays.accept()
    settle(qtbot)
    assert public_holidays.day_info(target).name == "company day"
    assert "Hol" in page.grid.horizontalHeaderItem(target.day - 1).text()

    click(qtbot, page.shifts_button)
    shifts = page.shifts_dialog
    qtbot.waitUntil(shifts.isVisible)
    settle(qtbot)
    shifts.table.item(1, 2).setText("12:00-13:30")
    click(qtbot, shifts.add_button)
    shifts.table.setItem(4, 0, type(shifts.table.item(0, 0))("night"))
    shifts.table.setItem(4, 1, type(shifts.table.item(0, 0))("Night"))
    shifts.table.setItem(4, 2, type(shifts.table.item(0, 0))("22:00-21:00"))
    shifts.accept()
    settle(qtbot)
    assert "Row 5" in shifts.message.text() and shifts.isVisible()
    shifts.table.item(4, 2).setText("21:30-23:30")
    shifts.accept()
    settle(qtbot)
    assert not shifts.isVisible()
    assert shift_by_code("noon").segments == "12:00-13:30"
    assert shift_by_code("night").name == "Night"
    assert page.brush.findText("Night", Qt.MatchFlag.MatchStartsWith) >= 0


def test_week_pattern_message_tells_kept_swaps_and_days_to_check(
    qtbot, sqlite_url, manager, no_settings_leak
):
    from app.roster.roster import PatternResult

    page, _ctx = make_page(qtbot, roster_page, manager)
    text = page.pattern_message(
        PatternResult(
            created=12,
            kept_swaps=2,
            working_weekend_days=[dt.date(2026, 10, 10)],
            weekday_holidays=[dt.date(2026, 10, 1), dt.date(2026, 10, 2)],
        )
    )
    assert "12 shifts were added" in text
    assert "2 shifts changed by approved swaps were kept" in text
    assert "10-10" in text and "10-01, 10-02" in text
    assert "approved swaps" not in page.pattern_message(PatternResult(created=1))


def test_open_record_shows_the_swap_where_the_user_acts_on_it(
    qtbot, two_days, manager, agent, agent2, no_settings_leak
):
    give, back, day = two_days
    swap = swaps.request_swap(agent, swaps.plan_for(agent, agent2, give, day, back, day), "x")
    colleague_page, _ = make_page(qtbot, roster_page, agent2)
    colleague_page.open_record(swap_id=swap.id)
    settle(qtbot)
    assert colleague_page.tabs.currentIndex() == 1
    assert colleague_page.accept_button.isEnabled()
    swaps.accept(agent2, swap)
    boss, _ = make_page(qtbot, roster_page, manager)
    boss.open_record(swap_id=swap.id)
    settle(qtbot)
    assert boss.tabs.currentIndex() == boss.inbox_index
    assert boss.approve_button.isEnabled() and f"{swap.id}" in boss.inbox_title.text()


def test_leave_selection_survives_the_refresh(qtbot, sqlite_url, agent, no_settings_leak):
    from app.roster import leave

    first = dt.date.today() + dt.timedelta(days=5)
    for i in range(3):
        d = first + dt.timedelta(days=i * 3)
        plan = leave.plan_for(
            agent, dt.datetime.combine(d, dt.time(8)), dt.datetime.combine(d, dt.time(18)), None
        )
        leave.request_leave(agent, plan, "personal", "事假")
    page, _ctx = make_page(qtbot, roster_page, agent)
    page.tabs.setCurrentIndex(1)
    click_row(qtbot, page.leave_table, 1)
    chosen = selected_key(page.leave_table)
    assert chosen is not None and page.withdraw_leave_button.isEnabled()
    page.refresh()  # the main window's poll
    settle(qtbot)
    assert selected_key(page.leave_table) == chosen
    assert page.withdraw_leave_button.isEnabled()


def test_open_issue_selection_survives_the_refresh(
    qtbot, sqlite_url, agent, agent2, no_settings_leak, monkeypatch
):
    from app.roster import handover

    handover.record_handover(
        agent, incoming=agent2, shift=None, equipment="正常", new_issues=["问题一", "问题二"]
    )
    page, _ctx = make_page(qtbot, handover_page, agent2)
    assert not page.close_issue_button.isEnabled()  # nothing chosen yet
    assert page.close_issue_button.toolTip()
    click_row(qtbot, page.issues, 1)
    chosen = selected_key(page.issues)
    assert page.close_issue_button.isEnabled()
    page.refresh()  # the main window's poll
    settle(qtbot)
    assert selected_key(page.issues) == chosen
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("已处理", True))
    click(qtbot, page.close_issue_button)
    assert HandoverIssue.get_by_id(chosen).closed_at is not None
    assert page.issues.rowCount() == 1 and not page.close_issue_button.isEnabled()


def test_inbox_keeps_the_error_through_a_refresh_and_clears_reasons_for_another_request(
    qtbot, sqlite_url, manager, agent, no_settings_leak
):
    from app.roster import leave
    from models import LeaveRequest

    first = dt.date.today() + dt.timedelta(days=5)
    for i in range(2):
        d = first + dt.timedelta(days=i * 3)
        plan = leave.plan_for(
            agent, dt.datetime.combine(d, dt.time(8)), dt.datetime.combine(d, dt.time(18)), None
        )
        leave.request_leave(agent, plan, "personal", "事假")
    page, _ctx = make_page(qtbot, roster_page, manager)
    page.tabs.setCurrentIndex(page.inbox_index)
    click_row(qtbot, page.inbox, 0)
    chosen = page.selected_request()
    click(qtbot, page.reject_button)  # no reason
    assert page.decision_errors.message_for("reason")
    page.refresh()  # the main window's poll: same request, the error stays
    settle(qtbot)
    assert page.decision_errors.message_for("reason")
    page.override_reason.setPlainText("例外")
    settle(qtbot)
    page.refresh()
    settle(qtbot)
    assert page.decision_errors.message_for("reason")  # stays until a reason is typed
    page.decision_reason.insert("人手不足")
    assert not page.decision_errors.message_for("reason")  # and goes as soon as it is
    page.refresh()
    settle(qtbot)
    assert page.selected_request().id == chosen.id
    assert page.decision_reason.text() == "人手不足"
    assert page.override_reason.toPlainText() == "例外"
    assert page.unsaved_work()  # quitting now would ask first
    # another request: the reasons typed for the first one are not carried over
    click_row(qtbot, page.inbox, 1)
    other = page.selected_request()
    assert other.id != chosen.id
    assert page.decision_reason.text() == "" and page.override_reason.toPlainText() == ""
    assert not page.decision_errors.message_for("reason")
    page.decision_reason.insert("培训")
    click(qtbot, page.reject_button)
    assert LeaveRequest.get_by_id(other.id).decision_reason == "培训"
    assert page.unsaved_work() == ""
    assert LeaveRequest.get_by_id(chosen.id).status == leave.PENDING


def test_without_the_work_permission_shift_actions_are_not_offered(
    qtbot, sqlite_url, admin, agent, no_settings_leak
):
    from app.roster import handover

    handover.record_handover(
        agent, incoming=None, shift=None, equipment="正常", new_issues=["问题"]
    )
    page, _ctx = make_page(qtbot, handover_page, admin)
    click_row(qtbot, page.issues, 0)
    click_row(qtbot, page.history, 0)
    for button in (page.save_button, page.close_issue_button, page.ack_button):
        assert not button.isEnabled() and "Only agents and managers" in button.toolTip()
    page.refresh()
    settle(qtbot)
    assert not page.close_issue_button.isEnabled() and not page.ack_button.isEnabled()
    roster, _ = make_page(qtbot, roster_page, admin)
    for button in (roster.new_swap_button, roster.new_leave_button):
        assert not button.isEnabled() and "Only agents and managers" in button.toolTip()
    # an agent has them
    mine, _ = make_page(qtbot, roster_page, agent)
    assert mine.new_swap_button.isEnabled() and mine.new_leave_button.isEnabled()
    desk, _ = make_page(qtbot, handover_page, agent)
    assert desk.save_button.isEnabled()


def test_handover_form_follows_the_refresh_and_starts_fresh_after_saving(
    qtbot, sqlite_url, agent, agent2, no_settings_leak
):
    from tests.conftest import make_user

    page, _ctx = make_page(qtbot, handover_page, agent)
    page.incoming.setCurrentIndex(page.incoming.findData(agent2.id))
    page.shift.setCurrentIndex(page.shift.findData(shift_by_code("evening").id))
    page.staffing.setPlainText("小王病假，小李顶班")
    page.equipment.setPlainText("耳机正常")
    newcomer = make_user("agent3", "agent", "K003", "新同事")
    page.refresh()  # the main window's poll
    settle(qtbot)
    assert page.incoming.findData(newcomer.id) >= 0  # a new colleague can be named
    assert page.incoming.currentData() == agent2.id
    assert page.shift.currentData() == shift_by_code("evening").id
    assert page.staffing.toPlainText() == "小王病假，小李顶班"
    assert page.equipment.toPlainText() == "耳机正常"
    assert page.unsaved_work()  # quitting now would ask first
    click(qtbot, page.save_button)
    assert HandoverEntry.get().staffing == "小王病假，小李顶班"
    assert page.staffing.toPlainText() == ""  # the next handover does not carry it
    assert page.unsaved_work() == ""
    page.refresh()
    settle(qtbot)
    assert page.staffing.toPlainText() == ""


def test_approving_leave_with_a_substitute_says_who_works_the_shifts(
    qtbot, sqlite_url, manager, agent, agent2, no_settings_leak
):
    from app.roster import leave
    from models import LeaveRequest

    day = plain_workday(dt.date(2026, 12, 1))
    entry = RosterEntry.create(on_date=day, shift=shift_by_code("day"), agent=agent)
    plan = leave.plan_for(
        agent,
        dt.datetime.combine(day, dt.time(8)),
        dt.datetime.combine(day, dt.time(18)),
        agent2,
    )
    leave.request_leave(agent, plan, "personal", "看病")
    boss, _ = make_page(qtbot, roster_page, manager)
    boss.tabs.setCurrentIndex(boss.inbox_index)
    click_row(qtbot, boss.inbox, 0)
    assert "If approved: 张客服 takes over" in boss.inbox_title.text()
    click(qtbot, boss.approve_button)
    assert LeaveRequest.get().status == "approved"
    assert boss.decision_outcome.isVisible()
    assert "approved. 张客服 takes over" in boss.decision_outcome.text()
    assert RosterEntry.get_by_id(entry.id).agent_id == agent2.id
    boss.tabs.setCurrentIndex(0)
    boss.year, boss.month = day.year, day.month
    boss.load_month()
    settle(qtbot)
    row = next(r for r, p in enumerate(boss.grid.data.people) if p.id == agent2.id)
    col = next(c for c, d in enumerate(boss.grid.data.days) if d.on_date == day)
    cell = boss.grid.item(row, col)
    assert cell.text().endswith("*") and "stands in for 李客服" in cell.toolTip()
