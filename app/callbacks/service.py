"""Callback tasks 回访: made by events, worked from a list, recorded attempt by attempt, measured.

Times: a callback "N days after" an event is due at the start of the working day
(:data:`WORKDAY_START`) N days after the event's date; a complaint callback is due at once.
A task is *due* when its due date is today, *overdue* when its due date has passed, *upcoming*
otherwise. Open tasks are ``pending`` or ``rescheduled``; closed ones ``done`` (an outcome was
recorded) or ``unreachable`` (too many unanswered attempts).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import peewee

from app import audit, settings
from app.auth import can, require
from app.callbacks import kinds as task_kinds
from app.callbacks.workflow import CALLBACK, OPEN_STATUSES
from app.callbacks.workflow import STATUSES as STATUSES
from app.clock import now
from app.complaints import service as complaints
from app.complaints import steps as complaint_steps
from app.contacts import display_contact
from app.errors import KefuError, NotFound, PermissionDenied, ValidationError
from app.i18n import translate
from app.ratio import Ratio
from app.records import conflict_for, save_changes
from models import (
    CallbackAttempt,
    CallbackTask,
    Complaint,
    Customer,
    CustomerPhone,
    CustomerTag,
    Installation,
    Repair,
    User,
    write_transaction,
)

KINDS = task_kinds.KINDS
ATTEMPT_RESULTS = ("reached", "no_answer", "wrong_number", "reschedule")
UNANSWERED = ("no_answer", "wrong_number")
WORKDAY_START = dt.time(9, 0)
CARE_LOOKAHEAD_DAYS = 7  # regular-care tasks appear this many days before they are due
CARE_GRACE_DAYS = 7  # a regular-care date missed by more than this waits for the next one


# --- labels (codes are stored, words are shown) ---------------------------------------------


def kind_label(kind: str) -> str:
    return task_kinds.label(kind)


def status_label(status: str) -> str:
    return {
        "pending": translate("Callbacks", "Pending"),
        "rescheduled": translate("Callbacks", "Rescheduled"),
        "done": translate("Callbacks", "Done"),
        "unreachable": translate("Callbacks", "Unreachable"),
    }.get(status, status)


def result_label(result: str) -> str:
    return {
        "reached": translate("Callbacks", "Reached"),
        "no_answer": translate("Callbacks", "No answer"),
        "wrong_number": translate("Callbacks", "Wrong number"),
        "reschedule": translate("Callbacks", "Call again later"),
    }.get(result, result)


def satisfaction_label(score: int | None) -> str:
    return {
        5: translate("Callbacks", "5 Very satisfied"),
        4: translate("Callbacks", "4 Satisfied"),
        3: translate("Callbacks", "3 Neutral"),
        2: translate("Callbacks", "2 Dissatisfied"),
        1: translate("Callbacks", "1 Very dissatisfied"),
    }.get(score or 0, "")


# --- due-time arithmetic ---------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clipped to the month's last day (31 Jan + 1 -> 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def due_after_days(when: dt.date | dt.datetime, days: int) -> dt.datetime:
    """Start of the working day ``days`` after ``when``."""
    day = when.date() if isinstance(when, dt.datetime) else when
    return dt.datetime.combine(day + dt.timedelta(days=days), WORKDAY_START)


def timing(due_at: dt.datetime, today: dt.date | None = None) -> str:
    """``overdue``, ``due`` (today) or ``upcoming``."""
    today = today or now().date()
    day = due_at.date()
    if day < today:
        return "overdue"
    if day == today:
        return "due"
    return "upcoming"


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0))


# --- making tasks -----------------------------------------------------------------------------


def _create_task(
    *,
    kind: str,
    event_key: str,
    due_at: dt.datetime,
    assignee: User | int | None,
    reason: str,
    actor: User | None,
    customer: Customer | int | None = None,
    complaint: Complaint | None = None,
    repair: Repair | None = None,
    installation: Installation | None = None,
) -> tuple[CallbackTask, bool]:
    """Make a task unless the same event already made one: (the task, whether it is new)."""
    existing = CallbackTask.get_or_none(
        CallbackTask.kind == kind, CallbackTask.event_key == event_key
    )
    if existing is not None:
        return existing, False
    db = CallbackTask._meta.database
    try:
        with db.atomic():
            task = CallbackTask.create(
                kind=kind,
                event_key=event_key[:80],
                due_at=due_at.replace(microsecond=0),
                assignee=assignee,
                reason=reason[:200],
                customer=customer,
                complaint=complaint,
                repair=repair,
                installation=installation,
            )
    except peewee.IntegrityError:
        # another desk made it at the same instant
        task = CallbackTask.get(CallbackTask.kind == kind, CallbackTask.event_key == event_key)
        return task, False
    audit.record_create(actor, task, f"{kind} callback")
    return task, True


def _stamp(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y%m%d%H%M%S")
    return value.strftime("%Y%m%d")


def _open_task_for(kind: str, **related: Any) -> CallbackTask | None:
    (name, value), *_ = related.items()
    return (
        CallbackTask.select()
        .where(
            CallbackTask.kind == kind,
            getattr(CallbackTask, name) == value,
            CallbackTask.status.in_(OPEN_STATUSES),
        )
        .first()
    )


def _default_assignee(handler_id: int | None, actor: User | None) -> int | None:
    """The one who handled the event; the one who recorded it if that person has left."""
    if handler_id is not None and User.get_or_none(User.id == handler_id, User.active):
        return handler_id
    return actor.id if actor is not None else handler_id


def on_complaint_resolved(
    complaint: Complaint, actor: User | None = None, **_: Any
) -> CallbackTask:
    """A resolved complaint gets a complaint callback due at once."""
    open_task = _open_task_for("complaint", complaint=complaint.id)
    if open_task is not None:
        return open_task
    resolved = complaint.resolved_at or now()
    return _create_task(
        kind="complaint",
        event_key=f"complaint:{complaint.id}:v{complaint.version}",
        due_at=max(resolved, now()),
        assignee=_default_assignee(complaint.handler_id, actor),
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
            summary="callback done: complaint closed",
        )
        done.append(task)
    return done


def on_repair_closed(repair: Repair, actor: User | None = None, **_: Any) -> CallbackTask:
    """A closed repair gets a post-repair callback ``callback_repair_days`` later."""
    open_task = _open_task_for("repair", repair=repair.id)
    if open_task is not None:
        return open_task
    closed = repair.closed_at or now()
    return _create_task(
        kind="repair",
        event_key=f"repair:{repair.id}:v{repair.version}",
        due_at=due_after_days(closed, int(settings.get("callback_repair_days"))),
        assignee=_default_assignee(repair.handler_id, actor),
        reason="",
        actor=actor,
        customer=repair.customer_id,
        repair=repair,
    )[0]


def on_installation_finished(
    installation: Installation, actor: User | None = None, **_: Any
) -> CallbackTask:
    """A finished installation gets a new-purchase callback ``callback_purchase_days`` later."""
    open_task = _open_task_for("purchase", installation=installation.id)
    if open_task is not None:
        return open_task
    installed = installation.installed_date or now().date()
    return _create_task(
        kind="purchase",
        event_key=f"purchase:{installation.id}:v{installation.version}",
        due_at=due_after_days(installed, int(settings.get("callback_purchase_days"))),
        assignee=_default_assignee(installation.handler_id, actor),
        reason="",
        actor=actor,
        customer=installation.customer_id,
        installation=installation,
    )[0]


def _open_loads() -> dict[int, int]:
    """Open callbacks per active agent (agents with none included)."""
    loads = {
        u.id: 0
        for u in User.select(User.id).where(User.role == "agent", User.active).order_by(User.id)
    }
    counts = (
        CallbackTask.select(CallbackTask.assignee, peewee.fn.COUNT(CallbackTask.id))
        .where(CallbackTask.status.in_(OPEN_STATUSES), CallbackTask.assignee.in_(list(loads)))
        .group_by(CallbackTask.assignee)
        .tuples()
    )
    for user_id, count in counts:
        loads[user_id] = count
    return loads


def generate_care_tasks(today: dt.date | None = None, actor: User | None = None) -> int:
    """Regular-care callbacks for customers with a care tag, every ``callback_care_months``.

    The calls fall every that many months counted from the customer's joining date, or from
    the last care call's due date: the next such date is due. A date missed by more than
    :data:`CARE_GRACE_DAYS` (say, before the tag was given) is skipped for the next one, so
    tagging many old customers at once spreads their calls over the cycle instead of making them
    all due today. Tasks appear :data:`CARE_LOOKAHEAD_DAYS` before they are due; a customer has
    at most one open care task. Running it again makes nothing new (idempotent, also when two
    desks run it at once). Each goes to the active agent with the fewest open callbacks.
    Returns how many it made.
    """
    today = today or now().date()
    months = int(settings.get("callback_care_months"))
    tags = list(settings.get("callback_care_tags"))
    if months <= 0 or not tags:
        return 0
    tagged = (
        Customer.select(Customer.id, Customer.created_at)
        .join(CustomerTag)
        .where(CustomerTag.tag.in_(tags), Customer.merged_into.is_null())
        .distinct()
        .order_by(Customer.id)
    )
    last_due: dict[int, dt.datetime] = {}
    has_open: set[int] = set()
    care = CallbackTask.select(
        CallbackTask.customer, CallbackTask.due_at, CallbackTask.status
    ).where(CallbackTask.kind == "care", CallbackTask.customer.is_null(False))
    for task in care.iterator():
        cid = task.customer_id
        if cid not in last_due or task.due_at > last_due[cid]:
            last_due[cid] = task.due_at
        if task.status in OPEN_STATUSES:
            has_open.add(cid)
    horizon = today + dt.timedelta(days=CARE_LOOKAHEAD_DAYS)
    wanted: list[tuple[int, dt.date]] = []
    for customer in tagged.iterator():
        if customer.id in has_open:
            continue
        anchor = (last_due.get(customer.id) or customer.created_at).date()
        step = 1
        next_day = add_months(anchor, months)
        while next_day < today - dt.timedelta(days=CARE_GRACE_DAYS):
            step += 1
            next_day = add_months(anchor, months * step)
        if next_day <= horizon:
            wanted.append((customer.id, next_day))
    if not wanted:
        return 0
    with write_transaction():
        return _make_care_tasks(wanted, actor)


def _make_care_tasks(wanted: list[tuple[int, dt.date]], actor: User | None) -> int:
    loads = _open_loads()
    made = 0
    for customer_id, due_day in wanted:
        assignee = min(loads, key=lambda uid: (loads[uid], uid)) if loads else None
        task, created = _create_task(
            kind="care",
            event_key=f"care:{customer_id}:{_stamp(due_day)}",
            due_at=dt.datetime.combine(due_day, WORKDAY_START),
            assignee=assignee,
            reason="",
            actor=actor,
            customer=customer_id,
        )
        if created:
            made += 1
            if assignee is not None:
                loads[assignee] += 1
    return made


def schedule_manual(
    actor: User,
    customer_id: int,
    due_at: dt.datetime,
    reason: str,
    *,
    kind: str = "followup",
    assignee_id: int | None = None,
) -> CallbackTask:
    """A callback a person schedules by hand: regular care or a follow-up."""
    require(actor, "work")
    errors: dict[str, str] = {}
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFound(translate("Callbacks", "This customer no longer exists."))
    if kind not in ("care", "followup"):
        errors["kind"] = translate("Callbacks", "Choose regular care or follow-up.")
    if due_at < now() - dt.timedelta(minutes=5):
        errors["due_at"] = translate("Callbacks", "The callback time cannot be in the past.")
    if not reason.strip():
        errors["reason"] = translate("Callbacks", "Say what the callback is for.")
    assignee = assignee_id or actor.id
    if assignee != actor.id and not can(actor, "callback.manage"):
        errors["assignee"] = translate(
            "Callbacks", "Only a manager can give a callback to someone else."
        )
    elif User.get_or_none(User.id == assignee, User.active) is None:
        errors["assignee"] = translate("Callbacks", "Choose an active colleague.")
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        stamp = now().strftime("%Y%m%d%H%M%S")
        serial = CallbackTask.select().where(CallbackTask.customer == customer_id).count()
        return _create_task(
            kind=kind,
            event_key=f"manual:{customer_id}:{stamp}:{serial}:{actor.id}",
            due_at=due_at,
            assignee=assignee,
            reason=reason.strip(),
            actor=actor,
            customer=customer_id,
        )[0]


# --- working a task ---------------------------------------------------------------------------


def get_task(task_id: int) -> CallbackTask:
    task = CallbackTask.get_or_none(CallbackTask.id == task_id)
    if task is None:
        raise NotFound(translate("Callbacks", "This callback no longer exists."))
    return task


def _check_may_work(actor: User, task: CallbackTask) -> None:
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
    with write_transaction():
        task = get_task(task_id)
        _check_may_work(actor, task)
        version = task.version if expected_version is None else expected_version
        attempt = CallbackAttempt.create(
            task=task.id,
            agent=actor.id,
            result=result,
            next_at=next_at.replace(microsecond=0) if next_at and result == "reschedule" else None,
            note=note.strip(),
        )
        audit.record_create(actor, attempt, f"callback attempt: {result}")
        changes: dict[str, Any] = {}
        if result == "reschedule" and attempt.next_at is not None:
            changes = {"due_at": attempt.next_at, "status": "rescheduled"}
        elif result in UNANSWERED:
            if unanswered_count(task.id) >= int(settings.get("callback_max_attempts")):
                changes = {"status": "unreachable", "completed_at": now()}
        if changes:
            save_changes(
                actor, task, changes, expected_version=version, summary=f"callback {result}"
            )
        else:
            _touch(task, version)
        if changes.get("status") == "unreachable" and task.kind == "complaint":
            _complaint_unreachable(actor, task)
    return task


def _complaint_unreachable(actor: User, task: CallbackTask) -> None:
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


def _touch(task: CallbackTask, version: int) -> None:
    """A new version of the task with no field changed, so a stale desk sees the attempt."""
    updated = (
        CallbackTask.update(version=version + 1, updated_at=now())
        .where(CallbackTask.id == task.id, CallbackTask.version == version)
        .execute()
    )
    if updated == 0:
        raise conflict_for(task, version)
    task.version = version + 1


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
    with write_transaction():
        task = get_task(task_id)
        _check_may_work(actor, task)
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
            raise ClosedComplaintNotSatisfied(
                complaint.number, int(score), refusal is None, refusal
            )
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
            summary="callback done",
        )
        if complaint is not None:
            _follow_up_complaint(
                actor, complaint, int(score), outcome.opinions.strip(), closed_complaint
            )
    return task


def _follow_up_complaint(
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


def reassign(actor: User, task_ids: Iterable[int], assignee_id: int) -> int:
    """Give open tasks to another agent (manager only). Returns how many changed hands."""
    require(actor, "callback.manage")
    assignee = User.get_or_none(User.id == assignee_id, User.active)
    if assignee is None or not can(assignee, "work"):
        raise ValidationError({"assignee": translate("Callbacks", "Choose an active colleague.")})
    ids = sorted(set(task_ids))
    if not ids:
        raise ValidationError(translate("Callbacks", "Choose at least one callback."))
    changed = 0
    with write_transaction():
        for task in CallbackTask.select().where(CallbackTask.id.in_(ids)):
            if task.status not in OPEN_STATUSES or task.assignee_id == assignee.id:
                continue
            save_changes(
                actor, task, {"assignee": assignee.id}, summary=f"callback to {assignee.login}"
            )
            changed += 1
    return changed


# --- lists ------------------------------------------------------------------------------------


@dataclass
class TaskRow:
    id: int
    kind: str
    status: str
    due_at: dt.datetime
    customer_id: int | None
    customer_name: str
    phone: str
    reason: str
    related: str
    assignee_id: int | None
    assignee_name: str
    attempts: int
    satisfaction: int | None
    onsite_needed: bool
    completed_at: dt.datetime | None
    complaint_id: int | None
    version: int
    opinions: str = ""
    survey: str = "{}"

    def timing(self, today: dt.date | None = None) -> str:
        return timing(self.due_at, today)


@dataclass
class TaskFilter:
    assignee_id: int | None = None
    kind: str | None = None
    status: str | None = None  # a status code, or "open" for pending and rescheduled
    date_from: dt.date | None = None  # due date range, inclusive
    date_to: dt.date | None = None
    customer_id: int | None = None
    onsite_only: bool = False  # only callbacks whose customer asked for an on-site visit
    # also open tasks that fell overdue before ``date_from``: they still need calling
    include_overdue: bool = False


def _query(flt: TaskFilter) -> peewee.ModelSelect:
    query = CallbackTask.select()
    if flt.assignee_id is not None:
        query = query.where(CallbackTask.assignee == flt.assignee_id)
    if flt.kind:
        query = query.where(CallbackTask.kind == flt.kind)
    if flt.status == "open":
        query = query.where(CallbackTask.status.in_(OPEN_STATUSES))
    elif flt.status:
        query = query.where(CallbackTask.status == flt.status)
    if flt.date_from is not None:
        start = dt.datetime.combine(flt.date_from, dt.time(0, 0))
        in_period = CallbackTask.due_at >= start
        if flt.include_overdue:
            overdue_before = min(start, dt.datetime.combine(now().date(), dt.time(0, 0)))
            in_period |= (CallbackTask.due_at < overdue_before) & CallbackTask.status.in_(
                OPEN_STATUSES
            )
        query = query.where(in_period)
    if flt.date_to is not None:
        query = query.where(CallbackTask.due_at < _end_of(flt.date_to))
    if flt.customer_id is not None:
        query = query.where(CallbackTask.customer == flt.customer_id)
    if flt.onsite_only:
        query = query.where(CallbackTask.onsite_needed == True)  # noqa: E712
    return query


def count_tasks(flt: TaskFilter) -> int:
    return _query(flt).count()


def list_tasks(flt: TaskFilter, offset: int = 0, limit: int | None = None) -> list[TaskRow]:
    """Tasks matching ``flt``, soonest due first."""
    query = _query(flt).order_by(CallbackTask.due_at, CallbackTask.id)
    if limit is not None:
        query = query.offset(offset).limit(limit)
    return rows_for(list(query))


def iter_rows(flt: TaskFilter, batch: int = 500) -> Iterator[list[TaskRow]]:
    """All tasks matching ``flt`` in due order, a batch of display rows at a time (one pass)."""
    query = _query(flt).order_by(CallbackTask.due_at, CallbackTask.id)
    tasks: list[CallbackTask] = []
    for task in query.iterator():
        tasks.append(task)
        if len(tasks) >= batch:
            yield rows_for(tasks)
            tasks = []
    if tasks:
        yield rows_for(tasks)


def my_tasks(user: User, today: dt.date | None = None) -> list[TaskRow]:
    """The open tasks of ``user``: overdue and due first (soonest first), then upcoming."""
    return list_tasks(TaskFilter(assignee_id=user.id, status="open"))


def due_count(user: User, today: dt.date | None = None) -> int:
    """Open tasks of ``user`` due today or overdue."""
    today = today or now().date()
    return (
        CallbackTask.select()
        .where(
            CallbackTask.assignee == user.id,
            CallbackTask.status.in_(OPEN_STATUSES),
            CallbackTask.due_at < _end_of(today),
        )
        .count()
    )


def done_today(user: User, today: dt.date | None = None) -> int:
    """Callbacks ``user`` closed today (done or unreachable), for the agent's own count."""
    today = today or now().date()
    return (
        CallbackTask.select()
        .where(
            CallbackTask.assignee == user.id,
            CallbackTask.status.not_in(OPEN_STATUSES),
            CallbackTask.completed_at >= dt.datetime.combine(today, dt.time(0, 0)),
            CallbackTask.completed_at < _end_of(today),
        )
        .count()
    )


