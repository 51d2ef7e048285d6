"""Leave requests and their decision; the handover log with issues carried until closed."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication

from app import audit
from app.errors import PermissionDenied, ValidationError
from app.i18n import install_language
from app.roster import handover, leave, rules
from app.roster.shifts import shift_by_code
from models import HandoverIssue, LeaveRequest, RosterEntry
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def english_texts():
    """The texts checked here are the English sources: drop a translator an earlier test left."""
    if QCoreApplication.instance() is not None:
        install_language("en")


D = dt.date(2026, 12, 1)


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour))


def ask(agent, start, end, substitute=None, asked_on=dt.date(2026, 11, 25), kind="personal"):
    plan = leave.plan_for(agent, start, end, substitute, asked_on=asked_on)
    return leave.request_leave(agent, plan, kind, "家中有事")


def test_leave_request_and_approval(db_url, manager, agent, agent2):
    request = ask(agent, at(D, 8), at(D + dt.timedelta(days=2), 18), agent2)
    assert request.status == leave.PENDING
    assert not rules.failed_rules(leave.current_results(request))
    with pytest.raises(PermissionDenied):
        leave.approve(agent2, request)
    leave.approve(manager, request, "同意")
    stored = LeaveRequest.get_by_id(request.id)
    assert stored.status == leave.APPROVED and stored.decided_by_id == manager.id
    with pytest.raises(ValidationError):
        leave.withdraw(agent2, stored)  # only the one who asked
    assert [e.action for e in audit.browse(table="leave_request")] == ["update", "create"]


def test_approved_leave_is_withdrawn_until_it_begins(db_url, manager, agent):
    from models import now

    tomorrow = dt.date.today() + dt.timedelta(days=1)
    requests = []
    for start, end in ((8, 12), (14, 18)):
        request = ask(agent, at(tomorrow, start), at(tomorrow, end), asked_on=dt.date.today())
        leave.approve(manager, request, override_reason="按需批准")  # whatever day tomorrow is
        requests.append(LeaveRequest.get_by_id(request.id))
    coming_back, begun = requests
    assert leave.may_withdraw(agent, coming_back) and not leave.may_withdraw(manager, coming_back)
    leave.withdraw(agent, coming_back)
    assert LeaveRequest.get_by_id(coming_back.id).status == leave.WITHDRAWN

    LeaveRequest.update(start_at=now() - dt.timedelta(hours=1)).where(
        LeaveRequest.id == begun.id
    ).execute()
    with pytest.raises(ValidationError, match="has begun"):
        leave.withdraw(agent, LeaveRequest.get_by_id(begun.id))
    assert LeaveRequest.get_by_id(begun.id).status == leave.APPROVED


def test_long_leave_without_substitute_needs_an_override(db_url, manager, agent):
    request = ask(agent, at(D, 8), at(D + dt.timedelta(days=2), 18), asked_on=D)
    failed = rules.failed_rules(leave.current_results(request))
    assert [r.code for r in failed] == ["notice"]
    with pytest.raises(ValidationError) as caught:
        leave.approve(manager, request)
    assert "override_reason" in caught.value.fields
    leave.approve(manager, request, override_reason="急病住院")
    assert LeaveRequest.get_by_id(request.id).override_reason == "急病住院"


def test_leave_on_holiday_duty_is_flagged_for_the_manager(db_url, manager, agent):
    RosterEntry.create(on_date=dt.date(2026, 10, 3), shift=shift_by_code("weekend"), agent=agent)
    request = ask(
        agent,
        at(dt.date(2026, 10, 3), 8),
        at(dt.date(2026, 10, 3), 20),
        asked_on=dt.date(2026, 9, 1),
    )
    assert [r.rule for r in rules.failed_rules(leave.current_results(request))] == [7]


def test_nobody_decides_their_own_leave_and_withdraw_or_reject(db_url, manager, agent):
    own = ask(manager, at(D, 8), at(D, 12))
    with pytest.raises(ValidationError, match="another manager"):
        leave.approve(manager, own)
    other = make_user("manager2", "manager", "M002")
    leave.reject(other, own, "当天有培训")
    assert LeaveRequest.get_by_id(own.id).status == leave.REJECTED
    mine = ask(agent, at(D, 14), at(D, 18))
    with pytest.raises(ValidationError):
        leave.withdraw(manager, mine)
    leave.withdraw(agent, mine)
    assert LeaveRequest.get_by_id(mine.id).status == leave.WITHDRAWN
    with pytest.raises(ValidationError):
        leave.reject(manager, mine, "x")


def test_leave_input_errors_at_their_fields(db_url, agent):
    with pytest.raises(ValidationError) as caught:
        leave.plan_for(agent, at(D, 18), at(D, 8), None)
    assert "end_at" in caught.value.fields
    plan = leave.plan_for(agent, at(D, 8), at(D, 12), None)
    with pytest.raises(ValidationError) as caught:
        leave.request_leave(agent, plan, "holiday", " ")
    assert set(caught.value.fields) == {"kind", "reason"}
    ask(agent, at(D, 8), at(D, 12))
    with pytest.raises(ValidationError) as caught:
        ask(agent, at(D, 10), at(D, 14))
    assert "start_at" in caught.value.fields


def test_handover_acknowledged_by_the_incoming_agent_and_issues_carried(
    db_url, manager, agent, agent2
):
    first = handover.record_handover(
        agent,
        incoming=agent2,
        shift=shift_by_code("day"),
        equipment="3号座机有杂音",
        new_issues=["学校投影仪无法开机", "", "退货待确认"],
        at=dt.datetime(2026, 11, 24, 18),
    )
    assert len(handover.open_issues()) == 2
    assert handover.awaiting_acknowledgement(agent2) == [first]
    with pytest.raises(ValidationError):
        handover.acknowledge(manager, first)
    with pytest.raises(ValidationError):
        handover.acknowledge(agent, first)
    handover.acknowledge(agent2, first)
    with pytest.raises(ValidationError):
        handover.acknowledge(agent2, first)
    second = handover.record_handover(
        agent2, incoming=None, shift=None, equipment="正常", at=dt.datetime(2026, 11, 25, 8)
    )
    assert [i.text for i in handover.carried_into(second)] == ["学校投影仪无法开机", "退货待确认"]
    issue = HandoverIssue.get(HandoverIssue.text == "退货待确认")
    with pytest.raises(ValidationError):
        handover.close_issue(manager, issue, "")
    handover.close_issue(manager, issue, "运营部已同意退货")
    assert [i.text for i in handover.open_issues()] == ["学校投影仪无法开机"]
    handover.acknowledge(manager, second)  # no incoming named: whoever takes over
    assert handover.history()[0].incoming_id == manager.id


def test_handover_needs_equipment_status(db_url, agent):
    with pytest.raises(ValidationError) as caught:
        handover.record_handover(agent, incoming=agent, shift=None, equipment=" ")
    assert set(caught.value.fields) == {"equipment", "incoming"}


def test_approved_leave_hands_the_shifts_to_the_substitute_or_says_they_stay_unstaffed(
    db_url, manager, agent, agent2
):
    from app.roster import roster

    day = shift_by_code("day")
    for offset in (0, 1, 2):
        RosterEntry.create(on_date=D + dt.timedelta(days=offset), shift=day, agent=agent)
    RosterEntry.create(
        on_date=D + dt.timedelta(days=1), shift=shift_by_code("evening"), agent=agent2
    )
    RosterEntry.create(on_date=D + dt.timedelta(days=2), shift=day, agent=agent2)  # busy then
    request = ask(agent, at(D, 8), at(D + dt.timedelta(days=2), 18), agent2)
    preview = leave.cover_for(request)
    assert [e.on_date for e in preview.handed] == [D, D + dt.timedelta(days=1)]
    assert [e.on_date for e, _why in preview.unstaffed] == [D + dt.timedelta(days=2)]

    cover = leave.approve(manager, request, "同意")
    text = cover.text()
    assert "张客服 takes over: 2026-12-01" in text and "2026-12-02" in text
    assert "2026-12-03" in text and "stays unstaffed" in text and "张客服 works" in text
    moved = RosterEntry.get(RosterEntry.on_date == D, RosterEntry.shift == day)
    assert (moved.agent_id, moved.leave_id) == (agent2.id, request.id)
    assert roster.is_changed(moved) and "李客服" in roster.entry_notes([moved])[moved.id]
    grid = roster.month_roster(2026, 12)
    assert [e.id for e in grid.cells[(agent2.id, D)]] == [moved.id]
    assert (agent.id, D) not in grid.cells
    assert roster.ON_LEAVE in grid.flags[(agent.id, D + dt.timedelta(days=2))]  # unstaffed

    # withdrawn before it begins: the shifts go back to the one who asked
    leave.withdraw(agent, request)
    back = RosterEntry.get_by_id(moved.id)
    assert (back.agent_id, back.leave_id) == (agent.id, None)

    # short leave without a substitute: the approval says the shift stays unstaffed
    evening = ask(agent2, at(D + dt.timedelta(days=1), 18), at(D + dt.timedelta(days=1), 22))
    cover = leave.approve(manager, evening)
    assert not cover.handed
    assert "2026-12-02" in cover.text() and "no substitute is named" in cover.text()
    stays = RosterEntry.get(
        RosterEntry.on_date == D + dt.timedelta(days=1), RosterEntry.agent == agent2
    )
    assert stays.leave_id is None


ROSTER_USE_CASES = {
    "app.roster.swaps": ("request_swap", "answer", "withdraw", "approve", "reject"),
    "app.roster.leave": ("request_leave", "approve", "reject", "withdraw"),
    "app.roster.roster": ("assign", "unassign", "set_day", "apply_week_pattern"),
    "app.roster.shifts": ("save_shift", "save_shifts"),
    "app.roster.public_holidays": ("set_override", "remove_override"),
    "app.roster.handover": ("record_handover", "acknowledge", "close_issue"),
}


def test_every_roster_change_is_a_use_case():
    import importlib

    for module_name, names in ROSTER_USE_CASES.items():
        module = importlib.import_module(module_name)
        for name in names:
            assert getattr(getattr(module, name), "is_use_case", False), f"{module_name}.{name}"


def test_a_leave_request_and_its_audit_row_commit_together(db_url, agent, monkeypatch):
    """The audit row fails: no leave request is left without it."""

    def broken(*_args, **_kwargs):
        raise RuntimeError("the audit trail is full")

    monkeypatch.setattr(audit, "record_create", broken)
    with pytest.raises(RuntimeError):
        ask(agent, at(D, 8), at(D, 12))
    assert LeaveRequest.select().count() == 0


def test_leave_decisions_report_what_they_changed(db_url, manager, agent, agent2):
    from app.operations import perform

    shift = shift_by_code("day")
    entry = RosterEntry.create(on_date=D, shift=shift.id, agent=agent.id)
    request = ask(agent, at(D, 0), at(D, 23), agent2)
    done = perform(leave.approve, manager, request.id, "同意")
    assert done.changes.touches(f"leave_request:{request.id}", f"roster_entry:{entry.id}")
    assert RosterEntry.get_by_id(entry.id).agent_id == agent2.id
