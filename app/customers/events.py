"""Subscribes the customer archive's own handlers to the domain events (imported by
:mod:`app.events`)."""

from __future__ import annotations

from app import events
from app.customers import onboarding

events.subscribe("installation_finished", onboarding.on_installation_finished)
