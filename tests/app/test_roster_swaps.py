"""The swap state machine: who may do which step, the roster changing at approval only, overrides
kept, every change audited."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication

from app import audit
from app.errors import PermissionDenied, ValidationError
from app.i18n import install_language
from app.roster import rules, swaps
from app.roster.roster import entry_for
from app.roster.shifts import shift_by_code
from models import AuditLog, RosterEntry, SwapRequest
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def english_texts():
    """The texts checked here are the English sources: drop a translator an earlier test left."""
    if QCoreApplication.instance() is not None:
        install_language("en")


D = dt.date(2026, 12, 1)
R = D + dt.timedelta(days=7)
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def setup(db_url, manager, agent, agent2):
    day = shift_by_code("day")
    RosterEntry.create(on_date=D, shift=day, agent=agent)
    RosterEntry.create(on_date=R, shift=day, agent=agent2)
    return manager, agent, agent2, day


def send(agent, agent2, day, reason="家里有事"):
    plan = swaps.plan_for(agent, agent2, D, day, R, day)
    return swaps.request_swap(agent, plan, reason, today=TODAY)


def test_whole_swap_changes_roster_at_approval_only(setup):
    manager, agent, agent2, day = setup
    swap = send(agent, agent2, day)
    assert swap.status == swaps.PENDING_COLLEAGUE
    assert entry_for(agent, D, day) is not None
    swaps.accept(agent2, swap)
    assert SwapRequest.get_by_id(swap.id).status == swaps.PENDING_MANAGER
    assert entry_for(agent, D, day) is not None  # not yet: the manager has not approved
    assert entry_for(agent2, D, day) is None
    swaps.approve(manager, swap, reason="同意", today=TODAY)
    stored = SwapRequest.get_by_id(swap.id)
    assert stored.status == swaps.APPROVED and stored.decided_by_id == manager.id
    assert entry_for(agent, D, day) is None
    assert entry_for(agent2, D, day).swap_id == swap.id
    assert entry_for(agent, R, day).swap_id == swap.id
    assert entry_for(agent2, R, day) is None
    results = swaps.current_results(stored)
    assert results[1].passed and not rules.failed_rules(results)
    actions = [
        (e.table, e.action) for e in AuditLog.select().where(AuditLog.table == "swap_request")
    ]
    assert actions == [("swap_request", "create")] + [("swap_request", "update")] * 2
    moved = audit.browse(table="roster_entry", action="update")
    assert len(moved) == 2


def test_agent_cannot_approve_and_nobody_approves_their_own(setup, admin):
    manager, agent, agent2, day = setup
    swap = send(agent, agent2, day)
    swaps.accept(agent2, swap)
    with pytest.raises(PermissionDenied):
        swaps.approve(agent, swap, today=TODAY)
    with pytest.raises(PermissionDenied):
        swaps.approve(agent2, swap, today=TODAY)
    with pytest.raises(PermissionDenied):
        swaps.reject(admin, swap, "no")
    # a manager's own swap needs another manager
    RosterEntry.create(on_date=D + dt.timedelta(days=2), shift=day, agent=manager)
    RosterEntry.create(on_date=R + dt.timedelta(days=2), shift=day, agent=agent)
    own = swaps.request_swap(
        manager,
        swaps.plan_for(
            manager, agent, D + dt.timedelta(days=2), day, R + dt.timedelta(days=2), day
        ),
        "培训",
        today=TODAY,
    )
    swaps.accept(agent, own)
    with pytest.raises(ValidationError, match="another manager"):
        swaps.approve(manager, own, today=TODAY)
    other = make_user("manager2", "manager", "M002")
    swaps.approve(other, own, today=TODAY)
    assert SwapRequest.get_by_id(own.id).status == swaps.APPROVED


def test_only_the_colleague_answers_and_only_once(setup):
    manager, agent, agent2, day = setup
    swap = send(agent, agent2, day)
    with pytest.raises(ValidationError):
        swaps.accept(agent, swap)
    with pytest.raises(ValidationError):
        swaps.approve(manager, swap, today=TODAY)  # the colleague has not accepted yet
    swaps.decline(agent2, swap)
    assert SwapRequest.get_by_id(swap.id).status == swaps.DECLINED
    with pytest.raises(ValidationError):
        swaps.accept(agent2, swap)
    assert entry_for(agent, D, day) is not None


def test_a_swap_whose_shift_has_passed_can_no_longer_be_approved(setup):
    manager, agent, agent2, day = setup
    swap = send(agent, agent2, day)
    swaps.accept(agent2, swap)
    with pytest.raises(ValidationError) as caught:
        swaps.approve(manager, swap, reason="同意", today=D + dt.timedelta(days=1))
    assert D.isoformat() in str(caught.value)
    assert SwapRequest.get_by_id(swap.id).status == swaps.PENDING_MANAGER
    assert entry_for(agent, D, day) is not None  # the roster's history is left as it was
    swaps.reject(manager, swap, "换班日期已过")
    assert SwapRequest.get_by_id(swap.id).status == swaps.REJECTED


def test_withdraw_before_decision_only(setup):
    manager, agent, agent2, day = setup
    swap = send(agent, agent2, day)
    with pytest.raises(ValidationError):
        swaps.withdraw(agent2, swap)
    swaps.withdraw(agent, swap)
    assert SwapRequest.get_by_id(swap.id).status == swaps.WITHDRAWN
    again = send(agent, agent2, day)
    swaps.accept(agent2, again)
    swaps.reject(manager, again, "人手不足")
    with pytest.raises(ValidationError):
        swaps.withdraw(agent, again)
    stored = SwapRequest.get_by_id(again.id)
    assert stored.status == swaps.REJECTED and stored.decision_reason == "人手不足"
    assert entry_for(agent, D, day) is not None  # rejected: the roster stays


def test_reject_needs_a_reason(setup):
    manager, agent, agent2, day = setup
    swap = send(agent, agent2, day)
    swaps.accept(agent2, swap)
    with pytest.raises(ValidationError) as caught:
        swaps.reject(manager, swap, "  ")
    assert "reason" in caught.value.fields


def test_failed_rule_needs_written_override_which_is_kept(setup):
    manager, agent, agent2, day = setup
    RosterEntry.create(on_date=D, shift=shift_by_code("evening"), agent=agent2)
    swap = send(agent, agent2, day)
    swaps.accept(agent2, swap)
    with pytest.raises(ValidationError) as caught:
        swaps.approve(manager, swap, today=TODAY)
    assert "override_reason" in caught.value.fields and "5" in str(caught.value)
    assert entry_for(agent, D, day) is not None
    swaps.approve(manager, swap, override_reason="本周人手紧张，特批", today=TODAY)
    stored = SwapRequest.get_by_id(swap.id)
    assert stored.status == swaps.APPROVED
    assert stored.override_reason == "本周人手紧张，特批"
    kept = rules.results_from_json(stored.rule_results)
    assert [r.rule for r in kept if r.failed] == [5]


def test_request_validation_at_fields(setup):
    manager, agent, agent2, day = setup
    with pytest.raises(ValidationError) as caught:
        swaps.request_swap(agent, swaps.plan_for(agent, agent2, D, day, D, day), "", today=TODAY)
    assert {"reason", "return"} <= set(caught.value.fields)
    with pytest.raises(ValidationError) as caught:
        swaps.plan_for(agent, None, None, None, None, None)
    assert set(caught.value.fields) == {"give", "colleague", "return"}
    with pytest.raises(ValidationError) as caught:
        swaps.request_swap(
            agent, swaps.plan_for(agent, agent2, D, day, R, day), "x", today=D + dt.timedelta(1)
        )
    assert "past" in caught.value.fields["give"]
    with pytest.raises(ValidationError):
        swaps.request_swap(agent2, swaps.plan_for(agent, agent2, D, day, R, day), "x", today=TODAY)


def test_inbox_lists(setup):
    manager, agent, agent2, day = setup
    swap = send(agent, agent2, day)
    assert [s.id for s in swaps.awaiting_answer(agent2)] == [swap.id]
    assert swaps.awaiting_decision(manager) == []
    swaps.accept(agent2, swap)
    assert [s.id for s in swaps.awaiting_decision(manager)] == [swap.id]
    assert swaps.awaiting_decision(agent) == []
    assert swaps.can_decide(manager, swap) is False  # stale object: status read from the row
    assert swaps.can_decide(manager, SwapRequest.get_by_id(swap.id))
