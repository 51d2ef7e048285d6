"""``main.py screenshots``: one PNG per main screen, rendered offscreen as the first manager."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from app.auth import first_active_user
from app.errors import KefuError
from app.startup import describe
from ui import operations
from ui.context import UiContext
from ui.main_window import MainWindow
from ui.pages import AREAS


def settle() -> None:
    """Let the pages finish what they read off the GUI thread, then draw."""
    operations.runner().wait_until_idle(30)
    for _ in range(5):
        QApplication.processEvents()


def grab(widget: QWidget, path: Path) -> Path:
    settle()
    widget.grab().save(str(path))
    return path


def save_screenshots(out_dir: Path, db_url: str, language: str) -> list[Path]:
    user = first_active_user()
    if user is None:
        raise KefuError("the database has no users: run `main.py init` and `main.py demo` first")
    out_dir.mkdir(parents=True, exist_ok=True)
    window = MainWindow(UiContext(user=user, db_description=describe(db_url), language=language))
    window.resize(1400, 860)
    window.show()
    saved = []
    for index, area in enumerate(AREAS, start=1):
        window.navigate(area.key)
        page = window.page(area.key)
        if hasattr(page, "refresh"):
            page.refresh()
        saved.append(grab(window, out_dir / f"{index:02d}-{area.key}.png"))
        for name, prepare in getattr(page, "screenshot_states", lambda: [])():
            widget = prepare()
            separate = widget.isWindow() and widget is not window  # a dialog of its own
            if separate:
                widget.resize(max(widget.width(), 900), max(widget.height(), 600))
                widget.show()
            saved.append(grab(widget, out_dir / f"{index:02d}-{area.key}-{name}.png"))
            if separate:
                widget.close()
        window.show()
    window.remember_layout = False  # the rendering size is not the user's window
    window.discard_unsaved_work()  # the sample input typed for the pictures is nobody's work
    window.close()
    return saved
