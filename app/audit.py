"""The audit trail: who, when, which record, and old -> new values for every change."""

from __future__ import annotations

import datetime as dt
import decimal
import json
from typing import Any, Protocol

import peewee

from app import changes as changeset
from models import AuditLog, User


class Sentence(Protocol):
    """A sentence kept as its key and values (:class:`app.sentences.Sentence`)."""

    def stored(self) -> str: ...


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, peewee.Model):
        return value.get_id()
    return value


def snapshot(instance: peewee.Model, exclude: set[str] | frozenset[str] = frozenset()) -> dict:
    """The record's own column values, JSON-ready (foreign keys as ids)."""
    out = {}
    for name in instance._meta.fields:
        if name in exclude or name in {"id", "created_at", "updated_at", "version"}:
            continue
        raw = instance.__data__.get(name)
        out[name] = jsonable(raw)
    return out


def diff(old: dict, new: dict) -> dict[str, list]:
    return {k: [old.get(k), new.get(k)] for k in new if old.get(k) != new.get(k)}


def record(
    actor: User | None,
    action: str,
    table: str,
    record_id: int | None,
    changes: dict | None = None,
    summary: str | Sentence = "",
) -> AuditLog:
    """One audit row; ``summary`` is data as written (a number, a name) or a :class:`Sentence`,
    kept as its key and values and written in the reader's language when read."""
    # a person's text is cut to a line's length; a sentence is never cut
    summary = summary[:200] if isinstance(summary, str) else summary.stored()
    entry = AuditLog.create(
        user=actor.id if actor is not None else None,
        action=action,
        table=table,
        record_id=record_id,
        summary=summary,
        changes=json.dumps(changes or {}, ensure_ascii=False, default=str),
    )
    changeset.note(table, record_id, entry.id)
    return entry


def table_of(instance: peewee.Model) -> str:
    return instance._meta.table_name


def record_create(
    actor: User | None,
    instance: peewee.Model,
    summary: str | Sentence = "",
    exclude: set[str] | frozenset[str] = frozenset(),
) -> AuditLog:
    values = snapshot(instance, exclude)
    changes = {k: [None, v] for k, v in values.items() if v not in (None, "", "[]", "{}")}
    return record(actor, "create", table_of(instance), instance.get_id(), changes, summary)


def record_delete(
    actor: User | None, instance: peewee.Model, summary: str | Sentence = ""
) -> AuditLog:
    values = snapshot(instance)
    changes = {k: [v, None] for k, v in values.items() if v not in (None, "")}
    return record(actor, "delete", table_of(instance), instance.get_id(), changes, summary)


def changes_of(entry: AuditLog) -> dict[str, list]:
    try:
        return json.loads(entry.changes)
    except ValueError:
        return {}


def browse(
    *,
    table: str | None = None,
    record_id: int | None = None,
    user_id: int | None = None,
    action: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    text: str | None = None,
    limit: int = 500,
    offset: int = 0,
) -> list[AuditLog]:
    """Audit entries newest first, filtered; the caller checks ``audit.view``."""
    query = AuditLog.select(AuditLog, User).join(User, peewee.JOIN.LEFT_OUTER).switch(AuditLog)
    if table:
        query = query.where(AuditLog.table == table)
    if record_id is not None:
        query = query.where(AuditLog.record_id == record_id)
    if user_id is not None:
        query = query.where(AuditLog.user == user_id)
    if action:
        query = query.where(AuditLog.action == action)
    if since:
        query = query.where(AuditLog.at >= since)
    if until:
        query = query.where(AuditLog.at < until)
    if text:
        query = query.where(AuditLog.summary.contains(text) | AuditLog.changes.contains(text))
    return list(query.order_by(AuditLog.id.desc()).limit(limit).offset(offset))
