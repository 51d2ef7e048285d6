"""Backups as the administrator uses them: back up now, the daily automatic backup, restore,
check, and what the database screen shows. The command line and the window both call these.

A backup of a SQLite database is a consistent copy of the file; of a PostgreSQL database, a
dump of every table (:mod:`app.backup.archive`). Each is verified after writing and recorded
(``BackupRecord``) with who made it, its size and the rows per table.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import peewee

from app import auth, sentences, settings
from app.auth import require
from app.backup import folder as folders
from app.backup import records
from app.backup import restore as restoring
from app.backup.archive import (
    Archive,
    BackupError,
    Manifest,
    write_dump_archive,
    write_sqlite_archive,
)
from app.backup.checks import Check, run_checks
from app.backup.folder import BackupFile
from app.clock import now, today
from app.errors import AuthenticationFailed
from app.i18n import translate
from models import (
    BackupRecord,
    CallbackTask,
    Complaint,
    Customer,
    HandoverEntry,
    LeaveRequest,
    RosterEntry,
    SwapRequest,
    User,
    database,
    write_transaction,
)
from models.db import describe_database, first_line, is_sqlite
from models.migrations import LATEST, current_version, upgrade
from models.snapshot import is_damage_error

Progress = Callable[[int, int], None]

# a claim on the day's automatic backup older than this is a desk that died while making it
STALE_CLAIM = dt.timedelta(hours=3)
# the screen shows the last verified backup in red when it is older than this
OLD_AFTER = dt.timedelta(days=2)


def _no_progress(done: int, total: int) -> None:
    return None


@dataclass
class BackupResult:
    path: Path
    manifest: Manifest
    size: int
    record_id: int | None = None


def _login(actor: User | None) -> str:
    return actor.login if actor is not None else ""


# --- making backups --------------------------------------------------------------------------


def write_backup(
    target: Path, reason: str, actor: User | None, progress: Progress = _no_progress
) -> Manifest:
    """Write and verify one backup of the open database to ``target`` (nothing recorded)."""
    writer = write_sqlite_archive if is_sqlite() else write_dump_archive
    try:
        return writer(target, reason=reason, made_by=_login(actor), progress=progress)
    except OSError as exc:
        raise BackupError(
            translate("Backup", "Could not write the backup {path}: {error}").format(
                path=target, error=exc.strerror or exc
            )
        ) from exc


def backup_folder_state() -> tuple[Path | None, str | None]:
    """The backup folder and why it cannot be written to (None when it can; checked at set-up
    so the administrator is told at once)."""
    folder = folders.backup_folder()
    return folder, folders.folder_problem(folder) if folder is not None else None


def require_folder() -> Path:
    """The backup folder, made if missing and checked to be writable."""
    folder = folders.backup_folder()
    if folder is None:
        raise BackupError(
            translate(
                "Backup",
                "No backup folder is set for this PostgreSQL database: set one on the database "
                "screen, or give the file to write (-o FILE).",
            )
        )
    problem = folders.folder_problem(folder)
    if problem is not None:
        raise BackupError(
            translate("Backup", "Backups cannot be written to {folder}: {problem}").format(
                folder=folder, problem=problem
            )
        )
    return folder


def make_backup(
    actor: User | None,
    reason: str,
    output: Path | None = None,
    progress: Progress = _no_progress,
    record: BackupRecord | None = None,
) -> BackupResult:
    """Back up the open database into the backup folder (or to ``output``), verify, record,
    and apply the retention rule to the folder."""
    folder = require_folder() if output is None else None
    target = folders.new_archive_path(folder, now(), reason) if folder is not None else Path(output)
    manifest = write_backup(target, reason, actor, progress)
    saved = records.record_backup(actor, reason, target, manifest, record)
    if folder is not None:
        prune(folder)
    return BackupResult(target, manifest, target.stat().st_size, saved.id)


def backup_now(
    actor: User, output: Path | None = None, progress: Progress = _no_progress
) -> BackupResult:
    """「立即备份」 and ``main.py backup``: an administrator's backup."""
    require(actor, "database.manage")
    return make_backup(actor, "manual", output, progress)


def prune(folder: Path) -> list[Path]:
    """Apply the retention rule (settings ``backup_keep_days``/``backup_keep_months``)."""
    removed = folders.apply_retention(
        folder,
        today(),
        int(settings.get("backup_keep_days")),
        int(settings.get("backup_keep_months")),
    )
    if removed:
        BackupRecord.update(removed_at=now()).where(
            BackupRecord.file << [str(p) for p in removed], BackupRecord.removed_at.is_null()
        ).execute()
    return removed


