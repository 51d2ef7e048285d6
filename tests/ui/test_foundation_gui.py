"""The foundation's windows driven as a user drives them: setup, login, main window, users,
language switch and remembered layout."""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QThread, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTabWidget,
)

from app import auth, settings, setup
from app.complaints import labels as complaint_labels
from app.errors import AuthenticationFailed
from app.i18n import install_language, translate
from models import User
from models.db import describe, open_database
from models.migrations import LATEST, current_version
from tests.conftest import PASSWORD
from ui import operations
from ui.application import GuiSession
from ui.context import UiContext, local_settings
from ui.database_choice import DatabaseChoiceDialog
from ui.dialogs import LoginDialog, SetupDialog
from ui.main_window import MainWindow
from ui.pages import AREAS
from ui.settings.users_tab import UserDialog

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def isolated_local_settings(qapp: QApplication, tmp_path: Path) -> Iterator[Path]:
    """Window geometry and the chosen language go to a temporary folder, never the user's own."""
    folder = tmp_path / "qsettings"
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    yield folder
    install_language("en")


def type_into(qtbot, field: QLineEdit, text: str) -> None:
    """Type as a user does: Latin keys on the keyboard, Chinese through the input method."""
    field.clear()
    field.setFocus()
    for chunk in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if chunk.isascii():
            qtbot.keyClicks(field, chunk)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(chunk)
            QApplication.sendEvent(field, event)


