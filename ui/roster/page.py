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
from app.roster import leave, roster, screen, swaps
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
from ui.tables import WrappedCells, fill_keyed, keyed_table, select_key, selected_key

CLEAR_DAY = "clear"


def _documents() -> ModuleType:
    """The roster's documents, loaded (with the PDF library) when something is printed."""
    return importlib.import_module("app.roster.documents")


class RosterPage(QWidget):
    shows = screen.SHOWS

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user: auth.User = ctx.user
        self.today = clock.today()
        self.year, self.month = self.today.year, self.today.month
        self.shifts: list[screen.ShiftChoice] = []
        self.swap_rows: dict[int, screen.SwapInfo] = {}
        self.leave_rows: dict[int, screen.LeaveInfo] = {}
        self.inbox_rows: dict[object, screen.SwapInfo | screen.LeaveInfo] = {}
        self._select_after_load: tuple[str, object] | None = None
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
        for arrow in (self.prev_button, self.next_button):  # an arrow's width, not a word's
            arrow.setFixedWidth(arrow.fontMetrics().horizontalAdvance("◀") + 24)
        for widget in (self.prev_button, self.month_label, self.next_button, self.today_button):
            bar.addWidget(widget)
        bar.addSpacing(16)
        self.editable = auth.can(self.user, "roster.edit")
        self.brush = QComboBox()
        self.brush.setObjectName("brush")
        # as wide as a shift's name and the start of its hours (the whole in the open list), so
        # that editing fits a 1280 px window
        self.brush.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.brush.setMinimumContentsLength(12)
        self.brush.currentTextChanged.connect(self.brush.setToolTip)
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
        for shift in self.shifts:
            self.brush.addItem(f"{shift.name} {shift.segments}", shift.id)
        self.brush.addItem(self.tr("Clear the day"), CLEAR_DAY)
        index = self.brush.findData(current)
        self.brush.setCurrentIndex(max(index, 0))
        self.brush.blockSignals(False)

    def _legend_text(self) -> str:
        shifts = "  ".join(f"<b>{s.name[:1]}</b> {s.name} {s.segments}" for s in self.shifts)
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
        """Read the month shown (and the shifts in use) off the GUI thread."""
        year, month = self.year, self.month
        self.month_label.setText(f"{year}-{month:02d}")
        operations.query(
            self,
            lambda: screen.month_view(year, month),
            done=self._show_month,
            slot="month",
            busy=self.tr("Loading the roster…"),
        )

    def _show_month(self, view: screen.MonthView) -> None:
        self.shifts = view.shifts
        if self.editable:
            self._fill_brush()
        self.grid.show_month(view.roster)
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
        shift_id = None if brush == CLEAR_DAY else int(brush)
        user = self.user
        operations.perform(
            self,
            lambda: roster.paint_day(user, person_id, day, shift_id),
            done=lambda _added: self.load_month(),
            failed=self._paint_failed,
        )

    def _paint_failed(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError) and "shift" in exc.fields:
            # the shift was retired on another desk since the list was filled
            QMessageBox.information(self, self.tr("Roster"), exc.fields["shift"])
        else:
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
        # every column in view: the state, the shifts, the reason and the decision wrap as needed
        self.swap_fit = WrappedCells(self.swap_table, [1, 4, 5, 6, 7])
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
        self.leave_fit = WrappedCells(self.leave_table, [1, 7, 8])
        self.leave_table.itemSelectionChanged.connect(self._leave_selected)
        leave_layout.addWidget(self.leave_table)
        splitter.addWidget(leave_box)
        layout.addWidget(splitter)
        return tab

    def load_requests(self) -> None:
        """Read the swaps and leave listed (the user's, or everyone's) off the GUI thread."""
        everyone = self.everyone.isChecked() and not self.everyone.isHidden()
        user = self.user
        operations.query(
            self,
            lambda: screen.request_lists(user, everyone),
            done=self._show_requests,
            slot="requests",
        )

    def _show_requests(self, lists: screen.RequestLists) -> None:
        self.swap_rows = {swap.id: swap for swap in lists.swaps}
        rows = [
            (
                swap.id,
                [
                    str(swap.id),
                    swap.state,
                    swap.requester,
                    swap.colleague,
                    swap.give,
                    swap.back,
                    swap.reason,
                    swap.decision,
                ],
            )
            for swap in lists.swaps
        ]
        key = selected_key(self.swap_table)
        self.swap_table.blockSignals(True)
        fill_keyed(self.swap_table, rows)
        self.swap_fit.fit()
        if key is not None:
            select_key(self.swap_table, key)
        self.swap_table.blockSignals(False)
        self.swap_selected()
        self.leave_rows = {request.id: request for request in lists.leave}
        leave_rows = [
            (
                request.id,
                [
                    str(request.id),
                    request.state,
                    request.agent,
                    request.kind_label,
                    f"{request.start_at:%Y-%m-%d %H:%M}",
                    f"{request.end_at:%Y-%m-%d %H:%M}",
                    request.substitute,
                    request.reason,
                    request.decision,
                ],
            )
            for request in lists.leave
        ]
        leave_key = selected_key(self.leave_table)
        self.leave_table.blockSignals(True)
        fill_keyed(self.leave_table, leave_rows)
        self.leave_fit.fit()
        if leave_key is not None:
            select_key(self.leave_table, leave_key)
        self.leave_table.blockSignals(False)
        self._leave_selected()
        self._select_waiting("requests")

    def _leave_selected(self) -> None:
        key = selected_key(self.leave_table)
        request = self.leave_rows.get(int(key)) if key is not None else None
        actions = request.actions if request is not None else frozenset()
        self.withdraw_leave_button.setEnabled("withdraw" in actions)

    def selected_swap(self) -> screen.SwapInfo | None:
        key = selected_key(self.swap_table)
        return self.swap_rows.get(int(key)) if key is not None else None

    def swap_selected(self) -> None:
        swap = self.selected_swap()
        self.swap_results.show_results(swap.results if swap is not None else [])
        actions = swap.actions if swap is not None else frozenset()
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

    def _run(self, action: Callable[[], object]) -> None:
        """A change off the GUI thread; the page and the counts follow it."""
        operations.perform(
            self,
            action,
            done=self._after_change,
            failed=lambda exc: (
                QMessageBox.warning(self, self.tr("Roster"), str(exc))
                if isinstance(exc, KefuError)
                else show_error(self, exc)
            ),
        )

    def _after_change(self, *_args: object) -> None:
        self.refresh()
        self.ctx.refresh_badges()

    def answer_swap(self, accept: bool) -> None:
        swap = self.selected_swap()
        if swap is None:
            return
        if accept and swap.failed:
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
        user, swap_id = self.user, swap.id
        self._run(lambda: swaps.answer(user, swap_id, accept))

    def withdraw_swap(self) -> None:
        swap = self.selected_swap()
        if swap is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Withdraw"), self.tr("Withdraw swap no. {id}?").format(id=swap.id)
        )
        if answer == QMessageBox.StandardButton.Yes:
            user, swap_id = self.user, swap.id
            self._run(lambda: swaps.withdraw(user, swap_id))

    def withdraw_leave(self) -> None:
        key = selected_key(self.leave_table)
        if key is None:
            return
        user, leave_id = self.user, int(key)
        self._run(lambda: leave.withdraw(user, leave_id))

    def print_swap_form(self, swap: screen.SwapInfo | None = None) -> None:
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
        # every column in view: what is asked, the reason and the rules not met wrap as needed
        self.inbox_fit = WrappedCells(self.inbox, [2, 3, 4])
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
        """Read what waits for this manager, with the rules checked now, off the GUI thread."""
        if not self.can_decide:
            return
        user = self.user
        operations.query(
            self,
            lambda: screen.inbox(user),
            done=self._show_inbox,
            slot="inbox",
            busy=self.tr("Checking the rules…"),
        )

    def _show_inbox(self, items: list[screen.SwapInfo | screen.LeaveInfo]) -> None:
        self.inbox_rows = {item.key: item for item in items}
        rows: list[tuple[object, list[str]]] = []
        for item in items:
            failed = self.tr(", ").join(r.title for r in item.failed) or "—"
            if isinstance(item, screen.SwapInfo):
                rows.append(
                    (
                        item.key,
                        [
                            self.tr("Swap no. {id}").format(id=item.id),
                            f"{item.requester} ⇄ {item.colleague}",
                            f"{item.give} ⇄ {item.back}",
                            item.reason,
                            failed,
                        ],
                    )
                )
            else:
                rows.append(
                    (
                        item.key,
                        [
                            self.tr("Leave no. {id}").format(id=item.id),
                            item.agent,
                            f"{item.kind_label} "
                            f"{item.start_at:%Y-%m-%d %H:%M} – {item.end_at:%Y-%m-%d %H:%M}",
                            item.reason,
                            failed,
                        ],
                    )
                )
        key = selected_key(self.inbox)
        self.inbox.blockSignals(True)  # refilling is not the manager choosing another request
        fill_keyed(self.inbox, rows)
        self.inbox_fit.fit()
        if key is not None:
            select_key(self.inbox, key)
        elif rows:
            self.inbox.selectRow(0)
        self.inbox.blockSignals(False)
        self.inbox_selected()
        self._select_waiting("inbox")

    def selected_request(self) -> screen.SwapInfo | screen.LeaveInfo | None:
        key = selected_key(self.inbox)
        if key is None:
            return None
        return self.inbox_rows.get(tuple(key))

    def inbox_selected(self) -> None:
        """Show the chosen request. The reasons typed and the errors shown belong to one request:
        they stay while it stays chosen (through a refresh) and are cleared for another one."""
        request = self.selected_request()
        key = request.key if request is not None else None
        if key != self._inbox_key:
            self._inbox_key = key
            self.decision_errors.clear()
            self.decision_reason.clear()
            self.override_reason.clear()
        if request is None:
            self.inbox_title.setText(self.tr("Nothing is waiting for a decision."))
            self.inbox_results.show_results([])
        elif isinstance(request, screen.SwapInfo):
            self.inbox_title.setText(
                self.tr("Swap no. {id}: {a} gives {give} to {b}, who returns {back}.").format(
                    id=request.id,
                    a=request.requester,
                    b=request.colleague,
                    give=request.give,
                    back=request.back,
                )
            )
            self.inbox_results.show_results(request.results)
        else:
            substitute = request.substitute or self.tr("none")
            self.inbox_title.setText(
                self.tr("Leave no. {id}: {name}, {start} – {end}, substitute: {sub}.").format(
                    id=request.id,
                    name=request.agent,
                    start=f"{request.start_at:%Y-%m-%d %H:%M}",
                    end=f"{request.end_at:%Y-%m-%d %H:%M}",
                    sub=substitute,
                )
                + "\n"
                + self.tr("If approved: {what}").format(what=request.cover)
            )
            self.inbox_results.show_results(request.results)
        actions = request.actions if request is not None else frozenset()
        self.approve_button.setEnabled("approve" in actions)
        self.reject_button.setEnabled("reject" in actions)
        self.inbox_form_button.setEnabled(isinstance(request, screen.SwapInfo))

    def _decide(self, approve: bool) -> None:
        request = self.selected_request()
        if request is None:
            return
        reason = self.decision_reason.text()
        override = self.override_reason.toPlainText()
        module = swaps if isinstance(request, screen.SwapInfo) else leave
        user, record_id = self.user, request.id

        def decide() -> str:
            if not approve:
                module.reject(user, record_id, reason)
                return ""
            done = module.approve(user, record_id, reason=reason, override_reason=override)
            # who works the shifts now, in plain words
            return done.text() if isinstance(done, leave.Cover) else ""

        def decided(cover: str) -> None:
            self.decision_reason.clear()
            self.override_reason.clear()
            if isinstance(request, screen.SwapInfo):
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
            outcome = (
                self.tr("Leave no. {id} approved. {what}").format(id=request.id, what=cover)
                if cover
                else ""
            )
            self.decision_outcome.setText(outcome)
            self.decision_outcome.setVisible(bool(outcome))

        def refused(exc: Exception) -> None:
            if isinstance(exc, ValidationError) and exc.fields.keys() <= {
                "reason",
                "override_reason",
            }:
                self.decision_errors.show(exc.fields)
            elif isinstance(exc, KefuError):
                QMessageBox.warning(self, self.tr("Approval inbox"), str(exc))
            else:
                show_error(self, exc)

        operations.perform(self, decide, done=decided, failed=refused)

    def approve_selected(self) -> None:
        self._decide(True)

    def reject_selected(self) -> None:
        self._decide(False)

    def _print_inbox_form(self) -> None:
        request = self.selected_request()
        if isinstance(request, screen.SwapInfo):
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
        self.load_month()
        self.load_requests()
        self.load_inbox()

    def open_record(self, **kwargs: object) -> None:
        """``swap_id=N``: the swap in the inbox when it waits for this manager, else in the list."""
        swap_id = kwargs.get("swap_id")
        if swap_id is None:
            return
        user, wanted = self.user, int(str(swap_id))
        operations.query(
            self,
            lambda: screen.swap_place(user, wanted),
            done=lambda place: self._show_swap(place, wanted),
            slot="open_record",
        )

    def _show_swap(self, place: str | None, swap_id: int) -> None:
        if place is None:
            return
        if place == screen.INBOX and self.can_decide:
            self.tabs.setCurrentIndex(self.inbox_index)
            self._select_after_load = ("inbox", ("swap", swap_id))
        else:
            self.tabs.setCurrentIndex(1)
            self._select_after_load = ("requests", swap_id)
            if place == screen.EVERYONE and not self.everyone.isChecked():
                self.everyone.setChecked(True)  # loads the lists again
                return
        self.refresh()

    def _select_waiting(self, where: str) -> None:
        """Choose the record ``open_record`` asked for, once the list holding it is loaded."""
        if self._select_after_load is None or self._select_after_load[0] != where:
            return
        key = self._select_after_load[1]
        self._select_after_load = None
        table = self.inbox if where == "inbox" else self.swap_table
        select_key(table, key)

    def screenshot_states(self) -> list[tuple[str, Callable[[], QWidget]]]:
        def inbox() -> QWidget:
            self.refresh()
            operations.runner().wait_until_idle(30)
            self.tabs.setCurrentIndex(self.inbox_index if self.can_decide else 1)
            return self.window()

        def requests() -> QWidget:
            self.everyone.setChecked(True)
            self.refresh()
            operations.runner().wait_until_idle(30)
            self.tabs.setCurrentIndex(1)
            if self.swap_table.rowCount():
                self.swap_table.selectRow(0)
            return self.window()

        def swap_form() -> QWidget:
            self.tabs.setCurrentIndex(0)
            dialog = SwapRequestDialog(self.user, self, today=self.today)
            operations.runner().wait_until_idle(30)  # the shifts to choose from
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
            operations.runner().wait_until_idle(30)
            return self.window()

        states = [("requests", requests), ("swap-request", swap_form)]
        if self.editable:
            states.append(("edit", editing))
        if self.can_decide:
            states.insert(0, ("inbox", inbox))
        return states


def create_page(ctx: UiContext, parent: QWidget) -> QWidget:
    return RosterPage(ctx, parent)
