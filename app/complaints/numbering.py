"""Complaint numbers: ``YYYYMMDD-NNN``, the received date and a gap-free sequence within that day.

The sequence lives in ``ComplaintNumberSequence`` (one row per day) and is advanced by one
``INSERT ... ON CONFLICT (day) DO UPDATE ... RETURNING last`` inside the transaction that inserts the
complaints. The row stays locked until that transaction ends, so desks filing at the same instant
wait for each other, and a rolled-back insert gives its numbers back: no duplicates, no gaps.
"""

from __future__ import annotations

import datetime as dt
import re

from peewee import Case, ModelInsert

from models import ComplaintNumberSequence

NUMBER_PATTERN = re.compile(r"^(\d{8})-(\d{3,})$")


def day_key(received_at: dt.datetime | dt.date) -> str:
    return received_at.strftime("%Y%m%d")


def format_number(day: str, sequence: int) -> str:
    return f"{day}-{sequence:03d}"


def sort_key(number: str) -> str:
    """The number in a form that sorts in number order."""
    parts = split_number(number)
    return f"{parts[0]}{parts[1]:08d}" if parts else number


def split_number(number: str) -> tuple[str, int] | None:
    """``("20261125", 7)`` for ``20261125-007``; ``None`` when it is not a valid number."""
    match = NUMBER_PATTERN.match(number.strip())
    if match is None:
        return None
    try:
        dt.datetime.strptime(match.group(1), "%Y%m%d")
    except ValueError:
        return None
    sequence = int(match.group(2))
    return (match.group(1), sequence) if sequence > 0 else None


def reserve(day: str, count: int = 1, at_least: int = 0) -> list[int]:
    """Take ``count`` consecutive sequence numbers of ``day``; call inside a write transaction.

    ``at_least`` first raises the day's sequence to that value (numbers imported as they were).
    """
    seq = ComplaintNumberSequence
    current = Case(None, [(seq.last < at_least, at_least)], seq.last)
    query = (
        seq.insert(day=day, last=at_least + count)
        .on_conflict(conflict_target=[seq.day], update={seq.last: current + count})
        .returning(seq.last)
    )
    last = _returned_last(query)
    return list(range(last - count + 1, last + 1))


def _returned_last(query: ModelInsert) -> int:
    row = next(iter(query.tuples().execute()))
    return int(row[0])


def next_number(received_at: dt.datetime) -> str:
    """The next number of the received date (inside the inserting write transaction)."""
    day = day_key(received_at)
    return format_number(day, reserve(day)[0])


def set_sequences(last_by_day: dict[str, int]) -> None:
    """Raise each day's sequence to at least the given value (after a bulk insert)."""
    for day, last in sorted(last_by_day.items()):
        reserve(day, 0, at_least=last)
