"""The complaint registry's rules: registering, handling, statuses, overdue, reassigning, voiding.

Statuses (DOMAIN §2): ``open`` → ``in_progress`` → ``resolved`` → ``closed`` (after the callback);
a resolved or closed complaint whose customer is not satisfied becomes ``reopened`` and is handled
again until the customer is satisfied.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import peewee

from app import audit, events, settings, validation
from app import changes as change_sets
from app.auth import active_users, can, require
from app.clock import now
from app.complaints import labels, numbering, steps
from app.complaints.workflow import COMPLAINT
from app.contacts import normalise_contact
from app.customers.lookup import find_by_phone
from app.errors import NotFound, PermissionDenied, ValidationError
from app.i18n import translate
from app.operations import use_case
from app.records import save_changes
from models import CallbackTask, Complaint, Customer, ProgressStep, User

FUTURE_TOLERANCE = dt.timedelta(minutes=5)  # desks' clocks differ a little
MAX_LENGTHS = {"complainant": 120, "order_no": 60}

EDITABLE_FIELDS = (
    "complainant",
    "contact",
    "received_at",
    "channel",
    "category",
    "severity",
    "order_no",
    "content",
    "result",
    "promised_at",
    "principles",
    "customer",
)


# --- lists from the settings ------------------------------------------------------------------


def categories() -> list[str]:
    return list(settings.get("complaint_categories"))


def channels() -> list[str]:
    return list(settings.get("complaint_channels"))


def promise_hours(severity: str) -> int:
    hours = settings.get("promise_hours")
    return int(hours.get(severity, hours.get("normal", 24)))


def default_promise(received_at: dt.datetime, severity: str) -> dt.datetime:
    """The time promised to the customer by default: received + the setting's hours."""
    return received_at + dt.timedelta(hours=promise_hours(severity))


# --- overdue: the one rule ---------------------------------------------------------------------


def is_overdue(complaint: Complaint, at: dt.datetime | None = None) -> bool:
    """Past its promised time and not yet resolved (nor voided)."""
    at = at or now()
    return (
        not complaint.voided
        and complaint.status in labels.OPEN_STATUSES
        and complaint.promised_at is not None
        and complaint.promised_at < at
    )


def overdue_condition(at: dt.datetime | None = None) -> peewee.Expression:
    """:func:`is_overdue` as a query condition (uses the (status, promised_at) index)."""
    at = at or now()
    return (
        Complaint.status.in_(labels.OPEN_STATUSES)
        & Complaint.promised_at.is_null(False)
        & (Complaint.promised_at < at)
        & (Complaint.voided == False)  # noqa: E712 - peewee expression
    )


def open_count(customer_ids: list[int]) -> int:
    """Complaints of these customers still being handled (void ones left out)."""
    return (
        Complaint.select()
        .where(
            Complaint.customer.in_(customer_ids),
            Complaint.status.in_(labels.OPEN_STATUSES),
            Complaint.voided == False,  # noqa: E712 - peewee expression
        )
        .count()
    )


def overdue_count(at: dt.datetime | None = None) -> int:
    return Complaint.select().where(overdue_condition(at)).count()


def satisfied_from() -> int:
    """The score from which a customer counts as satisfied (team setting ``satisfied_from``,
    default 4): a callback with such a score closes the complaint, a lower one reopens it, and
    the satisfied share of the figures counts the same scores."""
    return int(settings.get("satisfied_from"))


def unreachable_callback_condition() -> peewee.Expression:
    """Resolved complaints whose callback ended unreachable, with no other callback waiting:
    the manager's list (回访未接通). Closing or reopening the complaint takes it off."""
    unreachable = CallbackTask.select(CallbackTask.complaint).where(
        CallbackTask.kind == "complaint", CallbackTask.status == "unreachable"
    )
    waiting = CallbackTask.select(CallbackTask.complaint).where(
        CallbackTask.kind == "complaint",
        CallbackTask.status.in_(("pending", "rescheduled")),
        CallbackTask.complaint.is_null(False),
    )
    return (
        (Complaint.status == "resolved")
        & (Complaint.voided == False)  # noqa: E712 - peewee expression
        & Complaint.id.in_(unreachable)
        & Complaint.id.not_in(waiting)
    )


