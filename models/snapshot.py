"""Consistent copies of a SQLite database file and SQLite's own checks of a file.

A SQLite file in use is never copied byte by byte: a desk may be half way through writing it.
:func:`copy_sqlite` uses SQLite's online backup API, which reads the file inside one read
transaction (desks that want to write wait for it, as they wait for each other), so the copy is
the database as it was at one instant.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Messages SQLite gives for a file that is damaged or not a database at all.
DAMAGE_MARKERS = (
    "malformed",
    "not a database",
    "disk image",
    "database corrupt",
    "file is encrypted",
)


def is_damage_error(exc: BaseException) -> bool:
    """True when a database error says the file itself is damaged (not locked, not missing)."""
    text = str(exc).lower()
    return any(marker in text for marker in DAMAGE_MARKERS)


def open_existing(path: str | Path, timeout: float = 15.0) -> sqlite3.Connection:
    """A connection to an existing SQLite file (never creating an empty one in its place).

    A plain path, not a ``file:`` URI: SQLite refuses URIs naming a server, which a Windows
    share path (``\\\\server\\share\\kefu.sqlite3``) becomes.
    """
    path = Path(path)
    if not path.is_file():
        raise sqlite3.OperationalError(f"unable to open database file: {path}")
    return sqlite3.connect(str(path), timeout=timeout)


def copy_sqlite(source: str | Path, target: str | Path, timeout: float = 15.0) -> None:
    """Copy the live SQLite file ``source`` to a new file ``target``, consistently.

    The whole copy is one step of the backup API, so it is one read transaction: a desk that
    commits meanwhile waits (its busy timeout) instead of making the copy start over.
    """
    target = Path(target)
    target.unlink(missing_ok=True)
    src = open_existing(source, timeout)
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst, pages=-1)
        finally:
            dst.close()
    finally:
        src.close()


# A file up to this size gets SQLite's whole quick_check at start (a few milliseconds for a
# team's database); a bigger one gets the touch check, and the full check is `main.py check`.
FULL_CHECK_AT_START_BYTES = 8 * 1024 * 1024


def integrity_problems(path: str | Path, *, quick: bool = False) -> list[str]:
    """SQLite's ``integrity_check`` (or ``quick_check``) of a file: ``[]`` when it is sound."""
    try:
        conn = open_existing(path)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        return check_connection(conn, quick=quick)
    finally:
        conn.close()


def check_connection(conn: sqlite3.Connection, *, quick: bool = False) -> list[str]:
    """The integrity check on an open ``sqlite3`` connection (see :func:`integrity_problems`)."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        rows = conn.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    found = [str(row[0]) for row in rows]
    return [] if found == ["ok"] else found


def startup_problems(conn: sqlite3.Connection, size: int) -> list[str]:
    """The check at start: the whole ``quick_check`` of a file up to
    :data:`FULL_CHECK_AT_START_BYTES`, else :func:`touch_problems`."""
    if size <= FULL_CHECK_AT_START_BYTES:
        return check_connection(conn, quick=True)
    return touch_problems(conn)


def touch_problems(conn: sqlite3.Connection) -> list[str]:
    """Read the schema and the first and last row of every table: the pages every start reads
    anyway, in a few milliseconds whatever the size of the file."""
    try:
        tables = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        for table, sql in tables:
            quoted = '"' + table.replace('"', '""') + '"'
            text = (sql or "").upper()
            if text.startswith("CREATE VIRTUAL TABLE") or "WITHOUT ROWID" in text:
                # the search index's tables: no rowid to order by (its storage is checked
                # through its own shadow tables)
                conn.execute(f"SELECT * FROM {quoted} LIMIT 1").fetchall()
                continue
            for direction in ("ASC", "DESC"):
                conn.execute(
                    f"SELECT * FROM {quoted} ORDER BY rowid {direction} LIMIT 1"
                ).fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return []
