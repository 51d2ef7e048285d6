"""The repair's state machine: an ``open`` repair is worked on (a loaner lent and returned) and
closed with its result; a ``closed`` repair's solution goes into the knowledge base once."""

from __future__ import annotations

from typing import Any

from app.workflow import StateMachine, step
from models import Repair, User

REPAIR_STATES = ("open", "closed")


def _not_in_knowledge_base(repair: Any) -> bool:
    return repair.knowledge_base_at is None


def _loaner_out(repair: Any) -> bool:
    return repair.loaner_out_at is not None and repair.loaner_back_at is None


def _no_loaner_out(repair: Any) -> bool:
    return not _loaner_out(repair)


REPAIR = StateMachine(
    "repair",
    REPAIR_STATES,
    (
        step("edit", REPAIR_STATES, permissions="work"),
        step("lend_loaner", REPAIR_STATES, permissions="work", condition=_no_loaner_out),
        step("return_loaner", REPAIR_STATES, permissions="work", condition=_loaner_out),
        step("close", "open", "closed", permissions="work"),
        step("knowledge_base", "closed", permissions="work", condition=_not_in_knowledge_base),
    ),
)


def allowed_actions(user: User | None, repair: Repair) -> frozenset[str]:
    return REPAIR.allowed_actions(user, repair)
