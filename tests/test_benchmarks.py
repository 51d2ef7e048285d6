"""The benchmarks still run: each on a small database, printing its figures (none asserted)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(script: str, *args: str) -> str:
    env = {**os.environ, "KEFU_USER": "admin"}  # the administrator the registry's script makes
    env.pop("KEFU_PASSWORD", None)
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "benchmarks" / script), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_the_registry_and_typing_benchmarks_run_on_a_small_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    printed = run(
        "registry.py", "--db", url, "--complaints", "300", "--repeat", "1", "--no-startup"
    )
    for case in ("search, a complaint number", "overdue only, every month", "the first view"):
        assert case in printed
    typed = run("typing_search.py", "--db", url, "--repeat", "1", "--texts", "屏", "20")
    lines = [line for line in typed.splitlines() if line.startswith("typing [")]
    assert len(lines) == 2 and all("rows shown" in line for line in lines), typed
