"""Command-line targets of this feature (import / export / print)."""

from __future__ import annotations

from app.cli import Registry


def register(registry: Registry) -> None:
    """Nothing registered yet."""
