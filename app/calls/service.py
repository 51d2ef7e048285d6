"""Logging a contact with a customer and reading the register back.

A contact has the time it came in, the time the agent first answered (the response time is their
difference) and the time it ended; a channel (the complaint channels), a topic (a team setting), a
customer (found by phone, or added on the spot) and a result. Two results make more records: a
callback needed makes a follow-up callback task, and a complaint registered is linked to the
complaint the agent files from it (:func:`register_complaint_from_contact`: registered and linked
in one transaction).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app import audit, sentences, settings, validation
from app.auth import can, require
from app.callbacks.scheduling import schedule_manual
from app.clock import now
from app.complaints import labels
from app.complaints import service as complaints
from app.contacts import contacts_text, digits_of, display_contact, normalise_contact
from app.customers.customers import CustomerData, create_customer, phones_and_tags
from app.customers.lookup import find_by_phone, looks_like_phone, search
from app.errors import NotFound, PermissionDenied, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.operations import use_case
from app.records import save_changes
from models import CallbackTask, Complaint, ContactRecord, Customer, User

RESULTS = ("answered", "order", "complaint", "callback", "transferred")
# code -> (English source text, Simplified Chinese); both are read back from a spreadsheet
RESULT_TEXTS = {
    "answered": (QT_TRANSLATE_NOOP("ContactRegister", "Answered"), "已解答"),
    "order": (QT_TRANSLATE_NOOP("ContactRegister", "Order placed"), "已下单"),
    "complaint": (QT_TRANSLATE_NOOP("ContactRegister", "Complaint registered"), "已登记投诉"),
    "callback": (QT_TRANSLATE_NOOP("ContactRegister", "Callback needed"), "需回访"),
    "transferred": (QT_TRANSLATE_NOOP("ContactRegister", "Transferred"), "已转接"),
}
# the topics whose contacts could become an order: the conversion rate counts over them
SALES_TOPICS = ("咨询", "售前")
FUTURE_TOLERANCE = dt.timedelta(minutes=5)
MAX_LENGTHS = {"customer_name": 120, "order_no": 60, "note": 2000}
CALLBACK_AFTER = dt.timedelta(hours=2)  # a callback needed is due this long after the contact

FIELDS = (
    "came_in_at",
    "answered_at",
    "ended_at",
    "channel",
    "customer",
    "customer_name",
    "contact",
    "topic",
    "result",
    "order_no",
    "note",
)


def result_label(code: str) -> str:
    texts = RESULT_TEXTS.get(code)
    return translate("ContactRegister", texts[0]) if texts else code


def parse_result(text: str) -> str | None:
    """A result's code from its code, English or Chinese label (a spreadsheet's cell)."""
    wanted = text.strip().casefold()
    for code, (english, chinese) in RESULT_TEXTS.items():
        if wanted in (
            code,
            english.casefold(),
            chinese,
            translate("ContactRegister", english).casefold(),
        ):
            return code
    return None


def topics() -> list[str]:
    """The topics of the team settings (咨询, 售前, 售后, 投诉, 其他 …): each its own label."""
    return [str(t) for t in settings.get("contact_topics")]


def channels() -> list[str]:
    return complaints.channels()


def channel_label(code: str) -> str:
    return labels.channel_label(code)


# --- validation -----------------------------------------------------------------------------


def _as_time(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0, tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    return None


def validate(
    fields: dict[str, Any],
    *,
    at: dt.datetime | None = None,
    channel_codes: list[str] | None = None,
    topic_names: list[str] | None = None,
    check_customer: bool = True,
) -> dict[str, Any]:
    """Check a contact's fields and return them normalised; a ValidationError names each bad
    field. Times left empty mean now (came in, answered); the end may stay open."""
    at = at or now()
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    for key in ("came_in_at", "answered_at", "ended_at"):
        if key not in fields:
            continue
        raw = fields[key]
        if raw is None or raw == "":
            out[key] = None
            continue
        value = _as_time(raw)
        if value is None:
            errors[key] = translate("ContactRegister", "Not a date and time.")
        elif value > at + FUTURE_TOLERANCE:
            errors[key] = translate("ContactRegister", "This time cannot be in the future.")
        elif (problem := validation.date_problem(value)) is not None:
            errors[key] = problem
        out[key] = value
    if "came_in_at" in out and out["came_in_at"] is None:
        out["came_in_at"] = at
    came = out.get("came_in_at")
    answered = out.get("answered_at")
    ended = out.get("ended_at")
    if isinstance(came, dt.datetime):
        if isinstance(answered, dt.datetime) and answered < came:
            errors["answered_at"] = translate(
                "ContactRegister", "The first answer cannot be before the contact came in."
            )
        if isinstance(ended, dt.datetime) and ended < (
            answered if isinstance(answered, dt.datetime) else came
        ):
            errors["ended_at"] = translate(
                "ContactRegister", "The end cannot be before the contact came in or was answered."
            )
    if "channel" in fields:
        if fields["channel"] not in (channel_codes if channel_codes is not None else channels()):
            errors["channel"] = translate("ContactRegister", "Choose a channel from the list.")
        out["channel"] = fields["channel"]
    if "topic" in fields:
        topic = str(fields["topic"] or "").strip()
        if topic not in (topic_names if topic_names is not None else topics()):
            errors["topic"] = translate("ContactRegister", "Choose a topic from the list.")
        out["topic"] = topic
    if "result" in fields:
        if fields["result"] not in RESULTS:
            errors["result"] = translate("ContactRegister", "Choose a result from the list.")
        out["result"] = fields["result"]
    if "customer_name" in fields:
        out["customer_name"] = " ".join(str(fields["customer_name"] or "").split())
    if "contact" in fields:
        text = str(fields["contact"] or "").strip()
        out["contact"] = ""
        if text:
            try:
                out["contact"] = normalise_contact(text).value
            except ValidationError as exc:
                errors["contact"] = next(iter(exc.fields.values()))
    if "order_no" in fields:
        out["order_no"] = str(fields["order_no"] or "").strip()
    if "note" in fields:
        out["note"] = str(fields["note"] or "").strip()
    for key, limit in MAX_LENGTHS.items():
        if key in out and key not in errors and len(out[key]) > limit:
            errors[key] = translate("ContactRegister", "At most {n} characters.").format(n=limit)
    if out.get("result") == "order" and not out.get("order_no") and "order_no" not in errors:
        errors["order_no"] = translate("ContactRegister", "An order placed needs its order number.")
    if "customer" in fields:
        customer_id = fields["customer"]
        if isinstance(customer_id, Customer):
            customer_id = customer_id.id
        if (
            check_customer
            and customer_id
            and not Customer.select().where(Customer.id == customer_id).exists()
        ):
            errors["customer"] = translate(
                "ContactRegister", "This customer is not in the archive."
            )
        out["customer"] = customer_id or None
    if errors:
        raise ValidationError(errors)
    return out


# --- logging --------------------------------------------------------------------------------


def _customer_for(values: dict[str, Any], actor: User, add: bool = False) -> int | None:
    """The archived customer of the contact: the one chosen, else the one with its phone, else a
    new one when the agent adds it (``add``) or a callback needs somebody to call."""
    if values.get("customer"):
        return int(values["customer"])
    if values.get("contact"):
        match = find_by_phone(values["contact"])
        if match is not None:
            return int(match.id)
    if values.get("result") == "callback" or add:
        if not values.get("contact") or not values.get("customer_name"):
            reason = (
                translate("ContactRegister", "A new customer needs a name and a phone number.")
                if add
                else translate(
                    "ContactRegister", "A callback needs the customer's name and phone number."
                )
            )
            missing = "customer_name" if values.get("contact") else "contact"
            raise ValidationError({missing: reason})
        customer = create_customer(
            actor,
            CustomerData(name=values["customer_name"], phones=[values["contact"]]),
            allow_duplicate=True,
        )
        return int(customer.id)
    return None


@use_case
def log_contact(actor: User, *, add_customer: bool = False, **fields: Any) -> ContactRecord:
    """Log one contact. Came in and first answer default to now; a callback needed makes a
    follow-up callback task for the agent; ``add_customer`` puts a caller who is not in the
    archive into it (name and phone)."""
    require(actor, "work")
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown contact fields: {', '.join(sorted(unknown))}")
    at = now()
    given: dict[str, Any] = {
        "came_in_at": None,
        "answered_at": None,
        "ended_at": None,
        "channel": channels()[0],
        "topic": topics()[0] if topics() else "",
        "result": "answered",
        "customer_name": "",
        "contact": "",
        "order_no": "",
        "note": "",
        "customer": None,
        **fields,
    }
    if "answered_at" not in fields:
        given["answered_at"] = at
    values = validate(given, at=at)
    values["customer"] = _customer_for(values, actor, add_customer)
    if values["customer"] and not values["customer_name"]:
        values["customer_name"] = Customer.get_by_id(values["customer"]).name
    record = ContactRecord.create(agent=actor.id, **values)
    if values["result"] == "callback":
        _make_callback(actor, record, at)
    audit.record_create(actor, record, summary=_summary(record))
    return record


def _make_callback(actor: User, record: ContactRecord, at: dt.datetime) -> None:
    """The follow-up callback task a contact needs, given to the agent who took it."""
    reason = sentences.say("contacts.call_back", topic=record.topic[:20], note=record.note[:100])
    task = schedule_manual(
        actor, record.customer_id, at + CALLBACK_AFTER, reason.stored(), kind="followup"
    )
    record.callback = task.id
    record.save(only=[ContactRecord.callback])


def _summary(record: ContactRecord) -> str:
    return f"{record.came_in_at:%Y-%m-%d %H:%M} {record.customer_name} {record.topic}".strip()


def get_contact(contact_id: int) -> ContactRecord:
    record = ContactRecord.get_or_none(ContactRecord.id == contact_id)
    if record is None:
        raise NotFound(translate("ContactRegister", "This contact is no longer in the register."))
    return record


def may_edit(user: User, record: ContactRecord) -> bool:
    """The agent who took the contact edits it; a manager edits any."""
    return record.agent_id == user.id or can(user, "worklog.review")


@use_case
def update_contact(
    actor: User, contact_id: int, changes: dict[str, Any], *, expected_version: int
) -> ContactRecord:
    require(actor, "work")
    record = get_contact(contact_id)
    if not may_edit(actor, record):
        raise PermissionDenied(
            translate("ContactRegister", "Only the agent who took a contact edits it.")
        )
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown contact fields: {', '.join(sorted(unknown))}")
    merged = {
        "came_in_at": record.came_in_at,
        "answered_at": record.answered_at,
        "ended_at": record.ended_at,
        "result": record.result,
        "order_no": record.order_no,
        **changes,
    }
    values = validate(merged)
    wanted = {k: v for k, v in values.items() if k in changes or k in ("order_no",)}
    if values["result"] == "callback" and record.callback_id is None:
        # a callback now needed: somebody to call, and the task
        known = {
            "customer": values.get("customer", record.customer_id),
            "contact": values.get("contact", record.contact),
            "customer_name": values.get("customer_name", record.customer_name),
            "result": "callback",
        }
        wanted["customer"] = _customer_for(known, actor)
    save_changes(actor, record, wanted, expected_version=expected_version, summary=_summary(record))
    if record.result == "callback" and record.callback_id is None:
        _make_callback(actor, record, now())
    return record


@use_case
def link_complaint(actor: User, contact_id: int, complaint_id: int) -> ContactRecord:
    """The complaint registered from a contact: the contact's result becomes "complaint
    registered" and the two point at each other."""
    require(actor, "work")
    record = get_contact(contact_id)
    complaint = Complaint.get_or_none(Complaint.id == complaint_id)
    if complaint is None:
        raise NotFound(translate("ContactRegister", "This complaint is no longer in the registry."))
    changes: dict[str, Any] = {"complaint": complaint.id, "result": "complaint"}
    if not record.customer_id and complaint.customer_id:
        changes["customer"] = complaint.customer_id
    save_changes(actor, record, changes, expected_version=record.version, summary=complaint.number)
    return record


