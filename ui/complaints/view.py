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

from app import clock
from app.auth import User
from app.complaints import labels, service
from app.complaints.screen import ComplaintScreen, complaint_screen
from app.errors import ConflictError, KefuError, NotFound, ValidationError
from ui import dates, operations
from ui.complaints.form import DATETIME_FORMAT, fill_combo
from ui.forms import FieldErrors

_UNSENT = object()


def _text(box: QLineEdit | QPlainTextEdit) -> str:
    return box.text() if isinstance(box, QLineEdit) else box.toPlainText()


def _set_text(box: QLineEdit | QPlainTextEdit, text: str) -> None:
    if isinstance(box, QLineEdit):
        box.setText(text)
    else:
        box.setPlainText(text)


# px: the principles' checkboxes stand in two columns when both fit in this
PRINCIPLES_IN_TWO_COLUMNS = 420


class ComplaintView(QWidget):
    """Shows and edits one complaint; emits ``changed(id)`` after every save."""

    changed = Signal(int)
    print_requested = Signal(int)
    customer_requested = Signal(int)
    close_requested = Signal()
    displayed = Signal(bool)  # a complaint is shown (True) or none any more (False)

    def __init__(self, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self.complaint: ComplaintScreen | None = None
        self.shown_id: int | None = None
        self._saving = False
        self.loaded: dict[str, Any] = {}
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
        body = self._build()
        self.scroll.setWidget(body)
        outer.addWidget(self.scroll)
        self.scroll.hide()
        # the pane never narrower than what it shows, so nothing (the close button at the top
        # right) lies beyond a sideways scroll
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        frame = 2 * self.scroll.frameWidth()
        self.setMinimumWidth(body.minimumSizeHint().width() + bar + frame)

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
        self.hide_button = QPushButton(self.tr("Close (Esc)"))
        self.hide_button.setObjectName("close_detail")
        self.hide_button.setToolTip(self.tr("Close the complaint: the list gets the room"))
        self.hide_button.clicked.connect(lambda: self.close_requested.emit())
        head.addWidget(self.hide_button)
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
        self.promised_at = dates.limit(QDateTimeEdit())
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
        for code in labels.PRINCIPLES:
            box = QCheckBox(labels.principle_label(code))
            box.setObjectName(f"principle_{code}")
            self.principle_boxes[code] = box
        # two columns where the principles are short (Chinese), one where two would widen the pane
        widest = max(box.sizeHint().width() for box in self.principle_boxes.values())
        columns = 2 if 2 * widest <= PRINCIPLES_IN_TWO_COLUMNS else 1
        for index, box in enumerate(self.principle_boxes.values()):
            grid.addWidget(box, index // columns, index % columns)
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
        self.step_time = dates.limit(QDateTimeEdit(QDateTime(clock.now())))
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

    def show_complaint(
        self, complaint_id: int, then: Callable[[], None] | None = None, *, quiet: bool = False
    ) -> None:
        """Read the complaint off the GUI thread and show it; ``then`` runs once it is shown.
        ``quiet``: a complaint gone meanwhile (deleted on another desk) just leaves the screen."""
        self.shown_id = complaint_id
        user = self.user

        def shown(found: ComplaintScreen) -> None:
            if self.shown_id != found.id:
                return
            self.errors.clear()
            self.outcome_errors.clear()
            self.step_error.hide()
            self.message.setText("")
            self.complaint = found
            self._fill(found)
            self.empty.hide()
            self.scroll.show()
            self.displayed.emit(True)
            if then is not None:
                then()

        def failed(exc: Exception) -> None:
            if self.shown_id == complaint_id:
                self.shown_id = self.complaint.id if self.complaint is not None else None
            if isinstance(exc, NotFound) and self.current_id() == complaint_id:
                self.clear()
            if isinstance(exc, KefuError):
                if not quiet:
                    QMessageBox.warning(self, self.tr("Complaint"), str(exc))
            else:
                operations.show_error(self, exc)

        operations.query(
            self,
            lambda: complaint_screen(user, complaint_id),
            done=shown,
            failed=failed,
            slot="complaint",
        )

    def clear(self) -> None:
        self.complaint = None
        self.shown_id = None
        self.scroll.hide()
        self.empty.show()
        self.displayed.emit(False)

    def current_id(self) -> int | None:
        """The complaint on screen, or the one being read to be shown."""
        return self.shown_id

    def _fill(self, c: ComplaintScreen) -> None:
        self.number.setText(c.number)
        self.status.setText(labels.status_label(c.status))
        flags = []
        if c.voided:
            flags.append(self.tr("VOID"))
        if c.overdue:
            flags.append(self.tr("OVERDUE"))
        if c.needs_manager:
            flags.append(self.tr("Reported to the manager"))
        self.flags.setText(" · ".join(flags))
        self.complainant.setText(c.complainant)
        self.contact.setText(c.contact)
        if c.customer_id:
            self.customer_link.setText(
                self.tr("Customer archive: {name}").format(name=c.customer_name)
            )
            self.customer_link.show()
        else:
            self.customer_link.hide()
        self.received.setText(c.received_at.strftime("%Y-%m-%d %H:%M"))
        fill_combo(self.channel, c.channels, "channel")
        fill_combo(self.category, c.categories, "category")
        fill_combo(self.severity, labels.SEVERITIES, "severity")
        for combo, code in (
            (self.channel, c.channel),
            (self.category, c.category),
            (self.severity, c.severity),
        ):
            combo.setCurrentIndex(max(combo.findData(code), 0))
        self.order_no.setText(c.order_no)
        dates.show(self.promised_at, c.promised_at or clock.now())
        self.content.setPlainText(c.content)
        self.handler.setText(c.handler)
        self.reassign_box.clear()
        for user_id, name in c.handlers:
            self.reassign_box.addItem(name, user_id)
        self.reassign_box.setCurrentIndex(max(self.reassign_box.findData(c.handler_id), 0))
        for code, box in self.principle_boxes.items():
            box.setChecked(code in c.principles)
        self.result.setPlainText(c.result)
        self.satisfaction.setCurrentIndex(max(self.satisfaction.findData(c.satisfaction), 0))
        self.callback_note.clear()
        self.step_note.clear()
        self.step_time.setDateTime(QDateTime(clock.now()))
        self._fill_timeline(c)
        self.loaded = self._form_values()
        self.loaded_result = self.result.toPlainText()  # as the box shows it, not as stored
        self._enable(c)

    def _fill_timeline(self, c: ComplaintScreen) -> None:
        self.timeline.clear()
        first = QTreeWidgetItem(
            [
                c.received_at.strftime("%Y-%m-%d %H:%M"),
                self.tr("Registered"),
                c.created_by,
                c.channel_label,
            ]
        )
        self.timeline.addTopLevelItem(first)
        for step in c.timeline:
            item = QTreeWidgetItem(
                [step.at.strftime("%Y-%m-%d %H:%M"), step.step, step.author, step.note]
            )
            item.setToolTip(3, step.note)
            self.timeline.addTopLevelItem(item)
        for column in range(3):
            self.timeline.resizeColumnToContents(column)

    def _action_buttons(self) -> tuple[QWidget, ...]:
        return (
            self.save_button,
            self.add_step_button,
            self.start_button,
            self.resolve_button,
            self.close_button,
            self.reopen_button,
            self.reassign_button,
            self.void_button,
        )

    def _enable(self, c: ComplaintScreen) -> None:
        """Every button follows the complaint's transition table (app.complaints.workflow)."""
        actions = c.actions
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
        self.reopen_button.setEnabled(c.reopen_offered)
        self.reopen_button.setToolTip(c.reopen_refusal or "")
        self.reassign_box.setVisible(c.may_reassign)
        self.reassign_button.setVisible(c.may_reassign)
        self.reassign_button.setEnabled("reassign" in actions)
        self.void_button.setVisible(c.may_void)
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
                dates.show(self.promised_at, value or clock.now())
            elif key == "principles":
                for code, box in self.principle_boxes.items():
                    box.setChecked(code in value)

    # --- actions ---------------------------------------------------------------------------

    def is_saving(self) -> bool:
        return self._saving

    def _run(
        self,
        action: Callable[[], object],
        invalid: Callable[[ValidationError], None],
        done: str,
        *,
        saves_edits: bool = False,
        uses: tuple[QLineEdit | QPlainTextEdit, ...] = (),
    ) -> None:
        """Run an action off the GUI thread; the form stays open for typing meanwhile. When it is
        done the complaint is read again, and what the user typed that the action did not take
        (other field edits, a step note, the callback note, anything typed while it ran) stays in
        the form."""
        assert self.complaint is not None
        complaint_id = self.complaint.id
        sent = self.edits() if saves_edits else {}
        used = {box: _text(box) for box in uses}
        self._saving = True
        for button in self._action_buttons():
            button.setEnabled(False)

        def succeeded(_result: object) -> None:
            self._saving = False
            if self.shown_id != complaint_id:  # the user went on to another complaint meanwhile
                self._moved_on()
                self.changed.emit(complaint_id)
                return
            mine = {k: v for k, v in self.edits().items() if sent.get(k, _UNSENT) != v}
            unused = {self.step_note: "", self.callback_note: "", self.result: self.loaded_result}
            typed = {
                box: _text(box)
                for box, baseline in unused.items()
                if _text(box) != used.get(box, baseline)
            }

            def put_back() -> None:
                message = done
                if mine and self.save_button.isEnabled():
                    self._apply_to_form(mine)
                    if self.edits() and not saves_edits:
                        message += " " + self.tr(
                            "Your other changes are still in the form: save them."
                        )
                for box, text in typed.items():
                    if box.isEnabled() and not (
                        isinstance(box, QPlainTextEdit) and box.isReadOnly()
                    ):
                        _set_text(box, text)
                self.message.setText(message)

            self.show_complaint(complaint_id, then=put_back)
            self.changed.emit(complaint_id)

        def failed(exc: Exception) -> None:
            self._saving = False
            if self.shown_id != complaint_id:  # not this complaint's form any more: said apart
                self._moved_on()
                if isinstance(exc, KefuError):
                    QMessageBox.warning(self, self.tr("Complaint"), str(exc))
                else:
                    operations.show_error(self, exc)
                return
            if self.complaint is not None:
                self._enable(self.complaint)
            if isinstance(exc, ValidationError):
                invalid(exc)
            elif isinstance(exc, ConflictError):
                self._conflict(exc)
            elif isinstance(exc, KefuError):
                QMessageBox.warning(self, self.tr("Complaint"), str(exc))
            else:
                operations.show_error(self, exc)

        operations.perform(self, action, done=succeeded, failed=failed)

    def _moved_on(self) -> None:
        """An action of a complaint no longer on screen ended: the one shown keeps its form."""
        if self.complaint is not None and self.complaint.id == self.shown_id:
            self._enable(self.complaint)

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

        def put_back() -> None:
            self._apply_to_form(mine)
            if not self.result.isReadOnly():
                self.result.setPlainText(result_text)
            self.message.setText(
                self.tr(
                    "Reloaded with the other desk's changes; your changes are back in the form. Check them and save again."
                )
            )

        self.show_complaint(self.complaint.id, then=put_back)

    def save(self) -> None:
        if self.complaint is None:
            return
        changes = self.edits()
        if not changes:
            self.message.setText(self.tr("Nothing to save."))
            return
        self.errors.clear()
        user, version, complaint_id = self.user, self.complaint.version, self.complaint.id
        self._run(
            lambda: service.update_complaint(user, complaint_id, changes, version),
            lambda exc: self.errors.show(exc.fields),
            self.tr("Saved."),
            saves_edits=True,
        )

    def _step_invalid(self, exc: ValidationError) -> None:
        self.step_error.setText("; ".join(exc.fields.values()))
        self.step_error.show()
        self.step_note.setFocus()

    def add_step(self) -> None:
        if self.complaint is None or self._saving:
            return
        user, complaint_id = self.user, self.complaint.id
        kind = self.step_kind.currentData()
        note = self.step_note.text()
        at = self.step_time.dateTime().toPython().replace(second=0, microsecond=0)
        if at.replace(second=59) >= clock.now() - dt.timedelta(minutes=1):
            at = None  # "now": keep the seconds, so the step sorts after earlier ones
        self.step_error.hide()
        self._run(
            lambda: service.add_step(user, complaint_id, kind, note, at),
            self._step_invalid,
            self.tr("Step added."),
            uses=(self.step_note,),
        )

    def _outcome_invalid(self, exc: ValidationError) -> None:
        self.outcome_errors.show(exc.fields)

    def start_handling(self) -> None:
        if self.complaint is None:
            return
        user, cid, version = self.user, self.complaint.id, self.complaint.version
        self._run(
            lambda: service.start_handling(user, cid, version),
            self._outcome_invalid,
            self.tr("The complaint is being handled."),
        )

    def resolve(self) -> None:
        if self.complaint is None:
            return
        user, cid, version = self.user, self.complaint.id, self.complaint.version
        result = self.result.toPlainText()
        self.outcome_errors.clear()
        self._run(
            lambda: service.resolve_complaint(user, cid, result, version),
            self._outcome_invalid,
            self.tr("Resolved. A callback to the customer is scheduled."),
            uses=(self.result,),
        )

    def close_after_callback(self) -> None:
        if self.complaint is None:
            return
        user, cid = self.user, self.complaint.id
        score = self.satisfaction.currentData()
        note = self.callback_note.text()
        self.outcome_errors.clear()
        if score is None:
            self.outcome_errors.show(
                {"satisfaction": self.tr("Choose how satisfied the customer is.")}
            )
            return
        self._run(
            lambda: service.close_after_callback(user, cid, score, note),
            self._outcome_invalid,
            self.tr("Closed after the callback."),
            uses=(self.callback_note,),
        )

    def reopen(self) -> None:
        if self.complaint is None:
            return
        user, cid, version = self.user, self.complaint.id, self.complaint.version
        score = self.satisfaction.currentData()
        reason = self.callback_note.text()
        self.outcome_errors.clear()
        if self.complaint.reopen_refusal is not None:  # e.g. a closed complaint: the manager's
            self.outcome_errors.show({"": self.complaint.reopen_refusal})
            return
        self._run(
            lambda: service.reopen(user, cid, reason, score, version),
            self._outcome_invalid,
            self.tr("Reopened: handle it again until the customer is satisfied."),
            uses=(self.callback_note,),
        )

    def reassign(self) -> None:
        if self.complaint is None:
            return
        user, cid, version = self.user, self.complaint.id, self.complaint.version
        handler_id = self.reassign_box.currentData()
        self._run(
            lambda: service.reassign_complaint(user, cid, handler_id, version),
            lambda exc: self.errors.show(exc.fields),
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
        user, cid, version = self.user, self.complaint.id, self.complaint.version
        self._run(
            lambda: service.void_complaint(user, cid, reason, version),
            self._outcome_invalid,
            self.tr("The complaint is void; its number stays in the registry."),
        )

    def _print(self) -> None:
        if self.complaint is not None:
            self.print_requested.emit(self.complaint.id)

    def _open_customer(self) -> None:
        if self.complaint is not None and self.complaint.customer_id:
            self.customer_requested.emit(self.complaint.customer_id)
