"""Working a callback: each call (reached, no answer, wrong number, call again later) and the
outcome of the call that reached the customer, which on a complaint callback closes or reopens the
complaint. Open tasks are ``pending`` or ``rescheduled``; closed ones ``done`` (an outcome was
recorded) or ``unreachable`` (too many unanswered calls)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import peewee

from app import audit, sentences, settings
from app import changes as change_sets
from app.auth import can, require
from app.callbacks.labels import satisfaction_label, status_label
from app.callbacks.tasks import get_task
from app.callbacks.workflow import CALLBACK
from app.clock import now
from app.complaints import service as complaints
from app.complaints import steps as complaint_steps
from app.errors import KefuError, PermissionDenied, ValidationError
from app.i18n import translate
from app.operations import use_case
from app.records import conflict_for, save_changes
from models import CallbackAttempt, CallbackTask, Complaint, User

ATTEMPT_RESULTS = ("reached", "no_answer", "wrong_number", "reschedule")
UNANSWERED = ("no_answer", "wrong_number")


def check_may_work(actor: User, task: CallbackTask) -> None:
    require(actor, "work")
    if task.assignee_id not in (None, actor.id) and not can(actor, "callback.manage"):
        raise PermissionDenied(translate("Callbacks", "This callback is assigned to a colleague."))
    if not CALLBACK.offers(task, "attempt"):
        raise ValidationError(
            translate("Callbacks", "This callback is already closed ({status}).").format(
                status=status_label(task.status)
            )
        )


def unanswered_count(task_id: int) -> int:
    return (
        CallbackAttempt.select()
        .where(CallbackAttempt.task == task_id, CallbackAttempt.result.in_(UNANSWERED))
        .count()
    )


@use_case
def record_attempt(
    actor: User,
    task_id: int,
    result: str,
    *,
    note: str = "",
    next_at: dt.datetime | None = None,
    expected_version: int | None = None,
) -> CallbackTask:
    """One call: reached, no answer, wrong number, or call again at ``next_at``.

    ``callback_max_attempts`` unanswered calls (no answer or wrong number) close the task as
    unreachable. A reschedule moves the due time. A reached call leaves the task open for its
    outcome (:func:`record_outcome`).
    """
    if result not in ATTEMPT_RESULTS:
        raise ValidationError(
            {"result": translate("Callbacks", "Choose what happened on the call.")}
        )
    if result == "reschedule":
        if next_at is None:
            raise ValidationError(
                {"next_at": translate("Callbacks", "Give the time to call again.")}
            )
        if next_at <= now():
            raise ValidationError(
                {
                    "next_at": translate(
                        "Callbacks", "The time to call again must be later than now."
                    )
                }
            )
    task = get_task(task_id)
    check_may_work(actor, task)
    version = task.version if expected_version is None else expected_version
    attempt = CallbackAttempt.create(
        task=task.id,
        agent=actor.id,
        result=result,
        next_at=next_at.replace(microsecond=0) if next_at and result == "reschedule" else None,
        note=note.strip(),
    )
    audit.record_create(actor, attempt, sentences.say("callbacks.call", result=result))
    changes: dict[str, Any] = {}
    if result == "reschedule" and attempt.next_at is not None:
        changes = {"due_at": attempt.next_at, "status": "rescheduled"}
    elif result in UNANSWERED:
        if unanswered_count(task.id) >= int(settings.get("callback_max_attempts")):
            changes = {"status": "unreachable", "completed_at": now()}
    if changes:
        save_changes(
            actor,
            task,
            changes,
            expected_version=version,
            summary=sentences.say("callbacks.call", result=result),
        )
    else:
        touch(task, version)
    if changes.get("status") == "unreachable" and task.kind == "complaint":
        complaint_unreachable(actor, task)
    return task


def complaint_unreachable(actor: User, task: CallbackTask) -> None:
    """A complaint whose callback could not reach the customer goes on the manager's list
    (``app.complaints.service.unreachable_callback_condition``); its timeline says why."""
    complaint = Complaint.get_or_none(Complaint.id == task.complaint_id)
    if complaint is None or complaint.voided or complaint.status != "resolved":
        return
    complaints.add_step(
        actor,
        complaint.id,
        "note",
        "",
        params=complaint_steps.encode(
            complaint_steps.CALLBACK_UNREACHABLE, n=unanswered_count(task.id)
        ),
    )


def touch(task: CallbackTask, version: int) -> None:
    """A new version of the task with no field changed, so a stale desk sees the attempt."""
    updated = (
        CallbackTask.update(version=version + 1, updated_at=now())
        .where(CallbackTask.id == task.id, CallbackTask.version == version)
        .execute()
    )
    if updated == 0:
        raise conflict_for(task, version)
    task.version = version + 1
    change_sets.note("callback_task", task.id)  # no audit row names it: the change set does


def attempts_of(task_id: int) -> list[CallbackAttempt]:
    return list(
        CallbackAttempt.select(CallbackAttempt, User)
        .join(User, peewee.JOIN.LEFT_OUTER, on=(CallbackAttempt.agent == User.id))
        .where(CallbackAttempt.task == task_id)
        .order_by(CallbackAttempt.at, CallbackAttempt.id)
    )


@dataclass
class Outcome:
    satisfaction: int | None
    survey: dict[str, str] = field(default_factory=dict)
    opinions: str = ""
    onsite_needed: bool = False


# what to do with a complaint that is already closed when its callback brings a low score
REOPEN = "reopen"
KEEP_CLOSED = "keep_closed"


class ClosedComplaintNotSatisfied(KefuError):
    """A low score on the callback of a complaint that is already closed: nothing was recorded.
    The one recording it chooses (``closed_complaint=REOPEN`` or ``KEEP_CLOSED``) and records the
    outcome again; ``may_reopen`` says whether they may reopen it (the manager)."""

    def __init__(self, number: str, score: int, may_reopen: bool, refusal: str | None) -> None:
        self.number = number
        self.score = score
        self.may_reopen = may_reopen
        self.refusal = refusal or ""
        super().__init__(
            translate(
                "Callbacks",
                "Complaint {number} is already closed. The customer now says {score}: reopen "
                "it, or record the score and leave the complaint closed?",
            ).format(number=number, score=satisfaction_label(score))
        )


@use_case
def record_outcome(
    actor: User,
    task_id: int,
    outcome: Outcome,
    *,
    expected_version: int | None = None,
    closed_complaint: str | None = None,
) -> CallbackTask:
    """The result of a reached call; closes the task as done.

    On a complaint callback a satisfied customer closes the complaint and a dissatisfied one
    reopens it with a progress step saying why (the complaints rule, ``is_satisfied``). When the
    complaint is already closed, a low score is never acted on silently: without
    ``closed_complaint`` nothing is written and :class:`ClosedComplaintNotSatisfied` asks; with
    ``REOPEN`` the complaint is reopened (the manager's), with ``KEEP_CLOSED`` it stays closed
    and its timeline says what the customer said.
    """
    errors: dict[str, str] = {}
    score = outcome.satisfaction
    if score is None or not 1 <= int(score) <= 5:
        errors["satisfaction"] = translate("Callbacks", "Choose a satisfaction score from 1 to 5.")
    task = get_task(task_id)
    check_may_work(actor, task)
    reached = (
        CallbackAttempt.select()
        .where(CallbackAttempt.task == task.id, CallbackAttempt.result == "reached")
        .exists()
    )
    if not reached:
        errors[""] = translate(
            "Callbacks", "Record the call that reached the customer before the outcome."
        )
    if errors:
        raise ValidationError(errors)
    assert score is not None
    complaint = (
        Complaint.get_or_none(Complaint.id == task.complaint_id)
        if task.kind == "complaint" and task.complaint_id is not None
        else None
    )
    if (
        complaint is not None
        and not complaint.voided
        and complaint.status == "closed"
        and not complaints.is_satisfied(int(score))
        and closed_complaint not in (REOPEN, KEEP_CLOSED)
    ):
        refusal = complaints.reopen_refusal(actor, complaint)
        raise ClosedComplaintNotSatisfied(complaint.number, int(score), refusal is None, refusal)
    survey = {str(q): str(a).strip() for q, a in outcome.survey.items() if str(a).strip()}
    save_changes(
        actor,
        task,
        {
            "satisfaction": int(score),
            "survey": json.dumps(survey, ensure_ascii=False),
            "opinions": outcome.opinions.strip(),
            "onsite_needed": bool(outcome.onsite_needed),
            "status": "done",
            "completed_at": now(),
        },
        expected_version=task.version if expected_version is None else expected_version,
        summary=sentences.say("callbacks.done"),
    )
    if complaint is not None:
        follow_up_complaint(
            actor, complaint, int(score), outcome.opinions.strip(), closed_complaint
        )
    return task


def follow_up_complaint(
    actor: User, complaint: Complaint, score: int, opinions: str, closed_complaint: str | None
) -> None:
    """Close or reopen the complaint, unless someone already moved it on (or voided it)."""
    if complaint.voided:
        return
    if complaints.is_satisfied(score):
        if complaint.status == "resolved":
            complaints.close_after_callback(actor, complaint.id, score, opinions)
        return
    # the steps are codes: each desk reads them in its own language (app.complaints.steps)
    if complaint.status == "closed" and closed_complaint == KEEP_CLOSED:
        complaints.add_step(
            actor,
            complaint.id,
            "note",
            opinions,
            params=complaint_steps.encode(complaint_steps.KEPT_CLOSED, score=score),
        )
    elif complaint.status in ("resolved", "closed"):
        complaints.reopen_after_callback(actor, complaint.id, opinions, score, from_callback=True)
