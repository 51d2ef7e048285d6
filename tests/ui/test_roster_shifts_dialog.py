"""The shift table dialog saves every row or none: a refused row is named, the dialog stays open
with everything typed, and nothing of the rows before it is saved."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTableWidgetItem

from app.roster.shifts import list_shifts, shift_by_code
from models import AuditLog, Shift
from tests.ui.gui_thread_sql import no_sql_on_gui_thread
from tests.ui.test_roster_swap_gui import click, english_texts, settle  # noqa: F401
from ui.roster.dialogs import ShiftsDialog


def type_into(dialog: ShiftsDialog, row: int, col: int, text: str) -> None:
    dialog.table.setItem(row, col, QTableWidgetItem(text))


def texts(dialog: ShiftsDialog) -> list[tuple[str, str, str]]:
    table = dialog.table
    return [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]


@pytest.mark.usefixtures("english_texts")
def test_a_refused_row_keeps_the_dialog_open_with_everything_typed(qtbot, sqlite_url, manager):
    list_shifts()  # the regulation's four shifts
    audit_rows = AuditLog.select().count()
    with no_sql_on_gui_thread():
        dialog = ShiftsDialog(manager)
        qtbot.addWidget(dialog)
        dialog.open()
        settle(qtbot)
        assert dialog.table.rowCount() == 4
        type_into(dialog, 0, 1, "早班")
        type_into(dialog, 1, 2, "12:00-13:30")
        click(qtbot, dialog.add_button)
        type_into(dialog, 4, 0, "night")
        type_into(dialog, 4, 1, "夜班")
        type_into(dialog, 4, 2, "22:00-21:00")  # ends before it starts
        dialog.table.cellWidget(4, 3).setChecked(True)
        typed = texts(dialog)
        dialog.accept()
        settle(qtbot)

        assert dialog.isVisible()
        assert dialog.message.text().startswith("Row 5, Times: Write the times as 08:00-12:00")
        assert (dialog.table.currentRow(), dialog.table.currentColumn()) == (4, 2)
        assert texts(dialog) == typed and dialog.table.cellWidget(4, 3).isChecked()

    # nothing of the first two rows was saved
    assert shift_by_code("day").name == "白班"
    assert shift_by_code("noon").segments == "12:30-14:00"
    assert not Shift.select().where(Shift.code == "night").exists()
    assert AuditLog.select().count() == audit_rows

    with no_sql_on_gui_thread():
        type_into(dialog, 4, 2, "21:30-23:30")  # corrected: now the whole table saves
        dialog.accept()
        settle(qtbot)
        assert not dialog.isVisible()
    assert shift_by_code("day").name == "早班"
    assert shift_by_code("noon").segments == "12:00-13:30"
    night = shift_by_code("night")
    assert (night.name, night.segments, night.weekend) == ("夜班", "21:30-23:30", True)
    assert AuditLog.select().count() == audit_rows + 3  # the three rows changed, no others
