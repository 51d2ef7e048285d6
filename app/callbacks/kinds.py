"""What each kind of callback task means, in one table: its label, the reason a task made by an
event gives, what the agent asks at step 4 of the script, the domain event that makes it and the
handler that makes it (with any other event the kind answers). ``app/subscriptions.py`` connects
:data:`SUBSCRIPTIONS`, read from the table; a new kind is one more entry.

The handlers run inside the transaction of the use case that announced the event, so a task is
made together with the change that called for it, or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app import sentences, settings
from app.callbacks.due import due_after_days
from app.callbacks.tasks import default_assignee, make_task, open_task_for
from app.callbacks.workflow import OPEN_STATUSES
from app.clock import now
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.records import save_changes
from models import CallbackTask, Complaint, Installation, Repair, User

Handler = Callable[..., Any]


@dataclass(frozen=True)
class TaskKind:
    code: str
    label: str  # English source texts, translated when shown (context "Callbacks")
    reason: str  # placeholders {number} (the complaint's) and {product}; "" when typed by hand
    purpose: str
    event: str | None  # the event that makes such a task, None when made by hand or by date
    make: Handler | None = None  # the handler of ``event``: makes the task
    also: tuple[tuple[str, Handler], ...] = ()  # other events the kind answers: (event, handler)

    @property
    def handlers(self) -> tuple[tuple[str, Handler], ...]:
        made = ((self.event, self.make),) if self.event is not None and self.make else ()
        return made + self.also


# --- the handlers: a task made by an event (run in the announcing use case's transaction) -------


def on_installation_finished(
    installation: Installation, actor: User | None = None, **_: Any
) -> CallbackTask:
    """A finished installation gets a new-purchase callback ``callback_purchase_days`` later."""
    open_task = open_task_for("purchase", installation=installation.id)
    if open_task is not None:
        return open_task
    installed = installation.installed_date or now().date()
    return make_task(
        kind="purchase",
        event_key=f"purchase:{installation.id}:v{installation.version}",
        due_at=due_after_days(installed, int(settings.get("callback_purchase_days"))),
        assignee=default_assignee(installation.handler_id, actor),
        reason="",
        actor=actor,
        customer=installation.customer_id,
        installation=installation,
    )[0]


def on_repair_closed(repair: Repair, actor: User | None = None, **_: Any) -> CallbackTask:
    """A closed repair gets a post-repair callback ``callback_repair_days`` later."""
    open_task = open_task_for("repair", repair=repair.id)
    if open_task is not None:
        return open_task
    closed = repair.closed_at or now()
    return make_task(
        kind="repair",
        event_key=f"repair:{repair.id}:v{repair.version}",
        due_at=due_after_days(closed, int(settings.get("callback_repair_days"))),
        assignee=default_assignee(repair.handler_id, actor),
        reason="",
        actor=actor,
        customer=repair.customer_id,
        repair=repair,
    )[0]


def on_complaint_resolved(
    complaint: Complaint, actor: User | None = None, **_: Any
) -> CallbackTask:
    """A resolved complaint gets a complaint callback due at once."""
    open_task = open_task_for("complaint", complaint=complaint.id)
    if open_task is not None:
        return open_task
    resolved = complaint.resolved_at or now()
    return make_task(
        kind="complaint",
        event_key=f"complaint:{complaint.id}:v{complaint.version}",
        due_at=max(resolved, now()),
        assignee=default_assignee(complaint.handler_id, actor),
        reason="",
        actor=actor,
        customer=complaint.customer_id,
        complaint=complaint,
    )[0]


def on_complaint_closed(
    complaint: Complaint,
    actor: User | None = None,
    satisfaction: int | None = None,
    note: str = "",
    **_: Any,
) -> list[CallbackTask]:
    """A complaint closed as satisfied by hand: its waiting complaint callback is done with the
    same outcome (score and note), so nobody calls the customer again about it."""
    done = []
    for task in CallbackTask.select().where(
        CallbackTask.kind == "complaint",
        CallbackTask.complaint == complaint.id,
        CallbackTask.status.in_(OPEN_STATUSES),
    ):
        save_changes(
            actor,
            task,
            {
                "status": "done",
                "satisfaction": satisfaction,
                "opinions": note,
                "completed_at": now(),
            },
            summary=sentences.say("callbacks.done_closed"),
        )
        done.append(task)
    return done


# --- the table ----------------------------------------------------------------------------------

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
            on_installation_finished,
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
            on_repair_closed,
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
            on_complaint_resolved,
            also=(("complaint_closed", on_complaint_closed),),
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
# the kinds a person schedules by hand (the others are made by their event)
SCHEDULED_BY_HAND = tuple(code for code, kind in TASK_KINDS.items() if kind.event is None)
# which handler answers which event, read from the table
SUBSCRIPTIONS: tuple[tuple[str, Handler], ...] = tuple(
    pair for kind in TASK_KINDS.values() for pair in kind.handlers
)


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