def rows_for(tasks: Sequence[CallbackTask]) -> list[TaskRow]:
    """Display rows for tasks, with a fixed number of queries whatever the count."""
    if not tasks:
        return []
    ids = [t.id for t in tasks]

    def by_id(
        model: type[peewee.Model], wanted: Iterable[int | None], *fields: peewee.Field
    ) -> dict[int, Any]:
        keys = {k for k in wanted if k is not None}
        if not keys:
            return {}
        query = model.select(model.id, *fields).where(model.id.in_(keys)).namedtuples()
        return {row.id: row for row in query}

    complaints = by_id(
        Complaint,
        (t.complaint_id for t in tasks),
        Complaint.number,
        Complaint.complainant,
        Complaint.contact,
    )
    repairs = by_id(Repair, (t.repair_id for t in tasks), Repair.product)
    installations = by_id(Installation, (t.installation_id for t in tasks), Installation.product)
    customer_ids = {t.customer_id for t in tasks}
    customers = by_id(Customer, customer_ids, Customer.name, Customer.organisation)
    users = by_id(User, (t.assignee_id for t in tasks), User.name)
    phones: dict[int, str] = {}
    known = {k for k in customer_ids if k is not None}
    if known:
        for customer_id, phone in (
            CustomerPhone.select(CustomerPhone.customer, CustomerPhone.phone)
            .where(CustomerPhone.customer.in_(known))
            .order_by(CustomerPhone.id)
            .tuples()
        ):
            phones.setdefault(customer_id, phone)
    attempts = dict(
        CallbackAttempt.select(CallbackAttempt.task, peewee.fn.COUNT(CallbackAttempt.id))
        .where(CallbackAttempt.task.in_(ids))
        .group_by(CallbackAttempt.task)
        .tuples()
    )
    out = []
    for t in tasks:
        customer = customers.get(t.customer_id)
        complaint = complaints.get(t.complaint_id)
        name = _customer_name(customer) if customer else ""
        phone = phones.get(t.customer_id, "") if t.customer_id else ""
        if complaint is not None:
            name = name or complaint.complainant
            phone = phone or complaint.contact
        related = ""
        if complaint is not None:
            related = translate("Callbacks", "Complaint {number}").format(number=complaint.number)
        elif t.repair_id in repairs:
            repair = repairs[t.repair_id]
            related = translate("Callbacks", "Repair #{id} {product}").format(
                id=repair.id, product=repair.product
            )
        elif t.installation_id in installations:
            inst = installations[t.installation_id]
            related = translate("Callbacks", "Installation #{id} {product}").format(
                id=inst.id, product=inst.product
            )
        assignee = users.get(t.assignee_id)
        reason = t.reason
        if not reason:
            inst = installations.get(t.installation_id)
            reason = standard_reason(
                t.kind,
                complaint.number if complaint is not None else "",
                inst.product if inst is not None else "",
            )
        out.append(
            TaskRow(
                id=t.id,
                kind=t.kind,
                status=t.status,
                due_at=t.due_at,
                customer_id=t.customer_id,
                customer_name=name,
                phone=phone,
                reason=reason,
                related=related,
                assignee_id=t.assignee_id,
                assignee_name=assignee.name if assignee else "",
                attempts=attempts.get(t.id, 0),
                satisfaction=t.satisfaction,
                onsite_needed=t.onsite_needed,
                completed_at=t.completed_at,
                complaint_id=t.complaint_id,
                version=t.version,
                opinions=t.opinions,
                survey=t.survey,
            )
        )
    return out


