"""The one way widgets reach the database: every use case and every query runs off the GUI thread.

- ``perform(owner, call, done=..., failed=...)`` runs a use case (``call()`` wraps the function
  from ``app/`` with the values the user gave). Changes run one after another, in the order the
  user asked for them. Its result is delivered to ``done(value)`` on the GUI thread, then every
  screen showing something it changed refreshes (:data:`Runner.executed` carries the
  :class:`~app.changes.Changes`).
- ``query(owner, call, done=..., slot=...)`` reads. Queries run side by side; a newer query of
  the same ``owner`` and ``slot`` replaces an older one still running (a search typed further
  shows only its own result).
- ``run_with_progress(owner, label, work, done)`` is the same for long work that reports
  ``progress(done, total)`` (imports, exports, printing).

Each worker thread uses its own database connection and closes it when the work is done. A task
that is not done within :data:`BUSY_AFTER_MS` shows a busy note on its owner (the page or the
dialog, never a modal window), so the user can keep reading and typing while it waits. An error
goes to ``failed(exc)`` or, without one, is shown as one clear line.

:class:`ChangeWatcher` brings the other desks' changes as the same kind of change set.
"""

from __future__ import annotations

import threading
import time
import traceback
import weakref
from collections.abc import Callable
from itertools import count
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRunnable,
    QThread,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QWidget,
)

from app.changes import ChangeFeed, ChangeWaiter
from app.errors import KefuError
from app.operations import Outcome, close_connection, is_database_trouble
from app.operations import perform as perform_use_case

BUSY_AFTER_MS = 150
QUERY_THREADS = 2
SQLITE_LOOK_SECONDS = 1.0  # how often a SQLite desk looks at data_version
PG_SAFETY_SECONDS = 30.0  # a PostgreSQL desk also reads the audit trail this often

Progress = Callable[[int, int], None]


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object, str)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = _Signals()

    def report(self, done: int, total: int) -> None:
        self.signals.progress.emit(done, total)

    @Slot()
    def run(self) -> None:
        try:
            outcome = perform_use_case(self.work, self.report)
        except Exception as exc:  # delivered to the GUI thread and shown there
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.finished.emit(outcome)
        finally:
            close_connection()


class Task:
    """One piece of work handed to the runner; ``cancel()`` drops its result."""

    def __init__(self, owner: QWidget | None, busy: str, slot: str | None) -> None:
        self.owner = owner
        self.busy = busy
        self.slot = slot
        self.cancelled = False
        self.finished = False

    def cancel(self) -> None:
        self.cancelled = True


