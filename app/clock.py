"""Business time: the one place that reads the clock, and the month the team lives by.

Everything that asks "what time is it" for a rule, a default or a report calls :func:`now` or
:func:`today`; nothing else reads the system clock. Tests move the clock with ``time_machine``
(which this module honours because it reads ``datetime.now``). The database's own clock is never
used for business time, so desks and server agree with whatever the desk's clock says.

:class:`Month` is the calendar month of the registry and the reports: parsing ``YYYY-MM``, its
first and last day, its first instant and the first instant after it, and the cut-off of its
figures (the end of the month, or now while it is running).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import models.base

# During the first days of a month the team still prints and reads the month before.
REPORT_GRACE_DAYS = 10


def now() -> dt.datetime:
    """The current time to the second (what the team reads and types)."""
    return dt.datetime.now().replace(microsecond=0)


def today() -> dt.date:
    return now().date()


models.base.use_clock(now)

_MONTH = re.compile(r"\s*(\d{4})-(\d{1,2})\s*")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1 <= self.year <= 9998:
            raise ValueError(f"not a month: {self.year}-{self.month}")

    @classmethod
    def parse(cls, text: str) -> Month:
        """``YYYY-MM`` (``2026-7`` too); ``ValueError`` naming the expected form otherwise."""
        found = _MONTH.fullmatch(text or "")
        if found is None:
            raise ValueError(f"not a month in the form YYYY-MM: {text!r}")
        return cls(int(found.group(1)), int(found.group(2)))

    @classmethod
    def of(cls, moment: dt.date) -> Month:
        """The month a date or a time falls in."""
        return cls(moment.year, moment.month)

    @classmethod
    def current(cls) -> Month:
        return cls.of(today())

    @classmethod
    def report_default(cls) -> Month:
        """The month a report or a printed sheet offers first: the previous month during the
        first days of a month (its sheet is what gets printed then), else the current one."""
        day = today()
        current = cls.of(day)
        return current.previous() if day.day <= REPORT_GRACE_DAYS else current

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    @property
    def start(self) -> dt.datetime:
        """The first instant of the month."""
        return dt.datetime(self.year, self.month, 1)

    @property
    def end(self) -> dt.datetime:
        """The first instant after the month (ranges are ``start <= t < end``)."""
        return self.next().start

    @property
    def last_instant(self) -> dt.datetime:
        """The last second of the month, as times are kept to the second."""
        return self.end - dt.timedelta(seconds=1)

    def cutoff(self) -> dt.datetime:
        """Where the month's figures are counted to: its end, or now while it runs."""
        return min(self.end, now())

    def has_ended(self) -> bool:
        return now() >= self.end

    def next(self) -> Month:
        return Month(self.year + (self.month == 12), self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def days(self) -> list[dt.date]:
        first = self.first_day
        return [first + dt.timedelta(days=i) for i in range((self.last_day - first).days + 1)]

    def contains(self, moment: dt.date) -> bool:
        return (moment.year, moment.month) == (self.year, self.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def months_between(first: Month, last: Month) -> list[Month]:
    """Every month from ``first`` to ``last`` inclusive, oldest first."""
    out: list[Month] = []
    month = first
    while month <= last:
        out.append(month)
        month = month.next()
    return out


_TYPED_MOMENT = re.compile(
    r"\s*(?:(?:(\d{4})[-/.年])?(\d{1,2})[-/.月](\d{1,2})日?\s*)?(\d{1,2})[:：](\d{2})\s*"
)


def parse_typed_moment(text: str, *, at: dt.datetime | None = None) -> dt.datetime | None:
    """A time as a desk types it: ``11-30 14:05``, ``2026-11-30 14:05`` or ``14:05`` (today).

    Without a year it is the latest such moment not after tomorrow (``12-31 23:00`` typed in
    early January is last year's). None when the text is no such time."""
    found = _TYPED_MOMENT.fullmatch(text or "")
    if found is None:
        return None
    at = at or now()
    year, month, day, hour, minute = found.groups()
    try:
        if month is None:
            moment = dt.datetime.combine(at.date(), dt.time(int(hour), int(minute)))
        elif year is not None:
            moment = dt.datetime(int(year), int(month), int(day), int(hour), int(minute))
        else:
            moment = dt.datetime(at.year, int(month), int(day), int(hour), int(minute))
            if moment > at + dt.timedelta(days=1):
                moment = moment.replace(year=at.year - 1)
    except ValueError:  # 02-30, 25:00, or 02-29 of a year without it
        return None
    return moment
