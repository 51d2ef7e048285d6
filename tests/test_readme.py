"""The README's commands work as written when pasted into a fresh clone.

Every line of the README's ``sh`` blocks runs, in order, in a real shell and a terminal (so the
password prompts of ``init`` and ``user add`` are answered as a person answers them), in an empty
folder with its own home, so nothing touches the developer's data. ``./kefu`` there is the
launcher less its first-run set-up: it runs ``main.py`` with this interpreter. ``export`` lines
carry over to the following lines as they would in one terminal. No other environment is given:
a line that needs ``KEFU_USER``/``KEFU_PASSWORD`` must say so itself. A line fails when it exits
non-zero or prints a traceback.

Lines this test does not run are listed in ``NOT_RUN`` with the reason; any other line it does
not know how to run fails the test, so a new kind of command in the README gets a decision here.
"""

from __future__ import annotations

import os
import re
import shlex
import stat
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
PASSWORD = "demo1234"  # what the README tells a newcomer to type at init's prompt
PROMPT = re.compile(r"(?i)(password|密码|again|再输入)[^\n]*: ")

# ./kefu COMMAND lines that are not run, and why
NOT_RUN_KEFU = {
    "": "opens the window (the GUI path is covered by tests/ui and tests/app/test_display.py)",
    "test": "is this test suite itself",
    "bundle": "builds the bundle for minutes; .ci/bundle builds it and runs its smoke test",
}
# other commands that are not run, and why
NOT_RUN = {
    "python3": "makes a second virtual environment and downloads every package",
    "sudo": "installs system packages",
}
OPTIONS_WITH_VALUE = {"--db", "--lang"}

pexpect = pytest.importorskip("pexpect", reason="pexpect runs commands in a terminal (POSIX)")


def sh_lines(text: str) -> list[str]:
    """The command lines of the ``sh`` fenced blocks, continuation lines joined."""
    lines: list[str] = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, flags=re.M | re.S):
        pending = ""
        for raw in block.splitlines():
            if raw.rstrip().endswith("\\"):
                pending += raw.rstrip()[:-1] + " "
                continue
            line = (pending + raw).strip()
            pending = ""
            if line and not line.startswith("#"):
                lines.append(line)
    return lines


def command_words(line: str) -> list[str]:
    """The words of ``line`` after its leading ``NAME=value`` assignments, comments dropped."""
    words = shlex.split(line, comments=True)
    while words and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[0]):
        words.pop(0)
    return words


def kefu_command(args: list[str]) -> str:
    """The launcher's command word in ``./kefu ARGS`` ('' for the window)."""
    rest = iter(args)
    for word in rest:
        if word in OPTIONS_WITH_VALUE:
            next(rest, None)
        elif word.startswith("--db=") or word.startswith("--lang="):
            continue
        elif word in ("--check-startup", "--help", "-h"):
            return word
        elif not word.startswith("-"):
            return word
    return ""


def reason_not_run(line: str) -> str | None:
    words = command_words(line)
    if not words:
        return None
    if words[0] == "./kefu":
        return NOT_RUN_KEFU.get(kefu_command(words[1:]))
    if words[0] in NOT_RUN:
        return NOT_RUN[words[0]]
    if words[0] == "export":
        return None
    return f"unknown: add `{words[0]}` to NOT_RUN with the reason, or teach the test to run it"


def make_launcher(folder: Path) -> None:
    launcher = folder / "kefu"
    launcher.write_text(
        f'#!/bin/sh\nexec {shlex.quote(sys.executable)} {shlex.quote(str(ROOT / "main.py"))} "$@"\n',
        encoding="utf-8",
    )
    launcher.chmod(launcher.stat().st_mode | stat.S_IXUSR)


def run_in_terminal(line: str, env: dict[str, str], cwd: Path) -> tuple[int, str]:
    """Run ``line`` with /bin/sh in a terminal, answering password prompts; (status, output)."""
    child = pexpect.spawn(
        "/bin/sh", ["-c", line], env=env, cwd=str(cwd), encoding="utf-8", timeout=600
    )
    output = []
    while True:
        found = child.expect([PROMPT, pexpect.EOF])
        output.append(child.before + (child.after if found == 0 else ""))
        if found == 1:
            break
        child.sendline(PASSWORD)
    child.close()
    status = child.exitstatus if child.exitstatus is not None else 128 + child.signalstatus
    return status, "".join(output)


def fresh_environment(home: Path) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_RUNTIME_DIR": str(home / "run"),
        "LANG": "C.UTF-8",
        "TERM": "dumb",
    }
    (home / "run").mkdir(mode=0o700)
    for name in ("KEFU_TEST_PG", "PGHOST", "PGPORT"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def test_readme_sh_lines_all_have_a_decision():
    lines = sh_lines(README.read_text(encoding="utf-8"))
    unknown = [line for line in lines if (reason_not_run(line) or "").startswith("unknown")]
    assert not unknown, unknown


@pytest.mark.slow
def test_readme_commands_work_as_written(tmp_path):
    lines = sh_lines(README.read_text(encoding="utf-8"))
    clone = tmp_path / "clone"
    clone.mkdir()
    make_launcher(clone)
    env = fresh_environment(tmp_path)
    ran, skipped = [], []
    for line in lines:
        reason = reason_not_run(line)
        if reason:
            assert not reason.startswith("unknown"), f"{line}: {reason}"
            skipped.append(line)
            continue
        words = command_words(line)
        if words[0] == "export":
            for assignment in words[1:]:
                name, _, value = assignment.partition("=")
                env[name] = value
            continue
        status, output = run_in_terminal(line, env, clone)
        assert "Traceback" not in output, f"{line}\n{output}"
        assert status == 0, f"{line} exited with {status}\n{output}"
        ran.append(line)
    # the walk-through of "Try it on demo data" ran: a database with the demo in it, files written
    assert any(" demo " in f" {line} " for line in ran), ran
    assert (clone / "demo.sqlite3").is_file()
    assert (clone / "complaints.xlsx").stat().st_size > 0
    assert (clone / "complaint-sheet.pdf").read_bytes().startswith(b"%PDF")
    assert len(ran) >= 5, ran


def test_readme_reference_lines_name_real_commands(capsys):
    """Each line of the command-line reference names a command and options that exist."""
    from app.cli import build_parser, feature_registry

    text = README.read_text(encoding="utf-8")
    reference = text.split("## Command line", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    parser = build_parser(feature_registry())
    checked = 0
    for line in reference.splitlines():
        words = shlex.split(line, comments=True)[1:]  # after ./kefu
        path = []
        for word in words:
            if word.startswith("-") or word.startswith("[") or not word.islower():
                break
            path.append(word)
        options = {w.strip("[]").split("|")[0] for w in words if w.lstrip("[").startswith("--")}
        with pytest.raises(SystemExit) as exit_info:
            parser.parse_args([*path, "--help"])
        assert exit_info.value.code == 0, line
        shown = capsys.readouterr().out
        for option in options:
            assert option in shown, f"{line}: {option} is not an option of {' '.join(path)}"
        checked += 1
    assert checked >= 15
