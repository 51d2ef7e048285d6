"""The incoming-call lookup: one search box, reachable from anywhere (F2 in the main window).

Typing part of a phone number, a name or an organisation lists matching customers as you type;
Up/Down choose, Enter opens the customer's page. The search runs off the GUI thread; Enter
pressed before it answered opens what it finds.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.auth import can
from app.contacts import contacts_text
from app.customers.codes import kind_label
from app.customers.lookup import looks_like_phone
from app.customers.views import ListRow, found_rows
from ui import operations
from ui.context import UiContext

TYPING_PAUSE_MS = 60
LIMIT = 30


class LookupDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Find a customer"))
        self.setObjectName("customer_lookup")
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setObjectName("lookup_search")
        self.search.setPlaceholderText(
            self.tr("Part of a phone number, a name or an organisation…")
        )
        self.search.setClearButtonEnabled(True)
        font = self.search.font()
        font.setPointSize(font.pointSize() + 3)
        self.search.setFont(font)
        layout.addWidget(self.search)
        self.results = QListWidget()
        self.results.setObjectName("lookup_results")
        layout.addWidget(self.results, 1)
        bottom = QHBoxLayout()
        self.status = QLabel(self.tr("Type to search; Enter opens the customer."))
        self.status.setStyleSheet("color: gray")
        bottom.addWidget(self.status, 1)
        self.register_button = QPushButton(self.tr("Register a complaint (Ctrl+N)"))
        self.register_button.setObjectName("lookup_register")
        self.register_button.setAutoDefault(False)
        self.register_button.setToolTip(
            self.tr("Register a complaint for the chosen customer (or for the number typed)")
        )
        self.register_button.setVisible(can(ctx.user, "work"))
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, self.register_complaint)
        self.new_button = QPushButton(self.tr("New customer…"))
        self.new_button.setAutoDefault(False)
        bottom.addWidget(self.register_button)
        bottom.addWidget(self.new_button)
        layout.addLayout(bottom)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_PAUSE_MS)
        self.timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self.timer.start())
        self.search.returnPressed.connect(self.open_current)
        self.search.installEventFilter(self)
        self.results.itemActivated.connect(lambda _item: self.open_current())
        self.new_button.clicked.connect(self.new_customer)
        self.register_button.clicked.connect(self.register_complaint)
        self.searched_text: str | None = None
        self._after_search: Callable[[], None] | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.search and isinstance(event, QKeyEvent):
            key = event.key()
            if (
                event.type() == QEvent.Type.KeyPress
                and key in (Qt.Key.Key_Down, Qt.Key.Key_Up)
                and self.results.count()
            ):
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def run_search(self, then: Callable[[], None] | None = None) -> None:
        """Search for what is typed off the GUI thread; ``then()`` once the results are shown."""
        text = self.search.text().strip()
        self.timer.stop()
        self._after_search = then
        operations.query(
            self,
            lambda: found_rows(text, LIMIT),
            done=lambda found: self._show_found(text, found),
            slot="search",
            busy="",
        )

    def _show_found(self, text: str, found: list[ListRow]) -> None:
        self.results.clear()
        for customer, phones, tags in found:
            parts = [customer.name]
            if customer.organisation and customer.organisation != customer.name:
                parts.append(customer.organisation)
            if customer.contact_person:
                parts.append(customer.contact_person)
            parts.append(kind_label(customer.kind))
            parts.append(contacts_text(phones))
            if tags:
                parts.append("【" + "、".join(tags) + "】")
            item = QListWidgetItem("  ·  ".join(p for p in parts if p))
            item.setData(Qt.ItemDataRole.UserRole, customer.id)
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)
            self.status.setText(
                self.tr("{n} customer(s) found; Enter opens the selected one.").format(n=len(found))
            )
        elif text:
            self.status.setText(self.tr("No customer found. Add a new one?"))
        else:
            self.status.setText(self.tr("Type to search; Enter opens the customer."))
        self.searched_text = text
        then, self._after_search = self._after_search, None
        if then is not None:
            then()

    def _searched(self) -> bool:
        return not self.timer.isActive() and self.searched_text == self.search.text().strip()

    def current_id(self) -> int | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def open_current(self) -> None:
        if not self._searched():
            self.run_search(then=self.open_current)
            return
        customer_id = self.current_id()
        if customer_id is None:
            return
        self.accept()
        self.ctx.navigate("customers", customer_id=customer_id)

    def register_complaint(self) -> None:
        """The caller has a complaint: register it linked to the chosen customer, or with the
        typed number when nobody matched."""
        if not can(self.ctx.user, "work"):
            return
        if not self._searched():
            self.run_search(then=self.register_complaint)
            return
        customer_id = self.current_id()
        text = self.search.text().strip()
        self.accept()
        if customer_id is not None:
            self.ctx.navigate("complaints", new_for_customer=customer_id)
        else:
            self.ctx.navigate("complaints", new_with_contact=text if looks_like_phone(text) else "")

    def new_customer(self) -> None:
        text = self.search.text().strip()
        self.accept()
        if looks_like_phone(text):
            self.ctx.navigate("customers", new_customer_phone=text)
        else:
            self.ctx.navigate("customers", new_customer_name=text)


def open_lookup(ctx: UiContext, parent: QWidget | None) -> QDialog:
    """A ready lookup dialog; the caller shows it with ``open()``."""
    dialog = LookupDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.search.setFocus()
    return dialog
