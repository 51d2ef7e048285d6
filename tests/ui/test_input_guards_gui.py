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
    wanted = {bad.number} if len(stored) < 19 else {bad.number, good.number}
    qtbot.waitUntil(lambda: wanted <= {row["number"] for row in page.model.rows})
    page.open_record(complaint_id=bad.id)
    qtbot.waitUntil(lambda: page.view.current_id() == bad.id)
    qtbot.waitUntil(operations.idle)
    assert page.view.number.text() == bad.number
    assert Complaint.get_by_id(bad.id).received_at.year in (206, 1)
    # and the complaint can still be handled
    service.add_step(agent, bad.id, "phone", "已回电", dt.datetime(2026, 11, 26, 10, 0))


def test_the_same_file_imported_twice_asks_before_importing_it_again(
    qtbot, sqlite_url, agent, tmp_path, monkeypatch
):
    from pathlib import Path

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    source = tmp_path / "in.csv"
    source.write_text(
        "投诉时间,投诉人,联系方式,投诉内容\n2026-11-20 10:00,甲,13800000001,内容\n", "utf-8-sig"
    )
    page = make_page(qtbot, agent)
    questions: list[str] = []
    answers = [QMessageBox.StandardButton.No]  # skip invalid rows? no

    def answer(_parent, _title, text, *_args):
        questions.append(text)
        return answers.pop(0)

    shown: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(QMessageBox, "question", answer)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=10000)
    assert Complaint.select().count() == 1

    answers += [QMessageBox.StandardButton.No, QMessageBox.StandardButton.No]
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(questions) == 3, timeout=10000)
    assert "was already imported on 2026-11-26" in questions[2]
    qtbot.waitUntil(operations.idle)
    assert Complaint.select().count() == 1

    answers += [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=10000)
    assert Complaint.select().count() == 2
    assert Path(source).exists()
