"""Where backups go, what they are called, and which ones are kept.

The folder is the team setting ``backup_folder``: empty means ``backups/`` beside the SQLite file;
a relative path is taken from the folder of the SQLite file. A PostgreSQL database has no
default: its automatic backups start when the administrator sets a folder.

Files are named ``STEM-YYYYMMDD-HHMMSS-REASON.zip`` (STEM: the database file's name without its
suffix, or the PostgreSQL database and schema), so several databases may share one folder and
the retention rule only ever deletes files of its own database made by Kefu Desk.

Retention: every backup of the last ``backup_keep_days`` days (today included), plus the newest
backup of each of the last ``backup_keep_months`` calendar months (this month included); the
rest of this database's backups in the folder are deleted.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from app import settings
from app.clock import Month
from models import database
from models.db import is_sqlite

DEFAULT_FOLDER_NAME = "backups"
NAME = re.compile(
    r"^(?P<stem>.+)-(?P<day>\d{8})-(?P<time>\d{6})-(?P<reason>[a-z]+)(?:-(?P<n>\d+))?\.zip$"
)
REASONS = ("daily", "manual", "migration", "restore")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made_at: dt.datetime
    reason: str
    size: int


def database_file() -> Path | None:
    """The open SQLite database's file, or None on PostgreSQL."""
    db = database.obj
    if not is_sqlite(db) or db.database == ":memory:":
        return None
    return Path(db.database).resolve()


def stem() -> str:
    """The name every backup file of the open database starts with."""
    path = database_file()
    if path is not None:
        return path.stem or "kefu"
    db = database.obj
    name = str(db.database)
    options = str(db.connect_params.get("options") or "")
    if "search_path=" in options:
        name += "-" + options.split("search_path=", 1)[1].strip()
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)


def resolve_folder(configured: str, db_file: Path | None) -> Path | None:
    """The folder a ``backup_folder`` value means for a database file (None: no folder)."""
    text = configured.strip()
    if not text:
        return db_file.parent / DEFAULT_FOLDER_NAME if db_file is not None else None
    path = Path(text).expanduser()
    if not path.is_absolute() and db_file is not None:
        path = db_file.parent / path
    return path


def backup_folder() -> Path | None:
    """The backup folder of the open database (None: PostgreSQL without a folder set)."""
    return resolve_folder(str(settings.get("backup_folder") or ""), database_file())


def folder_problem(folder: Path) -> str | None:
    """Why backups cannot be written to ``folder`` (it is made if missing), or None."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".kefu-write-test-{uuid.uuid4().hex[:8]}"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def archive_name(file_stem: str, when: dt.datetime, reason: str, n: int = 0) -> str:
    suffix = f"-{n}" if n else ""
    return f"{file_stem}-{when:%Y%m%d-%H%M%S}-{reason}{suffix}.zip"


def new_archive_path(folder: Path, when: dt.datetime, reason: str) -> Path:
    """A name in ``folder`` not taken yet (two backups in one second get ``-1``, ``-2``...)."""
    file_stem = stem()
    n = 0
    while True:
        path = folder / archive_name(file_stem, when, reason, n)
        if not path.exists() and not path.with_name(path.name + ".part").exists():
            return path
        n += 1


def parse_name(name: str, file_stem: str) -> tuple[dt.datetime, str] | None:
    found = NAME.match(name)
    if found is None or found.group("stem") != file_stem:
        return None
    try:
        when = dt.datetime.strptime(found.group("day") + found.group("time"), "%Y%m%d%H%M%S")
    except ValueError:
        return None
    return when, found.group("reason")


def backups_in(folder: Path | None, file_stem: str | None = None) -> list[BackupFile]:
    """This database's finished backups in ``folder``, newest first."""
    if folder is None or not folder.is_dir():
        return []
    file_stem = file_stem if file_stem is not None else stem()
    found = []
    for path in folder.iterdir():
        parsed = parse_name(path.name, file_stem)
        if parsed is None or not path.is_file():
            continue
        found.append(BackupFile(path, parsed[0], parsed[1], path.stat().st_size))
    found.sort(key=lambda f: (f.made_at, f.path.name), reverse=True)
    return found


def kept(files: list[BackupFile], today: dt.date, keep_days: int, keep_months: int) -> set[Path]:
    """The backups the retention rule keeps (see the module's description)."""
    keep: set[Path] = set()
    first_day = today - dt.timedelta(days=max(keep_days, 0) - 1)
    for f in files:
        if f.made_at.date() > today:  # made "later" than today: a clock was wrong, keep it
            keep.add(f.path)
        elif keep_days > 0 and first_day <= f.made_at.date():
            keep.add(f.path)
    months: list[Month] = []
    month = Month.of(today)
    for _ in range(max(keep_months, 0)):
        months.append(month)
        month = month.previous()
    for month in months:
        in_month = [f for f in files if month.contains(f.made_at.date())]
        if in_month:
            keep.add(max(in_month, key=lambda f: (f.made_at, f.path.name)).path)
    return keep


def apply_retention(folder: Path, today: dt.date, keep_days: int, keep_months: int) -> list[Path]:
    """Delete this database's backups in ``folder`` that the rule does not keep; also
    half-written files (``.part``) left by a backup that was cut short before today."""
    files = backups_in(folder)
    keep = kept(files, today, keep_days, keep_months)
    removed = []
    for f in files:
        if f.path not in keep:
            f.path.unlink(missing_ok=True)
            removed.append(f.path)
    file_stem = stem()
    for part in folder.glob(f"{file_stem}-*.zip.part"):
        parsed = parse_name(part.name[: -len(".part")], file_stem)
        if parsed is not None and parsed[0].date() < today:
            part.unlink(missing_ok=True)
    return removed
