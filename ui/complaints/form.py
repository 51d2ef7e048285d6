"""The registration form, shaped for a phone call: who, how to reach them, what happened.

Typing a contact that is in the customer archive offers that customer; saving gives the number,
shown large so the agent can read it out to the customer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import clock, validation
from app.auth import User
from app.complaints import labels, service
from app.customers import names as customer_names
from app.customers.names import CustomerName
from app.errors import KefuError, ValidationError
from ui import dates, operations
from ui.forms import FieldErrors

DATETIME_FORMAT = "yyyy-MM-dd HH:mm"
RECEIVED_FORMAT = "%m-%d %H:%M"  # typed back the same way: 11-30 14:05


def fill_combo(combo: QComboBox, codes: list[str] | tuple[str, ...], kind: str) -> None:
    combo.clear()
    for code in codes:
        combo.addItem(labels.label(kind, code), code)


class RegistrationDialog(QDialog):
    """Register one complaint; emits ``registered(complaint_id)`` after a successful save."""

    registered = Signal(int)
    open_requested = Signal(int)

    def __init__(
        self,
        user: User,
        parent: QWidget | None = None,
        choices: tuple[list[str], list[str]] | None = None,
        register: Callable[..., Any] | None = None,
    ) -> None:
        """``choices``: the team's channels and categories when the caller has them already;
        without them they are read off the GUI thread. ``register(user, **values)`` is the use
        case that registers (the complaints service's, unless the caller files the complaint
        from something else, e.g. a contact)."""
        super().__init__(parent)
        self.user = user
        self.register = register or service.register_complaint
        self.choices_read = False
        self.save_when_read = False
        self.customer_id: int | None = None
        self.offered: CustomerName | None = None
        self.complaint_id: int | None = None
        self.setWindowTitle(self.tr("Register a complaint"))
        self.setMinimumWidth(560)
        self.pages = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.pages.addWidget(self._build_form())
        self.pages.addWidget(self._build_done())
        self.lookup_timer = QTimer(self)
        self.lookup_timer.setSingleShot(True)
        self.lookup_timer.setInterval(250)
        self.lookup_timer.timeout.connect(self.look_up_contact)
        self.contact.textChanged.connect(lambda _t: self.lookup_timer.start())
        if choices is not None:
            self._fill_choices(choices)
        else:  # the team's channels and categories, read off the GUI thread
            operations.query(
                self,
                lambda: (service.channels(), service.categories()),
                done=self._fill_choices,
                slot="choices",
                busy="",
            )

    def _fill_choices(self, choices: tuple[list[str], list[str]]) -> None:
        self.choices_read = True
        channels, categories = choices
        for combo, codes, kind in (
            (self.channel, channels, "channel"),
            (self.category, categories, "category"),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            fill_combo(combo, codes, kind)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)
        if self.save_when_read:  # Ctrl+Enter came before the choices: saved now
            self.save_when_read = False
            self.save()

    # --- building --------------------------------------------------------------------------

    def _build_form(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        form = QFormLayout()
        self.complainant = QLineEdit()
        self.complainant.setObjectName("complainant")
        self.contact = QLineEdit()
        self.contact.setObjectName("contact")
        self.contact.setPlaceholderText(
            self.tr("mobile, landline with area code, e-mail or WeChat")
        )
        self.customer_hint = QLabel()
        self.customer_hint.setObjectName("customer_hint")
        self.use_customer = QPushButton(self.tr("Use this customer"))
        self.use_customer.setObjectName("use_customer")
        self.use_customer.clicked.connect(self.accept_offer)
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.customer_hint, 1)
        hint_row.addWidget(self.use_customer)
        self.hint_box = QWidget()
        self.hint_box.setLayout(hint_row)
        hint_row.setContentsMargins(0, 0, 0, 0)
        self.hint_box.hide()
        self.received_at = QLineEdit()
        self.received_at.setObjectName("received_at")
        self.received_at.setPlaceholderText(self.tr("e.g. 11-30 14:05"))
        self.received_at.setToolTip(
            self.tr("When the customer called or wrote: month-day hour:minute, e.g. 11-30 14:05")
        )
        self.now_button = QPushButton(self.tr("Now"))
        self.now_button.setObjectName("received_now")
        self.now_button.setAutoDefault(False)
        self.now_button.clicked.connect(self.set_received_now)
        self.set_received_now()
        received_row = QHBoxLayout()
        received_row.setContentsMargins(0, 0, 0, 0)
        received_row.addWidget(self.received_at, 1)
        received_row.addWidget(self.now_button)
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        self.category = QComboBox()
        self.category.setObjectName("category")
        self.severity = QComboBox()
        self.severity.setObjectName("severity")
        fill_combo(self.severity, labels.SEVERITIES, "severity")
        self.severity.currentIndexChanged.connect(self._severity_changed)
        self.severity_note = QLabel()
        self.severity_note.setStyleSheet("color: #b71c1c")
        self.severity_note.hide()
        self.order_no = QLineEdit()
        self.order_no.setObjectName("order_no")
        self.content = QPlainTextEdit()
        self.content.setObjectName("content")
        self.content.setPlaceholderText(self.tr("The customer's complaint in full"))
        self.content.setTabChangesFocus(True)
        # the order of a phone call: who, how to reach them, what happened; the received time
        # (now, rarely changed), the severity and the order number come after the content
        form.addRow(self.tr("Complainant"), self.complainant)
        form.addRow(self.tr("Contact"), self.contact)
        form.addRow("", self.hint_box)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Content"), self.content)
        form.addRow(self.tr("Severity"), self.severity)
        form.addRow("", self.severity_note)
        form.addRow(self.tr("Order number"), self.order_no)
        form.addRow(self.tr("Received at"), received_row)
        outer.addLayout(form)
        self.errors = FieldErrors(
            form,
            {
                "complainant": self.complainant,
                "contact": self.contact,
                "received_at": self.received_at,
                "channel": self.channel,
                "category": self.category,
                "severity": self.severity,
                "order_no": self.order_no,
                "content": self.content,
            },
            check=self.check_field,
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save")
        self.save_button.setText(self.tr("Register (Ctrl+Enter)"))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # saves from any field, the content too
            QShortcut(QKeySequence(keys), page, self.save)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        return page

    def _build_done(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        intro = QLabel(self.tr("Registered. Read the complaint number to the customer:"))
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number_label = QLabel()
        self.number_label.setObjectName("number")
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.font())
        font.setPointSize(30)
        font.setBold(True)
        self.number_label.setFont(font)
        self.promise_label = QLabel()
        self.promise_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(intro)
        layout.addWidget(self.number_label)
        layout.addWidget(self.promise_label)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open the complaint"))
        self.open_button.setObjectName("open_complaint")
        self.open_button.clicked.connect(self._open_registered)
        self.another_button = QPushButton(self.tr("Register another"))
        self.another_button.clicked.connect(self.start_over)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept_done)
        row.addStretch(1)
        row.addWidget(self.open_button)
        row.addWidget(self.another_button)
        row.addWidget(close)
        layout.addLayout(row)
        return page

    # --- behaviour -------------------------------------------------------------------------

    def prefill_customer(self, customer_id: int) -> None:
        """Start from an archived customer: name and first phone (read off the GUI thread)."""

        def read() -> tuple[CustomerName | None, str | None]:
            customer = customer_names.name_of(customer_id)
            if customer is None:
                return None, None
            return customer, customer_names.first_phone(customer.id)

        operations.query(self, read, done=self._prefill, slot="customer")

    def _prefill(self, found: tuple[CustomerName | None, str | None]) -> None:
        customer, phone = found
        if customer is None:
            return
        self.complainant.setText(customer.name)
        if phone:
            self.contact.setText(phone)
        self.customer_id = customer.id
        self.lookup_timer.stop()
        self._show_linked(customer)

    def _show_linked(self, customer: CustomerName) -> None:
        self.customer_hint.setText(
            self.tr("Linked to the archived customer {name}.").format(name=customer.described())
        )
        self.use_customer.hide()
        self.hint_box.show()

    def look_up_contact(self) -> None:
        """Whose contact this is in the customer archive (looked up off the GUI thread)."""
        contact = self.contact.text()

        def read() -> CustomerName | None:
            found = service.customer_for_contact(contact)
            return CustomerName.of(found) if found is not None else None

        operations.query(self, read, done=self._looked_up, slot="lookup", busy="")

    def _looked_up(self, customer: CustomerName | None) -> None:
        if customer is None:
            self.offered = None
            if self.customer_id is None:
                self.hint_box.hide()
            return
        if customer.id == self.customer_id:
            return
        self.offered = customer
        if not self.complainant.text().strip():
            self.accept_offer()
            return
        self.customer_hint.setText(
            self.tr("This contact belongs to {name} in the customer archive.").format(
                name=customer.described()
            )
        )
        self.use_customer.show()
        self.hint_box.show()

    def accept_offer(self) -> None:
        if self.offered is None:
            return
        self.customer_id = self.offered.id
        self.complainant.setText(self.offered.name)
        self._show_linked(self.offered)

    def _severity_changed(self) -> None:
        code = self.severity.currentData()
        if code in labels.REPORTED_SEVERITIES:
            self.severity_note.setText(
                self.tr("Serious and major complaints are reported to the manager.")
            )
        else:
            self.severity_note.setText("")
        self.severity_note.setVisible(bool(self.severity_note.text()))

    def values(self) -> dict:
        return {
            "complainant": self.complainant.text(),
            "contact": self.contact.text(),
            "received_at": self.received_moment(),
            "channel": self.channel.currentData(),
            "category": self.category.currentData(),
            "severity": self.severity.currentData(),
            "order_no": self.order_no.text(),
            "content": self.content.toPlainText(),
            "customer": self.customer_id,
        }

    def set_received_now(self) -> None:
        self.received_at.setText(clock.now().strftime(RECEIVED_FORMAT))

    def received_moment(self) -> dt.datetime | None:
        """The typed received time; None when it is no time (``received_problem`` says why)."""
        return clock.parse_typed_moment(self.received_at.text())

    def received_problem(self) -> str:
        moment = self.received_moment()
        if moment is None:
            return self.tr("Type the time as month-day hour:minute, e.g. 11-30 14:05.")
        # before the team's earliest date: said as the field is typed, not only on saving
        return validation.date_problem(moment, dates.earliest()) or ""

    def check_field(self, key: str) -> str:
        """The reason a field is wrong now, "" when it is fine (errors go as fields are fixed)."""
        if key == "received_at" and self.received_problem():
            return self.received_problem()
        if key in ("channel", "category"):  # chosen from the team's list; checked at saving
            return ""
        value = self.values()[key]
        try:
            service.validate_fields({key: value})
        except ValidationError as exc:
            return exc.fields.get(key, "")
        return ""

    def save(self) -> None:
        """Register off the GUI thread; what was typed stays when it is refused."""
        if self.pages.currentIndex() != 0 or not self.save_button.isEnabled():
            return
        if not self.choices_read:
            self.save_when_read = True
            return
        self.lookup_timer.stop()
        values = self.values()
        user, received_problem, register = self.user, self.received_problem(), self.register

        def work() -> Any:
            if values["received_at"] is None:  # no time: say so, with what else is wrong
                problems = {"received_at": received_problem}
                others = {k: v for k, v in values.items() if k not in ("received_at", "customer")}
                try:
                    service.validate_fields(others)
                except ValidationError as exc:
                    problems.update(exc.fields)
                raise ValidationError(problems)
            return register(user, **values)

        self.save_button.setEnabled(False)
        operations.perform(self, work, done=self._registered, failed=self._refused)

    def _refused(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.errors.show(exc.fields)
        elif isinstance(exc, KefuError):
            self.errors.show({"": str(exc)})
        else:
            operations.show_error(self, exc)

    def _registered(self, complaint: Any) -> None:
        self.save_button.setEnabled(True)
        self.errors.clear()
        self.complaint_id = complaint.id
        self.number_label.setText(complaint.number)
        self.promise_label.setText(
            self.tr("Promised by {time}").format(time=f"{complaint.promised_at:%Y-%m-%d %H:%M}")
        )
        self.pages.setCurrentIndex(1)
        self.open_button.setFocus()
        self.registered.emit(complaint.id)

    def start_over(self) -> None:
        for widget in (self.complainant, self.contact, self.order_no):
            widget.clear()
        self.content.clear()
        self.set_received_now()
        self.customer_id = None
        self.offered = None
        self.hint_box.hide()
        self.pages.setCurrentIndex(0)
        self.complainant.setFocus()

    def _open_registered(self) -> None:
        if self.complaint_id is not None:
            self.open_requested.emit(self.complaint_id)
        self.accept_done()

    def accept_done(self) -> None:
        super().accept()
