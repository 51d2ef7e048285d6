"""A complaint with an impossible date already in the database (written before the earliest-date
rule) is shown, not a crash."""

import datetime as dt

import pytest

from app.complaints import service
from models import Complaint, database
from tests.ui.test_complaints_page import make_page, register
from ui import operations


@pytest.mark.parametrize(
    "stored",
    [
        "0206-11-25 10:00:00",
        "0001-01-01 00:00:00",
        "206-11-25 10:00:00",  # as an older version wrote the year 206 on SQLite
    ],
)
def test_the_registry_shows_a_row_with_an_impossible_date(qtbot, sqlite_url, agent, stored):
    good = register(agent)
    bad = register(agent, contact="13900001111")
    database.execute_sql(
        "UPDATE complaint SET received_at = ?, promised_at = ? WHERE id = ?",
        (stored, stored.replace("00:00:00", "01:00:00"), bad.id),
    )
    page = make_page(qtbot, agent)
    qtbot.waitUntil(operations.idle)
    if len(stored) < 19:  # it sorts after every date: a search finds it
        page.search.setText(bad.number)
        page.apply_filters()
        qtbot.waitUntil(lambda: page.model.total == 1)
    else:
        qtbot.waitUntil(lambda: page.model.total == 2)
    assert bad.number in {row["number"] for row in page.model.rows}
    assert good.number
    page.open_record(complaint_id=bad.id)
    qtbot.waitUntil(lambda: page.view.current_id() == bad.id)
    qtbot.waitUntil(operations.idle)
    assert page.view.number.text() == bad.number
    assert Complaint.get_by_id(bad.id).received_at.year in (206, 1)
    # and the complaint can still be handled
    service.add_step(agent, bad.id, "phone", "已回电", dt.datetime(2026, 11, 26, 10, 0))
