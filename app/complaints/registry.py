"""Browsing the registry: one month (or all), filters, search and sorting, read a page at a time.

Open work never hides behind a month: the registry's first view is the current month together
with every complaint of earlier months that is still being handled (:func:`current_view`), and
the overdue filter and a search look through every month whatever month is chosen (the rows say
which month's sheet each one is on).

Month filters use the index on ``received_at``, number order the index on ``sort_key``, so a list
over 100,000 complaints reads only the rows it shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import peewee

from app.clock import Month, months_between, now
from app.complaints import labels
from app.complaints.service import overdue_condition, unreachable_callback_condition
from app.contacts import digits_of
from models import Complaint, User

SORTABLE = {
    "number": Complaint.sort_key,
    "month": Complaint.sort_key,
    "received_at": Complaint.received_at,
    "complainant": Complaint.complainant,
    "contact": Complaint.contact,
    "channel": Complaint.channel,
    "category": Complaint.category,
    "severity": Complaint.severity,
    "status": Complaint.status,
    "handler": Complaint.handler,
    "promised_at": Complaint.promised_at,
    "satisfaction": Complaint.satisfaction,
}


UNRESOLVED = "unresolved"  # a status filter: open, in progress or reopened


@dataclass
class Filters:
    month: Month | None = None  # None: every month
    # with ``month``: also the complaints of earlier months still being handled (open work)
    open_before: bool = False
    status: str = ""  # a status code, "" for all
    category: str = ""
    channel: str = ""
    severity: str = ""
    handler_id: int | None = None
    overdue: bool = False
    text: str = ""
    customer_id: int | None = None
    callback_unreachable: bool = False  # the manager's list: callback ended unreachable


def current_view() -> Filters:
    """The registry's first view: this month and every earlier complaint still being handled."""
    return Filters(month=Month.current(), open_before=True)


def spans_every_month(filters: Filters) -> bool:
    """The overdue filter, the unreachable-callback list and a search look through every month,
    whatever month is chosen."""
    return filters.overdue or filters.callback_unreachable or bool(filters.text.split())


def search_condition(text: str) -> peewee.Expression | None:
    """Number, name, contact, order number or words in the content (Chinese too)."""
    words = text.split()
    if not words:
        return None
    condition: peewee.Expression | None = None
    for word in words:
        part = (
            Complaint.number.contains(word)
            | Complaint.complainant.contains(word)
            | Complaint.order_no.contains(word)
            | Complaint.content.contains(word)
            | Complaint.contact.contains(word.lower())
        )
        digits = digits_of(word)
        if len(digits) >= 4 and digits != word:
            part = part | Complaint.contact.contains(digits)
        condition = part if condition is None else condition & part
    return condition


def where_clauses(filters: Filters, at: dt.datetime | None = None) -> list[peewee.Expression]:
    clauses: list[peewee.Expression] = []
    if filters.month is not None and not spans_every_month(filters):
        in_month = (Complaint.received_at >= filters.month.start) & (
            Complaint.received_at < filters.month.end
        )
        if filters.open_before:
            in_month |= (
                (Complaint.received_at < filters.month.start)
                & Complaint.status.in_(labels.OPEN_STATUSES)
                & (Complaint.voided == False)  # noqa: E712 - peewee expression
            )
        clauses.append(in_month)
    if filters.status == UNRESOLVED:
        clauses.append(Complaint.status.in_(labels.OPEN_STATUSES))
    elif filters.status:
        clauses.append(Complaint.status == filters.status)
    if filters.category:
        clauses.append(Complaint.category == filters.category)
    if filters.channel:
        clauses.append(Complaint.channel == filters.channel)
    if filters.severity:
        clauses.append(Complaint.severity == filters.severity)
    if filters.handler_id is not None:
        clauses.append(Complaint.handler == filters.handler_id)
    if filters.customer_id is not None:
        clauses.append(Complaint.customer == filters.customer_id)
    if filters.overdue:
        clauses.append(overdue_condition(at))
    if filters.callback_unreachable:
        clauses.append(unreachable_callback_condition())
    if (search := search_condition(filters.text)) is not None:
        clauses.append(search)
    return clauses