def unreachable_callback_count() -> int:
    return Complaint.select().where(unreachable_callback_condition()).count()


def is_satisfied(score: int) -> bool:
    return score >= satisfied_from()


def needs_manager(complaint: Complaint) -> bool:
    """Serious and major complaints are reported to the manager while they are being handled."""
    return (
        complaint.severity in labels.REPORTED_SEVERITIES
        and complaint.status in labels.OPEN_STATUSES
        and not complaint.voided
    )


def reported_to_manager_count() -> int:
    return (
        Complaint.select()
        .where(
            Complaint.severity.in_(labels.REPORTED_SEVERITIES),
            Complaint.status.in_(labels.OPEN_STATUSES),
            Complaint.voided == False,  # noqa: E712
        )
        .count()
    )


# --- validation --------------------------------------------------------------------------------


def _user_id(value: Any) -> int | None:
    if value is None or value == "":
        return None
    return int(value.id if isinstance(value, User) else value)


def validate_fields(fields: dict[str, Any], *, at: dt.datetime | None = None) -> dict[str, Any]:
    """Check the given fields and return them normalised; ValidationError names each bad field."""
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    at = at or now()
    if "complainant" in fields:
        name = " ".join(str(fields["complainant"] or "").split())
        if not name:
            errors["complainant"] = translate("Complaints", "The complainant's name is required.")
        elif len(name) > MAX_LENGTHS["complainant"]:
            errors["complainant"] = translate(
                "Complaints", "The name is too long (at most 120 characters)."
            )
        out["complainant"] = name
    if "contact" in fields:
        try:
            out["contact"] = normalise_contact(str(fields["contact"] or "")).value
        except ValidationError as exc:
            errors["contact"] = next(iter(exc.fields.values()))
    if "received_at" in fields:
        received = fields["received_at"]
        if received is None or received == "":
            received = at
        if isinstance(received, dt.date) and not isinstance(received, dt.datetime):
            received = dt.datetime.combine(received, dt.time())
        if not isinstance(received, dt.datetime):
            errors["received_at"] = translate(
                "Complaints", "The received time is not a date and time."
            )
        else:
            received = received.replace(microsecond=0, tzinfo=None)
            if received > at + FUTURE_TOLERANCE:
                errors["received_at"] = translate(
                    "Complaints", "The received time cannot be in the future."
                )
            out["received_at"] = received
    if "content" in fields:
        content = str(fields["content"] or "").strip()
        if not content:
            errors["content"] = translate(
                "Complaints", "Write down what the customer complains about."
            )
        out["content"] = content
    if "channel" in fields:
        if fields["channel"] not in channels():
            errors["channel"] = translate("Complaints", "Choose a channel from the list.")
        out["channel"] = fields["channel"]
    if "category" in fields:
        if fields["category"] not in categories():
            errors["category"] = translate("Complaints", "Choose a category from the list.")
        out["category"] = fields["category"]
    if "severity" in fields:
        severity = fields["severity"] or "normal"
        if severity not in labels.SEVERITIES:
            errors["severity"] = translate("Complaints", "Choose a severity from the list.")
        out["severity"] = severity
    if "order_no" in fields:
        order_no = str(fields["order_no"] or "").strip()
        if len(order_no) > MAX_LENGTHS["order_no"]:
            errors["order_no"] = translate(
                "Complaints", "The order number is too long (at most 60 characters)."
            )
        out["order_no"] = order_no
    if "result" in fields:
        out["result"] = str(fields["result"] or "").strip()
    if "promised_at" in fields:
        promised = fields["promised_at"]
        if promised is not None and not isinstance(promised, dt.datetime):
            errors["promised_at"] = translate(
                "Complaints", "The promised time is not a date and time."
            )
        out["promised_at"] = promised.replace(microsecond=0) if promised else None
    if "principles" in fields:
        ticked = [p for p in labels.PRINCIPLES if p in set(fields["principles"] or [])]
        out["principles"] = json.dumps(ticked)
    if "customer" in fields:
        customer_id = fields["customer"]
        if isinstance(customer_id, Customer):
            customer_id = customer_id.id
        if customer_id and not Customer.select().where(Customer.id == customer_id).exists():
            errors["customer"] = translate("Complaints", "This customer is not in the archive.")
        out["customer"] = customer_id or None
    if "handler" in fields:
        handler_id = _user_id(fields["handler"])
        if handler_id is not None:
            handler = User.get_or_none(User.id == handler_id)
            if handler is None or not handler.active or handler.role not in ("agent", "manager"):
                errors["handler"] = translate(
                    "Complaints", "The handler must be an active agent or manager."
                )
        out["handler"] = handler_id
    if "satisfaction" in fields:
        score = fields["satisfaction"]
        if score is not None and (not isinstance(score, int) or not 1 <= score <= 5):
            errors["satisfaction"] = translate("Complaints", "Satisfaction is a score from 1 to 5.")
        out["satisfaction"] = score
    for key in ("received_at", "promised_at"):
        value = out.get(key)
        if isinstance(value, dt.datetime) and key not in errors:
            if (problem := validation.date_problem(value)) is not None:
                errors[key] = problem
    promised = out.get("promised_at")
    received = out.get("received_at")
    if promised and isinstance(received, dt.datetime) and promised < received:
        errors["promised_at"] = translate(
            "Complaints", "The promised time cannot be before the received time."
        )
    if errors:
        raise ValidationError(errors)
    return out


