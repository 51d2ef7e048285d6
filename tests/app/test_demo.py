"""``demo``: an administrator's command, refused on a database holding a team's records, one
transaction per area with an audit row naming the administrator, and working whatever the day
and however many months."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import pytest

from app import cli, demo
from app.callbacks import demo as callbacks_demo
from models import (
    AuditLog,
    CallbackTask,
    Complaint,
    Customer,
    RosterEntry,
    SwapRequest,
    User,
)
from models.db import close_database, open_database
from tests.conftest import PASSWORD, PG_URL, _admin_connection, _migrate, make_user, need_postgres

SMALL = {"customers": 6, "complaints": 10, "agents": 3}


@pytest.fixture(autouse=True)
def as_admin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEFU_USER", "admin")
    monkeypatch.setenv("KEFU_PASSWORD", PASSWORD)


def small_demo_args(db_url: str) -> list[str]:
    return ["demo", "--db", db_url, "--months", "2"] + [
        f"--{key}={value}" for key, value in SMALL.items()
    ]


def test_demo_refuses_a_database_with_a_teams_records_unless_forced(
    db_url, admin, tmp_path, capsys
):
    Customer.create(name="实验小学")
    assert cli.main(["--lang", "en", *small_demo_args(db_url)]) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "--force" in lines[0] and "Traceback" not in err
    assert [u.login for u in User.select()] == ["admin"]
    assert Customer.select().count() == 1

    assert cli.main([*small_demo_args(db_url), "--force"]) == 0
    assert Complaint.select().count() == SMALL["complaints"]
    areas = {
        entry.table: entry.user.login
        for entry in AuditLog.select().where(AuditLog.action == "demo")
    }
    assert {"user", "customer", "complaint", "roster_entry", "callback_task"} <= set(areas)
    assert set(areas) <= {"user", *demo.AREA_TABLES.values()}
    assert set(areas.values()) == {"admin"}


def test_an_agent_may_not_fill_the_demo(db_url, admin, agent, monkeypatch, capsys):
    monkeypatch.setenv("KEFU_USER", "agent1")
    assert cli.main(["--lang", "en", *small_demo_args(db_url)]) == 1
    assert "Administrator" in capsys.readouterr().err
    assert not Customer.select().exists()


def test_a_failing_area_leaves_nothing_of_itself_and_the_areas_before_it_whole(
    db_url, admin, monkeypatch
):
    real = callbacks_demo.fill

    def killed_half_way(ctx: demo.DemoContext) -> str:
        real(ctx)
        assert CallbackTask.select().exists()
        raise KeyboardInterrupt  # as a kill in the middle of the area

    monkeypatch.setattr(callbacks_demo, "fill", killed_half_way)
    with pytest.raises(KeyboardInterrupt):
        demo.fill(admin, months=2, report=lambda line: None, **SMALL)
    assert Complaint.select().count() == SMALL["complaints"]
    assert RosterEntry.select().exists()
    assert not CallbackTask.select().exists()
    assert not AuditLog.select().where(AuditLog.table == "callback_task").exists()


def test_the_demo_fills_the_text_indexes_as_their_triggers_would(sqlite_url, admin):
    """Customers and complaints are indexed after their bulk insert, not row by row: the
    indexes are the ones a rebuild from the rows gives, and the insert triggers are back."""
    from models import database, search_index, text_index

    def terms(table: str) -> list[tuple]:
        sql = f"SELECT term, doc FROM {table} ORDER BY term, doc"
        return list(database.execute_sql(sql).fetchall())

    demo.fill(admin, months=2, report=lambda line: None, **SMALL)
    customers = terms(text_index.CUSTOMERS.terms)
    complaints = terms(search_index.TERMS)
    assert len({doc for _t, doc in customers}) == SMALL["customers"]
    assert len({doc for _t, doc in complaints}) == SMALL["complaints"]
    text_index.build(text_index.CUSTOMERS)
    search_index.build()
    assert terms(text_index.CUSTOMERS.terms) == customers
    assert terms(search_index.TERMS) == complaints
    triggers = {
        name
        for (name,) in database.execute_sql("SELECT name FROM sqlite_master WHERE type='trigger'")
    }
    assert {"customer_search_ai", "complaint_search_ai"} <= triggers


MOMENTS = pytest.mark.parametrize(
    "moment",
    [dt.datetime(2027, 3, 1, 8, 5), dt.datetime(2027, 1, 31, 21, 40)],
    ids=["1st", "31st"],
)


def fill_at(moment: dt.datetime, months: int, admin: User, time_machine) -> None:
    time_machine.move_to(moment, tick=False)
    demo.fill(admin, seed=months, months=months, report=lambda line: None, **SMALL)
    assert Complaint.select().count() == SMALL["complaints"]
    assert SwapRequest.select().exists()


@pytest.mark.slow
@MOMENTS
@pytest.mark.parametrize("months", range(1, 25))
def test_demo_works_for_every_month_count_on_the_first_and_the_last_day(
    sqlite_url, admin, time_machine, moment, months
):
    fill_at(moment, months, admin, time_machine)


@pytest.mark.slow
@MOMENTS
@pytest.mark.parametrize("months", [1, 2, 13, 24])
@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_demo_works_on_postgresql_on_the_first_and_the_last_day(
    db_url, admin, time_machine, moment, months
):
    fill_at(moment, months, admin, time_machine)


@pytest.mark.slow
def test_on_postgresql_the_demo_leaves_its_tables_ready_for_index_only_scans(admin_in_own_db):
    """A bulk load leaves its pages unmarked in the visibility map until a vacuum, and an
    index-only scan (the registry's counts) then reads the table too: the demo vacuums what it
    loaded, so every page of the loaded tables is all-visible when it is done."""
    from models import database

    demo.fill(admin_in_own_db, months=2, report=lambda line: None, **SMALL)
    for table in ("complaint", "progress_step", "customer", "callback_task"):
        pages, visible = database.execute_sql(
            "SELECT relpages, relallvisible FROM pg_class WHERE oid = to_regclass(%s)", (table,)
        ).fetchone()
        assert pages > 0
        assert visible == pages, table


@pytest.fixture
def admin_in_own_db() -> Iterator[User]:
    """The administrator of a migrated PostgreSQL database of the test's own: a vacuum marks a
    page all-visible only once no transaction of the same database may still not see its rows,
    so tests running meanwhile in the shared test database must not hold it back."""
    need_postgres()
    name = f"test_vm_{uuid.uuid4().hex[:12]}"
    admin = _admin_connection()
    admin.execute_sql(f"CREATE DATABASE {name}")
    try:
        url = f"{PG_URL.rsplit('/', 1)[0]}/{name}"
        _migrate(url)
        open_database(url)
        yield make_user("admin", "admin", "A001", "管理员")
        close_database()
    finally:
        admin.execute_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()
