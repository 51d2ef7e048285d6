"""Catch database work on the GUI thread: every SQL statement run on it while a test drives a page.

The window must never wait on the database (the DEVELOPERS' rule: reads through
``ui.operations.query``, changes through ``perform``). A page test proves it like this::

    from tests.ui.gui_thread_sql import no_sql_on_gui_thread

    def test_the_page_reads_off_the_gui_thread(qtbot, sqlite_url, agent):
        make_records(agent)                   # the test's own data: before the block
        with no_sql_on_gui_thread() as sql:   # fails at the end, listing what ran on the GUI thread
            page = make_page(qtbot, agent)
            qtbot.waitUntil(operations.idle)
            page.search.setText("陈")
            qtbot.waitUntil(operations.idle)
        assert page.model.rowCount() == 1     # and it still shows what it should

Inside the block every statement the test's database runs on the thread that entered the block
(the GUI thread in a pytest-qt test) is recorded with where in ``ui/`` or ``app/`` it came from;
statements on worker threads are not. When the block ends without an error of its own and
something was recorded, it fails with the list. Anything the test itself reads or writes on the
GUI thread (making its data, checking what was saved) belongs outside the block, or inside
``sql.paused()``.

``record_gui_thread_sql()`` is the same without failing: ``sql.statements`` is the list (for
finding what a page still does on the GUI thread). The ``gui_thread_sql`` fixture gives a recorder
that is not yet recording: ``gui_thread_sql.start()`` … ``gui_thread_sql.check()``.
"""

from __future__ import annotations

import sqlite3
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee
import pytest

from models import database

ROOT = Path(__file__).resolve().parents[2]
WHERE_FROM = ("ui", "app")


@dataclass(frozen=True)
class Statement:
    sql: str
    where: str  # the innermost lines of ui/ and of app/ that ran it ("" when none)

    def __str__(self) -> str:
        return f"{self.sql}\n      from {self.where or '(the test itself)'}"


def _psycopg_text(query: Any) -> str:
    return query if isinstance(query, str) else repr(query)  # a psycopg.sql.Composed, bytes


def _where() -> str:
    found: dict[str, str] = {}
    for frame in reversed(traceback.extract_stack()):
        try:
            relative = Path(frame.filename).resolve().relative_to(ROOT)
        except ValueError:
            continue
        layer = relative.parts[0] if relative.parts else ""
        if layer in WHERE_FROM and layer not in found:
            found[layer] = f"{relative.as_posix()}:{frame.lineno} {frame.name}"
    return " via ".join(found[layer] for layer in WHERE_FROM if layer in found)


class GuiThreadSql:
    """Records the SQL the database runs on one thread (the one that calls :meth:`start`).

    It listens at the database connection itself, not at peewee's query execution, so raw SQL
    (``database.execute_sql``, ``database.cursor().execute``, ``database.connection().execute``)
    is caught as well as queries: SQLite's trace callback on the thread's connection (every
    statement the library runs), on PostgreSQL a cursor class of the connection that records what
    it executes. The thread's connection open at :meth:`start` is watched, and every connection
    the thread opens until :meth:`stop`."""

    def __init__(self) -> None:
        self.statements: list[Statement] = []
        self._db: peewee.Database | None = None
        self._thread = 0
        self._paused = 0
        self._watched: list[Any] = []

    def start(self) -> None:
        db = database.obj
        assert db is not None, "open the test's database (sqlite_url or db_url) first"
        assert self._db is None, "already recording"
        self._db = db
        self._thread = threading.get_ident()
        real = db._connect

        def connect() -> Any:
            conn = real()
            if threading.get_ident() == self._thread:
                self._watch(conn)
            return conn

        db._connect = connect  # type: ignore[method-assign]
        if not db.is_closed():  # this thread's connection, opened before
            self._watch(db._state.conn)

    def _record(self, sql: str) -> None:
        if self._db is None or self._paused or threading.get_ident() != self._thread:
            return
        text = " ".join(str(sql).split())
        if text and not text.startswith("--"):  # "-- TRIGGER name": part of the statement
            self.statements.append(Statement(text, _where()))

    def _watch(self, conn: Any) -> None:
        if isinstance(conn, sqlite3.Connection):
            conn.set_trace_callback(self._record)
        else:  # psycopg
            import psycopg

            record = self._record

            class Recording(psycopg.Cursor):  # type: ignore[type-arg]
                def execute(self, query, params=None, **kwargs):  # type: ignore[no-untyped-def]
                    record(_psycopg_text(query))
                    return super().execute(query, params, **kwargs)

                def executemany(self, query, params_seq, **kwargs):  # type: ignore[no-untyped-def]
                    record(_psycopg_text(query))
                    return super().executemany(query, params_seq, **kwargs)

                def stream(self, query, params=None, **kwargs):  # type: ignore[no-untyped-def]
                    record(_psycopg_text(query))
                    return super().stream(query, params, **kwargs)

                def copy(self, statement, params=None, **kwargs):  # type: ignore[no-untyped-def]
                    record(_psycopg_text(statement))
                    return super().copy(statement, params, **kwargs)

            conn.cursor_factory = Recording
        self._watched.append(conn)

    def stop(self) -> None:
        if self._db is not None:
            self._db.__dict__.pop("_connect", None)  # the class's own again
            self._db = None
        for conn in self._watched:
            try:
                if isinstance(conn, sqlite3.Connection):
                    conn.set_trace_callback(None)
                else:
                    import psycopg

                    conn.cursor_factory = psycopg.Cursor
            except Exception:  # noqa: BLE001 - closed meanwhile: nothing to undo
                pass
        self._watched.clear()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """The test's own reads and writes on the GUI thread, not counted."""
        self._paused += 1
        try:
            yield
        finally:
            self._paused -= 1

    def report(self) -> str:
        lines = [f"{len(self.statements)} SQL statement(s) ran on the GUI thread:"]
        lines += [f"  {n}. {s}" for n, s in enumerate(self.statements, 1)]
        return "\n".join(lines)

    def check(self) -> None:
        """Stop recording; fail listing the statements if any ran on the GUI thread."""
        self.stop()
        if self.statements:
            pytest.fail(self.report(), pytrace=False)


@contextmanager
def record_gui_thread_sql() -> Iterator[GuiThreadSql]:
    """Record (never fail): ``sql.statements`` after the block."""
    recorder = GuiThreadSql()
    recorder.start()
    try:
        yield recorder
    finally:
        recorder.stop()


@contextmanager
def no_sql_on_gui_thread() -> Iterator[GuiThreadSql]:
    """Fail at the end of the block if any SQL ran on the GUI thread inside it."""
    recorder = GuiThreadSql()
    recorder.start()
    try:
        yield recorder
    except BaseException:
        recorder.stop()  # the test's own failure comes first
        raise
    recorder.check()


@pytest.fixture
def gui_thread_sql() -> Iterator[GuiThreadSql]:
    """A recorder for the test to ``start()`` once its data is made and ``check()`` at the end
    (stopped anyway when the test ends). Import the fixture into the test module to use it."""
    recorder = GuiThreadSql()
    yield recorder
    recorder.stop()
