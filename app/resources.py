"""Where the files Kefu Desk reads at run time are: from a source checkout and from the bundle.

Every run-time read of ``resources/`` (translations, the font and its licence, icons) and of Qt's own
translations goes through :func:`resource_path`. In a source checkout ``resources/`` is beside
``app/``; in the PyInstaller bundle (``dist/KefuDesk``) the same tree is unpacked into the bundle's
folder (``sys._MEIPASS``), and PySide6 with its ``Qt/translations`` sits there too.
"""

from __future__ import annotations

import sys
from importlib.util import find_spec
from pathlib import Path

QT = "qt"  # the first part of a path to one of Qt's own files: resource_path(QT, "translations", ...)
ICON_FONT = "icon-font"  # the icon fonts QtAwesome ships: resource_path(ICON_FONT, "x.ttf")


def base_dir() -> Path:
    """The folder holding ``resources/``: the checkout, or the bundle's unpacked folder."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def qt_dir() -> Path:
    """PySide6's folder of Qt's own files (``translations``, ``plugins``): ``PySide6/Qt`` in the
    Linux and macOS wheels, ``PySide6`` itself in the Windows wheel and its bundle."""
    spec = find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return base_dir() / "PySide6"
    package = Path(next(iter(spec.submodule_search_locations)))
    nested = package / "Qt"
    return nested if (nested / "translations").is_dir() else package


def icon_font_dir() -> Path:
    """QtAwesome's folder of icon fonts (the app draws its icons from Phosphor's), in a checkout's
    environment and in the bundle alike."""
    spec = find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        return base_dir() / "qtawesome" / "fonts"
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


def resource_path(*parts: str) -> Path:
    """A file or folder Kefu Desk ships: ``resource_path("fonts", "wqy-microhei.ttc")`` is
    ``resources/fonts/wqy-microhei.ttc``; ``resource_path(QT, "translations", "qtbase_zh_CN.qm")``
    is one of Qt's own files, ``resource_path(ICON_FONT, ...)`` one of the icon fonts. The path
    may not exist: callers check."""
    if parts and parts[0] == QT:
        return qt_dir().joinpath(*parts[1:])
    if parts and parts[0] == ICON_FONT:
        return icon_font_dir().joinpath(*parts[1:])
    return base_dir().joinpath("resources", *parts)
