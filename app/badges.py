"""The numbers beside the window's areas: small counts the window reads off its GUI thread once
the first screen is shown, and again after changes to the tables each depends on.

Each badge is a cheap read of the user (one indexed count, or a short list); the modules it
needs are loaded when it is first counted, so that starting the window loads none of them.
A badge's name is what ``ui.pages.Area.badge`` gives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from models import User


@dataclass(frozen=True)
class Badge:
    count: Callable[[User], int]
    shows: tuple[str, ...]  # the change keys (tables) the count depends on


def overdue_complaints(user: User) -> int:
    """Complaints past their promised time, in every month."""
    from app.complaints.service import overdue_count

    return overdue_count()


def late_installations(user: User) -> int:
    """Installations past the agreed day: the customers to call first."""
    from app.customers.installations import late_count

    return late_count()


def callbacks_due(user: User) -> int:
    """The user's open callbacks due today or overdue (a count only: the regular-care tasks
    are made when the callbacks are looked at, see ui.callbacks.page.make_care_tasks)."""
    from app.callbacks.lists import due_count

    return due_count(user)


def roster_waiting(user: User) -> int:
    """A manager's swaps and leave awaiting a decision; an agent's swaps awaiting their answer."""
    from app.roster.screen import badge_count

    return badge_count(user)


def handovers_to_acknowledge(user: User) -> int:
    """Handovers waiting for the user's acknowledgement."""
    from app.roster.handover import awaiting_acknowledgement

    return len(awaiting_acknowledgement(user))


BADGES: dict[str, Badge] = {
    "overdue_complaints": Badge(overdue_complaints, ("complaint", "setting")),
    "late_installations": Badge(late_installations, ("installation",)),
    "callbacks_due": Badge(callbacks_due, ("callback_task",)),
    "roster_waiting": Badge(roster_waiting, ("swap_request", "leave_request", "user")),
    "handovers_to_acknowledge": Badge(handovers_to_acknowledge, ("handover_entry",)),
}


def count(name: str, user: User) -> int:
    return BADGES[name].count(user)
