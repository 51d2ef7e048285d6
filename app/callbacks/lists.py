"""The callback lists: which tasks a filter takes, and each as a display row of plain values (read
off the GUI thread, a fixed number of queries whatever the count)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import peewee

from app import sentences
from app.callbacks import kinds
from app.callbacks.due import end_of, timing
from app.callbacks.workflow import OPEN_STATUSES
from app.clock import now
from app.i18n import translate
from models import (
    CallbackAttempt,
    CallbackTask,
    Complaint,
    Customer,
    CustomerPhone,
    Installation,
    Repair,
    User,
)


@dataclass
class TaskRow:
    id: int
    kind: str
    status: str
    due_at: dt.datetime
    customer_id: int | None
    customer_name: str
    phone: str
    reason: str
    related: str
    assignee_id: int | None
    assignee_name: str
    attempts: int
    satisfaction: int | None
    onsite_needed: bool
    completed_at: dt.datetime | None
    complaint_id: int | None
    version: int
    opinions: str = ""
    survey: str = "{}"

    def timing(self, today: dt.date | None = None) -> str:
        return timing(self.due_at, today)


@dataclass
class TaskFilter:
    assignee_id: int | None = None
    kind: str | None = None
    status: str | None = None  # a status code, or "open" for pending and rescheduled
    date_from: dt.date | None = None  # due date range, inclusive
    date_to: dt.date | None = None
    customer_id: int | None = None
    onsite_only: bool = False  # only callbacks whose customer asked for an on-site visit
    # also open tasks that fell overdue before ``date_from``: they still need calling
    include_overdue: bool = False


def tasks_query(flt: TaskFilter) -> peewee.ModelSelect:
    query = CallbackTask.select()
    if flt.assignee_id is not None:
        query = query.where(CallbackTask.assignee == flt.assignee_id)
    if flt.kind:
        query = query.where(CallbackTask.kind == flt.kind)
    if flt.status == "open":
        query = query.where(CallbackTask.status.in_(OPEN_STATUSES))
    elif flt.status:
        query = query.where(CallbackTask.status == flt.status)
    if flt.date_from is not None:
        start = dt.datetime.combine(flt.date_from, dt.time(0, 0))
        in_period = CallbackTask.due_at >= start
        if flt.include_overdue:
            overdue_before = min(start, dt.datetime.combine(now().date(), dt.time(0, 0)))
            in_period |= (CallbackTask.due_at < overdue_before) & CallbackTask.status.in_(
                OPEN_STATUSES
            )
        query = query.where(in_period)
    if flt.date_to is not None:
        query = query.where(CallbackTask.due_at < end_of(flt.date_to))
    if flt.customer_id is not None:
        query = query.where(CallbackTask.customer == flt.customer_id)
    if flt.onsite_only:
        query = query.where(CallbackTask.onsite_needed == True)  # noqa: E712
    return query


def count_tasks(flt: TaskFilter) -> int:
    return tasks_query(flt).count()


def list_tasks(flt: TaskFilter, offset: int = 0, limit: int | None = None) -> list[TaskRow]:
    """Tasks matching ``flt``, soonest due first."""
    query = tasks_query(flt).order_by(CallbackTask.due_at, CallbackTask.id)
    if limit is not None:
        query = query.offset(offset).limit(limit)
    return rows_for(list(query))


def iter_rows(flt: TaskFilter, batch: int = 500) -> Iterator[list[TaskRow]]:
    """All tasks matching ``flt`` in due order, a batch of display rows at a time (one pass)."""
    query = tasks_query(flt).order_by(CallbackTask.due_at, CallbackTask.id)
    tasks: list[CallbackTask] = []
    for task in query.iterator():
        tasks.append(task)
        if len(tasks) >= batch:
            yield rows_for(tasks)
            tasks = []
    if tasks:
        yield rows_for(tasks)


def my_tasks(user: User, today: dt.date | None = None) -> list[TaskRow]:
    """The open tasks of ``user``: overdue and due first (soonest first), then upcoming."""
    return list_tasks(TaskFilter(assignee_id=user.id, status="open"))


def due_count(user: User, today: dt.date | None = None) -> int:
    """Open tasks of ``user`` due today or overdue."""
    today = today or now().date()
    return (
        CallbackTask.select()
        .where(
            CallbackTask.assignee == user.id,
            CallbackTask.status.in_(OPEN_STATUSES),
            CallbackTask.due_at < end_of(today),
        )
        .count()
    )


def done_today(user: User, today: dt.date | None = None) -> int:
    """Callbacks ``user`` closed today (done or unreachable), for the agent's own count."""
    today = today or now().date()
    return (
        CallbackTask.select()
        .where(
            CallbackTask.assignee == user.id,
            CallbackTask.status.not_in(OPEN_STATUSES),
            CallbackTask.completed_at >= dt.datetime.combine(today, dt.time(0, 0)),
            CallbackTask.completed_at < end_of(today),
        )
        .count()
    )


