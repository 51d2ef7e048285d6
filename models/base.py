from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import peewee

from models.db import database

_clock: Callable[[], dt.datetime] | None = None


def use_clock(clock: Callable[[], dt.datetime]) -> None:
    """Record-keeping columns (created_at, an audit row's time) take their time from ``clock``:
    ``app.clock.now`` installs itself here, so the tables never read the system clock on their
    own and a test that moves the application's clock moves these too."""
    global _clock
    _clock = clock


def now() -> dt.datetime:
    """The time a record is written, from the application's clock (see :func:`use_clock`)."""
    if _clock is None:
        raise RuntimeError("no clock installed: import app (app.clock installs itself)")
    return _clock()


class BaseModel(peewee.Model):
    class Meta:
        database = database
        legacy_table_names = False


class VersionedModel(BaseModel):
    """An editable record: ``version`` grows on every save, so a stale edit can be detected."""

    version = peewee.IntegerField(default=1)
    created_at = peewee.DateTimeField(default=now)
    updated_at = peewee.DateTimeField(default=now)
