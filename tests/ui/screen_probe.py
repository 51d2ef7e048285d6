"""Run by tests/ui/test_screen_fit.py in a process of its own whose offscreen screen has the size
under test: opens the main window as a user would and prints what fits as one JSON line."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QPoint, QRect, QSettings, QSize
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QTableView, QWidget


def inside(rect: QRect, area: QRect) -> bool:
    return area.contains(rect)


def cells_cut(table: QTableView, keep: set[int] = frozenset()) -> dict[str, list[str]]:  # type: ignore[assignment]
    """The texts of the shown rows that their column is too narrow for (elided, "…"), or, in a
    table that wraps its text, their row too low, by the column's header; the columns of
    ``keep`` (free text, elided on purpose) are left out."""
    model = table.model()
    header = table.horizontalHeader()
    grid = 1 if table.showGrid() else 0
    cut: dict[str, list[str]] = {}
    for column in range(model.columnCount()):
        if table.isColumnHidden(column) or column in keep:
            continue
        width = header.sectionSize(column)
        for row in range(min(model.rowCount(), 200)):
            index = model.index(row, column)
            option = QStyleOptionViewItem()
            table.initViewItemOption(option)
            option.rect = QRect(0, 0, width - grid, 1)  # (a valid box: its width is used)
            hint = table.itemDelegateForIndex(index).sizeHint(option, index)
            high = table.wordWrap() and hint.height() + grid > table.rowHeight(row)
            if hint.width() + grid > width or high:
                name = str(model.headerData(column, header.orientation()))
                cut.setdefault(name, []).append(f"{index.data()} ({hint.width() + grid} > {width})")
    return cut


def measure_registry(page) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Which of the registry's shown columns lie beyond the list's right edge, and whether the
    list scrolls sideways."""
    table = page.table
    header = table.horizontalHeader()
    width = table.viewport().width()
    cut = []
    for column in range(header.count()):
        if table.isColumnHidden(column):
            continue
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        if right > width:
            cut.append(page.model.headerData(column, header.orientation()))
    return {
        "sections": [
            (page.model.headerData(c, header.orientation()), header.sectionSize(c))
            for c in range(header.count())
            if not table.isColumnHidden(c)
        ],
        "viewport": width,
        "rows": page.model.total,
        "columns_cut": cut,
        # the cells cut short, but for the content's (free text, its whole in a tooltip)
        "cells_cut": cells_cut(table, {page.model.column_of("content")}),
        "registry_scrolls_sideways": table.horizontalScrollBar().maximum() > 0,
    }