def click_ok(qtbot, dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def make_window(qtbot, user: User, url: str, language: str = "en") -> MainWindow:
    window = MainWindow(UiContext(user=user, db_description=describe(url), language=language))
    qtbot.addWidget(window)
    return window


def another_desk_writes(qtbot, window: MainWindow, write: Callable[[], object]) -> None:
    """``write`` as another desk does (a commit of its own), then wait until the window's change
    watcher has brought it and the screens showing it have read again. Waiting for the runner
    alone is not enough: the watcher looks on a thread of its own and the reads it starts are
    asked for only once its look is back, so the runner is idle in between."""
    arrived: list[object] = []

    def note(changes: object) -> None:
        arrived.append(changes)

    window.watcher.arrived.connect(note)
    try:
        write()
        window.check_for_changes()
        qtbot.waitUntil(lambda: bool(arrived), timeout=10000)
    finally:
        window.watcher.arrived.disconnect(note)
    qtbot.waitUntil(operations.idle)


def test_local_settings_are_kept_out_of_the_users_folder(isolated_local_settings):
    assert local_settings().fileName().startswith(str(isolated_local_settings))


# --- first run and login ---------------------------------------------------------------------


def test_first_run_setup_creates_schema_admin_and_company(qtbot, fresh_url):
    open_database(fresh_url)
    assert setup.needs_setup()
    dialog = SetupDialog()
    qtbot.addWidget(dialog)
    dialog.open()
    type_into(qtbot, dialog.company, "华信教育科技")
    type_into(qtbot, dialog.admin_login, "boss")
    type_into(qtbot, dialog.admin_name, "赵主任")
    type_into(qtbot, dialog.password, "first-pass-1")
    type_into(qtbot, dialog.password_again, "first-pass-2")
    click_ok(qtbot, dialog)
    qtbot.waitUntil(operations.idle)  # the schema is made off the GUI thread

    assert dialog.isVisible()
    assert dialog.errors.message_for("password_again")
    assert dialog.company.text() == "华信教育科技"
    assert dialog.admin_login.text() == "boss"
    assert dialog.password.text() == "first-pass-1"
    assert current_version() == 0

    type_into(qtbot, dialog.password_again, "first-pass-1")
    click_ok(qtbot, dialog)
    qtbot.waitUntil(operations.idle)  # the schema is made off the GUI thread

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()
    assert current_version() == LATEST
    assert not setup.needs_setup()
    boss = auth.login("boss", "first-pass-1")
    assert (boss.role, boss.name) == ("admin", "赵主任")
    assert settings.get("company_name") == "华信教育科技"


def test_login_right_and_wrong(qtbot, sqlite_url, agent):
    dialog = LoginDialog(describe(sqlite_url))
    qtbot.addWidget(dialog)
    dialog.open()
    wrong = translate("Auth", "Wrong login or password.")

    type_into(qtbot, dialog.login, "agent1")
    type_into(qtbot, dialog.password, "not-the-password")
    click_ok(qtbot, dialog)
    qtbot.waitUntil(operations.idle)  # checked off the GUI thread
    assert dialog.isVisible()
    assert dialog.message.text() == wrong
    assert dialog.user is None
    assert dialog.login.text() == "agent1"

    type_into(qtbot, dialog.login, "nobody")
    type_into(qtbot, dialog.password, PASSWORD)
    click_ok(qtbot, dialog)
    qtbot.waitUntil(operations.idle)  # checked off the GUI thread
    assert dialog.isVisible()
    assert dialog.message.text() == wrong

    type_into(qtbot, dialog.login, "agent1")
    type_into(qtbot, dialog.password, PASSWORD)
    click_ok(qtbot, dialog)
    qtbot.waitUntil(operations.idle)  # checked off the GUI thread
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.user is not None and dialog.user.id == agent.id


def test_the_login_is_checked_off_the_gui_thread(qtbot, sqlite_url, agent):
    from tests.ui.gui_thread_sql import no_sql_on_gui_thread

    dialog = LoginDialog(describe(sqlite_url))
    qtbot.addWidget(dialog)
    dialog.open()
    with no_sql_on_gui_thread():
        dialog.login.setText("agent1")
        dialog.password.setText("wrong-password")
        dialog.accept()
        assert not dialog.buttons.isEnabled()  # checking: no second click meanwhile
        qtbot.waitUntil(operations.idle)
        assert dialog.isVisible() and dialog.message.text()
        assert dialog.buttons.isEnabled() and dialog.login.text() == "agent1"
        dialog.password.setText(PASSWORD)
        dialog.accept()
        qtbot.waitUntil(operations.idle)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.user is not None and dialog.user.id == agent.id


# --- the main window -------------------------------------------------------------------------


def test_main_window_lists_every_area_and_shows_user_and_database(qtbot, sqlite_url, admin):
    window = make_window(qtbot, admin, sqlite_url)
    window.show()
    assert window.nav.count() == len(AREAS)
    for row, area in enumerate(AREAS):
        item = window.nav.item(row)
        assert item.text().startswith(window.area_title(area)), item.text()
        assert item.data(Qt.ItemDataRole.UserRole) == area.key
    status = " ".join(label.text() for label in window.statusBar().findChildren(QLabel))
    assert admin.name in status and admin.employee_no in status
    assert sqlite_url in status

    window.navigate("settings")
    assert window.current_area() == "settings"
    assert window.stack.currentWidget() is window.page("settings")


def test_admin_adds_a_user_in_the_users_tab(qtbot, sqlite_url, admin):
    window = make_window(qtbot, admin, sqlite_url)
    window.show()
    window.navigate("settings")
    tab = window.page("settings").users
    assert tab is not None, "an administrator sees the Users tab"
    seen: list[str] = []

    def fill_in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, UserDialog)
            type_into(qtbot, dialog.login, "xiaowang")
            type_into(qtbot, dialog.name, "王小红")
            type_into(qtbot, dialog.employee_no, "K021")
            dialog.role.setCurrentIndex(dialog.role.findData("manager"))
            type_into(qtbot, dialog.password, "new-user-pw")
            click_ok(qtbot, dialog)
            qtbot.waitUntil(operations.idle)  # saved, and the dialog closed
            seen.append("filled")
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, fill_in_dialog)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(operations.idle)  # the list read again

    assert seen == ["filled"]
    user = User.get(User.login == "xiaowang")
    assert (user.name, user.employee_no, user.role) == ("王小红", "K021", "manager")
    assert auth.login("xiaowang", "new-user-pw").id == user.id
    shown = [tab.table.item(row, 0).text() for row in range(tab.table.rowCount())]
    assert "xiaowang" in shown


