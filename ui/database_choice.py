"""Where the database lives, asked at the first start on this machine and remembered here:
本机文件 (the default file), 共享文件夹上的文件 (a file on the team's shared folder) or a PostgreSQL
server (with a connection test). The choice is kept in this machine's settings, the server's
password in the system's credential store (``app.connection``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import connection
from app.connection import Choice
from ui import operations
from ui.context import local_settings
from ui.forms import FieldErrors
from ui.status import confirm

KEYS = ("kind", "path", "host", "port", "database", "user")


def remembered_choice() -> Choice | None:
    """This machine's choice, if one was made."""
    settings = local_settings()
    kind = settings.value("database/kind")
    if kind not in connection.KINDS:
        return None
    defaults = Choice()
    try:
        port = int(settings.value("database/port", defaults.port))
    except (TypeError, ValueError):
        port = defaults.port
    return Choice(
        kind=str(kind),
        path=str(settings.value("database/path", "") or ""),
        host=str(settings.value("database/host", defaults.host) or defaults.host),
        port=port,
        database=str(settings.value("database/database", defaults.database) or ""),
        user=str(settings.value("database/user", defaults.user) or ""),
    )


def remember(choice: Choice) -> None:
    """Keep the choice for this machine (never the password)."""
    settings = local_settings()
    for key in KEYS:
        settings.setValue(f"database/{key}", getattr(choice, key))
    settings.sync()


def start_url(interactive: bool) -> str | None:
    """The database of this machine's desk: the remembered choice (the server's password from
    the credential store), else asked at the first start; None when the user gave up."""
    choice = remembered_choice()
    if choice is not None:
        if choice.kind != connection.POSTGRESQL:
            return connection.url_of(choice)
        password = connection.stored_password(choice)
        if password is not None or not interactive:
            return connection.url_of(choice, password or "")
    elif not interactive or Choice().file().exists():
        return connection.url_of(Choice())  # the file this machine already works with
    dialog = DatabaseChoiceDialog(choice)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.url