def main(db_url: str, login: str, language: str, settings_dir: str, remembered: str) -> None:
    import datetime as dt
    import os

    import time_machine

    from app.i18n import install_language
    from app.startup import open_desk
    from models import User
    from models.db import describe
    from ui import operations
    from ui.application import make_application
    from ui.context import UiContext, local_settings
    from ui.main_window import MainWindow

    if os.environ.get("KEFU_PROBE_NOW"):  # the test's clock, not today's date
        time_machine.naive_mode = time_machine.NaiveMode.LOCAL
        moment = dt.datetime.fromisoformat(os.environ["KEFU_PROBE_NOW"])
        time_machine.travel(moment, tick=True).start()

    def report_error(_parent: object, exc: BaseException, trace: str = "") -> None:
        print(trace or repr(exc), file=sys.stderr)  # said by the test, not in a box nobody sees

    operations.show_error = report_error  # type: ignore[assignment]
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, settings_dir)
    app = make_application()
    install_language(language)
    open_desk(db_url, check=False)
    if remembered:  # a size remembered after the window grew wider than this screen
        grown = QWidget()
        grown.setGeometry(QRect(QPoint(0, 0), QSize(*map(int, remembered.split("x")))))
        local_settings().setValue("main/geometry", grown.saveGeometry())
    available = app.primaryScreen().availableGeometry()
    user = User.get(User.login == login)
    window = MainWindow(UiContext(user=user, db_description=describe(db_url), language=language))
    window.remember_layout = False
    window.show()

    def settle() -> None:
        """Until what the window reads off the GUI thread (and what that starts, such as the
        badges after the first screen) is delivered and drawn."""
        for _ in range(5):
            operations.runner().wait_until_idle(60)
            QApplication.processEvents()

    settle()
    found: dict[str, object] = {
        "available": available.getRect(),
        "frame": window.frameGeometry().getRect(),
        "window_inside": inside(window.frameGeometry(), available),
    }
    bar = window.statusBar()
    bar_rect = QRect(bar.mapToGlobal(bar.rect().topLeft()), bar.size())
    found["status_bar_inside"] = inside(bar_rect, available)

    # the registry with nothing chosen: every column in view, no sideways scrolling
    window.navigate("complaints")
    settle()
    page = window.page("complaints")
    found.update(measure_registry(page))
    found["detail_shown_without_choice"] = page.view.isVisible()
    # every month: the month column shows beside the others
    page.month.setCurrentIndex(page.month_index(None))
    settle()
    found["all_months"] = measure_registry(page)
    # a complaint open beside the list: its pane shows it whole, without scrolling sideways
    page.show_complaint(page.model.rows[0]["id"])
    settle()
    found["detail_scrolls_sideways"] = page.view.scroll.horizontalScrollBar().maximum() > 0
    page.close_complaint()
    settle()

    # the reports (in the window as it opened): every agent's row and column, every key figure
    # whole, without scrolling
    window.navigate("reports")
    settle()
    reports = window.page("reports")
    agents, figures_table = reports.agents_table, reports.figures_table
    rows_height = sum(agents.rowHeight(r) for r in range(agents.rowCount()))
    found["reports"] = {
        "agents": agents.rowCount(),
        "agents_rows_hidden": rows_height > agents.viewport().height(),
        "agents_scroll": [
            agents.horizontalScrollBar().maximum(),
            agents.verticalScrollBar().maximum(),
        ],
        "agents_cut": cells_cut(agents),
        "agents_widths": [
            agents.horizontalHeader().length(),
            agents.viewport().width(),
            sorted(getattr(agents.horizontalHeader(), "wrapped", ())),
        ],
        "figures": sum(
            1
            for r in range(figures_table.rowCount())
            for c in range(0, figures_table.columnCount(), 2)
            if figures_table.item(r, c) is not None
        ),
        "figures_scroll": [
            figures_table.horizontalScrollBar().maximum(),
            figures_table.verticalScrollBar().maximum(),
        ],
        "figures_cut": cells_cut(figures_table),
        "charts": [reports.category_chart.isVisible(), reports.day_chart.isVisible()],
        "chart_heights": [reports.category_chart.height(), reports.day_chart.height()],
        "page_inside": inside(QRect(reports.mapToGlobal(QPoint(0, 0)), reports.size()), available),
    }

    # the work log's summaries: every agent's figures in view, without scrolling sideways
    window.navigate("calls")
    calls = window.page("calls")
    calls.tabs.setCurrentWidget(calls.summaries)
    settle()
    table = calls.summaries.table
    found["summaries"] = {
        "rows": table.rowCount(),
        "scroll": table.horizontalScrollBar().maximum(),
        "widths": [table.horizontalHeader().length(), table.viewport().width()],
        "wrapped": sorted(getattr(table.horizontalHeader(), "wrapped", ())),
        "sections": [table.horizontalHeader().sectionSize(c) for c in range(table.columnCount())],
        "cut": cells_cut(table, {table.columnCount() - 1}),  # (the comment: free text)
    }

    # the roster: a 31-day month in a window 1280 px wide
    window.resize(min(1280, window.width()), window.height())
    window.navigate("roster")
    roster = window.page("roster")
    roster.year, roster.month = 2026, 12
    roster.load_month()
    settle()
    grid = roster.grid
    found["roster_days"] = grid.columnCount()
    found["roster_scrolls_sideways"] = grid.horizontalScrollBar().maximum() > 0
    roster.edit_button.setChecked(True)  # the manager's editing mode shows the shift to add
    settle()
    found["roster_editing_needs"] = window.minimumSizeHint().width()
    roster.edit_button.setChecked(False)
    # the swaps and leave: every column in view, long texts wrapped, not cut
    roster.tabs.setCurrentIndex(1)
    roster.everyone.setChecked(True)  # everyone's, as the manager looks at them
    settle()
    found["requests"] = {
        table.objectName(): {
            "rows": table.rowCount(),
            "scroll": table.horizontalScrollBar().maximum(),
            "cut": cells_cut(table),
        }
        for table in (roster.swap_table, roster.leave_table)
    }
    # the manager's approval inbox: every column in view, long texts wrapped, not cut
    roster.tabs.setCurrentIndex(roster.inbox_index)
    settle()
    inbox = roster.inbox
    found["inbox"] = {
        "rows": inbox.rowCount(),
        "scroll": inbox.horizontalScrollBar().maximum(),
        "cut": cells_cut(inbox),
    }
    roster.tabs.setCurrentIndex(0)
    found["window_width"] = window.width()

    # the customer archive's list: every column in view
    window.navigate("customers")
    settle()
    view = window.page("customers").list_tab.view
    header = view.horizontalHeader()
    found["customer_columns_cut"] = [
        view.model().headerData(c, header.orientation())
        for c in range(header.count())
        if header.sectionViewportPosition(c) + header.sectionSize(c) > view.viewport().width()
    ]
    # the cells cut short but for free text (names, phones, tags, the address)
    model = view.model()
    columns = model.COLUMNS
    free = {"name", "contact_person", "phones", "tags", "address"}
    found["customer_cells_cut"] = cells_cut(view, {columns.index(c) for c in free})
    window.discard_unsaved_work()
    window.close()
    operations.shutdown()
    print(json.dumps(found, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:6])