def customer_for_contact(contact: str) -> Customer | None:
    """The archived customer whose phone is this contact, if any (incoming-call lookup)."""
    try:
        value = normalise_contact(contact).value
    except ValidationError:
        return None
    return find_by_phone(value)


# --- registering -------------------------------------------------------------------------------

REGISTER_FIELDS = (
    "complainant",
    "contact",
    "received_at",
    "channel",
    "category",
    "severity",
    "order_no",
    "content",
    "handler",
    "promised_at",
    "customer",
)


@use_case
def register_complaint(actor: User, **fields: Any) -> Complaint:
    """Register a complaint; its number is given out inside the inserting transaction."""
    require(actor, "work")
    unknown = set(fields) - set(REGISTER_FIELDS)
    if unknown:
        raise TypeError(f"unknown complaint fields: {', '.join(sorted(unknown))}")
    given = {
        "received_at": None,
        "severity": "normal",
        "order_no": "",
        "channel": channels()[0],
        **fields,
    }
    for key in ("complainant", "contact", "content", "category"):
        given.setdefault(key, "")
    values = validate_fields(given)
    values.setdefault("handler", actor.id)
    if values.get("handler") is None:
        values["handler"] = actor.id
    if not values.get("promised_at"):
        values["promised_at"] = default_promise(values["received_at"], values["severity"])
    if not values.get("customer"):
        match = find_by_phone(values["contact"])
        values["customer"] = match.id if match is not None else None
    number = numbering.next_number(values["received_at"])
    complaint = Complaint.create(
        number=number,
        sort_key=numbering.sort_key(number),
        created_by=actor.id,
        status="open",
        **values,
    )
    audit.record_create(actor, complaint, summary=number)
    return complaint


# --- reading -----------------------------------------------------------------------------------


def get_complaint(complaint_id: int) -> Complaint:
    complaint = Complaint.get_or_none(Complaint.id == complaint_id)
    if complaint is None:
        raise NotFound(
            translate("Complaints", "Complaint {id} does not exist (any more).").format(
                id=complaint_id
            )
        )
    return complaint


def steps_of(complaint_id: int) -> list[ProgressStep]:
    return list(
        ProgressStep.select(ProgressStep, User)
        .join(User, peewee.JOIN.LEFT_OUTER)
        .where(ProgressStep.complaint == complaint_id)
        .order_by(ProgressStep.at, ProgressStep.id)
    )


def step_text(step: ProgressStep) -> str:
    """The step as the reader's language says it (see :mod:`app.complaints.steps`)."""
    return steps.step_text(step.note, step.params)


def step_author(step: ProgressStep) -> str:
    author = step.author if step.author_id else None
    return author.name if author is not None else step.author_name


def creator_name(complaint: Complaint) -> str:
    creator = complaint.created_by if complaint.created_by_id else None
    return creator.name if creator is not None else ""


