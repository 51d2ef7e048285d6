"""The areas of the main window, in navigation order.

Each area is built by ``create_page(ctx, parent)`` in its module; the module may define
``badge_count(ctx) -> int``, the number shown beside its navigation entry (0 hides it).
A page declares what it shows, ``shows`` (a set of change keys: tables such as ``"complaint"``
and records such as ``"complaint:12"``, see :class:`app.changes.Changes`), as an attribute or a
method; after any change, on this desk or another, only the pages showing something it touched
refresh (a page that declares nothing refreshes after every change). A module with a badge
declares what its count depends on in ``BADGE_SHOWS``. A page may also offer:
- ``refresh()``: reload its data (called when shown and when something it shows changed); it
  loads through ``ui.operations.query``, never on the GUI thread;
- ``open_record(**kwargs)``: show one record when another page navigates here;
- ``unsaved_work() -> str``: what the user typed and has not saved, in a few words ("" when
  nothing), so that quitting, logging out or switching the language asks before losing it;
- ``print_document()``: print the page's own document (Ctrl+P), through ``ui.printing``;
- ``screenshot_states() -> list[tuple[str, Callable[[], QWidget]]]``: extra screens to render for
  ``main.py screenshots`` (the callable prepares and returns the widget to grab).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from app.changes import EVERYTHING


@dataclass(frozen=True)
class Area:
    key: str
    title: str  # source text, translated in context "Areas"
    module: str
    icon: str  # a Phosphor icon name (ui.icons)


AREAS: tuple[Area, ...] = (
    Area(
        "complaints",
        QT_TRANSLATE_NOOP("Areas", "Complaints"),
        "ui.complaints.page",
        "chat-centered-text",
    ),
    Area("customers", QT_TRANSLATE_NOOP("Areas", "Customers"), "ui.customers.page", "address-book"),
    Area(
        "callbacks",
        QT_TRANSLATE_NOOP("Areas", "Callbacks"),
        "ui.callbacks.page",
        "phone-outgoing",
    ),
    Area(
        "roster",
        QT_TRANSLATE_NOOP("Areas", "Roster and swaps"),
        "ui.roster.page",
        "calendar",
    ),
    Area(
        "handover",
        QT_TRANSLATE_NOOP("Areas", "Handover log"),
        "ui.roster.handover_page",
        "arrows-left-right",
    ),
    Area(
        "phrases",
        QT_TRANSLATE_NOOP("Areas", "Phrases"),
        "ui.phrases.page",
        "chats",
    ),
    Area("reports", QT_TRANSLATE_NOOP("Areas", "Reports"), "ui.reports.page", "chart-bar"),
    Area(
        "calls",
        QT_TRANSLATE_NOOP("Areas", "Contacts and work log"),
        "ui.calls.page",
        "phone-incoming",
    ),
    Area("settings", QT_TRANSLATE_NOOP("Areas", "Settings"), "ui.settings.page", "gear"),
)


def shown_by(page: QWidget) -> Iterable[str]:
    """The change keys a page shows (everything when it does not say)."""
    shows = getattr(page, "shows", None)
    if shows is None:
        return (EVERYTHING,)
    return shows() if callable(shows) else shows


def badge_shows(module: ModuleType) -> Iterable[str]:
    return getattr(module, "BADGE_SHOWS", (EVERYTHING,))
