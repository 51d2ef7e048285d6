"""Steps the program writes into a complaint's timeline are codes with values
(``ProgressStep.params``: ``{"event": "status", "old": "open", "new": "in_progress"}``), so a desk
reads the whole history in its own language; :func:`step_text` renders one for the reader."""

from __future__ import annotations

import json
from typing import Any

from app.complaints import labels
from app.i18n import translate

STATUS = "status"  # old, new; the note says why
REASSIGNED = "reassigned"  # old, new (the handlers' names)
VOID = "void"  # the note says why
CALLBACK_UNREACHABLE = "callback_unreachable"  # n: the unanswered calls


def encode(event: str, **values: Any) -> str:
    return json.dumps({"event": event, **values}, ensure_ascii=False)


def decode(params: str) -> dict[str, Any]:
    if not params:
        return {}
    try:
        found = json.loads(params)
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def step_text(note: str, params: str) -> str:
    """What the step says, in the reader's language (a person's own note as written)."""
    values = decode(params)
    event = values.get("event")
    if event == STATUS:
        text = (
            f"{labels.status_label(str(values.get('old')))} → "
            f"{labels.status_label(str(values.get('new')))}"
        )
        return f"{text}：{note}" if note else text
    if event == REASSIGNED:
        return translate("Complaints", "Reassigned: {old} → {new}").format(
            old=values.get("old") or "-", new=values.get("new") or "-"
        )
    if event == VOID:
        return translate("Complaints", "Void: {reason}").format(reason=note)
    if event == CALLBACK_UNREACHABLE:
        return translate(
            "Complaints",
            "Callback unreachable after {n} unanswered calls: for the manager to decide.",
        ).format(n=values.get("n", "?"))
    return note
