"""What each kind of callback task means, in one table: its label, the reason a task made by an
event gives, what the agent asks at step 4 of the script, and the domain event that makes it
(``app/subscriptions.py`` connects the event to the callbacks' handler)."""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True)
class TaskKind:
    code: str
    label: str  # English source texts, translated when shown (context "Callbacks")
    reason: str  # placeholders {number} (the complaint's) and {product}; "" when typed by hand
    purpose: str
    event: str | None  # the event that makes such a task, None when made by hand or by date


TASK_KINDS: dict[str, TaskKind] = {
    kind.code: kind
    for kind in (
        TaskKind(
            "purchase",
            QT_TRANSLATE_NOOP("Callbacks", "New purchase"),
            QT_TRANSLATE_NOOP(
                "Callbacks", "New {product}: is it working, does the user know how to use it?"
            ),
            QT_TRANSLATE_NOOP(
                "Callbacks",
                "Ask whether the new product works and whether the user knows how to use it.",
            ),
            "installation_finished",
        ),
        TaskKind(
            "repair",
            QT_TRANSLATE_NOOP("Callbacks", "Post-repair"),
            QT_TRANSLATE_NOOP(
                "Callbacks", "Repair closed: is it working, is the customer satisfied?"
            ),
            QT_TRANSLATE_NOOP(
                "Callbacks",
                "Ask whether the product works since the repair, whether they are satisfied, "
                "and whether they have suggestions.",
            ),
            "repair_closed",
        ),
        TaskKind(
            "complaint",
            QT_TRANSLATE_NOOP("Callbacks", "Complaint"),
            QT_TRANSLATE_NOOP(
                "Callbacks", "Complaint {number} resolved: is the customer satisfied?"
            ),
            QT_TRANSLATE_NOOP(
                "Callbacks",
                "Tell the customer how the complaint was resolved and ask whether they are "
                "satisfied with the result.",
            ),
            "complaint_resolved",
        ),
        TaskKind(
            "care",
            QT_TRANSLATE_NOOP("Callbacks", "Regular care"),
            QT_TRANSLATE_NOOP("Callbacks", "Regular care call: how is everything going?"),
            QT_TRANSLATE_NOOP("Callbacks", "Ask the survey questions below."),
            None,
        ),
        TaskKind(
            "followup",
            QT_TRANSLATE_NOOP("Callbacks", "Follow-up"),
            "",
            QT_TRANSLATE_NOOP("Callbacks", "Ask the survey questions below."),
            None,
        ),
    )
}
KINDS = tuple(TASK_KINDS)


def label(kind: str) -> str:
    found = TASK_KINDS.get(kind)
    return translate("Callbacks", found.label) if found else kind


def reason(kind: str, complaint_number: str = "", product: str = "") -> str:
    found = TASK_KINDS.get(kind)
    if found is None or not found.reason:
        return ""
    return translate("Callbacks", found.reason).format(number=complaint_number, product=product)


def purpose(kind: str) -> str:
    found = TASK_KINDS.get(kind)
    if found is None:
        return translate("Callbacks", "Ask the survey questions below.")
    return translate("Callbacks", found.purpose)
