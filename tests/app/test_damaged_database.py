"""A damaged SQLite file is told in one line at start, naming the newest backup and the command
that restores it; the restore brings the data back and keeps the damaged file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import auth, setup
from app.backup import service
from app.startup import DatabaseDamaged, open_desk
from models import Customer, presence
from models.db import close_database, open_database
from tests.conftest import PASSWORD
from tests.sqlite_damage import fill_pages, overwrite_middle_pages

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def damaged(tmp_path: Path) -> tuple[Path, Path]:
    """A database with a verified backup, then pages in its middle overwritten."""
    path = tmp_path / "kefu.sqlite3"
    open_database(str(path))
    setup.initialise(company="华信", admin_password=PASSWORD)
    fill_pages()
    backup = service.backup_now(auth.get_user("admin")).path
    close_database()
    overwrite_middle_pages(path)
    yield path, backup
    close_database()


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
    )


def test_opening_a_damaged_file_says_so_and_names_the_newest_backup(damaged):
    path, backup = damaged
    with pytest.raises(DatabaseDamaged) as found:
        open_desk(str(path))
    message = str(found.value)
    assert "\n" not in message
    assert str(path) in message and "damaged" in message
    assert f"python main.py restore {backup}" in message


@pytest.mark.parametrize("command", [["init"], ["export", "complaints", "-o", "out.csv"]])
def test_every_command_on_a_damaged_file_prints_one_line_and_fails(damaged, tmp_path, command):
    path, backup = damaged
    if "-o" in command:
        command = [*command[:-1], str(tmp_path / command[-1])]
    done = run_cli(*command, "--db", str(path))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "is damaged" in lines[0] and str(backup) in lines[0]


def test_a_file_that_is_no_database_at_all_is_told_the_same_way(tmp_path):
    path = tmp_path / "kefu.sqlite3"
    path.write_bytes(b"this was overwritten by something else entirely" * 200)
    done = run_cli("export", "customers", "-o", str(tmp_path / "out.csv"), "--db", str(path))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "is damaged" in done.stderr and "No backup of it was found" in done.stderr


def test_the_administrator_restores_the_damaged_file_and_keeps_it(damaged):
    path, backup = damaged
    open_desk(str(path), check=False, damaged_ok=True)
    admin = service.authenticate_for_restore("admin", PASSWORD, backup)

    report = service.restore_backup(admin, backup, str(path))

    assert report.ok
    assert report.safety_backup is not None
    assert report.safety_backup.name.endswith("-restore-damaged.sqlite3")
    assert Customer.select().count() == 3000
    close_database()
    open_desk(str(path))  # sound again: the start-up check passes


def test_a_wrong_password_does_not_restore(damaged):
    from app.errors import AuthenticationFailed

    path, backup = damaged
    open_desk(str(path), check=False, damaged_ok=True)
    with pytest.raises(AuthenticationFailed):
        service.authenticate_for_restore("admin", "wrong", backup)


def test_no_desk_starts_while_a_restore_holds_the_database(sqlite_url, tmp_path):
    close_database()
    with presence.exclusive(sqlite_url):
        done = run_cli("export", "customers", "-o", str(tmp_path / "out.csv"), "--db", sqlite_url)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "restoring this database right now" in done.stderr
    assert not (tmp_path / "out.csv").exists()


def test_the_command_the_message_names_restores_the_damaged_file(damaged, tmp_path):
    path, backup = damaged
    said = run_cli("export", "customers", "-o", str(tmp_path / "out.csv"), "--db", str(path))
    command = said.stderr.split("restore it with: ", 1)[1].strip().split()
    assert command[:3] == ["python", "main.py", "restore"]

    done = run_cli(*command[2:], "--db", str(path), KEFU_USER="admin", KEFU_PASSWORD=PASSWORD)

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    checks = [line for line in done.stdout.splitlines() if line.startswith(("ok", "FAILED"))]
    assert len(checks) == 5 and all(line.startswith("ok") for line in checks)
    again = run_cli("export", "customers", "-o", str(tmp_path / "out.csv"), "--db", str(path))
    assert again.returncode == 0, again.stderr
    assert list(path.parent.glob("backups/*-restore-damaged.sqlite3")), "the damaged file is kept"
