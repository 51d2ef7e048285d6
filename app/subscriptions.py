"""Which feature reacts to which domain event: the one place that connects them.

The features do not know each other's handlers: the complaints service announces
``complaint_resolved`` and the callbacks feature makes its task. Connecting them here, once at
start-up (``main.py``; the tests' set-up), keeps every import pointing one way: the features import
:mod:`app.events`, this module imports the features, and nothing imports this module but the
entry points.
"""

from __future__ import annotations

from app import events
from app.callbacks import kinds as callback_kinds
from app.customers import onboarding

SUBSCRIPTIONS = (
    ("installation_finished", onboarding.on_installation_finished),
    # each callback kind's handlers are part of its entry in the kinds' table
    *callback_kinds.SUBSCRIPTIONS,
)


def connect() -> None:
    """Subscribe every handler (doing it twice changes nothing)."""
    for event, handler in SUBSCRIPTIONS:
        events.subscribe(event, handler)
    events.mark_connected()
