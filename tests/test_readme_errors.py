"""Every command of the README's command-line reference, run without credentials, with a wrong
password and with bad values, ends in one line and an exit status, never a traceback; the
commands that write refuse without a user who authenticated."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from app import cli
from models import AuditLog, Complaint, Customer, User
from tests.conftest import PASSWORD

README = Path(__file__).resolve().parent.parent / "README.md"
WRITING = {"init", "demo", "user", "import", "backup", "restore", "check"}
NOT_HERE = {"", "screenshots", "--check-startup"}  # the window's (tests/ui, test_foundation_cli)


def reference_lines() -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    block = text.split("## Command line", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    return [shlex.split(line, comments=True)[1:] for line in block.splitlines() if line.strip()]


def argv_for(words: list[str], values: dict[str, str]) -> list[str]:
    """The command with every option of the line given, placeholders replaced by ``values``."""
    argv: list[str] = []
    for word in words:
        if word == "...":
            continue
        word = word.strip("[]").split("|")[0]
        argv.append(values.get(word, word))
    return argv


def good_values(folder: Path) -> dict[str, str]:
    csv = folder / "in.csv"
    csv.write_text("投诉时间,投诉人,联系方式,投诉内容\n2026-11-20 09:00,王,13800000001,花屏\n")
    return {
        "FILE": str(csv),
        "FILE.csv": str(folder / "out.csv"),
        "FILE.pdf": str(folder / "out.pdf"),
        "YYYY-MM": "2026-11",
        "YYYY-MM-DD": "2026-11-02",
        "N": "2",
        "LOGIN": "agent1",
        "NAME": "新人",
        "NO": "K099",
        "F": str(folder / "pw"),
        "DIR": str(folder / "shots"),
        "URL": str(folder / "other.sqlite3"),
    }


def bad_values(folder: Path) -> dict[str, str]:
    return {
        **good_values(folder),
        "FILE": str(folder / "missing.csv"),
        "FILE.csv": str(folder / "no-folder" / "out.csv"),
        "FILE.pdf": str(folder / "no-folder" / "out.pdf"),
        "YYYY-MM": "2026-13",
        "YYYY-MM-DD": "2026-02-30",
        "N": "-1",
        "LOGIN": "nobody",
        "NAME": " ",
        "F": str(folder / "missing-pw"),
        "URL": str(folder / "no-folder" / "other.sqlite3"),  # (another kind of URL: usage, 2)
    }


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = cli.main(argv)
    except SystemExit as exc:  # argparse's usage message
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def commands(db_url: str, values: dict[str, str]) -> list[tuple[str, list[str]]]:
    found = []
    for words in reference_lines():
        name = words[0] if words else ""
        if name in NOT_HERE:
            continue
        found.append((name, ["--lang", "en", "--db", db_url, *argv_for(words, values)]))
    assert len(found) >= 18
    return found


def test_without_credentials_every_command_is_one_line_and_writing_ones_refuse(
    sqlite_url, admin, agent, tmp_path, capsys, monkeypatch
):
    monkeypatch.delenv("KEFU_USER", raising=False)
    monkeypatch.delenv("KEFU_PASSWORD", raising=False)
    (tmp_path / "pw").write_text("new-user-pw\n", encoding="utf-8")
    before = [m.select().count() for m in (AuditLog, Complaint, Customer, User)]
    for name, argv in commands(sqlite_url, good_values(tmp_path)):
        code, output = run(argv, capsys)
        assert "Traceback" not in output, (argv, output)
        if name in WRITING:
            assert code == 1, (argv, output)
            assert "KEFU_PASSWORD" in output, (argv, output)
    assert [m.select().count() for m in (AuditLog, Complaint, Customer, User)] == before


@pytest.mark.parametrize("password", ["wrong-password", PASSWORD], ids=["wrong", "right"])
def test_bad_values_and_a_wrong_password_are_one_line(
    sqlite_url, admin, agent, tmp_path, capsys, monkeypatch, password
):
    monkeypatch.setenv("KEFU_USER", "admin")
    monkeypatch.setenv("KEFU_PASSWORD", password)
    for name, argv in commands(sqlite_url, bad_values(tmp_path)):
        code, output = run(argv, capsys)
        assert "Traceback" not in output, (argv, output)
        lines = [line for line in output.splitlines() if line.strip()]
        errors = [line for line in lines if line.startswith("error")]
        assert len(errors) <= 1, (argv, output)  # an import lists bad rows, one line each
        if name in WRITING and password != PASSWORD:
            refused = "Wrong login or password" in output or "No password" in output
            assert code == 1 and refused, (argv, output)
