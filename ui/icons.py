"""The app's icons: one set, Phosphor (MIT), drawn from the icon font QtAwesome ships.

An icon is drawn from the font at the size and pixel ratio it is shown at, so it stays crisp at
150 % and 200 % scaling; navigation icons turn white on the selected (blue) row.
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")  # QtAwesome reaches Qt through QtPy: use PySide6

from PySide6.QtGui import QIcon  # noqa: E402
from qtawesome.iconic_font import IconicFont  # noqa: E402

from app.resources import ICON_FONT, resource_path  # noqa: E402

COLOUR = "#2f4b7c"
SELECTED = "#ffffff"
DISABLED = "#a0a8b8"

_font: IconicFont | None = None


def font_files() -> tuple[Path, Path]:
    """Phosphor's font and character map inside QtAwesome (whichever version it ships)."""
    folder = resource_path(ICON_FONT)
    ttf = next(iter(sorted(folder.glob("phosphor-[0-9]*.ttf"))), None)
    charmap = next(iter(sorted(folder.glob("phosphor-charmap-*.json"))), None)
    if ttf is None or charmap is None:
        raise FileNotFoundError(f"the Phosphor icon font is missing from {folder}")
    return ttf, charmap


def _phosphor() -> IconicFont:
    global _font
    if _font is None:
        ttf, charmap = font_files()
        _font = IconicFont(("ph", ttf.name, charmap.name, str(ttf.parent)))
    return _font


def icon(name: str, colour: str = COLOUR) -> QIcon:
    """The Phosphor icon ``name`` (e.g. ``"printer"``); needs the QApplication."""
    return _phosphor().icon(
        f"ph.{name}",
        color=colour,
        color_active=colour,
        color_selected=SELECTED,
        color_disabled=DISABLED,
    )
