from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import peewee

from models.db import database

_clock: Callable[[], dt.datetime] | None = None
_text_check: Callable[[str, Any], Any] | None = None


def use_clock(clock: Callable[[], dt.datetime]) -> None:
    """Record-keeping columns (created_at, an audit row's time) take their time from ``clock``:
    ``app.clock.now`` installs itself here, so the tables never read the system clock on their
    own and a test that moves the application's clock moves these too."""
    global _clock
    _clock = clock


def use_text_check(check: Callable[[str, Any], Any]) -> None:
    """Every value written to a text column passes ``check(field_name, value)`` first, which
    returns the value to store or raises (``app.validation`` installs the rule here)."""
    global _text_check
    _text_check = check


def now() -> dt.datetime:
    """The time a record is written, from the application's clock (see :func:`use_clock`)."""
    if _clock is None:
        raise RuntimeError("no clock installed: import app (app.clock installs itself)")
    return _clock()


_SHORT_YEAR = re.compile(r"^(\d{1,3})-")


def _pad_year(value: Any) -> Any:
    """A stored text whose year has fewer than four digits (older versions wrote the year 206 as
    ``206-11-25``), with the year padded so that it reads back as a date."""
    if isinstance(value, str):
        match = _SHORT_YEAR.match(value)
        if match:
            return match.group(1).zfill(4) + value[match.end(1) :]
    return value


class CharField(peewee.CharField):
    """A short text, checked by the installed text rule before it is written."""

    def db_value(self, value: Any) -> Any:
        if _text_check is not None and isinstance(value, str):
            value = _text_check(self.name, value)
        return super().db_value(value)


class TextField(peewee.TextField):
    """A long text, checked by the installed text rule before it is written."""

    def db_value(self, value: Any) -> Any:
        if _text_check is not None and isinstance(value, str):
            value = _text_check(self.name, value)
        return super().db_value(value)


class DateTimeField(peewee.DateTimeField):
    """A date and time that reads back as one even where an old row holds a short year."""

    def python_value(self, value: Any) -> Any:
        return super().python_value(_pad_year(value))


class DateField(peewee.DateField):
    """A date that reads back as one even where an old row holds a short year."""

    def python_value(self, value: Any) -> Any:
        return super().python_value(_pad_year(value))


class BaseModel(peewee.Model):
    class Meta:
        database = database
        legacy_table_names = False


class VersionedModel(BaseModel):
    """An editable record: ``version`` grows on every save, so a stale edit can be detected."""

    version = peewee.IntegerField(default=1)
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
