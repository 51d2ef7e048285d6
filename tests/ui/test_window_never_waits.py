"""The window never waits on the database: another desk holds the SQLite file's lock for five
seconds while the user works; the GUI thread keeps running (a timer on it keeps ticking), the page
says it is saving, the work completes once the lock goes, and nothing typed is lost."""

from __future__ import annotations

import datetime as dt
import gc
import subprocess
import sys
import threading
import time

import pytest
from PySide6.QtCore import Qt, QTimer

from app.complaints import service
from app.operations import close_connection
from models import Complaint, write_transaction
from ui import operations
from ui.complaints import page as complaints_page
from ui.context import UiContext
from ui.main_window import MainWindow

# another desk: takes the write lock and holds it until told (a line on its input)
HOLD_LOCK = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
db.execute("BEGIN " + sys.argv[2])
print("locked", flush=True)
sys.stdin.readline()
db.execute("ROLLBACK")
db.close()
"""
LOCK_SECONDS = 5
# The measure of a window that never waits: its event loop never stands still for more
# than 100 ms while another desk holds the lock (a window waiting for the lock would stand still
# for seconds). Measured 20-64 ms on two cores at a load of 9-12; the figure is printed.
MAX_GAP_S = 0.1


class OtherDesk:
    def __init__(self, path: str, mode: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLD_LOCK, path, mode],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "locked"

    def release(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("done\n")
        self.process.stdin.flush()

    def finish(self) -> None:
        if self.process.poll() is None:
            self.release()
        self.process.wait(10)


class Ticker:
    """A timer on the GUI thread; the longest gap between its ticks is how long the window
    stood still."""

    def __init__(self) -> None:
        # the desk's process freezes what its start made out of the cycle collector's passes
        # (main.py, at the first screen); the test process's own objects (pytest's, earlier
        # tests') are frozen the same way, so that a pass over them is not counted as the window's
        gc.collect()
        gc.freeze()
        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(lambda: self.ticks.append(time.monotonic()))
        self.timer.start()

    def stop(self, until: float) -> float:
        """The longest gap between ticks up to ``until`` (while the lock was held)."""
        self.timer.stop()
        gc.unfreeze()
        ticks = [t for t in self.ticks if t <= until]
        return max(b - a for a, b in zip(ticks, ticks[1:], strict=False))


def make_page(qtbot, user):
    ctx = UiContext(user=user, db_description="test", language="en")
    ctx.refresh_badges = lambda: None
    page = complaints_page.create_page(ctx, None)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    return page


def test_a_save_waits_for_another_desks_lock_while_the_window_keeps_working(
    qtbot, sqlite_url, agent
):
    c = service.register_complaint(
        agent,
        complainant="陈先生",
        contact="13912345678",
        channel="phone",
        category="delivery",
        content="包装破损",
    )
    page = make_page(qtbot, agent)
    page.open_record(complaint_id=c.id)
    qtbot.waitUntil(operations.idle)
    view = page.view
    events: list[str] = []
    view.changed.connect(lambda _id: events.append("saved"))

    desk = OtherDesk(sqlite_url, "IMMEDIATE")
    try:
        ticker = Ticker()
        view.complainant.setText("陈建国")
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
        busy: list[str] = []

        def type_while_saving() -> None:
            busy.append(operations.is_busy(view))
            view.order_no.setFocus()
            qtbot.keyClicks(view.order_no, "JD-777")

        released: list[float] = []

        def release() -> None:
            released.append(time.monotonic())
            events.append("released")
            desk.release()

        QTimer.singleShot(1000, type_while_saving)
        QTimer.singleShot(LOCK_SECONDS * 1000, release)
        qtbot.waitUntil(lambda: view.message.text() == "Saved.", timeout=30000)
        gap = ticker.stop(until=released[0])
    finally:
        desk.finish()
    print(f"\nlongest stand-still of the GUI thread while the lock was held: {gap * 1000:.0f} ms")
    assert busy == ["Saving…"]  # the page says so while it waits
    assert events[:2] == ["released", "saved"]  # it waited for the lock, then saved
    assert Complaint.get_by_id(c.id).complainant == "陈建国"
    assert view.complainant.text() == "陈建国"
    assert view.order_no.text() == "JD-777"  # typed while saving: still there, not yet saved
    assert view.has_unsaved_input()
    assert gap < MAX_GAP_S


def fill_registry(agent, count: int) -> None:
    """A registry of ``count`` complaints over the past months, written in bulk."""
    start = dt.datetime(2026, 1, 5, 9, 0)
    rows = []
    for i in range(count):
        received = start + dt.timedelta(minutes=17 * i)
        seq = i % 1000 + 1
        number = f"{received:%Y%m%d}-{seq:03d}-{i}"
        rows.append(
            {
                "number": number[:20],
                "sort_key": number,
                "received_at": received,
                "complainant": f"客户{i:05d}",
                "contact": f"139{i:08d}",
                "channel": "phone",
                "category": "delivery",
                "severity": "normal",
                "content": "快递送到时包装破损，缺少电源线。",
                "status": "closed",
                "handler": agent.id,
                "created_by": agent.id,
            }
        )
    with write_transaction():
        for batch in range(0, len(rows), 500):
            Complaint.insert_many(rows[batch : batch + 500]).execute()


def test_a_registry_search_waits_for_another_desks_lock_while_the_window_keeps_working(
    qtbot, sqlite_url, agent
):
    fill_registry(agent, 20000)
    wanted = service.register_complaint(
        agent,
        complainant="特别客户",
        contact="13812345678",
        channel="phone",
        category="attitude",
        content="售后工程师态度恶劣",
    )
    page = make_page(qtbot, agent)
    qtbot.waitUntil(operations.idle)
    events: list[str] = []
    page.model.modelReset.connect(lambda: events.append("listed"))

    desk = OtherDesk(sqlite_url, "EXCLUSIVE")  # not even reading while it holds this
    try:
        ticker = Ticker()
        page.search.setFocus()
        page.search.insert("态度")
        busy: list[str] = []

        def type_while_searching() -> None:
            busy.append(operations.is_busy(page))
            page.search.insert("恶劣")

        released: list[float] = []

        def release() -> None:
            released.append(time.monotonic())
            events.append("released")
            desk.release()

        QTimer.singleShot(1500, type_while_searching)
        QTimer.singleShot(LOCK_SECONDS * 1000, release)
        qtbot.waitUntil(lambda: "listed" in events and operations.idle(), timeout=30000)
        gap = ticker.stop(until=released[0])
    finally:
        desk.finish()
    print(f"\nlongest stand-still of the GUI thread while the lock was held: {gap * 1000:.0f} ms")
    assert busy == ["Loading…"]
    assert events == ["released", "listed"]  # one list: the search typed last
    assert page.search.text() == "态度恶劣"
    assert page.model.total == 1 and page.model.rows[0]["id"] == wanted.id
    assert gap < MAX_GAP_S


@pytest.mark.watcher
def test_a_change_saved_on_one_desk_shows_on_another_by_itself(qtbot, db_url, agent):
    """Two desks on one database: the other desk (its own connection) saves a complaint the first
    desk has open; the first desk's window shows the new text without anyone asking, at its next
    look (PostgreSQL: LISTEN/NOTIFY, within 2 s; SQLite: the data-version poll, every second, within
    5 s: on two cores at a load of 6 the SQLite desk took 1 s). How long it took is printed."""
    c = service.register_complaint(
        agent,
        complainant="陈先生",
        contact="13912345678",
        channel="phone",
        category="delivery",
        content="包装破损",
    )
    window = MainWindow(UiContext(user=agent, db_description="test", language="en"))
    qtbot.addWidget(window)
    window.remember_layout = False
    window.show()
    window.navigate("complaints", complaint_id=c.id)
    view = window.page("complaints").view
    qtbot.waitUntil(lambda: view.complaint is not None and operations.idle())

    def other_desk() -> None:
        try:
            service.update_complaint(agent, c.id, {"content": "另一台电脑改的内容"})
        finally:
            close_connection()

    desk = threading.Thread(target=other_desk)  # a thread of its own: a connection of its own
    desk.start()
    desk.join(20)
    saved = time.monotonic()
    # PostgreSQL: within the 2 s the issue asks (NOTIFY arrives at once; 0.2-0.3 s at a load of
    # 11); SQLite: at a look of the poll, once a second, with room for a loaded machine
    limit_ms = 2000 if "postgres" in db_url else 5000
    qtbot.waitUntil(lambda: view.content.toPlainText() == "另一台电脑改的内容", timeout=limit_ms)
    print(f"\nshown on the other desk {time.monotonic() - saved:.2f} s after it was saved")
    row = window.page("complaints").model.row_of(c.id)
    assert row >= 0
