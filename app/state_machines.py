"""Every state machine, found from the record: ``allowed_actions(user, record)``."""

from __future__ import annotations

from typing import Any

from app.callbacks.workflow import CALLBACK
from app.complaints.workflow import COMPLAINT
from app.customers.workflow import REPAIR
from app.roster.workflow import LEAVE, SWAP
from app.workflow import StateMachine
from models import CallbackTask, Complaint, LeaveRequest, Repair, SwapRequest, User

MACHINES: dict[type, StateMachine] = {
    Complaint: COMPLAINT,
    SwapRequest: SWAP,
    LeaveRequest: LEAVE,
    CallbackTask: CALLBACK,
    Repair: REPAIR,
}


def machine_of(record: Any) -> StateMachine:
    for model, machine in MACHINES.items():
        if isinstance(record, model):
            return machine
    raise TypeError(f"no state machine for {type(record).__name__}")


def allowed_actions(user: User | None, record: Any) -> frozenset[str]:
    """What ``user`` may do with ``record`` now (its state, their permissions and part)."""
    return machine_of(record).allowed_actions(user, record)
