"""What the screens say and give room to: the registry's empty states, the detail pane that
opens with a complaint and closes again (the list gets the room), columns sized to content."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.complaints import service
from ui import operations
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
    """Where the list has the room (a wide window), every column is as wide as its text; a
    narrower list gives up the complainant's room first (tests/ui/test_screen_fit.py)."""
    register(agent, complainant="乌鲁木齐市第一中学教务处")
    page = make_page(qtbot, agent)
    page.resize(1800, 700)
    qtbot.waitUntil(lambda: page.columns_sized)
    header = page.table.horizontalHeader()
    column = page.model.column_of("complainant")
    needed = page.table.fontMetrics().horizontalAdvance("乌鲁木齐市第一中学教务处")
    assert header.sectionSize(column) >= needed


def test_qts_own_file_dialog_speaks_chinese_in_the_chinese_window(qtbot):
    from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

    from app.i18n import install_language

    install_language("zh_CN")
    dialog = QFileDialog(None, "保存 PDF")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    buttons = {button.text() for button in dialog.findChildren(QPushButton)}
    assert "Look in:" not in labels and "Files of type:" not in labels
    assert any("查找范围" in text for text in labels), labels  # "Look in:"
    assert any("文件类型" in text for text in labels), labels  # "Files of type:"
    assert any("保存" in text for text in buttons), buttons
    assert any("取消" in text for text in buttons), buttons


def test_an_empty_callback_list_says_no_data(qtbot, sqlite_url, agent):
    from ui.callbacks import page as callbacks_page

    ctx = UiContext(user=agent, db_description="test", language="en")
    page = callbacks_page.create_page(ctx, None)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    view = page.mine.view
    qtbot.waitUntil(lambda: view.empty_note.isVisible())
    assert view.empty_note.text() == "No data"
    assert view.model().rowCount() == 0


def test_a_customer_with_no_history_says_no_data(qtbot, sqlite_url, agent):
    from app.customers.customers import CustomerData, create_customer
    from ui.customers import page as customers_page

    customer = create_customer(agent, CustomerData(name="新客户", phones=["13600001111"]))
    ctx = UiContext(user=agent, db_description="test", language="en")
    page = customers_page.create_page(ctx, None)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.show_customer(customer.id)
    note = page.customer_view.no_history
    qtbot.waitUntil(note.isVisible)
    assert "No data" in note.text()
    page.customer_view.kind_filter.setCurrentIndex(
        page.customer_view.kind_filter.findData("repair")
    )
    assert page.customer_view.timeline_empty.isVisible()  # the list itself says so too


def test_an_empty_months_report_says_no_data_instead_of_blank_charts(qtbot, sqlite_url, manager):
    from PySide6.QtGui import QColor

    from ui.reports import page as reports_page

    ctx = UiContext(user=manager, db_description="test", language="en")
    page = reports_page.create_page(ctx, None)
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    qtbot.waitUntil(lambda: page.figures is not None, timeout=20000)
    chart = page.day_chart
    image = chart.grab().toImage()
    middle = image.height() // 2
    grey = QColor("#888").rgb()
    assert any(
        image.pixel(x, middle + dy) == grey for x in range(image.width()) for dy in (-3, 0, 3)
    )


def test_a_database_that_cannot_be_opened_is_told_in_chinese(qtbot):
    import re

    import pytest

    from app.i18n import install_language
    from models.db import close_database
    from ui.application import database_problem, prepare_database

    install_language("zh_CN")
    url = "postgresql://kefu@127.0.0.1:1/kefu"  # nothing listens on port 1
    with pytest.raises(Exception) as err:
        prepare_database(url, interactive=False)
    close_database()
    box = database_problem("PostgreSQL 127.0.0.1:1/kefu", err.value)
    assert re.search(r"[\u4e00-\u9fff]", box.text()), box.text()
    english = re.sub(r"PostgreSQL 127\.0\.0\.1:1/kefu", "", box.text())
    assert not re.search(r"[A-Za-z]{3,}", english.replace("Kefu Desk", "")), box.text()
    assert box.detailedText()  # the database's own words, for whoever helps


def test_closing_a_complaint_opened_from_elsewhere_opens_no_other(qtbot, sqlite_url, agent):
    """A complaint opened from outside the list (a customer's page, the lookup) and closed: the
    list takes the room back instead of opening its first complaint as it gets the focus."""
    first = register(agent)
    second = register(agent, complainant="李女士")
    page = make_page(qtbot, agent)
    qtbot.waitUntil(lambda: page.model.total == 2)
    page.open_record(complaint_id=first.id)
    qtbot.waitUntil(lambda: page.view.current_id() == first.id and page.view.isVisible())
    page.table.selectionModel().clearCurrentIndex()  # as when it is not in the list shown
    qtbot.mouseClick(page.view.hide_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.view.isVisible())
    qtbot.waitUntil(operations.idle)
    assert page.view.current_id() is None and not page.view.isVisible()
    assert second.id != page.view.current_id()