class BusyNote(QFrame):
    """The page's own note that something is under way: a line of text and a moving bar."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self.setObjectName("busy_indicator")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#busy_indicator { background: #fffde7; border: 1px solid #f0c36d; border-radius: 3px }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 8, 3)
        self.label = QLabel()
        self.label.setObjectName("busy_text")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setFixedWidth(90)
        self.bar.setMaximumHeight(12)
        self.bar.setTextVisible(False)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self.texts: list[str] = []
        owner.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.parent() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def _place(self) -> None:
        owner = self.parentWidget()
        self.adjustSize()
        if owner is not None:
            self.move(max(owner.width() - self.width() - 8, 0), 4)
        self.raise_()

    def add(self, text: str) -> None:
        self.texts.append(text)
        self._show_latest()

    def remove(self, text: str) -> None:
        if text in self.texts:
            self.texts.remove(text)
        if self.texts:
            self._show_latest()
        else:
            self.hide()
            self.bar.setRange(0, 0)

    def progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 0))
        self.bar.setValue(done)

    def _show_latest(self) -> None:
        self.label.setText(self.texts[-1])
        self.show()
        self._place()


def busy_note(owner: QWidget) -> BusyNote:
    note = owner.findChild(BusyNote, "busy_indicator")
    if note is None or note.parentWidget() is not owner:
        note = BusyNote(owner)
    return note


def is_busy(owner: QWidget) -> str:
    """The busy note the owner shows now ("" when none)."""
    note = owner.findChild(BusyNote, "busy_indicator")
    if note is None or note.isHidden():
        return ""
    return note.label.text()


def _alive(widget: QWidget | None) -> bool:
    return widget is None or shiboken6.isValid(widget)


class Runner(QObject):
    """Runs the work of every screen. ``executed(changes, owner)`` follows each change."""

    executed = Signal(object, object)
    idle_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.changes_pool = QThreadPool(self)  # changes one at a time, in order
        self.changes_pool.setMaxThreadCount(1)
        self.queries_pool = QThreadPool(self)
        self.queries_pool.setMaxThreadCount(QUERY_THREADS)
        self._jobs: set[_Job] = set()
        self._latest: dict[tuple[int, str], Task] = {}
        self._pending = 0
        self._ids = count(1)

    def idle(self) -> bool:
        """Nothing running and nothing waiting to be delivered."""
        return self._pending == 0

    def submit(
        self,
        owner: QWidget | None,
        work: Callable[[Progress], Any],
        *,
        changes: bool,
        done: Callable[[Any], None] | None,
        failed: Callable[[Exception], None] | None,
        busy: str,
        slot: str | None = None,
    ) -> Task:
        task = Task(owner, busy, slot)
        if slot is not None and owner is not None:
            key = (id(owner), slot)
            previous = self._latest.get(key)
            if previous is not None:
                previous.cancel()
            self._latest[key] = task
        job = _Job(work)
        self._jobs.add(job)
        self._pending += 1
        if self._pending == 1:
            self.idle_changed.emit(False)
        note: BusyNote | None = None
        timer: QTimer | None = None
        if owner is not None and busy:
            note = busy_note(owner)
            timer = QTimer(note)
            timer.setSingleShot(True)
            timer.setInterval(BUSY_AFTER_MS)
            timer.timeout.connect(lambda: note.add(busy) if not task.finished else None)
            timer.start()
            job.signals.progress.connect(
                lambda d, t: note.progress(d, t) if shiboken6.isValid(note) else None
            )

        def settle() -> None:
            task.finished = True
            self._jobs.discard(job)
            if timer is not None and shiboken6.isValid(timer):
                timer.stop()
            if note is not None and shiboken6.isValid(note):
                note.remove(busy)
            if slot is not None and owner is not None:
                key = (id(owner), slot)
                if self._latest.get(key) is task:
                    del self._latest[key]

        def finish(outcome: Outcome) -> None:
            try:
                settle()
                if task.cancelled:
                    return
                if not _alive(owner):  # closed meanwhile: what it changed still refreshes
                    if changes and outcome.changes:
                        self.executed.emit(outcome.changes, None)
                    return
                if done is not None:
                    done(outcome.value)
                if changes and outcome.changes:
                    self.executed.emit(outcome.changes, owner)
            finally:
                self._release()

        def fail(exc: Exception, trace: str) -> None:
            try:
                settle()
                if task.cancelled or not _alive(owner):
                    return
                if failed is not None:
                    failed(exc)
                else:
                    show_error(owner, exc, trace)
            finally:
                self._release()

        job.signals.finished.connect(finish)
        job.signals.failed.connect(fail)
        (self.changes_pool if changes else self.queries_pool).start(job)
        return task

    def _release(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.idle_changed.emit(True)

    def wait_until_idle(self, timeout_s: float = 30.0) -> bool:
        """Deliver what is running (the GUI thread keeps working meanwhile); False on timeout."""
        deadline = time.monotonic() + timeout_s
        app = QCoreApplication.instance()
        while not self.idle():
            if time.monotonic() > deadline:
                return False
            if app is not None:
                app.processEvents()
            QThread.msleep(5)
        return True


_runner: Runner | None = None


def runner() -> Runner:
    """The application's runner (made on first use, owned by the application object)."""
    global _runner
    if _runner is None or not shiboken6.isValid(_runner):
        _runner = Runner(QCoreApplication.instance())
    return _runner


def perform(
    owner: QWidget | None,
    call: Callable[[], Any],
    *,
    done: Callable[[Any], None] | None = None,
    failed: Callable[[Exception], None] | None = None,
    busy: str | None = None,
) -> Task:
    """Run a use case off the GUI thread; then ``done(result)`` and the screens refresh."""
    return runner().submit(
        owner,
        lambda _progress: call(),
        changes=True,
        done=done,
        failed=failed,
        busy=QCoreApplication.translate("Operations", "Saving…") if busy is None else busy,
    )


def query(
    owner: QWidget | None,
    call: Callable[[], Any],
    *,
    done: Callable[[Any], None],
    failed: Callable[[Exception], None] | None = None,
    slot: str | None = "load",
    busy: str | None = None,
) -> Task:
    """Read off the GUI thread; ``done(result)`` runs on it unless a newer query of the same
    owner and slot was started meanwhile."""
    return runner().submit(
        owner,
        lambda _progress: call(),
        changes=False,
        done=done,
        failed=failed,
        busy=QCoreApplication.translate("Operations", "Loading…") if busy is None else busy,
        slot=slot,
    )


