"""The dates a desk enters: no date or time picker goes before the team's earliest date (the
setting ``earliest_date``, which ``app.validation`` enforces on every save and import), so a
year typed as 0206 cannot even be picked.

The earliest date is read off the GUI thread when the main window opens and again whenever a
team setting changes (on this desk or another); every picker marked with :func:`limit` follows it.
A record stored before the setting moved keeps its date (:func:`show` lowers that picker's
minimum to it), so opening and saving it changes nothing the user did not change.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QWidget

from app import validation
from ui import operations

# set on a limited picker; the value is the earliest date of a record it shows ("" if none)
LIMITED = "kefu_earliest_floor"

_earliest: dt.date = validation.DEFAULT_EARLIEST

E = TypeVar("E", bound=QDateTimeEdit)


def earliest() -> dt.date:
    """The team's earliest date as this desk last read it."""
    return _earliest


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _apply(edit: QDateTimeEdit) -> None:
    floor = _qdate(_earliest)
    shown = edit.property(LIMITED)
    if isinstance(shown, str) and shown:
        floor = min(floor, _qdate(dt.date.fromisoformat(shown)))
    edit.setMinimumDate(floor)


def limit(edit: E) -> E:
    """No earlier date than the team's earliest date can be picked or typed in ``edit`` (a
    ``QDateEdit`` or ``QDateTimeEdit``); set its value afterwards, or through :func:`show`."""
    edit.setProperty(LIMITED, "")
    _apply(edit)
    return edit


def show(edit: QDateTimeEdit, value: dt.date | dt.datetime) -> None:
    """Show a stored value in a limited picker, even one older than the earliest date."""
    day = value.date() if isinstance(value, dt.datetime) else value
    edit.setProperty(LIMITED, day.isoformat() if day < _earliest else "")
    _apply(edit)
    if isinstance(value, dt.datetime):
        edit.setDateTime(QDateTime(value))
    else:
        edit.setDate(_qdate(value))


def set_earliest(day: dt.date) -> None:
    """The earliest date read from the team's settings: every limited picker follows it."""
    global _earliest
    if day == _earliest:
        return
    _earliest = day
    for widget in QApplication.allWidgets():
        if isinstance(widget, QDateTimeEdit) and widget.property(LIMITED) is not None:
            _apply(widget)


def read(owner: QWidget | None) -> None:
    """Read the team's earliest date off the GUI thread (at start, after a settings change)."""
    operations.query(
        owner,
        validation.earliest_date,
        done=set_earliest,
        failed=lambda _exc: None,  # the pickers keep the date they had; a save still checks
        slot="earliest_date",
        busy="",
    )
