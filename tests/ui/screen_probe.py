"""Run by tests/ui/test_screen_fit.py in a process of its own whose offscreen screen has the size
under test: opens the main window as a user would and prints what fits as one JSON line."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QPoint, QRect, QSettings, QSize
from PySide6.QtWidgets import QApplication, QWidget


def inside(rect: QRect, area: QRect) -> bool:
    return area.contains(rect)


def main(db_url: str, login: str, language: str, settings_dir: str, remembered: str) -> None:
    from app.i18n import install_language
    from app.startup import open_desk
    from models import User
    from models.db import describe
    from ui import operations
    from ui.application import make_application
    from ui.context import UiContext, local_settings
    from ui.main_window import MainWindow

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
        operations.runner().wait_until_idle(30)
        for _ in range(5):
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
    table = page.table
    header = table.horizontalHeader()
    width = table.viewport().width()
    hidden_columns = []
    for column in range(header.count()):
        if table.isColumnHidden(column):
            continue
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        if right > width:
            hidden_columns.append(page.model.headerData(column, header.orientation()))
    found["sections"] = [
        (page.model.headerData(c, header.orientation()), header.sectionSize(c))
        for c in range(header.count())
        if not table.isColumnHidden(c)
    ]
    found["viewport"] = width
    found["rows"] = page.model.total
    found["columns_cut"] = hidden_columns
    found["registry_scrolls_sideways"] = table.horizontalScrollBar().maximum() > 0
    found["detail_shown_without_choice"] = page.view.isVisible()

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
    found["window_width"] = window.width()
    window.discard_unsaved_work()
    window.close()
    operations.shutdown()
    print(json.dumps(found, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:6])
