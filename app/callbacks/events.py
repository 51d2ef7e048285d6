"""Subscribes the callback handlers to the domain events (imported by :mod:`app.events`)."""

from __future__ import annotations

from app import events
from app.callbacks import service

events.subscribe("complaint_resolved", service.on_complaint_resolved)
events.subscribe("repair_closed", service.on_repair_closed)
events.subscribe("installation_finished", service.on_installation_finished)
