"""Dialogs of the roster area: swap request, leave request, week pattern, holidays, shifts."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import auth, clock
from app.auth import User
from app.errors import KefuError, ValidationError
from app.roster import leave, public_holidays, roster, rules, screen, swaps
from app.roster.shifts import Shift, ShiftRow, ShiftRowRefused, list_shifts, save_shifts
from ui import dates
from ui.forms import FieldErrors
from ui.operations import perform, query, show_error
from ui.roster.widgets import RuleResultsList, fill_people, to_date, to_qdate

LOOK_AHEAD_DAYS = 120


def _sending(dialog: QDialog) -> bool:
    """Whether the dialog's send or save is already under way (else it is from now on): a second
    press of the button while the first one runs does nothing."""
    if getattr(dialog, "sending", False):
        return True
    dialog.sending = True  # type: ignore[attr-defined]
    return False


def _say_refusal(dialog: QDialog, errors: FieldErrors, exc: Exception) -> None:
    """A request or change refused: the reasons at their fields, a refusal of the whole of it
    in a box, anything else as the runner says it."""
    if isinstance(exc, ValidationError):
        errors.show(exc.fields)
    elif isinstance(exc, KefuError):
        QMessageBox.warning(dialog, dialog.windowTitle(), str(exc))
    else:
        show_error(dialog, exc)


class SwapRequestDialog(QDialog):
    """The requester picks their shift, the colleague and the colleague's return shift (each
    listed with its weekday and hours; the colleague's shifts filtered by person and date); the
    colleague's shifts that would meet every rule are suggested; the rule results update with
    every choice, before anything is sent. The rules are checked in ``app.roster``."""

    sent = Signal(int)

    def __init__(self, user: User, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        self.user = user
        self.today = today or clock.today()
        self.last = self.today + dt.timedelta(days=LOOK_AHEAD_DAYS)
        self.setWindowTitle(self.tr("Ask for a shift swap"))
        self.resize(760, 680)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.give = QComboBox()
        self.give.setObjectName("give")
        self.colleague = QComboBox()
        self.colleague.setObjectName("colleague")
        self.day = QDateEdit()
        self.day.setObjectName("return_day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDateRange(to_qdate(self.today), to_qdate(self.last))
        self.day.setDate(to_qdate(self.today))
        self.day.setEnabled(False)
        self.one_day = QCheckBox(self.tr("Only this day"))
        self.one_day.setObjectName("only_day")
        day_row = QHBoxLayout()
        day_row.addWidget(self.one_day)
        day_row.addWidget(self.day)
        day_row.addStretch(1)
        self.return_shift = QComboBox()
        self.return_shift.setObjectName("return_shift")
        self.suggestions = QListWidget()
        self.suggestions.setObjectName("suggestions")
        self.suggestions.setMaximumHeight(110)
        self.suggestions.setToolTip(self.tr("Click a suggestion to choose it."))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setFixedHeight(60)
        form.addRow(self.tr("My shift to give"), self.give)
        form.addRow(self.tr("Colleague who takes it"), self.colleague)
        form.addRow(self.tr("Date of the shift taken back"), day_row)
        form.addRow(self.tr("Colleague's shift I take back (还班)"), self.return_shift)
        form.addRow(self.tr("Shifts that meet every rule"), self.suggestions)
        form.addRow(self.tr("Reason"), self.reason)
        layout.addLayout(form)
        self.errors = FieldErrors(
            form,
            {
                "give": self.give,
                "colleague": self.colleague,
                "return": self.return_shift,
                "reason": self.reason,
            },
        )
        layout.addWidget(QLabel(self.tr("The regulation's rules for this swap:")))
        self.results = RuleResultsList()
        layout.addWidget(self.results, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.send_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.send_button.setText(self.tr("Send to the colleague"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._load()
        self.give.currentIndexChanged.connect(self._give_changed)
        self.colleague.currentIndexChanged.connect(self._filter_changed)
        self.one_day.toggled.connect(self.day.setEnabled)
        self.one_day.toggled.connect(self._filter_changed)
        self.day.dateChanged.connect(self._filter_changed)
        self.return_shift.currentIndexChanged.connect(self.update_preview)
        self.suggestions.itemClicked.connect(self.use_suggestion)

    def _load(self) -> None:
        self.give.addItem(self.tr("— choose —"), None)
        self._show_suggestions([])
        user, today, last = self.user, self.today, self.last
        query(
            self,
            lambda: screen.form_choices(user, today, last),
            done=self._loaded,
            slot="choices",
        )

    def _loaded(self, choices: screen.FormChoices) -> None:
        self.give.blockSignals(True)
        for slot in choices.own:
            self.give.addItem(slot.label, slot)
        self.give.blockSignals(False)
        self.colleague.blockSignals(True)
        fill_people(self.colleague, choices.colleagues, self.tr("— any colleague —"))
        self.colleague.blockSignals(False)
        self._fill_returns()

    def _filter_changed(self) -> None:
        self._fill_returns()

    def _fill_returns(self, keep: swaps.Slot | None = None) -> None:
        """The colleagues' shifts that match the filters: one colleague or all, one day or all
        (read off the GUI thread; the rules are checked again once they are listed)."""
        colleague_id = self.colleague.currentData()
        on_date = to_date(self.day.date()) if self.one_day.isChecked() else None
        user, today, last = self.user, self.today, self.last
        query(
            self,
            lambda: swaps.colleague_slots(user, today, last, colleague_id, on_date),
            done=lambda slots: self._show_returns(slots, colleague_id, keep),
            slot="returns",
        )

    def _show_returns(
        self, slots: list[swaps.Slot], colleague_id: int | None, keep: swaps.Slot | None
    ) -> None:
        self.return_shift.blockSignals(True)
        self.return_shift.clear()
        self.return_shift.addItem(
            self.tr("— choose —") if slots else self.tr("— no shift matches —"), None
        )
        for slot in slots:
            text = slot.label if colleague_id is not None else f"{slot.label}（{slot.agent_name}）"
            self.return_shift.addItem(text, slot)
            if keep == slot:
                self.return_shift.setCurrentIndex(self.return_shift.count() - 1)
        self.return_shift.blockSignals(False)
        self.update_preview()

    def _give_changed(self) -> None:
        self.update_preview()
        give = self.give.currentData()
        self._show_suggestions(None if give is not None else [])
        if give is None:
            return
        user, today = self.user, self.today
        query(
            self,
            lambda: swaps.suggested_returns(user, give.on_date, give.shift_id, today=today),
            done=self._show_suggestions,
            slot="suggestions",
        )

    def _show_suggestions(self, slots: list[swaps.Slot] | None) -> None:
        self.suggestions.clear()
        if slots is None:
            self.suggestions.addItem(self.tr("Looking for shifts that meet every rule…"))
        elif not slots:
            text = (
                self.tr("Choose your shift first.")
                if self.give.currentData() is None
                else self.tr("No colleague's shift within two weeks meets every rule.")
            )
            self.suggestions.addItem(text)
        for slot in slots or []:
            item = QListWidgetItem(f"{slot.label}（{slot.agent_name}）")
            item.setData(Qt.ItemDataRole.UserRole, slot)
            self.suggestions.addItem(item)

    def use_suggestion(self, item: QListWidgetItem) -> None:
        """Choose the suggested colleague and shift."""
        slot = item.data(Qt.ItemDataRole.UserRole)
        if not isinstance(slot, swaps.Slot):
            return
        self.colleague.blockSignals(True)
        self.colleague.setCurrentIndex(max(self.colleague.findData(slot.agent_id), 0))
        self.colleague.blockSignals(False)
        self.one_day.blockSignals(True)
        self.one_day.setChecked(False)
        self.day.setEnabled(False)
        self.one_day.blockSignals(False)
        self._fill_returns(keep=slot)

    def choices(self) -> tuple[swaps.Slot | None, int | None, swaps.Slot | None]:
        """What the form says: the shift given, the colleague, the shift taken back."""
        return (
            self.give.currentData(),
            self.colleague.currentData(),
            self.return_shift.currentData(),
        )

    def update_preview(self) -> None:
        """The rules for the choices, checked off the GUI thread."""
        user, (give, colleague_id, back) = self.user, self.choices()
        query(
            self,
            lambda: swaps.preview_slots(user, give, colleague_id, back),
            done=self.results.show_results,
            failed=lambda _exc: self.results.show_results([]),
            slot="preview",
            busy=self.tr("Checking the rules…"),
        )

    def accept(self) -> None:
        """Check the rules once more; when some fail, ask before sending."""
        if _sending(self):
            return
        user, (give, colleague_id, back) = self.user, self.choices()
        query(
            self,
            lambda: swaps.preview_slots(user, give, colleague_id, back),
            done=self._send,
            failed=self._refused,
            slot="send",
            busy=self.tr("Checking the rules…"),
        )

    def _send(self, results: list[rules.RuleResult]) -> None:
        failed = rules.failed_rules(results)
        reason = self.reason.toPlainText()
        if failed and reason.strip():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr(
                    "Rule(s) {rules} are not met. Send all the same? The manager decides whether "
                    "to make an exception."
                ).format(rules=", ".join(str(r.rule) for r in failed)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.sending = False
                return
        user, today, (give, colleague_id, back) = self.user, self.today, self.choices()
        perform(
            self,
            lambda: swaps.request_from_slots(user, give, colleague_id, back, reason, today=today),
            done=self._sent,
            failed=self._refused,
            busy=self.tr("Sending…"),
        )

    def _sent(self, swap_id: int) -> None:
        self.sent.emit(swap_id)
        super().accept()

    def _refused(self, exc: Exception) -> None:
        self.sending = False
        _say_refusal(self, self.errors, exc)


class LeaveRequestDialog(QDialog):
    """Ask for leave; the leave rules show before sending."""

    sent = Signal(int)

    def __init__(self, user: User, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        self.user = user
        self.today = today or clock.today()
        self.setWindowTitle(self.tr("Ask for leave"))
        self.resize(640, 560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        for code in leave.KINDS:
            self.kind.addItem(leave.kind_label(code), code)
        tomorrow = self.today + dt.timedelta(days=1)
        self.start = dates.limit(QDateTimeEdit(QDateTime(to_qdate(tomorrow), QTime(8, 0))))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.end = dates.limit(QDateTimeEdit(QDateTime(to_qdate(tomorrow), QTime(18, 0))))
        self.end.setCalendarPopup(True)
        self.end.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.substitute = QComboBox()
        fill_people(self.substitute, [], self.tr("— none —"))
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(60)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("From"), self.start)
        form.addRow(self.tr("Until"), self.end)
        form.addRow(self.tr("Substitute"), self.substitute)
        form.addRow(self.tr("Reason"), self.reason)
        layout.addLayout(form)
        self.errors = FieldErrors(
            form,
            {
                "kind": self.kind,
                "start_at": self.start,
                "end_at": self.end,
                "reason": self.reason,
            },
        )
        hint = QLabel(
            self.tr("Leave of more than a day is asked a day ahead and names a substitute.")
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.results = RuleResultsList()
        layout.addWidget(self.results, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Send to the manager")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for signal in (
            self.start.dateTimeChanged,
            self.end.dateTimeChanged,
            self.substitute.currentIndexChanged,
        ):
            signal.connect(self.update_preview)
        user, today = self.user, self.today
        query(
            self,
            lambda: screen.form_choices(user, today, today),
            done=self._people_loaded,
            slot="people",
        )
        self.update_preview()

    def _people_loaded(self, choices: screen.FormChoices) -> None:
        current = self.substitute.currentData()
        self.substitute.blockSignals(True)
        fill_people(self.substitute, choices.colleagues, self.tr("— none —"))
        self.substitute.setCurrentIndex(max(self.substitute.findData(current), 0))
        self.substitute.blockSignals(False)

    def form(self) -> tuple[dt.datetime, dt.datetime, int | None]:
        """The times and the substitute chosen."""
        return (
            self.start.dateTime().toPython(),
            self.end.dateTime().toPython(),
            self.substitute.currentData(),
        )

    def update_preview(self) -> None:
        """The leave rules for the times and the substitute, checked off the GUI thread."""
        user, today, (start, end, substitute_id) = self.user, self.today, self.form()
        query(
            self,
            lambda: leave.preview_form(user, start, end, substitute_id, asked_on=today),
            done=self._show_preview,
            failed=self._preview_refused,
            slot="preview",
            busy=self.tr("Checking the rules…"),
        )

    def _show_preview(self, results: list[rules.RuleResult]) -> None:
        self.errors.clear()
        self.results.show_results(results)

    def _preview_refused(self, exc: Exception) -> None:
        self.results.show_results([])
        if isinstance(exc, ValidationError):
            self.errors.show(exc.fields)
        else:
            show_error(self, exc)

    def accept(self) -> None:
        if _sending(self):
            return
        user, today, (start, end, substitute_id) = self.user, self.today, self.form()
        kind, reason = self.kind.currentData(), self.reason.toPlainText()
        perform(
            self,
            lambda: leave.request_from_form(
                user, start, end, substitute_id, kind, reason, asked_on=today
            ),
            done=self._sent,
            failed=self._refused,
            busy=self.tr("Sending…"),
        )

    def _sent(self, leave_id: int) -> None:
        self.sent.emit(leave_id)
        super().accept()

    def _refused(self, exc: Exception) -> None:
        self.sending = False
        _say_refusal(self, self.errors, exc)


class PatternDialog(QDialog):
    """Repeat one week across the month."""

    def __init__(self, year: int, month: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Repeat a week across the month"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "Every other week of {month} gets the shifts of the week starting on the chosen "
                "day, weekday by weekday, replacing what those days had; days already past keep "
                "their history. Weekday shifts are not copied onto public holidays: a holiday on "
                "a weekday gets the weekend duty, and an adjusted working day on a weekend gets "
                "weekday shifts. Shifts changed by approved swaps stay as the swaps left them."
            ).format(month=f"{year}-{month:02d}")
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        first, _last = roster.month_bounds(year, month)
        monday = first + dt.timedelta(days=(7 - first.weekday()) % 7)
        self.week_start = dates.limit(QDateEdit(to_qdate(monday)))
        self.week_start.setCalendarPopup(True)
        self.week_start.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("Week starting on"), self.week_start)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def start_date(self) -> dt.date:
        return to_date(self.week_start.date())


class HolidayDialog(QDialog):
    """The manager marks a day the holiday library does not know yet."""

    def __init__(self, user: User, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self.setWindowTitle(self.tr("Public holidays and adjusted working days"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.day = dates.limit(QDateEdit())
        dates.show(self.day, day)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Public holiday"), True)
        self.kind.addItem(self.tr("Adjusted working day (调休上班)"), False)
        self.kind.addItem(self.tr("As the calendar says (remove my entry)"), None)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. 春节"))
        self.current = QLabel()
        form.addRow(self.tr("Day"), self.day)
        form.addRow(self.tr("The calendar says"), self.current)
        form.addRow(self.tr("Mark as"), self.kind)
        form.addRow(self.tr("Name"), self.name)
        layout.addLayout(form)
        self.errors = FieldErrors(form, {"name": self.name})
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.day.dateChanged.connect(self._show_current)
        self._show_current()

    def _show_current(self) -> None:
        day = to_date(self.day.date())
        query(self, lambda: public_holidays.day_info(day), done=self._current_read, slot="day")

    def _current_read(self, info: public_holidays.DayInfo) -> None:
        label = public_holidays.kind_label(info.kind)
        self.current.setText(f"{label} {info.name}".strip())

    def accept(self) -> None:
        if _sending(self):
            return
        user, day, kind, name = (
            self.user,
            to_date(self.day.date()),
            self.kind.currentData(),
            self.name.text(),
        )

        def save() -> None:
            if kind is None:
                public_holidays.remove_override(user, day)
            else:
                public_holidays.set_override(user, day, is_holiday=kind, name=name)

        perform(
            self, save, done=lambda _none: super(HolidayDialog, self).accept(), failed=self._refused
        )

    def _refused(self, exc: Exception) -> None:
        self.sending = False
        _say_refusal(self, self.errors, exc)


class ShiftsDialog(QDialog):
    """The shift definitions, editable by the manager."""

    COLUMNS = {"code": 0, "name": 1, "segments": 2}  # a refused field's column

    def __init__(self, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self.setWindowTitle(self.tr("Shifts"))
        self.resize(720, 360)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Name"),
                self.tr("Times"),
                self.tr("Weekend / holiday"),
                self.tr("In use"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add a shift"))
        self.add_button.clicked.connect(self.add_row)
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        editable = auth.can(user, "roster.edit")
        buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(editable)
        self.add_button.setEnabled(editable)
        self.shifts: list[Shift | None] = []
        query(self, lambda: list_shifts(include_inactive=True), done=self._loaded, slot="shifts")

    def _loaded(self, shifts: list[Shift]) -> None:
        for shift in shifts:
            self._append(shift)

    def _append(self, shift: Shift | None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.shifts.append(shift)
        self.table.setItem(row, 0, QTableWidgetItem(shift.code if shift else ""))
        self.table.setItem(row, 1, QTableWidgetItem(shift.name if shift else ""))
        self.table.setItem(row, 2, QTableWidgetItem(shift.segments if shift else ""))
        for col, value in (
            (3, shift.weekend if shift else False),
            (4, shift.active if shift else True),
        ):
            box = QCheckBox()
            box.setChecked(bool(value))
            self.table.setCellWidget(row, col, box)

    def add_row(self) -> None:
        self._append(None)

    def rows(self) -> list[ShiftRow]:
        """The rows as the user left them that are new or differ from the shift as read (a row
        left as it was is not sent, so another desk's change to it is no conflict); empty new
        rows are left out."""
        rows = []
        for row, shift in enumerate(self.shifts):
            code, name, segments = (self._text(row, col) for col in (0, 1, 2))
            if shift is None and not code.strip() and not name.strip():
                continue
            values = ShiftRow(
                number=row + 1,
                shift_id=shift.id if shift is not None else None,
                version=shift.version if shift is not None else None,
                code=code,
                name=name,
                segments=segments,
                weekend=self._checked(row, 3),
                active=self._checked(row, 4),
                sort_order=(row + 1) * 10,
            )
            if shift is not None and (
                code.strip(),
                name.strip(),
                segments.strip(),
                values.weekend,
                values.active,
                values.sort_order,
            ) == (
                shift.code,
                shift.name,
                shift.segments,
                bool(shift.weekend),
                bool(shift.active),
                shift.sort_order,
            ):
                continue
            rows.append(values)
        return rows

    def _text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text() if item is not None else ""

    def _checked(self, row: int, col: int) -> bool:
        box = self.table.cellWidget(row, col)
        return isinstance(box, QCheckBox) and box.isChecked()

    def accept(self) -> None:
        """Save every row off the GUI thread in one use case: all of them or none. A refusal
        names the row and the field; the dialog stays open with everything typed."""
        if _sending(self):
            return
        user, rows = self.user, self.rows()
        self.message.clear()

        def refused(exc: Exception) -> None:
            self.sending = False
            if isinstance(exc, ShiftRowRefused):
                self.message.setText(str(exc))
                row = exc.number - 1
                col = next((self.COLUMNS[f] for f in exc.reasons if f in self.COLUMNS), 0)
                self.table.setCurrentCell(row, col)
                self.table.setFocus()
            elif isinstance(exc, KefuError):
                self.message.setText(str(exc))
            else:
                show_error(self, exc)

        perform(
            self,
            lambda: save_shifts(user, rows),
            done=lambda _saved: super(ShiftsDialog, self).accept(),
            failed=refused,
        )
