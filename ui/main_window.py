"""The main window: navigation list, one page per area, menus, status bar, remembered layout."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from app import badges
from app.auth import can, role_label
from app.changes import Changes
from ui import dates, icons, operations
from ui.context import UiContext, local_settings
from ui.pages import AREAS, Area, shown_by

# a window's title bar and borders before the window system has framed it
FRAME_ALLOWANCE = QSize(16, 40)


class MainWindow(QMainWindow):
    logout_requested = Signal()
    language_requested = Signal(str)

    def __init__(self, ctx: UiContext, *, badges: bool = True) -> None:
        """``badges``: count the navigation's numbers once the first screen is shown (the
        start-up check, which ends at the first screen, leaves them out)."""
        super().__init__()
        self.ctx = ctx
        ctx.navigate = self.navigate
        ctx.refresh_badges = lambda: self.refresh_badges()
        self.setWindowTitle(
            self.tr("Kefu Desk — read-only") if ctx.read_only else self.tr("Kefu Desk")
        )
        self.remember_layout = True
        self._discard_confirmed = False
        self._fitted = False
        self._badges_started = False  # counted once the first screen is shown
        self._count_badges = badges
        self._stale: set[str] = set()  # built pages that missed other desks' changes
        self.pages: dict[str, QWidget] = {}
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setMinimumWidth(150)
        self.stack = QStackedWidget()
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([170, 1100])
        self.splitter = splitter
        self.setCentralWidget(splitter)
        for area in AREAS:
            item = QListWidgetItem(self._icon(area), self.area_title(area))
            item.setData(Qt.ItemDataRole.UserRole, area.key)
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())  # built on first visit
        self.nav.currentRowChanged.connect(self._show_row)
        self._build_menus()
        self._build_status_bar()
        operations.runner().executed.connect(self.apply_changes)
        self.watcher = operations.ChangeWatcher(self)
        self.watcher.arrived.connect(self.apply_changes)
        self.watcher.trouble.connect(self._database_trouble)
        self.watcher.start()
        dates.read(self)  # the team's earliest date, below which no picker goes
        self.restore_layout()
        self.nav.setCurrentRow(0)

    # --- areas ---------------------------------------------------------------------------------

    def area_title(self, area: Area) -> str:
        return QCoreApplication.translate("Areas", area.title)

    def _icon(self, area: Area):
        return icons.icon(area.icon)

    def page(self, key: str) -> QWidget:
        """The page of an area, built the first time it is needed."""
        if key not in self.pages:
            index = next(i for i, a in enumerate(AREAS) if a.key == key)
            area = AREAS[index]
            module = importlib.import_module(area.module)
            factory: Callable[[UiContext, QWidget], QWidget] = module.create_page
            page = factory(self.ctx, self.stack)
            page.setObjectName(f"page_{key}")
            old = self.stack.widget(index)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.stack.insertWidget(index, page)
            self.pages[key] = page
        return self.pages[key]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = AREAS[row].key
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        if key in self._stale:  # other desks changed things while the user was elsewhere
            self._stale.discard(key)
            if hasattr(page, "refresh"):
                page.refresh()

    def current_area(self) -> str:
        return AREAS[self.nav.currentRow()].key

    def navigate(self, area: str, **kwargs: object) -> None:
        row = next(i for i, a in enumerate(AREAS) if a.key == area)
        self.nav.setCurrentRow(row)
        page = self.page(area)
        if kwargs and hasattr(page, "open_record"):
            page.open_record(**kwargs)

    def refresh_badges(self, changes: Changes | None = None) -> None:
        """The numbers beside the areas (``app.badges``), counted off the GUI thread once the
        first screen is shown; with ``changes``, only the counts that depend on them."""
        if not self._badges_started:
            return
        user = self.ctx.user
        for row, area in enumerate(AREAS):
            if not area.badge:
                continue
            if changes is not None and not changes.touches(*badges.BADGES[area.badge].shows):
                continue
            operations.query(
                self,
                lambda name=area.badge: badges.count(name, user),
                done=lambda count, row=row: self._show_badge(row, count),
                failed=lambda _exc: None,  # no number rather than a message about a number
                slot=f"badge:{area.key}",
                busy="",
            )

    def _count_badges_when_shown(self, idle: bool = True) -> None:
        """The first screen is on the window with its data (the runner fell idle): the badges
        are counted next, after the window has drawn it."""
        if self._badges_started or not idle or not self.isVisible() or not operations.idle():
            return
        self._badges_started = True
        operations.runner().idle_changed.disconnect(self._count_badges_when_shown)
        QTimer.singleShot(0, self, self.refresh_badges)

    def _show_badge(self, row: int, count: int) -> None:
        title = self.area_title(AREAS[row])
        self.nav.item(row).setText(f"{title}  ({count})" if count else title)

    def apply_changes(self, changes: Changes, _initiator: object = None) -> None:
        """Something changed, on this desk or another: the page on screen refreshes if it shows
        any of it, the others when they are shown again, and the counts that depend on it."""
        if not changes:
            return
        if changes.touches("setting"):
            dates.read(self)
        current = self.stack.currentWidget()
        for key, page in self.pages.items():
            if not changes.touches(*shown_by(page)):
                continue
            if page is current:
                if hasattr(page, "refresh"):
                    page.refresh()
            else:
                self._stale.add(key)
        self.refresh_badges(changes)

    def check_for_changes(self) -> None:
        """Look for other desks' changes now instead of at the next look."""
        self.watcher.look_now()

    def _database_trouble(self, failing: bool) -> None:
        if failing:
            self.statusBar().showMessage(self.tr("The database is not answering; retrying…"))
        else:
            self.statusBar().clearMessage()

    # --- menus and status ----------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.action_logout = QAction(self.tr("Log &out"), self)
        self.action_logout.triggered.connect(self.request_logout)
        file_menu.addAction(self.action_logout)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcuts(quit_shortcuts())
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        register = QAction(self.tr("&Register a complaint…"), self)
        register.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        register.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        register.setEnabled(can(self.ctx.user, "work"))
        register.triggered.connect(self.register_complaint)
        file_menu.insertAction(self.action_logout, register)
        self.action_register = register

        find_customer = QAction(self.tr("&Incoming call: find customer…"), self)
        find_customer.setShortcuts([QKeySequence("F2"), QKeySequence("Ctrl+Shift+F")])
        find_customer.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        find_customer.triggered.connect(self.open_customer_lookup)
        file_menu.insertAction(self.action_logout, find_customer)
        self.action_find_customer = find_customer
        log_contact = QAction(self.tr("&Log a contact…"), self)
        log_contact.setShortcuts([QKeySequence("F3"), QKeySequence("Ctrl+L")])
        log_contact.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        log_contact.triggered.connect(self.open_contact_register)
        file_menu.insertAction(self.action_logout, log_contact)
        self.action_log_contact = log_contact
        print_action = QAction(self.tr("&Print…"), self)
        print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        print_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        print_action.triggered.connect(self.print_current)
        self.print_action = print_action
        file_menu.insertAction(self.action_logout, print_action)
        file_menu.insertSeparator(self.action_logout)

        view = self.menuBar().addMenu(self.tr("&View"))
        for row, area in enumerate(AREAS):
            action = QAction(self.area_title(area), self)
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _=False, r=row: self.nav.setCurrentRow(r))
            view.addAction(action)
        view.addSeparator()
        refresh = QAction(self.tr("&Refresh"), self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.refresh_current)
        view.addAction(refresh)
        language = view.addMenu(self.tr("&Language"))
        self.language_actions: list[QAction] = []
        for code, label in (("zh_CN", "简体中文"), ("en", "English")):
            action = QAction(label, self)
            action.setData(code)
            self.language_actions.append(action)
            action.setCheckable(True)
            action.setChecked(code == self.ctx.language)
            action.triggered.connect(lambda _=False, c=code: self.request_language(c))
            language.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Kefu Desk"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def register_complaint(self) -> None:
        """The registration form, over whichever page is on screen (the main phone job)."""
        page = self.page("complaints")
        if hasattr(page, "new_complaint"):
            page.new_complaint()

    def open_customer_lookup(self) -> None:
        """The incoming-call lookup, from anywhere in the window."""
        from ui.customers import lookup

        dialog = lookup.open_lookup(self.ctx, self)
        dialog.open()

    def open_contact_register(self) -> None:
        """The contact register's form, from anywhere in the window."""
        from ui.calls.dialog import open_contact_dialog

        open_contact_dialog(self.ctx, self).open()

    def print_current(self) -> None:
        """Ctrl+P: the page's own document (its ``print_document()``), if it prints one."""
        print_document = getattr(self.stack.currentWidget(), "print_document", None)
        if callable(print_document):
            print_document()
        else:
            self.statusBar().showMessage(self.tr("Nothing to print on this page."), 5000)

    def refresh_current(self) -> None:
        page = self.stack.currentWidget()
        if hasattr(page, "refresh"):
            page.refresh()
        self.refresh_badges()
        self.check_for_changes()

    def _build_status_bar(self) -> None:
        user = self.ctx.user
        self.user_label = QLabel(
            self.tr("{name} ({employee_no}, {role})").format(
                name=user.name, employee_no=user.employee_no, role=role_label(user.role)
            )
        )
        self.db_label = QLabel(self.ctx.db_description)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.db_label)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Kefu Desk"),
            self.tr("Kefu Desk — the customer-service department's desk.\nDatabase: {db}").format(
                db=self.ctx.db_description
            ),
        )

    # --- layout memory -------------------------------------------------------------------------

    def restore_layout(self) -> None:
        settings = local_settings()
        geometry = settings.value("main/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            # as wide as a laptop's screen allows (the registry's columns want it), else 1440
            self.resize(min(1440, max(1280, self.available_geometry().width())), 860)
        self.fit_into_screen()
        state = settings.value("main/splitter")
        if state is not None:
            self.splitter.restoreState(state)

    def available_geometry(self) -> QRect:
        screen = self.screen() or QApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)

    def fit_into_screen(self) -> None:
        """The whole window, title bar and status bar included, inside the screen's free area
        (a remembered size from a bigger screen shrinks to this one)."""
        if self.isMaximized() or self.isFullScreen():
            return
        free = self.available_geometry()
        frame, inner = self.frameGeometry(), self.geometry()
        extra = QSize(frame.width() - inner.width(), frame.height() - inner.height())
        if not self.isVisible() or extra.isNull():  # not framed yet: allow for a title bar
            extra = QSize(max(extra.width(), FRAME_ALLOWANCE.width()), FRAME_ALLOWANCE.height())
        width = min(self.width(), free.width() - extra.width())
        height = min(self.height(), free.height() - extra.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        outer = QSize(self.width() + extra.width(), self.height() + extra.height())
        x = min(max(frame.x(), free.x()), free.x() + max(0, free.width() - outer.width()))
        y = min(max(frame.y(), free.y()), free.y() + max(0, free.height() - outer.height()))
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._fitted:  # once framed, the title bar's real height is known
            self._fitted = True
            QTimer.singleShot(0, self.fit_into_screen)
            if self._count_badges:
                operations.runner().idle_changed.connect(self._count_badges_when_shown)
                QTimer.singleShot(0, self, self._count_badges_when_shown)

    def save_layout(self) -> None:
        settings = local_settings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/splitter", self.splitter.saveState())
        for page in self.pages.values():
            if hasattr(page, "save_layout"):
                page.save_layout()

    # --- leaving with unsaved work ------------------------------------------------------------

    def unsaved_work(self) -> list[str]:
        """What the pages hold typed and unsaved, in a few words each."""
        found = []
        for page in self.pages.values():
            described = page.unsaved_work() if hasattr(page, "unsaved_work") else ""
            if described:
                found.append(described)
        return found

    def discard_unsaved_work(self) -> None:
        """Close without asking (a rendering or an automated run owns no user input)."""
        self._discard_confirmed = True

    def may_discard_unsaved_work(self) -> bool:
        """Ask before quitting, logging out or rebuilding the window loses typed input."""
        if self._discard_confirmed:
            return True
        found = self.unsaved_work()
        if not found:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Not saved yet: {what}. Discard and go on?").format(what=", ".join(found)),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        self._discard_confirmed = answer == QMessageBox.StandardButton.Discard
        return self._discard_confirmed

    def request_logout(self) -> None:
        if self.may_discard_unsaved_work():
            self.logout_requested.emit()

    def request_language(self, language: str) -> None:
        if language == self.ctx.language:
            self._check_language_actions()
            return
        if self.may_discard_unsaved_work():
            self.language_requested.emit(language)
        else:
            self._check_language_actions()

    def _check_language_actions(self) -> None:
        for action in self.language_actions:
            action.setChecked(action.data() == self.ctx.language)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_discard_unsaved_work():
            event.ignore()
            return
        if self.remember_layout:
            self.save_layout()
        self.watcher.stop()
        super().closeEvent(event)


def quit_shortcuts() -> list[QKeySequence]:
    """The platform's quit keys, and Ctrl+Q everywhere: each key once, since an action that holds
    the same key twice is ambiguous to Qt and does not fire."""
    keys = [*QKeySequence.keyBindings(QKeySequence.StandardKey.Quit), QKeySequence("Ctrl+Q")]
    unique: list[QKeySequence] = []
    for key in keys:
        if not key.isEmpty() and key not in unique:
            unique.append(key)
    return unique
