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
# the callback found the customer not satisfied (score); the note holds their opinions. As the
# cause of a status step (reopened), or a step of its own on a complaint that stays closed.
CALLBACK_UNSATISFIED = "callback_unsatisfied"
KEPT_CLOSED = "kept_closed"  # score; the note holds the customer's opinions


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


def _unsatisfied(score: Any, opinions: str) -> str:
    label = labels.satisfaction_label(score) if isinstance(score, int) else "?"
    text = translate("Complaints", "Callback: the customer is not satisfied ({score}).").format(
        score=label
    )
    return f"{text} {opinions}" if opinions else text


def step_text(note: str, params: str) -> str:
    """What the step says, in the reader's language (a person's own note as written)."""
    values = decode(params)
    event = values.get("event")
    if event == STATUS:
        text = (
            f"{labels.status_label(str(values.get('old')))} → "
            f"{labels.status_label(str(values.get('new')))}"
        )
        if values.get("cause") == CALLBACK_UNSATISFIED:
            note = _unsatisfied(values.get("score"), note)
        return f"{text}：{note}" if note else text
    if event == KEPT_CLOSED:
        return translate("Complaints", "{reason} The complaint stays closed.").format(
            reason=_unsatisfied(values.get("score"), note)
        )
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