def test_user_form_shows_duplicate_login_at_the_field(qtbot, sqlite_url, admin, agent):
    ctx = UiContext(user=admin, db_description=describe(sqlite_url), language="en")
    dialog = UserDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.open()
    type_into(qtbot, dialog.login, "agent1")
    type_into(qtbot, dialog.name, "另一个李客服")
    type_into(qtbot, dialog.employee_no, "K100")
    type_into(qtbot, dialog.password, "long-enough")
    click_ok(qtbot, dialog)
    qtbot.waitUntil(operations.idle)

    assert dialog.isVisible()
    assert "agent1" in dialog.errors.message_for("login")
    assert dialog.errors.message_for("employee_no") == ""
    assert (dialog.login.text(), dialog.name.text()) == ("agent1", "另一个李客服")
    assert not User.select().where(User.employee_no == "K100").exists()


# --- language --------------------------------------------------------------------------------


def test_language_switch_changes_the_navigation_titles(qtbot, sqlite_url, admin):
    window = make_window(qtbot, admin, sqlite_url)
    install_language("en")
    english = [window.area_title(area) for area in AREAS]
    install_language("zh_CN")
    chinese = [window.area_title(area) for area in AREAS]
    for area, en, zh in zip(AREAS, english, chinese, strict=True):
        assert en == area.title
        assert zh != en, f"{area.key} has no Chinese title"
        assert CJK.search(zh), zh
    install_language("en")
    assert [window.area_title(area) for area in AREAS] == english


def test_language_menu_rebuilds_the_window_in_chinese(qtbot, sqlite_url, admin):
    install_language("en")
    session = GuiSession(QApplication.instance(), sqlite_url, "en")
    session.show_main(admin)
    first = session.window
    try:
        first.navigate("settings")
        assert not CJK.search(first.nav.item(0).text())
        language_menu = next(
            action.menu()
            for action in first.findChildren(type(first.action_logout))
            if action.menu() is not None
            and "简体中文" in [a.text() for a in action.menu().actions()]
        )
        chinese = next(a for a in language_menu.actions() if a.text() == "简体中文")
        chinese.trigger()

        second = session.window
        assert second is not first
        assert second.isVisible()
        assert CJK.search(second.nav.item(0).text())
        assert second.current_area() == "settings"
        assert local_settings().value("ui/language") == "zh_CN"
    finally:
        session.window.close()
        install_language("en")


# --- remembered layout -----------------------------------------------------------------------


def test_window_remembers_its_geometry(qtbot, sqlite_url, manager):
    first = make_window(qtbot, manager, sqlite_url)
    first.show()
    qtbot.waitExposed(first)
    # the offscreen screen is 800 px square; a window wider than that is clamped on restore
    wanted = (max(first.minimumSizeHint().width(), 700), 561)
    assert (first.width(), first.height()) != wanted
    first.resize(*wanted)
    first.splitter.setSizes([230, wanted[0] - 230])
    qtbot.waitUntil(lambda: (first.width(), first.height()) == wanted)
    nav_width = first.splitter.sizes()[0]
    first.close()

    second = make_window(qtbot, manager, sqlite_url)
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == wanted
    assert second.splitter.sizes()[0] == nav_width


# --- the settings area by role ---------------------------------------------------------------


def test_settings_area_by_role(qtbot, sqlite_url, agent, manager, admin):
    tabs_of = {}
    for user in (agent, manager, admin):
        window = make_window(qtbot, user, sqlite_url)
        window.navigate("settings")
        page = window.page("settings")
        tabs_of[user.role] = (page.users is not None, page.audit is not None)
        assert page.general.save_button.isEnabled() == (user.role == "admin")
    assert tabs_of == {
        "agent": (False, False),
        "manager": (False, True),
        "admin": (True, True),
    }


