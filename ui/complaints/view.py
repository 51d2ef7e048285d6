"""One complaint: its fields, the progress timeline, the handling principles, the result, the
customer's satisfaction and the status changes (with reassigning and voiding for managers)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import auth, clock
from app.complaints import labels, service, workflow
from app.contacts import editable_contact
from app.errors import ConflictError, KefuError, ValidationError
from models import Complaint, User
from ui.complaints.form import DATETIME_FORMAT, fill_combo
from ui.forms import FieldErrors


def _qdt(value: dt.datetime | None) -> QDateTime:
    return QDateTime(value) if value else QDateTime(clock.now())


class ComplaintView(QWidget):
    """Shows and edits one complaint; emits ``changed(id)`` after every save."""

    changed = Signal(int)
    print_requested = Signal(int)
    customer_requested = Signal(int)

    def __init__(self, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self.complaint: Complaint | None = None
        self.loaded: dict[str, Any] = {}
        self.actions: frozenset[str] = frozenset()
        self.reopen_refusal: str | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.empty = QLabel(
            self.tr("Choose a complaint in the list, or press Ctrl+N to register one.")
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        outer.addWidget(self.empty)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self._build())
        outer.addWidget(self.scroll)
        self.scroll.hide()

    # --- building --------------------------------------------------------------------------

    def _build(self) -> QWidget:
        body = QWidget()
        layout = QVBoxLayout(body)
        head = QHBoxLayout()
        self.number = QLabel()
        self.number.setObjectName("view_number")
        font = QFont(self.font())
        font.setPointSize(18)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setObjectName("view_status")
        self.flags = QLabel()
        self.flags.setObjectName("view_flags")
        self.flags.setStyleSheet("color: #b71c1c; font-weight: bold")
        self.print_button = QPushButton(self.tr("Print record…"))
        self.print_button.clicked.connect(self._print)
        head.addWidget(self.number)
        head.addWidget(self.status)
        head.addWidget(self.flags, 1)
        head.addWidget(self.print_button)
        layout.addLayout(head)
        self.message = QLabel()
        self.message.setObjectName("view_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #1565c0")
        layout.addWidget(self.message)

        details = QGroupBox(self.tr("Complaint"))
        form = QFormLayout(details)
        self.complainant = QLineEdit()
        self.contact = QLineEdit()
        self.customer_link = QPushButton()
        self.customer_link.setFlat(True)
        self.customer_link.setStyleSheet("text-align: left; color: #1565c0")
        self.customer_link.clicked.connect(self._open_customer)
        self.received = QLabel()
        self.channel = QComboBox()
        self.category = QComboBox()
        self.severity = QComboBox()
        self.order_no = QLineEdit()
        self.promised_at = QDateTimeEdit()
        self.promised_at.setDisplayFormat(DATETIME_FORMAT)
        self.promised_at.setCalendarPopup(True)
        self.content = QPlainTextEdit()
        self.content.setMaximumHeight(110)
        self.handler = QLabel()
        self.reassign_box = QComboBox()
        self.reassign_button = QPushButton(self.tr("Reassign"))
        self.reassign_button.setObjectName("reassign")
        self.reassign_button.clicked.connect(self.reassign)
        handler_row = QHBoxLayout()
        handler_row.addWidget(self.handler, 1)
        handler_row.addWidget(self.reassign_box)
        handler_row.addWidget(self.reassign_button)
        form.addRow(self.tr("Complainant"), self.complainant)
        form.addRow(self.tr("Contact"), self.contact)
        form.addRow("", self.customer_link)
        form.addRow(self.tr("Received at"), self.received)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Severity"), self.severity)
        form.addRow(self.tr("Order number"), self.order_no)
        form.addRow(self.tr("Promised by"), self.promised_at)
        form.addRow(self.tr("Content"), self.content)
        self.handler_box = QWidget()
        self.handler_box.setLayout(handler_row)
        handler_row.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Handler"), self.handler_box)
        self.errors = FieldErrors(
            form,
            {
                "complainant": self.complainant,
                "contact": self.contact,
                "channel": self.channel,
                "category": self.category,
                "severity": self.severity,
                "order_no": self.order_no,
                "promised_at": self.promised_at,
                "content": self.content,
                "handler": self.handler_box,
            },
        )
        layout.addWidget(details)

        principles = QGroupBox(self.tr("Handling principles"))
        grid = QGridLayout(principles)
        self.principle_boxes: dict[str, QCheckBox] = {}
        for index, code in enumerate(labels.PRINCIPLES):
            box = QCheckBox(labels.principle_label(code))
            box.setObjectName(f"principle_{code}")
            self.principle_boxes[code] = box
            grid.addWidget(box, index // 2, index % 2)
        layout.addWidget(principles)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        self.save_button = QPushButton(self.tr("Save changes"))
        self.save_button.setObjectName("save_changes")
        self.save_button.clicked.connect(self.save)
        save_row.addWidget(self.save_button)
        layout.addLayout(save_row)

        progress = QGroupBox(self.tr("Progress"))
        progress_layout = QVBoxLayout(progress)
        self.timeline = QTreeWidget()
        self.timeline.setObjectName("timeline")
        self.timeline.setRootIsDecorated(False)
        self.timeline.setHeaderLabels(
            [self.tr("Time"), self.tr("Step"), self.tr("By"), self.tr("Note")]
        )
        self.timeline.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.timeline.setMinimumHeight(140)
        progress_layout.addWidget(self.timeline)
        add_row = QHBoxLayout()
        self.step_kind = QComboBox()
        self.step_kind.setObjectName("step_kind")
        fill_combo(self.step_kind, labels.STEP_KINDS, "step")
        self.step_time = QDateTimeEdit(QDateTime(clock.now()))
        self.step_time.setDisplayFormat(DATETIME_FORMAT)
        self.step_note = QLineEdit()
        self.step_note.setObjectName("step_note")
        self.step_note.setPlaceholderText(self.tr("What was done or said"))
        self.step_note.returnPressed.connect(self.add_step)
        self.add_step_button = QPushButton(self.tr("Add step"))
        self.add_step_button.setObjectName("add_step")
        self.add_step_button.clicked.connect(self.add_step)
        add_row.addWidget(self.step_kind)
        add_row.addWidget(self.step_time)
        add_row.addWidget(self.step_note, 1)
        add_row.addWidget(self.add_step_button)
        progress_layout.addLayout(add_row)
        self.step_error = QLabel()
        self.step_error.setStyleSheet("color: #c62828")
        self.step_error.hide()
        progress_layout.addWidget(self.step_error)
        layout.addWidget(progress)

        outcome = QGroupBox(self.tr("Result and callback"))
        outcome_form = QFormLayout(outcome)
        self.result = QPlainTextEdit()
        self.result.setObjectName("result")
        self.result.setMaximumHeight(80)
        self.resolve_button = QPushButton(self.tr("Resolve"))
        self.resolve_button.setObjectName("resolve")
        self.resolve_button.clicked.connect(self.resolve)
        self.start_button = QPushButton(self.tr("Start handling"))
        self.start_button.clicked.connect(self.start_handling)
        resolve_row = QHBoxLayout()
        resolve_row.addWidget(self.start_button)
        resolve_row.addStretch(1)
        resolve_row.addWidget(self.resolve_button)
        self.satisfaction = QComboBox()
        self.satisfaction.setObjectName("satisfaction")
        self.satisfaction.addItem(self.tr("(not asked yet)"), None)
        for score in labels.SATISFACTION_LEVELS:
            self.satisfaction.addItem(f"{score} · {labels.satisfaction_label(score)}", score)
        self.callback_note = QLineEdit()
        self.callback_note.setObjectName("callback_note")
        self.callback_note.setPlaceholderText(self.tr("What the customer said on the callback"))
        self.close_button = QPushButton(self.tr("Satisfied: close"))
        self.close_button.setObjectName("close_after_callback")
        self.close_button.clicked.connect(self.close_after_callback)
        self.reopen_button = QPushButton(self.tr("Not satisfied: reopen"))
        self.reopen_button.setObjectName("reopen")
        self.reopen_button.clicked.connect(self.reopen)
        self.void_button = QPushButton(self.tr("Void…"))
        self.void_button.clicked.connect(self.void)
        callback_row = QHBoxLayout()
        callback_row.addWidget(self.close_button)
        callback_row.addWidget(self.reopen_button)
        callback_row.addStretch(1)
        callback_row.addWidget(self.void_button)
        outcome_form.addRow(self.tr("Result"), self.result)
        self.resolve_box = QWidget()
        self.resolve_box.setLayout(resolve_row)
        resolve_row.setContentsMargins(0, 0, 0, 0)
        outcome_form.addRow("", self.resolve_box)
        outcome_form.addRow(self.tr("Satisfaction"), self.satisfaction)
        outcome_form.addRow(self.tr("Callback note"), self.callback_note)
        outcome_form.addRow("", callback_row)
        self.outcome_errors = FieldErrors(
            outcome_form,
            {
                "result": self.result,
                "satisfaction": self.satisfaction,
                "reason": self.callback_note,
                "status": self.resolve_box,
            },
        )
        layout.addWidget(outcome)
        layout.addStretch(1)
        return body

    # --- loading ---------------------------------------------------------------------------

    def show_complaint(self, complaint_id: int) -> None:
        self.complaint = service.get_complaint(complaint_id)
        self.errors.clear()
        self.outcome_errors.clear()
        self.step_error.hide()
        self.message.setText("")
        self._fill(self.complaint)
        self.empty.hide()
        self.scroll.show()

    def clear(self) -> None:
        self.complaint = None
        self.scroll.hide()
        self.empty.show()

    def current_id(self) -> int | None:
        return self.complaint.id if self.complaint is not None else None

    def _fill(self, c: Complaint) -> None:
        self.number.setText(c.number)
        self.status.setText(labels.status_label(c.status))
        flags = []
        if c.voided:
            flags.append(self.tr("VOID"))
        if service.is_overdue(c):
            flags.append(self.tr("OVERDUE"))
        if service.needs_manager(c):
            flags.append(self.tr("Reported to the manager"))
        self.flags.setText(" · ".join(flags))
        self.complainant.setText(c.complainant)
        self.contact.setText(editable_contact(c.contact))
        customer = c.customer if c.customer_id else None
        if customer is not None:
            self.customer_link.setText(
                self.tr("Customer archive: {name}").format(name=customer.name)
            )
            self.customer_link.show()
        else:
            self.customer_link.hide()
        self.received.setText(c.received_at.strftime("%Y-%m-%d %H:%M"))
        fill_combo(self.channel, self._with(service.channels(), c.channel), "channel")
        fill_combo(self.category, self._with(service.categories(), c.category), "category")
        fill_combo(self.severity, labels.SEVERITIES, "severity")
        for combo, code in (
            (self.channel, c.channel),
            (self.category, c.category),
            (self.severity, c.severity),
        ):
            combo.setCurrentIndex(max(combo.findData(code), 0))
        self.order_no.setText(c.order_no)
        self.promised_at.setDateTime(_qdt(c.promised_at))
        self.content.setPlainText(c.content)
        handler = c.handler if c.handler_id else None
        self.handler.setText(f"{handler.name}（{handler.employee_no}）" if handler else "-")
        self.reassign_box.clear()
        for user in service.handlers():
            self.reassign_box.addItem(f"{user.name}（{user.employee_no}）", user.id)
        self.reassign_box.setCurrentIndex(max(self.reassign_box.findData(c.handler_id), 0))
        ticked = set(service.principles_of(c))
        for code, box in self.principle_boxes.items():
            box.setChecked(code in ticked)
        self.result.setPlainText(c.result)
        self.satisfaction.setCurrentIndex(max(self.satisfaction.findData(c.satisfaction), 0))
        self.callback_note.clear()
        self.step_note.clear()
        self.step_time.setDateTime(QDateTime(clock.now()))
        self._fill_timeline(c)
        self.loaded = self._form_values()
        self.loaded_result = self.result.toPlainText()  # as the box shows it, not as stored
        self._enable(c)

    @staticmethod
    def _with(codes: list[str], code: str) -> list[str]:
        return codes if code in codes else [*codes, code]

    def _fill_timeline(self, c: Complaint) -> None:
        self.timeline.clear()
        first = QTreeWidgetItem(
            [
                c.received_at.strftime("%Y-%m-%d %H:%M"),
                self.tr("Registered"),
                service.creator_name(c),
                labels.channel_label(c.channel),
            ]
        )
        self.timeline.addTopLevelItem(first)
        for step in service.steps_of(c.id):
            item = QTreeWidgetItem(
                [
                    step.at.strftime("%Y-%m-%d %H:%M"),
                    labels.step_label(step.kind),
                    service.step_author(step),
                    step.note,
                ]
            )
            item.setToolTip(3, step.note)
            self.timeline.addTopLevelItem(item)
        for column in range(3):
            self.timeline.resizeColumnToContents(column)

    def _enable(self, c: Complaint) -> None:
        """Every button follows the complaint's transition table (app.complaints.workflow)."""
        actions = workflow.allowed_actions(self.user, c)
        self.actions = actions
        editable = "edit" in actions
        for widget in (
            self.complainant,
            self.contact,
            self.channel,
            self.category,
            self.severity,
            self.order_no,
            self.promised_at,
            self.content,
            self.save_button,
            *self.principle_boxes.values(),
        ):
            widget.setEnabled(editable)
        for widget in (self.step_kind, self.step_time, self.step_note, self.add_step_button):
            widget.setEnabled("add_step" in actions)
        self.result.setReadOnly("resolve" not in actions)
        self.resolve_button.setEnabled("resolve" in actions)
        self.start_button.setVisible("start" in actions)
        self.start_button.setEnabled("start" in actions)
        self.close_button.setEnabled("close" in actions)
        # reopening that this user may not do is explained on the button and when pressed
        refusal = service.reopen_refusal(self.user, c)
        self.reopen_refusal = refusal
        offered = "reopen" in actions or (editable and workflow.COMPLAINT.offers(c, "reopen"))
        self.reopen_button.setEnabled(offered)
        self.reopen_button.setToolTip(refusal or "")
        manager = service.can_reassign(self.user)
        self.reassign_box.setVisible(manager)
        self.reassign_button.setVisible(manager)
        self.reassign_button.setEnabled("reassign" in actions)
        self.void_button.setVisible(auth.can(self.user, "complaint.delete"))
        self.void_button.setEnabled("void" in actions)

    def _form_values(self) -> dict[str, Any]:
        return {
            "complainant": self.complainant.text(),
            "contact": self.contact.text(),
            "channel": self.channel.currentData(),
            "category": self.category.currentData(),
            "severity": self.severity.currentData(),
            "order_no": self.order_no.text(),
            "content": self.content.toPlainText(),
            "promised_at": self.promised_at.dateTime().toPython().replace(second=0, microsecond=0),
            "principles": [c for c, box in self.principle_boxes.items() if box.isChecked()],
        }

    def edits(self) -> dict[str, Any]:
        """What the user changed in the form since it was loaded."""
        now_values = self._form_values()
        return {k: v for k, v in now_values.items() if v != self.loaded.get(k)}

    def has_unsaved_input(self) -> bool:
        """Anything typed or chosen that is not in the database yet: field edits, the result,
        a step note, the callback note or score. A reload would throw it away."""
        c = self.complaint
        if c is None:
            return False
        return bool(
            self.edits()
            or (not self.result.isReadOnly() and self.result.toPlainText() != self.loaded_result)
            or self.step_note.text().strip()
            or self.callback_note.text().strip()
            or self.satisfaction.currentData() != c.satisfaction
        )

    def _apply_to_form(self, values: dict[str, Any]) -> None:
        for key, value in values.items():
            if key in ("complainant", "contact", "order_no"):
                getattr(self, key).setText(value)
            elif key == "content":
                self.content.setPlainText(value)
            elif key in ("channel", "category", "severity"):
                combo: QComboBox = getattr(self, key)
                combo.setCurrentIndex(max(combo.findData(value), 0))
            elif key == "promised_at":
                self.promised_at.setDateTime(_qdt(value))
            elif key == "principles":
                for code, box in self.principle_boxes.items():
                    box.setChecked(code in value)

    # --- actions ---------------------------------------------------------------------------

    def _run(
        self,
        action: Callable[[], object],
        errors: FieldErrors,
        done: str,
        *,
        saves_edits: bool = False,
    ) -> bool:
        """Run an action; the field edits (unless the action saved them) and the step note it
        does not use stay in the form."""
        assert self.complaint is not None
        pending = {} if saves_edits else self.edits()
        step_note = self.step_note.text()
        try:
            action()
        except ValidationError as exc:
            errors.show(exc.fields)
            return False
        except ConflictError as exc:
            self._conflict(exc)
            return False
        except KefuError as exc:
            QMessageBox.warning(self, self.tr("Complaint"), str(exc))
            return False
        complaint_id = self.complaint.id
        self.show_complaint(complaint_id)
        if self.step_note.isEnabled():
            self.step_note.setText(step_note)
        if pending and self.save_button.isEnabled():
            self._apply_to_form(pending)
            if self.edits():
                done += " " + self.tr("Your other changes are still in the form: save them.")
        self.message.setText(done)
        self.changed.emit(complaint_id)
        return True

    def _conflict(self, exc: ConflictError) -> None:
        """Another desk saved first: offer to reload the complaint and put the user's edits back."""
        answer = QMessageBox.question(
            self,
            self.tr("Changed on another desk"),
            self.tr(
                "{message}\n\nReload the complaint now and keep your changes in the form?"
            ).format(message=str(exc)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        mine = self.edits()
        result_text = self.result.toPlainText()
        assert self.complaint is not None
        self.show_complaint(self.complaint.id)
        self._apply_to_form(mine)
        if not self.result.isReadOnly():
            self.result.setPlainText(result_text)
        self.message.setText(
            self.tr(
                "Reloaded with the other desk's changes; your changes are back in the form. Check them and save again."
            )
        )

    def save(self) -> None:
        if self.complaint is None:
            return
        changes = self.edits()
        if not changes:
            self.message.setText(self.tr("Nothing to save."))
            return
        self.errors.clear()
        version = self.complaint.version
        complaint_id = self.complaint.id
        self._run(
            lambda: service.update_complaint(self.user, complaint_id, changes, version),
            self.errors,
            self.tr("Saved."),
            saves_edits=True,
        )

    def add_step(self) -> None:
        if self.complaint is None:
            return
        complaint_id = self.complaint.id
        kind = self.step_kind.currentData()
        note = self.step_note.text()
        at = self.step_time.dateTime().toPython().replace(second=0, microsecond=0)
        if at.replace(second=59) >= clock.now() - dt.timedelta(minutes=1):
            at = None  # "now": keep the seconds, so the step sorts after earlier ones
        try:
            service.add_step(self.user, complaint_id, kind, note, at)
        except ValidationError as exc:
            self.step_error.setText("; ".join(exc.fields.values()))
            self.step_error.show()
            self.step_note.setFocus()
            return
        except KefuError as exc:
            QMessageBox.warning(self, self.tr("Complaint"), str(exc))
            return
        pending = self.edits()
        self.show_complaint(complaint_id)
        self._apply_to_form(pending)
        self.message.setText(self.tr("Step added."))
        self.changed.emit(complaint_id)

    def start_handling(self) -> None:
        if self.complaint is None:
            return
        cid, version = self.complaint.id, self.complaint.version
        self._run(
            lambda: service.start_handling(self.user, cid, version),
            self.outcome_errors,
            self.tr("The complaint is being handled."),
        )

    def resolve(self) -> None:
        if self.complaint is None:
            return
        cid, version = self.complaint.id, self.complaint.version
        result = self.result.toPlainText()
        self.outcome_errors.clear()
        self._run(
            lambda: service.resolve_complaint(self.user, cid, result, version),
            self.outcome_errors,
            self.tr("Resolved. A callback to the customer is scheduled."),
        )

    def close_after_callback(self) -> None:
        if self.complaint is None:
            return
        cid = self.complaint.id
        score = self.satisfaction.currentData()
        note = self.callback_note.text()
        self.outcome_errors.clear()
        if score is None:
            self.outcome_errors.show(
                {"satisfaction": self.tr("Choose how satisfied the customer is.")}
            )
            return
        self._run(
            lambda: service.close_after_callback(self.user, cid, score, note),
            self.outcome_errors,
            self.tr("Closed after the callback."),
        )

    def reopen(self) -> None:
        if self.complaint is None:
            return
        cid = self.complaint.id
        score = self.satisfaction.currentData()
        reason = self.callback_note.text()
        self.outcome_errors.clear()
        if self.reopen_refusal is not None:  # e.g. a closed complaint is the manager's to reopen
            self.outcome_errors.show({"": self.reopen_refusal})
            return
        version = self.complaint.version
        action = lambda: service.reopen(self.user, cid, reason, score, version)  # noqa: E731
        self._run(
            action,
            self.outcome_errors,
            self.tr("Reopened: handle it again until the customer is satisfied."),
        )

    def reassign(self) -> None:
        if self.complaint is None:
            return
        cid, version = self.complaint.id, self.complaint.version
        handler_id = self.reassign_box.currentData()
        self._run(
            lambda: service.reassign_complaint(self.user, cid, handler_id, version),
            self.errors,
            self.tr("Reassigned."),
        )

    def void(self) -> None:
        if self.complaint is None:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Void the complaint"), self.tr("Why is this complaint void?")
        )
        if not ok:
            return
        cid, version = self.complaint.id, self.complaint.version
        self._run(
            lambda: service.void_complaint(self.user, cid, reason, version),
            self.outcome_errors,
            self.tr("The complaint is void; its number stays in the registry."),
        )

    def _print(self) -> None:
        if self.complaint is not None:
            self.print_requested.emit(self.complaint.id)

    def _open_customer(self) -> None:
        if self.complaint is not None and self.complaint.customer_id:
            self.customer_requested.emit(self.complaint.customer_id)