def principles_of(complaint: Complaint) -> list[str]:
    try:
        return [p for p in json.loads(complaint.principles or "[]") if p in labels.PRINCIPLES]
    except ValueError:
        return []


# --- editing -----------------------------------------------------------------------------------


def _check_can_edit(actor: User, complaint: Complaint) -> None:
    require(actor, "work")
    if complaint.voided:
        raise ValidationError(
            translate("Complaints", "This complaint is void; it cannot be changed.")
        )


@use_case
def update_complaint(
    actor: User,
    complaint_id: int,
    changes: dict[str, Any],
    expected_version: int | None = None,
) -> Complaint:
    """Save edited fields, refusing if someone saved the complaint since ``expected_version``."""
    complaint = get_complaint(complaint_id)
    _check_can_edit(actor, complaint)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable here: {', '.join(sorted(unknown))}")
    checked = dict(changes)
    if "promised_at" in checked and "received_at" not in checked:
        checked["received_at"] = complaint.received_at
    if "received_at" in changes and changes["received_at"] is None:
        raise ValidationError(
            {"received_at": translate("Complaints", "The received time is required.")}
        )
    values = validate_fields(checked)
    values = {k: v for k, v in values.items() if k in changes}
    if "received_at" in values and values["received_at"].date() != complaint.received_at.date():
        raise ValidationError(
            {
                "received_at": translate(
                    "Complaints",
                    "The received date is part of the number; only the time can change.",
                )
            }
        )
    save_changes(
        actor, complaint, values, expected_version=expected_version, summary=complaint.number
    )
    return complaint


@use_case
def add_step(
    actor: User,
    complaint_id: int,
    kind: str,
    note: str,
    at: dt.datetime | None = None,
    params: str = "",
) -> ProgressStep:
    """Add a handling step to the timeline; the first step starts the handling (→ in progress)."""
    complaint = get_complaint(complaint_id)
    _check_can_edit(actor, complaint)
    errors = {}
    if kind not in labels.STEP_KINDS:
        errors["kind"] = translate("Complaints", "Choose the kind of step.")
    note = (note or "").strip()
    if not note and not params:
        errors["note"] = translate("Complaints", "Write what was done or said.")
    at = (at or now()).replace(microsecond=0)
    if at > now() + FUTURE_TOLERANCE:
        errors["at"] = translate("Complaints", "The step's time cannot be in the future.")
    elif (problem := validation.date_problem(at)) is not None:
        errors["at"] = problem
    elif at < complaint.received_at:
        errors["at"] = translate(
            "Complaints", "The step's time cannot be before the complaint was received."
        )
    if errors:
        raise ValidationError(errors)
    step = ProgressStep.create(
        complaint=complaint.id, at=at, author=actor.id, kind=kind, note=note, params=params
    )
    audit.record(
        actor,
        "create",
        "progress_step",
        step.id,
        {"complaint": [None, complaint.id], "kind": [None, kind], "note": [None, note]},
        complaint.number,
    )
    change_sets.note("complaint", complaint.id)  # its timeline changed
    if complaint.status == "open" and kind != "note":
        _change_status(actor, complaint, "in_progress", {}, None, "")
    return step


def _status_step(
    actor: User | None,
    complaint: Complaint,
    old: str,
    new: str,
    why: str,
    cause: dict[str, Any] | None = None,
) -> None:
    ProgressStep.create(
        complaint=complaint.id,
        at=now(),
        author=actor.id if actor else None,
        kind="status",
        note=why,
        params=steps.encode(steps.STATUS, old=old, new=new, **(cause or {})),
    )


def _change_status(
    actor: User,
    complaint: Complaint,
    new: str,
    extra: dict[str, Any],
    expected_version: int | None,
    why: str,
    cause: dict[str, Any] | None = None,
) -> None:
    old = complaint.status
    save_changes(
        actor,
        complaint,
        {"status": new, **extra},
        expected_version=expected_version,
        summary=complaint.number,
    )
    _status_step(actor, complaint, old, new, why, cause)


def _refuse(message: str) -> ValidationError:
    return ValidationError({"status": message})


