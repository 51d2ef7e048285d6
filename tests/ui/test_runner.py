"""The runner's own promises: waiting until nothing runs delivers the other work and returns."""

from __future__ import annotations

from models import User
from ui import operations


def test_waiting_from_a_result_being_delivered_waits_for_the_other_work_only(
    qtbot, sqlite_url, admin
):
    """A ``done`` that waits until nothing else runs (a restore closes the window from the answer
    to its question, then waits for the pages' reads) sees the other reads delivered and goes on;
    it does not wait for its own delivery, which cannot end before it returns."""
    runner = operations.runner()
    delivered: list[str] = []
    waited: list[bool] = []

    def done(_first: str) -> None:
        operations.query(
            None, lambda: User.get_by_id(admin.id).login, done=delivered.append, slot=None
        )
        waited.append(runner.wait_until_idle(timeout_s=20))
        delivered.append("after the wait")

    operations.query(None, lambda: "first", done=done, slot=None)
    qtbot.waitUntil(lambda: bool(waited), timeout=60000)
    assert waited == [True]
    assert delivered == ["admin", "after the wait"]
    qtbot.waitUntil(operations.idle)
