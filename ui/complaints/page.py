"""This area is not built yet: an honest placeholder page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.context import UiContext
from ui.placeholder import NotAvailablePage


def create_page(ctx: UiContext, parent: QWidget) -> QWidget:
    return NotAvailablePage(QCoreApplication.translate("Areas", "Complaints"), parent)
