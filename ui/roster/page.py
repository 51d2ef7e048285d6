"""The roster area: the month grid, my swaps and leave, and the manager's approval inbox."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import auth, clock
from app.errors import KefuError, ValidationError
from app.roster import leave, roster, rules, swaps, workflow
from app.roster.shifts import list_shifts
from ui import operations, printing
from ui.context import UiContext
from ui.forms import FieldErrors
from ui.operations import run_with_progress, show_error
from ui.roster.dialogs import (
    HolidayDialog,
    LeaveRequestDialog,
    PatternDialog,
    ShiftsDialog,
    SwapRequestDialog,
)
from ui.roster.grid import ADJUSTED_BG, HOLIDAY_BG, LEAVE_BG, OVERLAP_BG, OWN_BG, RosterGrid
from ui.roster.widgets import RuleResultsList
from ui.status import confirm
from ui.tables import fill_keyed, keyed_table, select_key, selected_key

CLEAR_DAY = "clear"


def badge_count(ctx: UiContext) -> int:
    """Manager: swaps and leave awaiting a decision. Agent: swaps waiting for their answer."""
    user = ctx.user
    if auth.can(user, "swap.decide") or auth.can(user, "leave.decide"):
        return len(swaps.awaiting_decision(user)) + len(leave.awaiting_decision(user))
    return len(swaps.awaiting_answer(user))


def _slot(day: dt.date, shift_name: str) -> str:
    return f"{day:%Y-%m-%d} {shift_name}"


def _documents() -> ModuleType:
    """The roster's documents, loaded (with the PDF library) when something is printed."""
    return importlib.import_module("app.roster.documents")


class RosterPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user: auth.User = ctx.user
        self.today = clock.today()
        self.year, self.month = self.today.year, self.today.month
        self.swap_dialog: SwapRequestDialog | None = None
        self.leave_dialog: LeaveRequestDialog | None = None
        self.print_dialog: printing.PrintChoice | None = None
        self.last_pdf: Path | None = None
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("roster_tabs")
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._build_roster_tab(), self.tr("Duty roster"))
        self.tabs.addTab(self._build_requests_tab(), self.tr("My swaps and leave"))
        self.can_decide = auth.can(self.user, "swap.decide") or auth.can(self.user, "leave.decide")
        self.inbox_index = -1
        self._inbox_key: object = None  # the request the decision fields are typed for
        if self.can_decide:
            self.inbox_index = self.tabs.addTab(self._build_inbox_tab(), self.tr("Approval inbox"))
        self.refresh()

    # --- the month grid ----------------------------------------------------------------------

    def _build_roster_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        bar = QHBoxLayout()
        self.prev_button = QPushButton("◀")
        self.prev_button.setToolTip(self.tr("Previous month"))
        self.prev_button.clicked.connect(lambda: self.move_month(-1))
        self.month_label = QLabel()
        self.month_label.setObjectName("month_label")
        self.month_label.setStyleSheet("font-size: 15px; font-weight: bold; padding: 0 8px")
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip(self.tr("Next month"))
        self.next_button.clicked.connect(lambda: self.move_month(1))
        self.today_button = QPushButton(self.tr("This month"))
        self.today_button.clicked.connect(self.go_this_month)
        for widget in (self.prev_button, self.month_label, self.next_button, self.today_button):
            bar.addWidget(widget)
        bar.addSpacing(16)
        self.editable = auth.can(self.user, "roster.edit")
        self.brush = QComboBox()
        self.brush.setObjectName("brush")
        self.brush.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.pattern_button = QPushButton(self.tr("Repeat a week…"))
        self.pattern_button.clicked.connect(self.open_pattern)
        self.holiday_button = QPushButton(self.tr("Holidays…"))
        self.holiday_button.clicked.connect(self.open_holidays)
        self.shifts_button = QPushButton(self.tr("Shifts…"))
        self.shifts_button.clicked.connect(self.open_shifts)
        # editing is a mode the manager turns on, so a stray click never changes the roster
        self.edit_button = QPushButton(self.tr("Edit roster"))
        self.edit_button.setObjectName("edit_roster")
        self.edit_button.setCheckable(True)
        self.edit_button.setToolTip(
            self.tr("Turn on to add or remove shifts by clicking the cells; turn off when done.")
        )
        self.edit_button.toggled.connect(self._edit_mode_changed)
        self.brush_label = QLabel(self.tr("A click on a cell adds or removes:"))
        if self.editable:
            bar.addWidget(self.edit_button)
            bar.addWidget(self.brush_label)
            bar.addWidget(self.brush)
            bar.addWidget(self.pattern_button)
            bar.addWidget(self.holiday_button)
            bar.addWidget(self.shifts_button)
            self.brush_label.setVisible(False)
            self.brush.setVisible(False)
        else:
            for widget in (self.brush, self.pattern_button, self.holiday_button):
                widget.hide()
            self.shifts_button.hide()
            self.edit_button.hide()
            self.brush_label.hide()
        bar.addStretch(1)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(self.print_roster)
        bar.addWidget(self.print_button)
        layout.addLayout(bar)
        self.grid = RosterGrid(self.user)
        self.grid.cell_chosen.connect(self.cell_clicked)
        layout.addWidget(self.grid, 1)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)
        return tab

    def _fill_brush(self) -> None:
        current = self.brush.currentData()
        self.brush.blockSignals(True)
        self.brush.clear()
        for shift in list_shifts():
            self.brush.addItem(f"{shift.name} {shift.segments}", shift.id)
        self.brush.addItem(self.tr("Clear the day"), CLEAR_DAY)
        index = self.brush.findData(current)
        self.brush.setCurrentIndex(max(index, 0))
        self.brush.blockSignals(False)

    def _legend_text(self) -> str:
        shifts = "  ".join(f"<b>{s.name[:1]}</b> {s.name} {s.segments}" for s in list_shifts())
        swatch = '<span style="background:{c}">&nbsp;&nbsp;&nbsp;&nbsp;</span> {t}'
        marks = "  ".join(
            swatch.format(c=c, t=t)
            for c, t in (
                (OWN_BG, self.tr("my shifts")),
                (HOLIDAY_BG, self.tr("public holiday")),
                (ADJUSTED_BG, self.tr("adjusted working day")),
                (LEAVE_BG, self.tr("shift during approved leave")),
                (OVERLAP_BG, self.tr("overlapping shifts")),
            )
        )
        swapped = self.tr("changed by a swap or a leave substitute")
        return f"{shifts}<br>{marks}  * {swapped}"

    def load_month(self) -> None:
        self.month_label.setText(f"{self.year}-{self.month:02d}")
        self.grid.show_month(roster.month_roster(self.year, self.month))
        self.legend.setText(self._legend_text())

    def move_month(self, step: int) -> None:
        month = self.month + step
        self.year += (month - 1) // 12
        self.month = (month - 1) % 12 + 1
        self.load_month()

    def go_this_month(self) -> None:
        self.year, self.month = self.today.year, self.today.month
        self.load_month()

    def editing(self) -> bool:
        return self.editable and self.edit_button.isChecked()

    def _edit_mode_changed(self, on: bool) -> None:
        self.brush_label.setVisible(on)
        self.brush.setVisible(on)
        self.grid.setStyleSheet("QTableWidget { border: 2px solid #d08c00; }" if on else "")
        self.legend.setText(self._legend_text())

    def cell_clicked(self, person_id: int, day: dt.date) -> None:
        if not self.editing():
            if self.editable:
                self.legend.setText(
                    "<b>"
                    + self.tr("To change the roster, first press “Edit roster”.")
                    + "</b><br>"
                    + self._legend_text()
                )
            return
        brush = self.brush.currentData()
        person = auth.user_by_id(person_id)
        current = [e.shift for e in roster.entries_between(day, day, agent=person_id)]
        if brush == CLEAR_DAY:
            wanted = []
        elif any(s.id == brush for s in current):
            wanted = [s for s in current if s.id != brush]
        else:
            chosen = next((s for s in list_shifts() if s.id == brush), None)
            if chosen is None:  # the shift was retired on another desk since the list was filled
                self._fill_brush()
                QMessageBox.information(
                    self,
                    self.tr("Roster"),
                    self.tr("That shift is no longer in use; choose another one in the list."),
                )
                return
            wanted = [*current, chosen]
        try:
            roster.set_day(self.user, person, day, wanted)
        except KefuError as exc:
            show_error(self, exc)
        self.load_month()

    def open_pattern(self) -> None:
        dialog = PatternDialog(self.year, self.month, self)
        self.pattern_dialog = dialog

        def done(result: int) -> None:
            if result != PatternDialog.DialogCode.Accepted:
                return
            user, start, year, month = self.user, dialog.start_date(), self.year, self.month

            def applied(result: roster.PatternResult) -> None:
                self.load_month()
                QMessageBox.information(self, dialog.windowTitle(), self.pattern_message(result))

            run_with_progress(
                self,
                self.tr("Filling the month…"),
                lambda progress: roster.apply_week_pattern(
                    user, start, year, month, progress=progress
                ),
                applied,
            )

        dialog.finished.connect(done)
        dialog.open()

    def pattern_message(self, result: roster.PatternResult) -> str:
        """What the week pattern did, with the days the manager may want to check."""
        lines = [self.tr("{n} shifts were added to the month.").format(n=result.created)]
        if result.kept_swaps:
            lines.append(
                self.tr(
                    "{n} shifts changed by approved swaps were kept as the swaps left them."
                ).format(n=result.kept_swaps)
            )
        if result.working_weekend_days:
            lines.append(
                self.tr(
                    "Adjusted working days got weekday shifts (Saturday those of Friday, Sunday "
                    "those of Monday): {days}. Please check them."
                ).format(days=", ".join(f"{d:%m-%d}" for d in result.working_weekend_days))
            )
        if result.weekday_holidays:
            lines.append(
                self.tr(
                    "Public holidays on weekdays got weekend duty (Monday and Tuesday that of "
                    "Sunday, Wednesday to Friday that of Saturday): {days}. Please check them."
                ).format(days=", ".join(f"{d:%m-%d}" for d in result.weekday_holidays))
            )
        return "\n\n".join(lines)

    def open_holidays(self) -> None:
        dialog = HolidayDialog(self.user, dt.date(self.year, self.month, 1), self)
        self.holiday_dialog = dialog
        dialog.accepted.connect(self.load_month)
        dialog.open()

    def open_shifts(self) -> None:
        dialog = ShiftsDialog(self.user, self)
        self.shifts_dialog = dialog
        dialog.accepted.connect(self.refresh)
        dialog.open()

    def print_roster(self) -> printing.PrintChoice:
        """The month shown, previewed, printed or saved as PDF."""
        year, month = self.year, self.month
        document = printing.Document(
            self.tr("Duty roster {year}-{month:02d}").format(year=year, month=month),
            f"roster-{year}-{month:02d}.pdf",
            lambda path, _progress: _documents().print_roster(year, month, path),
        )
        self.print_dialog = printing.offer(self, document, self._pdf_saved)
        return self.print_dialog

    def print_document(self) -> None:
        """Ctrl+P: the roster of the month shown."""
        self.print_roster()

    def _pdf_saved(self, path: Path) -> None:
        self.last_pdf = path

    # --- my swaps and leave ------------------------------------------------------------------

    def _build_requests_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        splitter = QSplitter(Qt.Orientation.Vertical)
        swaps_box = QGroupBox(self.tr("Shift swaps"))
        box_layout = QVBoxLayout(swaps_box)
        buttons = QHBoxLayout()
        self.new_swap_button = QPushButton(self.tr("Ask for a swap…"))
        self.new_swap_button.clicked.connect(self.open_swap_dialog)
        self.accept_button = QPushButton(self.tr("Accept"))
        self.accept_button.clicked.connect(lambda: self.answer_swap(True))
        self.decline_button = QPushButton(self.tr("Decline"))
        self.decline_button.clicked.connect(lambda: self.answer_swap(False))
        self.withdraw_button = QPushButton(self.tr("Withdraw"))
        self.withdraw_button.clicked.connect(self.withdraw_swap)
        self.form_button = QPushButton(self.tr("Print the form…"))
        self.form_button.clicked.connect(self.print_swap_form)
        for button in (
            self.new_swap_button,
            self.accept_button,
            self.decline_button,
            self.withdraw_button,
            self.form_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.everyone = QCheckBox(self.tr("Everyone's requests"))
        self.everyone.setObjectName("everyone")
        self.everyone.setVisible(
            auth.can(self.user, "swap.decide") or auth.can(self.user, "leave.decide")
        )
        self.everyone.toggled.connect(self.load_requests)
        buttons.addWidget(self.everyone)
        box_layout.addLayout(buttons)
        inner = QSplitter(Qt.Orientation.Horizontal)
        self.swap_table = keyed_table(
            [
                self.tr("No."),
                self.tr("State"),
                self.tr("Requester"),
                self.tr("Colleague"),
                self.tr("Shift given"),
                self.tr("Shift returned"),
                self.tr("Reason"),
                self.tr("Decision"),
            ]
        )
        self.swap_table.setObjectName("my_swaps")
        self.swap_table.itemSelectionChanged.connect(self.swap_selected)
        self.swap_results = RuleResultsList()
        inner.addWidget(self.swap_table)
        inner.addWidget(self.swap_results)
        inner.setSizes([700, 400])
        box_layout.addWidget(inner)
        splitter.addWidget(swaps_box)

        leave_box = QGroupBox(self.tr("Leave"))
        leave_layout = QVBoxLayout(leave_box)
        leave_buttons = QHBoxLayout()
        self.new_leave_button = QPushButton(self.tr("Ask for leave…"))
        self.new_leave_button.clicked.connect(self.open_leave_dialog)
        self.withdraw_leave_button = QPushButton(self.tr("Withdraw"))
        self.withdraw_leave_button.clicked.connect(self.withdraw_leave)
        leave_buttons.addWidget(self.new_leave_button)
        leave_buttons.addWidget(self.withdraw_leave_button)
        leave_buttons.addStretch(1)
        leave_layout.addLayout(leave_buttons)
        if not auth.can(self.user, "work"):
            why = self.tr(
                "Only agents and managers take shifts, so only they ask for swaps and leave."
            )
            for button in (self.new_swap_button, self.new_leave_button):
                button.setEnabled(False)
                button.setToolTip(why)
        self.leave_table = keyed_table(
            [
                self.tr("No."),
                self.tr("State"),
                self.tr("Who"),
                self.tr("Kind"),
                self.tr("From"),
                self.tr("Until"),
                self.tr("Substitute"),
                self.tr("Reason"),
                self.tr("Decision"),
            ]
        )
        self.leave_table.setObjectName("my_leave")
        self.leave_table.itemSelectionChanged.connect(self._leave_selected)
        leave_layout.addWidget(self.leave_table)
        splitter.addWidget(leave_box)
        layout.addWidget(splitter)
        return tab

    def load_requests(self) -> None:
        everyone = self.everyone.isChecked() and not self.everyone.isHidden()
        rows = []
        listed = swaps.recent_swaps() if everyone else swaps.swaps_for(self.user)
        for swap in listed:
            rows.append(
                (
                    swap.id,
                    [
                        str(swap.id),
                        swaps.state_label(swap.status),
                        swap.requester.name,
                        swap.colleague.name,
                        _slot(swap.give_date, swap.give_shift.name),
                        _slot(swap.return_date, swap.return_shift.name),
                        swap.reason,
                        swap.decision_reason,
                    ],
                )
            )
        key = selected_key(self.swap_table)
        fill_keyed(self.swap_table, rows)
        if key is not None:
            select_key(self.swap_table, key)
        self.swap_selected()
        leave_rows = []
        for request in leave.recent_leave() if everyone else leave.leave_for(self.user):
            leave_rows.append(
                (
                    request.id,
                    [
                        str(request.id),
                        leave.state_label(request.status),
                        request.agent.name,
                        leave.kind_label(request.kind),
                        f"{request.start_at:%Y-%m-%d %H:%M}",
                        f"{request.end_at:%Y-%m-%d %H:%M}",
                        request.substitute.name if request.substitute_id else "",
                        request.reason,
                        request.decision_reason,
                    ],
                )
            )
        leave_key = selected_key(self.leave_table)
        fill_keyed(self.leave_table, leave_rows)
        if leave_key is not None:
            select_key(self.leave_table, leave_key)
        self._leave_selected()

    def _leave_selected(self) -> None:
        key = selected_key(self.leave_table)
        request = leave.get_leave(int(key)) if key is not None else None
        actions = workflow.leave_actions(self.user, request) if request else frozenset()
        self.withdraw_leave_button.setEnabled("withdraw" in actions)

    def selected_swap(self) -> swaps.SwapRequest | None:
        key = selected_key(self.swap_table)
        return swaps.get_swap(int(key)) if key is not None else None

    def swap_selected(self) -> None:
        swap = self.selected_swap()
        self.swap_results.show_results(swaps.current_results(swap) if swap else [])
        actions = workflow.swap_actions(self.user, swap) if swap else frozenset()
        self.accept_button.setEnabled("accept" in actions)
        self.decline_button.setEnabled("decline" in actions)
        self.withdraw_button.setEnabled("withdraw" in actions)
        self.form_button.setEnabled(swap is not None)

    def open_swap_dialog(self) -> SwapRequestDialog:
        dialog = SwapRequestDialog(self.user, self, today=self.today)
        self.swap_dialog = dialog
        dialog.sent.connect(self._after_change)
        dialog.open()
        return dialog

    def open_leave_dialog(self) -> LeaveRequestDialog:
        dialog = LeaveRequestDialog(self.user, self, today=self.today)
        self.leave_dialog = dialog
        dialog.sent.connect(self._after_change)
        dialog.open()
        return dialog

    def _run(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except KefuError as exc:
            QMessageBox.warning(self, self.tr("Roster"), str(exc))
            return False
        self._after_change()
        return True

    def _after_change(self, *_args: object) -> None:
        self.refresh()
        self.ctx.refresh_badges()

    def answer_swap(self, accept: bool) -> None:
        swap = self.selected_swap()
        if swap is None:
            return
        if accept and rules.failed_rules(swaps.current_results(swap)):
            answer = QMessageBox.question(
                self,
                self.tr("Accept the swap"),
                self.tr(
                    "Some rules are not met (see the list). Accept all the same? "
                    "The manager decides on them."
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._run(lambda: swaps.answer(self.user, swap, accept))

    def withdraw_swap(self) -> None:
        swap = self.selected_swap()
        if swap is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Withdraw"), self.tr("Withdraw swap no. {id}?").format(id=swap.id)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: swaps.withdraw(self.user, swap))

    def withdraw_leave(self) -> None:
        key = selected_key(self.leave_table)
        if key is None:
            return
        self._run(lambda: leave.withdraw(self.user, int(key)))

    def print_swap_form(self, swap: swaps.SwapRequest | None = None) -> None:
        swap = swap or self.selected_swap()
        if swap is None:
            return
        swap_id = swap.id
        document = printing.Document(
            self.tr("Swap form no. {id}").format(id=swap_id),
            f"swap-{swap_id}.pdf",
            lambda path, _progress: _documents().print_swap_form(swap_id, path),
        )
        self.print_dialog = printing.offer(self, document, self._pdf_saved)

    # --- the approval inbox ------------------------------------------------------------------

    def _build_inbox_tab(self) -> QWidget:
        tab = QWidget()
        layout = QHBoxLayout(tab)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Waiting for your decision")))
        self.inbox = keyed_table(
            [
                self.tr("Request"),
                self.tr("Who"),
                self.tr("What"),
                self.tr("Reason"),
                self.tr("Rules not met"),
            ]
        )
        self.inbox.setObjectName("inbox")
        self.inbox.itemSelectionChanged.connect(self.inbox_selected)
        left.addWidget(self.inbox)
        layout.addLayout(left, 3)
        right = QVBoxLayout()
        self.inbox_title = QLabel()
        self.inbox_title.setWordWrap(True)
        self.inbox_title.setStyleSheet("font-weight: bold")
        right.addWidget(self.inbox_title)
        self.inbox_results = RuleResultsList()
        right.addWidget(self.inbox_results, 1)
        form = QFormLayout()
        self.decision_reason = QLineEdit()
        self.decision_reason.setObjectName("decision_reason")
        self.override_reason = QPlainTextEdit()
        self.override_reason.setObjectName("override_reason")
        self.override_reason.setFixedHeight(60)
        self.override_reason.setPlaceholderText(
            self.tr("Only when approving although a rule is not met: why the exception")
        )
        form.addRow(self.tr("Reason for the decision"), self.decision_reason)
        form.addRow(self.tr("Exception to a failed rule"), self.override_reason)
        right.addLayout(form)
        self.decision_errors = FieldErrors(
            form, {"reason": self.decision_reason, "override_reason": self.override_reason}
        )
        buttons = QHBoxLayout()
        self.approve_button = QPushButton(self.tr("Approve"))
        self.approve_button.setObjectName("approve")
        self.approve_button.clicked.connect(self.approve_selected)
        self.reject_button = QPushButton(self.tr("Reject"))
        self.reject_button.setObjectName("reject")
        self.reject_button.clicked.connect(self.reject_selected)
        self.inbox_form_button = QPushButton(self.tr("Print the form…"))
        self.inbox_form_button.clicked.connect(self._print_inbox_form)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        buttons.addWidget(self.inbox_form_button)
        right.addLayout(buttons)
        self.decision_outcome = QLabel()
        self.decision_outcome.setObjectName("decision_outcome")
        self.decision_outcome.setWordWrap(True)
        self.decision_outcome.hide()
        right.addWidget(self.decision_outcome)
        layout.addLayout(right, 2)
        return tab

    def load_inbox(self) -> None:
        if not self.can_decide:
            return
        rows: list[tuple[object, list[str]]] = []
        if auth.can(self.user, "swap.decide"):
            for swap in swaps.awaiting_decision(self.user):
                failed = rules.failed_rules(swaps.current_results(swap))
                rows.append(
                    (
                        ("swap", swap.id),
                        [
                            self.tr("Swap no. {id}").format(id=swap.id),
                            f"{swap.requester.name} ⇄ {swap.colleague.name}",
                            f"{_slot(swap.give_date, swap.give_shift.name)} ⇄ "
                            f"{_slot(swap.return_date, swap.return_shift.name)}",
                            swap.reason,
                            self.tr(", ").join(r.title for r in failed) or "—",
                        ],
                    )
                )
        if auth.can(self.user, "leave.decide"):
            for request in leave.awaiting_decision(self.user):
                failed = rules.failed_rules(leave.current_results(request))
                rows.append(
                    (
                        ("leave", request.id),
                        [
                            self.tr("Leave no. {id}").format(id=request.id),
                            request.agent.name,
                            f"{leave.kind_label(request.kind)} "
                            f"{request.start_at:%Y-%m-%d %H:%M} – {request.end_at:%Y-%m-%d %H:%M}",
                            request.reason,
                            self.tr(", ").join(r.title for r in failed) or "—",
                        ],
                    )
                )
        key = selected_key(self.inbox)
        self.inbox.blockSignals(True)  # refilling is not the manager choosing another request
        fill_keyed(self.inbox, rows)
        if key is not None:
            select_key(self.inbox, key)
        elif rows:
            self.inbox.selectRow(0)
        self.inbox.blockSignals(False)
        self.inbox_selected()

    def selected_request(self) -> swaps.SwapRequest | leave.LeaveRequest | None:
        key = selected_key(self.inbox)
        if key is None:
            return None
        kind, record_id = key
        return swaps.get_swap(record_id) if kind == "swap" else leave.get_leave(record_id)

    def inbox_selected(self) -> None:
        """Show the chosen request. The reasons typed and the errors shown belong to one request:
        they stay while it stays chosen (through a refresh) and are cleared for another one."""
        request = self.selected_request()
        key = selected_key(self.inbox) if request is not None else None
        if key != self._inbox_key:
            self._inbox_key = key
            self.decision_errors.clear()
            self.decision_reason.clear()
            self.override_reason.clear()
        if request is None:
            self.inbox_title.setText(self.tr("Nothing is waiting for a decision."))
            self.inbox_results.show_results([])
        elif isinstance(request, swaps.SwapRequest):
            self.inbox_title.setText(
                self.tr("Swap no. {id}: {a} gives {give} to {b}, who returns {back}.").format(
                    id=request.id,
                    a=request.requester.name,
                    b=request.colleague.name,
                    give=_slot(request.give_date, request.give_shift.name),
                    back=_slot(request.return_date, request.return_shift.name),
                )
            )
            self.inbox_results.show_results(swaps.current_results(request))
        else:
            substitute = request.substitute.name if request.substitute_id else self.tr("none")
            self.inbox_title.setText(
                self.tr("Leave no. {id}: {name}, {start} – {end}, substitute: {sub}.").format(
                    id=request.id,
                    name=request.agent.name,
                    start=f"{request.start_at:%Y-%m-%d %H:%M}",
                    end=f"{request.end_at:%Y-%m-%d %H:%M}",
                    sub=substitute,
                )
            )
            self.inbox_results.show_results(leave.current_results(request))
            self.inbox_title.setText(
                self.inbox_title.text()
                + "\n"
                + self.tr("If approved: {what}").format(what=leave.cover_for(request).text())
            )
        if request is None:
            actions: frozenset[str] = frozenset()
        elif isinstance(request, swaps.SwapRequest):
            actions = workflow.swap_actions(self.user, request)
        else:
            actions = workflow.leave_actions(self.user, request)
        self.approve_button.setEnabled("approve" in actions)
        self.reject_button.setEnabled("reject" in actions)
        self.inbox_form_button.setEnabled(isinstance(request, swaps.SwapRequest))

    def _decide(self, approve: bool) -> None:
        request = self.selected_request()
        if request is None:
            return
        reason = self.decision_reason.text()
        override = self.override_reason.toPlainText()
        module = swaps if isinstance(request, swaps.SwapRequest) else leave
        outcome = ""
        try:
            if approve:
                done = module.approve(self.user, request, reason=reason, override_reason=override)
                if isinstance(done, leave.Cover):  # who works the shifts now, in plain words
                    outcome = self.tr("Leave no. {id} approved. {what}").format(
                        id=request.id, what=done.text()
                    )
            else:
                module.reject(self.user, request, reason)
        except ValidationError as exc:
            self.decision_errors.show(exc.fields)
            return
        except KefuError as exc:
            QMessageBox.warning(self, self.tr("Approval inbox"), str(exc))
            return
        self.decision_reason.clear()
        self.override_reason.clear()
        if isinstance(request, swaps.SwapRequest):
            done_text = (
                self.tr("Swap request no. {id} approved.")
                if approve
                else self.tr("Swap request no. {id} declined.")
            )
        else:
            done_text = (
                self.tr("Leave request no. {id} approved.")
                if approve
                else self.tr("Leave request no. {id} declined.")
            )
        confirm(self, done_text.format(id=request.id))
        self._after_change()
        self.decision_outcome.setText(outcome)
        self.decision_outcome.setVisible(bool(outcome))

    def approve_selected(self) -> None:
        self._decide(True)

    def reject_selected(self) -> None:
        self._decide(False)

    def _print_inbox_form(self) -> None:
        request = self.selected_request()
        if isinstance(request, swaps.SwapRequest):
            self.print_swap_form(request)

    # --- page protocol -----------------------------------------------------------------------

    def unsaved_work(self) -> str:
        """A decision reason typed in the approval inbox and not yet used."""
        reason = getattr(self, "decision_reason", None)
        override = getattr(self, "override_reason", None)
        typed = (reason is not None and reason.text().strip()) or (
            override is not None and override.toPlainText().strip()
        )
        return self.tr("the decision being written") if typed else ""

    def refresh(self) -> None:
        self.today = clock.today()
        if self.editable:
            self._fill_brush()
        self.load_month()
        self.load_requests()
        self.load_inbox()

    def open_record(self, **kwargs: object) -> None:
        """``swap_id=N``: the swap in the inbox when it waits for this manager, else in the list."""
        swap_id = kwargs.get("swap_id")
        swap = swaps.get_swap(int(swap_id)) if swap_id is not None else None
        if swap is None:
            return
        self.refresh()
        if self.can_decide and swaps.can_decide(self.user, swap):
            self.tabs.setCurrentIndex(self.inbox_index)
            select_key(self.inbox, ("swap", swap.id))
            return
        if self.user.id not in (swap.requester_id, swap.colleague_id):
            self.everyone.setChecked(True)
        self.tabs.setCurrentIndex(1)
        select_key(self.swap_table, swap.id)

    def screenshot_states(self) -> list[tuple[str, Callable[[], QWidget]]]:
        def inbox() -> QWidget:
            self.refresh()
            self.tabs.setCurrentIndex(self.inbox_index if self.can_decide else 1)
            return self.window()

        def requests() -> QWidget:
            self.everyone.setChecked(True)
            self.refresh()
            self.tabs.setCurrentIndex(1)
            if self.swap_table.rowCount():
                self.swap_table.selectRow(0)
            return self.window()

        def swap_form() -> QWidget:
            self.tabs.setCurrentIndex(0)
            dialog = SwapRequestDialog(self.user, self, today=self.today)
            dialog.give.setCurrentIndex(min(3, dialog.give.count() - 1))
            operations.runner().wait_until_idle(30)  # the suggestions
            QApplication.processEvents()
            first = dialog.suggestions.item(0)
            if first is not None and first.data(Qt.ItemDataRole.UserRole) is not None:
                dialog.use_suggestion(first)
            dialog.reason.setPlainText(self.tr("Family matters"))
            return dialog

        def editing() -> QWidget:
            self.tabs.setCurrentIndex(0)
            if self.editable:
                self.edit_button.setChecked(True)
            return self.window()

        states = [("requests", requests), ("swap-request", swap_form)]
        if self.editable:
            states.append(("edit", editing))
        if self.can_decide:
            states.insert(0, ("inbox", inbox))
        return states


def create_page(ctx: UiContext, parent: QWidget) -> QWidget:
    return RosterPage(ctx, parent)
