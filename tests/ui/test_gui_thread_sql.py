"""The check that no SQL runs on the GUI thread catches it there and only there."""

from __future__ import annotations

import pytest

from app import auth
from models import User, database
from tests.ui.gui_thread_sql import no_sql_on_gui_thread, record_gui_thread_sql
from ui import operations


def test_a_read_on_the_gui_thread_fails_naming_the_statement(sqlite_url, admin):
    with pytest.raises(pytest.fail.Exception) as failure:
        with no_sql_on_gui_thread():
            User.select().where(User.login == "admin").get()
    assert "1 SQL statement(s) ran on the GUI thread" in str(failure.value)
    assert 'FROM "user"' in str(failure.value)


def test_work_run_by_the_runner_is_not_counted_and_paused_work_neither(qtbot, sqlite_url, admin):
    found: list[str] = []
    with no_sql_on_gui_thread() as sql:
        operations.query(None, lambda: User.get(User.login == "admin").name, done=found.append)
        qtbot.waitUntil(operations.idle)
        with sql.paused():
            assert User.select().count() == 1
    assert found == [admin.name]


def test_the_recorder_names_the_lines_of_ui_and_app_that_ran_it(qtbot, sqlite_url, admin):
    with record_gui_thread_sql() as sql:
        auth.active_users()
    assert len(sql.statements) == 1
    assert sql.statements[0].where.startswith("app/auth.py:")
    assert 'FROM "user"' in sql.statements[0].sql


def test_raw_sql_is_caught_too_on_either_database(db_url, admin):
    """Not only peewee's queries: a cursor of the connection, or the connection itself, run SQL
    the check sees (on PostgreSQL and on SQLite)."""
    with record_gui_thread_sql() as sql:
        database.cursor().execute("SELECT count(*) FROM audit_log")
        database.execute_sql("SELECT 2")
        database.connection().execute("SELECT 3").fetchone()
    assert [s.sql for s in sql.statements] == [
        "SELECT count(*) FROM audit_log",
        "SELECT 2",
        "SELECT 3",
    ]


def test_a_connection_opened_by_the_thread_inside_the_block_is_watched(sqlite_url, admin):
    database.close()
    with pytest.raises(pytest.fail.Exception) as failure:
        with no_sql_on_gui_thread():
            database.connect()
            database.connection().execute("SELECT 5").fetchone()
    assert "SELECT 5" in str(failure.value)
    database.close()
    assert database.cursor().execute("SELECT 6").fetchone()[0] == 6  # no recorder left behind
