"""Starting the GUI: fonts, language, database, first-run setup, login, the main window.

Also the two headless uses of the GUI: ``--check-startup`` and ``screenshots``.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
import threading
import time
from pathlib import Path

import shiboken6
from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app import auth, setup
from app.errors import KefuError
from app.i18n import install_language
from app.resources import resource_path
from app.startup import (
    DatabaseDamaged,
    DatabaseUrlError,
    damaged_error,
    describe,
    discard_new_file,
    is_database_error,
    leave_desk,
    needs_upgrade,
    new_sqlite_file,
    open_desk,
    without_password,
)
from ui import operations
from ui.context import APPLICATION, ORGANISATION, UiContext, local_settings

FONT_FILE = resource_path("fonts", "wqy-microhei.ttc")


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    load_fonts(app)
    return app


def show_unexpected_error(exc_type, exc, trace) -> None:
    """Errors that escape a slot: tell the user, keep the window and what was typed in it."""
    import traceback

    from app.operations import is_database_trouble
    from ui.operations import show_error

    window = QApplication.activeWindow()
    damaged = damaged_error(exc) if is_database_error(exc) else None
    if damaged is not None:
        QMessageBox.critical(
            window, QApplication.translate("Application", "Kefu Desk"), str(damaged)
        )
        return
    if is_database_trouble(exc):  # said in the window's language, the details folded away
        show_error(window, exc)
        return
    show_error(window, exc, "".join(traceback.format_exception(exc_type, exc, trace)))


def load_fonts(app: QApplication) -> None:
    """Add the shipped CJK font so Chinese renders even without a system CJK font."""
    if FONT_FILE.exists():
        font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            font = QFont(app.font())
            font.setFamilies([app.font().family(), families[0]])
            font.setPointSize(max(app.font().pointSize(), 10))
            app.setFont(font)


def quiet_offscreen_messages(mode: QtMsgType, context: object, message: str) -> None:
    """Headless runs: drop the offscreen platform's notices about window hints, keep the rest."""
    if "propagateSizeHints" in message:
        return
    sys.stderr.write(message + "\n")


def preload_first_screen() -> threading.Thread:
    """Import the main window and its first page on a thread of their own while the user logs in
    (typing, then the password's hash, which leaves Python free): the window then opens at once.
    Only modules are loaded there; every widget is still made on the GUI thread."""

    def load() -> None:
        from ui.pages import AREAS

        importlib.import_module("ui.main_window")
        importlib.import_module(AREAS[0].module)

    thread = threading.Thread(target=load, name="kefu-preload", daemon=True)
    thread.start()
    return thread


def collect_from_now_on() -> None:
    """The first screen is up: Python's collector of reference cycles, off while the program
    started (main.py), is turned on, and what the start made (the modules, the window, its first
    page) is kept out of every collection from now on (``gc.freeze``), which then goes through
    what the session makes only; the process's exit no longer goes through it either."""
    gc.freeze()
    gc.enable()


def chosen_language(cli_language: str | None) -> str:
    if cli_language:
        return cli_language
    stored = local_settings().value("ui/language")
    return stored if stored in ("zh_CN", "en") else "zh_CN"


