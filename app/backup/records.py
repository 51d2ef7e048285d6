"""The record of every backup (``BackupRecord``): written after a backup is verified, kept across
a restore (the restored database learns of the backups made since its own copy was taken)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app import audit, sentences
from app.backup.archive import Manifest, reset_sequences
from app.clock import now
from models import BackupRecord, User, database
from models.db import is_sqlite


def record_backup(
    actor: User | None,
    reason: str,
    path: Path,
    manifest: Manifest,
    record: BackupRecord | None = None,
) -> BackupRecord:
    """Store a verified backup (completing ``record`` when the row was claimed beforehand)."""
    values = {
        "status": "done",
        "file": str(path),
        "size": path.stat().st_size,
        "kind": manifest.kind,
        "schema_version": manifest.schema_version,
        "rows": json.dumps(manifest.rows, ensure_ascii=False),
        "verified": True,
        "note": "; ".join(manifest.notes),
    }
    with database.atomic():
        if record is None:
            record = BackupRecord.create(
                made_by=_user_id(actor), reason=reason, made_at=now(), **values
            )
        else:
            BackupRecord.update(**values).where(BackupRecord.id == record.id).execute()
        audit.record(
            actor,
            "backup",
            "backup_record",
            record.id,
            summary=sentences.say("backup.made", reason=reason, file=path.name[:80]),
        )
    return record


def _user_id(actor: User | None) -> int | None:
    """The actor's id if the actor is a user of this database (an administrator restoring a
    damaged database may have logged in against the backup)."""
    if actor is None or actor.id is None:
        return None
    found = User.get_or_none(User.id == actor.id, User.login == actor.login)
    return found.id if found is not None else None


def records_for_carrying() -> list[dict[str, Any]] | None:
    """Every backup record of the open database, with the maker's login: what a restore puts
    into the restored database. None when the records cannot be read (a damaged file)."""
    try:
        if BackupRecord._meta.table_name not in database.get_tables():
            return []
        rows = []
        for record in BackupRecord.select().order_by(BackupRecord.id):
            data = dict(record.__data__)
            maker = record.made_by
            data["made_by_login"] = maker.login if maker is not None else None
            data.pop("made_by", None)
            rows.append(data)
        return rows
    except Exception:  # noqa: BLE001 - a damaged database: the restored one keeps its own list
        return None


def put_carried_records(rows: list[dict[str, Any]] | None) -> None:
    """Replace the restored database's backup records by ``rows`` (ids kept); with ``None``,
    keep its own and mark the ones that were running when its copy was taken as cut short."""
    if rows is None:
        BackupRecord.update(status="failed", daily_key=None, note="cut short").where(
            BackupRecord.status == "running"
        ).execute()
        return
    ids = {u.login: u.id for u in User.select(User.id, User.login)}
    BackupRecord.delete().execute()
    for row in rows:
        data = {k: v for k, v in row.items() if k != "made_by_login"}
        data["made_by"] = ids.get(row.get("made_by_login") or "")
        BackupRecord.insert(**data).execute()
    if not is_sqlite():
        reset_sequences([BackupRecord])