@use_case
def register_complaint_from_contact(actor: User, contact_id: int, **fields: Any) -> Complaint:
    """The complaint an agent files from a contact, registered (``fields`` as for
    :func:`app.complaints.service.register_complaint`) and linked to the contact in one
    transaction: both are done, or neither (a contact gone meanwhile leaves no complaint)."""
    complaint = complaints.register_complaint(actor, **fields)
    link_complaint(actor, contact_id, complaint.id)
    return complaint


# --- reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactRow:
    """One contact as the register's lists show it (plain values, read off the GUI thread)."""

    id: int
    version: int
    came_in_at: dt.datetime
    answered_at: dt.datetime | None
    ended_at: dt.datetime | None
    channel: str
    channel_label: str
    customer_id: int | None
    customer_name: str
    contact: str
    topic: str
    result: str
    result_label: str
    order_no: str
    note: str
    complaint_id: int | None
    complaint_number: str
    callback_id: int | None
    agent_id: int | None
    agent_name: str
    agent_no: str

    @property
    def response_seconds(self) -> int | None:
        if self.answered_at is None:
            return None
        return int((self.answered_at - self.came_in_at).total_seconds())

    @property
    def minutes(self) -> float | None:
        if self.ended_at is None:
            return None
        return (self.ended_at - self.came_in_at).total_seconds() / 60


