"""The areas of the main window, in navigation order.

Each area is built by ``create_page(ctx, parent)`` in its module, imported when the area is first
opened (never at start). An area's ``badge`` names the number shown beside its navigation entry
(0 hides it): a count of :data:`app.badges.BADGES`, read off the GUI thread once the first screen
is shown and again after changes to the tables it declares.
A page declares what it shows, ``shows`` (a set of change keys: tables such as ``"complaint"``
and records such as ``"complaint:12"``, see :class:`app.changes.Changes`), as an attribute or a
method; after any change, on this desk or another, only the pages showing something it touched
refresh (a page that declares nothing refreshes after every change). A page may also offer:
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

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from app.changes import EVERYTHING


@dataclass(frozen=True)
class Area:
    key: str
    title: str  # source text, translated in context "Areas"
    module: str
    icon: str  # a Phosphor icon name (ui.icons)
    badge: str = ""  # the name of its count in app.badges.BADGES ("" for none)


AREAS: tuple[Area, ...] = (
    Area(
        "complaints",
        QT_TRANSLATE_NOOP("Areas", "Complaints"),
        "ui.complaints.page",
        "chat-centered-text",
        "overdue_complaints",
    ),
    Area(
        "customers",
        QT_TRANSLATE_NOOP("Areas", "Customers"),
        "ui.customers.page",
        "address-book",
        "late_installations",
    ),
    Area(
        "callbacks",
        QT_TRANSLATE_NOOP("Areas", "Callbacks"),
        "ui.callbacks.page",
        "phone-outgoing",
        "callbacks_due",
    ),
    Area(
        "roster",
        QT_TRANSLATE_NOOP("Areas", "Roster and swaps"),
        "ui.roster.page",
        "calendar",
        "roster_waiting",
    ),
    Area(
        "handover",
        QT_TRANSLATE_NOOP("Areas", "Handover log"),
        "ui.roster.handover_page",
        "arrows-left-right",
        "handovers_to_acknowledge",
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