def daily_backup(actor: User | None) -> BackupResult | None:
    """The day's automatic backup, made by the first desk that starts on a day.

    Nothing happens when there is no backup folder (PostgreSQL without one), when a backup of
    today exists, or when another desk has claimed the day (one row per day, unique, so two
    desks starting at the same moment cannot both make it).
    """
    if folders.backup_folder() is None:
        return None
    day = today()
    start = dt.datetime.combine(day, dt.time())
    made_today = BackupRecord.select().where(
        BackupRecord.made_at >= start, BackupRecord.status == "done", BackupRecord.verified
    )
    if made_today.exists():
        return None
    claim = _claim_day(day, actor)
    if claim is None:
        return None
    try:
        return make_backup(actor, "daily", record=claim)
    except Exception as exc:
        BackupRecord.update(status="failed", daily_key=None, note=first_line(exc)).where(
            BackupRecord.id == claim.id
        ).execute()
        raise


def _claim_day(day: dt.date, actor: User | None) -> BackupRecord | None:
    key = day.isoformat()
    try:
        with write_transaction():
            held = BackupRecord.get_or_none(BackupRecord.daily_key == key)
            if held is not None:
                if held.status != "running" or now() - held.made_at < STALE_CLAIM:
                    return None
                BackupRecord.update(status="failed", daily_key=None, note="cut short").where(
                    BackupRecord.id == held.id
                ).execute()
            return BackupRecord.create(
                reason="daily",
                status="running",
                daily_key=key,
                made_at=now(),
                made_by=actor.id if actor is not None else None,
            )
    except peewee.IntegrityError:  # another desk claimed it at the same moment
        return None


# --- before a migration ----------------------------------------------------------------------


def upgrade_schema(
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int, Path | None]:
    """Migrate the open database to this desk's schema, backed up first into the backup folder
    (recorded once the migration has made the record table); ``progress(done, total)`` hears
    how far a long step has come."""
    made: list[tuple[Path, Manifest]] = []

    def backup(version: int) -> Path | None:
        folder = folders.backup_folder()
        if folder is None:
            return None  # PostgreSQL without a backup folder
        problem = folders.folder_problem(folder)
        if problem is not None:
            raise BackupError(
                translate(
                    "Backup",
                    "The database must be backed up before it is upgraded, and {folder} is not "
                    "writable: {problem}",
                ).format(folder=folder, problem=problem)
            )
        target = folders.new_archive_path(folder, now(), "migration")
        manifest = write_backup(target, "migration", None)
        made.append((target, manifest))
        return target

    before, after, path = upgrade(backup=backup, progress=progress)
    for target, manifest in made:
        records.record_backup(None, "migration", target, manifest)
    return before, after, path


# --- restore and check -----------------------------------------------------------------------


def check_database(actor: User, progress: Progress | None = None) -> list[Check]:
    """「检查数据库」 and ``main.py check``."""
    require(actor, "database.manage")
    return run_checks(progress)


def restore_backup(
    actor: User,
    archive: Path,
    current_url: str,
    to_url: str | None = None,
    progress: Progress = _no_progress,
) -> restoring.RestoreReport:
    """「恢复…」 and ``main.py restore``: see :mod:`app.backup.restore`."""
    require(actor, "database.manage")

    def safety() -> tuple[Path, Manifest | None] | None:
        return _safety_backup(actor, Path(archive))

    return restoring.restore(
        Path(archive),
        current_url=current_url,
        to_url=to_url,
        actor=actor,
        safety_backup=safety,
        progress=progress,
    )


def _safety_backup(actor: User, archive: Path) -> tuple[Path, Manifest | None]:
    """The backup of the database a restore replaces: in the backup folder (beside the backup
    being restored when a PostgreSQL database has no folder). A damaged SQLite file fails its
    integrity check; it is kept as it is, byte for byte, so nothing is thrown away."""
    try:
        folder = folders.backup_folder()
    except peewee.DatabaseError:
        folder = folders.resolve_folder("", folders.database_file())
    folder = folder or archive.parent
    problem = folders.folder_problem(folder)
    if problem is not None:
        raise BackupError(
            translate("Backup", "Backups cannot be written to {folder}: {problem}").format(
                folder=folder, problem=problem
            )
        )
    target = folders.new_archive_path(folder, now(), "restore")
    try:
        manifest = write_backup(target, "restore", actor)
    except (BackupError, peewee.DatabaseError) as exc:
        source = folders.database_file()
        if source is None or not (isinstance(exc, BackupError) or is_damage_error(exc)):
            raise
        kept = target.with_name(target.name.removesuffix(".zip") + "-damaged.sqlite3")
        shutil.copy2(source, kept)
        return kept, None
    try:
        records.record_backup(actor, "restore", target, manifest)
    except peewee.DatabaseError:
        pass  # the database cannot take the record; the restored one will carry it
    return target, manifest


