"""What the screens say and give room to: the registry's empty states, the detail pane that
opens with a complaint and closes again (the list gets the room), columns sized to content."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.complaints import service
from ui.complaints import page as complaints_page
from ui.context import UiContext


def make_page(qtbot, user):
    ctx = UiContext(user=user, db_description="test", language="en")
    page = complaints_page.create_page(ctx, None)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def register(actor, **extra):
    fields = {
        "complainant": "陈先生",
        "contact": "13912345678",
        "channel": "phone",
        "category": "delivery",
        "content": "快递送到时包装破损，缺少电源线。",
        **extra,
    }
    return service.register_complaint(actor, **fields)


def test_a_new_administrator_is_told_the_first_steps(qtbot, sqlite_url, admin):
    page = make_page(qtbot, admin)
    qtbot.waitUntil(page.empty.isVisible)
    text = page.empty.text()
    assert "Users" in text and "Import" in text and "Team settings" in text
    assert "Ctrl+N to register the first" not in text


def test_an_agent_with_an_empty_registry_is_told_how_to_start(qtbot, sqlite_url, agent):
    page = make_page(qtbot, agent)
    qtbot.waitUntil(page.empty.isVisible)
    assert "Ctrl+N" in page.empty.text()
    register(agent)
    page.refresh()
    qtbot.waitUntil(lambda: not page.empty.isVisible())
    page.search.setText("nobody-like-this")
    page.apply_filters()
    qtbot.waitUntil(page.empty.isVisible)
    assert "No data" in page.empty.text()


def test_the_detail_opens_with_a_complaint_and_closes_for_the_list(qtbot, sqlite_url, agent):
    register(agent)
    register(agent, complainant="李女士")
    page = make_page(qtbot, agent)
    qtbot.waitUntil(lambda: page.model.total == 2)
    assert not page.view.isVisible()  # nothing chosen: the list has the whole width
    wide = page.table.width()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.waitUntil(page.view.isVisible)
    first = page.view.current_id()
    assert first is not None
    assert page.table.width() < wide
    qtbot.keyClick(page.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not page.view.isVisible())
    assert page.view.current_id() is None
    qtbot.waitUntil(lambda: page.table.width() == wide)
    other = page.model.index(1 - page.model.row_of(first), 0)
    rect = page.table.visualRect(other)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(page.view.isVisible)
    assert page.view.current_id() not in (None, first)
    qtbot.mouseClick(page.view.hide_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.view.isVisible())


def test_the_columns_are_as_wide_as_what_they_show(qtbot, sqlite_url, agent):
    register(agent, complainant="乌鲁木齐市第一中学教务处")
    page = make_page(qtbot, agent)
    qtbot.waitUntil(lambda: page.columns_sized)
    header = page.table.horizontalHeader()
    column = page.model.column_of("complainant")
    needed = page.table.fontMetrics().horizontalAdvance("乌鲁木齐市第一中学教务处")
    assert header.sectionSize(column) >= needed