@use_case
def start_handling(
    actor: User, complaint_id: int, expected_version: int | None = None
) -> Complaint:
    complaint = get_complaint(complaint_id)
    _check_can_edit(actor, complaint)
    if not COMPLAINT.offers(complaint, "start"):
        raise _refuse(translate("Complaints", "Only an open complaint can be taken into handling."))
    _change_status(actor, complaint, "in_progress", {}, expected_version, "")
    return complaint


@use_case
def resolve_complaint(
    actor: User, complaint_id: int, result: str, expected_version: int | None = None
) -> Complaint:
    """Record what was finally done; the complaint is resolved and its callback is scheduled."""
    complaint = get_complaint(complaint_id)
    _check_can_edit(actor, complaint)
    if not COMPLAINT.offers(complaint, "resolve"):
        raise _refuse(translate("Complaints", "This complaint is already resolved."))
    result = (result or "").strip()
    if not result:
        raise ValidationError(
            {"result": translate("Complaints", "Write down the result before resolving.")}
        )
    _change_status(
        actor,
        complaint,
        "resolved",
        {"result": result, "resolved_at": now()},
        expected_version,
        "",
    )
    events.emit("complaint_resolved", complaint=complaint, actor=actor)
    return complaint


def _check_satisfaction(satisfaction: int | None, required: bool) -> None:
    if satisfaction is None and not required:
        return
    if not isinstance(satisfaction, int) or not 1 <= satisfaction <= 5:
        raise ValidationError(
            {"satisfaction": translate("Complaints", "Satisfaction is a score from 1 to 5.")}
        )


@use_case
def close_after_callback(
    actor: User, complaint_id: int, satisfaction: int, note: str = ""
) -> Complaint:
    """The customer, called back, is satisfied: record the score and close the complaint."""
    complaint = get_complaint(complaint_id)
    _check_can_edit(actor, complaint)
    _check_satisfaction(satisfaction, True)
    if not COMPLAINT.offers(complaint, "close"):
        raise _refuse(
            translate("Complaints", "Only a resolved complaint can be closed after the callback.")
        )
    if not is_satisfied(satisfaction):
        raise ValidationError(
            {
                "satisfaction": translate(
                    "Complaints",
                    "The customer is not satisfied: reopen the complaint instead of closing it.",
                )
            }
        )
    _change_status(
        actor,
        complaint,
        "closed",
        {"satisfaction": satisfaction, "closed_at": now()},
        None,
        note.strip() or labels.satisfaction_label(satisfaction),
    )
    # its complaint callback, if one is still waiting, is done with the same outcome
    events.emit(
        "complaint_closed",
        complaint=complaint,
        actor=actor,
        satisfaction=satisfaction,
        note=note.strip(),
    )
    return complaint


@use_case
def reopen_after_callback(
    actor: User,
    complaint_id: int,
    reason: str,
    satisfaction: int | None = None,
    *,
    from_callback: bool = False,
) -> Complaint:
    """The customer, called back, is not satisfied: handle the complaint again, saying why.
    ``from_callback``: the callback's outcome reopens it (the step says so in the reader's
    language; ``reason`` holds the customer's opinions, if any)."""
    complaint = get_complaint(complaint_id)
    _check_can_edit(actor, complaint)
    _check_satisfaction(satisfaction, from_callback)
    reason = (reason or "").strip()
    if not reason and not from_callback:
        raise ValidationError(
            {"reason": translate("Complaints", "Say why the customer is not satisfied.")}
        )
    cause = {"cause": steps.CALLBACK_UNSATISFIED, "score": satisfaction} if from_callback else None
    return _reopen(actor, complaint, reason, satisfaction, None, cause)


@use_case
def reopen_complaint(
    actor: User, complaint_id: int, reason: str, expected_version: int | None = None
) -> Complaint:
    """A manager reopens a resolved or closed complaint."""
    require(actor, "complaint.reopen")
    complaint = get_complaint(complaint_id)
    _check_can_edit(actor, complaint)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": translate("Complaints", "Say why the complaint is reopened.")}
        )
    return _reopen(actor, complaint, reason, None, expected_version)


