"""The tests' own wait (``qtbot.waitUntil``, tests/conftest.py): it fails in time, whatever the
clock of the test says."""

from __future__ import annotations

import datetime as dt

import pytest


def test_a_wait_fails_in_time_while_the_test_stops_the_clock(qtbot, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 26, 10, 30), tick=False)

    def never() -> None:
        raise AssertionError("the condition never holds")

    with pytest.raises(TimeoutError):
        qtbot.waitUntil(never, timeout=300)


def test_a_wait_ends_as_soon_as_its_condition_holds(qtbot):
    asked: list[int] = []

    def third_time() -> bool:
        asked.append(1)
        return len(asked) == 3

    qtbot.waitUntil(third_time, timeout=300)
    assert len(asked) == 3
    with pytest.raises(ValueError):
        qtbot.waitUntil(lambda: [], timeout=300)  # type: ignore[arg-type, return-value]
