"""The callbacks' figures (DOMAIN §6): completion and reach rates over a period."""

from __future__ import annotations

import datetime as dt

from app.callbacks.due import end_of
from app.callbacks.lists import TaskFilter, tasks_query
from app.clock import now
from app.ratio import Ratio
from models import CallbackAttempt, CallbackTask


def completion_rate(
    date_from: dt.date,
    date_to: dt.date,
    assignee_id: int | None = None,
    *,
    kind: str | None = None,
    onsite_only: bool = False,
) -> Ratio:
    """Callback completion = tasks done / tasks due, over tasks due in the period (inclusive).

    A task counts as due once its due time has come: upcoming tasks in the period are left out.
    ``kind`` and ``onsite_only`` narrow it to those tasks, as the lists' filters do; a status
    filter never applies (the rate is about how many of the due ones got done).
    """
    due = tasks_query(
        TaskFilter(
            assignee_id=assignee_id,
            kind=kind,
            date_from=date_from,
            date_to=date_to,
            onsite_only=onsite_only,
        )
    )
    due = due.where(CallbackTask.due_at <= now())
    done = due.where(CallbackTask.status == "done")
    return Ratio(done.count(), due.count())


def reach_rate(
    date_from: dt.date,
    date_to: dt.date,
    agent_id: int | None = None,
    *,
    kind: str | None = None,
    onsite_only: bool = False,
) -> Ratio:
    """Reach rate = attempts that reached the customer / attempts, over attempts in the period.

    ``kind`` and ``onsite_only`` count only the calls on such tasks.
    """
    attempts = CallbackAttempt.select().where(
        CallbackAttempt.at >= dt.datetime.combine(date_from, dt.time(0, 0)),
        CallbackAttempt.at < end_of(date_to),
    )
    if agent_id is not None:
        attempts = attempts.where(CallbackAttempt.agent == agent_id)
    if kind or onsite_only:
        attempts = attempts.join(CallbackTask, on=(CallbackAttempt.task == CallbackTask.id))
        if kind:
            attempts = attempts.where(CallbackTask.kind == kind)
        if onsite_only:
            attempts = attempts.where(CallbackTask.onsite_needed == True)  # noqa: E712
    reached = attempts.where(CallbackAttempt.result == "reached")
    return Ratio(reached.count(), attempts.count())
