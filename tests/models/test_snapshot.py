"""Consistent copies of a SQLite file in use, and SQLite's own checks of a file."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from models.snapshot import (
    FULL_CHECK_AT_START_BYTES,
    copy_sqlite,
    integrity_problems,
    startup_problems,
    touch_problems,
)


def make_file(path: Path, rows: int, payload: int = 100) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)")
        conn.executemany(
            "INSERT INTO note (body) VALUES (?)", (("记" * payload,) for _ in range(rows))
        )
    conn.close()


def overwrite_page(path: Path, page: int) -> None:
    with sqlite3.connect(path) as conn:
        (size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with path.open("r+b") as stream:
        stream.seek(size * page)
        stream.write(random.Random(3).randbytes(size))


def test_a_copy_holds_what_was_committed_and_not_a_write_under_way(tmp_path):
    live = tmp_path / "live.sqlite3"
    make_file(live, 500)
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a desk half way through its write
    writer.execute("INSERT INTO note (body) VALUES ('not committed')")
    writer.execute("DELETE FROM note WHERE id <= 100")
    try:
        copy_sqlite(live, tmp_path / "copy.sqlite3")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert integrity_problems(tmp_path / "copy.sqlite3") == []
    with sqlite3.connect(tmp_path / "copy.sqlite3") as copy:
        assert copy.execute("SELECT COUNT(*), MIN(id) FROM note").fetchone() == (500, 1)
    copy.close()


def test_pages_overwritten_in_the_middle_fail_the_checks(tmp_path):
    path = tmp_path / "damaged.sqlite3"
    make_file(path, 3000)
    assert path.stat().st_size <= FULL_CHECK_AT_START_BYTES
    with sqlite3.connect(path) as conn:
        (pages,) = conn.execute("PRAGMA page_count").fetchone()
        assert startup_problems(conn, path.stat().st_size) == []
    conn.close()
    overwrite_page(path, pages // 2)
    assert integrity_problems(path) != []
    with sqlite3.connect(path) as conn:
        assert startup_problems(conn, path.stat().st_size) != []
    conn.close()


def test_a_big_file_is_touched_at_start_not_read_whole(tmp_path):
    path = tmp_path / "big.sqlite3"
    make_file(path, 12000, payload=300)
    size = path.stat().st_size
    assert size > FULL_CHECK_AT_START_BYTES
    with sqlite3.connect(path) as conn:
        (pages,) = conn.execute("PRAGMA page_count").fetchone()
        assert touch_problems(conn) == []
    conn.close()
    overwrite_page(path, pages - 1)  # the newest rows: what every start reads first
    with sqlite3.connect(path) as conn:
        assert startup_problems(conn, size) != []
    conn.close()
