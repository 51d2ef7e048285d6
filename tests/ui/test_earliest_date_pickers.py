"""No date or time picker where a date is entered goes before the team's earliest date (the
setting ``earliest_date``): the window reads it at start and again when a setting changes."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime

from app import settings, validation
from app.changes import Changes
from app.customers.names import CustomerName
from ui import dates, operations
from ui.callbacks.page import ScheduleDialog
from ui.calls.dialog import ContactDialog
from ui.complaints.form import RegistrationDialog
from ui.context import UiContext
from ui.customers.record_forms import date_edit
from ui.main_window import MainWindow
from ui.roster.dialogs import LeaveRequestDialog

EARLIEST = dt.date(2020, 1, 1)


@pytest.fixture
def earliest_2020(qtbot, sqlite_url, admin, agent):
    """The team's earliest date moved to 2020-01-01, and a window that read it."""
    settings.put(admin, "earliest_date", EARLIEST.isoformat())
    window = MainWindow(UiContext(user=agent, db_description="test", language="en"))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: dates.earliest() == EARLIEST)
    yield window
    dates.set_earliest(validation.DEFAULT_EARLIEST)


def test_the_pickers_of_every_form_stop_at_the_earliest_date(qtbot, earliest_2020, agent):
    contact = ContactDialog(UiContext(user=agent, db_description="test", language="en"))
    leave = LeaveRequestDialog(agent)
    callback = ScheduleDialog(
        UiContext(user=agent, db_description="test", language="en"),
        CustomerName(1, "育才学校"),
        agents=[(agent.id, agent.name)],
    )
    for dialog in (contact, leave, callback):
        qtbot.addWidget(dialog)
    pickers = [
        contact.came_in_at,
        contact.answered_at,
        contact.ended_at,
        leave.start,
        leave.end,
        callback.due,
        date_edit(),  # a customer's installation, repair, loaner dates
    ]
    for picker in pickers:
        assert picker.minimumDate() == QDate(2020, 1, 1), picker.objectName()
        picker.setDateTime(QDateTime(QDate(2019, 12, 31), QTime(9, 0)))  # typed or picked
        assert picker.date() == QDate(2020, 1, 1), picker.objectName()


def test_a_stored_date_before_it_is_shown_as_it_is(qtbot, earliest_2020):
    picker = date_edit(dt.date(2015, 6, 1))  # stored before the setting moved
    assert picker.date() == QDate(2015, 6, 1)
    picker.setDate(QDate(2010, 1, 1))
    assert picker.date() == QDate(2015, 6, 1)  # but no earlier


def test_the_pickers_follow_a_changed_setting(qtbot, earliest_2020, admin):
    picker = date_edit()
    settings.put(admin, "earliest_date", "2024-03-01")
    earliest_2020.apply_changes(Changes.of("setting"))  # as the change feed hands it over
    qtbot.waitUntil(lambda: picker.minimumDate() == QDate(2024, 3, 1))
    qtbot.waitUntil(operations.idle)


def test_the_received_time_typed_before_it_is_refused_at_the_field(qtbot, earliest_2020, agent):
    dialog = RegistrationDialog(agent, choices=(["phone"], ["quality"]))
    qtbot.addWidget(dialog)
    dialog.received_at.setText("2019-12-31 09:00")
    assert "2020-01-01" in dialog.check_field("received_at")
    dialog.received_at.setText("2020-01-02 09:00")
    assert dialog.check_field("received_at") == ""
