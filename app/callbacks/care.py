"""The regular-care batch: customers with a care tag are called every ``callback_care_months``."""

from __future__ import annotations

import datetime as dt

import peewee

from app import settings
from app.callbacks.due import WORKDAY_START, add_months
from app.callbacks.tasks import make_task, stamp
from app.callbacks.workflow import OPEN_STATUSES
from app.clock import now
from app.operations import use_case
from models import CallbackTask, Customer, CustomerTag, User

CARE_LOOKAHEAD_DAYS = 7  # regular-care tasks appear this many days before they are due
CARE_GRACE_DAYS = 7  # a regular-care date missed by more than this waits for the next one


def open_loads() -> dict[int, int]:
    """Open callbacks per active agent (agents with none included)."""
    loads = {
        u.id: 0
        for u in User.select(User.id).where(User.role == "agent", User.active).order_by(User.id)
    }
    counts = (
        CallbackTask.select(CallbackTask.assignee, peewee.fn.COUNT(CallbackTask.id))
        .where(CallbackTask.status.in_(OPEN_STATUSES), CallbackTask.assignee.in_(list(loads)))
        .group_by(CallbackTask.assignee)
        .tuples()
    )
    for user_id, count in counts:
        loads[user_id] = count
    return loads


def generate_care_tasks(today: dt.date | None = None, actor: User | None = None) -> int:
    """Regular-care callbacks for customers with a care tag, every ``callback_care_months``.

    The calls fall every that many months counted from the customer's joining date, or from
    the last care call's due date: the next such date is due. A date missed by more than
    :data:`CARE_GRACE_DAYS` (say, before the tag was given) is skipped for the next one, so
    tagging many old customers at once spreads their calls over the cycle instead of making them
    all due today. Tasks appear :data:`CARE_LOOKAHEAD_DAYS` before they are due; a customer has
    at most one open care task. Running it again makes nothing new (idempotent, also when two
    desks run it at once). Each goes to the active agent with the fewest open callbacks.
    Returns how many it made.

    Deciding which are due only reads; the write lock is taken only when there is something to
    make (:func:`make_care_tasks`), so a desk looking at its callbacks never waits on another's
    write for nothing.
    """
    today = today or now().date()
    months = int(settings.get("callback_care_months"))
    tags = list(settings.get("callback_care_tags"))
    if months <= 0 or not tags:
        return 0
    tagged = (
        Customer.select(Customer.id, Customer.created_at)
        .join(CustomerTag)
        .where(CustomerTag.tag.in_(tags), Customer.merged_into.is_null())
        .distinct()
        .order_by(Customer.id)
    )
    last_due: dict[int, dt.datetime] = {}
    has_open: set[int] = set()
    care = CallbackTask.select(
        CallbackTask.customer, CallbackTask.due_at, CallbackTask.status
    ).where(CallbackTask.kind == "care", CallbackTask.customer.is_null(False))
    for task in care.iterator():
        cid = task.customer_id
        if cid not in last_due or task.due_at > last_due[cid]:
            last_due[cid] = task.due_at
        if task.status in OPEN_STATUSES:
            has_open.add(cid)
    horizon = today + dt.timedelta(days=CARE_LOOKAHEAD_DAYS)
    wanted: list[tuple[int, dt.date]] = []
    for customer in tagged.iterator():
        if customer.id in has_open:
            continue
        anchor = (last_due.get(customer.id) or customer.created_at).date()
        step = 1
        next_day = add_months(anchor, months)
        while next_day < today - dt.timedelta(days=CARE_GRACE_DAYS):
            step += 1
            next_day = add_months(anchor, months * step)
        if next_day <= horizon:
            wanted.append((customer.id, next_day))
    if not wanted:
        return 0
    return make_care_tasks(wanted, actor)


@use_case
def make_care_tasks(wanted: list[tuple[int, dt.date]], actor: User | None = None) -> int:
    """Make the care tasks ``(customer id, due day)`` not made yet (another desk may have made
    some meanwhile), each for the agent with the fewest open callbacks; how many it made."""
    loads = open_loads()
    made = 0
    for customer_id, due_day in wanted:
        assignee = min(loads, key=lambda uid: (loads[uid], uid)) if loads else None
        task, created = make_task(
            kind="care",
            event_key=f"care:{customer_id}:{stamp(due_day)}",
            due_at=dt.datetime.combine(due_day, WORKDAY_START),
            assignee=assignee,
            reason="",
            actor=actor,
            customer=customer_id,
        )
        if created:
            made += 1
            if assignee is not None:
                loads[assignee] += 1
    return made