@use_case
def reopen(
    actor: User,
    complaint_id: int,
    reason: str,
    satisfaction: int | None = None,
    expected_version: int | None = None,
) -> Complaint:
    """Reopen from the complaint's screen: a closed complaint as the manager's act, a resolved one
    because the customer, called back, is not satisfied."""
    complaint = get_complaint(complaint_id)
    if complaint.status == "closed":
        return reopen_complaint(actor, complaint_id, reason, expected_version)
    return reopen_after_callback(actor, complaint_id, reason, satisfaction)


def reopen_refusal(user: User, complaint: Complaint) -> str | None:
    """Why ``user`` may not reopen ``complaint`` now, or None when they may.

    A resolved complaint is reopened by whoever works its callback (the customer is not
    satisfied); a closed one only by the manager (permission ``complaint.reopen``)."""
    if complaint.voided:
        return translate("Complaints", "This complaint is void; it cannot be changed.")
    if not COMPLAINT.offers(complaint, "reopen"):
        return translate("Complaints", "Only a resolved or closed complaint can be reopened.")
    if COMPLAINT.allows(user, complaint, "reopen"):
        return None
    if complaint.status == "closed":
        return translate(
            "Complaints",
            "Complaint {number} is closed: only the manager can reopen it. Tell the manager why "
            "the customer is not satisfied.",
        ).format(number=complaint.number)
    return translate("Complaints", "Your role cannot reopen complaints.")


def _reopen(
    actor: User,
    complaint: Complaint,
    reason: str,
    satisfaction: int | None,
    expected_version: int | None,
    cause: dict[str, Any] | None = None,
) -> Complaint:
    refusal = reopen_refusal(actor, complaint)
    if refusal is not None:
        if complaint.status == "closed":
            raise PermissionDenied(refusal)
        raise _refuse(refusal)
    extra: dict[str, Any] = {
        "resolved_at": None,
        "closed_at": None,
        "promised_at": default_promise(now(), complaint.severity),
    }
    if satisfaction is not None:
        extra["satisfaction"] = satisfaction
    _change_status(actor, complaint, "reopened", extra, expected_version, reason, cause)
    return complaint


@use_case
def reassign_complaint(
    actor: User, complaint_id: int, handler: User | int, expected_version: int | None = None
) -> Complaint:
    """Hand the complaint to another agent (a manager's act)."""
    require(actor, "complaint.reassign")
    complaint = get_complaint(complaint_id)
    _check_can_edit(actor, complaint)
    values = validate_fields({"handler": handler})
    if values["handler"] is None:
        raise ValidationError({"handler": translate("Complaints", "Choose the new handler.")})
    if values["handler"] == complaint.handler_id:
        return complaint
    old_handler = complaint.handler if complaint.handler_id else None
    old_name = old_handler.name if old_handler is not None else "-"
    new_name = User.get_by_id(values["handler"]).name
    save_changes(
        actor,
        complaint,
        {"handler": values["handler"]},
        expected_version=expected_version,
        summary=complaint.number,
    )
    ProgressStep.create(
        complaint=complaint.id,
        at=now(),
        author=actor.id,
        kind="status",
        note="",
        params=steps.encode(steps.REASSIGNED, old=old_name, new=new_name),
    )
    return complaint


@use_case
def void_complaint(
    actor: User, complaint_id: int, reason: str, expected_version: int | None = None
) -> Complaint:
    """Void a complaint filed by mistake: it keeps its number and stays in the registry."""
    require(actor, "complaint.delete")
    complaint = get_complaint(complaint_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": translate("Complaints", "Say why the complaint is void.")})
    if complaint.voided:
        return complaint
    save_changes(
        actor,
        complaint,
        {"voided": True},
        expected_version=expected_version,
        summary=complaint.number,
    )
    ProgressStep.create(
        complaint=complaint.id,
        at=now(),
        author=actor.id,
        kind="status",
        note=reason,
        params=steps.encode(steps.VOID),
    )
    return complaint


@use_case
def delete_complaint(actor: User, complaint_id: int) -> None:
    """Delete a complaint (a manager's act, audited); its number is never given out again."""
    require(actor, "complaint.delete")
    complaint = get_complaint(complaint_id)
    audit.record_delete(actor, complaint, summary=complaint.number)
    complaint.delete_instance(recursive=False)


def can_reassign(user: User) -> bool:
    return can(user, "complaint.reassign")


def handlers() -> list[User]:
    return active_users(("agent", "manager"))
