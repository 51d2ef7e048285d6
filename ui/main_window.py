"""The main window: navigation list, one page per area, menus, status bar, remembered layout."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QWidget,
)

from app import audit
from app.auth import role_label
from ui.context import UiContext, local_settings
from ui.pages import AREAS, Area

CHANGE_POLL_MS = 5000


class MainWindow(QMainWindow):
    logout_requested = Signal()
    language_requested = Signal(str)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        ctx.navigate = self.navigate
        ctx.refresh_badges = self.refresh_badges
        self.setWindowTitle(self.tr("Kefu Desk"))
        self.remember_layout = True
        self._discard_confirmed = False
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
        self._last_change = audit.latest_change_id()
        self.poll = QTimer(self)
        self.poll.setInterval(CHANGE_POLL_MS)
        self.poll.timeout.connect(self.check_for_changes)
        self.poll.start()
        self.restore_layout()
        self.nav.setCurrentRow(0)
        self.refresh_badges()

    # --- areas ---------------------------------------------------------------------------------

    def area_title(self, area: Area) -> str:
        return QCoreApplication.translate("Areas", area.title)

    def _icon(self, area: Area):
        return self.style().standardIcon(getattr(QStyle.StandardPixmap, area.icon))

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

    def refresh_badges(self) -> None:
        """The numbers beside the areas, from each page module's ``badge_count(ctx)``."""
        for row, area in enumerate(AREAS):
            module = importlib.import_module(area.module)
            counter = getattr(module, "badge_count", None)
            count = counter(self.ctx) if counter is not None else 0
            title = self.area_title(area)
            self.nav.item(row).setText(f"{title}  ({count})" if count else title)

    def check_for_changes(self) -> None:
        """Another desk saved something: refresh the visible page and the counts."""
        try:
            latest = audit.latest_change_id()
        except Exception:  # the database is briefly unavailable: try again at the next tick
            self.statusBar().showMessage(self.tr("The database is not answering; retrying…"), 4000)
            return
        if latest != self._last_change:
            self._last_change = latest
            page = self.stack.currentWidget()
            # the pages out of sight catch up when they are shown again
            self._stale.update(key for key, other in self.pages.items() if other is not page)
            if hasattr(page, "refresh"):
                page.refresh()
            self.refresh_badges()

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

        find_customer = QAction(self.tr("&Incoming call: find customer…"), self)
        find_customer.setShortcuts([QKeySequence("F2"), QKeySequence("Ctrl+Shift+F")])
        find_customer.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        find_customer.triggered.connect(self.open_customer_lookup)
        file_menu.insertAction(self.action_logout, find_customer)
        file_menu.insertSeparator(self.action_logout)
        self.action_find_customer = find_customer

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

    def open_customer_lookup(self) -> None:
        """The incoming-call lookup, from anywhere in the window."""
        from ui.customers import lookup

        dialog = lookup.open_lookup(self.ctx, self)
        dialog.open()

    def refresh_current(self) -> None:
        page = self.stack.currentWidget()
        if hasattr(page, "refresh"):
            page.refresh()
        self.refresh_badges()

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
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = QApplication.primaryScreen()
            size = screen.availableSize() if screen else QSize(1280, 800)
            self.resize(min(1280, size.width()), min(800, size.height()))
        state = settings.value("main/splitter")
        if state is not None:
            self.splitter.restoreState(state)

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
        self.poll.stop()
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
