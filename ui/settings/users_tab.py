"""Administrators add users, edit them, disable them and reset passwords (each read and each
change off the GUI thread)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import auth
from app.auth import User
from app.errors import KefuError, ValidationError
from ui import operations
from ui.context import UiContext
from ui.forms import FieldErrors
from ui.tables import select_key, selected_key


class UserDialog(QDialog):
    """Add a user (with a password) or edit one (without)."""

    def __init__(self, ctx: UiContext, user: User | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.setWindowTitle(self.tr("Edit user") if user else self.tr("Add user"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.login = QLineEdit(user.login if user else "")
        self.login.setReadOnly(user is not None)
        self.name = QLineEdit(user.name if user else "")
        self.employee_no = QLineEdit(user.employee_no if user else "")
        self.role = QComboBox()
        for role in auth.ROLES:
            self.role.addItem(auth.role_label(role), role)
        self.role.setCurrentIndex(max(self.role.findData(user.role if user else "agent"), 0))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Employee number"), self.employee_no)
        form.addRow(self.tr("Role"), self.role)
        fields = {
            "login": self.login,
            "name": self.name,
            "employee_no": self.employee_no,
            "role": self.role,
        }
        if user is None:
            form.addRow(self.tr("Password"), self.password)
            fields["password"] = self.password
        layout.addLayout(form)
        self.errors = FieldErrors(form, fields)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        """Save off the GUI thread; the dialog closes once saved, keeps what was typed if not."""
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if not ok.isEnabled():  # already saving
            return
        actor, user = self.ctx.user, self.user
        login, password = self.login.text(), self.password.text()
        values = {
            "name": self.name.text(),
            "employee_no": self.employee_no.text(),
            "role": self.role.currentData(),
        }

        def save() -> User:
            if user is None:
                return auth.create_user(actor, login, password=password, **values)
            auth.update_user(actor, user, **values)
            return user

        ok.setEnabled(False)
        operations.perform(self, save, done=self._saved, failed=self._refused)

    def _saved(self, user: User) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.user = user
        super().accept()

    def _refused(self, exc: Exception) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        if isinstance(exc, ValidationError):
            self.errors.show(exc.fields)
        elif isinstance(exc, KefuError):
            self.errors.show({"": str(exc)})
        else:
            operations.show_error(self, exc)


class UsersTab(QWidget):
    COLUMNS = ("login", "name", "employee_no", "role", "active", "last_login")

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.users: dict[int, User] = {}
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add user…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.toggle_button = QPushButton(self.tr("Disable"))
        self.password_button = QPushButton(self.tr("Reset password…"))
        for button in (self.add_button, self.edit_button, self.toggle_button, self.password_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Login"),
                self.tr("Name"),
                self.tr("Employee number"),
                self.tr("Role"),
                self.tr("Active"),
                self.tr("Last login"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self.edit_user)
        layout.addWidget(self.table)
        self.add_button.clicked.connect(self.add_user)
        self.edit_button.clicked.connect(self.edit_user)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.password_button.clicked.connect(self.reset_password)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        """Reload the users off the GUI thread; the same user stays selected, wherever the sort
        puts them."""
        operations.query(self, auth.all_users, done=self._show, slot="users")

    def _show(self, users: list[User]) -> None:
        chosen = self.selected_user()
        self.users = {user.id: user for user in users}
        self.table.setSortingEnabled(False)
        self.table.clearSelection()
        self.table.setRowCount(len(users))
        for row, user in enumerate(users):
            values = [
                user.login,
                user.name,
                user.employee_no,
                auth.role_label(user.role),
                self.tr("yes") if user.active else self.tr("no"),
                user.last_login_at.strftime("%Y-%m-%d %H:%M") if user.last_login_at else "",
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, user.id)
                if not user.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
        if chosen is not None:
            select_key(self.table, chosen.id)
        self._update_buttons()

    def selected_user(self) -> User | None:
        key = selected_key(self.table)
        return self.users.get(int(key)) if key is not None else None

    def _update_buttons(self) -> None:
        user = self.selected_user()
        for button in (self.edit_button, self.toggle_button, self.password_button):
            button.setEnabled(user is not None)
        if user is not None:
            self.toggle_button.setText(self.tr("Disable") if user.active else self.tr("Enable"))

    def add_user(self) -> None:
        dialog = UserDialog(self.ctx, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def edit_user(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        if UserDialog(self.ctx, user, self).exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def toggle_active(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        actor, active = self.ctx.user, not user.active
        operations.perform(
            self,
            lambda: auth.set_active(actor, user, active),
            done=lambda _none: self.refresh(),
            failed=self._refused,
        )

    def _refused(self, exc: Exception) -> None:
        if isinstance(exc, KefuError):
            QMessageBox.warning(self, self.tr("Users"), str(exc))
        else:
            operations.show_error(self, exc)
        self.refresh()

    def reset_password(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        password, ok = QInputDialog.getText(
            self,
            self.tr("Reset password"),
            self.tr("New password for {name}:").format(name=user.name),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        actor = self.ctx.user
        operations.perform(
            self,
            lambda: auth.reset_password(actor, user, password),
            done=lambda _none: QMessageBox.information(
                self, self.tr("Users"), self.tr("The password was changed.")
            ),
            failed=self._refused,
        )
