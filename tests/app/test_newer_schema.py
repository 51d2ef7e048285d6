"""A database from a newer Kefu Desk is refused, by every command and by the window, in one line
naming both schema versions, before anything is written to it."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import cli
from app.startup import SchemaTooNew, open_desk
from models import AuditLog, Complaint, Customer, SchemaVersion, User
from models.migrations import LATEST
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
NEWER = 99


def counts() -> tuple[int, ...]:
    return tuple(m.select().count() for m in (AuditLog, Complaint, Customer, User, SchemaVersion))


@pytest.fixture
def newer(db_url, admin, monkeypatch):
    SchemaVersion.update(version=NEWER).execute()
    monkeypatch.setenv("KEFU_USER", "admin")
    monkeypatch.setenv("KEFU_PASSWORD", PASSWORD)
    return db_url


def test_opening_a_newer_database_is_refused_naming_both_versions(newer):
    with pytest.raises(SchemaTooNew) as refused:
        open_desk(newer)
    message = str(refused.value)
    assert str(NEWER) in message and str(LATEST) in message and "upgrade this desk" in message
    assert "\n" not in message


def test_every_command_refuses_a_newer_database_and_writes_nothing(newer, tmp_path, capsys):
    (tmp_path / "pw").write_text("a-password\n", encoding="utf-8")
    csv = tmp_path / "c.csv"
    csv.write_text("投诉时间,投诉人,联系方式,投诉内容\n2026-11-20 09:00,王,13800000001,花屏\n")
    add = ["user", "add", "x", "--role", "agent", "--name", "X", "--employee-no", "X1"]
    commands = [
        ["init"],
        ["demo", "--customers", "3", "--complaints", "3", "--agents", "2"],
        [*add, "--password-file", str(tmp_path / "pw")],
        ["import", "complaints", str(csv)],
        ["import", "customers", str(csv)],
        ["export", "complaints", "-o", str(tmp_path / "out.csv")],
        ["report", "--month", "2026-11"],
        ["backup", "-o", str(tmp_path / "b.zip")],
        ["check"],
    ]
    before = counts()
    sqlite_file = None if newer.startswith("postgresql") else Path(newer)
    digest = hashlib.sha256(sqlite_file.read_bytes()).hexdigest() if sqlite_file else None
    for command in commands:
        assert cli.main(["--lang", "en", command[0], "--db", newer, *command[1:]]) == 1, command
        err = capsys.readouterr().err
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1, (command, err)
        assert f"version {NEWER}" in lines[0] and f"version {LATEST}" in lines[0], lines[0]
        assert "upgrade this desk" in lines[0]
    assert counts() == before
    if sqlite_file is not None:
        assert hashlib.sha256(sqlite_file.read_bytes()).hexdigest() == digest
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "b.zip").exists()


def test_the_window_refuses_a_newer_database_in_one_line(sqlite_url, admin, tmp_path):
    SchemaVersion.update(version=NEWER).execute()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEFU_")}
    env.update(KEFU_USER="admin", KEFU_PASSWORD=PASSWORD, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "main.py", "--lang", "en", "--check-startup", "--db", sqlite_url],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert f"version {NEWER}" in lines[0] and "upgrade this desk" in lines[0]
