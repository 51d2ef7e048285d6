"""Prompts on the terminal: an end of input (Ctrl-D) at a password prompt is one line, not a
traceback, and nothing is set up."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect", reason="pexpect runs commands in a terminal (POSIX)")

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("answer_first", [False, True], ids=["at-first-prompt", "at-again"])
def test_end_of_input_at_init_password_prompt(tmp_path, answer_first):
    db = tmp_path / "desk.sqlite3"
    child = pexpect.spawn(
        sys.executable,
        [str(ROOT / "main.py"), "init", "--db", str(db)],
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=60,
    )
    child.expect("管理员密码: ")
    if answer_first:
        child.sendline("demo1234")
        child.expect("再输入一次: ")
    child.sendeof()
    child.expect(pexpect.EOF)
    output = child.before
    child.close()
    assert child.exitstatus == 1
    assert "Traceback" not in output and "EOFError" not in output
    assert [line for line in output.splitlines() if line.strip()] == ["错误：未输入密码"]
    assert not db.exists() or db.stat().st_size == 0  # no schema, no administrator