def count(filters: Filters) -> int:
    query = Complaint.select(Complaint.id)
    clauses = where_clauses(filters)
    if clauses:
        query = query.where(*clauses)
    return query.count()


ROW_FIELDS = (
    Complaint.id,
    Complaint.number,
    Complaint.received_at,
    Complaint.complainant,
    Complaint.contact,
    Complaint.channel,
    Complaint.category,
    Complaint.severity,
    Complaint.status,
    Complaint.promised_at,
    Complaint.resolved_at,
    Complaint.satisfaction,
    Complaint.voided,
    Complaint.order_no,
    Complaint.handler,
)


def fetch(
    filters: Filters,
    *,
    order: str = "number",
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """One page of rows as dicts (with ``handler_name``, a content preview and ``overdue``)."""
    column = SORTABLE.get(order, Complaint.sort_key)
    ordering = [column.desc() if descending else column.asc()]
    if column is not Complaint.sort_key:
        ordering.append(Complaint.sort_key.desc() if descending else Complaint.sort_key.asc())
    preview = peewee.fn.SUBSTR(Complaint.content, 1, 120).alias("preview")
    query = (
        Complaint.select(*ROW_FIELDS, preview, User.name.alias("handler_name"))
        .join(User, peewee.JOIN.LEFT_OUTER, on=(Complaint.handler == User.id))
        .order_by(*ordering)
        .offset(offset)
        .limit(limit)
    )
    at = now()
    clauses = where_clauses(filters, at)
    if clauses:
        query = query.where(*clauses)
    rows = list(query.dicts())
    for row in rows:
        row["month"] = Month.of(row["received_at"])
        row["overdue"] = (
            not row["voided"]
            and row["status"] in labels.OPEN_STATUSES
            and row["promised_at"] is not None
            and row["promised_at"] < at
        )
        row["reported"] = (
            row["severity"] in labels.REPORTED_SEVERITIES
            and row["status"] in labels.OPEN_STATUSES
            and not row["voided"]
        )
    return rows


def count_by_month(filters: Filters) -> list[tuple[Month, int]]:
    """How many complaints of the view lie in each month's sheet, newest month first.

    Grouped by the number's date (a complaint's number carries its received day), which both
    databases read alike."""
    # literal arguments: PostgreSQL sees two parameterised SUBSTR calls as different expressions
    key = peewee.fn.SUBSTR(Complaint.number, peewee.SQL("1"), peewee.SQL("6"))
    query = Complaint.select(key.alias("ym"), peewee.fn.COUNT(Complaint.id)).group_by(key)
    clauses = where_clauses(filters)
    if clauses:
        query = query.where(*clauses)
    out = []
    for ym, n in query.tuples():
        try:
            out.append((Month(int(ym[:4]), int(ym[4:6])), n))
        except (TypeError, ValueError):  # not a number this registry gave out
            continue
    return sorted(out, reverse=True)


def months_with_complaints() -> list[Month]:
    """The months that hold complaints, newest first (for the month selector)."""
    oldest = Complaint.select(peewee.fn.MIN(Complaint.received_at)).scalar()
    if oldest is None:
        return []
    if isinstance(oldest, str):
        oldest = dt.datetime.fromisoformat(oldest)
    return months_between(Month.of(oldest), Month.current())[::-1]


def complaints_of_month(month: Month | None) -> peewee.ModelSelect:
    """Every complaint received in the month (or all), in number order: the monthly sheet."""
    query = Complaint.select(Complaint, User).join(
        User, peewee.JOIN.LEFT_OUTER, on=(Complaint.handler == User.id)
    )
    if month is not None:
        query = query.where(Complaint.received_at >= month.start, Complaint.received_at < month.end)
    return query.order_by(Complaint.sort_key)
