"""``main.py screenshots [--size WIDTHxHEIGHT]``: one PNG per main screen, rendered offscreen as
the first manager; with ``--size`` on a screen of that size (the window fills it, dialogs fit
in it), as a desk with that screen shows them."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

from app.auth import first_active_user
from app.errors import KefuError
from app.startup import describe
from ui import operations
from ui.context import UiContext
from ui.main_window import MainWindow
from ui.pages import AREAS


def settle() -> None:
    """Let the pages finish what they read off the GUI thread (and what that started, such as
    the badges after the first screen), then draw."""
    for _ in range(5):
        operations.runner().wait_until_idle(30)
        QApplication.processEvents()


def grab(widget: QWidget, path: Path, screen: tuple[int, int] | None = None) -> Path:
    """Save what the widget shows; with ``screen``, only the part a screen of that size shows."""
    settle()
    if screen is None:
        widget.grab().save(str(path))
    else:
        shown = QRect(0, 0, min(widget.width(), screen[0]), min(widget.height(), screen[1]))
        widget.grab(shown).save(str(path))
    return path


DEFAULT_SIZE = (1400, 860)


def offscreen_platform(size: tuple[int, int]) -> str:
    """The offscreen platform with one screen of ``size`` (described in a file in the temporary
    folder), so the window and its dialogs are laid out as on that screen."""
    width, height = size
    config = Path(tempfile.gettempdir()) / f"kefu-screen-{width}x{height}.json"
    screen = {"name": "Desk", "x": 0, "y": 0, "width": width, "height": height}
    screen.update({"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1})
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    try:
        where = os.path.relpath(config)  # a Windows drive letter's colon would end the option
    except ValueError:
        where = str(config)
    return f"offscreen:configfile={where}"


def save_screenshots(
    out_dir: Path, db_url: str, language: str, size: tuple[int, int] | None = None
) -> list[Path]:
    user = first_active_user()
    if user is None:
        raise KefuError(
            QApplication.translate(
                "Screenshots",
                "The database has no users: run `main.py init` and `main.py demo` first.",
            )
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    window = MainWindow(UiContext(user=user, db_description=describe(db_url), language=language))
    width, height = size or DEFAULT_SIZE
    window.resize(width, height)
    window.show()
    screen = (width, height) if size else None
    saved = []
    too_big: list[str] = []

    def check_fit(widget: QWidget, name: str) -> None:
        if size and (widget.width() > width or widget.height() > height):
            too_big.append(f"{name} ({widget.width()}x{widget.height()})")

    for index, area in enumerate(AREAS, start=1):
        if size:  # each screen as the window opens on that screen, its frame inside it
            window.resize(width, height)
            window.fit_into_screen()
        window.navigate(area.key)
        page = window.page(area.key)
        if hasattr(page, "refresh"):
            page.refresh()
        if hasattr(page, "prepare_screenshot"):  # e.g. a day that has something to show
            settle()
            page.prepare_screenshot()
        name = f"{index:02d}-{area.key}"
        saved.append(grab(window, out_dir / f"{name}.png", screen))
        check_fit(window, name)
        for state, prepare in getattr(page, "screenshot_states", lambda: [])():
            widget = prepare()
            separate = widget.isWindow() and widget is not window  # a dialog of its own
            if separate:
                widget.resize(
                    min(max(widget.width(), 900), width), min(max(widget.height(), 600), height)
                )
                widget.show()
            saved.append(grab(widget, out_dir / f"{name}-{state}.png", screen))
            check_fit(widget, f"{name}-{state}")
            if separate:
                widget.close()
        window.show()
    if too_big:
        said = QApplication.translate(
            "Screenshots", "larger than the {width}x{height} screen (cut to it): {names}"
        )
        print(said.format(width=width, height=height, names=", ".join(too_big)), file=sys.stderr)
    window.remember_layout = False  # the rendering size is not the user's window
    window.discard_unsaved_work()  # the sample input typed for the pictures is nobody's work
    window.close()
    return saved
