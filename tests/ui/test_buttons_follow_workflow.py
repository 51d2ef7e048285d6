"""The buttons of the complaint screen and the roster's swap and leave lists follow the
transition tables of app/ (no widget decides a rule)."""

from __future__ import annotations

import datetime as dt

from app.complaints import service
from app.complaints.workflow import COMPLAINT
from app.roster import leave, swaps
from app.roster.shifts import shift_by_code
from app.roster.workflow import LEAVE, SWAP
from models import Complaint, LeaveRequest, RosterEntry, SwapRequest, now
from tests.ui.test_roster_swap_gui import click_row, plain_workday
from ui import operations
from ui.complaints import page as complaints_page
from ui.context import UiContext
from ui.roster import page as roster_page


def make_page(qtbot, module, user):
    ctx = UiContext(user=user, db_description="test", language="en")
    ctx.refresh_badges = lambda: None
    page = module.create_page(ctx, None)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    return page


def complaint_buttons(view):
    shown = {
        "start": view.start_button,
        "resolve": view.resolve_button,
        "close": view.close_button,
        "reassign": view.reassign_button,
        "void": view.void_button,
        "edit": view.save_button,
        "add_step": view.add_step_button,
    }
    return {action for action, button in shown.items() if button.isVisible() and button.isEnabled()}


def test_complaint_buttons_follow_the_table(qtbot, sqlite_url, agent, manager):
    c = service.register_complaint(
        agent,
        complainant="陈先生",
        contact="13912345678",
        channel="phone",
        category="delivery",
        content="包装破损",
    )
    steps = [
        lambda: None,
        lambda: service.start_handling(agent, c.id),
        lambda: service.resolve_complaint(agent, c.id, "已处理"),
        lambda: service.close_after_callback(agent, c.id, 5),
        lambda: service.void_complaint(manager, c.id, "重复登记"),
    ]
    pages = {user.login: make_page(qtbot, complaints_page, user) for user in (agent, manager)}
    seen = set()
    for advance in steps:
        advance()
        record = Complaint.get_by_id(c.id)
        for user in (agent, manager):
            view = pages[user.login].view
            view.show_complaint(c.id)
            qtbot.waitUntil(operations.idle)
            allowed = COMPLAINT.allowed_actions(user, record)
            assert complaint_buttons(view) == allowed - {"reopen"}, (record.status, user.login)
            seen.add((record.status, record.voided))
            # reopening is offered when the table allows it; an agent on a closed complaint is
            # told on the button why not (the manager's act)
            if "reopen" in allowed:
                assert view.reopen_button.isEnabled() and not view.reopen_button.toolTip()
            elif record.status == "closed" and not record.voided:
                assert "only the manager" in view.reopen_button.toolTip()
            else:
                assert not view.reopen_button.isEnabled()
    assert len(seen) == 5


def test_swap_and_leave_buttons_follow_the_tables(qtbot, sqlite_url, manager, agent, agent2):
    give = plain_workday(dt.date.today() + dt.timedelta(days=7))
    back = plain_workday(give + dt.timedelta(days=7))
    day = shift_by_code("day")
    RosterEntry.create(on_date=give, shift=day, agent=agent)
    RosterEntry.create(on_date=back, shift=day, agent=agent2)
    swap = swaps.request_swap(agent, swaps.plan_for(agent, agent2, give, day, back, day), "家事")
    start = now().replace(hour=8, minute=0, second=0) + dt.timedelta(days=10)
    plan = leave.plan_for(agent, start, start + dt.timedelta(hours=4), None)
    asked = leave.request_leave(agent, plan, "personal", "家中有事")

    def swap_buttons(page):
        page.refresh()
        qtbot.waitUntil(operations.idle)
        page.tabs.setCurrentIndex(1)
        click_row(qtbot, page.swap_table, 0)
        buttons = {
            "accept": page.accept_button,
            "decline": page.decline_button,
            "withdraw": page.withdraw_button,
        }
        return {a for a, b in buttons.items() if b.isEnabled()}

    requester, colleague = (make_page(qtbot, roster_page, u) for u in (agent, agent2))
    for state_change in (lambda: None, lambda: swaps.accept(agent2, swap)):
        state_change()
        record = SwapRequest.get_by_id(swap.id)
        assert swap_buttons(requester) == SWAP.allowed_actions(agent, record) == {"withdraw"}
        colleague.everyone.setChecked(False)
        expected = SWAP.allowed_actions(agent2, record)
        assert swap_buttons(colleague) == expected

    boss = make_page(qtbot, roster_page, manager)
    boss.refresh()
    qtbot.waitUntil(operations.idle)
    boss.tabs.setCurrentIndex(boss.inbox_index)
    for row in range(boss.inbox.rowCount()):
        click_row(qtbot, boss.inbox, row)
        shown = boss.selected_request()
        table = SWAP if shown.kind == "swap" else LEAVE
        record = (SwapRequest if shown.kind == "swap" else LeaveRequest).get_by_id(shown.id)
        enabled = {
            a
            for a, b in (("approve", boss.approve_button), ("reject", boss.reject_button))
            if b.isEnabled()
        }
        assert enabled == table.allowed_actions(manager, record) == {"approve", "reject"}

    requester.refresh()
    qtbot.waitUntil(operations.idle)
    requester.tabs.setCurrentIndex(1)
    click_row(qtbot, requester.leave_table, 0)
    record = LeaveRequest.get_by_id(asked.id)
    assert requester.withdraw_leave_button.isEnabled() == (
        "withdraw" in LEAVE.allowed_actions(agent, record)
    )
    assert requester.withdraw_leave_button.isEnabled()