class GuiSession:
    """One run of the window: log in, show the main window, log out or switch language."""

    def __init__(self, app: QApplication, db_url: str, language: str) -> None:
        self.app = app
        self.db_url = db_url
        self.language = language
        self.window = None
        self.login: auth.Login | None = None  # how the last login went (recorded or not)
        self.named_by = ""  # "--db" or "KEFU_DB": how the database of a start was named

    def start(self, user=None) -> bool:
        from ui.dialogs import LoginDialog

        if user is None:
            preload_first_screen()
            login = LoginDialog(describe(self.db_url))
            if login.exec() != QDialog.DialogCode.Accepted:
                return False
            user = login.user
            self.login = login.outcome
        self.show_main(user)
        self.tell_unrecorded_login()
        if self.login is None or self.login.recorded:  # a database taking no writes: no backup
            self.start_daily_backup(user)
        return True

    def start_daily_backup(self, user) -> None:
        """The day's automatic backup, if no desk has made it yet: off the GUI thread, so the
        window is usable at once; the status bar says when it is done or why it failed."""
        from app.backup.service import daily_backup

        def tell(text: str) -> None:
            window = self.window
            if window is not None and shiboken6.isValid(window):
                window.statusBar().showMessage(text, 10000)

        def done(result) -> None:
            if result is not None:
                tell(
                    QApplication.translate("Application", "Today's backup is made: {file}").format(
                        file=result.path.name
                    )
                )

        def failed(exc: Exception) -> None:
            tell(
                QApplication.translate(
                    "Application", "The automatic backup failed: {error}"
                ).format(error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            )

        # a reader's thread, not the queue of changes: the user's saves never wait for it
        operations.query(
            None, lambda: daily_backup(user), done=done, failed=failed, slot=None, busy=""
        )

    def restore_database(self, archive: Path) -> None:
        """An administrator restores ``archive``: the window closes (nothing may use the
        database meanwhile), the restore runs with its progress, then everyone logs in again."""
        from app.startup import close_connection
        from ui.restore import run_restore

        window = self.window
        if window is None or self.long_work_under_way(window):
            return
        if not window.may_discard_unsaved_work():
            return
        user = window.ctx.user
        window.close()
        window.deleteLater()
        self.window = None
        operations.runner().wait_until_idle()  # every page's reading done: nothing holds the file
        close_connection()

        def finished(restored: bool) -> None:
            open_desk(self.db_url, check=False, damaged_ok=True)
            if restored:
                if not self.start():
                    self.app.quit()
            else:
                self.show_main(user)

        run_restore(None, user, archive, self.db_url, finished)

    def switch_database(self, url: str) -> None:
        """设置 → 数据库 chose another database and the user wants it now: as at a logout, the
        window asks about unsaved work and closes; the other database is opened as at a start
        (set up, if it is a new file) and the user logs in there. If it cannot be opened, the
        desk stays on the database it was on."""
        window = self.window
        if window is None or self.long_work_under_way(window):
            return
        if not window.may_discard_unsaved_work():
            return
        user, area = window.ctx.user, window.current_area()
        window.close()
        window.deleteLater()
        self.window = None
        operations.runner().wait_until_idle()  # every page's reading done with the old one
        old_url = self.db_url
        leave_desk()
        try:
            prepare_database(url, interactive=True)
        except SystemExit:  # the set-up or the damaged file's dialog was cancelled
            self._back_to(old_url, user, area)
            return
        except Exception as exc:
            from app.operations import is_database_trouble

            if not (isinstance(exc, KefuError | DatabaseUrlError) or is_database_trouble(exc)):
                raise
            try:
                where = describe(url)
            except DatabaseUrlError:
                where = without_password(url)
            database_problem(where, exc).exec()
            self._back_to(old_url, user, area)
            return
        self.db_url = url
        self.login = None
        if not self.start():
            self.app.quit()

    @staticmethod
    def long_work_under_way(window: QWidget) -> bool:
        """An export, a document or the database check still reads this database: the user is
        told to wait (closing the window under it would leave it reading from whatever the
        desk opens next)."""
        if not operations.runner().long_work_running():
            return False
        QMessageBox.information(
            window,
            QApplication.translate("Application", "Kefu Desk"),
            QApplication.translate(
                "Application",
                "An export, a document or the database check is still being made from this "
                "database: try again when it has finished.",
            ),
        )
        return True

    def _back_to(self, url: str, user, area: str) -> None:
        """The other database could not be used: the desk goes on where it was."""
        leave_desk()
        open_desk(url)
        self.show_main(user)
        self.window.navigate(area)

    def show_main(self, user, *, badges: bool = True) -> None:
        from ui.main_window import MainWindow

        ctx = UiContext(user=user, db_description=describe(self.db_url), language=self.language)
        ctx.read_only = self.login is not None and self.login.read_only
        ctx.restore_database = self.restore_database
        ctx.switch_database = self.switch_database
        ctx.database_named_by = self.named_by
        self.window = MainWindow(ctx, badges=badges)
        self.window.logout_requested.connect(self.logout)
        self.window.language_requested.connect(self.switch_language)
        self.window.show()

    def tell_unrecorded_login(self) -> None:
        """A database that took no write at login: the status bar says why."""
        if self.login is None or self.login.recorded or self.window is None:
            return
        if self.login.read_only:
            text = QApplication.translate(
                "Application",
                "The database is read-only: you can look things up, but nothing can be saved. "
                "Your login was not recorded.",
            )
        else:
            text = QApplication.translate(
                "Application",
                "Another desk keeps the database busy: your login was not recorded.",
            )
        self.window.statusBar().showMessage(text)

    def logout(self) -> None:
        window = self.window
        window.close()
        window.deleteLater()
        if not self.start():
            self.app.quit()

    def switch_language(self, language: str) -> None:
        """Reload the translations and rebuild the window for the same user."""
        local_settings().setValue("ui/language", language)
        self.language = install_language(language)
        window = self.window
        user = window.ctx.user
        area = window.current_area()
        window.close()
        window.deleteLater()
        self.show_main(user)
        self.window.navigate(area)


def database_problem(where: str, exc: BaseException) -> QMessageBox:
    """The database cannot be opened at start: said in the window's language, the database's
    own words (often English) folded away under the details."""
    box = QMessageBox(
        QMessageBox.Icon.Critical, QApplication.translate("Application", "Kefu Desk"), ""
    )
    if isinstance(exc, KefuError):
        box.setText(str(exc))
    else:
        box.setText(
            QApplication.translate(
                "Application",
                "Kefu Desk cannot open the database {where}. Check the address, or ask the "
                "administrator whether the server is running.",
            ).format(where=where)
        )
        box.setDetailedText(str(exc).strip() or exc.__class__.__name__)
    return box


def prepare_database(db_url: str, interactive: bool) -> None:
    new_file = new_sqlite_file(db_url)
    try:
        open_desk(db_url)
    except DatabaseDamaged as damage:
        if not interactive:
            raise
        from ui.restore import DamagedDatabaseDialog

        if DamagedDatabaseDialog(damage, db_url).exec() != QDialog.DialogCode.Accepted:
            raise SystemExit(1) from None
        open_desk(db_url)
    if needs_upgrade():
        from app.backup.service import upgrade_schema  # the backup code: only to upgrade

        upgrade_schema()
    if setup.needs_setup():
        if not interactive:
            if new_file is not None:  # made only by this start: leave no empty file behind
                discard_new_file(new_file)
            raise KefuError(
                QApplication.translate(
                    "Application", "The database is not set up: run `main.py init` first."
                )
            )
        from ui.dialogs import SetupDialog

        if SetupDialog(where=describe(db_url)).exec() != QDialog.DialogCode.Accepted:
            if new_file is not None:  # nothing was set up: leave no empty file behind
                discard_new_file(new_file)
            raise SystemExit(0)


def run_gui(args: argparse.Namespace, db_url: str, cli_language: str | None) -> int:
    started = time.perf_counter()
    headless = args.command == "screenshots" or args.check_startup
    if headless:
        size = getattr(args, "size", None) if args.command == "screenshots" else None
        if size and os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
            from ui.screenshots import offscreen_platform

            os.environ["QT_QPA_PLATFORM"] = offscreen_platform(size)
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        qInstallMessageHandler(quiet_offscreen_messages)
    app = make_application()
    language = install_language(chosen_language(getattr(args, "lang", None)))
    env_db = os.environ.get("KEFU_DB")
    if not (getattr(args, "db", None) or env_db):
        # no database named for this run: this machine's choice, asked at its first start
        from ui.database_choice import start_url

        chosen = start_url(interactive=not headless)
        if chosen is None:
            return 0
        db_url = chosen
    try:
        prepare_database(db_url, interactive=not headless)
    except Exception as exc:
        from app.operations import is_database_trouble

        known = isinstance(exc, KefuError | DatabaseUrlError) or is_database_trouble(exc)
        if headless or not known:
            raise
        try:
            where = describe(db_url)
        except DatabaseUrlError:
            where = without_password(db_url)
        database_problem(where, exc).exec()
        return 1
    if args.command == "screenshots":
        from ui.screenshots import save_screenshots

        collect_from_now_on()  # rendering every page makes garbage

        for path in save_screenshots(args.output, db_url, language, getattr(args, "size", None)):
            print(path)
        return 0
    session = GuiSession(app, db_url, language)
    session.named_by = "--db" if getattr(args, "db", None) else "KEFU_DB" if env_db else ""
    if args.check_startup:
        preloading = preload_first_screen()  # as while a user logs in
        session.login = auth.log_in(
            os.environ.get("KEFU_USER", ""), os.environ.get("KEFU_PASSWORD", "")
        )
        preloading.join()
        # it ends at the first screen: the navigation's counts, which come after it, are left
        # out, and the size of a window nobody saw is not remembered as the user's
        session.show_main(session.login.user, badges=False)
        window = session.window
        window.remember_layout = False
        window.page(window.current_area())
        operations.runner().wait_until_idle()  # the first page has its data on screen
        app.processEvents()
        elapsed = (time.perf_counter() - started) * 1000
        collect_from_now_on()  # as the window does next
        window.close()
        operations.shutdown()
        print(f"{elapsed:.0f} ms")  # the last line: the figure and its unit
        return 0
    sys.excepthook = show_unexpected_error
    if not session.start():
        return 0
    collect_from_now_on()
    status = app.exec()
    operations.shutdown()
    return status