def standard_reason(kind: str, complaint_number: str = "", product: str = "") -> str:
    """What a task made by an event is for, in the reader's language (stored reason is empty)."""
    return task_kinds.reason(kind, complaint_number, product)


def _customer_name(customer: Any) -> str:
    if customer.organisation and customer.organisation != customer.name:
        return f"{customer.name}（{customer.organisation}）"
    return customer.name


# --- the callback screen ----------------------------------------------------------------------


@dataclass
class TaskDetail:
    row: TaskRow
    summary: list[tuple[str, str]]  # (label, text) of the record followed up
    script: list[tuple[str, str]]  # (step, what to say)
    questions: list[str]
    attempts: list[CallbackAttempt]
    unanswered: int
    max_attempts: int
    survey: dict[str, str]
    opinions: str
    satisfied_from: int = 4  # a complaint callback's score from here closes the complaint


def script_for(
    task: CallbackTask | TaskRow, agent: User, customer_name: str
) -> list[tuple[str, str]]:
    """The callback script in its order, filled with the company, department and agent."""
    company = settings.get("company_name") or translate("Callbacks", "our company")
    department = settings.get("department_name")
    purpose = task_kinds.purpose(task.kind)
    return [
        (
            translate("Callbacks", "1. Verify identity"),
            translate("Callbacks", "Hello, may I speak with {name}?").format(
                name=customer_name or translate("Callbacks", "the customer")
            ),
        ),
        (
            translate("Callbacks", "2. Introduce yourself"),
            translate(
                "Callbacks",
                "This is {company}, {department}, agent number {employee_no}.",
            ).format(company=company, department=department, employee_no=agent.employee_no),
        ),
        (
            translate("Callbacks", "3. Is it a good time?"),
            translate(
                "Callbacks",
                "Is now a convenient time to talk for a few minutes? If not, agree a time "
                "and record 'Call again later'.",
            ),
        ),
        (translate("Callbacks", "4. Answer or survey"), purpose),
        (
            translate("Callbacks", "5. Close politely"),
            translate(
                "Callbacks",
                "Thank you for your time and your support. If anything comes up, call us any "
                "time. Goodbye!",
            ),
        ),
    ]


