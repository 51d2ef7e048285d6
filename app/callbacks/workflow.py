"""The callback task's state machine: ``pending`` → ``rescheduled`` (call again later) →
``done`` (an outcome recorded) or ``unreachable`` (too many unanswered calls). An open task is
worked by its assignee (or anyone while it has none, or a manager); a manager gives open tasks
to someone else."""

from __future__ import annotations

from typing import Any

from app.auth import can
from app.workflow import StateMachine, step
from models import CallbackTask, User

STATUSES = ("pending", "rescheduled", "done", "unreachable")
OPEN_STATUSES = ("pending", "rescheduled")


def _may_work(user: User, task: Any) -> bool:
    return task.assignee_id in (None, user.id) or can(user, "callback.manage")


CALLBACK = StateMachine(
    "callback",
    STATUSES,
    (
        step("attempt", OPEN_STATUSES, permissions="work", party=_may_work),
        step("reschedule", OPEN_STATUSES, "rescheduled", permissions="work", party=_may_work),
        step("give_up", OPEN_STATUSES, "unreachable", permissions="work", party=_may_work),
        step("outcome", OPEN_STATUSES, "done", permissions="work", party=_may_work),
        step("reassign", OPEN_STATUSES, permissions="callback.manage"),
    ),
)


def allowed_actions(user: User | None, task: CallbackTask) -> frozenset[str]:
    return CALLBACK.allowed_actions(user, task)