def authenticate_admin(login: str, password: str) -> User:
    """An administrator of the open database, by login and password (no login recorded)."""
    user = auth.authenticate(login, password)
    require(user, "database.manage")
    return user


def authenticate_for_restore(login: str, password: str, archive: Path) -> User:
    """The administrator who may restore: checked against the database in use, or, when that
    cannot be read (a damaged file), against the users kept in the backup itself."""
    try:
        return authenticate_admin(login, password)
    except peewee.DatabaseError:
        pass
    with Archive.open(archive) as opened:
        for row in opened.rows(User._meta.table_name):
            if row.get("login") == login.strip():
                user = User(**{k: v for k, v in row.items() if k in User._meta.columns})
                return _admin_with_password(user, password)
    raise AuthenticationFailed(translate("Auth", "Wrong login or password."))


def _admin_with_password(user: User, password: str) -> User:
    if not user.active or not auth.verify_password(user.password_hash, password):
        raise AuthenticationFailed(translate("Auth", "Wrong login or password."))
    require(user, "database.manage")
    return user


# --- what the screen shows -------------------------------------------------------------------


def reason_label(reason: str) -> str:
    return sentences.backup_reason_label(reason)


@dataclass
class BackupSummary:
    """What a backup file holds, for the confirmation before a restore."""

    path: Path
    created_at: str
    schema_version: int
    rows: dict[str, int]
    made_by: str
    source: str

    @property
    def counts(self) -> list[tuple[str, int]]:
        return counts_of(self.rows)


def read_backup(actor: User, path: Path) -> BackupSummary:
    """The manifest of a backup (quick: the data is verified when it is restored)."""
    require(actor, "database.manage")
    with Archive.open(Path(path)) as archive:
        archive.check_schema()
        manifest = archive.manifest
        return BackupSummary(
            path=Path(path),
            created_at=manifest.created_at,
            schema_version=manifest.schema_version,
            rows=manifest.rows,
            made_by=manifest.made_by,
            source=manifest.source,
        )


@dataclass
class BackupEntry:
    """One backup in the list: from the records, or a file found in the folder."""

    path: Path
    made_at: dt.datetime
    reason: str
    size: int
    made_by: str = ""
    verified: bool = True
    rows: dict[str, int] = field(default_factory=dict)
    exists: bool = True


@dataclass
class DatabaseStatus:
    location: str
    size: int | None
    schema_version: int
    latest_schema: int
    counts: list[tuple[str, int]]
    folder: Path | None
    folder_setting: str
    folder_problem: str | None
    keep_days: int
    keep_months: int
    backups: list[BackupEntry]

    @property
    def last_verified(self) -> BackupEntry | None:
        return next((b for b in self.backups if b.verified and b.exists), None)

    def last_age(self) -> dt.timedelta | None:
        last = self.last_verified
        return None if last is None else now() - last.made_at

    @property
    def backup_is_old(self) -> bool:
        age = self.last_age()
        return age is None or age > OLD_AFTER


AREAS = (
    (Complaint, "Complaints"),
    (Customer, "Customers"),
    (CallbackTask, "Callbacks"),
    (RosterEntry, "Roster entries"),
    (SwapRequest, "Shift swaps"),
    (LeaveRequest, "Leave requests"),
    (HandoverEntry, "Handover entries"),
    (User, "Users"),
)


def area_label(text: str) -> str:
    return {
        "Complaints": translate("Backup", "Complaints"),
        "Customers": translate("Backup", "Customers"),
        "Callbacks": translate("Backup", "Callbacks"),
        "Roster entries": translate("Backup", "Roster entries"),
        "Shift swaps": translate("Backup", "Shift swaps"),
        "Leave requests": translate("Backup", "Leave requests"),
        "Handover entries": translate("Backup", "Handover entries"),
        "Users": translate("Backup", "Users"),
    }[text]


def area_counts() -> list[tuple[str, int]]:
    """The number of records per area, as the screen lists them."""
    return [(area_label(label), model.select().count()) for model, label in AREAS]


def counts_of(rows: dict[str, int]) -> list[tuple[str, int]]:
    """The same list for a backup, from its rows per table."""
    return [(area_label(label), rows.get(model._meta.table_name, 0)) for model, label in AREAS]


