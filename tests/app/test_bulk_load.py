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
