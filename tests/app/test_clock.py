"""The one clock and the month type every command and page uses."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from app import clock
from app.clock import Month

ROOT = Path(__file__).resolve().parents[2]


def test_month_parses_and_knows_its_bounds():
    month = Month.parse("2026-02")
    assert (month.year, month.month) == (2026, 2)
    assert Month.parse(" 2026-7 ") == Month(2026, 7)
    assert month.first_day == dt.date(2026, 2, 1)
    assert month.last_day == dt.date(2026, 2, 28)
    assert Month(2028, 2).last_day == dt.date(2028, 2, 29)
    assert month.start == dt.datetime(2026, 2, 1)
    assert month.end == dt.datetime(2026, 3, 1)
    assert month.last_instant == dt.datetime(2026, 2, 28, 23, 59, 59)
    assert str(Month(2026, 12).next()) == "2027-01"
    assert str(Month(2027, 1).previous()) == "2026-12"
    assert len(Month(2026, 12).days()) == 31
    assert Month(2026, 12).contains(dt.datetime(2026, 12, 31, 23, 59))
    assert not Month(2026, 12).contains(dt.date(2027, 1, 1))
    for bad in ("2026-13", "2026/11", "26-11", "", "2026-00", "0000-01"):
        with pytest.raises(ValueError):
            Month.parse(bad)


def test_now_follows_the_set_clock(time_machine):
    time_machine.move_to(dt.datetime(2027, 1, 1, 0, 5), tick=False)
    assert clock.now() == dt.datetime(2027, 1, 1, 0, 5)
    assert clock.today() == dt.date(2027, 1, 1)
    assert Month.current() == Month(2027, 1)


def test_cutoff_is_the_end_of_the_month_or_now(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 18, 10, 30), tick=False)
    assert Month(2026, 10).cutoff() == dt.datetime(2026, 11, 1)
    assert Month(2026, 10).has_ended()
    assert Month(2026, 11).cutoff() == dt.datetime(2026, 11, 18, 10, 30)
    assert not Month(2026, 11).has_ended()


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.datetime(2026, 12, 1, 0, 5), Month(2026, 11)),
        (dt.datetime(2026, 12, 10, 23, 0), Month(2026, 11)),
        (dt.datetime(2026, 12, 11, 8, 0), Month(2026, 12)),
        (dt.datetime(2027, 1, 1, 0, 5), Month(2026, 12)),
    ],
)
def test_reports_offer_the_previous_month_in_its_first_ten_days(time_machine, day, expected):
    time_machine.move_to(day, tick=False)
    assert Month.report_default() == expected


def test_nothing_else_reads_the_system_clock():
    """Business time comes from app.clock only (models' defaults are installed from it)."""
    pattern = re.compile(
        r"datetime\.now\(|date\.today\(|datetime\.today\(|QDate\.currentDate|"
        r"QDateTime\.currentDateTime|time\.time\(\)|localtime\("
    )
    offenders = []
    for folder in ("app", "ui", "models"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path == ROOT / "app" / "clock.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if pattern.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
