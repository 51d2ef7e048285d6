"""Where the database lives, asked at the first start on this machine and remembered here:
本机文件 (the default file), 共享文件夹上的文件 (a file on the team's shared folder) or a PostgreSQL
server (with a connection test). The choice is kept in this machine's settings, the server's
password in the system's credential store (``app.connection``)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
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


class DatabaseChoiceDialog(QDialog):
    def __init__(self, choice: Choice | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        choice = choice or Choice()
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
        self.kinds = QButtonGroup(self)
        self.local = QRadioButton(self.tr("A file on this computer"))
        self.local.setObjectName("kind_local")
        local_path = QLabel(str(Choice().file()))
        local_path.setObjectName("local_path")
        local_path.setStyleSheet("color: #555; margin-left: 24px")
        local_path.setWordWrap(True)
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
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        {connection.SHARED: self.shared, connection.POSTGRESQL: self.server}.get(
            choice.kind, self.local
        ).setChecked(True)
        self.kinds.idToggled.connect(lambda _id, _on: self._enable())
        self._enable()

    def _enable(self) -> None:
        self.path.setEnabled(self.shared.isChecked())
        self.browse_button.setEnabled(self.shared.isChecked())  # a file only for a shared folder
        self.server_box.setEnabled(self.server.isChecked())

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

    def accept(self) -> None:
        choice = self.choice()
        found = connection.problems(choice)
        if found:
            self.errors.show(found)
            return
        if choice.kind != connection.POSTGRESQL:
            self._finish(choice, connection.url_of(choice))
            return
        password = self.password.text()
        self.test_connection(then=lambda: self._keep_password(choice, password))

    def _keep_password(self, choice: Choice, password: str) -> None:
        if not connection.store_password(choice, password):
            QMessageBox.warning(
                self,
                self.windowTitle(),
                self.tr(
                    "This computer has no credential store: the password is not kept and "
                    "will be asked at the next start."
                ),
            )
        self._finish(choice, connection.url_of(choice, password))

    def _finish(self, choice: Choice, url: str) -> None:
        remember(choice)
        self.url = url
        super().accept()
