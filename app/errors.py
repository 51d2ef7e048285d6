"""Errors a user can cause. Each carries a message meant for that user, already translated."""

from __future__ import annotations

from collections.abc import Iterable


class KefuError(Exception):
    """Base of every error shown to a user as one clear line (never a traceback)."""


class ValidationError(KefuError):
    """Bad input. ``fields`` maps a field name to the reason, so a form can point at it."""

    def __init__(self, fields: dict[str, str] | str) -> None:
        if isinstance(fields, str):
            fields = {"": fields}
        self.fields = fields
        super().__init__(joined(fields.values()))


def joined(reasons: Iterable[str]) -> str:
    """Reasons as one line: "a; b", or Chinese sentences one after the other ("……。……。")."""
    line = ""
    for reason in reasons:
        if line:
            line += "" if line.endswith(("。", "！", "？")) else "; "
        line += reason
    return line


class PermissionDenied(KefuError):
    """The logged-in user's role does not allow this operation."""


class AuthenticationFailed(KefuError):
    """Wrong login or password (deliberately not saying which)."""


class NotFound(KefuError):
    pass


class ConflictError(KefuError):
    """Someone else saved the record since it was read: who, when and what changed."""

    def __init__(self, message: str, changed_by: str = "", changes: dict | None = None) -> None:
        self.changed_by = changed_by
        self.changes = changes or {}
        super().__init__(message)