def run_with_progress(
    owner: QWidget,
    label: str,
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
    failed: Callable[[Exception], None] | None = None,
) -> Task:
    """Long work (import, export, printing) with its progress on the owner's busy note; what it
    writes refreshes the screens like any other change."""
    return runner().submit(owner, work, changes=True, done=on_done, failed=failed, busy=label)


def idle() -> bool:
    return runner().idle()


def shutdown(timeout_s: float = 30.0) -> bool:
    """Stop watching for other desks' changes and let the running work finish (before the
    application quits or closes its database)."""
    for watcher in list(_watchers):
        watcher.stop()
    return runner().wait_until_idle(timeout_s)


# --- errors -------------------------------------------------------------------------------------


def database_trouble_text(exc: BaseException) -> str:
    return QCoreApplication.translate(
        "Application",
        "The database is not answering right now. Nothing you typed was lost: "
        "try again in a moment.",
    )


def show_error(parent: QWidget | None, exc: BaseException, trace: str = "") -> None:
    """One clear message: a user's mistake as its own line, the database's trouble as such,
    anything else with the details folded away."""
    title = QCoreApplication.translate("Background", "Kefu Desk")
    if isinstance(exc, KefuError):
        QMessageBox.warning(parent, title, str(exc))
    elif is_database_trouble(exc):  # the database's own words (often English) under the details
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, database_trouble_text(exc), parent=parent
        )
        box.setDetailedText(str(exc).strip() or exc.__class__.__name__)
        box.open()
    else:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(title)
        box.setText(str(exc) or exc.__class__.__name__)
        if trace:
            box.setDetailedText(trace)
        box.open()


# --- other desks' changes -------------------------------------------------------------------------


_watchers: weakref.WeakSet[ChangeWatcher] = weakref.WeakSet()


class ChangeWatcher(QObject):
    """Reads the other desks' changes on a thread of its own and hands them over as change sets:
    PostgreSQL wakes it (LISTEN), a SQLite desk looks at the file's data version every second."""

    arrived = Signal(object)
    trouble = Signal(bool)  # True: the database stopped answering; False: it answers again

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._feed: ChangeFeed | None = None
        _watchers.add(self)

    def start(self) -> None:
        if self._thread is not None:
            return
        # where the feed starts is read before the pages' first loads are asked for: a change
        # committed between a page's load and a thread that starts late is not taken as seen
        try:
            self._feed = ChangeFeed()
        except Exception:  # noqa: BLE001 - the thread tries again and reports the trouble
            self._feed = None
        self._thread = threading.Thread(target=self._run, name="kefu-changes", daemon=True)
        self._thread.start()

    def look_now(self) -> None:
        """Read the audit trail at once instead of at the next look."""
        self._wake.set()

    def stop(self, timeout_s: float = 3.0) -> None:
        self._stop.set()
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout_s)

    def _run(self) -> None:
        waiter: ChangeWaiter | None = None
        feed: ChangeFeed | None = self._feed
        failing = False
        last_read = time.monotonic()
        while not self._stop.is_set() and shiboken6.isValid(self):
            asked = self._wake.is_set()
            self._wake.clear()
            try:
                if waiter is None or feed is None:
                    feed = feed or ChangeFeed()
                    waiter = ChangeWaiter()
                if waiter.sqlite:
                    woke = waiter.wait(0)
                else:
                    woke = waiter.wait(0.5)
                if asked or woke or time.monotonic() - last_read > PG_SAFETY_SECONDS:
                    last_read = time.monotonic()
                    found = feed.read()
                    if found and not self._stop.is_set():
                        self.arrived.emit(found)
                if failing:
                    failing = False
                    self.trouble.emit(False)
            except Exception:  # the database went away: say so, try again shortly
                if waiter is not None:
                    try:
                        waiter.close()
                    except Exception:  # noqa: BLE001 - already broken
                        pass
                waiter = None
                if not failing and not self._stop.is_set():
                    failing = True
                    self.trouble.emit(True)
                self._wake.wait(2.0)
                continue
            if waiter.sqlite:
                self._wake.wait(SQLITE_LOOK_SECONDS)
        if waiter is not None:
            try:
                waiter.close()
            except Exception:  # noqa: BLE001 - closing on the way out
                pass
        close_connection()