def test_admin_saves_team_settings_and_bad_lists_show_at_the_field(qtbot, sqlite_url, admin):
    window = make_window(qtbot, admin, sqlite_url)
    window.navigate("settings")
    general = window.page("settings").general
    qtbot.waitUntil(operations.idle)  # the settings read
    general.editors["swap_limit_per_month"].setValue(4)
    type_into(qtbot, general.editors["company_name"], "华信教育科技")
    qtbot.mouseClick(general.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(operations.idle)
    assert settings.get("swap_limit_per_month") == 4
    assert settings.get("company_name") == "华信教育科技"
    defaults = settings.DEFAULTS
    assert settings.get("complaint_categories") == defaults["complaint_categories"]
    assert settings.get("complaint_channels") == defaults["complaint_channels"]

    # the lists show labels in the user's language, and are stored as codes again
    install_language("zh_CN")
    general.refresh()
    qtbot.waitUntil(operations.idle)
    categories = general.editors["complaint_categories"]
    shown = categories.toPlainText().splitlines()
    assert shown[0] == complaint_labels.label("category", "quality") != "quality"
    categories.setPlainText(categories.toPlainText() + "\n教学设备")
    qtbot.mouseClick(general.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(operations.idle)
    assert settings.get("complaint_categories") == [*defaults["complaint_categories"], "教学设备"]
    assert settings.get("complaint_channels") == defaults["complaint_channels"]
    install_language("en")

    categories.setPlainText("quality\ndelivery\nquality")
    general.editors["company_name"].setText("新公司名称")
    qtbot.mouseClick(general.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(operations.idle)
    assert general.errors.message_for("complaint_categories")
    assert categories.toPlainText() == "quality\ndelivery\nquality"
    assert settings.get("complaint_categories") == [*defaults["complaint_categories"], "教学设备"]
    assert settings.get("company_name") == "华信教育科技"  # all or nothing: not half saved

    # another desk's change reaches the poll: what the admin typed stays, and quitting asks
    another_desk_writes(qtbot, window, lambda: auth.login("admin", PASSWORD))
    assert categories.toPlainText() == "quality\ndelivery\nquality"
    assert general.editors["company_name"].text() == "新公司名称"
    assert window.unsaved_work() == ["team settings"]

    # a setting another desk changed meanwhile is not put back by this save
    settings.put(admin, "department_name", "客服中心")
    categories.setPlainText("quality\ndelivery")
    qtbot.mouseClick(general.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(operations.idle)
    assert settings.get("company_name") == "新公司名称"
    assert settings.get("department_name") == "客服中心"
    assert general.editors["department_name"].text() == "客服中心"
    assert window.unsaved_work() == []


def test_audit_trail_keeps_the_entries_loaded_through_a_refresh(qtbot, sqlite_url, manager):
    from models import AuditLog, now
    from ui.settings.audit_tab import PAGE_SIZE

    AuditLog.insert_many(
        [
            {
                "at": now(),
                "user": manager.id,
                "action": "update",
                "table": "customer",
                "record_id": i,
                "summary": f"entry {i}",
                "changes": "{}",
            }
            for i in range(PAGE_SIZE * 2 + 10)
        ]
    ).execute()
    window = make_window(qtbot, manager, sqlite_url)
    window.navigate("settings")
    trail = window.page("settings").audit
    qtbot.waitUntil(operations.idle)
    assert trail.loaded == PAGE_SIZE
    trail.more_button.click()
    qtbot.waitUntil(operations.idle)
    assert trail.loaded == PAGE_SIZE * 2
    trail.refresh()  # what the change poll does
    qtbot.waitUntil(operations.idle)
    assert trail.loaded == trail.grid.rowCount() == PAGE_SIZE * 2
    trail.action_filter.setCurrentIndex(trail.action_filter.findData("update"))
    qtbot.waitUntil(operations.idle)
    assert trail.loaded == PAGE_SIZE  # a new filter starts from the newest again


def test_audit_trail_names_the_people_a_change_moved(qtbot, sqlite_url, manager, agent, agent2):
    from app import audit

    audit.record(manager, "update", "complaint", 1, {"handler": [agent.id, agent2.id]}, "x")
    window = make_window(qtbot, manager, sqlite_url)
    window.navigate("settings")
    trail = window.page("settings").audit
    qtbot.waitUntil(operations.idle)
    shown = trail.grid.item(0, 5).text()
    assert f"{agent.name} ({agent.employee_no}) → {agent2.name} ({agent2.employee_no})" in shown


def test_manager_filters_the_audit_trail(qtbot, sqlite_url, admin, manager, agent):
    settings.put(admin, "department_name", "客服中心")
    window = make_window(qtbot, manager, sqlite_url)
    window.navigate("settings")
    trail = window.page("settings").audit
    qtbot.waitUntil(operations.idle)
    assert trail.grid.rowCount() >= 4  # three users made, one setting changed

    trail.user_filter.setCurrentIndex(trail.user_filter.findData(admin.id))
    trail.table_filter.setCurrentIndex(trail.table_filter.findData("setting"))
    qtbot.waitUntil(operations.idle)
    assert trail.grid.rowCount() == 1
    row_text = " ".join(trail.grid.item(0, c).text() for c in range(trail.grid.columnCount()))
    assert "客服中心" in row_text and admin.name in row_text

    trail.table_filter.setCurrentIndex(0)
    type_into(qtbot, trail.text, "K001")
    qtbot.keyClick(trail.text, Qt.Key.Key_Return)
    trail.user_filter.setCurrentIndex(0)
    qtbot.waitUntil(operations.idle)
    shown = {trail.grid.item(r, 3).text() for r in range(trail.grid.rowCount())}
    assert trail.grid.rowCount() == 1, shown


def test_keyboard_shortcuts_switch_areas(qtbot, sqlite_url, manager):
    window = make_window(qtbot, manager, sqlite_url)
    window.show()
    qtbot.waitExposed(window)
    ctrl = Qt.KeyboardModifier.ControlModifier
    last = len(AREAS)
    # through the window system, as a real key press arrives, so the shortcut map sees it
    QTest.keyClick(window.windowHandle(), Qt.Key(Qt.Key.Key_0.value + last), ctrl)
    assert window.current_area() == AREAS[last - 1].key
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_2, ctrl)
    assert window.current_area() == AREAS[1].key


def test_ctrl_q_quits_and_is_held_once(qtbot, sqlite_url, manager):
    from ui.main_window import quit_shortcuts

    keys = [k.toString() for k in quit_shortcuts()]
    assert keys.count("Ctrl+Q") == 1  # held twice, Qt calls the key ambiguous and ignores it
    window = make_window(qtbot, manager, sqlite_url)
    window.remember_layout = False
    window.show()
    qtbot.waitExposed(window)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_users_table_keeps_the_chosen_user_through_a_refresh(qtbot, sqlite_url, admin):
    """Sorted by name, the users' rows move on a reload: Disable must still hit the one chosen."""
    from tests.conftest import make_user

    make_user("zhao", "agent", "K001", "Zhao")
    make_user("qian", "agent", "K002", "Qian")
    make_user("sun", "agent", "K003", "Sun")
    window = make_window(qtbot, admin, sqlite_url)
    window.navigate("settings")
    tab = window.page("settings").users
    qtbot.waitUntil(operations.idle)  # the users read
    tab.table.sortItems(1, Qt.SortOrder.AscendingOrder)  # a click on the Name header
    row = next(r for r in range(tab.table.rowCount()) if tab.table.item(r, 0).text() == "zhao")
    tab.table.selectRow(row)
    another_desk_writes(qtbot, window, lambda: auth.login("qian", PASSWORD))  # someone logs in
    assert tab.selected_user().login == "zhao"
    tab.toggle_active()
    qtbot.waitUntil(operations.idle)
    assert [u.login for u in User.select().where(~User.active)] == ["zhao"]


def test_an_area_catches_up_with_other_desks_when_shown_again(qtbot, sqlite_url, agent, manager):
    from app import phrases

    window = make_window(qtbot, agent, sqlite_url)
    window.navigate("phrases")
    page = window.page("phrases")
    before = page.list.count()
    window.navigate("customers")
    phrases.create_phrase(manager, category="问候", title="新开场白", body="您好")
    window.check_for_changes()  # the area out of sight is marked to catch up
    qtbot.waitUntil(lambda: "phrases" in window._stale)
    window.navigate("phrases")
    qtbot.waitUntil(lambda: page.list.count() == before + 1)


def test_admin_disables_a_user_and_resets_a_password(qtbot, sqlite_url, admin, agent, monkeypatch):
    window = make_window(qtbot, admin, sqlite_url)
    window.navigate("settings")
    tab = window.page("settings").users
    qtbot.waitUntil(operations.idle)  # the users read
    row = next(r for r in range(tab.table.rowCount()) if tab.table.item(r, 0).text() == "agent1")
    tab.table.selectRow(row)
    assert tab.toggle_button.isEnabled()

    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *args, **kwargs: ("fresh-pass-7", True))
    )
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _parent, _title, text: told.append(text))
    )
    qtbot.mouseClick(tab.password_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(operations.idle)
    assert len(told) == 1
    assert auth.login("agent1", "fresh-pass-7").id == agent.id

    row = next(r for r in range(tab.table.rowCount()) if tab.table.item(r, 0).text() == "agent1")
    tab.table.selectRow(row)
    qtbot.mouseClick(tab.toggle_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(operations.idle)
    assert User.get_by_id(agent.id).active is False
    with pytest.raises(AuthenticationFailed):
        auth.login("agent1", "fresh-pass-7")

    warned: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _parent, _title, text: warned.append(text))
    )
    row = next(r for r in range(tab.table.rowCount()) if tab.table.item(r, 0).text() == "admin")
    tab.table.selectRow(row)
    qtbot.mouseClick(tab.toggle_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(operations.idle)
    assert len(warned) == 1, "an administrator cannot disable their own account"
    assert User.get_by_id(admin.id).active is True


# --- the first start, end to end -------------------------------------------------------------


def test_first_start_sets_up_logs_in_and_opens_the_window(qtbot, tmp_path, monkeypatch):
    """``python main.py`` on a fresh machine: setup dialog, login dialog, main window."""
    import argparse

    from models.db import close_database, resolve_url
    from ui.application import run_gui

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("KEFU_DB", raising=False)
    steps: list[str] = []
    # hold the wrappers themselves: a bare id() of a wrapper that is then freed can be reused by
    # the new main window's wrapper, which would hide it from the driver
    earlier = QApplication.topLevelWidgets()

    closed: list[bool] = []

    def drive() -> None:
        widget = QApplication.activeModalWidget()
        if closed:
            # still in the event loop after the window closed: a window an earlier test left
            # open keeps the application alive; end it as the user's last window would (not
            # while the window has gone and the day's backup is being waited for: a quit then
            # would stop the event loops of the tests that follow)
            if QThread.currentThread().loopLevel() > 0:
                QApplication.instance().exit(0)
        elif isinstance(widget, DatabaseChoiceDialog):
            steps.append("database")
            assert widget.local.isChecked()  # a file on this computer, offered first
            click_ok(qtbot, widget)
        elif isinstance(widget, SetupDialog) and widget.buttons.isEnabled():
            steps.append("setup")
            type_into(qtbot, widget.company, "华信教育")
            type_into(qtbot, widget.password, "first-pass-1")
            type_into(qtbot, widget.password_again, "first-pass-1")
            click_ok(qtbot, widget)
        elif isinstance(widget, LoginDialog) and widget.buttons.isEnabled():
            steps.append("login")
            type_into(qtbot, widget.login, "admin")
            type_into(qtbot, widget.password, "first-pass-1")
            click_ok(qtbot, widget)
        elif widget is None:
            shown = [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow)
                and w.isVisible()
                and not any(w is old for old in earlier)
            ]
            if shown:
                steps.append(f"main {shown[0].ctx.user.login} {shown[0].ctx.db_description}")
                shown[0].close()
                closed.append(True)

    def give_up() -> None:
        steps.append("gave up")
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
            elif isinstance(widget, MainWindow):
                widget.close()

    driver = QTimer()
    driver.timeout.connect(drive)
    driver.start(20)
    safety = QTimer()
    safety.setSingleShot(True)
    safety.timeout.connect(give_up)
    safety.start(120_000)  # the whole first start; 1.5 s on an idle machine
    try:
        status = run_gui(
            argparse.Namespace(command=None, check_startup=False), resolve_url(None), "en"
        )
    finally:
        driver.stop()
        safety.stop()
        close_database()
        # the window's start froze every object of this process out of the collector's reach
        # (collect_from_now_on): the test process's own garbage, the windows of the tests before
        # among it, is collected again
        gc.unfreeze()
    expected_file = tmp_path / "data" / "KefuDesk" / "kefu.sqlite3"
    assert steps == ["database", "setup", "login", f"main admin SQLite {expected_file}"]
    assert status == 0
    assert expected_file.is_file()
    # the event loop still runs for the tests that follow (a stray quit would stop every wait)
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired))


