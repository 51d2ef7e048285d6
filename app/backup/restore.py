"""Restoring a backup: into the database in use (after a backup of it) or into another, empty
one, on either backend, whichever backend the backup came from.

The order of work, and why:

1. the backup is verified whole and refused if it is of a newer schema;
2. the database it replaces is backed up (a damaged SQLite file is kept as it is);
3. SQLite: the restored database is built in a new file beside the target, migrated to the
   current schema and checked; only then does it replace the old file (one rename, atomic), and
   only while no other desk has the file open. PostgreSQL: every table is emptied and filled in
   one transaction, the id sequences are moved past the restored ids, then the schema is
   migrated and the database checked;
4. the restored database keeps the record of the backups made until now, and its audit trail
   says who restored which backup.

During a restore the one database proxy of the process points at the database being built; the
caller makes sure nothing else uses it meanwhile (the window closes first).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from app import audit
from app.backup import records
from app.backup.archive import (
    Archive,
    BackupError,
    Manifest,
    deferred_columns,
    dependency_order,
    fields_by_column,
    key_column,
    quote,
    reset_sequences,
)
from app.backup.checks import Check, all_ok, run_checks
from app.i18n import translate
from models import ALL_TABLES, BaseModel, User, database, presence
from models.db import close_database, describe, is_sqlite, open_database, sqlite_path
from models.migrations import current_version, upgrade
from models.snapshot import open_existing

Progress = Callable[[int, int], None]
# makes the backup of the database about to be replaced; returns its file and its manifest
# (None for a damaged file kept as it was)
SafetyBackup = Callable[[], "tuple[Path, Manifest | None] | None"]

BATCH_VALUES = 30000  # values per INSERT: below SQLite's and PostgreSQL's parameter limits


@dataclass
class RestoreReport:
    archive: Path
    target: str  # where it went, without a password
    rows: dict[str, int]
    backup_schema: int
    schema: int
    safety_backup: Path | None
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all_ok(self.checks)


def _no_progress(done: int, total: int) -> None:
    return None


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def same_database(a: str, b: str) -> bool:
    if is_postgres_url(a) or is_postgres_url(b):
        return a == b
    return (
        Path(sqlite_path(a)).expanduser().resolve() == Path(sqlite_path(b)).expanduser().resolve()
    )


def restore(
    archive_path: Path,
    *,
    current_url: str,
    to_url: str | None = None,
    actor: User | None,
    safety_backup: SafetyBackup,
    progress: Progress = _no_progress,
) -> RestoreReport:
    """Restore ``archive_path`` over the database at ``current_url``, or into the empty database
    ``to_url``. The proxy points at ``current_url`` again afterwards."""
    target_url = to_url or current_url
    in_place = same_database(target_url, current_url)
    with Archive.open(Path(archive_path)) as archive:
        archive.verify()
        progress(1, 100)
        try:
            if is_postgres_url(target_url):
                report = _into_postgres(
                    archive, target_url, in_place, actor, safety_backup, progress
                )
            else:
                report = _into_sqlite(archive, target_url, in_place, actor, safety_backup, progress)
        finally:
            close_database()
            _reopen(current_url)
    return report


def _reopen(url: str) -> None:
    try:
        open_database(url)
    except Exception:  # noqa: BLE001 - the caller reports what the restore did; a damaged
        pass  # current database (restored --to elsewhere) stays as unreachable as it was


# --- SQLite ----------------------------------------------------------------------------------


def _into_sqlite(
    archive: Archive,
    url: str,
    in_place: bool,
    actor: User | None,
    safety_backup: SafetyBackup,
    progress: Progress,
) -> RestoreReport:
    target = Path(sqlite_path(url)).expanduser().resolve()
    if not in_place:
        _require_empty_sqlite(target)
    building = target.with_name(target.name + ".restoring")
    guard = _alone_on(target) if in_place else _nothing()
    with guard:
        safety = _safety(safety_backup) if in_place else None
        carried = records.records_for_carrying() if in_place else []
        close_database()
        building.unlink(missing_ok=True)
        try:
            if archive.kind == "sqlite":
                shutil.copyfile(archive.sqlite_file(), building)
                open_database(str(building))
            else:
                open_database(str(building))
                upgrade(backup=_no_backup)
                with database.atomic():
                    _empty_tables()
                    _load(archive, progress)
            report = _finish(archive, url, actor, safety, carried, progress)
            close_database()
            if not report.ok:
                raise BackupError(_failed_check(report.checks))
            if in_place:
                _settle_journal(target)
            os.replace(building, target)
        finally:
            close_database()
            building.unlink(missing_ok=True)
    return report


@contextmanager
def _nothing() -> Iterator[None]:
    yield


@contextmanager
def _alone_on(target: Path) -> Iterator[None]:
    try:
        with presence.exclusive(target):
            yield
    except presence.DatabaseInUse:
        raise BackupError(
            translate(
                "Backup",
                "Another desk has the database open: close Kefu Desk on every other desk, "
                "then restore again.",
            )
        ) from None


def _settle_journal(target: Path) -> None:
    """Let SQLite finish or roll back anything half written (a hot journal of a desk that died
    mid-write) before the file is replaced: a journal left beside the new file would be played
    back into it."""
    if not target.exists():
        return
    conn = sqlite3.connect(str(target), timeout=15)
    try:
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("ROLLBACK")
    except sqlite3.DatabaseError:
        pass  # a damaged file: it is being replaced
    finally:
        conn.close()
    journal = target.with_name(target.name + "-journal")
    journal.unlink(missing_ok=True)


def _require_empty_sqlite(target: Path) -> None:
    if not target.exists() or target.stat().st_size == 0:
        if not target.parent.is_dir():
            raise BackupError(
                translate("Backup", "The folder for the database does not exist: {folder}").format(
                    folder=target.parent
                )
            )
        return
    try:
        conn = open_existing(target)
        try:
            present = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            holds = any(
                conn.execute(f"SELECT 1 FROM {quote(m._meta.table_name)} LIMIT 1").fetchone()
                for m in ALL_TABLES
                if m._meta.table_name in present
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        holds = True
    if holds:
        raise BackupError(
            translate(
                "Backup",
                "{target} is not empty: a restore with --to goes into an empty database only.",
            ).format(target=target)
        )
    target.unlink()


# --- PostgreSQL ------------------------------------------------------------------------------


def _into_postgres(
    archive: Archive,
    url: str,
    in_place: bool,
    actor: User | None,
    safety_backup: SafetyBackup,
    progress: Progress,
) -> RestoreReport:
    safety = _safety(safety_backup) if in_place else None
    carried = records.records_for_carrying() if in_place else []
    close_database()
    open_database(url)
    if not in_place and _holds_rows():
        raise BackupError(
            translate(
                "Backup",
                "{target} is not empty: a restore with --to goes into an empty database only.",
            ).format(target=describe(url))
        )
    upgrade(backup=_no_backup)  # an empty database gets the tables; one in use has them
    with database.atomic():
        _empty_tables()
        _load(archive, progress)
        reset_sequences(ALL_TABLES)
    return _finish(archive, url, actor, safety, carried, progress)


def _holds_rows() -> bool:
    present = set(database.get_tables())
    return any(m.select().exists() for m in ALL_TABLES if m._meta.table_name in present)


# --- shared steps ----------------------------------------------------------------------------


def _no_backup(version: int) -> None:
    """The restored database is new: it needs no backup before its migration."""
    return None


def _safety(safety_backup: SafetyBackup) -> tuple[Path, Manifest | None] | None:
    return safety_backup()


def _empty_tables() -> None:
    present = set(database.get_tables())
    tables = [
        m._meta.table_name for m in reversed(dependency_order()) if m._meta.table_name in present
    ]
    if not tables:
        return
    if is_sqlite():
        for table in tables:
            database.execute_sql(f"DELETE FROM {quote(table)}")
    else:
        database.execute_sql(
            f"TRUNCATE {', '.join(quote(t) for t in tables)} RESTART IDENTITY CASCADE"
        )


def _batches(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    while True:
        batch = list(islice(rows, size))
        if not batch:
            return
        yield batch


def _load(archive: Archive, progress: Progress) -> dict[str, int]:
    """Insert every table of the backup, in dependency order; columns this desk does not know
    are left out, columns the backup lacks take their defaults (the migrations that follow
    bring them to what they should be)."""
    order = dependency_order()
    total = max(archive.manifest.total_rows, 1)
    done = 0
    loaded: dict[str, int] = {}
    later: list[tuple[type[BaseModel], Any, dict[str, Any]]] = []
    for model in order:
        name = model._meta.table_name
        summary = archive.manifest.table(name)
        if summary is None:
            continue
        by_column = fields_by_column(model)
        columns = [c for c in summary.columns if c in by_column]
        fields = [by_column[c] for c in columns]
        deferred = set(deferred_columns(model, order)) & set(columns)
        pk = key_column(model) or "id"
        count = 0
        size = max(1, min(1000, BATCH_VALUES // max(len(fields), 1)))
        for batch in _batches(archive.rows(name), size):
            values = []
            for row in batch:
                pending = {c: row[c] for c in deferred if row.get(c) is not None}
                if pending:
                    later.append((model, row[pk], pending))
                values.append(tuple(None if c in deferred else row[c] for c in columns))
            model.insert_many(values, fields=fields).execute()
            count += len(batch)
            done += len(batch)
            progress(min(90, 5 + done * 85 // total), 100)
        loaded[name] = count
    for model, key, pending in later:
        by_column = fields_by_column(model)
        model.update({by_column[c]: v for c, v in pending.items()}).where(
            model._meta.primary_key == key
        ).execute()
    return loaded


def _finish(
    archive: Archive,
    url: str,
    actor: User | None,
    safety: tuple[Path, Manifest | None] | None,
    carried: list[dict[str, Any]] | None,
    progress: Progress,
) -> RestoreReport:
    """Migrate the restored data, carry the backup records over, audit, check."""
    progress(91, 100)
    upgrade(backup=_no_backup)
    with database.atomic():
        records.put_carried_records(carried)
        restorer = _user_in_target(actor)
        path, manifest = safety if safety is not None else (None, None)
        if (
            path is not None
            and manifest is not None
            and not any(str(r.get("file")) == str(path) for r in (carried or []))
        ):
            records.record_backup(restorer, "restore", path, manifest)
        audit.record(
            restorer,
            "restore",
            "backup_record",
            None,
            {
                "backup": [None, str(archive.path)],
                "made_at": [None, archive.manifest.created_at],
                "safety_backup": [None, str(safety[0]) if safety else None],
                "by": [None, actor.login if actor is not None else None],
            },
            f"{archive.path.name}",
        )
    progress(95, 100)
    checks = run_checks()
    progress(100, 100)
    return RestoreReport(
        archive=archive.path,
        target=describe(url),
        rows=archive.manifest.rows,
        backup_schema=archive.manifest.schema_version,
        schema=current_version(),
        safety_backup=safety[0] if safety else None,
        checks=checks,
    )


def _user_in_target(actor: User | None) -> User | None:
    if actor is None:
        return None
    return User.get_or_none(User.login == actor.login)


def _failed_check(checks: list[Check]) -> str:
    failed = next(c for c in checks if not c.ok)
    return translate(
        "Backup", "The restored database fails the check, so nothing was replaced: {check}"
    ).format(check=f"{failed.label}: {failed.detail}")
