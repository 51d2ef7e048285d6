"""One customer's whole history, newest first: complaints, callbacks, repairs, installations,
onboarding steps and the audited changes to the record itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import peewee

from app import audit, audit_trail, clock, sentences
from app.callbacks.due import timing as callback_timing
from app.callbacks.labels import kind_label as callback_kind_label
from app.callbacks.labels import status_label as callback_status_label
from app.callbacks.lists import rows_for as callback_rows
from app.callbacks.workflow import OPEN_STATUSES as CALLBACK_OPEN
from app.calls.service import contact_entries
from app.complaints.labels import status_label as complaint_status_label
from app.complaints.service import is_overdue
from app.contacts import display_contact
from app.customers import installations
from app.customers.codes import repair_status_label, stage_label
from app.customers.customers import merged_ids
from app.field_labels import field_label as any_field_label
from app.i18n import translate
from models import (
    AuditLog,
    CallbackTask,
    Complaint,
    Installation,
    OnboardingRequest,
    OnboardingStep,
    Repair,
    User,
)

KINDS = ("complaint", "contact", "callback", "repair", "installation", "onboarding", "change")


@dataclass
class TimelineEntry:
    at: dt.datetime
    kind: str  # one of KINDS
    title: str
    detail: str = ""
    area: str = "customers"  # the area that opens the record
    target: dict[str, Any] = field(default_factory=dict)  # open_record(**target) there
    alert: bool = False  # late, overdue, stuck: shown in red


def kind_label(kind: str) -> str:
    return {
        "complaint": translate("Timeline", "Complaint"),
        "contact": translate("Timeline", "Contact"),
        "callback": translate("Timeline", "Callback"),
        "repair": translate("Timeline", "Repair"),
        "installation": translate("Timeline", "Installation"),
        "onboarding": translate("Timeline", "Onboarding"),
        "change": translate("Timeline", "Record change"),
    }.get(kind, kind)


def field_label(name: str) -> str:
    return {
        "kind": translate("Customers", "Type"),
        "name": translate("Customers", "Name"),
        "organisation": translate("Customers", "Organisation"),
        "contact_person": translate("Customers", "Contact person"),
        "phones": translate("Customers", "Phones"),
        "email": translate("Customers", "E-mail"),
        "address": translate("Customers", "Address"),
        "gender": translate("Customers", "Gender"),
        "tags": translate("Customers", "Tags"),
        "source": translate("Customers", "Source"),
        "notes": translate("Customers", "Notes"),
        "merged_from": translate("Customers", "Merged from No."),
        "merged_into": translate("Customers", "Merged into No."),
    }.get(name) or any_field_label(name)


def name_of(user: User | None) -> str:
    """A user's name, or nothing for a record whose user was removed."""
    return user.name if user is not None else ""


def _at(value: dt.date | dt.datetime | None) -> dt.datetime:
    if value is None:
        return dt.datetime.min
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time.min)


