"""Domain events: one feature announces what happened, others react (callbacks are made this way).

Events and their keyword arguments:
- ``complaint_resolved``: complaint, actor
- ``complaint_closed``: complaint, actor, satisfaction, note (closed as satisfied)
- ``repair_closed``: repair, actor
- ``installation_finished``: installation, actor

Handlers run inside the caller's transaction, so a failed handler undoes the event's change too.
Which handler reacts to which event is decided in one place, :mod:`app.subscriptions`, connected
once at start-up; emitting before that is a programming error, not a silently lost callback.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

EVENTS = ("complaint_resolved", "complaint_closed", "repair_closed", "installation_finished")

_handlers: dict[str, list[Callable[..., Any]]] = defaultdict(list)
_connected = False


def subscribe(event: str, handler: Callable[..., Any]) -> None:
    if event not in EVENTS:
        raise ValueError(f"unknown event {event}")
    if handler not in _handlers[event]:
        _handlers[event].append(handler)


def unsubscribe(event: str, handler: Callable[..., Any]) -> None:
    """Stop calling ``handler`` for ``event`` (tests that add a handler of their own)."""
    if handler in _handlers[event]:
        _handlers[event].remove(handler)


def mark_connected() -> None:
    global _connected
    _connected = True


def emit(event: str, **kwargs: Any) -> None:
    if event not in EVENTS:
        raise ValueError(f"unknown event {event}")
    if not _connected:
        raise RuntimeError("the event handlers are not connected: call app.subscriptions.connect()")
    for handler in list(_handlers[event]):
        handler(**kwargs)
