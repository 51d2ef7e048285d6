"""Restoring from the window: the run with its progress, and the dialog shown at start when the
database file is damaged (an administrator may restore the newest backup from there)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.backup import service
from app.backup.restore import RestoreReport
from app.errors import AuthenticationFailed, KefuError
from app.startup import DatabaseDamaged, close_connection, open_desk
from ui import operations
from ui.operations import show_error


def tr(text: str) -> str:
    return QCoreApplication.translate("Restore", text)


class RestoreProgress(QDialog):
    """The window shown while a restore runs (its progress on the runner's busy note)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Restore a backup"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumSize(460, 110)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Restoring the backup…")))


def run_restore(
    parent: QWidget | None,
    user: Any,
    archive: Path,
    db_url: str,
    on_finished: Callable[[bool], None],
) -> None:
    """Restore ``archive`` over the database at ``db_url`` off the GUI thread, with progress;
    tell the result, then ``on_finished(restored)``. Nothing else may use the database
    meanwhile: the caller has closed the window."""
    dialog = RestoreProgress(parent)
    dialog.show()

    def work(progress: Callable[[int, int], None]) -> RestoreReport:
        open_desk(db_url, check=False, damaged_ok=True)
        return service.restore_backup(user, archive, db_url, progress=progress)

    def done(report: RestoreReport) -> None:
        dialog.close()
        dialog.deleteLater()
        failed = [c for c in report.checks if not c.ok]
        text = tr("Restored {file}.").format(file=report.archive.name)
        if report.safety_backup is not None:
            text += "\n" + tr("The database as it was before is kept in {file}.").format(
                file=report.safety_backup
            )
        if failed:
            text += "\n\n" + tr("The check after the restore found problems:") + "\n"
            text += "\n".join(f"{c.label}: {c.detail}" for c in failed)
            QMessageBox.warning(parent, tr("Restore a backup"), text)
        else:
            text += "\n" + tr("The database check found nothing wrong. Please log in again.")
            QMessageBox.information(parent, tr("Restore a backup"), text)
        on_finished(True)

    def failed(exc: Exception) -> None:
        dialog.close()
        dialog.deleteLater()
        show_error(parent, exc)
        on_finished(False)

    operations.run_with_progress(dialog, tr("Restoring the backup…"), work, done, failed)


class DamagedDatabaseDialog(QDialog):
    """The database file is damaged: say so, name the newest backup, and let an administrator
    restore it (their login is checked against the backup when the file cannot be read)."""

    def __init__(self, damage: DatabaseDamaged, db_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.damage = damage
        self.db_url = db_url
        self.restored = False
        self.setWindowTitle(self.tr("Kefu Desk — the database is damaged"))
        layout = QVBoxLayout(self)
        self.message = QLabel(str(damage))
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        self.login = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828")
        buttons = QDialogButtonBox()
        self.quit_button = buttons.addButton(
            self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.quit_button.clicked.connect(self.reject)
        self.restore_button = None
        if damage.newest_backup is not None:
            intro = QLabel(self.tr("An administrator can restore this backup now:"))
            layout.addWidget(intro)
            form = QFormLayout()
            form.addRow(self.tr("Administrator login"), self.login)
            form.addRow(self.tr("Password"), self.password)
            layout.addLayout(form)
            layout.addWidget(self.error)
            self.restore_button = buttons.addButton(
                self.tr("Restore the newest backup"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.restore_button.clicked.connect(self.restore)
        layout.addWidget(buttons)

    def restore(self) -> None:
        backup = self.damage.newest_backup
        if backup is None:
            return
        try:
            open_desk(self.db_url, check=False, damaged_ok=True)
            user = service.authenticate_for_restore(
                self.login.text(), self.password.text(), backup.path
            )
        except AuthenticationFailed as exc:
            self.error.setText(str(exc))
            self.password.selectAll()
            self.password.setFocus()
            return
        except KefuError as exc:
            self.error.setText(str(exc))
            return
        close_connection()  # this thread's connection: the restore replaces the file
        self.setEnabled(False)
        run_restore(self, user, backup.path, self.db_url, self._finished)

    def _finished(self, restored: bool) -> None:
        self.setEnabled(True)
        if restored:
            self.restored = True
            self.accept()
