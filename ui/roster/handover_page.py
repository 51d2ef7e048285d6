"""The handover log area: write the handover, acknowledge it, follow open issues until closed."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import auth
from app.auth import User
from app.errors import KefuError, ValidationError
from app.roster import handover
from ui import operations
from ui.context import UiContext
from ui.forms import FieldErrors
from ui.operations import show_error
from ui.roster.widgets import fill_people
from ui.tables import fill_keyed, keyed_table, select_key, selected_key

HISTORY_PAGE = 100


class HandoverPage(QWidget):
    shows = frozenset(
        {"handover_entry", "handover_issue", "user", "shift", "swap_request", "roster_entry"}
    )

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user: User = ctx.user
        self.can_work = auth.can(self.user, "work")
        self.no_work_reason = self.tr(
            "Only agents and managers work shifts, so only they write, acknowledge and close "
            "handovers."
        )
        layout = QHBoxLayout(self)
        splitter = QSplitter()
        layout.addWidget(splitter)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        issues_box = QGroupBox(self.tr("Open difficult issues (carried over until closed)"))
        issues_layout = QVBoxLayout(issues_box)
        self.issues = keyed_table([self.tr("Since"), self.tr("Raised by"), self.tr("Issue")])
        self.issues.setObjectName("open_issues")
        self.issues.itemSelectionChanged.connect(self.issue_selected)
        issues_layout.addWidget(self.issues)
        self.close_issue_button = QPushButton(self.tr("Close the issue…"))
        self.close_issue_button.clicked.connect(self.close_issue)
        issues_layout.addWidget(self.close_issue_button, 0, Qt.AlignmentFlag.AlignLeft)
        left_layout.addWidget(issues_box, 2)

        form_box = QGroupBox(self.tr("Hand over my shift"))
        form = QFormLayout(form_box)
        self.incoming = QComboBox()
        self.incoming.setObjectName("incoming")
        self.shift = QComboBox()
        self.equipment = QPlainTextEdit()
        self.equipment.setObjectName("equipment")
        self.equipment.setPlaceholderText(self.tr("Computers, headsets, phones, systems…"))
        self.staffing = QPlainTextEdit()
        self.notes = QPlainTextEdit()
        self.new_issues = QPlainTextEdit()
        self.new_issues.setObjectName("new_issues")
        self.new_issues.setPlaceholderText(self.tr("One difficult open issue per line"))
        for edit in (self.equipment, self.staffing, self.notes, self.new_issues):
            edit.setFixedHeight(54)
        form.addRow(self.tr("Incoming agent"), self.incoming)
        form.addRow(self.tr("Shift"), self.shift)
        form.addRow(self.tr("Equipment status"), self.equipment)
        form.addRow(self.tr("Staffing changes"), self.staffing)
        form.addRow(self.tr("New difficult issues"), self.new_issues)
        form.addRow(self.tr("Notes"), self.notes)
        self.errors = FieldErrors(form, {"incoming": self.incoming, "equipment": self.equipment})
        self.save_button = QPushButton(self.tr("Save the handover"))
        self.save_button.setObjectName("save_handover")
        self.save_button.clicked.connect(self.save)
        form.addRow(self.save_button)
        if not self.can_work:
            form_box.setEnabled(False)
            form_box.setToolTip(self.no_work_reason)
            self.save_button.setToolTip(self.no_work_reason)
        left_layout.addWidget(form_box, 3)
        splitter.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(QLabel(self.tr("Handover history")))
        self.history = keyed_table(
            [
                self.tr("Time"),
                self.tr("Shift"),
                self.tr("Outgoing"),
                self.tr("Incoming"),
                self.tr("Acknowledged"),
            ]
        )
        self.history.setObjectName("handover_history")
        self.history.itemSelectionChanged.connect(self.entry_selected)
        right_layout.addWidget(self.history, 2)
        self.history_limit = HISTORY_PAGE
        self.older_button = QPushButton(self.tr("Show older entries"))
        self.older_button.clicked.connect(self.show_older)
        right_layout.addWidget(self.older_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.detail = QTextBrowser()
        right_layout.addWidget(self.detail, 2)
        self.ack_button = QPushButton(self.tr("Acknowledge: I have taken over"))
        self.ack_button.setObjectName("acknowledge")
        self.ack_button.clicked.connect(self.acknowledge)
        right_layout.addWidget(self.ack_button, 0, Qt.AlignmentFlag.AlignLeft)
        if not self.can_work:
            self.ack_button.setToolTip(self.no_work_reason)
        splitter.addWidget(right)
        splitter.setSizes([520, 620])
        self._form_filled = False
        self._staffing_suggestion: str | None = None  # the text suggested, while unchanged
        self.shown_entry: handover.EntryView | None = None
        self.issue_texts: dict[int, str] = {}
        self.refresh()

    def _fill_form_choices(self, log: handover.HandoverLog) -> None:
        """The incoming agents and shifts as they are now, keeping what the user chose; the
        staffing text suggested from today's swaps while the user has not changed it."""
        first = not self._form_filled
        incoming = self.incoming.currentData()
        shift_id = self.shift.currentData()
        self.incoming.blockSignals(True)
        fill_people(self.incoming, log.colleagues, self.tr("— not named —"))
        self.incoming.setCurrentIndex(max(self.incoming.findData(incoming), 0))
        self.incoming.blockSignals(False)
        self.shift.blockSignals(True)
        self.shift.clear()
        self.shift.addItem(self.tr("— none —"), None)
        for shift in log.shifts:
            self.shift.addItem(shift.label, shift.id)
        if first:
            shift_id = log.my_shift_today
        self.shift.setCurrentIndex(max(self.shift.findData(shift_id), 0))
        self.shift.blockSignals(False)
        text = self.staffing.toPlainText()
        if (first and not text) or (
            self._staffing_suggestion is not None and text == self._staffing_suggestion
        ):
            suggestion = log.staffing
            if suggestion != text:
                self.staffing.setPlainText(suggestion)
            self._staffing_suggestion = suggestion
        self._form_filled = True

    def unsaved_work(self) -> str:
        """A handover typed and not saved (the suggested staffing text alone is not input)."""
        staffing = self.staffing.toPlainText().strip()
        typed = (
            self.equipment.toPlainText().strip()
            or self.notes.toPlainText().strip()
            or self.new_issues.toPlainText().strip()
            or (staffing and self.staffing.toPlainText() != self._staffing_suggestion)
        )
        return self.tr("the handover being written") if typed else ""

    def refresh(self) -> None:
        """Read the open issues, the history and the form's choices off the GUI thread."""
        user, limit = self.user, self.history_limit
        operations.query(
            self, lambda: handover.handover_log(user, limit), done=self._show_log, slot="log"
        )

    def _show_log(self, log: handover.HandoverLog) -> None:
        self._fill_form_choices(log)
        issue_key = selected_key(self.issues)
        self.issues.blockSignals(True)
        fill_keyed(
            self.issues,
            [
                (issue.id, [f"{issue.since:%m-%d %H:%M}", issue.raised_by, issue.text])
                for issue in log.issues
            ],
        )
        if issue_key is not None:
            select_key(self.issues, issue_key)
        self.issues.blockSignals(False)
        self.issue_texts = {issue.id: issue.text for issue in log.issues}
        self.issue_selected()
        key = selected_key(self.history)
        self.older_button.setVisible(log.more)
        rows = [
            (
                entry.id,
                [
                    f"{entry.at:%Y-%m-%d %H:%M}",
                    entry.shift,
                    entry.outgoing,
                    entry.incoming,
                    f"{entry.acknowledged_at:%m-%d %H:%M}" if entry.acknowledged_at else "—",
                ],
            )
            for entry in log.entries
        ]
        self.history.blockSignals(True)
        fill_keyed(self.history, rows)
        if key is not None:
            select_key(self.history, key)
        elif rows:
            self.history.selectRow(0)
        self.history.blockSignals(False)
        self.entry_selected()

    def issue_selected(self) -> None:
        """Closing needs an issue chosen in the list."""
        chosen = selected_key(self.issues) is not None
        self.close_issue_button.setEnabled(chosen and self.can_work)
        if not self.can_work:
            self.close_issue_button.setToolTip(self.no_work_reason)
        else:
            self.close_issue_button.setToolTip(
                "" if chosen else self.tr("Choose an issue in the list first.")
            )

    def show_older(self) -> None:
        self.history_limit += HISTORY_PAGE
        self.refresh()

    def entry_selected(self) -> None:
        """Read the chosen handover's detail off the GUI thread."""
        key = selected_key(self.history)
        if key is None:
            self._show_entry(None)
            return
        user, entry_id = self.user, int(key)
        operations.query(
            self,
            lambda: handover.entry_view(user, entry_id),
            done=self._show_entry,
            slot="entry",
        )

    def _show_entry(self, entry: handover.EntryView | None) -> None:
        self.shown_entry = entry
        if entry is None:
            self.detail.clear()
            self.ack_button.setEnabled(False)
            return
        equipment_label = self.tr("Equipment status")
        staffing_label = self.tr("Staffing changes")
        notes_label = self.tr("Notes")
        raised_label = self.tr("Issues raised")
        carried_label = self.tr("Open issues carried over")
        parts = [
            f"<h3>{entry.at:%Y-%m-%d %H:%M} {escape(entry.outgoing)} → "
            f"{escape(entry.incoming) if entry.incoming else '?'}</h3>",
            f"<p><b>{equipment_label}</b><br>{_html(entry.equipment)}</p>",
            f"<p><b>{staffing_label}</b><br>{_html(entry.staffing) or '—'}</p>",
        ]
        if entry.notes:
            parts.append(f"<p><b>{notes_label}</b><br>{_html(entry.notes)}</p>")
        if entry.opened:
            parts.append(f"<p><b>{raised_label}</b></p><ul>")
            parts += [f"<li>{_issue_html(i)}</li>" for i in entry.opened]
            parts.append("</ul>")
        if entry.carried:
            parts.append(f"<p><b>{carried_label}</b></p><ul>")
            parts += [f"<li>{_issue_html(i)}</li>" for i in entry.carried]
            parts.append("</ul>")
        self.detail.setHtml("".join(parts))
        self.ack_button.setEnabled(entry.may_acknowledge)

    def _changed(self, *_args: object) -> None:
        self.refresh()
        self.ctx.refresh_badges()

    def _refused(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError) and exc.fields.keys() <= {"incoming", "equipment"}:
            self.errors.show(exc.fields)
        elif isinstance(exc, KefuError):
            QMessageBox.warning(self, self.tr("Handover log"), str(exc))
        else:
            show_error(self, exc)

    def save(self) -> None:
        user = self.user
        values = {
            "incoming_id": self.incoming.currentData(),
            "shift_id": self.shift.currentData(),
            "equipment": self.equipment.toPlainText(),
            "staffing": self.staffing.toPlainText(),
            "notes": self.notes.toPlainText(),
            "new_issues": self.new_issues.toPlainText().splitlines(),
        }
        operations.perform(
            self,
            lambda: handover.record_from_form(user, **values),
            done=self._saved,
            failed=self._refused,
        )

    def _saved(self, _entry_id: int) -> None:
        self.errors.clear()
        for edit in (self.equipment, self.staffing, self.notes, self.new_issues):
            edit.clear()
        self._staffing_suggestion = None  # the next handover does not carry this one's text
        self._changed()

    def acknowledge(self) -> None:
        entry = self.shown_entry
        if entry is None:
            return
        user, entry_id = self.user, entry.id
        operations.perform(
            self,
            lambda: handover.acknowledge(user, entry_id),
            done=self._changed,
            failed=self._refused,
        )

    def close_issue(self) -> None:
        key = selected_key(self.issues)
        if key is None:
            return
        issue_id = int(key)
        text, ok = QInputDialog.getText(
            self,
            self.tr("Close the issue"),
            self.tr("How was it settled?\n{issue}").format(
                issue=self.issue_texts.get(issue_id, "")
            ),
        )
        if not ok:
            return
        user = self.user
        operations.perform(
            self,
            lambda: handover.close_issue(user, issue_id, text),
            done=self._changed,
            failed=self._refused,
        )

    def screenshot_states(self) -> list[tuple[str, Callable[[], QWidget]]]:
        return []


def _html(text: str) -> str:
    return escape(text or "").replace("\n", "<br>")


def _issue_html(issue: handover.IssueLine) -> str:
    text = escape(issue.text)
    if issue.closed_at is not None:
        by = issue.closed_by
        return QCoreApplication.translate(
            "HandoverPage", "{text} — closed {at} by {by}: {how}"
        ).format(
            text=text,
            at=f"{issue.closed_at:%m-%d %H:%M}",
            by=escape(by),
            how=escape(issue.resolution),
        )
    return QCoreApplication.translate("HandoverPage", "{text} — open").format(text=text)


def create_page(ctx: UiContext, parent: QWidget) -> QWidget:
    return HandoverPage(ctx, parent)
