"""The state machines of swaps and leave requests.

A swap: ``pending_colleague`` → ``pending_manager`` (the colleague accepts) or ``declined``;
``pending_manager`` → ``approved`` or ``rejected`` (a manager who takes no part in it); either
pending state → ``withdrawn`` by the requester. Leave: ``pending`` → ``approved`` or ``rejected``
(a manager, not for their own leave); pending leave, or approved leave that has not begun, →
``withdrawn`` by the one who asked."""

from __future__ import annotations

from typing import Any

from app.clock import now
from app.workflow import StateMachine, step
from models import LeaveRequest, SwapRequest, User

PENDING_COLLEAGUE = "pending_colleague"
PENDING_MANAGER = "pending_manager"
APPROVED = "approved"
REJECTED = "rejected"
DECLINED = "declined"
WITHDRAWN = "withdrawn"
SWAP_STATES = (PENDING_COLLEAGUE, PENDING_MANAGER, APPROVED, REJECTED, DECLINED, WITHDRAWN)
OPEN_SWAP_STATES = (PENDING_COLLEAGUE, PENDING_MANAGER)


def _colleague(user: User, swap: Any) -> bool:
    return bool(swap.colleague_id == user.id)


def _requester(user: User, swap: Any) -> bool:
    return bool(swap.requester_id == user.id)


def _outsider(user: User, swap: Any) -> bool:
    return user.id not in (swap.requester_id, swap.colleague_id)


SWAP = StateMachine(
    "swap",
    SWAP_STATES,
    (
        step("accept", PENDING_COLLEAGUE, PENDING_MANAGER, party=_colleague),
        step("decline", PENDING_COLLEAGUE, DECLINED, party=_colleague),
        step("withdraw", OPEN_SWAP_STATES, WITHDRAWN, party=_requester),
        step("approve", PENDING_MANAGER, APPROVED, permissions="swap.decide", party=_outsider),
        step("reject", PENDING_MANAGER, REJECTED, permissions="swap.decide", party=_outsider),
    ),
)

PENDING = "pending"
LEAVE_STATES = (PENDING, APPROVED, REJECTED, WITHDRAWN)


def _asker(user: User, leave: Any) -> bool:
    return bool(leave.agent_id == user.id)


def _not_own(user: User, leave: Any) -> bool:
    return bool(leave.agent_id != user.id)


def _not_begun(leave: Any) -> bool:
    return bool(leave.start_at > now())


LEAVE = StateMachine(
    "leave",
    LEAVE_STATES,
    (
        step("withdraw", PENDING, WITHDRAWN, party=_asker),
        step("withdraw", APPROVED, WITHDRAWN, party=_asker, condition=_not_begun),
        step("approve", PENDING, APPROVED, permissions="leave.decide", party=_not_own),
        step("reject", PENDING, REJECTED, permissions="leave.decide", party=_not_own),
    ),
)


def swap_actions(user: User | None, swap: SwapRequest) -> frozenset[str]:
    return SWAP.allowed_actions(user, swap)


def leave_actions(user: User | None, leave: LeaveRequest) -> frozenset[str]:
    return LEAVE.allowed_actions(user, leave)
