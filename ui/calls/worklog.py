"""The work log 工作日志 and the weekly/monthly summaries 周报/月报 of the area 来电与工作日志.

An agent sees their own day (counts read from what they did, shift, arrival) and writes the day's
notes; after the day they are read-only except for the manager. The summaries list the team's
periods for a manager (one row per person) and the agent's own for an agent; the agent writes
the summary text, the manager adds a comment and prints the month's work summaries.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.auth import can
from app.clock import Month
from app.worklog import service
from app.worklog.service import COUNT_KEYS, NOTE_FIELDS, PeriodSummary, WorkDay
from ui import operations, printing
from ui.context import UiContext
from ui.forms import FieldErrors, show_refusal
from ui.month_print import MonthPrintDialog
from ui.tables import WrappedTitles


def _people_combo(ctx: UiContext) -> QComboBox:
    """Whose work log: a manager chooses among the team (filled by :func:`_fill_people`)."""
    combo = QComboBox()
    combo.setObjectName("worklog_agent")
    user = ctx.user
    combo.addItem(f"{user.name} ({user.employee_no})", user.id)
    combo.setVisible(can(ctx.user, "worklog.review"))
    return combo


def _fill_people(owner: QWidget, ctx: UiContext, combo: QComboBox, then: object) -> bool:
    """Read the team off the GUI thread once; True when it is still to come."""
    if not combo.isVisible() and not can(ctx.user, "worklog.review"):
        return False
    if combo.property("filled"):
        return False
    viewer = ctx.user

    def fill(people: list[tuple[int, str]]) -> None:
        combo.blockSignals(True)
        chosen = combo.currentData()
        combo.clear()
        for user_id, label in people:
            combo.addItem(label, user_id)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.setProperty("filled", True)
        combo.blockSignals(False)
        then()  # type: ignore[operator]

    operations.query(
        owner,
        lambda: [(u.id, f"{u.name} ({u.employee_no})") for u in service.team(viewer)],
        done=fill,
        slot="team",
    )
    return True


class WorkLogTab(QWidget):
    """One person's day: counts, shift and arrival, and the notes."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shown: WorkDay | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.agent = _people_combo(ctx)
        self.day = QDateEdit(QDate(clock.today()))
        self.day.setObjectName("worklog_day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        today = QPushButton(self.tr("Today"))
        today.clicked.connect(lambda: self.day.setDate(QDate(clock.today())))
        top.addWidget(self.agent)
        top.addWidget(QLabel(self.tr("Day")))
        top.addWidget(self.day)
        top.addWidget(today)
        top.addStretch(1)
        layout.addLayout(top)
        self.duty = QLabel()
        self.duty.setObjectName("worklog_duty")
        layout.addWidget(self.duty)
        counts_box = QGroupBox(self.tr("What the day held (counted from the records)"))
        grid = QGridLayout(counts_box)
        self.count_labels: dict[str, QLabel] = {}
        for index, key in enumerate(COUNT_KEYS):
            value = QLabel("0")
            value.setObjectName(f"count_{key}")
            value.setStyleSheet("font-weight: bold")
            grid.addWidget(QLabel(service.count_label(key)), index // 4, (index % 4) * 2)
            grid.addWidget(value, index // 4, (index % 4) * 2 + 1)
            self.count_labels[key] = value
        layout.addWidget(counts_box)
        notes_box = QGroupBox(self.tr("My notes"))
        form = QFormLayout(notes_box)
        self.notes: dict[str, QPlainTextEdit] = {}
        for key in NOTE_FIELDS:
            edit = QPlainTextEdit()
            edit.setObjectName(f"note_{key}")
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(70)
            form.addRow(service.note_label(key), edit)
            self.notes[key] = edit
        self.errors = FieldErrors(form, dict(self.notes))
        self.closed_hint = QLabel()
        self.closed_hint.setStyleSheet("color: gray")
        self.save_button = QPushButton(self.tr("Save notes"))
        self.save_button.setObjectName("save_notes")
        self.save_button.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addWidget(self.closed_hint, 1)
        row.addWidget(self.save_button)
        form.addRow(row)
        layout.addWidget(notes_box)
        layout.addStretch(1)
        self.agent.currentIndexChanged.connect(lambda _i: self.refresh())
        self.day.dateChanged.connect(lambda _d: self.refresh())

    def selection(self) -> tuple[int, dt.date]:
        return int(self.agent.currentData() or self.ctx.user.id), self.day.date().toPython()

    def refresh(self) -> None:
        if _fill_people(self, self.ctx, self.agent, self.refresh):
            return
        viewer = self.ctx.user
        agent_id, day = self.selection()
        operations.query(self, lambda: service.work_day(viewer, agent_id, day), done=self.show_day)

    def show_day(self, day: WorkDay) -> None:
        same = self.shown is not None and (self.shown.agent_id, self.shown.day) == (
            day.agent_id,
            day.day,
        )
        self.shown = day
        parts = [
            self.tr("Shift: {shift}").format(shift=day.shifts or self.tr("not on duty")),
        ]
        if day.arrived_at is not None:
            parts.append(self.tr("arrived {time}").format(time=f"{day.arrived_at:%H:%M}"))
        if day.arrival:
            parts.append(day.arrival)
        self.duty.setText(" · ".join(parts))
        late = day.early_minutes is not None and day.early_minutes < 0
        self.duty.setStyleSheet("color: #c62828" if late else "")
        for key, value in day.counts.items():
            self.count_labels[key].setText(str(value))
        if not same or not self.has_unsaved_input():
            for key, edit in self.notes.items():
                edit.setPlainText(day.notes.get(key, ""))
        for edit in self.notes.values():
            edit.setReadOnly(not day.editable)
        self.save_button.setEnabled(day.editable)
        self.closed_hint.setText(
            ""
            if day.editable
            else self.tr("A past day's notes are read-only; the manager can still change them.")
        )

    def has_unsaved_input(self) -> bool:
        if self.shown is None or not self.shown.editable:
            return False
        return any(
            edit.toPlainText().strip() != self.shown.notes.get(key, "").strip()
            for key, edit in self.notes.items()
        )

    def save(self) -> None:
        if self.shown is None:
            return
        user = self.ctx.user
        shown = self.shown
        notes = {key: edit.toPlainText() for key, edit in self.notes.items()}

        def failed(exc: Exception) -> None:
            show_refusal(self, self.errors, exc)

        def done(_log: object) -> None:
            self.errors.clear()
            self.shown = None
            self.refresh()

        operations.perform(
            self,
            lambda: service.save_notes(
                user, shown.agent_id, shown.day, notes, expected_version=shown.version
            ),
            done=done,
            failed=failed,
        )


class SummariesTab(QWidget):
    """The week's or month's summaries: the team's for a manager, one's own for an agent."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[PeriodSummary] = []
        layout = QVBoxLayout(self)
        margins = layout.contentsMargins()  # the table to the tab's edges: a column's room
        layout.setContentsMargins(2, margins.top(), 2, margins.bottom())
        top = QHBoxLayout()
        self.period = QComboBox()
        self.period.setObjectName("summary_period")
        for code in service.PERIODS:
            self.period.addItem(service.period_label(code), code)
        self.period.setCurrentIndex(1)
        self.day = QDateEdit(QDate(clock.today()))
        self.day.setObjectName("summary_day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.span = QLabel()
        self.print_button = QPushButton(self.tr("Print the month's work summaries…"))
        self.print_button.setObjectName("print_work_summary")
        self.print_button.clicked.connect(self.print_month)
        top.addWidget(self.period)
        top.addWidget(QLabel(self.tr("containing")))
        top.addWidget(self.day)
        top.addWidget(self.span, 1)
        top.addWidget(self.print_button)
        layout.addLayout(top)
        headers = [
            self.tr("Agent"),
            self.tr("Days on duty"),
            self.tr("Late"),
            *[service.count_label(k) for k in COUNT_KEYS],
            *[label for label in self._figure_labels()],
            self.tr("Summary written"),
            self.tr("Comment"),
        ]
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName("summaries_table")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # every column in view on a laptop: the titles wider than their numbers on two lines
        self.titles = WrappedTitles(self.table, frozenset({len(headers) - 1}))  # (the comment)
        self.table.itemSelectionChanged.connect(self._selected)
        layout.addWidget(self.table, 1)
        texts = QGroupBox(self.tr("Summary and comment"))
        form = QFormLayout(texts)
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("summary_text")
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(80)
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("summary_comment")
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(60)
        form.addRow(self.tr("The agent's summary"), self.summary)
        form.addRow(self.tr("The manager's comment"), self.comment)
        self.errors = FieldErrors(form, {"summary": self.summary, "comment": self.comment})
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("save_summary")
        self.save_button.clicked.connect(self.save)
        form.addRow("", self.save_button)
        layout.addWidget(texts)
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.print_button.setVisible(can(ctx.user, "worklog.review"))
        self.last_pdf: Path | None = None

    @staticmethod
    def _figure_labels() -> list[str]:
        from app import figures

        return [figures.CATALOGUE[k].title() for k in service.SUMMARY_FIGURES]

    def refresh(self) -> None:
        viewer = self.ctx.user
        period = self.period.currentData()
        day = self.day.date().toPython()
        operations.query(
            self, lambda: service.summaries(viewer, period, day), done=self.show_summaries
        )

    def show_summaries(self, rows: list[PeriodSummary]) -> None:
        selected = self.selected()
        self.rows = rows
        if rows:
            self.span.setText(f"{rows[0].first_day:%Y-%m-%d} – {rows[0].last_day:%Y-%m-%d}")
        self.table.setRowCount(len(rows))
        for index, s in enumerate(rows):
            cells = [
                s.agent_name,  # the employee number in its tooltip: a column's room
                str(s.days_on_duty),
                str(s.late_days),
                *[str(v) for _k, v in s.counts.items()],
                *[value for _key, _label, value in s.figures],
                self.tr("yes") if s.summary else "",
                " ".join(s.comment.split())[:40],
            ]
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
            self.table.item(index, 0).setToolTip(f"{s.agent_name} ({s.employee_no})")
        self.titles.fit()
        keep = next(
            (i for i, s in enumerate(rows) if selected and s.agent_id == selected.agent_id), 0
        )
        if rows:
            self.table.selectRow(keep)
        self._selected()

    def selected(self) -> PeriodSummary | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def _selected(self) -> None:
        s = self.selected()
        self.summary.setPlainText(s.summary if s else "")
        self.comment.setPlainText(s.comment if s else "")
        self.summary.setReadOnly(s is None or not s.may_write)
        self.comment.setReadOnly(s is None or not s.may_comment)
        self.comment.setVisible(s is not None and (s.may_comment or bool(s.comment)))
        self.save_button.setEnabled(s is not None and (s.may_write or s.may_comment))

    def save(self) -> None:
        s = self.selected()
        if s is None:
            return
        user = self.ctx.user
        summary = self.summary.toPlainText() if s.may_write else None
        comment = self.comment.toPlainText() if s.may_comment else None
        if comment is not None and comment.strip() == s.comment.strip():
            comment = None

        def failed(exc: Exception) -> None:
            show_refusal(self, self.errors, exc)

        def done(_row: object) -> None:
            self.errors.clear()
            self.refresh()

        operations.perform(
            self,
            lambda: service.save_summary(
                user,
                s.agent_id,
                s.period,
                s.first_day,
                summary=summary,
                comment=comment,
                expected_version=s.version,
            ),
            done=done,
            failed=failed,
        )

    def print_month(self) -> MonthPrintDialog:
        day = self.day.date().toPython()
        dialog = MonthPrintDialog(self.tr("Print the work summaries"), Month.of(day), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._print(dialog.chosen_month(), dialog.action))
        dialog.open()
        return dialog

    def _print(self, month: Month, action: str) -> None:
        def write(path: Path, progress: operations.Progress) -> Path:
            from app.worklog import documents  # the PDF library loads when something is printed

            progress(0, 0)
            documents.print_work_summary(path, month)
            return path

        document = printing.Document(
            self.tr("Work summaries {month}").format(month=month),
            f"work-summary-{month}.pdf",
            write,
        )
        printing.output(self, document, action, self._printed)

    def _printed(self, path: Path) -> None:
        self.last_pdf = path
