"""The roster page never reads or writes the database on the GUI thread: the month grid, the lists,
the approval inbox with its rule checks, the request forms and every decision run through the
operation runner, and the page still shows what it should."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app.roster import swaps
from app.roster.roster import entry_for
from app.roster.shifts import shift_by_code
from models import RosterEntry, SwapRequest
from tests.ui.gui_thread_sql import no_sql_on_gui_thread
from tests.ui.test_roster_swap_gui import (  # noqa: F401
    click,
    click_row,
    english_texts,
    make_page,
    no_settings_leak,
    plain_workday,
    settle,
)
from ui import operations
from ui.roster import page as roster_page


@pytest.mark.usefixtures("no_settings_leak")
def test_the_manager_approves_a_swap_without_sql_on_the_gui_thread(
    qtbot, sqlite_url, manager, agent, agent2
):
    give = plain_workday(dt.date.today() + dt.timedelta(days=7))
    back = plain_workday(give + dt.timedelta(days=7))
    day = shift_by_code("day")
    RosterEntry.create(on_date=give, shift=day, agent=agent)
    RosterEntry.create(on_date=back, shift=day, agent=agent2)
    swap = swaps.request_swap(agent, swaps.plan_for(agent, agent2, give, day, back, day), "看病")
    swaps.accept(agent2, swap)

    with no_sql_on_gui_thread():
        page, _ctx = make_page(qtbot, roster_page, manager)
        page.year, page.month = give.year, give.month
        page.move_month(1)
        settle(qtbot)
        page.move_month(-1)
        settle(qtbot)
        assert page.grid.cell_text(agent.id, give) == "白"
        page.tabs.setCurrentIndex(page.inbox_index)
        assert page.inbox.rowCount() == 1
        click_row(qtbot, page.inbox, 0)
        assert page.inbox_results.count() == 9 and page.approve_button.isEnabled()
        qtbot.keyClicks(page.decision_reason, "agreed")
        click(qtbot, page.approve_button)
        assert page.inbox.rowCount() == 0
        assert page.grid.cell_text(agent2.id, give) == "白*"  # the grid follows the approval
        page.tabs.setCurrentIndex(1)
        page.everyone.setChecked(True)
        settle(qtbot)
        assert page.swap_table.item(0, 1).text() == "Approved"

    assert SwapRequest.get_by_id(swap.id).status == swaps.APPROVED
    assert entry_for(agent2, give, day).swap_id == swap.id


@pytest.mark.usefixtures("no_settings_leak")
def test_an_agent_asks_for_a_swap_without_sql_on_the_gui_thread(qtbot, sqlite_url, agent, agent2):
    give = plain_workday(dt.date.today() + dt.timedelta(days=7))
    back = plain_workday(give + dt.timedelta(days=7))
    day = shift_by_code("day")
    RosterEntry.create(on_date=give, shift=day, agent=agent)
    RosterEntry.create(on_date=back, shift=day, agent=agent2)

    with no_sql_on_gui_thread():
        page, _ctx = make_page(qtbot, roster_page, agent)
        page.tabs.setCurrentIndex(1)
        click(qtbot, page.new_swap_button)
        dialog = page.swap_dialog
        qtbot.waitUntil(operations.idle)
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
        qtbot.keyClicks(dialog.reason, "school")
        click(qtbot, dialog.send_button)
        assert not dialog.isVisible()
        assert page.swap_table.rowCount() == 1
        click_row(qtbot, page.swap_table, 0)
        assert page.withdraw_button.isEnabled() and not page.accept_button.isEnabled()

    assert SwapRequest.get().status == swaps.PENDING_COLLEAGUE


@pytest.mark.usefixtures("no_settings_leak")
def test_the_grid_and_the_roster_dialogs_without_sql_on_the_gui_thread(
    qtbot, sqlite_url, manager, agent, agent2
):
    from PySide6.QtWidgets import QTableWidgetItem

    from app.roster import public_holidays

    evening = shift_by_code("evening")
    with no_sql_on_gui_thread() as sql:
        page, _ctx = make_page(qtbot, roster_page, manager)
        day = dt.date(page.year, page.month, 10)
        click(qtbot, page.edit_button)
        page.brush.setCurrentIndex(page.brush.findData(evening.id))
        click_row(qtbot, page.grid, *page.grid.position(agent.id, day))
        assert page.grid.cell_text(agent.id, day) == "晚"

        click(qtbot, page.holiday_button)
        holidays = page.holiday_dialog
        settle(qtbot)
        assert holidays.current.text()  # what the calendar says about the day
        holidays.kind.setCurrentIndex(0)
        qtbot.keyClicks(holidays.name, "company day")
        holidays.accept()
        settle(qtbot)
        assert not holidays.isVisible()
        assert "Hol" in page.grid.horizontalHeaderItem(0).text()

        click(qtbot, page.shifts_button)
        shifts = page.shifts_dialog
        settle(qtbot)
        assert shifts.table.rowCount() == 4
        click(qtbot, shifts.add_button)
        shifts.table.setItem(4, 0, QTableWidgetItem("night"))
        shifts.table.setItem(4, 1, QTableWidgetItem("Night"))
        shifts.table.setItem(4, 2, QTableWidgetItem("21:30-23:30"))
        shifts.accept()
        settle(qtbot)
        assert not shifts.isVisible()
        assert page.brush.findText("Night", Qt.MatchFlag.MatchStartsWith) >= 0

        desk, _ = make_page(qtbot, roster_page, agent)
        desk.tabs.setCurrentIndex(1)
        click(qtbot, desk.new_leave_button)
        dialog = desk.leave_dialog
        settle(qtbot)
        dialog.end.setDateTime(dialog.start.dateTime().addDays(2))
        settle(qtbot)
        assert dialog.results.failed_count() == 1  # more than a day needs a substitute
        dialog.substitute.setCurrentIndex(dialog.substitute.findData(agent2.id))
        settle(qtbot)
        assert dialog.results.failed_count() == 0
        qtbot.keyClicks(dialog.reason, "family wedding")
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
        assert not dialog.isVisible() and desk.leave_table.rowCount() == 1
        click_row(qtbot, desk.leave_table, 0)
        assert desk.withdraw_leave_button.isEnabled()
        click(qtbot, desk.withdraw_leave_button)
        assert desk.leave_table.item(0, 1).text() == "Withdrawn"
        with sql.paused():
            first = dt.date(page.year, page.month, 1)
            assert public_holidays.day_info(first).name == "company day"


@pytest.mark.usefixtures("no_settings_leak")
def test_the_handover_log_without_sql_on_the_gui_thread(
    qtbot, sqlite_url, agent, agent2, monkeypatch
):
    from PySide6.QtWidgets import QInputDialog

    from app.roster import handover
    from models import HandoverEntry, HandoverIssue
    from ui.roster import handover_page

    handover.record_handover(
        agent2, incoming=None, shift=None, equipment="正常", new_issues=["旧问题"]
    )
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("已处理", True))
    with no_sql_on_gui_thread():
        page, _ctx = make_page(qtbot, handover_page, agent)
        assert page.issues.rowCount() == 1 and page.history.rowCount() == 1
        assert "旧问题" in page.detail.toPlainText() and page.ack_button.isEnabled()
        click(qtbot, page.ack_button)
        assert not page.ack_button.isEnabled()
        page.incoming.setCurrentIndex(page.incoming.findData(agent2.id))
        qtbot.keyClicks(page.equipment, "headset 3 broken")
        qtbot.keyClicks(page.new_issues, "projector")
        click(qtbot, page.save_button)
        assert page.history.rowCount() == 2 and page.issues.rowCount() == 2
        assert page.equipment.toPlainText() == ""
        click_row(qtbot, page.issues, 0)
        click(qtbot, page.close_issue_button)
        assert page.issues.rowCount() == 1

    assert HandoverEntry.select().count() == 2
    assert HandoverIssue.select().where(HandoverIssue.closed_at.is_null()).count() == 1


@pytest.mark.usefixtures("no_settings_leak")
def test_an_approval_waits_for_another_desks_lock_while_the_page_keeps_working(
    qtbot, sqlite_url, manager, agent, agent2
):
    import time

    from PySide6.QtCore import QTimer

    from tests.ui.test_window_never_waits import MAX_GAP_S, OtherDesk, Ticker

    give = plain_workday(dt.date.today() + dt.timedelta(days=7))
    back = plain_workday(give + dt.timedelta(days=7))
    day = shift_by_code("day")
    RosterEntry.create(on_date=give, shift=day, agent=agent)
    RosterEntry.create(on_date=back, shift=day, agent=agent2)
    swap = swaps.request_swap(agent, swaps.plan_for(agent, agent2, give, day, back, day), "看病")
    swaps.accept(agent2, swap)
    page, _ctx = make_page(qtbot, roster_page, manager)
    page.tabs.setCurrentIndex(page.inbox_index)
    click_row(qtbot, page.inbox, 0)
    qtbot.keyClicks(page.decision_reason, "agreed")
    events: list[str] = []
    desk = OtherDesk(sqlite_url, "IMMEDIATE")
    try:
        ticker = Ticker()
        qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
        busy: list[str] = []
        released: list[float] = []

        def look_while_saving() -> None:
            busy.append(operations.is_busy(page))
            page.tabs.setCurrentIndex(0)  # the manager reads the roster meanwhile

        def release() -> None:
            released.append(time.monotonic())
            events.append("released")
            desk.release()

        QTimer.singleShot(1000, look_while_saving)
        QTimer.singleShot(3000, release)
        qtbot.waitUntil(lambda: page.inbox.rowCount() == 0, timeout=30000)
        events.append("approved")
        gap = ticker.stop(until=released[0])
    finally:
        desk.finish()
    print(f"\nlongest stand-still of the GUI thread while the lock was held: {gap * 1000:.0f} ms")
    assert busy == ["Saving…"]  # the page says so while it waits
    assert events == ["released", "approved"]
    assert SwapRequest.get_by_id(swap.id).status == swaps.APPROVED
    assert gap < MAX_GAP_S


@pytest.mark.usefixtures("no_settings_leak")
def test_a_second_press_while_sending_sends_nothing_more(qtbot, sqlite_url, agent):
    from models import LeaveRequest

    page, _ctx = make_page(qtbot, roster_page, agent)
    dialog = page.open_leave_dialog()
    settle(qtbot)
    qtbot.keyClicks(dialog.reason, "dentist")
    dialog.accept()
    dialog.accept()  # pressed again before the first one is done
    settle(qtbot)
    assert not dialog.isVisible()
    assert LeaveRequest.select().count() == 1
    assert not dialog.errors.message_for("start_at")  # not told it was asked already
