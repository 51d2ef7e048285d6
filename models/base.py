from __future__ import annotations

import datetime as dt

import peewee

from models.db import database


def now() -> dt.datetime:
    """Wall-clock time without microseconds: what the team reads and types."""
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(peewee.Model):
    class Meta:
        database = database
        legacy_table_names = False


class VersionedModel(BaseModel):
    """An editable record: ``version`` grows on every save, so a stale edit can be detected."""

    version = peewee.IntegerField(default=1)
    created_at = peewee.DateTimeField(default=now)
    updated_at = peewee.DateTimeField(default=now)
