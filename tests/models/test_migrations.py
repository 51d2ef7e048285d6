"""The schema is built by migration 1 and upgraded in place by ``init``, on both backends."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from app import auth, settings, setup
from models import (
    ALL_TABLES,
    BackupRecord,
    Customer,
    CustomerPhone,
    Phrase,
    SchemaVersion,
    User,
    database,
)
from models.db import is_sqlite, open_database
from models.migrations import LATEST, current_version, upgrade
from tests.conftest import PASSWORD

pytestmark = pytest.mark.parametrize("fresh_url", ["sqlite", "postgres"], indirect=True)

V2_INDEXES = {
    "customer_phone": "customer_phone_customer_phone",
    "complaint": "complaint_received_number",
    "callback_task": "callback_task_status_due",
}


def index_names(table: str) -> set[str]:
    return {ix.name for ix in database.get_indexes(table)}


# the upgrade itself adds these: the record of the backup made before it, and its audit row
UPGRADE_RECORDS = {"audit_log", "backup_record"}


def row_counts() -> dict[str, int]:
    return {
        model._meta.table_name: model.select().count()
        for model in ALL_TABLES
        if model._meta.table_name not in UPGRADE_RECORDS
    }


def backups(url: str) -> list[Path]:
    """The backups made before a migration: archives in ``backups/`` beside the file."""
    path = Path(url)
    return sorted((path.parent / "backups").glob(f"{path.stem}-*-migration.zip"))


def unpacked(archive: Path, folder: Path) -> Path:
    with zipfile.ZipFile(archive) as zipped:
        return Path(zipped.extract("database.sqlite3", folder))


def fill_version_1() -> dict[str, object]:
    admin = auth.create_user(
        None, "admin", name="管理员", employee_no="A001", role="admin", password=PASSWORD
    )
    settings.store(admin, "company_name", "华信教育")
    school = Customer.create(name="实验小学", organisation="实验小学", contact_person="王老师")
    CustomerPhone.create(customer=school, phone="13800138000", digits="13800138000")
    Phrase.create(category="问候", title="开场白", body="您好，这里是客服部。")
    return {"admin_id": admin.id, "customer_id": school.id}


def test_first_schema_is_upgraded_in_place_keeping_the_data(fresh_url, tmp_path):
    open_database(fresh_url)
    assert current_version() == 0
    assert upgrade(target=1) == (0, 1, None)
    assert current_version() == 1
    for table, name in V2_INDEXES.items():
        assert name not in index_names(table), "migration 1 must not yet have the v2 indexes"
    ids = fill_version_1()
    counts_v1 = row_counts()

    version = setup.initialise(company="别的公司")

    assert version == LATEST == current_version()
    assert SchemaVersion.select().count() == 1
    for table, name in V2_INDEXES.items():
        assert name in index_names(table)
    assert row_counts() == counts_v1
    assert User.get_by_id(ids["admin_id"]).login == "admin"
    assert auth.login("admin", PASSWORD).id == ids["admin_id"]
    school = Customer.get_by_id(ids["customer_id"])
    assert [p.phone for p in school.phones] == ["13800138000"]
    assert settings.get("company_name") == "华信教育", "init must not overwrite the company"

    if is_sqlite():
        made = backups(fresh_url)
        assert len(made) == 1, made
        with sqlite3.connect(unpacked(made[0], tmp_path)) as copy:
            assert copy.execute("SELECT version FROM schema_version").fetchall() == [(1,)]
            assert copy.execute("SELECT name FROM customer").fetchall() == [("实验小学",)]
        record = BackupRecord.get()
        assert (record.reason, record.file, record.verified) == ("migration", str(made[0]), True)
    else:  # a PostgreSQL database has no backup folder until the administrator sets one
        assert BackupRecord.select().count() == 0


def test_init_again_changes_nothing(fresh_url):
    open_database(fresh_url)
    assert setup.initialise(company="华信教育", admin_password=PASSWORD) == LATEST
    assert setup.needs_setup() is False
    counts = row_counts()
    before_backups = backups(fresh_url) if is_sqlite() else []

    assert setup.initialise(company="另一家公司", admin_password="other-password") == LATEST

    assert current_version() == LATEST
    assert row_counts() == counts
    assert settings.get("company_name") == "华信教育"
    assert User.select().count() == 1
    if is_sqlite():
        assert backups(fresh_url) == before_backups == []
    assert BackupRecord.select().count() == 0


def test_fresh_init_needs_the_administrators_password(fresh_url):
    open_database(fresh_url)
    assert setup.needs_setup()
    from app.errors import ValidationError

    with pytest.raises(ValidationError) as err:
        setup.initialise(company="华信教育")
    assert "password" in err.value.fields


def test_a_database_without_the_leave_cover_column_gets_it(fresh_url):
    """Migration 5 adds roster_entry.leave_id to a database made before it (data kept)."""
    import datetime as dt

    import peewee as pw

    from models import RosterEntry, Shift, SwapRequest
    from models.migrations import _set_version

    class RosterEntryBefore(pw.Model):  # roster_entry as the tables were before migration 4
        on_date = pw.DateField()
        shift = pw.ForeignKeyField(Shift)
        agent = pw.ForeignKeyField(User)
        swap = pw.ForeignKeyField(SwapRequest, null=True)
        note = pw.CharField(max_length=200, default="")

        class Meta:
            table_name = "roster_entry"

    open_database(fresh_url)
    upgrade(target=4)
    RosterEntryBefore._meta.set_database(database)
    database.drop_tables([RosterEntry])
    database.create_tables([RosterEntryBefore])
    assert "leave_id" not in {c.name for c in database.get_columns("roster_entry")}
    _set_version(4)
    ids = fill_version_1()
    shift = Shift.create(code="old_day", name="白班", segments="08:00-12:00")
    RosterEntry.insert(
        on_date=dt.date(2026, 12, 1), shift=shift.id, agent=ids["admin_id"]
    ).execute()
    upgrade()
    assert current_version() == LATEST
    assert "leave_id" in {c.name for c in database.get_columns("roster_entry")}
    entry = RosterEntry.get()
    assert entry.on_date == dt.date(2026, 12, 1) and entry.leave_id is None


def test_without_the_applications_backup_an_upgrade_copies_the_file_consistently(fresh_url):
    """models/ alone (no app/): the copy before a migration is SQLite's online backup of the
    file beside it, never a byte copy of a file in use."""
    open_database(fresh_url)
    upgrade(target=1)
    fill_version_1()
    before, after, made = upgrade()
    assert (before, after) == (1, LATEST)
    if not is_sqlite():
        assert made is None
        return
    assert made is not None and made.name.startswith("kefu.sqlite3.v1-") and made.suffix == ".bak"
    with sqlite3.connect(made) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("SELECT version FROM schema_version").fetchall() == [(1,)]
