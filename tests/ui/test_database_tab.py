"""设置 → 数据库 driven as an administrator drives it: what the database holds, back up now, the
check, the age of the last backup, restore with its confirmation, and the damaged file at start."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from app import auth, setup
from app.backup import service
from models import Customer
from models.db import close_database, describe, open_database
from tests.conftest import PASSWORD, TEST_NOW
from tests.sqlite_damage import fill_pages, overwrite_middle_pages
from ui import operations
from ui.application import GuiSession, prepare_database
from ui.context import UiContext
from ui.dialogs import LoginDialog
from ui.restore import DamagedDatabaseDialog
from ui.settings.database_tab import DatabaseTab
from ui.settings.page import SettingsPage


def open_tab(qtbot, user) -> DatabaseTab:
    tab = DatabaseTab(UiContext(user=user, db_description="", language="en"))
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.status is not None, timeout=30000)
    return tab


def wait_for_reload(qtbot, tab: DatabaseTab, action) -> None:
    """Run ``action`` (which ends in a reload of the screen) and wait for the new figures."""
    before = tab.status
    action()
    qtbot.waitUntil(lambda: tab.status is not before and not tab.loading, timeout=60000)


def test_only_the_administrator_has_the_database_tab(qtbot, sqlite_url, admin, manager):
    titles = {}
    for user in (admin, manager):
        page = SettingsPage(UiContext(user=user, db_description="", language="en"))
        qtbot.addWidget(page)
        if page.database is not None:
            qtbot.waitUntil(lambda p=page: p.database.status is not None, timeout=30000)
        titles[user.login] = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "Database" in titles["admin"]
    assert "Database" not in titles["manager"]


def test_the_tab_shows_the_database_and_backs_up_now(qtbot, sqlite_url, admin, time_machine):
    time_machine.move_to(TEST_NOW, tick=False)
    Customer.create(name="实验小学")
    tab = open_tab(qtbot, admin)
    assert tab.location.text() == describe(sqlite_url)
    assert "Customers 1" in tab.counts.text()
    assert tab.last_backup.text() == "none yet"
    assert "c62828" in tab.last_backup.styleSheet(), "no backup yet: shown in red"
    assert tab.table.rowCount() == 0

    wait_for_reload(qtbot, tab, tab.backup_button.click)

    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 1).text() == "by hand" and tab.table.item(0, 2).text() == "admin"
    assert "c62828" not in tab.last_backup.styleSheet()

    time_machine.move_to(TEST_NOW + dt.timedelta(days=2, hours=1), tick=False)
    wait_for_reload(qtbot, tab, tab.refresh)
    assert "2 d ago" in tab.last_backup.text()
    assert "c62828" in tab.last_backup.styleSheet(), "older than two days: red"


def test_the_check_shows_one_line_per_check(qtbot, sqlite_url, admin):
    tab = open_tab(qtbot, admin)
    tab.check_button.click()
    qtbot.waitUntil(lambda: not tab.check_result.isHidden(), timeout=60000)
    lines = tab.check_result.text().splitlines()
    assert len(lines) == 5 and all(line.startswith("✔") for line in lines)


def test_a_folder_that_cannot_be_written_is_shown_in_red(
    qtbot, sqlite_url, admin, tmp_path, monkeypatch
):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    tab = open_tab(qtbot, admin)
    tab.folder.setText(str(blocked / "backups"))
    tab.folder.setModified(True)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: warned.append(a[2])))
    wait_for_reload(qtbot, tab, tab.save_button.click)
    assert warned and "cannot be written" in warned[0]
    assert "cannot be written to" in tab.folder_used.text()
    assert "c62828" in tab.folder_used.styleSheet()


def test_restore_asks_naming_what_is_replaced_then_restores_and_asks_for_a_login(
    qtbot, sqlite_url, admin, monkeypatch
):
    Customer.create(name="备份前")
    made = service.backup_now(admin)
    Customer.create(name="备份后")
    session = GuiSession(QApplication.instance(), sqlite_url, "en")
    session.show_main(admin)  # the session closes and deletes its windows itself
    session.window.discard_unsaved_work()
    settings_page = session.window.page("settings")
    tab = settings_page.database
    qtbot.waitUntil(lambda: tab.status is not None and tab.table.rowCount() == 1, timeout=30000)
    tab.table.selectRow(0)

    asked: list[str] = []

    def answer(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a: told.append(a[2])))
    logins: list[LoginDialog] = []

    def log_in(dialog: LoginDialog) -> int:
        logins.append(dialog)
        dialog.login.setText("admin")
        dialog.password.setText(PASSWORD)
        dialog.accept()
        # the login is checked off the GUI thread; this runs inside the restore's answer, which
        # is not waited for
        assert operations.runner().wait_until_idle()
        return dialog.result()

    monkeypatch.setattr(LoginDialog, "exec", log_in)

    tab.restore_button.click()
    qtbot.waitUntil(lambda: bool(logins), timeout=120000)

    assert "Customers 2" in asked[0] and "Customers 1" in asked[0]
    assert str(made.path.parent) in asked[0], "names where the backup of now goes"
    assert told and made.path.name in told[0]
    assert sorted(c.name for c in Customer.select()) == ["备份前"]
    assert session.window is not None and session.window.isVisible()
    assert session.window.ctx.user.login == "admin"
    session.window.discard_unsaved_work()
    session.window.close()
    session.window.deleteLater()


def test_a_damaged_database_at_start_offers_the_administrator_the_restore(
    qtbot, tmp_path, monkeypatch
):
    path = tmp_path / "kefu.sqlite3"
    open_database(str(path))
    setup.initialise(company="华信", admin_password=PASSWORD)
    fill_pages()
    service.backup_now(auth.get_user("admin"))
    close_database()
    overwrite_middle_pages(path)

    shown: list[DamagedDatabaseDialog] = []

    def restore_as_admin(dialog: DamagedDatabaseDialog) -> int:
        shown.append(dialog)
        assert "is damaged" in dialog.message.text()
        assert dialog.damage.newest_backup is not None
        assert str(dialog.damage.newest_backup.path) in dialog.message.text()
        dialog.login.setText("admin")
        dialog.password.setText(PASSWORD)
        assert dialog.restore_button is not None
        dialog.restore_button.click()
        qtbot.waitUntil(lambda: dialog.restored, timeout=120000)
        return dialog.result()

    monkeypatch.setattr(DamagedDatabaseDialog, "exec", restore_as_admin)
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a: None))
    try:
        prepare_database(str(path), interactive=True)
        assert shown, "the dialog was offered"
        assert Customer.select().count() == 3000
    finally:
        close_database()


def test_backup_files_are_listed_with_their_paths(qtbot, sqlite_url, admin):
    made = service.backup_now(admin)
    tab = open_tab(qtbot, admin)
    assert Path(tab.table.item(0, 5).text()) == made.path
