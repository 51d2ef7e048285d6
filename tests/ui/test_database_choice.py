"""The first start on a machine asks where the database lives and remembers it here; the
PostgreSQL password goes to the system's credential store (keyring), never into the settings."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from app import connection
from app.connection import Choice
from models.db import default_database_path
from tests.conftest import PG_URL, postgres_unavailable
from ui.context import local_settings
from ui.database_choice import DatabaseChoiceDialog, remembered_choice, start_url
from ui.dialogs import SetupDialog


class MemoryKeyring(KeyringBackend):
    """A credential store held in memory: keyring's own backend interface, set with
    ``keyring.set_keyring`` as an application on a machine without a desktop store would."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def store():
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def choose(qtbot, radio):
    """Click the round button itself, as a user does (not the empty row beside its text)."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    assert radio.isChecked()


def ok(qtbot, dialog):
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_file_on_this_computer_is_offered_first_with_its_path(qtbot):
    dialog = DatabaseChoiceDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.local.isChecked()
    assert dialog.findChild(QLabel, "local_path").text() == str(default_database_path())
    ok(qtbot, dialog)
    assert dialog.url == str(default_database_path())
    assert remembered_choice() == Choice(kind=connection.LOCAL)


def test_browsing_for_a_file_is_offered_only_for_the_shared_folder(qtbot):
    dialog = DatabaseChoiceDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    for radio, browsing in ((dialog.local, False), (dialog.server, False), (dialog.shared, True)):
        choose(qtbot, radio)
        assert dialog.browse_button.isEnabled() is browsing
        assert dialog.path.isEnabled() is browsing


def test_a_file_on_a_shared_folder_is_remembered(qtbot, tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    dialog = DatabaseChoiceDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    choose(qtbot, dialog.shared)
    ok(qtbot, dialog)
    assert dialog.errors.message_for("path")  # no file chosen yet
    dialog.path.setText(str(share / "kefu.sqlite3"))
    assert not dialog.errors.message_for("path")  # the reason goes once the path is right
    ok(qtbot, dialog)
    assert dialog.url == str(share / "kefu.sqlite3")
    assert start_url(interactive=False) == str(share / "kefu.sqlite3")


def test_a_server_whose_password_goes_to_the_credential_store(qtbot, store):
    problem = postgres_unavailable()
    if problem:
        pytest.skip(problem)
    from urllib.parse import urlparse

    server = urlparse(PG_URL)
    dialog = DatabaseChoiceDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    choose(qtbot, dialog.server)
    dialog.host.setText(server.hostname or "localhost")
    dialog.port.setValue(server.port or 5432)
    dialog.database.setText("no_such_database_here")
    dialog.user.setText(server.username or "postgres")
    dialog.password.setText("s3cret")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.test_result.text() not in ("", dialog.tr("Connecting…")))
    assert "no_such_database_here" in dialog.test_result.text()  # the server's reason, whole
    dialog.database.setText(server.path.lstrip("/"))
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.url is not None, timeout=10_000)
    choice = remembered_choice()
    assert choice is not None and choice.kind == connection.POSTGRESQL
    assert store.kept[(connection.KEYRING_SERVICE, choice.account)] == "s3cret"
    settings_text = Path(local_settings().fileName()).read_text(encoding="utf-8")
    assert "s3cret" not in settings_text
    assert start_url(interactive=False) == connection.url_of(choice, "s3cret")


def test_the_first_start_dialog_has_room_for_whole_errors(qtbot):
    dialog = SetupDialog(where="SQLite /data/kefu.sqlite3")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.company.setText("华信")
    dialog.password.setText("one-password")
    dialog.password_again.setText("another")
    dialog.accept()
    label = dialog.errors.labels["password_again"]
    assert label.isVisible()
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()


def settings_tab(qtbot, admin):
    """设置 → 数据库 in a main window (whose status bar confirms), as the administrator sees it."""
    from PySide6.QtWidgets import QMainWindow

    from ui.context import UiContext
    from ui.settings.database_tab import DatabaseTab

    window = QMainWindow()
    qtbot.addWidget(window)
    tab = DatabaseTab(UiContext(user=admin, db_description="test", language="en"))
    window.setCentralWidget(tab)
    window.show()
    return window, tab.location_box


def test_the_settings_change_this_machines_database_from_the_next_start(
    qtbot, sqlite_url, admin, tmp_path
):
    from app.i18n import install_language

    install_language("en")
    share = tmp_path / "share"
    share.mkdir()
    window, box = settings_tab(qtbot, admin)
    form = box.form
    assert form.local.isChecked()  # nothing chosen on this machine yet: the file here
    for radio, browsing in ((form.server, False), (form.local, False), (form.shared, True)):
        choose(qtbot, radio)
        assert form.browse_button.isEnabled() is browsing
        assert form.server_box.isVisible() is (radio is form.server)
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert form.errors.message_for("path")  # no file chosen yet: nothing remembered
    assert remembered_choice() is None
    form.path.setText(str(share / "kefu.sqlite3"))
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert remembered_choice() == Choice(kind=connection.SHARED, path=str(share / "kefu.sqlite3"))
    said = window.statusBar().currentMessage()
    assert "next start" in said and str(share / "kefu.sqlite3") in said
    assert "next time" in box.note.text() or "next start" in box.note.text()
    assert start_url(interactive=False) == str(share / "kefu.sqlite3")  # the next start's
    _window, again = settings_tab(qtbot, admin)  # shown again: the remembered choice
    assert again.form.shared.isChecked()
    assert again.form.path.text() == str(share / "kefu.sqlite3")


def test_the_settings_keep_a_servers_password_in_the_credential_store(
    qtbot, sqlite_url, admin, store
):
    problem = postgres_unavailable()
    if problem:
        pytest.skip(problem)
    from urllib.parse import urlparse

    server = urlparse(PG_URL)
    _window, box = settings_tab(qtbot, admin)
    form = box.form
    choose(qtbot, form.server)
    form.host.setText(server.hostname or "localhost")
    form.port.setValue(server.port or 5432)
    form.database.setText(server.path.lstrip("/"))
    form.user.setText(server.username or "postgres")
    form.password.setText("s3cret")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: remembered_choice() is not None, timeout=10_000)
    choice = remembered_choice()
    assert choice is not None and choice.kind == connection.POSTGRESQL
    assert store.kept[(connection.KEYRING_SERVICE, choice.account)] == "s3cret"
    assert "s3cret" not in Path(local_settings().fileName()).read_text(encoding="utf-8")
    assert form.test_result.text() == form.tr("Connected.")


def test_the_settings_switch_to_the_chosen_database_now_asking_about_unsaved_work(
    qtbot, sqlite_url, admin, tmp_path, monkeypatch
):
    """设置 → 数据库 → Switch now: as at a logout, typed work is asked about first (Cancel keeps
    the desk where it is); then the window closes, the team's file on the shared folder opens
    and the user logs in there."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app import setup
    from app.i18n import install_language
    from app.startup import leave_desk
    from models import Customer
    from models.db import close_database, describe, open_database
    from tests.conftest import PASSWORD
    from ui import operations
    from ui.application import GuiSession
    from ui.dialogs import LoginDialog

    install_language("en")
    other = tmp_path / "share" / "kefu.sqlite3"
    other.parent.mkdir()
    open_database(str(other))
    setup.initialise(company="华信", admin_password=PASSWORD)
    Customer.create(name="共享文件夹上的客户")
    close_database()
    open_database(sqlite_url)

    session = GuiSession(QApplication.instance(), sqlite_url, "en")
    session.show_main(admin)
    first = session.window
    page = first.page("settings")
    qtbot.waitUntil(lambda: page.general.loaded is not None)
    page.general.editors["company_name"].setText("typed, not saved")  # unsaved work
    box = page.database.location_box
    choose(qtbot, box.form.shared)
    box.form.path.setText(str(other))

    offered: list[str] = []

    def switch_now(message_box: QMessageBox) -> int:
        offered.append(message_box.text())
        [now] = [b for b in message_box.buttons() if b.text() == "Switch now"]
        now.click()
        return 0

    asked: list[str] = []
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]

    def unsaved(_parent, _title, text, *_args):
        asked.append(text)
        return answers[len(asked) - 1]

    logins: list[LoginDialog] = []

    def log_in(dialog: LoginDialog) -> int:
        logins.append(dialog)
        dialog.login.setText("admin")
        dialog.password.setText(PASSWORD)
        dialog.accept()
        assert operations.runner().wait_until_idle()
        return dialog.result()

    monkeypatch.setattr(QMessageBox, "exec", switch_now)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(unsaved))
    monkeypatch.setattr(LoginDialog, "exec", log_in)

    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert str(other) in offered[0] and "next time" in offered[0]
    assert "team settings" in asked[0]  # asked as at a logout; Cancel: the desk stays
    assert session.window is first and first.isVisible() and not logins
    assert session.db_url == sqlite_url

    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)  # and Discard this time
    qtbot.waitUntil(lambda: bool(logins), timeout=30000)
    assert len(asked) == 2
    assert str(other) in logins[0].windowTitle() + " ".join(
        label.text() for label in logins[0].findChildren(QLabel)
    )
    assert session.db_url == str(other) and session.window is not first
    assert session.window.ctx.db_description == describe(str(other))
    assert [c.name for c in Customer.select()] == ["共享文件夹上的客户"]
    assert remembered_choice() == Choice(kind=connection.SHARED, path=str(other))
    session.window.discard_unsaved_work()
    session.window.close()
    session.window.deleteLater()
    operations.runner().wait_until_idle()
    leave_desk()