def _short(text: str, n: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _value_text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return "; ".join(display_contact(str(v)) for v in value) or "—"
    return _short(str(value), 40)


def describe_changes(changes: dict[str, list], values: audit_trail.ValueText) -> str:
    """A change of the customer's record: the fields by their labels, codes by their words,
    people by name, phones as they are read out."""
    parts = []
    for name, pair in changes.items():
        if name in audit_trail.HIDDEN_FIELDS or name == "moved":
            continue
        if not isinstance(pair, list) or len(pair) != 2:
            continue
        old, new = (
            (_value_text(v) if name == "phones" else _short(values("customer", name, v), 40))
            for v in pair
        )
        parts.append(f"{field_label(name)}: {old} → {new}")
    return "; ".join(parts)


def timeline(customer_id: int, today: dt.date | None = None) -> list[TimelineEntry]:
    """Every event of the customer (and of records merged into it), newest first."""
    today = today or clock.today()
    ids = merged_ids(customer_id)
    entries: list[TimelineEntry] = []
    for c in Complaint.select().where(Complaint.customer.in_(ids)):
        overdue = is_overdue(c)
        entries.append(
            TimelineEntry(
                at=c.received_at,
                kind="complaint",
                title=translate("Timeline", "Complaint {number} ({status})").format(
                    number=c.number, status=complaint_status_label(c.status)
                ),
                detail=_short(c.content),
                area="complaints",
                target={"complaint_id": c.id},
                alert=overdue,
            )
        )
    for contact in contact_entries(ids):
        entries.append(
            TimelineEntry(
                at=contact.came_in_at,
                kind="contact",
                title=translate("Timeline", "{channel}: {topic} ({result})").format(
                    channel=contact.channel_label, topic=contact.topic, result=contact.result_label
                ),
                detail=" · ".join(x for x in (contact.agent_name, _short(contact.note)) if x),
                area="calls",
                target={"contact_id": contact.id},
            )
        )
    tasks = list(CallbackTask.select().where(CallbackTask.customer.in_(ids)))
    for t, row in zip(tasks, callback_rows(tasks), strict=True):
        at = t.completed_at or t.due_at
        entries.append(
            TimelineEntry(
                at=at,
                kind="callback",
                title=translate("Timeline", "{kind} ({status})").format(
                    kind=callback_kind_label(t.kind), status=callback_status_label(t.status)
                ),
                detail=_short(t.opinions or row.reason),
                area="callbacks",
                target={"task_id": t.id},
                alert=t.status in CALLBACK_OPEN and callback_timing(t.due_at, today) == "overdue",
            )
        )
    for r in Repair.select().where(Repair.customer.in_(ids)):
        entries.append(
            TimelineEntry(
                at=r.reported_at,
                kind="repair",
                title=translate("Timeline", "Repair reported: {product} ({status})").format(
                    product=r.product or "—", status=repair_status_label(r.status)
                ),
                detail=_short(r.fault),
                target={"repair_id": r.id},
            )
        )
        if r.closed_at is not None:
            entries.append(
                TimelineEntry(
                    at=r.closed_at,
                    kind="repair",
                    title=translate("Timeline", "Repair closed: {product}").format(
                        product=r.product or "—"
                    ),
                    detail=_short(r.result),
                    target={"repair_id": r.id},
                )
            )
        if r.knowledge_base_at is not None:
            entries.append(
                TimelineEntry(
                    at=r.knowledge_base_at,
                    kind="repair",
                    title=translate("Timeline", "Repair solution entered in the knowledge base"),
                    detail=_short(r.result),
                    target={"repair_id": r.id},
                )
            )
        if r.loaner_out_at is not None:
            entries.append(
                TimelineEntry(
                    at=_at(r.loaner_out_at),
                    kind="repair",
                    title=translate("Timeline", "Loaner {unit} lent").format(unit=r.loaner_unit),
                    detail=(
                        translate("Timeline", "returned {date}").format(
                            date=r.loaner_back_at.isoformat()
                        )
                        if r.loaner_back_at
                        else translate("Timeline", "still out")
                    ),
                    target={"repair_id": r.id},
                    alert=r.loaner_back_at is None and r.status == "closed",
                )
            )
    for i in Installation.select().where(Installation.customer.in_(ids)):
        late = installations.is_late(i, today)
        if i.installed_date is not None:
            title = translate("Timeline", "Installed: {product}").format(product=i.product)
            detail = translate("Timeline", "agreed {agreed}, installed {actual}").format(
                agreed=i.agreed_date.isoformat(), actual=i.installed_date.isoformat()
            )
        elif late:
            title = translate("Timeline", "Installation late: {product}").format(product=i.product)
            detail = translate("Timeline", "agreed {agreed}, {days} days late").format(
                agreed=i.agreed_date.isoformat(), days=(today - i.agreed_date).days
            )
        else:
            title = translate("Timeline", "Installation agreed: {product}").format(
                product=i.product
            )
            detail = translate("Timeline", "agreed {agreed}").format(
                agreed=i.agreed_date.isoformat()
            )
        entries.append(
            TimelineEntry(
                at=_at(i.installed_date or i.agreed_date),
                kind="installation",
                title=title,
                detail=detail,
                target={"installation_id": i.id},
                alert=late,
            )
        )
    steps = (
        OnboardingStep.select(OnboardingStep, OnboardingRequest, User)
        .join(OnboardingRequest)
        .switch(OnboardingStep)
        .join(User, join_type=peewee.JOIN.LEFT_OUTER, on=(OnboardingStep.recorded_by == User.id))
        .where(OnboardingRequest.customer.in_(ids))
    )
    for s in steps:
        who = name_of(s.recorded_by)
        entries.append(
            TimelineEntry(
                at=_at(s.on_date),
                kind="onboarding",
                title=stage_label(s.stage),
                detail=" · ".join(x for x in (who, _short(sentences.read(s.note))) if x),
                target={"onboarding_id": s.request_id},
            )
        )
    changes = (
        AuditLog.select(AuditLog, User)
        .join(User, join_type=peewee.JOIN.LEFT_OUTER)
        .where(AuditLog.table == "customer", AuditLog.record_id.in_(ids))
    )
    values = audit_trail.ValueText()  # the fields by their labels, codes by their words
    for entry in changes:
        who = name_of(entry.user)
        action = {
            "create": translate("Timeline", "Record created"),
            "update": translate("Timeline", "Record changed"),
            "merge": translate("Timeline", "Records merged"),
        }.get(entry.action, entry.action)
        entries.append(
            TimelineEntry(
                at=entry.at,
                kind="change",
                title=f"{action} · {who}" if who else action,
                detail=_short(describe_changes(audit.changes_of(entry), values), 120),
                target={"customer_id": customer_id, "audit_id": entry.id},
            )
        )
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries
