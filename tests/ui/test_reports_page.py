"""The reports page: the catalogue's figures with their definitions, the month it opens on, and
printing the summary of a chosen month."""

import datetime as dt

from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog

from app.clock import Month
from app.complaints import service
from ui.context import UiContext
from ui.reports import page as reports_page


def make_page(qtbot, user):
    ctx = UiContext(user=user, db_description="test", language="en")
    page = reports_page.create_page(ctx, None)
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    qtbot.waitUntil(lambda: page.figures is not None, timeout=20000)
    return page


def register(actor, **extra):
    fields = {
        "complainant": "陈先生",
        "contact": "13912345678",
        "channel": "wechat",
        "category": "delivery",
        "content": "快递送到时包装破损。",
        **extra,
    }
    return service.register_complaint(actor, **fields)


def shown(page):
    """The key figures as the page shows them (down each pair of columns, figure and value):
    {key: (label, value, tooltip)}."""
    table = page.figures_table
    out = {}
    for column in range(0, table.columnCount(), 2):
        for row in range(table.rowCount()):
            label, value = table.item(row, column), table.item(row, column + 1)
            if label is not None:
                key = label.data(Qt.ItemDataRole.UserRole)
                out[key] = (label.text(), value.text(), value.toolTip())
    return out


def test_figures_carry_their_definitions_and_overdue_now_is_labelled(
    qtbot, sqlite_url, manager, agent
):
    register(agent, received_at=dt.datetime(2026, 11, 20, 9, 0))  # overdue since the 21st
    done = register(agent, received_at=dt.datetime(2026, 11, 24, 9, 0))
    service.resolve_complaint(agent, done.id, "已补发电源线")
    register(agent, received_at=dt.datetime(2026, 10, 20, 9, 0))  # October's, overdue too
    page = make_page(qtbot, manager)
    assert page.selected_month() == Month(2026, 11)  # the 26th: the running month
    figures_shown = shown(page)
    assert figures_shown["received"][1] == "2"
    assert figures_shown["resolution_rate"][1] == "50.0% (1/2)"
    assert figures_shown["overdue_at_cutoff"][1] == "1"
    assert "promised time had passed at the cut-off" in figures_shown["overdue_at_cutoff"][2]
    label, value, tooltip = figures_shown["overdue_now"]
    assert label == "Overdue now (all months)" and value == "2"
    assert "Not a figure of the chosen month" in tooltip
    assert all(tip for _label, _value, tip in figures_shown.values())
    assert "Counted to 2026-11-26" in page.cutoff_label.text()
    groups = {
        page.breakdown_table.item(r, 0).text() for r in range(page.breakdown_table.rowCount())
    }
    assert groups == {"Complaints by channel", "Complaints by severity", "Complaints by week"}
    agents = page.agents_table
    assert agents.rowCount() == 1 and agents.item(0, 1).text() == agent.employee_no
    assert agents.horizontalHeaderItem(2).toolTip()  # every column says what it counts

    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.month.setDate(QDate(2026, 10, 1))
    assert shown(page)["received"][1] == "1"
    assert shown(page)["overdue_at_cutoff"][1] == "1"
    assert page.cutoff_label.text() == "Counted to the end of the month."


def test_the_page_and_its_print_dialog_offer_last_month_in_the_first_days(
    qtbot, sqlite_url, manager, agent, tmp_path, monkeypatch, time_machine
):
    time_machine.move_to(dt.datetime(2026, 11, 28, 10, 0), tick=True)
    register(agent, received_at=dt.datetime(2026, 11, 28, 9, 0), complainant="欧阳娜娜")
    time_machine.move_to(dt.datetime(2026, 12, 3, 9, 0), tick=True)
    page = make_page(qtbot, manager)
    assert page.selected_month() == Month(2026, 11)
    assert shown(page)["received"][1] == "1"
    target = tmp_path / "summary.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog = page.print_summary()
    assert dialog.chosen_month() == Month(2026, 11)
    dialog.month.setDate(QDate(2026, 12, 1))  # the running month can be printed too
    assert dialog.month.maximumDate() == QDate(2026, 12, 31)
    dialog.month.setDate(QDate(2026, 11, 1))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_pdf is not None, timeout=20000)
    text = "".join(p.extract_text() for p in PdfReader(str(target)).pages)
    assert "2026-11" in text and "Complaints received [1]" in text
    assert "Overdue now" not in text