@pytest.mark.parametrize("role", ["admin", "manager", "agent"])
def test_the_window_and_every_area_open_without_sql_on_the_gui_thread(
    qtbot, sqlite_url, role, request
):
    """The window starts (its change watcher too) and shows each area and each of its tabs with
    their data, every statement run off the GUI thread."""
    from tests.ui.gui_thread_sql import no_sql_on_gui_thread

    user = request.getfixturevalue(role)
    with no_sql_on_gui_thread():
        window = make_window(qtbot, user, sqlite_url)
        window.remember_layout = False
        window.show()
        qtbot.waitUntil(operations.idle, timeout=20000)
        for area in AREAS:
            window.navigate(area.key)
            qtbot.waitUntil(operations.idle, timeout=20000)
            for tabs in window.page(area.key).findChildren(QTabWidget):
                for index in range(tabs.count()):
                    tabs.setCurrentIndex(index)
                    qtbot.waitUntil(operations.idle, timeout=20000)
        window.close()
    assert window.current_area() == AREAS[-1].key


@pytest.mark.watcher
def test_window_shows_what_another_desk_saved(qtbot, sqlite_url, admin):
    window = make_window(qtbot, admin, sqlite_url)
    window.navigate("settings")
    tab = window.page("settings").users
    window.page("settings").tabs.setCurrentWidget(tab)

    def logins() -> set[str]:
        return {tab.table.item(r, 0).text() for r in range(tab.table.rowCount())}

    assert "desk2user" not in logins()
    # another desk, same database: a new user appears without restarting
    auth.create_user(
        admin, "desk2user", name="另一台电脑", employee_no="K077", role="agent", password=PASSWORD
    )
    # at the next look (every second), with room for a loaded machine
    qtbot.waitUntil(lambda: "desk2user" in logins(), timeout=10000)