def test_a_desk_started_with_kefu_db_says_the_choice_waits_for_a_start_without_it(
    qtbot, sqlite_url, admin, tmp_path
):
    """KEFU_DB (as the README has a team set on every desk) or --db comes before this computer's
    choice: the tab says so, and saving says when the choice is used."""
    from PySide6.QtWidgets import QApplication

    from app.i18n import install_language
    from ui.application import GuiSession

    install_language("en")
    session = GuiSession(QApplication.instance(), sqlite_url, "en")
    session.named_by = "KEFU_DB"
    session.show_main(admin)
    window = session.window
    window.discard_unsaved_work()
    box = window.page("settings").database.location_box
    assert "KEFU_DB" in box.note.text() and "comes before" in box.note.text()
    box.switch = None  # no question about switching now
    box.form.path.setText(str(tmp_path / "kefu.sqlite3"))
    choose(qtbot, box.form.shared)
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    said = window.statusBar().currentMessage()
    assert "without KEFU_DB" in said and str(tmp_path / "kefu.sqlite3") in said
    window.close()
    window.deleteLater()


def test_the_desk_does_not_switch_database_under_an_export_or_print_being_made(
    qtbot, sqlite_url, admin, tmp_path, monkeypatch
):
    """A long read (an export, a document, the database check) still reading this database:
    switching is refused with a word to wait, the window and the database stay as they were."""
    import threading

    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.i18n import install_language
    from ui import operations
    from ui.application import GuiSession
    from ui.dialogs import LoginDialog, SetupDialog

    install_language("en")
    session = GuiSession(QApplication.instance(), sqlite_url, "en")
    session.show_main(admin)
    first = session.window
    started, held = threading.Event(), threading.Event()

    def export(_progress):
        started.set()
        held.wait()  # until the test lets it go

    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, _t, text, *_a: told.append(text))
    )
    # were the desk to go over all the same, its set-up and login would be cancelled, not wait
    monkeypatch.setattr(SetupDialog, "exec", lambda _self: 0)
    monkeypatch.setattr(LoginDialog, "exec", lambda _self: 0)
    try:
        operations.read_with_progress(first, "Exporting…", export, lambda _result: None)
        qtbot.waitUntil(started.is_set)
        session.switch_database(str(tmp_path / "other.sqlite3"))
        assert told and "try again when it has finished" in told[0]
        assert session.window is first and first.isVisible()
        assert session.db_url == sqlite_url
        assert not (tmp_path / "other.sqlite3").exists()
    finally:
        held.set()
    operations.runner().wait_until_idle()
    first.close()
    first.deleteLater()
    operations.runner().wait_until_idle()
