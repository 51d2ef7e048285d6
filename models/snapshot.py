"""Consistent copies of a SQLite database file and SQLite's own checks of a file.

A SQLite file in use is never copied byte by byte: a desk may be half way through writing it.
:func:`copy_sqlite` uses SQLite's online backup API, which reads the file inside one read
transaction (desks that want to write wait for it, as they wait for each other), so the copy is
the database as it was at one instant.
"""

from __future__ import annotations

import sqlite3
import time
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


def copy_sqlite(source: str | Path, target: str | Path, timeout: float = 15.0) -> None:
    """Copy the live SQLite file ``source`` to a new file ``target``, consistently.

    The whole copy is one step of the backup API, so it is one read transaction: a desk that
    commits meanwhile waits (its busy timeout) instead of making the copy start over.
    """
    target = Path(target)
    target.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{Path(source).as_posix()}?mode=ro", uri=True, timeout=timeout)
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst, pages=-1)
        finally:
            dst.close()
    finally:
        src.close()


def integrity_problems(
    path: str | Path, *, quick: bool = False, budget: float | None = None
) -> list[str]:
    """SQLite's ``integrity_check`` (or ``quick_check``) of a file: ``[]`` when it is sound.

    ``budget``: stop checking after that many seconds and report what was found so far (the
    check at start-up reads only as much of a big file as a few milliseconds allow).
    """
    try:
        conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True, timeout=15)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        return check_connection(conn, quick=quick, budget=budget)
    finally:
        conn.close()


def check_connection(
    conn: sqlite3.Connection, *, quick: bool = False, budget: float | None = None
) -> list[str]:
    """The integrity check on an open ``sqlite3`` connection (see :func:`integrity_problems`)."""
    pragma = "quick_check" if quick else "integrity_check"
    if budget is not None:
        deadline = time.perf_counter() + budget
        conn.set_progress_handler(lambda: int(time.perf_counter() > deadline), 1000)
    try:
        rows = conn.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.OperationalError as exc:
        if budget is not None and "interrupted" in str(exc).lower():
            return []  # nothing wrong in the part that was read in time
        return [str(exc)]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        if budget is not None:
            conn.set_progress_handler(None, 0)
    found = [str(row[0]) for row in rows]
    return [] if found == ["ok"] else found
