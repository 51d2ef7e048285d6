"""The one way widgets reach the database: every use case and every query runs off the GUI thread.

- ``perform(owner, call, done=..., failed=...)`` runs a use case (``call()`` wraps the function
  from ``app/`` with the values the user gave). Changes run one after another, in the order the
  user asked for them. Its result is delivered to ``done(value)`` on the GUI thread, then every
  screen showing something it changed refreshes (:data:`Runner.executed` carries the
  :class:`~app.changes.Changes`).
- ``query(owner, call, done=..., slot=...)`` reads. Queries run side by side; a newer query of
  the same ``owner`` and ``slot`` replaces an older one still running (a search typed further
  shows only its own result).
- ``run_with_progress(owner, label, work, done)`` is a change for long work that reports
  ``progress(done, total)`` (imports, the week pattern, backups); ``read_with_progress`` the
  same for long work that only reads (exports, printing): it runs beside the changes and the
  page loads (readers of its own), so a save made while a month's sheet prints does not wait
  for it, nor does the list the user opens meanwhile.

Each worker thread uses its own database connection and closes it when the work is done. A task
that is not done within :data:`BUSY_AFTER_MS` shows a busy note on its owner (the page or the
dialog, never a modal window), so the user can keep reading and typing while it waits. An error
goes to ``failed(exc)`` or, without one, is shown as one clear line.

:class:`ChangeWatcher` brings the other desks' changes as the same kind of change set.
"""

from __future__ import annotations

import queue
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

from app.changes import ChangeFeed, Changes, ChangeWaiter, look_interval
from app.errors import KefuError
from app.operations import Outcome, close_connection, is_database_trouble
from app.operations import perform as perform_use_case

BUSY_AFTER_MS = 150
QUERY_THREADS = 2
LONG_READ_THREADS = 2  # exports and printing: beside the page loads, not in their way
PG_SAFETY_SECONDS = 30.0  # a PostgreSQL desk also reads the audit trail this often
RETRY_SECONDS = 2.0  # after the database stopped answering, the next try

