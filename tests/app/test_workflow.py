"""The transition tables: what each state allows, to whom; the use cases and the screens both
read them (app.state_machines.allowed_actions)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from app.callbacks.workflow import CALLBACK
from app.complaints import service
from app.complaints.workflow import COMPLAINT
from app.customers.workflow import REPAIR
from app.errors import ValidationError
from app.roster.workflow import LEAVE, SWAP
from app.state_machines import allowed_actions
from app.workflow import StateMachine, step
from models import Complaint, now

AGENT = SimpleNamespace(id=1, role="agent", active=True)
COLLEAGUE = SimpleNamespace(id=2, role="agent", active=True)
MANAGER = SimpleNamespace(id=3, role="manager", active=True)
ADMIN = SimpleNamespace(id=4, role="admin", active=True)
GONE = SimpleNamespace(id=5, role="manager", active=False)


def complaint(status, voided=False):
    return SimpleNamespace(status=status, voided=voided)


@pytest.mark.parametrize(
    ("status", "user", "expected"),
    [
        ("open", AGENT, {"edit", "add_step", "start", "resolve"}),
        ("in_progress", AGENT, {"edit", "add_step", "resolve"}),
        ("reopened", AGENT, {"edit", "add_step", "resolve"}),
        ("resolved", AGENT, {"edit", "add_step", "close", "reopen"}),
        ("closed", AGENT, {"edit", "add_step"}),  # reopening a closed complaint: the manager's
        ("closed", MANAGER, {"edit", "add_step", "reopen", "reassign", "void"}),
        ("open", MANAGER, {"edit", "add_step", "start", "resolve", "reassign", "void"}),
        ("open", ADMIN, set()),
        ("open", GONE, set()),
    ],
)
def test_complaint_table(status, user, expected):
    assert COMPLAINT.allowed_actions(user, complaint(status)) == expected


def test_a_void_complaint_allows_nothing():
    for status in COMPLAINT.states:
        assert COMPLAINT.allowed_actions(MANAGER, complaint(status, voided=True)) == set()


def test_complaint_paths():
    assert COMPLAINT.next_states("open") == {"in_progress", "resolved"}
    assert COMPLAINT.next_states("resolved") == {"closed", "reopened"}
    assert COMPLAINT.next_states("closed") == {"reopened"}
    assert COMPLAINT.target(complaint("resolved"), "reopen") == "reopened"


def swap(status, requester=AGENT, colleague=COLLEAGUE):
    return SimpleNamespace(status=status, requester_id=requester.id, colleague_id=colleague.id)


@pytest.mark.parametrize(
    ("status", "user", "expected"),
    [
        ("pending_colleague", COLLEAGUE, {"accept", "decline"}),
        ("pending_colleague", AGENT, {"withdraw"}),
        ("pending_colleague", MANAGER, set()),  # not yet the manager's
        ("pending_manager", COLLEAGUE, set()),
        ("pending_manager", AGENT, {"withdraw"}),
        ("pending_manager", MANAGER, {"approve", "reject"}),
        ("approved", AGENT, set()),
        ("declined", AGENT, set()),
        ("withdrawn", MANAGER, set()),
    ],
)
def test_swap_table(status, user, expected):
    assert SWAP.allowed_actions(user, swap(status)) == expected


def test_a_manager_taking_part_in_a_swap_does_not_decide_it():
    theirs = swap("pending_manager", requester=MANAGER)
    assert SWAP.allowed_actions(MANAGER, theirs) == {"withdraw"}


def leave(status, agent=AGENT, days_ahead=3):
    return SimpleNamespace(status=status, agent_id=agent.id, days_ahead=days_ahead)


@pytest.mark.parametrize(
    ("request_", "user", "expected"),
    [
        (leave("pending"), AGENT, {"withdraw"}),
        (leave("pending"), MANAGER, {"approve", "reject"}),
        (leave("pending", agent=MANAGER), MANAGER, {"withdraw"}),  # not their own
        (leave("approved"), AGENT, {"withdraw"}),  # not begun: they come to work after all
        (leave("approved", days_ahead=-1), AGENT, set()),  # begun
        (leave("rejected"), AGENT, set()),
        (leave("pending"), COLLEAGUE, set()),
    ],
)
def test_leave_table(request_, user, expected):
    request_.start_at = now() + dt.timedelta(days=request_.days_ahead)  # on the tests' clock
    assert LEAVE.allowed_actions(user, request_) == expected


@pytest.mark.parametrize(
    ("status", "assignee", "user", "expected"),
    [
        ("pending", AGENT, AGENT, {"attempt", "reschedule", "give_up", "outcome"}),
        ("rescheduled", None, COLLEAGUE, {"attempt", "reschedule", "give_up", "outcome"}),
        ("pending", AGENT, COLLEAGUE, set()),  # a colleague's task
        ("pending", AGENT, MANAGER, {"attempt", "reschedule", "give_up", "outcome", "reassign"}),
        ("done", AGENT, MANAGER, set()),
        ("unreachable", AGENT, AGENT, set()),
    ],
)
def test_callback_table(status, assignee, user, expected):
    task = SimpleNamespace(status=status, assignee_id=assignee.id if assignee else None)
    assert CALLBACK.allowed_actions(user, task) == expected


def test_repair_table():
    def repair(status, out=None, back=None, kb=None):
        return SimpleNamespace(
            status=status, loaner_out_at=out, loaner_back_at=back, knowledge_base_at=kb
        )

    day = dt.date(2026, 11, 20)
    assert REPAIR.allowed_actions(AGENT, repair("open")) == {"edit", "lend_loaner", "close"}
    assert REPAIR.allowed_actions(AGENT, repair("open", out=day)) == {
        "edit",
        "return_loaner",
        "close",
    }
    assert REPAIR.allowed_actions(AGENT, repair("closed")) == {
        "edit",
        "lend_loaner",
        "knowledge_base",
    }
    assert "knowledge_base" not in REPAIR.allowed_actions(AGENT, repair("closed", kb=now()))
    assert REPAIR.allowed_actions(ADMIN, repair("open")) == set()


def test_a_table_naming_an_unknown_state_is_refused():
    with pytest.raises(ValueError, match="unknown states"):
        StateMachine("x", ("a", "b"), (step("go", "a", "c"),))


def test_allowed_actions_finds_the_machine_and_the_use_case_follows_it(db_url, agent, manager):
    c = service.register_complaint(
        agent,
        complainant="陈先生",
        contact="13912345678",
        channel="phone",
        category="delivery",
        content="包装破损",
    )
    assert allowed_actions(agent, c) == {"edit", "add_step", "start", "resolve"}
    service.resolve_complaint(agent, c.id, "已处理")
    service.close_after_callback(agent, c.id, 5)
    closed = Complaint.get_by_id(c.id)
    assert "reopen" not in allowed_actions(agent, closed)
    assert "only the manager" in service.reopen_refusal(agent, closed)
    with pytest.raises(ValidationError):
        service.start_handling(agent, c.id)  # the table has no "start" from closed
    assert "reopen" in allowed_actions(manager, closed)
    service.reopen(manager, c.id, "客户再次来电", None, closed.version)
    assert Complaint.get_by_id(c.id).status == "reopened"
    with pytest.raises(TypeError):
        allowed_actions(agent, object())
