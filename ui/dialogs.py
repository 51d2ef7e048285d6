"""First-run setup and login dialogs."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, Signal
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

from app import auth, setup
from app.auth import User
from app.backup.service import backup_folder_state
from app.errors import AuthenticationFailed, KefuError, ValidationError
from ui import operations
from ui.forms import FieldErrors


class SetupDialog(QDialog):
    """First start: company name, the administrator's login and password; creates the schema."""

    def __init__(self, parent: QWidget | None = None, where: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Kefu Desk — first start"))
        self.setMinimumWidth(520)  # room for a whole error line under each field
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Welcome. Name your company and create the administrator's account.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if where:
            place = QLabel(self.tr("The database: {where}").format(where=where))
            place.setObjectName("database_place")
            place.setStyleSheet("color: #555")
            place.setWordWrap(True)
            layout.addWidget(place)
        form = QFormLayout()
        self.company = QLineEdit()
        self.admin_login = QLineEdit("admin")
        self.admin_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again = QLineEdit()
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Company name"), self.company)
        form.addRow(self.tr("Administrator login"), self.admin_login)
        form.addRow(self.tr("Administrator name"), self.admin_name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.password_again)
        layout.addLayout(form)
        self.errors = FieldErrors(
            form,
            {
                "company": self.company,
                "login": self.admin_login,
                "name": self.admin_name,
                "password": self.password,
                "password_again": self.password_again,
            },
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        """Check the two passwords, then create the schema and the administrator off the GUI
        thread (the dialog keeps drawing); what was typed stays when it is refused."""
        if not self.buttons.isEnabled():  # already creating
            return
        problems: dict[str, str] = {}
        if not self.company.text().strip():
            problems["company"] = self.tr("The company name is required.")
        if self.password.text() != self.password_again.text():
            problems["password_again"] = self.tr("The two passwords differ.")
        if problems:
            self.errors.show(problems)
            return
        values = {
            "company": self.company.text().strip(),
            "admin_login": self.admin_login.text().strip(),
            "admin_password": self.password.text(),
            "admin_name": self.admin_name.text().strip() or None,
        }

        def work() -> tuple[Path | None, str | None]:
            setup.initialise(**values)
            return backup_folder_state()

        self.buttons.setEnabled(False)
        operations.perform(
            self,
            work,
            done=self._set_up,
            failed=self._refused,
            busy=self.tr("Creating the database…"),
        )

    def _refused(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.errors.show(exc.fields)
        else:
            operations.show_error(self, exc)

    def _set_up(self, backups: tuple[Path | None, str | None]) -> None:
        self.buttons.setEnabled(True)
        folder, problem = backups
        if folder is not None and problem is not None:
            QMessageBox.warning(
                self,
                self.tr("Backup folder"),
                self.tr(
                    "Backups cannot be written to {folder} ({problem}). Choose a writable folder "
                    "in Settings → Database."
                ).format(folder=folder, problem=problem),
            )
        super().accept()


class LoginDialog(QDialog):
    """The login, checked off the GUI thread: the dialog keeps drawing while the password is
    checked, the database answers or the pause after repeated failures runs."""

    waiting = Signal()  # too many failed attempts: the check waits before it answers

    def __init__(self, db_description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user: User | None = None
        self.outcome: auth.Login | None = None
        self.setWindowTitle(self.tr("Kefu Desk — log in"))
        layout = QVBoxLayout(self)
        where = QLabel(db_description)
        where.setStyleSheet("color: gray")
        form = QFormLayout()
        self.login = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Password"), self.password)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        layout.addWidget(where)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.waiting.connect(self._show_waiting)

    def accept(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if not ok.isEnabled():  # already checking
            return
        login, password = self.login.text(), self.password.text()
        self.buttons.setEnabled(False)
        self.message.clear()
        operations.perform(
            self,
            lambda: auth.log_in(login, password, pause=self._pause),
            done=self._logged_in,
            failed=self._refused,
            busy=self.tr("Logging in…"),
        )

    def _pause(self, seconds: float) -> None:
        """On the worker thread: the dialog says why it waits, and stays drawn meanwhile."""
        self.waiting.emit()
        time.sleep(seconds)

    def _show_waiting(self) -> None:
        self.message.setText(self.tr("Too many failed attempts: wait a few seconds…"))

    def _logged_in(self, outcome: auth.Login) -> None:
        self.buttons.setEnabled(True)
        self.message.clear()
        self.outcome = outcome
        self.user = outcome.user
        super().accept()

    def _refused(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, AuthenticationFailed):
            self.message.setText(str(exc))
            self.password.selectAll()
            self.password.setFocus()
        elif isinstance(exc, KefuError):
            self.message.setText(str(exc))
        else:
            self.message.clear()
            operations.show_error(self, exc)
