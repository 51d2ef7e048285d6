"""Domain events: one feature announces what happened, others react (callbacks are made this way).

Events and their keyword arguments:
- ``complaint_resolved``: complaint, actor
- ``repair_closed``: repair, actor
- ``installation_finished``: installation, actor

Handlers run inside the caller's transaction, so a failed handler undoes the event's change too.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Callable
from typing import Any

EVENTS = ("complaint_resolved", "repair_closed", "installation_finished")

# modules whose import subscribes their handlers
HANDLER_MODULES = ("app.customers.events", "app.callbacks.events")

_handlers: dict[str, list[Callable[..., Any]]] = defaultdict(list)
_loaded = False


def subscribe(event: str, handler: Callable[..., Any]) -> None:
    if event not in EVENTS:
        raise ValueError(f"unknown event {event}")
    if handler not in _handlers[event]:
        _handlers[event].append(handler)


def emit(event: str, **kwargs: Any) -> None:
    _load_handlers()
    if event not in EVENTS:
        raise ValueError(f"unknown event {event}")
    for handler in list(_handlers[event]):
        handler(**kwargs)


def _load_handlers() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for name in HANDLER_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
