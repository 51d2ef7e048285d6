"""Saving an edited record safely: optimistic locking on ``version`` and an audit entry."""

from __future__ import annotations

from typing import Any

import peewee

from app import audit
from app.clock import now
from app.errors import ConflictError
from app.field_labels import field_label
from app.i18n import translate
from models import AuditLog, User


def save_changes(
    actor: User | None,
    instance: peewee.Model,
    changes: dict[str, Any],
    *,
    expected_version: int | None = None,
    summary: str | audit.Sentence = "",
    action: str = "update",
) -> dict[str, list]:
    """Write ``changes`` to ``instance`` if nobody saved it since ``expected_version``.

    Returns the old -> new differences that were written (and audited). A stale version raises
    :class:`ConflictError` naming who changed the record and what, so the user can reload.
    """
    model = type(instance)
    version = instance.version if expected_version is None else expected_version
    before = audit.snapshot(instance)
    originals = {key: instance.__data__.get(key) for key in changes}
    for key, value in changes.items():
        setattr(instance, key, value)
    after = audit.snapshot(instance)
    differences = audit.diff(before, {k: after[k] for k in changes if k in after})
    if not differences:
        return {}
    values = {getattr(model, k): getattr(instance, k) for k in changes}
    values[model.version] = version + 1
    values[model.updated_at] = now()
    updated = (
        model.update(values).where(model.id == instance.id, model.version == version).execute()
    )
    if updated == 0:
        for key, value in originals.items():
            setattr(instance, key, value)
        raise conflict_for(instance, version)
    instance.version = version + 1
    audit.record(actor, action, audit.table_of(instance), instance.id, differences, summary)
    return differences


def conflict_for(instance: peewee.Model, version: int) -> ConflictError:
    """Describe what others saved after ``version`` of this record."""
    table = audit.table_of(instance)
    entries = list(
        AuditLog.select()
        .where(AuditLog.table == table, AuditLog.record_id == instance.id)
        .order_by(AuditLog.id.desc())
        .limit(5)
    )
    last = entries[0] if entries else None
    who = (
        last.user.name
        if last is not None and last.user is not None
        else translate("Records", "someone")
    )
    when = last.at.strftime("%H:%M") if last is not None else ""
    changed = audit.changes_of(last) if last is not None else {}
    fields = translate("Records", ", ").join(field_label(name) for name in changed) or "?"
    message = translate(
        "Records",
        "{who} changed this record at {when} ({fields}) after you opened it. "
        "Reload it and apply your changes again.",
    ).format(who=who, when=when, fields=fields)
    return ConflictError(message, changed_by=who, changes=changed)


def select_with(model: type[peewee.Model], *fields: str) -> peewee.ModelSelect:
    """``model`` rows with the records its foreign keys ``fields`` point to, in one query, so a
    list showing names and shifts does not fetch them row by row."""
    related = [
        (model._meta.fields[name], model._meta.fields[name].rel_model.alias()) for name in fields
    ]
    query = model.select(model, *(alias for _field, alias in related))
    for field, alias in related:
        query = query.join_from(
            model,
            alias,
            peewee.JOIN.LEFT_OUTER if field.null else peewee.JOIN.INNER,
            on=(field == alias.id),
            attr=field.name,
        )
    return query
