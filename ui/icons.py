"""The app's icons: one set, Phosphor (MIT), drawn from the icon font QtAwesome ships.

An icon is drawn from the font at the size and pixel ratio it is shown at, so it stays crisp at
150 % and 200 % scaling; navigation icons turn white on the selected (blue) row. Only the font
and its character map are used (QtAwesome's own code would load QtPy and every Qt module it
wraps at start-up).
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QIconEngine, QPainter, QPixmap

from app.resources import ICON_FONT, resource_path

COLOUR = "#2f4b7c"
SELECTED = "#ffffff"
DISABLED = "#a0a8b8"
GLYPH_SHARE = 0.875  # the glyph's height in its square: room for the font's bearing

_font: tuple[str, dict[str, str]] | None = None


def font_files() -> tuple[Path, Path]:
    """Phosphor's font and character map inside QtAwesome (whichever version it ships)."""
    folder = resource_path(ICON_FONT)
    ttf = next(iter(sorted(folder.glob("phosphor-[0-9]*.ttf"))), None)
    charmap = next(iter(sorted(folder.glob("phosphor-charmap-*.json"))), None)
    if ttf is None or charmap is None:
        raise FileNotFoundError(f"the Phosphor icon font is missing from {folder}")
    return ttf, charmap


def _phosphor() -> tuple[str, dict[str, str]]:
    """The font's family (loaded into the application once) and its characters by name."""
    global _font
    if _font is None:
        ttf, charmap = font_files()
        font_id = QFontDatabase.addApplicationFont(str(ttf))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            raise FileNotFoundError(f"the icon font {ttf} cannot be loaded")
        codes = json.loads(charmap.read_text(encoding="utf-8"))
        _font = (families[0], {name: chr(int(code, 16)) for name, code in codes.items()})
    return _font


class GlyphEngine(QIconEngine):
    """One character of the icon font, in a colour by mode (normal, selected, disabled)."""

    def __init__(self, family: str, char: str, colour: str) -> None:
        super().__init__()
        self.family = family
        self.char = char
        self.colour = colour

    def colour_for(self, mode: QIcon.Mode) -> str:
        if mode == QIcon.Mode.Selected:
            return SELECTED
        if mode == QIcon.Mode.Disabled:
            return DISABLED
        return self.colour

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        font = QFont()
        font.setFamily(self.family)
        font.setPixelSize(max(1, round(GLYPH_SHARE * rect.height())))
        painter.setFont(font)
        painter.setPen(QColor(self.colour_for(mode)))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return GlyphEngine(self.family, self.char, self.colour)


def icon(name: str, colour: str = COLOUR) -> QIcon:
    """The Phosphor icon ``name`` (e.g. ``"printer"``); needs the QApplication."""
    family, chars = _phosphor()
    if name not in chars:
        raise KeyError(f"no icon {name!r} in the Phosphor set")
    return QIcon(GlyphEngine(family, chars[name], colour))
