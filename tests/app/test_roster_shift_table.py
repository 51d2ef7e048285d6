"""The shift table is saved whole or not at all: one use case for every row and its audit row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from app import audit
from app.errors import ConflictError, PermissionDenied
from app.i18n import install_language
from app.operations import perform
from app.roster.shifts import (
    ShiftRow,
    ShiftRowRefused,
    list_shifts,
    save_shift,
    save_shifts,
    shift_by_code,
)
from models import AuditLog, Shift
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def english_texts():
    """The texts checked here are the English sources: drop a translator an earlier test left."""
    if QCoreApplication.instance() is not None:
        install_language("en")


def row(number: int, shift: Shift | None, **values) -> ShiftRow:
    """A row of the table as the dialog sends it: the shift as read with some values changed."""
    fields = {
        "code": shift.code if shift else "",
        "name": shift.name if shift else "",
        "segments": shift.segments if shift else "",
        "weekend": bool(shift.weekend) if shift else False,
        "active": bool(shift.active) if shift else True,
        "sort_order": number * 10,
    }
    fields.update(values)
    return ShiftRow(
        number=number,
        shift_id=shift.id if shift else None,
        version=shift.version if shift else None,
        **fields,
    )


def stored() -> list[tuple[str, str, str]]:
    return [(s.code, s.name, s.segments) for s in Shift.select().order_by(Shift.id)]


def test_a_refused_third_row_leaves_the_first_two_unsaved(db_url, manager):
    day, noon, _evening, _weekend = list_shifts()
    before, audit_rows = stored(), AuditLog.select().count()
    rows = [
        row(1, day, name="早班"),
        row(2, noon, segments="12:00-13:30"),
        row(5, None, code="night", name="夜班", segments="22:00-21:00"),  # ends before it starts
    ]
    with pytest.raises(ShiftRowRefused) as caught:
        perform(save_shifts, manager, rows)
    assert caught.value.number == 5 and set(caught.value.reasons) == {"segments"}
    assert str(caught.value).startswith("Row 5, Times: Write the times as 08:00-12:00")
    assert stored() == before
    assert AuditLog.select().count() == audit_rows
    assert not Shift.select().where(Shift.code == "night").exists()

    # the same rows, the third one corrected, save whole: nothing of the refusal is left over
    rows[2] = row(5, None, code="night", name="夜班", segments="21:00-22:00")
    done = perform(save_shifts, manager, rows)
    assert [s.code for s in done.value] == ["day", "noon", "night"]
    assert shift_by_code("day").name == "早班"
    assert shift_by_code("noon").segments == "12:00-13:30"
    assert shift_by_code("night").segments == "21:00-22:00"
    night = shift_by_code("night").id
    assert done.changes.touches(f"shift:{day.id}", f"shift:{noon.id}", f"shift:{night}")
    assert len(audit.browse(table="shift")) == 3


def test_a_code_taken_by_an_earlier_row_is_refused_at_the_later_row(db_url, manager):
    with pytest.raises(ShiftRowRefused) as caught:
        save_shifts(
            manager,
            [
                row(5, None, code="night", name="夜班", segments="21:00-22:00"),
                row(6, None, code="night", name="夜班二", segments="22:00-23:00"),
            ],
        )
    assert caught.value.number == 6 and set(caught.value.reasons) == {"code"}
    assert str(caught.value) == "Row 6, Code: The code night is taken."
    assert not Shift.select().where(Shift.code == "night").exists()


def test_the_refusal_is_in_the_desks_language(db_url, manager):
    day = shift_by_code("day")
    install_language("zh_CN")
    try:
        with pytest.raises(ShiftRowRefused) as caught:
            save_shifts(manager, [row(1, day, name="早班"), row(2, None, code="X", name="")])
    finally:
        install_language("en")
    assert caught.value.number == 2
    assert set(caught.value.reasons) == {"code", "name", "segments"}
    message = str(caught.value)
    assert message.startswith("第 2 行的代码：代码只能使用小写字母")
    assert "。第 2 行的名称：请填写名称。第 2 行的时间：" in message
    assert shift_by_code("day").name == "白班"


def test_a_row_another_desk_changed_meanwhile_is_named_and_nothing_is_saved(db_url, manager):
    day, noon, *_ = list_shifts()
    save_shift(
        make_user("manager2", "manager", "M002"),
        shift_by_code("noon"),
        code="noon",
        name="午班",
        segments="12:00-14:00",
        weekend=False,
        sort_order=20,
    )  # another desk, after this one read the table
    with pytest.raises(ConflictError) as caught:
        save_shifts(manager, [row(1, day, name="早班"), row(2, noon, segments="12:30-13:30")])
    assert str(caught.value).startswith("Row 2: ")
    assert shift_by_code("day").name == "白班"
    assert shift_by_code("noon").segments == "12:00-14:00"


def test_only_the_manager_saves_the_shift_table(db_url, agent):
    day = shift_by_code("day")
    with pytest.raises(PermissionDenied):
        save_shifts(agent, [row(1, day, name="早班")])
    assert shift_by_code("day").name == "白班"
