"""Backups a manager can trust: every table in every backup, a restore that brings back exactly
what was backed up (on SQLite and PostgreSQL, and from one into the other), and refusals that
leave the database as it was."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app import auth, demo, settings, setup
from app.backup import service
from app.backup.archive import (
    Archive,
    BackupError,
    dependency_order,
    write_dump_archive,
)
from app.callbacks.documents import export_tasks
from app.callbacks.service import TaskFilter
from app.complaints.transfer import export_complaints
from app.customers.transfer import export_customers
from app.roster.documents import export_swaps
from models import (
    ALL_TABLES,
    AuditLog,
    BackupRecord,
    CallbackAttempt,
    CallbackTask,
    Complaint,
    ComplaintNumberSequence,
    Customer,
    CustomerPhone,
    ProgressStep,
    SchemaVersion,
    User,
    database,
)
from models.db import close_database, is_sqlite, open_database
from models.migrations import LATEST
from tests.conftest import PASSWORD, PG_URL, TEST_NOW, drop_pg_schema, make_pg_schema, need_postgres

REPO = Path(__file__).resolve().parents[2]
# a desk that has the database open: marks itself the way the window and the commands do
HOLD_OPEN = (
    "import sys; from models import presence; presence.hold(sys.argv[1]); "
    "print('ready', flush=True); sys.stdin.readline()"
)
DEMO = {"seed": 1, "customers": 30, "complaints": 40, "months": 2, "agents": 3}
TABLE_NAMES = [model._meta.table_name for model in ALL_TABLES]


def fill_demo() -> None:
    demo.fill(auth.get_user("admin"), **DEMO, report=lambda line: None)


def exports(folder: Path) -> dict[str, bytes]:
    """The four registers as the team exports them: complaints, customers, swaps, callbacks."""
    folder.mkdir(parents=True, exist_ok=True)
    export_complaints(folder / "complaints.csv")
    export_customers(folder / "customers.csv")
    export_swaps(folder / "swaps.csv")
    export_tasks(folder / "callbacks.csv", TaskFilter())
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def use_folder(admin: User, folder: Path) -> Path:
    settings.put(admin, "backup_folder", str(folder))
    return folder


def damage_the_data() -> None:
    """A wrong bulk operation: callbacks gone, complaints of several days gone, phones gone."""
    with database.atomic():
        CallbackAttempt.delete().execute()
        CallbackTask.delete().execute()
        doomed = [c.id for c in Complaint.select(Complaint.id).order_by(Complaint.id).limit(15)]
        ProgressStep.delete().where(ProgressStep.complaint << doomed).execute()
        Complaint.delete().where(Complaint.id << doomed).execute()
        phones = [p.id for p in CustomerPhone.select(CustomerPhone.id)]
        CustomerPhone.delete().where(CustomerPhone.id << phones[::2]).execute()
        customers = [c.id for c in Customer.select(Customer.id)]
        Customer.update(name="（已清空）").where(Customer.id << customers[::3]).execute()


# --- what a backup holds -------------------------------------------------------------------


def test_every_table_is_in_every_backup_in_dependency_order(db_url, admin, tmp_path):
    use_folder(admin, tmp_path / "backups")
    made = service.backup_now(admin)
    expected_kind = "sqlite" if is_sqlite() else "dump"
    manifests = [made.manifest]
    dump = write_dump_archive(tmp_path / "dump.zip")  # the portable form, on either backend
    manifests.append(dump)
    assert made.manifest.kind == expected_kind
    for manifest in manifests:
        names = [table.name for table in manifest.tables]
        assert sorted(names) == sorted(TABLE_NAMES), "a table of models.ALL_TABLES is missing"
        assert manifest.schema_version == LATEST
        position = {name: i for i, name in enumerate(names)}
        for model in ALL_TABLES:
            for fk in model._meta.refs:
                if fk.rel_model is not model:
                    assert (
                        position[fk.rel_model._meta.table_name] < position[model._meta.table_name]
                    ), f"{model._meta.table_name} comes before {fk.rel_model._meta.table_name}"
    with zipfile.ZipFile(tmp_path / "dump.zip") as archive:
        members = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    assert {f"tables/{name}.jsonl" for name in TABLE_NAMES} <= members
    assert manifest["format"] == "kefu-desk-backup" and manifest["kind"] == "dump"


def test_every_table_of_the_models_is_listed_for_backups():
    """Backups take their tables from models.ALL_TABLES: a model left out of it would silently
    be left out of every backup."""
    from models import BaseModel, VersionedModel

    def subclasses(cls: type) -> list[type]:
        found = []
        for sub in cls.__subclasses__():
            found += [sub, *subclasses(sub)]
        return found

    tables = {
        m
        for m in subclasses(BaseModel)
        if m is not VersionedModel and m.__module__.startswith("models.")
    }
    assert tables - set(ALL_TABLES) == set()


def test_dependency_order_follows_references_and_keeps_the_listed_order():
    order = dependency_order()
    assert sorted(m._meta.table_name for m in order) == sorted(TABLE_NAMES)
    assert order.index(User) < order.index(Customer) < order.index(Complaint)


def test_a_backup_is_verified_and_recorded_with_who_when_size_and_rows(db_url, admin, tmp_path):
    folder = use_folder(admin, tmp_path / "backups")
    Customer.create(name="实验小学")
    made = service.backup_now(admin)
    assert made.path.parent == folder and made.path.suffix == ".zip"
    assert made.path.name.endswith("-manual.zip")
    assert not list(folder.glob("*.part")), "only a verified backup gets its final name"
    record = BackupRecord.get_by_id(made.record_id)
    assert record.made_by_id == admin.id
    assert record.verified and record.status == "done"
    assert record.size == made.path.stat().st_size > 0
    assert json.loads(record.rows)["customer"] == 1
    assert AuditLog.select().where(AuditLog.action == "backup").count() == 1
    with Archive.open(made.path) as archive:
        archive.verify()
        assert [row["name"] for row in archive.rows("customer")] == ["实验小学"]


@pytest.mark.parametrize("fresh_url", ["postgres"], indirect=True)
def test_postgresql_backups_carry_a_pg_dump_of_the_same_snapshot(fresh_url, tmp_path):
    import shutil
    import subprocess

    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("pg_dump is not on the PATH here; backups are made without it")
    open_database(fresh_url)
    setup.initialise(company="华信", admin_password=PASSWORD)
    write_dump_archive(tmp_path / "dump.zip")
    with zipfile.ZipFile(tmp_path / "dump.zip") as archive:
        archive.extract("pg_dump.custom", tmp_path)
        notes = json.loads(archive.read("manifest.json"))["notes"]
    assert any("pg_dump" in note for note in notes)
    listing = subprocess.run(
        ["pg_restore", "--list", str(tmp_path / "pg_dump.custom")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "TABLE DATA" in listing and "complaint" in listing


# --- the restore the issue asks for --------------------------------------------------------


def test_a_restore_brings_back_exactly_the_registers_that_were_backed_up(
    db_url, admin, tmp_path, time_machine
):
    time_machine.move_to(TEST_NOW, tick=False)
    folder = use_folder(admin, tmp_path / "backups")
    fill_demo()
    before = exports(tmp_path / "before")
    made = service.backup_now(admin)
    damage_the_data()
    assert exports(tmp_path / "damaged") != before

    report = service.restore_backup(admin, made.path, db_url)

    assert report.ok, [check.line() for check in report.checks]
    assert exports(tmp_path / "after") == before
    assert report.safety_backup is not None and report.safety_backup.parent == folder
    with Archive.open(report.safety_backup) as safety:  # the damaged state was kept first
        assert safety.manifest.rows["callback_task"] == 0
    entry = AuditLog.select().where(AuditLog.action == "restore").get()
    assert entry.user_id == admin.id and made.path.name in entry.summary
    # the database goes on: new records get ids nobody has (PostgreSQL sequences moved on)
    highest = Customer.select(Customer.id).order_by(Customer.id.desc()).first().id
    assert Customer.create(name="新客户").id > highest
    assert (
        auth.create_user(
            admin, "agent9", name="新人", employee_no="K009", role="agent", password=PASSWORD
        ).id
        > 0
    )
    # the record of backups survives the restore: both backups are listed
    files = {Path(r.file) for r in BackupRecord.select().where(BackupRecord.status == "done")}
    assert {made.path, report.safety_backup} <= files


def test_a_sqlite_backup_restores_into_postgresql_and_back(tmp_path, time_machine):
    need_postgres()
    time_machine.move_to(TEST_NOW, tick=False)
    first = tmp_path / "first" / "kefu.sqlite3"
    first.parent.mkdir()
    open_database(str(first))
    setup.initialise(company="华信教育", admin_password=PASSWORD)
    admin = auth.get_user("admin")
    fill_demo()
    before = exports(tmp_path / "before")
    sqlite_backup = service.backup_now(admin)
    assert sqlite_backup.manifest.kind == "sqlite"

    schema = make_pg_schema()
    pg_url = f"{PG_URL}?schema={schema}"
    try:
        report = service.restore_backup(admin, sqlite_backup.path, str(first), to_url=pg_url)
        assert report.ok, [check.line() for check in report.checks]
        assert is_sqlite(), "the desk stays on its own database after a restore elsewhere"
        close_database()
        open_database(pg_url)
        assert exports(tmp_path / "on-postgresql") == before
        pg_admin = auth.get_user("admin")
        use_folder(pg_admin, tmp_path / "pg-backups")
        dump = service.backup_now(pg_admin)
        assert dump.manifest.kind == "dump"

        second = tmp_path / "second" / "kefu.sqlite3"
        second.parent.mkdir()
        report = service.restore_backup(pg_admin, dump.path, pg_url, to_url=str(second))
        assert report.ok, [check.line() for check in report.checks]
        close_database()
        open_database(str(second))
        assert exports(tmp_path / "back-on-sqlite") == before
    finally:
        close_database()
        drop_pg_schema(schema)


# --- refusals --------------------------------------------------------------------------------


def rewrite_manifest(archive: Path, target: Path, **changes: object) -> Path:
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "manifest.json":
                manifest = json.loads(data)
                manifest.update(changes)
                data = json.dumps(manifest).encode()
            dst.writestr(item, data)
    return target


def test_a_backup_of_a_newer_schema_is_refused_before_anything_changes(db_url, admin, tmp_path):
    use_folder(admin, tmp_path / "backups")
    made = service.backup_now(admin)
    newer = rewrite_manifest(made.path, tmp_path / "newer.zip", schema_version=LATEST + 1)
    Customer.create(name="还在")

    with pytest.raises(BackupError, match="upgrade this desk"):
        service.restore_backup(admin, newer, db_url)

    assert [c.name for c in Customer.select()] == ["还在"]
    assert BackupRecord.select().count() == 1, "no backup before a restore that was refused"


def test_a_damaged_backup_is_refused_and_the_database_is_left_alone(db_url, admin, tmp_path):
    use_folder(admin, tmp_path / "backups")
    Customer.create(name="甲")
    made = service.backup_now(admin)
    data = bytearray(made.path.read_bytes())
    middle = len(data) // 3
    data[middle : middle + 64] = bytes(64)
    broken = tmp_path / "broken.zip"
    broken.write_bytes(bytes(data))
    Customer.create(name="乙")

    with pytest.raises(BackupError):
        service.restore_backup(admin, broken, db_url)

    assert sorted(c.name for c in Customer.select()) == ["乙", "甲"]


def test_a_restore_elsewhere_goes_only_into_an_empty_database(sqlite_url, admin, tmp_path):
    made = service.backup_now(admin)
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customer (name) VALUES ('别人的')")
    conn.close()

    with pytest.raises(BackupError, match="not empty"):
        service.restore_backup(admin, made.path, sqlite_url, to_url=str(other))

    with sqlite3.connect(other) as conn:
        assert conn.execute("SELECT name FROM customer").fetchall() == [("别人的",)]
    conn.close()


def test_only_an_administrator_backs_up_restores_and_checks(db_url, admin, manager, tmp_path):
    from app.errors import PermissionDenied

    use_folder(admin, tmp_path / "backups")
    made = service.backup_now(admin)
    with pytest.raises(PermissionDenied):
        service.backup_now(manager)
    with pytest.raises(PermissionDenied):
        service.restore_backup(manager, made.path, db_url)
    with pytest.raises(PermissionDenied):
        service.check_database(manager)


# --- the check -------------------------------------------------------------------------------


def test_the_check_passes_on_a_sound_database_and_names_each_broken_promise(db_url, admin):
    from app.complaints.numbering import next_number

    checks = service.check_database(admin)
    assert [c.name for c in checks] == [
        "integrity",
        "foreign_keys",
        "schema",
        "numbers",
        "sequences",
    ]
    assert all(c.ok for c in checks), [c.line() for c in checks]

    with database.atomic():
        number = next_number(TEST_NOW)
        Complaint.create(
            number=number,
            received_at=TEST_NOW,
            complainant="王先生",
            contact="13800138000",
            channel="phone",
            category="quality",
            content="屏幕不亮",
        )
    ComplaintNumberSequence.update(last=0).execute()
    SchemaVersion.update(version=LATEST + 1).execute()

    failed = {c.name: c for c in service.check_database(admin) if not c.ok}
    assert set(failed) == {"schema", "sequences"}
    assert "upgrade this desk" in failed["schema"].detail
    assert number.split("-")[0] in failed["sequences"].detail


def test_the_check_finds_records_that_point_at_nothing(sqlite_url, admin):
    database.execute_sql("PRAGMA foreign_keys = OFF")
    Customer.create(name="孤儿", merged_into=999)
    database.execute_sql("PRAGMA foreign_keys = ON")

    failed = [c for c in service.check_database(admin) if not c.ok]

    assert [c.name for c in failed] == ["foreign_keys"]
    assert "customer.merged_into_id" in failed[0].detail


def test_a_restore_waits_for_every_other_desk_to_close(sqlite_url, admin, tmp_path):
    """Replacing the file under a desk that has it open would lose that desk's next writes:
    the restore refuses and says why, and goes ahead once the other desk has closed."""
    made = service.backup_now(admin)
    Customer.create(name="之后录入")
    desk = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, sqlite_url],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert desk.stdout is not None and desk.stdout.readline().strip() == "ready"
        with pytest.raises(BackupError, match="Another desk has the database open"):
            service.restore_backup(admin, made.path, sqlite_url)
        assert [c.name for c in Customer.select()] == ["之后录入"]
    finally:
        desk.communicate("quit\n", timeout=60)

    report = service.restore_backup(admin, made.path, sqlite_url)

    assert report.ok
    assert Customer.select().count() == 0
