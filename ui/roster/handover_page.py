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

from app import auth, clock
from app.auth import User
from app.errors import KefuError, ValidationError
from app.roster import handover, roster
from app.roster.handover import HandoverEntry, HandoverIssue
from app.roster.shifts import list_shifts
from ui.context import UiContext
from ui.forms import FieldErrors
from ui.roster.widgets import fill_people
from ui.tables import fill_keyed, keyed_table, select_key, selected_key

HISTORY_PAGE = 100


class HandoverPage(QWidget):
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
        self.refresh()

    def _fill_form_choices(self) -> None:
        """The incoming agents and shifts as they are now, keeping what the user chose; the
        staffing text suggested from today's swaps while the user has not changed it."""
        first = not self._form_filled
        incoming = self.incoming.currentData()
        shift_id = self.shift.currentData()
        self.incoming.blockSignals(True)
        fill_people(
            self.incoming,
            [p for p in roster.roster_people() if p.id != self.user.id],
            self.tr("— not named —"),
        )
        self.incoming.setCurrentIndex(max(self.incoming.findData(incoming), 0))
        self.incoming.blockSignals(False)
        self.shift.blockSignals(True)
        self.shift.clear()
        self.shift.addItem(self.tr("— none —"), None)
        for shift in list_shifts():
            self.shift.addItem(f"{shift.name} {shift.segments}", shift.id)
        if first:
            today = roster.entries_between(clock.today(), clock.today(), agent=self.user)
            shift_id = today[0].shift_id if today else None
        self.shift.setCurrentIndex(max(self.shift.findData(shift_id), 0))
        self.shift.blockSignals(False)
        text = self.staffing.toPlainText()
        if (first and not text) or (
            self._staffing_suggestion is not None and text == self._staffing_suggestion
        ):
            suggestion = handover.staffing_today(clock.today())
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
        self._fill_form_choices()
        issue_key = selected_key(self.issues)
        fill_keyed(
            self.issues,
            [
                (
                    issue.id,
                    [
                        f"{issue.opened_in.at:%m-%d %H:%M}",
                        issue.opened_in.outgoing.name,
                        issue.text,
                    ],
                )
                for issue in handover.open_issues()
            ],
        )
        if issue_key is not None:
            select_key(self.issues, issue_key)
        self.issue_selected()
        key = selected_key(self.history)
        rows = []
        entries = handover.history(limit=self.history_limit)
        self.older_button.setVisible(len(entries) >= self.history_limit)
        for entry in entries:
            rows.append(
                (
                    entry.id,
                    [
                        f"{entry.at:%Y-%m-%d %H:%M}",
                        entry.shift.name if entry.shift_id else "",
                        entry.outgoing.name,
                        entry.incoming.name if entry.incoming_id else "",
                        f"{entry.acknowledged_at:%m-%d %H:%M}" if entry.acknowledged_at else "—",
                    ],
                )
            )
        fill_keyed(self.history, rows)
        if key is not None:
            select_key(self.history, key)
        elif rows:
            self.history.selectRow(0)
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

    def selected_entry(self) -> HandoverEntry | None:
        key = selected_key(self.history)
        return handover.get_entry(int(key)) if key is not None else None

    def entry_selected(self) -> None:
        entry = self.selected_entry()
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
            f"<h3>{entry.at:%Y-%m-%d %H:%M} {escape(entry.outgoing.name)} → "
            f"{escape(entry.incoming.name) if entry.incoming_id else '?'}</h3>",
            f"<p><b>{equipment_label}</b><br>{_html(entry.equipment)}</p>",
            f"<p><b>{staffing_label}</b><br>{_html(entry.staffing) or '—'}</p>",
        ]
        if entry.notes:
            parts.append(f"<p><b>{notes_label}</b><br>{_html(entry.notes)}</p>")
        opened = list(entry.issues_opened)
        if opened:
            parts.append(f"<p><b>{raised_label}</b></p><ul>")
            parts += [f"<li>{_issue_html(i)}</li>" for i in opened]
            parts.append("</ul>")
        carried = handover.carried_into(entry)
        if carried:
            parts.append(f"<p><b>{carried_label}</b></p><ul>")
            parts += [f"<li>{_issue_html(i)}</li>" for i in carried]
            parts.append("</ul>")
        self.detail.setHtml("".join(parts))
        self.ack_button.setEnabled(
            self.can_work
            and entry.acknowledged_at is None
            and entry.outgoing_id != self.user.id
            and entry.incoming_id in (None, self.user.id)
        )

    def save(self) -> None:
        incoming_id = self.incoming.currentData()
        shift_id = self.shift.currentData()
        shift = next((s for s in list_shifts() if s.id == shift_id), None)
        try:
            handover.record_handover(
                self.user,
                incoming=auth.user_by_id(incoming_id) if incoming_id is not None else None,
                shift=shift,
                equipment=self.equipment.toPlainText(),
                staffing=self.staffing.toPlainText(),
                notes=self.notes.toPlainText(),
                new_issues=self.new_issues.toPlainText().splitlines(),
            )
        except ValidationError as exc:
            self.errors.show(exc.fields)
            return
        except KefuError as exc:
            QMessageBox.warning(self, self.tr("Handover log"), str(exc))
            return
        self.errors.clear()
        for edit in (self.equipment, self.staffing, self.notes, self.new_issues):
            edit.clear()
        self._staffing_suggestion = None  # the next handover does not carry this one's text
        self.refresh()
        self.ctx.refresh_badges()

    def acknowledge(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        try:
            handover.acknowledge(self.user, entry)
        except KefuError as exc:
            QMessageBox.warning(self, self.tr("Handover log"), str(exc))
            return
        self.refresh()
        self.ctx.refresh_badges()

    def close_issue(self) -> None:
        key = selected_key(self.issues)
        if key is None:
            return
        issue = handover.get_issue(int(key))
        text, ok = QInputDialog.getText(
            self,
            self.tr("Close the issue"),
            self.tr("How was it settled?\n{issue}").format(issue=issue.text),
        )
        if not ok:
            return
        try:
            handover.close_issue(self.user, issue, text)
        except KefuError as exc:
            QMessageBox.warning(self, self.tr("Handover log"), str(exc))
            return
        self.refresh()

    def screenshot_states(self) -> list[tuple[str, Callable[[], QWidget]]]:
        return []


def _html(text: str) -> str:
    return escape(text or "").replace("\n", "<br>")


def _issue_html(issue: HandoverIssue) -> str:
    text = escape(issue.text)
    if issue.closed_at is not None:
        by = issue.closed_by.name if issue.closed_by_id else ""
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