def _rows(query: Any) -> list[ContactRow]:
    records = list(query)
    users = {
        u.id: u
        for u in User.select(User.id, User.name, User.employee_no).where(
            User.id.in_({r.agent_id for r in records if r.agent_id} or {0})
        )
    }
    numbers = dict(
        Complaint.select(Complaint.id, Complaint.number)
        .where(Complaint.id.in_({r.complaint_id for r in records if r.complaint_id} or {0}))
        .tuples()
    )
    out = []
    for r in records:
        user = users.get(r.agent_id)
        out.append(
            ContactRow(
                id=r.id,
                version=r.version,
                came_in_at=r.came_in_at,
                answered_at=r.answered_at,
                ended_at=r.ended_at,
                channel=r.channel,
                channel_label=channel_label(r.channel),
                customer_id=r.customer_id,
                customer_name=r.customer_name,
                contact=display_contact(r.contact) if r.contact else "",
                topic=r.topic,
                result=r.result,
                result_label=result_label(r.result),
                order_no=r.order_no,
                note=r.note,
                complaint_id=r.complaint_id,
                complaint_number=numbers.get(r.complaint_id, ""),
                callback_id=r.callback_id,
                agent_id=r.agent_id,
                agent_name=user.name if user else "",
                agent_no=user.employee_no if user else "",
            )
        )
    return out