def test_cancelling_the_first_start_leaves_no_database_file(qtbot, tmp_path):
    """A user who closes the setup dialog has set nothing up: no empty file is left to confuse the
    next start; a file that was there before is kept."""
    from models.db import close_database
    from ui.application import prepare_database

    def cancel_setup() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, SetupDialog):
            widget.reject()

    driver = QTimer()
    driver.timeout.connect(cancel_setup)
    driver.start(20)
    try:
        target = tmp_path / "new.sqlite3"
        with pytest.raises(SystemExit):
            prepare_database(str(target), interactive=True)
        assert not target.exists()

        existing = tmp_path / "existing.sqlite3"
        existing.touch()
        with pytest.raises(SystemExit):
            prepare_database(str(existing), interactive=True)
        assert existing.exists()
    finally:
        driver.stop()
        close_database()


def test_quitting_or_logging_out_asks_before_losing_typed_input(
    qtbot, sqlite_url, agent, monkeypatch
):
    from app.complaints import service

    complaint = service.register_complaint(
        agent,
        complainant="陈先生",
        contact="13912345678",
        channel="phone",
        category="delivery",
        content="包装破损",
    )
    session = GuiSession(QApplication.instance(), sqlite_url, "en")
    session.show_main(agent)
    window = session.window
    window.remember_layout = False
    window.navigate("complaints", complaint_id=complaint.id)
    view = window.page("complaints").view
    qtbot.waitUntil(lambda: view.complaint is not None)
    view.result.setPlainText("已补发电源线")
    answers = [QMessageBox.StandardButton.Cancel] * 2 + [QMessageBox.StandardButton.Discard]
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    assert not window.close()  # cancelled: the window and the typed result stay
    assert window.isVisible() and view.result.toPlainText() == "已补发电源线"
    assert complaint.number in asked[0]
    window.action_logout.trigger()
    assert session.window is window and window.isVisible()
    window.close()  # discard this time
    assert not window.isVisible() and len(asked) == 3


