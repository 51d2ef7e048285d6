"""A bulk load into an empty table (the demo's) builds the table's indexes and, on PostgreSQL,
checks its foreign keys once at its end, and leaves the table as it was when it fails."""

from __future__ import annotations

import datetime as dt

import peewee
import pytest

from app.complaints import service
from app.complaints.bulk import indexes_built_after, insert_rows
from models import ProgressStep, database

COLUMNS = ("complaint", "at", "author", "kind", "note", "author_name")


def foreign_keys(table: str) -> set[tuple[str, str]]:
    rows = database.execute_sql(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = to_regclass(%s) AND contype = 'f'",
        (table,),
    ).fetchall()
    return {(name, definition) for name, definition in rows}


def indexes(table: str) -> set[tuple[str, str]]:
    rows = database.execute_sql(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "AND tablename = %s",
        (table,),
    ).fetchall()
    return {(name, definition) for name, definition in rows}


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_a_bulk_load_on_postgres_checks_the_foreign_keys_once_at_its_end(db_url, agent):
    complaint = service.register_complaint(
        agent, complainant="张三", contact="13800000000", category="other", content="花屏"
    )
    ProgressStep.delete().execute()  # the table empty, as the demo finds it
    keys, built = foreign_keys("progress_step"), indexes("progress_step")
    assert {name for name, _ in keys} == {
        "progress_step_complaint_id_fkey",
        "progress_step_author_id_fkey",
    }
    at = dt.datetime(2026, 11, 20, 9, 0)
    # a step of a complaint that is not there fails the load at its end, and leaves nothing
    with (
        pytest.raises(peewee.IntegrityError),
        database.atomic(),
        indexes_built_after(ProgressStep),
    ):
        assert foreign_keys("progress_step") == set()
        rows = [
            (complaint.id, at, agent.id, "note", "一", ""),
            (complaint.id + 99, at, None, "note", "二", ""),
        ]
        insert_rows(ProgressStep, COLUMNS, rows)
    assert foreign_keys("progress_step") == keys
    assert indexes("progress_step") == built
    assert not ProgressStep.select().exists()
    # steps that point at their complaint and author: loaded, the keys and indexes made again
    with database.atomic(), indexes_built_after(ProgressStep):
        assert foreign_keys("progress_step") == set()
        insert_rows(ProgressStep, COLUMNS, [(complaint.id, at, agent.id, "note", "一", "")] * 3)
    assert foreign_keys("progress_step") == keys
    assert indexes("progress_step") == built
    assert ProgressStep.select().where(ProgressStep.complaint == complaint).count() == 3
    # the keys hold as before: a complaint's steps go with it
    complaint.delete_instance()
    assert not ProgressStep.select().exists()


def test_rows_written_in_bulk_read_back_as_they_were_given(db_url, agent):
    """Each kind of value (PostgreSQL: COPY's binary form for rows of exact types, text for
    the imports' rows) comes back as it was written."""
    from app.complaints.bulk import bulk_insert
    from app.complaints.demo import COLUMNS
    from models import Complaint

    received = dt.datetime(2026, 11, 20, 9, 30, 15)
    resolved = received + dt.timedelta(hours=2)
    given = {
        "id": 9001,
        "number": "20261120-001",
        "sort_key": "2026112000000001",
        "received_at": received,
        "complainant": "王芳",
        "contact": "13800138000",
        "customer": None,
        "channel": "phone",
        "category": "quality",
        "severity": "serious",
        "order_no": "DD2026112012",
        "content": "花屏 %_\"'\\\t\n",
        "result": "换货",
        "satisfaction": 5,
        "status": "closed",
        "handler": agent.id,
        "promised_at": received + dt.timedelta(hours=24),
        "resolved_at": resolved,
        "closed_at": resolved + dt.timedelta(days=1),
        "principles": '["a"]',
        "voided": True,
        "version": 3,
        "created_by": agent.id,
        "created_at": received,
        "updated_at": resolved,
    }
    empty = dict(given, id=9002, number="20261120-002", sort_key="2026112000000002")
    empty.update(complainant="", contact="", order_no="", content="", result="", voided=False)
    empty.update(satisfaction=None, handler=None, resolved_at=None, closed_at=None)
    rows = [tuple(row[n] for n in COLUMNS) for row in (given, empty)]
    with database.atomic():
        insert_rows(Complaint, COLUMNS, rows[:1])
        bulk_insert(Complaint, [empty])
    fields = [Complaint._meta.fields[n] for n in COLUMNS]
    read = list(Complaint.select(*fields).order_by(Complaint.number).tuples())
    assert read == rows
