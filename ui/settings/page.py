"""The settings area: team settings (admins edit), users (admins), the audit trail (managers too)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app import auth
from ui.context import UiContext
from ui.settings.audit_tab import AuditTab
from ui.settings.database_tab import DatabaseTab
from ui.settings.general_tab import GeneralTab
from ui.settings.users_tab import UsersTab


class SettingsPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self.general = GeneralTab(ctx)
        self.tabs.addTab(self.general, self.tr("Team settings"))
        self.users: UsersTab | None = None
        self.audit: AuditTab | None = None
        self.database: DatabaseTab | None = None
        if auth.can(ctx.user, "users.manage"):
            self.users = UsersTab(ctx)
            self.tabs.addTab(self.users, self.tr("Users"))
        if auth.can(ctx.user, "audit.view"):
            self.audit = AuditTab(ctx)
            self.tabs.addTab(self.audit, self.tr("Audit trail"))
        if auth.can(ctx.user, "database.manage"):
            self.database = DatabaseTab(ctx)
            self.tabs.addTab(self.database, self.tr("Database"))
        if self.tabs.count() == 1 and not auth.can(ctx.user, "settings.edit"):
            note = QLabel(self.tr("Only an administrator can change these settings."))
            layout.insertWidget(0, note)

    def refresh(self) -> None:
        for tab in (self.general, self.users, self.audit, self.database):
            if tab is not None:
                tab.refresh()

    def unsaved_work(self) -> str:
        return self.general.unsaved_work()

    def save_layout(self) -> None:
        if self.audit is not None:
            self.audit.save_layout()

    def screenshot_states(self) -> list[tuple[str, Any]]:
        states = []
        for name, tab in (
            ("users", self.users),
            ("audit", self.audit),
            ("database", self.database),
        ):
            if tab is not None:
                states.append((name, lambda t=tab: self._show(t)))
        return states

    def _show(self, tab: QWidget) -> QWidget:
        self.tabs.setCurrentWidget(tab)
        tab.refresh()
        return self.window()


def create_page(ctx: UiContext, parent: QWidget) -> QWidget:
    return SettingsPage(ctx, parent)
