"""Opening the database for a desk or a command.

- A damaged SQLite file is found at once, in one line that names the newest backup and the
  command that restores it: SQLite's own error when the file cannot be opened, and a quick
  check of the file at start (a few milliseconds; ``models.snapshot.startup_problems``).
- The process marks itself as having the database open (``models.presence``), so a restore
  waits until every desk has closed; while a restore runs, no desk starts.
"""

from __future__ import annotations

from pathlib import Path

import peewee

from app.errors import KefuError
from app.i18n import QT_TRANSLATE_NOOP, translate
from models import database, presence
from models.db import DatabaseUrlError as DatabaseUrlError  # re-exported for the window
from models.db import (
    close_database,
    first_line,
    is_sqlite,
    make_database,
    open_database,
    sqlite_path,
)
from models.db import describe as describe  # re-exported for the window
from models.db import without_password as without_password  # re-exported for the window
from models.migrations import LATEST, current_version
from models.snapshot import is_damage_error, startup_problems


class DatabaseDamaged(KefuError):
    """The SQLite file is damaged; the message says so in one line and how to restore it."""

    def __init__(self, db_file: Path, problem: str) -> None:
        from app.backup.service import damaged_message, newest_known_backup

        self.db_file = db_file
        self.problem = problem
        self.newest_backup = newest_known_backup(db_file)
        super().__init__(damaged_message(db_file, problem, self.newest_backup))


class SchemaTooNew(KefuError):
    """The database was made or upgraded by a newer Kefu Desk than this one."""

    def __init__(self, found: int, latest: int) -> None:
        self.found = found
        self.latest = latest
        super().__init__(
            translate(
                "Startup",
                "This database has schema version {found}, from a newer Kefu Desk; this desk "
                "knows version {latest} at most: upgrade this desk before using it.",
            ).format(found=found, latest=latest)
        )


class BeingRestored(KefuError):
    """An administrator is restoring the database this desk wants to open."""


def open_desk(url: str, *, check: bool = True, damaged_ok: bool = False) -> None:
    """Open the database as a desk or a command does (see the module's description).

    ``check``: run the quick check at start (the database check itself and a restore skip it).
    ``damaged_ok``: a file SQLite cannot open at all is still set up as the database in use
    (a restore replaces it), instead of :class:`DatabaseDamaged`.
    """
    try:
        open_database(url)
    except DatabaseUrlError as exc:
        if not is_damage_error(exc):
            raise
        db = make_database(url)
        path = Path(db.database).resolve()
        if not damaged_ok:
            raise DatabaseDamaged(path, _problem_of(exc)) from None
        database.initialize(db)
        return
    refuse_newer_schema()
    if not is_sqlite():
        return
    path = Path(database.obj.database).resolve()
    if check:
        problems = quick_check()
        if problems:
            database.close()
            raise DatabaseDamaged(path, problems[0])
    try:
        presence.hold(path)
    except presence.DatabaseInUse:
        database.close()
        raise BeingRestored(
            translate(
                "Startup",
                "An administrator is restoring this database right now: try again in a few "
                "minutes.",
            )
        ) from None


# the messages of models.db.DatabaseUrlError, said in the user's language by url_problem()
URL_PROBLEMS = (
    QT_TRANSLATE_NOOP("Database", "not a SQLite URL (use sqlite:///path): {url}"),
    QT_TRANSLATE_NOOP(
        "Database",
        "unknown database URL scheme: {scheme} (use a file path, sqlite:///path or "
        "postgresql://user:password@host:port/database)",
    ),
    QT_TRANSLATE_NOOP("Database", "the PostgreSQL URL names no database: {url}"),
    QT_TRANSLATE_NOOP("Database", "not a valid port in the PostgreSQL URL: {url}"),
    QT_TRANSLATE_NOOP("Database", "not a valid schema name: {schema}"),
    QT_TRANSLATE_NOOP("Database", "the database path is a folder: {path}"),
    QT_TRANSLATE_NOOP("Database", "the folder for the database does not exist: {folder}"),
    QT_TRANSLATE_NOOP("Database", "cannot open the database {database}: {problem}"),
    QT_TRANSLATE_NOOP(
        "Database",
        "the schema {schema} does not exist in {database}: create it first (CREATE SCHEMA {schema})",
    ),
)


def url_problem(exc: DatabaseUrlError) -> str:
    """What is wrong with the database's location, in the user's language."""
    return translate("Database", exc.template).format(**exc.values)


def new_sqlite_file(url: str) -> Path | None:
    """The SQLite file a start with ``url`` is about to create, or None (PostgreSQL, or it
    exists)."""
    if url.startswith(("postgresql://", "postgres://")):
        return None
    try:
        path = Path(sqlite_path(url)).expanduser()
    except DatabaseUrlError:
        return None
    return None if path.exists() else path


def needs_upgrade() -> bool:
    """The open database has an older schema than this version of the program."""
    return 0 < current_version() < LATEST


def is_database_error(exc: BaseException) -> bool:
    return isinstance(exc, peewee.DatabaseError)


def refuse_newer_schema() -> None:
    """Refuse a database from a newer Kefu Desk before anything is written to it (its tables
    may mean something this desk does not know)."""
    try:
        found = current_version()
    except peewee.DatabaseError:
        return  # a damaged file or a server gone: said by what comes next
    if found > LATEST:
        database.close()
        raise SchemaTooNew(found, LATEST)


def discard_new_file(path: Path) -> None:
    """Remove a database file this start made and nobody set up (and its mark beside it)."""
    close_database()
    presence.release(path)
    for leftover in (path, presence.marker_file(path)):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass


def leave_desk() -> None:
    """Stop working on the open database (the desk goes over to another one): this desk no
    longer marks a SQLite file as in use, and the connection is closed."""
    if database.obj is not None and is_sqlite():
        presence.release(Path(database.obj.database).resolve())
    close_database()


def close_connection() -> None:
    """Close this thread's connection to the database (before a restore replaces the file)."""
    close_database()


def quick_check() -> list[str]:
    """The check at start of the open SQLite file (``models.snapshot.startup_problems``)."""
    try:
        size = Path(database.obj.database).stat().st_size
        return startup_problems(database.connection(), size)
    except peewee.DatabaseError as exc:
        return [first_line(exc)]


def _problem_of(exc: BaseException) -> str:
    text = first_line(exc)
    return text.rsplit(": ", 1)[-1] if ": " in text else text


def damaged_error(exc: BaseException) -> DatabaseDamaged | None:
    """The one-line error for a database error met while working, when it says the open
    SQLite file is damaged (None for any other error)."""
    if not is_damage_error(exc) or database.obj is None or not is_sqlite():
        return None
    return DatabaseDamaged(Path(database.obj.database).resolve(), first_line(exc))
