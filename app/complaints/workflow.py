"""The complaint's state machine: open → in progress → resolved → closed after the callback,
reopened when the customer is not satisfied; a void complaint allows nothing."""

from __future__ import annotations

from app.complaints.labels import OPEN_STATUSES, STATUSES
from app.workflow import ANY_STATE, StateMachine, step
from models import Complaint, User

COMPLAINT = StateMachine(
    "complaint",
    STATUSES,
    (
        step("edit", ANY_STATE, permissions="work"),
        step("add_step", ANY_STATE, permissions="work"),
        step("start", "open", "in_progress", permissions="work"),
        step("resolve", OPEN_STATUSES, "resolved", permissions="work"),
        step("close", "resolved", "closed", permissions="work"),
        # a resolved complaint is reopened by whoever works its callback; a closed one by the
        # manager only
        step("reopen", "resolved", "reopened", permissions=("work", "complaint.reopen")),
        step("reopen", "closed", "reopened", permissions="complaint.reopen"),
        step("reassign", ANY_STATE, permissions="complaint.reassign"),
        step("void", ANY_STATE, permissions="complaint.delete"),
    ),
    guard=lambda complaint: not complaint.voided,
)


def allowed_actions(user: User | None, complaint: Complaint) -> frozenset[str]:
    return COMPLAINT.allowed_actions(user, complaint)
