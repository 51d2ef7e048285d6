"""Texts of Qt's own dialogs that Qt's Chinese translation (``qtbase_zh_CN.qm``) leaves out.

Listed here under Qt's own context names so that the core translation carries them; it is loaded
after Qt's, so Qt's file dialog asks "查找范围" and "文件类型" like the rest of the window.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

MISSING_IN_QTBASE = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
