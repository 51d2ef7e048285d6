"""What an operation changed, and what other desks changed, as change sets the screens refresh by."""

from __future__ import annotations

import threading

import peewee
import pytest

from app import changes, operations
from app.changes import ChangeFeed, Changes, ChangeWaiter
from app.complaints import service
from models import database
from models.db import is_sqlite, make_database


def register(agent, name: str = "刘女士"):
    return service.register_complaint(
        agent,
        complainant=name,
        contact="13912345678",
        channel="phone",
        category="quality",
        content="屏幕闪烁",
    )


def test_changes_name_tables_and_records():
    one = Changes.of("complaint", 12)
    assert one.touches("complaint") and one.touches("complaint:12")
    assert not one.touches("complaint:13") and not one.touches("customer")
    whole = Changes.of("complaint")
    assert whole.touches("complaint:13")  # which complaints changed is not known
    both = one | Changes.of("customer", 3)
    assert both.tables == {"complaint", "customer"} and both.record_ids("customer") == {3}
    assert Changes.everything().touches("phrase") and not Changes().touches("*")


def test_a_use_case_names_what_it_changed(db_url, agent):
    outcome = operations.perform(register, agent)
    complaint = outcome.value
    assert outcome.changes.touches(f"complaint:{complaint.id}")
    assert not outcome.changes.touches("customer", "phrase")
    assert outcome.audit_ids


def test_the_feed_brings_other_desks_changes_and_leaves_out_its_own(db_url, agent, manager):
    feed = ChangeFeed()
    assert not feed.read()
    mine = operations.perform(register, agent).value  # this desk, through an operation
    theirs = register(manager, "王先生")  # another desk: no operation of this one
    found = feed.read()
    assert found.touches(f"complaint:{theirs.id}")
    assert not found.touches(f"complaint:{mine.id}")
    assert not feed.read()  # each change is brought once


def test_a_failed_use_case_reports_no_change(db_url, agent):
    with pytest.raises(Exception):  # noqa: B017 - whatever the rule says, nothing is written
        operations.perform(service.register_complaint, agent, complainant="")
    assert not ChangeFeed(0).read().touches("complaint")


def test_the_waiter_notices_another_connections_commit(db_url, agent):
    """On PostgreSQL a notification wakes the waiter; on SQLite the file's data version moves.

    Before the commit the SQLite waiter has nothing to notice. A PostgreSQL notification goes to
    every listener of the database, and the other test processes commit in schemas of their own
    in the same database at any moment: what arrived before the commit is taken, not asserted."""
    woke: list[bool] = []
    ready = threading.Event()
    proceed = threading.Event()

    def watch() -> None:
        waiter = ChangeWaiter()
        try:
            quiet = waiter.wait(0)
            if waiter.sqlite:
                woke.append(quiet)
            ready.set()
            proceed.wait(10)
            if waiter.sqlite:
                woke.append(waiter.wait(0))
            else:
                woke.append(waiter.wait(5))
        finally:
            waiter.close()

    thread = threading.Thread(target=watch)
    thread.start()
    assert ready.wait(10)
    other = make_database(db_url)  # another desk's connection
    other.connect()
    with other.atomic():
        other.execute_sql(
            'INSERT INTO audit_log (at, action, "table", summary, changes) '
            "VALUES (CURRENT_TIMESTAMP, 'update', 'phrase', '', '{}')"
        )
    other.close()
    proceed.set()
    thread.join(10)
    assert woke == ([False, True] if is_sqlite() else [True])
    assert ChangeFeed(0).read().touches("phrase")


def test_changes_collected_only_inside_an_operation(db_url, agent):
    with changes.collecting() as outer:
        register(agent)
    assert outer.changes().touches("complaint")
    with changes.collecting() as other:
        pass
    assert not other.changes()


def test_use_case_runs_in_one_transaction(db_url, agent):
    @operations.use_case
    def half_done(actor) -> None:
        register(actor)
        raise peewee.IntegrityError("the second write failed")

    with pytest.raises(peewee.IntegrityError):
        half_done(agent)
    assert database.execute_sql("SELECT COUNT(*) FROM complaint").fetchone()[0] == 0


def test_a_change_committed_after_a_later_numbered_one_still_arrives(db_url, agent):
    """On PostgreSQL an audit row's id is given out when it is written, not when it commits:
    another desk's longer transaction commits a lower id after the feed has read past it."""
    postgres = db_url.startswith("postgres")
    insert = (
        'INSERT INTO audit_log (at, action, "table", record_id, summary, changes) '
        "VALUES (CURRENT_TIMESTAMP, 'update', {}, 7, '', '{{}}')"
    ).format("%s" if postgres else "?")
    feed = ChangeFeed()
    slow, quick = make_database(db_url), make_database(db_url)  # two other desks
    slow.connect()
    quick.connect()
    try:
        with slow.atomic():
            slow.execute_sql(insert, ("phrase",))  # the lower id, committed last
            if postgres:  # (SQLite has one writer at a time: its ids commit in order)
                with quick.atomic():
                    quick.execute_sql(insert, ("customer",))
                assert feed.read().keys == {"customer:7"}
        assert feed.read().keys == {"phrase:7"}
        assert not feed.read()
    finally:
        slow.close()
        quick.close()
