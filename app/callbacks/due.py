"""When a callback is due.

A callback "N days after" an event is due at the start of the working day
(:data:`WORKDAY_START`) N days after the event's date; a complaint callback is due at once.
A task is *due* when its due date is today, *overdue* when its due date has passed, *upcoming*
otherwise.
"""

from __future__ import annotations

import calendar
import datetime as dt

from app.clock import now

WORKDAY_START = dt.time(9, 0)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clipped to the month's last day (31 Jan + 1 -> 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def due_after_days(when: dt.date | dt.datetime, days: int) -> dt.datetime:
    """Start of the working day ``days`` after ``when``."""
    day = when.date() if isinstance(when, dt.datetime) else when
    return dt.datetime.combine(day + dt.timedelta(days=days), WORKDAY_START)


def timing(due_at: dt.datetime, today: dt.date | None = None) -> str:
    """``overdue``, ``due`` (today) or ``upcoming``."""
    today = today or now().date()
    day = due_at.date()
    if day < today:
        return "overdue"
    if day == today:
        return "due"
    return "upcoming"


def end_of(day: dt.date) -> dt.datetime:
    """The first moment after ``day``."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0))
