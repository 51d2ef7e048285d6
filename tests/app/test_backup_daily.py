"""The daily automatic backup: made once a day by one desk, even by two desks starting at the
same moment, and the folder keeps exactly what the retention settings say."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from app import settings
from app.backup import folder as folders
from app.backup import service
from models import BackupRecord, Customer
from tests.conftest import TEST_NOW

REPO = Path(__file__).resolve().parents[2]

# a desk starting: opens the database on the test's clock, waits for "go", makes the day's
# backup if it is the first; prints what it did
DESK = """
import sys, time_machine, datetime as dt
time_machine.naive_mode = time_machine.NaiveMode.LOCAL
time_machine.travel(dt.datetime.fromisoformat(sys.argv[2]), tick=True).start()
from app.startup import open_desk
from app.backup import service
open_desk(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
made = service.daily_backup(None)
print("made" if made is not None else "skipped", flush=True)
"""


def start_desk(url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", DESK, url, TEST_NOW.isoformat()],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_desks_starting_at_the_same_moment_make_one_backup(db_url, admin, tmp_path):
    folder = tmp_path / "backups"
    settings.put(admin, "backup_folder", str(folder))
    Customer.create(name="实验小学")
    desks = [start_desk(db_url), start_desk(db_url)]
    for desk in desks:
        assert desk.stdout is not None
        assert desk.stdout.readline().strip() == "ready", desk.stderr.read() if desk.stderr else ""
    for desk in desks:  # both go at once
        assert desk.stdin is not None
        desk.stdin.write("go\n")
        desk.stdin.flush()
    outcomes = sorted(desk.communicate(timeout=180)[0].strip() for desk in desks)

    assert outcomes == ["made", "skipped"]
    files = folders.backups_in(folder)
    assert [f.reason for f in files] == ["daily"]
    done = BackupRecord.select().where(BackupRecord.status == "done")
    assert [(r.reason, r.daily_key, r.verified) for r in done] == [
        ("daily", TEST_NOW.date().isoformat(), True)
    ]
    assert service.daily_backup(admin) is None, "the day has its backup"


def test_no_automatic_backup_of_postgresql_without_a_folder(db_url, admin):
    from models.db import is_sqlite

    result = service.daily_backup(admin)
    if is_sqlite():
        assert result is not None and result.path.parent.name == "backups"
    else:
        assert result is None
        assert BackupRecord.select().count() == 0


def test_retention_keeps_what_the_settings_say_over_forty_days(sqlite_url, admin, time_machine):
    first = TEST_NOW.replace(hour=9, minute=0)  # 2026-11-26
    days = [first + dt.timedelta(days=i) for i in range(40)]  # to 2027-01-04
    for moment in days:
        time_machine.move_to(moment, tick=False)
        assert service.daily_backup(admin) is not None
        assert service.daily_backup(admin) is None, "one automatic backup a day"
    folder = folders.backup_folder()
    assert folder is not None

    def kept_days() -> list[dt.date]:
        return sorted(f.made_at.date() for f in folders.backups_in(folder))

    # defaults: 14 days, 12 months: the last 14 days, and November's newest (the 30th)
    assert settings.get("backup_keep_days") == 14 and settings.get("backup_keep_months") == 12
    expected = [dt.date(2026, 11, 30)] + [
        dt.date(2027, 1, 4) - dt.timedelta(days=i) for i in range(13, -1, -1)
    ]
    assert kept_days() == expected
    removed = BackupRecord.select().where(BackupRecord.removed_at.is_null(False)).count()
    assert removed == 40 - len(expected)

    # 3 days and 2 months: the last 3 days, December's newest; November's falls away
    settings.put(admin, "backup_keep_days", 3)
    settings.put(admin, "backup_keep_months", 2)
    time_machine.move_to(first + dt.timedelta(days=40), tick=False)  # 2027-01-05
    assert service.daily_backup(admin) is not None
    assert kept_days() == [
        dt.date(2026, 12, 31),
        dt.date(2027, 1, 3),
        dt.date(2027, 1, 4),
        dt.date(2027, 1, 5),
    ]
    listed = service.database_status(admin).backups
    assert sorted(b.made_at.date() for b in listed) == kept_days(), "removed ones are not listed"


def test_files_that_are_not_this_databases_backups_are_never_deleted(
    sqlite_url, admin, time_machine
):
    folder = folders.backup_folder()
    assert folder is not None
    folder.mkdir(parents=True)
    mine_by_hand = folder / "notes.txt"
    mine_by_hand.write_text("keep me")
    other_database = folder / "other-20200101-090000-daily.zip"
    other_database.write_bytes(b"zip")
    settings.put(admin, "backup_keep_days", 1)
    settings.put(admin, "backup_keep_months", 0)
    for i in range(3):
        time_machine.move_to(TEST_NOW + dt.timedelta(days=i), tick=False)
        service.daily_backup(admin)
    assert mine_by_hand.exists() and other_database.exists()
    assert len(folders.backups_in(folder)) == 1
