"""What the callbacks area shows, read in one go (off the window's thread): the lists with their
counts and rates, the agents to choose from, and the customer to schedule a callback for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.auth import active_users, can
from app.callbacks import service
from app.callbacks.service import TaskFilter, TaskRow
from app.clock import now
from app.customers import names as customer_names
from app.customers.names import CustomerName
from app.ratio import Ratio
from models import User

PAGE_SIZE = 200


@dataclass(frozen=True)
class TaskList:
    """The first rows of a list (at least as many as were shown before) and how many in all."""

    filter: TaskFilter
    total: int
    rows: list[TaskRow]
    today: dt.date


def task_list(flt: TaskFilter, at_least: int = 0) -> TaskList:
    size = max(PAGE_SIZE, at_least)
    return TaskList(flt, service.count_tasks(flt), service.list_tasks(flt, 0, size), now().date())


def more_tasks(flt: TaskFilter, offset: int) -> list[TaskRow]:
    return service.list_tasks(flt, offset, PAGE_SIZE)


@dataclass(frozen=True)
class MyList:
    tasks: TaskList
    due: int
    done_today: int


def my_list(user: User, at_least: int = 0) -> MyList:
    """The agent's open callbacks, with how many are due and how many were closed today."""
    tasks = task_list(TaskFilter(assignee_id=user.id, status="open"), at_least)
    return MyList(tasks, service.due_count(user), service.done_today(user))


@dataclass(frozen=True)
class AllList:
    tasks: TaskList
    completion: Ratio
    reach: Ratio


def all_list(flt: TaskFilter, at_least: int = 0) -> AllList:
    """Every task as filtered, and the period's rates (by agent, kind and on-site only; every
    status, without the overdue ones from earlier)."""
    assert flt.date_from is not None and flt.date_to is not None
    tasks = task_list(flt, at_least)
    completion = service.completion_rate(
        flt.date_from, flt.date_to, flt.assignee_id, kind=flt.kind, onsite_only=flt.onsite_only
    )
    reach = service.reach_rate(
        flt.date_from, flt.date_to, flt.assignee_id, kind=flt.kind, onsite_only=flt.onsite_only
    )
    return AllList(tasks, completion, reach)


def agents() -> list[tuple[int, str]]:
    """Who can be given a callback: (id, "name (number)")."""
    return [(u.id, f"{u.name} ({u.employee_no})") for u in active_users() if can(u, "work")]


def customer_to_schedule(customer_id: int) -> tuple[CustomerName | None, list[tuple[int, str]]]:
    """The customer a callback is scheduled for (None when gone) and the agents to choose from."""
    return customer_names.name_of(customer_id), agents()