Progress = Callable[[int, int], None]


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object, str)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], gate: threading.Event | None) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.gate = gate
        self.signals = _Signals()

    def report(self, done: int, total: int) -> None:
        self.signals.progress.emit(done, total)

    @Slot()
    def run(self) -> None:
        if self.gate is not None:
            self.gate.wait()  # on the worker thread; set however the work before it ended
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
        self.long_reads_pool = QThreadPool(self)
        self.long_reads_pool.setMaxThreadCount(LONG_READ_THREADS)
        self._jobs: set[_Job] = set()
        self._latest: dict[tuple[int, str], Task] = {}
        self._pending = 0
        self._delivering = 0  # results being handed to their ``done``/``failed`` right now
        self._ids = count(1)
        self._gate: threading.Event | None = None

    def hold_until(self, gate: threading.Event) -> None:
        """Work submitted from now on starts once ``gate`` is set (its worker thread waits, the
        GUI thread never does): something read first on another thread comes before it."""
        self._gate = gate

    def idle(self) -> bool:
        """Nothing running and nothing waiting to be delivered."""
        return self._pending == 0

    def long_work_running(self) -> bool:
        """A long read (an export, a document, the database check) is under way."""
        return self.long_reads_pool.activeThreadCount() > 0

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
        long: bool = False,
    ) -> Task:
        """Run ``work(progress)``: a change (``changes``: one after another, in order) or a read
        (side by side; ``long`` for exports and printing, which have readers of their own)."""
        task = Task(owner, busy, slot)
        if slot is not None and owner is not None:
            key = (id(owner), slot)
            previous = self._latest.get(key)
            if previous is not None:
                previous.cancel()
            self._latest[key] = task
        gate = self._gate
        if gate is not None and gate.is_set():
            gate = self._gate = None
        job = _Job(work, gate)
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
            self._delivering += 1
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
                self._delivering -= 1
                self._release()

        def fail(exc: Exception, trace: str) -> None:
            self._delivering += 1
            try:
                settle()
                if task.cancelled or not _alive(owner):
                    return
                if failed is not None:
                    failed(exc)
                else:
                    show_error(owner, exc, trace)
            finally:
                self._delivering -= 1
                self._release()

        job.signals.finished.connect(finish)
        job.signals.failed.connect(fail)
        if changes:
            self.changes_pool.start(job)
        else:
            (self.long_reads_pool if long else self.queries_pool).start(job)
        return task

    def _release(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.idle_changed.emit(True)

    def wait_until_idle(self, timeout_s: float = 30.0) -> bool:
        """Deliver what is running (the GUI thread keeps working meanwhile); False on timeout.

        Called from a ``done`` or ``failed`` (a restore closes the window from the answer to its
        question), the results being delivered, that one among them, are not waited for: they
        cannot end before this returns."""
        deadline = time.monotonic() + timeout_s
        app = QCoreApplication.instance()
        while self._pending > self._delivering:
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
    """Long work that changes data (an import, a backup) with its progress on the owner's busy
    note; what it writes refreshes the screens like any other change."""
    return runner().submit(owner, work, changes=True, done=on_done, failed=failed, busy=label)


def read_with_progress(
    owner: QWidget,
    label: str,
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
    failed: Callable[[Exception], None] | None = None,
) -> Task:
    """Long work that only reads (an export, a document to print or save) with its progress on
    the owner's busy note. It does not wait for the changes asked for before it, nor they for it;
    ``cancel()`` on the task drops its result."""
    return runner().submit(
        owner, work, changes=False, done=on_done, failed=failed, busy=label, long=True
    )


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
    """Reads the other desks' changes off the GUI thread and hands them over as change sets.

    A timer on the GUI thread decides when to look (a SQLite desk every second, a PostgreSQL desk
    twice a second); each look is handed to a thread of the watcher's own, with a connection of
    its own, which asks the database something cheap: SQLite's ``PRAGMA data_version`` (touches no
    table), or whether a PostgreSQL notification on ``kefu_changes`` came in (no round trip). Only
    when something moved does it read the audit trail. The thread waits for the next look without
    a timeout and the timer is Qt's, so the watcher keeps working when the clock is faked
    (libfaketime moves the monotonic clock too, and a thread's timed wait then never comes back).
    A look still running when the timer fires again is not doubled."""

    arrived = Signal(object)
    trouble = Signal(bool)  # True: the database stopped answering; False: it answers again
    _looked = Signal()  # from the watcher's thread: one look done

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._requests: queue.SimpleQueue[bool | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._looking = False  # a look was handed to the thread and is not done yet
        self._asked = False  # look_now() while a look was under way: look again after it
        self._stopped = threading.Event()  # only set and tested, never waited on
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._looked.connect(self._look_done)
        _watchers.add(self)

    def start(self) -> None:
        if self._thread is not None:
            return
        # where the feed starts is read on the watcher's thread before any work asked for from
        # now on (the pages' first loads) reads: a change committed between a page's load and
        # the feed's start is not taken as seen
        started = threading.Event()
        runner().hold_until(started)
        self._requests = queue.SimpleQueue()  # a restarted watcher: nothing left from before
        self._stopped = threading.Event()
        self._looking = self._asked = False
        self._thread = threading.Thread(
            target=self._run,
            args=(self._requests, self._stopped, started),
            name="kefu-changes",
            daemon=True,
        )
        self._thread.start()
        self._timer.start(round(look_interval() * 1000))
        self._post(asked=True)  # the first look at once

    def look_now(self) -> None:
        """Read the audit trail at once instead of at the next look."""
        self._post(asked=True)

    def stop(self, timeout_s: float = 3.0) -> None:
        """Stop looking; the thread ends once a look under way is done (waited for up to
        ``timeout_s``, by looking whether it ended: no timed wait)."""
        if shiboken6.isValid(self._timer):  # gone with the window already at the application's end
            self._timer.stop()
        self._stopped.set()
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._requests.put(None)
        if thread is threading.current_thread():
            return
        deadline = time.monotonic() + timeout_s
        while thread.is_alive() and time.monotonic() < deadline:
            QThread.msleep(5)

    def _tick(self) -> None:
        self._post(asked=False)

    def _post(self, *, asked: bool) -> None:
        if self._thread is None:
            return
        if self._looking:
            self._asked = self._asked or asked
            return
        self._looking = True
        self._requests.put(asked)

    def _look_done(self) -> None:
        self._looking = False
        if self._asked:
            self._asked = False
            self._post(asked=True)

    def _run(
        self,
        requests: queue.SimpleQueue[bool | None],
        stopped: threading.Event,
        started: threading.Event,
    ) -> None:
        waiter: ChangeWaiter | None = None
        feed: ChangeFeed | None = None
        try:
            feed = ChangeFeed()
        except Exception:  # noqa: BLE001 - the first look tries again and reports the trouble
            feed = None
        finally:
            started.set()  # the work waiting for it goes on, whatever happened
        failing = False
        retry_at = 0.0
        last_read = time.monotonic()
        while True:
            asked = requests.get()  # no timeout: the GUI thread's timer says when
            if asked is None or stopped.is_set() or not shiboken6.isValid(self):
                break
            try:
                if failing and not asked and time.monotonic() < retry_at:
                    continue  # the database went away: try again shortly, not at every look
                if waiter is None or feed is None:
                    if feed is None:  # it could not start with the pages' first readings:
                        feed = ChangeFeed()  # what other desks wrote since is not in it
                        if not stopped.is_set():
                            self.arrived.emit(Changes.everything())
                    waiter = ChangeWaiter()
                    asked = True  # what was written before the waiter began is read too
                woke = waiter.wait(0)
                if asked or woke or time.monotonic() - last_read > PG_SAFETY_SECONDS:
                    last_read = time.monotonic()
                    found = feed.read()
                    if found and not stopped.is_set():
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
                retry_at = time.monotonic() + RETRY_SECONDS
                if not failing and not stopped.is_set():
                    failing = True
                    self.trouble.emit(True)
            finally:
                if not stopped.is_set() and shiboken6.isValid(self):
                    self._looked.emit()
        if waiter is not None:
            try:
                waiter.close()
            except Exception:  # noqa: BLE001 - closing on the way out
                pass
        close_connection()