def database_size() -> int | None:
    path = folders.database_file()
    if path is not None:
        return path.stat().st_size if path.exists() else None
    row = database.execute_sql(
        "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind = 'r'"
    ).fetchone()
    return int(row[0])


def list_backups(folder: Path | None) -> list[BackupEntry]:
    """The recorded backups whose files are still there, and any other backup file of this
    database in the folder, newest first."""
    entries: dict[str, BackupEntry] = {}
    query = (
        BackupRecord.select(BackupRecord, User.login)
        .join(User, peewee.JOIN.LEFT_OUTER, on=(BackupRecord.made_by == User.id))
        .where(BackupRecord.status == "done", BackupRecord.removed_at.is_null())
        .order_by(BackupRecord.made_at.desc())
    )
    for record in query:
        maker = record.made_by
        path = Path(record.file)
        try:
            rows = json.loads(record.rows or "{}")
        except ValueError:
            rows = {}
        entries[str(path)] = BackupEntry(
            path=path,
            made_at=record.made_at,
            reason=record.reason,
            size=record.size,
            made_by=maker.login if maker is not None else "",
            verified=record.verified,
            rows=rows,
            exists=path.exists(),
        )
    for found in folders.backups_in(folder):
        if str(found.path) not in entries:
            entries[str(found.path)] = BackupEntry(
                found.path, found.made_at, found.reason, found.size
            )
    return sorted(entries.values(), key=lambda e: e.made_at, reverse=True)


def database_status(actor: User) -> DatabaseStatus:
    """Everything the database screen shows (administrators)."""
    require(actor, "database.manage")
    folder = folders.backup_folder()
    return DatabaseStatus(
        location=describe_database(database.obj),
        size=database_size(),
        schema_version=current_version(),
        latest_schema=LATEST,
        counts=area_counts(),
        folder=folder,
        folder_setting=str(settings.get("backup_folder") or ""),
        folder_problem=folders.folder_problem(folder) if folder is not None else None,
        keep_days=int(settings.get("backup_keep_days")),
        keep_months=int(settings.get("backup_keep_months")),
        backups=list_backups(folder),
    )


def save_backup_settings(actor: User, folder: str, keep_days: int, keep_months: int) -> str | None:
    """Store the backup settings; returns why the folder is not writable (None when it is)."""
    require(actor, "database.manage")
    settings.put_many(
        actor,
        {
            "backup_folder": folder.strip(),
            "backup_keep_days": keep_days,
            "backup_keep_months": keep_months,
        },
    )
    chosen = folders.backup_folder()
    return folders.folder_problem(chosen) if chosen is not None else None


# --- a damaged database ----------------------------------------------------------------------


def newest_known_backup(db_file: Path | None) -> BackupFile | None:
    """The newest finished backup of a SQLite file the desk can find without reading the
    database (which may be damaged): in the backup folder set for it, if that can still be
    read, and in ``backups/`` beside it."""
    if db_file is None:
        return None
    candidates: list[Path] = []
    try:
        configured = folders.backup_folder()
        if configured is not None:
            candidates.append(configured)
    except Exception:  # noqa: BLE001 - the settings of a damaged database may be unreadable
        pass
    default = folders.resolve_folder("", db_file)
    if default is not None and default not in candidates:
        candidates.append(default)
    file_stem = db_file.stem or "kefu"
    found = [b for folder in candidates for b in folders.backups_in(folder, file_stem)]
    return max(found, key=lambda b: b.made_at) if found else None


def restore_command(backup: Path) -> str:
    """The command that restores ``backup``, as this desk runs it (the bundle or a checkout)."""
    program = "KefuDesk" if getattr(sys, "frozen", False) else "python main.py"
    where = f'"{backup}"' if " " in str(backup) else str(backup)
    return f"{program} restore {where}"


def damaged_message(db_file: Path, problem: str, newest: BackupFile | None) -> str:
    """One line: the file is damaged, the newest backup and the command that restores it."""
    text = translate("Backup", "The database file {file} is damaged ({problem}).").format(
        file=db_file, problem=problem
    )
    if newest is None:
        return (
            text
            + " "
            + translate(
                "Backup", "No backup of it was found; ask whoever keeps copies of this file."
            )
        )
    return (
        text
        + " "
        + translate(
            "Backup",
            "The newest backup is {backup} ({when}); restore it with: {command}",
        ).format(
            backup=newest.path,
            when=f"{newest.made_at:%Y-%m-%d %H:%M}",
            command=restore_command(newest.path),
        )
    )
