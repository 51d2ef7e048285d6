"""The contact register's form 来电/咨询登记, opened with F3 (or Ctrl+L) from anywhere.

Shaped for a call in progress: the fields come in the order of the call (channel, came in, first
answer, phone, customer, topic, note, result, end), the times default to the moment the form
opened, typing the phone offers the archived customers it belongs to, and Ctrl+Enter saves. A
complaint registered opens the complaint form filled from the contact and links the two; a
callback needed makes a callback task.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.calls import service
from app.calls.service import ContactRow, CustomerChoice
from ui import dates, operations
from ui.context import UiContext
from ui.forms import FieldErrors, show_refusal

TIME_FORMAT = "yyyy-MM-dd HH:mm:ss"
TYPING_PAUSE_MS = 200
NEW_CUSTOMER = -1  # the customer choice that adds the caller to the archive


def _time_edit(value: dt.datetime, name: str) -> QDateTimeEdit:
    edit = dates.limit(QDateTimeEdit(QDateTime(value)))
    edit.setObjectName(name)
    edit.setDisplayFormat(TIME_FORMAT)
    edit.setCalendarPopup(False)
    return edit


def _value(edit: QDateTimeEdit) -> dt.datetime:
    return edit.dateTime().toPython().replace(microsecond=0)  # type: ignore[no-any-return]


class ContactDialog(QDialog):
    """Log a new contact, or edit one (``record``); ``saved(contact_id)`` after a save."""

    saved = Signal(int)

    def __init__(
        self, ctx: UiContext, parent: QWidget | None = None, record: ContactRow | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record = record
        self.opened_at = clock.now().replace(microsecond=0)
        self.choices: list[CustomerChoice] = []
        self.saved_id: int | None = None
        self.complaint_dialog: QDialog | None = None
        self.setObjectName("contact_dialog")
        self.setWindowTitle(self.tr("Edit a contact") if record else self.tr("Log a contact"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        self.came_in_at = _time_edit(self.opened_at, "came_in_at")
        self.answered_at = _time_edit(self.opened_at, "answered_at")
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.phone.setPlaceholderText(self.tr("mobile, landline with area code, e-mail or WeChat"))
        self.customer = QComboBox()
        self.customer.setObjectName("customer")
        self._plain_choices()
        self.customer_name = QLineEdit()
        self.customer_name.setObjectName("customer_name")
        self.topic = QComboBox()
        self.topic.setObjectName("topic")
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(70)
        self.note.setPlaceholderText(self.tr("What the customer wanted, in a few words"))
        self.result_choice = QComboBox()
        self.result_choice.setObjectName("result")
        for code in service.RESULTS:
            self.result_choice.addItem(service.result_label(code), code)
        self.order_no = QLineEdit()
        self.order_no.setObjectName("order_no")
        self.end_now = QCheckBox(self.tr("Ended when saved"))
        self.end_now.setObjectName("end_now")
        self.end_now.setChecked(True)
        self.ended_at = _time_edit(self.opened_at, "ended_at")
        self.ended_at.setEnabled(False)
        self.end_now.toggled.connect(lambda on: self.ended_at.setEnabled(not on))
        end_row = QHBoxLayout()
        end_row.setContentsMargins(0, 0, 0, 0)
        end_row.addWidget(self.end_now)
        end_row.addWidget(self.ended_at, 1)
        end_box = QWidget()
        end_box.setLayout(end_row)
        end_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Came in"), self.came_in_at)
        form.addRow(self.tr("First answer"), self.answered_at)
        form.addRow(self.tr("Phone or contact"), self.phone)
        form.addRow(self.tr("Archived customer"), self.customer)
        form.addRow(self.tr("Customer name"), self.customer_name)
        form.addRow(self.tr("Topic"), self.topic)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Result"), self.result_choice)
        form.addRow(self.tr("Order number"), self.order_no)
        form.addRow(self.tr("Ended"), end_box)
        layout.addLayout(form)
        layout.addStretch(1)
        self.errors = FieldErrors(
            form,
            {
                "channel": self.channel,
                "came_in_at": self.came_in_at,
                "answered_at": self.answered_at,
                "contact": self.phone,
                "customer": self.customer,
                "customer_name": self.customer_name,
                "topic": self.topic,
                "note": self.note,
                "result": self.result_choice,
                "order_no": self.order_no,
                "ended_at": end_box,
            },
        )
        hint = QLabel(self.tr("Ctrl+Enter saves. Esc closes without saving."))
        hint.setStyleSheet("color: gray")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save")
        self.save_button.setText(self.tr("Save"))
        self.save_button.setAutoDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)
        order = [
            self.channel,
            self.came_in_at,
            self.answered_at,
            self.phone,
            self.customer,
            self.customer_name,
            self.topic,
            self.note,
            self.result_choice,
            self.order_no,
            self.end_now,
            self.ended_at,
            self.save_button,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.lookup_timer = QTimer(self)
        self.lookup_timer.setSingleShot(True)
        self.lookup_timer.setInterval(TYPING_PAUSE_MS)
        self.lookup_timer.timeout.connect(self.look_up)
        self.phone.textChanged.connect(lambda _t: self.lookup_timer.start())
        self.customer.currentIndexChanged.connect(self._customer_chosen)
        self.result_choice.currentIndexChanged.connect(self._result_changed)
        self.auto_name = ""
        self.choices_read = False
        self.save_when_read = False
        if record is not None:
            self._fill(record)
        self._result_changed()
        self.phone.setFocus()
        # the team's channels and topics, read off the GUI thread
        operations.query(
            self,
            lambda: (service.channels(), service.topics()),
            done=self._fill_choices,
            slot="choices",
            busy="",
        )

    def _fill_choices(self, choices: tuple[list[str], list[str]]) -> None:
        """The channels and topics to choose from; what is chosen (or the record's) stays."""
        channels, topics = choices
        chosen = self.channel.currentData() or (self.record.channel if self.record else None)
        self.channel.blockSignals(True)
        self.channel.clear()
        for code in channels:
            self.channel.addItem(service.channel_label(code), code)
        if chosen and self.channel.findData(chosen) < 0:
            self.channel.addItem(service.channel_label(chosen), chosen)
        self.channel.setCurrentIndex(max(self.channel.findData(chosen), 0))
        self.channel.blockSignals(False)
        typed = self.topic.currentText()
        self.topic.blockSignals(True)
        self.topic.clear()
        self.topic.addItems(topics)
        if typed:
            if self.topic.findText(typed) < 0:
                self.topic.addItem(typed)
            self.topic.setCurrentText(typed)
        self.topic.blockSignals(False)
        self.choices_read = True
        if self.save_when_read:
            self.save_when_read = False
            self.save()

    # --- filling ------------------------------------------------------------------------------

    def _plain_choices(self) -> None:
        """The first two entries: not in the archive, or add the caller to it."""
        self.customer.addItem(self.tr("(not in the archive)"), None)
        self.customer.addItem(self.tr("(add to the customer archive)"), NEW_CUSTOMER)

    def _fill(self, record: ContactRow) -> None:
        if self.channel.findData(record.channel) >= 0:  # else set when the channels come in
            self.channel.setCurrentIndex(self.channel.findData(record.channel))
        dates.show(self.came_in_at, record.came_in_at)
        dates.show(self.answered_at, record.answered_at or record.came_in_at)
        self.phone.blockSignals(True)
        self.phone.setText(record.contact)
        self.phone.blockSignals(False)
        if record.customer_id is not None:
            self.customer.addItem(record.customer_name, record.customer_id)
            self.customer.setCurrentIndex(self.customer.count() - 1)
        self.customer_name.setText(record.customer_name)
        if self.topic.findText(record.topic) < 0:
            self.topic.addItem(record.topic)
        self.topic.setCurrentText(record.topic)
        self.note.setPlainText(record.note)
        self.result_choice.setCurrentIndex(max(0, self.result_choice.findData(record.result)))
        self.order_no.setText(record.order_no)
        self.end_now.setChecked(record.ended_at is None)
        if record.ended_at is not None:
            dates.show(self.ended_at, record.ended_at)

    def look_up(self) -> None:
        """Offer the archived customers the typed phone belongs to (read off the GUI thread)."""
        text = self.phone.text()
        operations.query(
            self,
            lambda: service.customers_for_phone(text),
            done=self._show_choices,
            slot="lookup",
            busy="",
        )

    def _show_choices(self, choices: list[CustomerChoice]) -> None:
        self.choices = choices
        chosen = self.customer.currentData()
        self.customer.blockSignals(True)
        self.customer.clear()
        self._plain_choices()
        for choice in choices:
            self.customer.addItem(f"{choice.name}  ·  {choice.phones}", choice.id)
        exact = next((c for c in choices if c.exact), None)
        keep = self.customer.findData(chosen) if chosen is not None else -1
        if keep > 0 and (chosen != NEW_CUSTOMER or exact is None):
            self.customer.setCurrentIndex(keep)
        elif exact is not None:
            self.customer.setCurrentIndex(self.customer.findData(exact.id))
        else:
            self.customer.setCurrentIndex(0)
        self.customer.blockSignals(False)
        self._customer_chosen()

    def _customer_chosen(self) -> None:
        customer_id = self.customer.currentData()
        choice = next((c for c in self.choices if c.id == customer_id), None)
        typed = self.customer_name.text().strip()
        if choice is not None and typed in ("", self.auto_name):
            self.customer_name.setText(choice.name)
            self.auto_name = choice.name
        elif choice is None and typed and typed == self.auto_name:
            self.customer_name.clear()
            self.auto_name = ""

    def _result_changed(self) -> None:
        self.order_no.setEnabled(self.result_choice.currentData() == "order")

    # --- saving -------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        ended = None if self.end_now.isChecked() else _value(self.ended_at)
        chosen = self.customer.currentData()
        return {
            "channel": self.channel.currentData(),
            "came_in_at": _value(self.came_in_at),
            "answered_at": _value(self.answered_at),
            "ended_at": ended,
            "contact": self.phone.text(),
            "customer": None if chosen == NEW_CUSTOMER else chosen,
            "customer_name": self.customer_name.text(),
            "topic": self.topic.currentText(),
            "note": self.note.toPlainText(),
            "result": self.result_choice.currentData(),
            "order_no": self.order_no.text() if self.result_choice.currentData() == "order" else "",
        }

    def save(self) -> None:
        if not self.choices_read:  # saved as soon as the channels and topics are in
            self.save_when_read = True
            return
        if operations.is_busy(self) or self.saved_id is not None:
            return
        self.lookup_timer.stop()
        values = self.values()
        user = self.ctx.user
        record = self.record
        end_now = self.end_now.isChecked()
        add = self.customer.currentData() == NEW_CUSTOMER

        def work() -> int:
            if end_now:
                values["ended_at"] = max(clock.now().replace(microsecond=0), values["came_in_at"])
            if record is None:
                return int(service.log_contact(user, add_customer=add, **values).id)
            service.update_contact(user, record.id, values, expected_version=record.version)
            return record.id

        operations.perform(self, work, done=self._saved, failed=self._failed)

    def _failed(self, exc: Exception) -> None:
        show_refusal(self, self.errors, exc)

    def _saved(self, contact_id: int) -> None:
        self.errors.clear()
        self.saved_id = contact_id
        self.saved.emit(contact_id)
        if self.result_choice.currentData() == "complaint" and (
            self.record is None or self.record.complaint_id is None
        ):
            self.open_complaint_form(contact_id)
        self.accept()

    def open_complaint_form(self, contact_id: int) -> QDialog:
        """The complaint registration form, filled from the contact; registering links them (one
        use case: both or neither)."""
        from ui.complaints.form import RECEIVED_FORMAT, RegistrationDialog

        values = self.values()
        dialog = RegistrationDialog(
            self.ctx.user,
            self.parentWidget(),
            register=lambda user, **fields: service.register_complaint_from_contact(
                user, contact_id, **fields
            ),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if values["customer"] is not None:
            dialog.prefill_customer(values["customer"])
        if values["customer_name"]:
            dialog.complainant.setText(values["customer_name"])
        if values["contact"]:
            dialog.contact.setText(values["contact"])
        dialog.received_at.setText(values["came_in_at"].strftime(RECEIVED_FORMAT))
        index = dialog.channel.findData(values["channel"])
        if index >= 0:
            dialog.channel.setCurrentIndex(index)
        dialog.content.setPlainText(values["note"])
        if values["order_no"]:
            dialog.order_no.setText(values["order_no"])
        dialog.open_requested.connect(
            lambda complaint_id: self.ctx.navigate("complaints", complaint_id=complaint_id)
        )
        self.complaint_dialog = dialog
        dialog.open()
        dialog.content.setFocus()
        return dialog


def open_contact_dialog(ctx: UiContext, parent: QWidget | None) -> ContactDialog:
    dialog = ContactDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog
