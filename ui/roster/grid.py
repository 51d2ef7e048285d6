"""The month grid: people by days, each cell the shifts of that person on that day."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.auth import User
from app.roster import public_holidays
from app.roster.roster import ON_LEAVE, OVERLAP, MonthRoster, flag_label, is_changed
from app.roster.shifts import short_label

HOLIDAY_BG = "#fde2e2"
ADJUSTED_BG = "#e3f0ff"
WEEKEND_BG = "#f0f0f0"
OWN_BG = "#fff8c4"
LEAVE_BG = "#ffcc80"
OVERLAP_BG = "#ef9a9a"


class RosterGrid(QTableWidget):
    """Read-only cells; a click reports (person id, date) so the page can edit as allowed."""

    cell_chosen = Signal(int, object)

    def __init__(self, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self.setObjectName("roster_grid")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # the days share the width: a whole month (31 days) fits a 1280 px wide window
        self.horizontalHeader().setMinimumSectionSize(26)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setWordWrap(False)  # two shifts (白午) on one line, not wrapped out of sight
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.verticalHeader().setDefaultSectionSize(30)
        self.data: MonthRoster | None = None
        self.cellClicked.connect(self._clicked)

    def _weekday(self, index: int) -> str:
        return (
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        )[index]

    def show_month(self, data: MonthRoster) -> None:
        self.data = data
        self.clear()
        self.setRowCount(len(data.people))
        self.setColumnCount(len(data.days))
        for col, day in enumerate(data.days):
            mark = ""
            if day.is_holiday:
                mark = self.tr("Hol")
            elif day.kind == public_holidays.ADJUSTED_WORKDAY:
                mark = self.tr("Work")
            item = QTableWidgetItem(
                f"{day.on_date.day}\n{self._weekday(day.on_date.weekday())}\n{mark}".rstrip()
            )
            if day.is_holiday:
                item.setForeground(QBrush(QColor("#c62828")))
            elif day.kind == public_holidays.ADJUSTED_WORKDAY:
                item.setForeground(QBrush(QColor("#1565c0")))
            if day.name:
                item.setToolTip(f"{public_holidays.kind_label(day.kind)}: {day.name}")
            self.setHorizontalHeaderItem(col, item)
        for row, person in enumerate(data.people):
            head = QTableWidgetItem(f"{person.name} {person.employee_no}")
            if person.id == self.user.id:
                font = QFont()
                font.setBold(True)
                head.setFont(font)
                head.setBackground(QBrush(QColor(OWN_BG)))
            self.setVerticalHeaderItem(row, head)
            for col, day in enumerate(data.days):
                self.setItem(row, col, self._cell(person, day))

    def _cell(self, person: User, day: public_holidays.DayInfo) -> QTableWidgetItem:
        assert self.data is not None
        entries = self.data.cells.get((person.id, day.on_date), [])
        flags = self.data.flags.get((person.id, day.on_date), set())
        text = "".join(short_label(e.shift) for e in entries)
        swapped = [e for e in entries if is_changed(e)]
        if swapped:
            text += "*"
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        tips = [f"{person.name} {day.on_date:%Y-%m-%d}"]
        notes = self.data.notes
        tips += [
            f"{e.shift.name} {e.shift.segments} {notes.get(e.id, e.note)}".strip() for e in entries
        ]
        if day.name:
            tips.append(day.name)
        tips += [flag_label(f) for f in sorted(flags)]
        item.setToolTip("\n".join(tips))
        item.setData(Qt.ItemDataRole.UserRole, (person.id, day.on_date))
        colour = None
        if day.is_holiday:
            colour = HOLIDAY_BG
        elif day.kind == public_holidays.ADJUSTED_WORKDAY:
            colour = ADJUSTED_BG
        elif day.kind == public_holidays.WEEKEND:
            colour = WEEKEND_BG
        if person.id == self.user.id and entries:
            colour = OWN_BG
            font = QFont()
            font.setBold(True)
            item.setFont(font)
        if ON_LEAVE in flags:
            colour = LEAVE_BG
        if OVERLAP in flags:
            colour = OVERLAP_BG
        if colour:
            item.setBackground(QBrush(QColor(colour)))
        return item

    def cell_text(self, person_id: int, day: dt.date) -> str:
        item = self.item(*self.position(person_id, day))
        return item.text() if item is not None else ""

    def position(self, person_id: int, day: dt.date) -> tuple[int, int]:
        assert self.data is not None
        row = next(i for i, p in enumerate(self.data.people) if p.id == person_id)
        col = next(i for i, d in enumerate(self.data.days) if d.on_date == day)
        return row, col

    def _clicked(self, row: int, col: int) -> None:
        item = self.item(row, col)
        if item is None:
            return
        person_id, day = item.data(Qt.ItemDataRole.UserRole)
        self.cell_chosen.emit(person_id, day)
