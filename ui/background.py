"""Long work off the GUI thread: one runner with progress and results delivered on the GUI thread.

``run_with_progress(parent, label, work, on_done)`` runs ``work(progress)`` in Qt's thread pool;
``progress(done, total)`` may be called from the work to move the dialog's bar. Errors a user
caused (``KefuError``) are shown as a message; others too, never crashing the window.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.errors import KefuError
from models import database


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object, str)


class Job(QRunnable):
    def __init__(self, work: Callable[[Callable[[int, int], None]], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def report(self, done: int, total: int) -> None:
        self.signals.progress.emit(done, total)

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(self.report)
        except Exception as exc:  # delivered to the GUI thread, shown there
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.finished.emit(result)
        finally:
            if database.obj is not None and not database.is_closed():
                database.close()  # this worker thread's own connection


_running: set[Job] = set()


def run_in_background(
    work: Callable[[Callable[[int, int], None]], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException, str], None],
    on_progress: Callable[[int, int], None] | None = None,
) -> Job:
    job = Job(work)
    _running.add(job)
    if on_progress is not None:
        job.signals.progress.connect(on_progress)

    def finished(result: Any) -> None:
        _running.discard(job)
        on_done(result)

    def failed(exc: BaseException, trace: str) -> None:
        _running.discard(job)
        on_error(exc, trace)

    job.signals.finished.connect(finished)
    job.signals.failed.connect(failed)
    QThreadPool.globalInstance().start(job)
    return job


def run_with_progress(
    parent: QWidget,
    label: str,
    work: Callable[[Callable[[int, int], None]], Any],
    on_done: Callable[[Any], None],
) -> Job:
    """Run ``work`` with a modal progress dialog; ``on_done(result)`` runs on the GUI thread."""
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(300)
    dialog.setWindowTitle(QCoreApplication.translate("Background", "Working…"))

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(done)

    def done(result: Any) -> None:
        dialog.reset()
        dialog.deleteLater()
        on_done(result)

    def error(exc: BaseException, trace: str) -> None:
        dialog.reset()
        dialog.deleteLater()
        show_error(parent, exc, trace)

    return run_in_background(work, done, error, progress)


def show_error(parent: QWidget | None, exc: BaseException, trace: str = "") -> None:
    if isinstance(exc, KefuError):
        QMessageBox.warning(parent, QCoreApplication.translate("Background", "Kefu Desk"), str(exc))
    else:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("Background", "Kefu Desk"))
        box.setText(str(exc) or exc.__class__.__name__)
        if trace:
            box.setDetailedText(trace)
        box.open()
