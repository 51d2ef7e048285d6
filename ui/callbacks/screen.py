"""The callback screen: the script in order, what is being followed up, attempts and the outcome."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.auth import can
from app.callbacks import service
from app.callbacks.service import Outcome, TaskDetail
from app.clock import now
from app.contacts import display_contact
from app.errors import ConflictError, KefuError, ValidationError
from ui import dates, operations
from ui.context import UiContext
from ui.forms import FieldErrors
from ui.status import confirm


def _replace(layout: QVBoxLayout, old: QWidget, new: QWidget) -> None:
    """Put ``new`` where ``old`` was; ``old`` is deleted once control is back in the event loop.

    Rows are never removed from a form in place (``QFormLayout.removeRow`` deletes widgets and
    layout items at once, while Python or Qt may still hold them)."""
    layout.insertWidget(layout.indexOf(old), new)
    layout.removeWidget(old)
    old.hide()
    old.deleteLater()


class CallbackScreen(QWidget):
    """Works one task. Emits ``changed`` after every saved attempt or outcome."""

    changed = Signal()
    back_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task_id: int | None = None
        self.asked_id: int | None = None  # the task last asked to be shown (maybe still read)
        self.version = 0
        self.info: TaskDetail | None = None
        self.answer_edits: dict[str, QLineEdit] = {}

        self.back_button = QPushButton(self.tr("← Back to the list"))
        self.back_button.clicked.connect(self.back_requested.emit)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.open_complaint_button = QPushButton(self.tr("Open complaint"))
        self.open_complaint_button.clicked.connect(self._open_complaint)
        self.open_customer_button = QPushButton(self.tr("Open customer"))
        self.open_customer_button.clicked.connect(self._open_customer)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        top.addWidget(self.open_complaint_button)
        top.addWidget(self.open_customer_button)

        # left: what is followed up, and the attempts so far
        self.summary_box = QGroupBox(self.tr("What we follow up"))
        self.summary_layout = QVBoxLayout(self.summary_box)
        self.summary = QWidget()
        self.summary_layout.addWidget(self.summary)
        self.attempts_table = QTableWidget(0, 4)
        self.attempts_table.setObjectName("attempts")
        self.attempts_table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Result"), self.tr("Agent"), self.tr("Note")]
        )
        self.attempts_table.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Stretch
        )
        self.attempts_table.verticalHeader().hide()
        self.attempts_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.attempts_label = QLabel()
        attempts_box = QGroupBox(self.tr("Attempts"))
        attempts_layout = QVBoxLayout(attempts_box)
        attempts_layout.addWidget(self.attempts_label)
        attempts_layout.addWidget(self.attempts_table)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.summary_box)
        left_layout.addWidget(attempts_box, 1)

        # middle: the script, ticked step by step
        self.script = QListWidget()
        self.script.setObjectName("script")
        self.script.setWordWrap(True)
        self.script.setAlternatingRowColors(True)
        script_box = QGroupBox(self.tr("Script — tick each step as you go"))
        script_layout = QVBoxLayout(script_box)
        script_layout.addWidget(self.script)

        # record a call
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("Note on this call (optional)"))
        self.next_at_edit = dates.limit(QDateTimeEdit())
        self.next_at_edit.setCalendarPopup(True)
        self.next_at_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.reached_button = QPushButton(self.tr("Reached"))
        self.no_answer_button = QPushButton(self.tr("No answer"))
        self.wrong_number_button = QPushButton(self.tr("Wrong number"))
        self.reschedule_button = QPushButton(self.tr("Call again at:"))
        self.reached_button.clicked.connect(lambda: self._attempt("reached"))
        self.no_answer_button.clicked.connect(lambda: self._attempt("no_answer"))
        self.wrong_number_button.clicked.connect(lambda: self._attempt("wrong_number"))
        self.reschedule_button.clicked.connect(lambda: self._attempt("reschedule"))
        call_box = QGroupBox(self.tr("Record this call"))
        call_form = QFormLayout(call_box)
        buttons = QHBoxLayout()
        for button in (self.reached_button, self.no_answer_button, self.wrong_number_button):
            buttons.addWidget(button)
        call_form.addRow(self.note_edit)
        call_form.addRow(buttons)
        later = QHBoxLayout()
        later.addWidget(self.reschedule_button)
        later.addWidget(self.next_at_edit, 1)
        call_form.addRow(later)
        self.call_errors = FieldErrors(call_form, {"next_at": self.next_at_edit})

        # the outcome
        self.satisfaction = QComboBox()
        self.satisfaction.setObjectName("satisfaction")
        self.satisfaction.addItem(self.tr("— choose —"), None)
        for score in (5, 4, 3, 2, 1):
            self.satisfaction.addItem(service.satisfaction_label(score), score)
        self.answers_box = QWidget()
        self.answers_layout = QVBoxLayout(self.answers_box)
        self.answers_layout.setContentsMargins(0, 0, 0, 0)
        self.answers = QWidget()
        self.answers_layout.addWidget(self.answers)
        self.opinions = QPlainTextEdit()
        self.opinions.setPlaceholderText(
            self.tr("Opinions and suggestions in the customer's words")
        )
        self.opinions.setMaximumHeight(80)
        self.onsite = QCheckBox(self.tr("On-site visit needed (for operations)"))
        self.save_outcome_button = QPushButton(self.tr("Save outcome and close the callback"))
        self.save_outcome_button.setDefault(True)
        self.save_outcome_button.clicked.connect(self._save_outcome)
        self.outcome_box = QGroupBox(self.tr("Outcome"))
        outcome_form = QFormLayout(self.outcome_box)
        outcome_form.addRow(self.tr("Satisfaction:"), self.satisfaction)
        self.complaint_hint = QLabel()
        self.complaint_hint.setWordWrap(True)
        self.complaint_hint.setStyleSheet("color: #555")
        outcome_form.addRow(self.complaint_hint)
        outcome_form.addRow(self.answers_box)
        outcome_form.addRow(self.tr("Opinions and suggestions:"), self.opinions)
        outcome_form.addRow(self.onsite)
        outcome_form.addRow(self.save_outcome_button)
        self.outcome_errors = FieldErrors(outcome_form, {"satisfaction": self.satisfaction})

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(call_box)
        right_layout.addWidget(self.outcome_box)
        right_layout.addStretch(1)
        right_scroll = QScrollArea()
        right_scroll.setWidgetResizable(True)
        right_scroll.setWidget(right)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(script_box)
        splitter.addWidget(right_scroll)
        splitter.setSizes([380, 420, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    # --- showing a task ------------------------------------------------------------------------

    def show_task(
        self,
        task_id: int,
        then: Callable[[], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """Read the task off the GUI thread and show it; then ``then()``. Shown again, the
        same task keeps what the user ticked and typed."""
        user = self.ctx.user
        self.asked_id = task_id

        def shown(info: TaskDetail) -> None:
            self._show(task_id, info)
            if then is not None:
                then()

        operations.query(
            self, lambda: service.detail(task_id, user), done=shown, failed=failed, slot="task"
        )

    def _show(self, task_id: int, info: TaskDetail) -> None:
        keep = self.task_id == task_id
        self.task_id = task_id
        self.info = info
        row = info.row
        self.version = row.version
        phone = display_contact(row.phone) if row.phone else ""
        self.title.setText(
            self.tr("<b>{customer}</b> {phone} · {kind} · due {due} · <b>{status}</b>").format(
                customer=html.escape(row.customer_name or self.tr("(no customer)")),
                phone=html.escape(phone),
                kind=service.kind_label(row.kind),
                due=row.due_at.strftime("%Y-%m-%d %H:%M"),
                status=service.status_label(row.status),
            )
            + (f" · {html.escape(row.assignee_name)}" if row.assignee_name else "")
        )
        self.open_complaint_button.setVisible(row.complaint_id is not None)
        self.complaint_hint.setVisible(row.kind == "complaint" and row.complaint_id is not None)
        self.complaint_hint.setText(
            self.tr(
                "A score of {n} or more closes the complaint; a lower one reopens it with your "
                "notes as the reason."
            ).format(n=info.satisfied_from)
        )
        self.open_customer_button.setVisible(row.customer_id is not None)
        summary = QWidget()
        form = QFormLayout(summary)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for label, text in info.summary:
            value = QLabel(text)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(f"{label}:", value)
        _replace(self.summary_layout, self.summary, summary)
        self.summary = summary
        self._fill_script(info, keep)
        self._fill_attempts(info)
        self._fill_outcome(info, keep)
        if not keep:
            self.outcome_baseline = self._outcome_snapshot()
        may_work = row.assignee_id in (None, self.ctx.user.id) or can(
            self.ctx.user, "callback.manage"
        )
        is_open = row.status in service.OPEN_STATUSES and may_work
        reached = any(a.result == "reached" for a in info.attempts)
        for button in (
            self.reached_button,
            self.no_answer_button,
            self.wrong_number_button,
            self.reschedule_button,
        ):
            button.setEnabled(is_open)
        self.note_edit.setEnabled(is_open)
        self.next_at_edit.setEnabled(is_open)
        self.outcome_box.setEnabled(is_open and reached)
        self.outcome_box.setTitle(
            self.tr("Outcome")
            if reached or not is_open
            else self.tr("Outcome (after a call that reached the customer)")
        )
        self.call_errors.clear()
        self.outcome_errors.clear()

    def _fill_script(self, info: TaskDetail, keep: bool) -> None:
        ticked = set()
        if keep:
            for i in range(self.script.count()):
                if self.script.item(i).checkState() == Qt.CheckState.Checked:
                    ticked.add(i)
        self.script.clear()
        for index, (step, say) in enumerate(info.script):
            text = f"{step}\n{say}"
            if index == 3:
                text += "\n" + "\n".join(f"  • {q}" for q in info.questions)
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if index in ticked else Qt.CheckState.Unchecked
            )
            self.script.addItem(item)

    def _fill_attempts(self, info: TaskDetail) -> None:
        self.attempts_table.setRowCount(len(info.attempts))
        for r, attempt in enumerate(info.attempts):
            result = service.result_label(attempt.result)
            if attempt.next_at:
                result += " " + attempt.next_at.strftime("%m-%d %H:%M")
            cells = [
                attempt.at.strftime("%Y-%m-%d %H:%M"),
                result,
                attempt.agent.name if attempt.agent is not None else "",
                attempt.note,
            ]
            for c, text in enumerate(cells):
                self.attempts_table.setItem(r, c, QTableWidgetItem(text))
        self.attempts_table.resizeColumnsToContents()
        self.attempts_label.setText(
            self.tr("Unanswered: {n} of {max} (then the callback closes as unreachable)").format(
                n=info.unanswered, max=info.max_attempts
            )
        )

    def _outcome_snapshot(self) -> tuple:
        """The outcome as the form holds it, tidied as the service stores it."""
        return (
            self.satisfaction.currentData(),
            {question: edit.text().strip() for question, edit in self.answer_edits.items()},
            self.opinions.toPlainText().strip(),
            self.onsite.isChecked(),
        )

    def has_unsaved_input(self) -> bool:
        """A call note typed, or an outcome (score, answers, opinions, on-site) changed and not
        yet recorded."""
        if self.task_id is None:
            return False
        outcome_changed = self.outcome_box.isEnabled() and (
            self._outcome_snapshot() != getattr(self, "outcome_baseline", None)
        )
        return bool(self.note_edit.text().strip() or outcome_changed)

    def _fill_outcome(self, info: TaskDetail, keep: bool) -> None:
        typed = {q: e.text() for q, e in self.answer_edits.items()} if keep else {}
        answers = QWidget()
        form = QFormLayout(answers)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.answer_edits = {}
        questions = list(info.questions) + [q for q in info.survey if q not in info.questions]
        for question in questions:
            edit = QLineEdit(typed.get(question, info.survey.get(question, "")))
            form.addRow(question, edit)
            self.answer_edits[question] = edit
        _replace(self.answers_layout, self.answers, answers)
        self.answers = answers
        if not keep:
            row = info.row
            index = self.satisfaction.findData(row.satisfaction) if row.satisfaction else 0
            self.satisfaction.setCurrentIndex(max(index, 0))
            self.opinions.setPlainText(info.opinions)
            self.onsite.setChecked(row.onsite_needed)
            self.note_edit.clear()
            later = now() + dt.timedelta(hours=2)
            self.next_at_edit.setDateTime(QDateTime(later.replace(minute=0)))

    # --- actions -------------------------------------------------------------------------------

    def _attempt(self, result: str) -> None:
        task_id = self.task_id
        if task_id is None:
            return
        next_at = None
        if result == "reschedule":
            next_at = self.next_at_edit.dateTime().toPython()
        user, note, version = self.ctx.user, self.note_edit.text(), self.version

        def done(_value: object) -> None:
            confirm(self, self.tr("Call recorded."))
            if self.asked_id == task_id:  # (else the agent went on to another callback)
                self.note_edit.clear()
                self.show_task(task_id)
            self.changed.emit()

        def failed(exc: Exception) -> None:
            if self.asked_id != task_id:
                self._refused_elsewhere(exc)
            elif isinstance(exc, ValidationError):
                self.call_errors.show(exc.fields)
            elif isinstance(exc, KefuError):
                QMessageBox.warning(self, self.tr("Callbacks"), str(exc))
                if isinstance(exc, ConflictError):
                    self.show_task(task_id)
            else:
                operations.show_error(self, exc)

        operations.perform(
            self,
            lambda: service.record_attempt(
                user, task_id, result, note=note, next_at=next_at, expected_version=version
            ),
            done=done,
            failed=failed,
        )

    def _save_outcome(self) -> None:
        if self.task_id is None:
            return
        outcome = Outcome(
            satisfaction=self.satisfaction.currentData(),
            survey={q: e.text() for q, e in self.answer_edits.items()},
            opinions=self.opinions.toPlainText(),
            onsite_needed=self.onsite.isChecked(),
        )
        self._record_outcome(self.task_id, outcome, None)

    def _record_outcome(self, task_id: int, outcome: Outcome, closed_complaint: str | None) -> None:
        """Record off the GUI thread; a low score for a complaint already closed asks first."""
        user, version = self.ctx.user, self.version

        def done(_value: object) -> None:
            confirm(self, self.tr("Callback finished: the outcome is recorded."))
            if self.asked_id == task_id:  # (else the agent went on to another callback)
                self.show_task(task_id)
                self.outcome_baseline = self._outcome_snapshot()  # recorded: nothing unsaved
            self.changed.emit()

        def failed(exc: Exception) -> None:
            if isinstance(exc, service.ClosedComplaintNotSatisfied):
                answer = self._ask_about_closed_complaint(exc)
                if answer is not None:
                    self._record_outcome(task_id, outcome, answer)
            elif self.asked_id != task_id:
                self._refused_elsewhere(exc)
            elif isinstance(exc, ValidationError):
                self.outcome_errors.show(exc.fields)
            elif isinstance(exc, KefuError):
                QMessageBox.warning(self, self.tr("Callbacks"), str(exc))
                if isinstance(exc, ConflictError):
                    self.show_task(task_id)
            else:
                operations.show_error(self, exc)

        operations.perform(
            self,
            lambda: service.record_outcome(
                user,
                task_id,
                outcome,
                expected_version=version,
                closed_complaint=closed_complaint,
            ),
            done=done,
            failed=failed,
        )

    def _refused_elsewhere(self, exc: Exception) -> None:
        """A refusal for a callback no longer on screen: said in a box, not at the fields of
        the one shown now."""
        if isinstance(exc, KefuError):
            QMessageBox.warning(self, self.tr("Callbacks"), str(exc))
        else:
            operations.show_error(self, exc)

    def _ask_about_closed_complaint(
        self, question: service.ClosedComplaintNotSatisfied
    ) -> str | None:
        """A low score for a complaint already closed: reopen it (the manager's), or record the
        score and leave it closed. None: record nothing."""
        buttons = QMessageBox.StandardButton
        if question.may_reopen:
            text = self.tr(
                "{question}\n\nYes: reopen the complaint. No: record the score, the complaint "
                "stays closed."
            ).format(question=str(question))
            answer = QMessageBox.question(
                self,
                self.tr("Complaint already closed"),
                text,
                buttons.Yes | buttons.No | buttons.Cancel,
                buttons.Cancel,
            )
            return {buttons.Yes: service.REOPEN, buttons.No: service.KEEP_CLOSED}.get(answer)
        text = self.tr(
            "{question}\n\n{refusal}\nRecord the score and leave the complaint closed? Its "
            "timeline will say what the customer said."
        ).format(question=str(question), refusal=question.refusal)
        answer = QMessageBox.question(
            self, self.tr("Complaint already closed"), text, buttons.Yes | buttons.Cancel
        )
        return service.KEEP_CLOSED if answer == buttons.Yes else None

    def _open_complaint(self) -> None:
        if self.info is not None and self.info.row.complaint_id is not None:
            self.ctx.navigate("complaints", complaint_id=self.info.row.complaint_id)

    def _open_customer(self) -> None:
        if self.info is not None and self.info.row.customer_id is not None:
            self.ctx.navigate("customers", customer_id=self.info.row.customer_id)
