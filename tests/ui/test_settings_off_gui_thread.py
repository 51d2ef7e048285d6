"""The settings area's team settings and users tabs read and save off the GUI thread."""

from __future__ import annotations

from app import settings
from models import AuditLog, User
from tests.ui.gui_thread_sql import no_sql_on_gui_thread
from ui import operations
from ui.context import UiContext
from ui.settings.page import create_page
from ui.settings.users_tab import UserDialog


def test_users_and_team_settings_are_read_and_saved_off_the_gui_thread(
    qtbot, sqlite_url, admin, agent
):
    ctx = UiContext(user=admin, db_description="test", language="en")
    with no_sql_on_gui_thread():
        page = create_page(ctx, None)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(operations.idle)
        tab = page.users
        logins = {tab.table.item(r, 0).text() for r in range(tab.table.rowCount())}
        assert logins == {"admin", "agent1"}
        row = next(
            r for r in range(tab.table.rowCount()) if tab.table.item(r, 0).text() == "agent1"
        )
        tab.table.selectRow(row)
        assert tab.selected_user().id == agent.id
        tab.toggle_active()
        qtbot.waitUntil(operations.idle)
        assert tab.toggle_button.text() == "Enable"

        dialog = UserDialog(ctx, tab.selected_user(), tab)
        dialog.open()
        dialog.employee_no.setText("A001")  # the administrator's: refused, what was typed stays
        dialog.name.setText("李小客")
        dialog.accept()
        qtbot.waitUntil(operations.idle)
        assert dialog.isVisible() and dialog.errors.message_for("employee_no")
        assert dialog.name.text() == "李小客"
        dialog.employee_no.setText("K009")
        dialog.accept()
        qtbot.waitUntil(operations.idle)
        assert not dialog.isVisible()

        general = page.general
        general.editors["company_name"].setText("华信教育")
        general.save()
        qtbot.waitUntil(operations.idle)
        assert general.editors["company_name"].text() == "华信教育"
        assert not general.has_unsaved_input()
    saved = User.get_by_id(agent.id)
    assert (saved.active, saved.name, saved.employee_no) == (False, "李小客", "K009")
    assert settings.get("company_name") == "华信教育"
    assert (
        AuditLog.select().where(AuditLog.table == "user", AuditLog.action == "update").count() == 2
    )
