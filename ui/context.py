"""What every page gets: the logged-in user, the database description and a way to navigate."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from app.auth import User

ORGANISATION = "KefuDesk"
APPLICATION = "KefuDesk"


def local_settings() -> QSettings:
    """Machine-local UI state: window geometry, column widths, last filters."""
    return QSettings(ORGANISATION, APPLICATION)


@dataclass
class UiContext:
    user: User
    db_description: str
    language: str
    # navigate(area, **kwargs): switch to an area and hand it kwargs through page.open_record()
    navigate: Callable[..., None] = lambda area, **kwargs: None
    # refresh_badges(): recount the numbers beside the navigation entries
    refresh_badges: Callable[[], None] = lambda: None
    # restore_database(backup_file): close the window, restore (admin), log in again
    restore_database: Callable[[Path], None] = lambda path: None
    # switch_database(url): close the window (asking about unsaved work), open that database and
    # log in there; None where the window cannot do it (the change waits for the next start)
    switch_database: Callable[[str], None] | None = None
    # "--db" or "KEFU_DB" when the start's database was named there: that comes before this
    # computer's remembered choice at every start
    database_named_by: str = ""
    # the database took no write at login (read-only): the title bar says so
    read_only: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