def detail(task_id: int, agent: User) -> TaskDetail:
    task = get_task(task_id)
    row = rows_for([task])[0]
    summary: list[tuple[str, str]] = []
    customer = Customer.get_or_none(Customer.id == task.customer_id) if task.customer_id else None
    if customer is not None or row.customer_name:
        summary.append((translate("Callbacks", "Customer"), row.customer_name))
    if customer is not None:
        if customer.contact_person:
            summary.append((translate("Callbacks", "Contact person"), customer.contact_person))
        if customer.address:
            summary.append((translate("Callbacks", "Address"), customer.address))
    if row.phone:
        summary.append((translate("Callbacks", "Phone"), display_contact(row.phone)))
    if task.complaint_id:
        c = Complaint.get_or_none(Complaint.id == task.complaint_id)
        if c is not None:
            handler = User.get_or_none(User.id == c.handler_id) if c.handler_id else None
            summary += [
                (translate("Callbacks", "Complaint number"), c.number),
                (translate("Callbacks", "Received"), c.received_at.strftime("%Y-%m-%d %H:%M")),
                (translate("Callbacks", "Complaint content"), c.content),
                (translate("Callbacks", "Result"), c.result or "—"),
                (translate("Callbacks", "Handler"), handler.name if handler else "—"),
            ]
    if task.repair_id:
        r = Repair.get_or_none(Repair.id == task.repair_id)
        if r is not None:
            summary += [
                (translate("Callbacks", "Product"), r.product or "—"),
                (translate("Callbacks", "Fault"), r.fault),
                (translate("Callbacks", "Result"), r.result or "—"),
            ]
            if r.closed_at:
                summary.append(
                    (translate("Callbacks", "Closed"), r.closed_at.strftime("%Y-%m-%d %H:%M"))
                )
    if task.installation_id:
        i = Installation.get_or_none(Installation.id == task.installation_id)
        if i is not None:
            summary.append((translate("Callbacks", "Product"), i.product))
            if i.installed_date:
                summary.append((translate("Callbacks", "Installed"), i.installed_date.isoformat()))
    summary.append((translate("Callbacks", "Reason"), row.reason))
    try:
        survey = json.loads(task.survey or "{}")
    except ValueError:
        survey = {}
    return TaskDetail(
        row=row,
        summary=summary,
        script=script_for(task, agent, row.customer_name),
        questions=list(settings.get("callback_survey_questions")),
        attempts=attempts_of(task.id),
        unanswered=unanswered_count(task.id),
        max_attempts=int(settings.get("callback_max_attempts")),
        survey=survey if isinstance(survey, dict) else {},
        opinions=task.opinions,
        satisfied_from=complaints.satisfied_from(),
    )