def test_audit_trail_shows_a_summary_whole_and_every_action(qtbot, sqlite_url, admin):
    """The summary column is as wide as a backup's summary (the changes column takes the rest),
    and the action filter offers every action the trail shows (a backup too)."""
    from app.backup import service as backups

    backups.backup_now(admin)
    window = make_window(qtbot, admin, sqlite_url)
    window.navigate("settings")
    trail = window.page("settings").audit
    qtbot.waitUntil(lambda: trail.grid.rowCount() > 0 and operations.idle())
    [row] = [r for r in range(trail.grid.rowCount()) if trail.grid.item(r, 2).text() == "backed up"]
    summary = trail.grid.item(row, 4)
    assert summary.toolTip() == summary.text() and summary.text()
    width = trail.grid.fontMetrics().horizontalAdvance(summary.text())
    assert trail.grid.columnWidth(4) >= width
    offered = [trail.action_filter.itemText(i) for i in range(trail.action_filter.count())]
    assert "backed up" in offered and "demo data" in offered


@pytest.mark.watcher
def test_a_change_feed_that_could_not_start_with_the_window_has_every_page_read_again(
    qtbot, sqlite_url, monkeypatch
):
    """Where the other desks' changes start being read is taken before the pages' first
    readings; when the database did not answer then, the feed starts later, and what other
    desks wrote in between is not in it: every page is told to read again."""
    import peewee

    from app.changes import EVERYTHING, ChangeFeed

    tries: list[int] = []

    def feed() -> ChangeFeed:
        tries.append(1)
        if len(tries) == 1:
            raise peewee.OperationalError("database is locked")
        return ChangeFeed()

    monkeypatch.setattr(operations, "ChangeFeed", feed)
    watcher = operations.ChangeWatcher()
    arrived: list = []
    watcher.arrived.connect(arrived.append)
    try:
        watcher.start()
        qtbot.waitUntil(lambda: any(EVERYTHING in c.keys for c in arrived), timeout=10000)
    finally:
        watcher.stop()
    assert len(tries) == 2
