"""Several desks importing into one database at the same moment: numbers unique and gap-free."""

import csv
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from app.complaints import numbering
from models import Complaint
from models.db import close_database, open_database

ROOT = Path(__file__).resolve().parents[2]
DESKS = 4
ROWS_PER_DESK = 150
PHONE_DESKS = 2
CALLS_PER_DESK = 25
REGISTER_SCRIPT = """
import datetime as dt, sys
from models.db import open_database
from app.complaints import service
from models import User
open_database(sys.argv[1])
agent = User.get(User.login == "agent1")
desk = int(sys.argv[2])
for i in range(int(sys.argv[3])):
    day = dt.datetime(2026, 11, 20 + i % 3, 9, 0)
    service.register_complaint(agent, complainant=f"来电{desk}-{i}", contact="13911112222",
                               received_at=day, category="other", content="电话登记")
"""
DAYS = ("2026-11-20", "2026-11-21", "2026-11-22")


def run_main(*args: str) -> subprocess.Popen:
    """``main.py ARGS`` acting as the administrator made by ``init`` below."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEFU_")}
    env.update(KEFU_USER="admin", KEFU_PASSWORD="admin-password")
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def write_desk_file(path: Path, desk: int) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["投诉时间", "投诉人", "联系方式", "投诉内容"])
        for i in range(ROWS_PER_DESK):
            day = DAYS[(i + desk) % len(DAYS)]
            writer.writerow(
                [
                    f"{day} {8 + i % 10:02d}:{i % 60:02d}",
                    f"客户{desk}-{i}",
                    f"1390000{desk}{i:03d}",
                    f"第{desk}号坐席导入的第{i}条投诉",
                ]
            )
    return path


@pytest.mark.parametrize("fresh_url", ["sqlite", "postgres"], indirect=True)
def test_four_desks_importing_at_once_get_unique_gap_free_numbers(fresh_url, tmp_path):
    password = tmp_path / "pw"
    password.write_text("admin-password")
    init = run_main(
        "init", "--db", fresh_url, "--company", "测试", "--password-file", str(password)
    )
    assert init.wait(timeout=120) == 0, init.stderr.read()
    agent_pw = tmp_path / "agent-pw"
    agent_pw.write_text("agent-password")
    add = run_main(
        "user",
        "add",
        "agent1",
        "--db",
        fresh_url,
        "--role",
        "agent",
        "--name",
        "李客服",
        "--employee-no",
        "K001",
        "--password-file",
        str(agent_pw),
    )
    assert add.wait(timeout=60) == 0, add.stderr.read()
    files = [write_desk_file(tmp_path / f"desk{d}.csv", d) for d in range(DESKS)]
    desks = [run_main("import", "complaints", "--db", fresh_url, str(f)) for f in files]
    desks += [
        subprocess.Popen(
            [sys.executable, "-c", REGISTER_SCRIPT, fresh_url, str(d), str(CALLS_PER_DESK)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for d in range(PHONE_DESKS)
    ]
    for desk in desks:
        assert desk.wait(timeout=180) == 0, desk.stderr.read()
    open_database(fresh_url)
    try:
        numbers = [n for (n,) in Complaint.select(Complaint.number).tuples()]
        assert len(numbers) == DESKS * ROWS_PER_DESK + PHONE_DESKS * CALLS_PER_DESK
        assert len(set(numbers)) == len(numbers)
        by_day = defaultdict(list)
        for number in numbers:
            day, sequence = numbering.split_number(number)
            by_day[day].append(sequence)
        assert set(by_day) == {d.replace("-", "") for d in DAYS}
        for day, sequences in by_day.items():
            assert sorted(sequences) == list(range(1, len(sequences) + 1)), day
        for c in Complaint.select():
            assert numbering.day_key(c.received_at) == c.number[:8]
    finally:
        close_database()
