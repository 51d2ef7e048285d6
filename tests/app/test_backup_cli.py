"""``main.py backup``, ``restore`` and ``check`` run as an administrator runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import setup
from app.backup import folder as folders
from models import Customer
from models.db import close_database, open_database
from tests.conftest import PASSWORD

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEFU_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "main.py", "--lang", "en", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )


ADMIN = {"KEFU_USER": "admin", "KEFU_PASSWORD": PASSWORD}


@pytest.fixture
def database_file(tmp_path: Path) -> Path:
    path = tmp_path / "kefu.sqlite3"
    open_database(str(path))
    setup.initialise(company="华信", admin_password=PASSWORD)
    Customer.create(name="实验小学")
    close_database()
    return path


def test_backup_check_and_restore_on_the_command_line(database_file, tmp_path):
    made = run_cli("backup", "--db", str(database_file), **ADMIN)
    assert made.returncode == 0, made.stderr
    [archive] = list((tmp_path / "backups").glob("kefu-*-manual.zip"))
    assert made.stdout.startswith(f"backed up to {archive}: ") and "verified" in made.stdout

    chosen = tmp_path / "elsewhere.zip"
    assert run_cli("backup", "-o", str(chosen), "--db", str(database_file), **ADMIN).returncode == 0
    assert chosen.is_file()

    checked = run_cli("check", "--db", str(database_file), **ADMIN)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    lines = checked.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["ok"] * 5

    open_database(str(database_file))
    Customer.delete().execute()
    close_database()
    restored = run_cli("restore", str(archive), "--db", str(database_file), **ADMIN)
    assert restored.returncode == 0, restored.stderr
    assert "the database as it was is kept in" in restored.stdout
    open_database(str(database_file))
    try:
        assert [c.name for c in Customer.select()] == ["实验小学"]
    finally:
        close_database()
    assert [f.reason for f in folders.backups_in(tmp_path / "backups", "kefu")].count(
        "restore"
    ) == 1


def test_the_commands_are_for_an_administrator_who_gave_a_password(database_file, tmp_path):
    for command in (["backup"], ["check"], ["restore", str(tmp_path / "x.zip")]):
        nobody = run_cli(*command, "--db", str(database_file))
        assert nobody.returncode == 1 and "Traceback" not in nobody.stderr
        assert "KEFU_USER" in nobody.stderr
        wrong = run_cli(*command, "--db", str(database_file), KEFU_USER="admin", KEFU_PASSWORD="no")
        assert wrong.returncode == 1 and "Wrong login or password" in wrong.stderr
    assert not (tmp_path / "backups").exists() or not list((tmp_path / "backups").iterdir())


def test_check_fails_with_the_broken_promise_named(database_file):
    open_database(str(database_file))
    from app.complaints.numbering import next_number
    from models import Complaint, ComplaintNumberSequence, database
    from tests.conftest import TEST_NOW

    with database.atomic():
        Complaint.create(
            number=next_number(TEST_NOW),
            received_at=TEST_NOW,
            complainant="王先生",
            contact="13800138000",
            channel="phone",
            category="quality",
            content="屏幕不亮",
        )
    ComplaintNumberSequence.update(last=0).execute()
    close_database()
    checked = run_cli("check", "--db", str(database_file), **ADMIN)
    assert checked.returncode == 1
    failed = [line for line in checked.stdout.splitlines() if line.startswith("FAILED")]
    assert len(failed) == 1 and "daily number sequences" in failed[0]
