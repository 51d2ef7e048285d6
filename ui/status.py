"""Brief confirmations in the main window's status bar: what was done (and for a file, where),
without a box to click away."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QWidget

CONFIRM_MS = 8000


def confirm(owner: QWidget, text: str) -> None:
    """Say ``text`` in the status bar of the window ``owner`` belongs to (a dialog's parent's)."""
    widget: QWidget | None = owner
    while widget is not None:
        window = widget.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, CONFIRM_MS)
            return
        widget = window.parentWidget()