class DatabaseChoiceForm(QWidget):
    """The three places a database can live, with the server's fields and its connection test;
    ``save(then)`` checks the choice (a server by connecting), keeps the password in the
    credential store, remembers the choice on this machine and hands the URL to ``then``.

    ``compact``: the server's fields show only while the server is chosen (the settings tab);
    otherwise they are there and enabled only then (the first start's dialog)."""

    def __init__(
        self, choice: Choice | None = None, parent: QWidget | None = None, compact: bool = False
    ) -> None:
        super().__init__(parent)
        choice = choice or Choice()
        self.compact = compact
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.kinds = QButtonGroup(self)
        self.local = QRadioButton(self.tr("A file on this computer"))
        self.local.setObjectName("kind_local")
        local_path = QLabel(str(Choice().file()))
        local_path.setObjectName("local_path")
        local_path.setStyleSheet("color: #555; margin-left: 24px")
        local_path.setWordWrap(True)
        local_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.shared = QRadioButton(self.tr("A file on a shared folder"))
        self.shared.setObjectName("kind_shared")
        self.path = QLineEdit(choice.path)
        self.path.setObjectName("shared_path")
        self.path.setPlaceholderText(self.tr("e.g. \\\\server\\kefu\\kefu.sqlite3"))
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setObjectName("browse")
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.setContentsMargins(24, 0, 0, 0)
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse_button)
        self.server = QRadioButton(self.tr("A PostgreSQL server"))
        self.server.setObjectName("kind_postgresql")
        for index, button in enumerate((self.local, self.shared, self.server)):
            self.kinds.addButton(button, index)
        form = QFormLayout()
        form.setContentsMargins(24, 0, 0, 0)
        self.host = QLineEdit(choice.host)
        self.host.setObjectName("host")
        self.port = QSpinBox()
        self.port.setObjectName("port")
        self.port.setRange(1, 65535)
        self.port.setValue(choice.port)
        self.database = QLineEdit(choice.database)
        self.database.setObjectName("database")
        self.user = QLineEdit(choice.user)
        self.user.setObjectName("user")
        self.password = QLineEdit(connection.stored_password(choice) or "")
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.test_button = QPushButton(self.tr("Test the connection"))
        self.test_button.setObjectName("test_connection")
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel()
        self.test_result.setObjectName("test_result")
        self.test_result.setWordWrap(True)
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.database)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.test_button, self.test_result)
        self.server_box = QWidget()
        self.server_box.setLayout(form)
        layout.addWidget(self.local)
        layout.addWidget(local_path)
        layout.addWidget(self.shared)
        layout.addLayout(path_row)
        layout.addWidget(self.server)
        layout.addWidget(self.server_box)
        self.errors = FieldErrors(
            form,
            {
                "path": self.path,
                "host": self.host,
                "port": self.port,
                "database": self.database,
                "user": self.user,
            },
            check=lambda key: connection.problems(self.choice()).get(key, ""),
        )
        {connection.SHARED: self.shared, connection.POSTGRESQL: self.server}.get(
            choice.kind, self.local
        ).setChecked(True)
        self.kinds.idToggled.connect(lambda _id, _on: self._enable())
        self._enable()

    def _enable(self) -> None:
        shared = self.shared.isChecked()
        self.path.setEnabled(shared)
        self.browse_button.setEnabled(shared)  # a file to choose only for a shared folder
        self.server_box.setEnabled(self.server.isChecked())
        if self.compact:
            self.server_box.setVisible(self.server.isChecked())

    def choice(self) -> Choice:
        kind = connection.KINDS[max(self.kinds.checkedId(), 0)]
        return Choice(
            kind=kind,
            path=self.path.text().strip(),
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
        )

    def browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("The database file on the shared folder"),
            self.path.text() or "kefu.sqlite3",
            self.tr("Kefu Desk database (*.sqlite3);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.path.setText(name)
            self.shared.setChecked(True)

    def test_connection(self, then=None) -> None:  # type: ignore[no-untyped-def]
        """Connect once, off the window's thread; say how it went beside the button."""
        choice = self.choice()
        password = self.password.text()
        found = connection.problems(choice)
        if found:
            self.errors.show(found)
            return
        self.test_result.setStyleSheet("")
        self.test_result.setText(self.tr("Connecting…"))

        def worked(_result: object) -> None:
            self.test_result.setStyleSheet("color: #2e7d32")
            self.test_result.setText(self.tr("Connected."))
            if then is not None:
                then()

        def failed(exc: Exception) -> None:
            self.test_result.setStyleSheet("color: #c62828")
            self.test_result.setText(str(exc))

        operations.query(
            self,
            lambda: connection.check_server(choice, password),
            done=worked,
            failed=failed,
            slot="connection",
            busy="",
        )

    def save(self, then: Callable[[str], None]) -> None:
        """Check the choice (a server by connecting to it), keep the server's password in the
        credential store, remember the choice on this machine, then ``then(url)``."""
        choice = self.choice()
        found = connection.problems(choice)
        if found:
            self.errors.show(found)
            return
        if choice.kind != connection.POSTGRESQL:
            remember(choice)
            then(connection.url_of(choice))
            return
        password = self.password.text()
        self.test_connection(then=lambda: self._keep_password(choice, password, then))

    def _keep_password(self, choice: Choice, password: str, then: Callable[[str], None]) -> None:
        if not connection.store_password(choice, password):
            QMessageBox.warning(
                self,
                self.window().windowTitle(),
                self.tr(
                    "This computer has no credential store: the password is not kept and "
                    "will be asked at the next start."
                ),
            )
        remember(choice)
        then(connection.url_of(choice, password))


class DatabaseChoiceDialog(QDialog):
    """The first start on a machine: where the database lives (:class:`DatabaseChoiceForm`)."""

    def __init__(self, choice: Choice | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url: str | None = None
        self.setWindowTitle(self.tr("Kefu Desk — where the database lives"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Every desk of the team works on one database. Choose where it lives; this "
                "computer remembers the choice."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = DatabaseChoiceForm(choice, self)
        layout.addWidget(self.form)
        form = self.form
        self.local, self.shared, self.server = form.local, form.shared, form.server
        self.path, self.browse_button = form.path, form.browse_button
        self.host, self.port, self.database = form.host, form.port, form.database
        self.user, self.password = form.user, form.password
        self.test_button, self.test_result, self.errors = (
            form.test_button,
            form.test_result,
            form.errors,
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def choice(self) -> Choice:
        return self.form.choice()

    def test_connection(self, then=None) -> None:  # type: ignore[no-untyped-def]
        self.form.test_connection(then)

    def accept(self) -> None:
        self.form.save(self._finish)

    def _finish(self, url: str) -> None:
        self.url = url
        super().accept()


class DatabaseLocationBox(QGroupBox):
    """设置 → 数据库: where this computer's desk finds the database, the same choice as at the
    first start, remembered on this machine; the desk uses it from its next start."""

    def __init__(
        self,
        parent: QWidget | None = None,
        switch: Callable[[str], None] | None = None,
        named_by: str = "",
    ) -> None:
        """``switch(url)``: go over to the chosen database now (the window asks the user).
        ``named_by``: "--db" or "KEFU_DB" named this start's database, which every start with
        it uses instead of the choice made here."""
        super().__init__(self.tr("Where this computer finds the database"), parent)
        self.switch = switch
        self.named_by = named_by
        self.setObjectName("database_location")
        layout = QVBoxLayout(self)
        self.form = DatabaseChoiceForm(remembered_choice(), self, compact=True)
        layout.addWidget(self.form)
        row = QHBoxLayout()
        self.note = QLabel(
            self.tr(
                "Remembered on this computer only; the change takes effect the next time Kefu "
                "Desk starts here."
            )
        )
        if named_by:
            self.note.setText(
                self.tr(
                    "This desk was started with the database given by {how}, which comes before "
                    "this computer's choice: the choice is used at a start without {how}."
                ).format(how=named_by)
            )
        self.note.setObjectName("location_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555")
        self.save_button = QPushButton(self.tr("Use from the next start"))
        self.save_button.setObjectName("save_location")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.note, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)

    def save(self) -> None:
        self.form.save(self._saved)

    def _saved(self, url: str) -> None:
        choice = self.form.choice()
        where = (
            connection.url_of(choice) if choice.kind != connection.POSTGRESQL else choice.account
        )
        if self.named_by:
            text = self.tr(
                "Saved: this desk uses the database {where} at a start without {how}."
            ).format(where=where, how=self.named_by)
        else:
            text = self.tr(
                "Saved: from the next start this desk uses the database {where}."
            ).format(where=where)
        self.note.setText(text)
        confirm(self, text)
        if self.switch is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Use the other database now?"),
            (
                self.tr(
                    "Kefu Desk can go over to the database {where} now: the window closes (you "
                    "are asked about anything not yet saved) and you log in there. Otherwise the "
                    "change takes effect the next time Kefu Desk starts here."
                )
                if not self.named_by
                else self.tr(
                    "Kefu Desk can go over to the database {where} now: the window closes (you "
                    "are asked about anything not yet saved) and you log in there. A start with "
                    "{how} uses that database again."
                )
            ).format(where=where, how=self.named_by),
            parent=self,
        )
        now = box.addButton(self.tr("Switch now"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("At the next start"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(now)
        box.exec()
        if box.clickedButton() is now:
            self.switch(url)
