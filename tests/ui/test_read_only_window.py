"""The window on a database that takes no writes: logging in still opens it for reading, the
title bar says read-only and the status bar that the login was not recorded."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from models import AuditLog
from tests.app.test_login_guard import can_freeze_files, database_taking_no_writes
from tests.conftest import PASSWORD
from ui import operations
from ui.application import GuiSession
from ui.dialogs import LoginDialog


@pytest.mark.skipif(not can_freeze_files(), reason="needs chattr to make a file read-only as root")
def test_logging_in_to_a_read_only_database_says_so_in_the_title(
    qtbot, sqlite_url, agent, monkeypatch
):
    def log_in(dialog: LoginDialog) -> int:
        dialog.login.setText("agent1")
        dialog.password.setText(PASSWORD)
        dialog.accept()
        operations.runner().wait_until_idle()  # the login is checked off the GUI thread
        return dialog.result()

    monkeypatch.setattr(LoginDialog, "exec", log_in)
    with database_taking_no_writes(sqlite_url):
        session = GuiSession(QApplication.instance(), sqlite_url, "en")
        assert session.start()
        window = session.window
        try:
            assert "read-only" in window.windowTitle()
            assert "not recorded" in window.statusBar().currentMessage()
            page = window.page("complaints")  # reading works
            qtbot.waitUntil(operations.idle, timeout=30000)
            assert page is not None
        finally:
            window.discard_unsaved_work()
            window.close()
            qtbot.waitUntil(operations.idle, timeout=30000)
    assert not AuditLog.select().where(AuditLog.action == "login").exists()


def test_a_recorded_login_keeps_the_plain_title(qtbot, sqlite_url, agent, monkeypatch):
    def log_in(dialog: LoginDialog) -> int:
        dialog.login.setText("agent1")
        dialog.password.setText(PASSWORD)
        dialog.accept()
        operations.runner().wait_until_idle()  # the login is checked off the GUI thread
        return dialog.result()

    monkeypatch.setattr(LoginDialog, "exec", log_in)
    session = GuiSession(QApplication.instance(), sqlite_url, "en")
    assert session.start()
    window = session.window
    try:
        assert window.windowTitle() == "Kefu Desk"
        assert AuditLog.select().where(AuditLog.action == "login").exists()
    finally:
        window.discard_unsaved_work()
        window.close()
        qtbot.waitUntil(operations.idle, timeout=30000)
