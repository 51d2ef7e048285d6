"""Logging in: failed attempts are audited and slowed down after five within ten minutes; a
database that takes no writes (read-only, or locked by another process beyond the wait) is
still opened for reading, the login not recorded."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app import auth
from app.errors import AuthenticationFailed
from models import AuditLog, Customer, User, database
from models.db import close_database, is_sqlite, open_database
from tests.conftest import PASSWORD


def failures(login: str) -> list[AuditLog]:
    return list(
        AuditLog.select().where(AuditLog.action == auth.LOGIN_FAILED, AuditLog.summary == login)
    )


def test_failed_logins_are_audited_and_slowed_after_five(db_url, agent, time_machine):
    pauses: list[float] = []
    for _ in range(auth.FAILURES_BEFORE_PAUSE):
        with pytest.raises(AuthenticationFailed):
            auth.login("agent1", "wrong", pause=pauses.append)
    assert pauses == [], "the first five attempts do not wait"
    audited = failures("agent1")
    assert len(audited) == 5 and {e.record_id for e in audited} == {agent.id}
    assert all(e.user_id is None for e in audited)

    with pytest.raises(AuthenticationFailed):
        auth.login("agent1", "wrong", pause=pauses.append)
    assert pauses == [auth.FAILURE_PAUSE]
    assert auth.login("agent1", PASSWORD, pause=pauses.append).id == agent.id
    assert pauses == [auth.FAILURE_PAUSE] * 2, "the right password waits too"
    assert 2 <= auth.FAILURE_PAUSE <= 10

    time_machine.shift(dt.timedelta(minutes=11))
    assert auth.login("agent1", PASSWORD, pause=pauses.append).id == agent.id
    assert len(pauses) == 2, "ten minutes later the failures no longer count"


def test_failures_of_an_unknown_login_count_too_and_other_logins_do_not_wait(db_url, agent):
    pauses: list[float] = []
    for _ in range(6):
        with pytest.raises(AuthenticationFailed):
            auth.authenticate("nobody", "x", pause=pauses.append)
    assert len(pauses) == 1
    assert len(failures("nobody")) == 6 and failures("nobody")[0].record_id is None
    assert auth.authenticate("agent1", PASSWORD, pause=pauses.append).id == agent.id
    assert len(pauses) == 1


def can_freeze_files() -> bool:
    return os.geteuid() != 0 or shutil.which("chattr") is not None


@contextmanager
def database_taking_no_writes(db_url: str) -> Iterator[None]:
    """SQLite: the file made read-only (as root, immutable: root writes a chmod-444 file);
    PostgreSQL: the session's transactions read-only."""
    if not is_sqlite():
        database.execute_sql("SET default_transaction_read_only = on")
        try:
            yield
        finally:
            database.execute_sql("SET default_transaction_read_only = off")
        return
    path = Path(db_url)
    close_database()
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
    else:
        path.chmod(0o444)
    try:
        open_database(db_url)
        yield
    finally:
        close_database()
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        else:
            path.chmod(0o644)
        open_database(db_url)


@pytest.mark.skipif(not can_freeze_files(), reason="needs chattr to make a file read-only as root")
def test_a_read_only_database_is_opened_for_reading(db_url, agent):
    Customer.create(name="实验小学")
    logins_before = AuditLog.select().where(AuditLog.action == "login").count()
    with database_taking_no_writes(db_url):
        done = auth.log_in("agent1", PASSWORD)
        assert done.user.id == agent.id
        assert (done.recorded, done.read_only) == (False, True)
        assert [c.name for c in Customer.select()] == ["实验小学"]
        with pytest.raises(AuthenticationFailed):  # a failure it cannot audit is still refused
            auth.log_in("agent1", "wrong")
    assert AuditLog.select().where(AuditLog.action == "login").count() == logins_before
    assert User.get_by_id(agent.id).last_login_at is None


def test_a_database_locked_beyond_the_wait_is_opened_for_reading(sqlite_url, agent):
    Customer.create(name="实验小学")
    database.execute_sql("PRAGMA busy_timeout = 50")  # the wait, shortened for the test
    other = sqlite3.connect(sqlite_url, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another desk in the middle of a long write
        other.execute("UPDATE user SET name = name")
        done = auth.log_in("agent1", PASSWORD)
        assert (done.user.id, done.recorded, done.read_only) == (agent.id, False, False)
        assert [c.name for c in Customer.select()] == ["实验小学"]
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert auth.log_in("agent1", PASSWORD).recorded