def contacts_between(
    start: dt.datetime, end: dt.datetime, agent_id: int | None = None
) -> list[ContactRow]:
    query = ContactRecord.select().where(
        ContactRecord.came_in_at >= start, ContactRecord.came_in_at < end
    )
    if agent_id is not None:
        query = query.where(ContactRecord.agent == agent_id)
    return _rows(query.order_by(ContactRecord.came_in_at, ContactRecord.id))


def contact_row(contact_id: int) -> ContactRow:
    [row] = _rows(ContactRecord.select().where(ContactRecord.id == get_contact(contact_id).id))
    return row


def todays_contacts(user: User, day: dt.date | None = None) -> list[ContactRow]:
    """The contacts the user took on ``day`` (today), newest first; a manager sees everyone's."""
    day = day or now().date()
    start = dt.datetime.combine(day, dt.time())
    agent_id = None if can(user, "worklog.review") else user.id
    return list(reversed(contacts_between(start, start + dt.timedelta(days=1), agent_id)))


def last_day_with_contacts(until: dt.date) -> dt.date | None:
    """The latest day up to ``until`` on which a contact came in (a day worth showing)."""
    end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time())
    row = (
        ContactRecord.select(ContactRecord.came_in_at)
        .where(ContactRecord.came_in_at < end)
        .order_by(ContactRecord.came_in_at.desc())
        .first()
    )
    return row.came_in_at.date() if row is not None else None


def contacts_of_customer(customer_id: int) -> list[ContactRow]:
    query = ContactRecord.select().where(ContactRecord.customer == customer_id)
    return _rows(query.order_by(ContactRecord.came_in_at.desc(), ContactRecord.id.desc()))


def contact_entries(customer_ids: list[int]) -> list[ContactRow]:
    """The contacts of these customers (one customer and those merged into it)."""
    query = ContactRecord.select().where(ContactRecord.customer.in_(customer_ids))
    return _rows(query.order_by(ContactRecord.came_in_at.desc(), ContactRecord.id.desc()))


def callback_of(contact_id: int) -> CallbackTask | None:
    record = get_contact(contact_id)
    return CallbackTask.get_or_none(CallbackTask.id == record.callback_id)


# --- the form's customer lookup ---------------------------------------------------------------


@dataclass(frozen=True)
class CustomerChoice:
    """A customer the typed phone may belong to, as the register's form offers it."""

    id: int
    name: str
    phones: str
    exact: bool  # one of its phones is exactly the typed number


def customers_for_phone(text: str, limit: int = 8) -> list[CustomerChoice]:
    """Customers whose phone holds the typed digits (at least 4), the exact owner first."""
    text = text.strip()
    if not looks_like_phone(text) or len(digits_of(text)) < 4:
        return []
    exact_id = None
    try:
        owner = find_by_phone(normalise_contact(text).value)
        exact_id = owner.id if owner is not None else None
    except ValidationError:
        pass
    found = search(text, limit=limit)
    if exact_id is not None and exact_id not in {c.id for c in found}:
        found.insert(0, Customer.get_by_id(exact_id))
    found.sort(key=lambda c: c.id != exact_id)
    phones, _tags = phones_and_tags([c.id for c in found])
    return [
        CustomerChoice(
            id=c.id,
            name=c.name,
            phones=contacts_text(phones[c.id]),
            exact=c.id == exact_id,
        )
        for c in found
    ]