def rows_for(tasks: Sequence[CallbackTask]) -> list[TaskRow]:
    """Display rows for tasks, with a fixed number of queries whatever the count."""
    if not tasks:
        return []
    ids = [t.id for t in tasks]

    def by_id(
        model: type[peewee.Model], wanted: Iterable[int | None], *fields: peewee.Field
    ) -> dict[int, Any]:
        keys = {k for k in wanted if k is not None}
        if not keys:
            return {}
        query = model.select(model.id, *fields).where(model.id.in_(keys)).namedtuples()
        return {row.id: row for row in query}

    complaints = by_id(
        Complaint,
        (t.complaint_id for t in tasks),
        Complaint.number,
        Complaint.complainant,
        Complaint.contact,
    )
    repairs = by_id(Repair, (t.repair_id for t in tasks), Repair.product)
    installations = by_id(Installation, (t.installation_id for t in tasks), Installation.product)
    customer_ids = {t.customer_id for t in tasks}
    customers = by_id(Customer, customer_ids, Customer.name, Customer.organisation)
    users = by_id(User, (t.assignee_id for t in tasks), User.name)
    phones: dict[int, str] = {}
    known = {k for k in customer_ids if k is not None}
    if known:
        for customer_id, phone in (
            CustomerPhone.select(CustomerPhone.customer, CustomerPhone.phone)
            .where(CustomerPhone.customer.in_(known))
            .order_by(CustomerPhone.id)
            .tuples()
        ):
            phones.setdefault(customer_id, phone)
    attempts = dict(
        CallbackAttempt.select(CallbackAttempt.task, peewee.fn.COUNT(CallbackAttempt.id))
        .where(CallbackAttempt.task.in_(ids))
        .group_by(CallbackAttempt.task)
        .tuples()
    )
    out = []
    for t in tasks:
        customer = customers.get(t.customer_id)
        complaint = complaints.get(t.complaint_id)
        name = customer_name(customer) if customer else ""
        phone = phones.get(t.customer_id, "") if t.customer_id else ""
        if complaint is not None:
            name = name or complaint.complainant
            phone = phone or complaint.contact
        related = ""
        if complaint is not None:
            related = translate("Callbacks", "Complaint {number}").format(number=complaint.number)
        elif t.repair_id in repairs:
            repair = repairs[t.repair_id]
            related = translate("Callbacks", "Repair #{id} {product}").format(
                id=repair.id, product=repair.product
            )
        elif t.installation_id in installations:
            inst = installations[t.installation_id]
            related = translate("Callbacks", "Installation #{id} {product}").format(
                id=inst.id, product=inst.product
            )
        assignee = users.get(t.assignee_id)
        reason = sentences.read(t.reason)  # a contact's callback: a sentence kept as codes
        if not reason:
            inst = installations.get(t.installation_id)
            reason = standard_reason(
                t.kind,
                complaint.number if complaint is not None else "",
                inst.product if inst is not None else "",
            )
        out.append(
            TaskRow(
                id=t.id,
                kind=t.kind,
                status=t.status,
                due_at=t.due_at,
                customer_id=t.customer_id,
                customer_name=name,
                phone=phone,
                reason=reason,
                related=related,
                assignee_id=t.assignee_id,
                assignee_name=assignee.name if assignee else "",
                attempts=attempts.get(t.id, 0),
                satisfaction=t.satisfaction,
                onsite_needed=t.onsite_needed,
                completed_at=t.completed_at,
                complaint_id=t.complaint_id,
                version=t.version,
                opinions=t.opinions,
                survey=t.survey,
            )
        )
    return out


def standard_reason(kind: str, complaint_number: str = "", product: str = "") -> str:
    """What a task made by an event is for, in the reader's language (stored reason is empty)."""
    return kinds.reason(kind, complaint_number, product)


def customer_name(customer: Any) -> str:
    if customer.organisation and customer.organisation != customer.name:
        return f"{customer.name}（{customer.organisation}）"
    return customer.name
