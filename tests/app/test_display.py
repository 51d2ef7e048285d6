"""Without a display, or without the X11 libraries Qt needs, the window says so in one line
instead of Qt aborting the process; the commands that need no window keep working."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.display import XCB_LIBRARIES, display_opens, loadable, missing_packages, window_problem
from app.i18n import install_language

ROOT = Path(__file__).resolve().parents[2]
ABSENT = ("libkefu-absent-test.so.0", "libkefu-absent0")  # no system has this library

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 checks: Linux")


def desk_without_display() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # the tests' offscreen platform: a real desk has none
    return env


def main_py(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@linux_only
def test_window_without_display_says_so_in_one_line_and_creates_nothing(tmp_path):
    db = tmp_path / "desk.sqlite3"
    done = main_py("--db", str(db), env=desk_without_display(), cwd=tmp_path)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("错误：没有图形界面") and "未设置 DISPLAY" in lines[0]
    assert "Traceback" not in done.stderr
    assert not db.exists()  # nothing was set up for a window that never opened


@linux_only
def test_commands_without_a_window_run_without_display(tmp_path):
    password = tmp_path / "password"
    password.write_text("demo1234\n", encoding="utf-8")
    db = str(tmp_path / "desk.sqlite3")
    env = desk_without_display()
    done = main_py("init", "--db", db, "--password-file", str(password), env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "已创建数据库结构" in done.stdout
    done = main_py(
        "--db",
        db,
        "--check-startup",
        env={**env, "KEFU_USER": "admin", "KEFU_PASSWORD": "demo1234"},
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"\d+ ms", done.stdout.strip()), done.stdout


@linux_only
def test_missing_libraries_are_named_with_the_command_that_installs_them():
    libraries = (("libc.so.6", "libc6"), ABSENT)
    assert loadable("libc.so.6") and not loadable(ABSENT[0])
    assert missing_packages(libraries) == ["libkefu-absent0"]
    problem = window_problem({"DISPLAY": ":0"}, "linux", libraries)
    assert problem is not None and "\n" not in problem
    assert problem.endswith("sudo apt-get install libkefu-absent0")


@linux_only
@pytest.mark.skipif(not loadable("libxcb.so.1"), reason="libxcb is not installed")
def test_a_display_nobody_serves_is_named():
    display = ":87"  # no X server listens there (checked below with libxcb itself)
    assert not Path("/tmp/.X11-unix/X87").exists()
    assert not display_opens(display)
    install_language("en")
    try:
        problem = window_problem({"DISPLAY": display}, "linux", libraries=())
    finally:
        install_language("zh_CN")
    assert problem is not None and f"cannot open the display {display}" in problem


def test_platforms_the_check_leaves_to_qt():
    env = {"DISPLAY": ":0"}
    assert window_problem({}, "win32", (ABSENT,)) is None
    assert window_problem({}, "darwin", (ABSENT,)) is None
    # a platform chosen on purpose (the tests' offscreen, a VNC server, ...) is Qt's business
    assert window_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", (ABSENT,)) is None
    assert window_problem({**env, "QT_QPA_PLATFORM": "vnc"}, "linux", (ABSENT,)) is None
    # xcb chosen on purpose is checked like the default
    assert "libkefu-absent0" in (
        window_problem({**env, "QT_QPA_PLATFORM": "xcb"}, "linux", (ABSENT,)) or ""
    )


def test_every_library_has_its_package():
    assert len({library for library, _ in XCB_LIBRARIES}) == len(XCB_LIBRARIES)
    named = [package for _, package in XCB_LIBRARIES[:3]]
    assert named == ["libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"]