# --- figures (DOMAIN §6) ----------------------------------------------------------------------


def completion_rate(
    date_from: dt.date,
    date_to: dt.date,
    assignee_id: int | None = None,
    *,
    kind: str | None = None,
    onsite_only: bool = False,
) -> Ratio:
    """Callback completion = tasks done / tasks due, over tasks due in the period (inclusive).

    A task counts as due once its due time has come: upcoming tasks in the period are left out.
    ``kind`` and ``onsite_only`` narrow it to those tasks, as the lists' filters do; a status
    filter never applies (the rate is about how many of the due ones got done).
    """
    due = _query(
        TaskFilter(
            assignee_id=assignee_id,
            kind=kind,
            date_from=date_from,
            date_to=date_to,
            onsite_only=onsite_only,
        )
    )
    due = due.where(CallbackTask.due_at <= now())
    done = due.where(CallbackTask.status == "done")
    return Ratio(done.count(), due.count())


def reach_rate(
    date_from: dt.date,
    date_to: dt.date,
    agent_id: int | None = None,
    *,
    kind: str | None = None,
    onsite_only: bool = False,
) -> Ratio:
    """Reach rate = attempts that reached the customer / attempts, over attempts in the period.

    ``kind`` and ``onsite_only`` count only the calls on such tasks.
    """
    attempts = CallbackAttempt.select().where(
        CallbackAttempt.at >= dt.datetime.combine(date_from, dt.time(0, 0)),
        CallbackAttempt.at < _end_of(date_to),
    )
    if agent_id is not None:
        attempts = attempts.where(CallbackAttempt.agent == agent_id)
    if kind or onsite_only:
        attempts = attempts.join(CallbackTask, on=(CallbackAttempt.task == CallbackTask.id))
        if kind:
            attempts = attempts.where(CallbackTask.kind == kind)
        if onsite_only:
            attempts = attempts.where(CallbackTask.onsite_needed == True)  # noqa: E712
    reached = attempts.where(CallbackAttempt.result == "reached")
    return Ratio(reached.count(), attempts.count())
