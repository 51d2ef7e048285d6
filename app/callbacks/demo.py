"""Demo data of this feature."""

from __future__ import annotations

from app.demo import DemoContext


def fill(ctx: DemoContext) -> str:
    """Nothing to fill yet."""
    return ""
