"""The audit trail as a manager reads it: who changed which record when, each change as the
field's label and its old and new value in the reader's language (status names, people's names,
yes/no), never column names or JSON. A read use case for the audit screen."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app import audit
from app.auth import require
from app.callbacks import service as callbacks
from app.complaints import labels as complaint_labels
from app.customers import codes as customer_codes
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.roster import leave, swaps
from models import AuditLog, User

CONTEXT = "AuditTrail"

# fields that only the program reads: never shown
HIDDEN_FIELDS = frozenset(
    {"id", "version", "sort_key", "password_hash", "daily_key", "event_key", "digits"}
)
# fields that hold a user's id
USER_FIELDS = frozenset(
    {
        "agent",
        "handler",
        "assignee",
        "requester",
        "colleague",
        "substitute",
        "decided_by",
        "created_by",
        "updated_by",
        "recorded_by",
        "author",
        "closed_by",
        "incoming",
        "outgoing",
        "user",
        "made_by",
        "commented_by",
        "installer",
    }
)

ACTIONS = {
    "create": QT_TRANSLATE_NOOP("AuditTrail", "created"),
    "update": QT_TRANSLATE_NOOP("AuditTrail", "changed"),
    "delete": QT_TRANSLATE_NOOP("AuditTrail", "deleted"),
    "merge": QT_TRANSLATE_NOOP("AuditTrail", "merged"),
    "login": QT_TRANSLATE_NOOP("AuditTrail", "logged in"),
}

TABLES = {
    "user": QT_TRANSLATE_NOOP("AuditTrail", "user"),
    "setting": QT_TRANSLATE_NOOP("AuditTrail", "setting"),
    "customer": QT_TRANSLATE_NOOP("AuditTrail", "customer"),
    "customer_phone": QT_TRANSLATE_NOOP("AuditTrail", "customer's phone"),
    "customer_tag": QT_TRANSLATE_NOOP("AuditTrail", "customer's tag"),
    "complaint": QT_TRANSLATE_NOOP("AuditTrail", "complaint"),
    "progress_step": QT_TRANSLATE_NOOP("AuditTrail", "complaint step"),
    "repair": QT_TRANSLATE_NOOP("AuditTrail", "repair"),
    "installation": QT_TRANSLATE_NOOP("AuditTrail", "installation"),
    "onboarding_request": QT_TRANSLATE_NOOP("AuditTrail", "onboarding"),
    "onboarding_step": QT_TRANSLATE_NOOP("AuditTrail", "onboarding step"),
    "callback_task": QT_TRANSLATE_NOOP("AuditTrail", "callback"),
    "callback_attempt": QT_TRANSLATE_NOOP("AuditTrail", "callback call"),
    "shift": QT_TRANSLATE_NOOP("AuditTrail", "shift"),
    "roster_entry": QT_TRANSLATE_NOOP("AuditTrail", "roster"),
    "holiday_override": QT_TRANSLATE_NOOP("AuditTrail", "holiday"),
    "swap_request": QT_TRANSLATE_NOOP("AuditTrail", "shift swap"),
    "leave_request": QT_TRANSLATE_NOOP("AuditTrail", "leave"),
    "handover_entry": QT_TRANSLATE_NOOP("AuditTrail", "handover"),
    "handover_issue": QT_TRANSLATE_NOOP("AuditTrail", "handover issue"),
    "phrase": QT_TRANSLATE_NOOP("AuditTrail", "phrase"),
    "contact_record": QT_TRANSLATE_NOOP("AuditTrail", "contact record"),
    "work_log": QT_TRANSLATE_NOOP("AuditTrail", "work log"),
    "work_summary": QT_TRANSLATE_NOOP("AuditTrail", "work summary"),
    "backup_record": QT_TRANSLATE_NOOP("AuditTrail", "backup"),
}

FIELDS = {
    "acknowledged_at": QT_TRANSLATE_NOOP("AuditTrail", "acknowledged at"),
    "active": QT_TRANSLATE_NOOP("AuditTrail", "active"),
    "address": QT_TRANSLATE_NOOP("AuditTrail", "address"),
    "agent": QT_TRANSLATE_NOOP("AuditTrail", "agent"),
    "agreed_date": QT_TRANSLATE_NOOP("AuditTrail", "agreed date"),
    "answered_at": QT_TRANSLATE_NOOP("AuditTrail", "answered at"),
    "assignee": QT_TRANSLATE_NOOP("AuditTrail", "assigned to"),
    "at": QT_TRANSLATE_NOOP("AuditTrail", "time"),
    "author": QT_TRANSLATE_NOOP("AuditTrail", "written by"),
    "author_name": QT_TRANSLATE_NOOP("AuditTrail", "written by"),
    "body": QT_TRANSLATE_NOOP("AuditTrail", "text"),
    "callback": QT_TRANSLATE_NOOP("AuditTrail", "callback"),
    "callbacks": QT_TRANSLATE_NOOP("AuditTrail", "callbacks"),
    "calls": QT_TRANSLATE_NOOP("AuditTrail", "calls"),
    "came_in_at": QT_TRANSLATE_NOOP("AuditTrail", "arrived at"),
    "category": QT_TRANSLATE_NOOP("AuditTrail", "category"),
    "channel": QT_TRANSLATE_NOOP("AuditTrail", "channel"),
    "closed_at": QT_TRANSLATE_NOOP("AuditTrail", "closed at"),
    "closed_by": QT_TRANSLATE_NOOP("AuditTrail", "closed by"),
    "code": QT_TRANSLATE_NOOP("AuditTrail", "code"),
    "colleague": QT_TRANSLATE_NOOP("AuditTrail", "colleague"),
    "colleague_answered_at": QT_TRANSLATE_NOOP("AuditTrail", "colleague answered at"),
    "comment": QT_TRANSLATE_NOOP("AuditTrail", "comment"),
    "commented_at": QT_TRANSLATE_NOOP("AuditTrail", "commented at"),
    "commented_by": QT_TRANSLATE_NOOP("AuditTrail", "commented by"),
    "complainant": QT_TRANSLATE_NOOP("AuditTrail", "complainant"),
    "complaint": QT_TRANSLATE_NOOP("AuditTrail", "complaint"),
    "complaints": QT_TRANSLATE_NOOP("AuditTrail", "complaints"),
    "completed_at": QT_TRANSLATE_NOOP("AuditTrail", "completed at"),
    "contact": QT_TRANSLATE_NOOP("AuditTrail", "contact"),
    "contact_person": QT_TRANSLATE_NOOP("AuditTrail", "contact person"),
    "content": QT_TRANSLATE_NOOP("AuditTrail", "content"),
    "created_at": QT_TRANSLATE_NOOP("AuditTrail", "created at"),
    "created_by": QT_TRANSLATE_NOOP("AuditTrail", "created by"),
    "customer": QT_TRANSLATE_NOOP("AuditTrail", "customer"),
    "customer_name": QT_TRANSLATE_NOOP("AuditTrail", "customer's name"),
    "day": QT_TRANSLATE_NOOP("AuditTrail", "day"),
    "decided_at": QT_TRANSLATE_NOOP("AuditTrail", "decided at"),
    "decided_by": QT_TRANSLATE_NOOP("AuditTrail", "decided by"),
    "decision_reason": QT_TRANSLATE_NOOP("AuditTrail", "reason for the decision"),
    "diagnosis": QT_TRANSLATE_NOOP("AuditTrail", "diagnosis"),
    "due_at": QT_TRANSLATE_NOOP("AuditTrail", "due"),
    "email": QT_TRANSLATE_NOOP("AuditTrail", "e-mail"),
    "employee_no": QT_TRANSLATE_NOOP("AuditTrail", "employee number"),
    "end_at": QT_TRANSLATE_NOOP("AuditTrail", "end"),
    "ended_at": QT_TRANSLATE_NOOP("AuditTrail", "ended at"),
    "engineer": QT_TRANSLATE_NOOP("AuditTrail", "engineer"),
    "equipment": QT_TRANSLATE_NOOP("AuditTrail", "equipment"),
    "factory_return": QT_TRANSLATE_NOOP("AuditTrail", "back to the factory"),
    "fault": QT_TRANSLATE_NOOP("AuditTrail", "fault"),
    "file": QT_TRANSLATE_NOOP("AuditTrail", "file"),
    "first_day": QT_TRANSLATE_NOOP("AuditTrail", "first day"),
    "gender": QT_TRANSLATE_NOOP("AuditTrail", "gender"),
    "give_date": QT_TRANSLATE_NOOP("AuditTrail", "day given"),
    "give_shift": QT_TRANSLATE_NOOP("AuditTrail", "shift given"),
    "hand_on": QT_TRANSLATE_NOOP("AuditTrail", "handed on"),
    "handler": QT_TRANSLATE_NOOP("AuditTrail", "handler"),
    "handling": QT_TRANSLATE_NOOP("AuditTrail", "handling"),
    "incoming": QT_TRANSLATE_NOOP("AuditTrail", "incoming agent"),
    "installation": QT_TRANSLATE_NOOP("AuditTrail", "installation"),
    "installed_date": QT_TRANSLATE_NOOP("AuditTrail", "installed on"),
    "installer": QT_TRANSLATE_NOOP("AuditTrail", "installer"),
    "is_holiday": QT_TRANSLATE_NOOP("AuditTrail", "holiday"),
    "key": QT_TRANSLATE_NOOP("AuditTrail", "setting"),
    "kind": QT_TRANSLATE_NOOP("AuditTrail", "kind"),
    "knowledge_base_at": QT_TRANSLATE_NOOP("AuditTrail", "in the knowledge base since"),
    "label": QT_TRANSLATE_NOOP("AuditTrail", "label"),
    "last_login_at": QT_TRANSLATE_NOOP("AuditTrail", "last login"),
    "leave": QT_TRANSLATE_NOOP("AuditTrail", "leave"),
    "loaner_back_at": QT_TRANSLATE_NOOP("AuditTrail", "loaner returned on"),
    "loaner_out_at": QT_TRANSLATE_NOOP("AuditTrail", "loaner lent on"),
    "loaner_unit": QT_TRANSLATE_NOOP("AuditTrail", "loaner unit"),
    "login": QT_TRANSLATE_NOOP("AuditTrail", "login"),
    "made_at": QT_TRANSLATE_NOOP("AuditTrail", "made at"),
    "made_by": QT_TRANSLATE_NOOP("AuditTrail", "made by"),
    "merged_into": QT_TRANSLATE_NOOP("AuditTrail", "merged into"),
    "name": QT_TRANSLATE_NOOP("AuditTrail", "name"),
    "next_at": QT_TRANSLATE_NOOP("AuditTrail", "call again at"),
    "note": QT_TRANSLATE_NOOP("AuditTrail", "note"),
    "notes": QT_TRANSLATE_NOOP("AuditTrail", "notes"),
    "number": QT_TRANSLATE_NOOP("AuditTrail", "number"),
    "on_date": QT_TRANSLATE_NOOP("AuditTrail", "date"),
    "onsite_needed": QT_TRANSLATE_NOOP("AuditTrail", "visit needed"),
    "opened_in": QT_TRANSLATE_NOOP("AuditTrail", "opened in"),
    "opinions": QT_TRANSLATE_NOOP("AuditTrail", "opinions"),
    "order_no": QT_TRANSLATE_NOOP("AuditTrail", "order number"),
    "organisation": QT_TRANSLATE_NOOP("AuditTrail", "organisation"),
    "outgoing": QT_TRANSLATE_NOOP("AuditTrail", "outgoing agent"),
    "override_reason": QT_TRANSLATE_NOOP("AuditTrail", "reason for the exception"),
    "period": QT_TRANSLATE_NOOP("AuditTrail", "period"),
    "phone": QT_TRANSLATE_NOOP("AuditTrail", "phone"),
    "principles": QT_TRANSLATE_NOOP("AuditTrail", "handling principles"),
    "product": QT_TRANSLATE_NOOP("AuditTrail", "product"),
    "promised_at": QT_TRANSLATE_NOOP("AuditTrail", "promised by"),
    "reason": QT_TRANSLATE_NOOP("AuditTrail", "reason"),
    "received_at": QT_TRANSLATE_NOOP("AuditTrail", "received at"),
    "recorded_by": QT_TRANSLATE_NOOP("AuditTrail", "recorded by"),
    "removed_at": QT_TRANSLATE_NOOP("AuditTrail", "removed at"),
    "repair": QT_TRANSLATE_NOOP("AuditTrail", "repair"),
    "reported_at": QT_TRANSLATE_NOOP("AuditTrail", "reported at"),
    "request": QT_TRANSLATE_NOOP("AuditTrail", "request"),
    "requester": QT_TRANSLATE_NOOP("AuditTrail", "requested by"),
    "resolution": QT_TRANSLATE_NOOP("AuditTrail", "resolution"),
    "resolved_at": QT_TRANSLATE_NOOP("AuditTrail", "resolved at"),
    "result": QT_TRANSLATE_NOOP("AuditTrail", "result"),
    "return_date": QT_TRANSLATE_NOOP("AuditTrail", "day returned"),
    "return_shift": QT_TRANSLATE_NOOP("AuditTrail", "shift returned"),
    "role": QT_TRANSLATE_NOOP("AuditTrail", "role"),
    "rule_results": QT_TRANSLATE_NOOP("AuditTrail", "rule results"),
    "satisfaction": QT_TRANSLATE_NOOP("AuditTrail", "satisfaction"),
    "segments": QT_TRANSLATE_NOOP("AuditTrail", "segments"),
    "serial_no": QT_TRANSLATE_NOOP("AuditTrail", "serial number"),
    "service_order_no": QT_TRANSLATE_NOOP("AuditTrail", "service order"),
    "severity": QT_TRANSLATE_NOOP("AuditTrail", "severity"),
    "shift": QT_TRANSLATE_NOOP("AuditTrail", "shift"),
    "sort_order": QT_TRANSLATE_NOOP("AuditTrail", "order"),
    "source": QT_TRANSLATE_NOOP("AuditTrail", "source"),
    "staffing": QT_TRANSLATE_NOOP("AuditTrail", "staffing"),
    "stage": QT_TRANSLATE_NOOP("AuditTrail", "stage"),
    "stage_since": QT_TRANSLATE_NOOP("AuditTrail", "stage since"),
    "start_at": QT_TRANSLATE_NOOP("AuditTrail", "start"),
    "status": QT_TRANSLATE_NOOP("AuditTrail", "status"),
    "substitute": QT_TRANSLATE_NOOP("AuditTrail", "substitute"),
    "suggestions": QT_TRANSLATE_NOOP("AuditTrail", "suggestions"),
    "summary": QT_TRANSLATE_NOOP("AuditTrail", "summary"),
    "survey": QT_TRANSLATE_NOOP("AuditTrail", "survey"),
    "swap": QT_TRANSLATE_NOOP("AuditTrail", "shift swap"),
    "tag": QT_TRANSLATE_NOOP("AuditTrail", "tag"),
    "task": QT_TRANSLATE_NOOP("AuditTrail", "callback"),
    "text": QT_TRANSLATE_NOOP("AuditTrail", "text"),
    "title": QT_TRANSLATE_NOOP("AuditTrail", "title"),
    "topic": QT_TRANSLATE_NOOP("AuditTrail", "topic"),
    "updated_at": QT_TRANSLATE_NOOP("AuditTrail", "updated at"),
    "updated_by": QT_TRANSLATE_NOOP("AuditTrail", "updated by"),
    "user": QT_TRANSLATE_NOOP("AuditTrail", "user"),
    "value": QT_TRANSLATE_NOOP("AuditTrail", "value"),
    "verified": QT_TRANSLATE_NOOP("AuditTrail", "checked"),
    "voided": QT_TRANSLATE_NOOP("AuditTrail", "void"),
    "weekend": QT_TRANSLATE_NOOP("AuditTrail", "weekend"),
}


def _status(table: str, code: str) -> str:
    by_table: dict[str, Callable[[str], str]] = {
        "complaint": complaint_labels.status_label,
        "swap_request": swaps.state_label,
        "leave_request": leave.state_label,
        "callback_task": callbacks.status_label,
        "repair": customer_codes.repair_status_label,
    }
    label = by_table.get(table)
    return label(code) if label is not None else code


# (table or "*", field) -> how a stored code reads
CODE_LABELS: dict[tuple[str, str], Callable[[str], str]] = {
    ("complaint", "channel"): complaint_labels.channel_label,
    ("complaint", "category"): complaint_labels.category_label,
    ("complaint", "severity"): complaint_labels.severity_label,
    ("progress_step", "kind"): complaint_labels.step_label,
    ("callback_task", "kind"): callbacks.kind_label,
    ("callback_attempt", "result"): callbacks.result_label,
    ("leave_request", "kind"): leave.kind_label,
    ("repair", "handling"): customer_codes.handling_label,
    ("repair", "diagnosis"): customer_codes.diagnosis_label,
    ("customer", "gender"): customer_codes.gender_label,
}


def table_label(table: str) -> str:
    return translate(CONTEXT, TABLES[table]) if table in TABLES else table.replace("_", " ")


def action_label(action: str) -> str:
    return translate(CONTEXT, ACTIONS[action]) if action in ACTIONS else action


def field_label(field: str) -> str:
    return translate(CONTEXT, FIELDS[field]) if field in FIELDS else field.replace("_", " ")


class ValueText:
    """Renders stored values for reading: people by name, codes by label, no JSON."""

    def __init__(self) -> None:
        self._names: dict[int, str] | None = None

    def person(self, user_id: int) -> str:
        if self._names is None:
            self._names = {u.id: f"{u.name} ({u.employee_no})" for u in User.select()}
        return self._names.get(user_id, f"#{user_id}")

    def __call__(self, table: str, field: str, value: Any) -> str:
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return translate("AuditTrail", "yes") if value else translate("AuditTrail", "no")
        if field in USER_FIELDS and isinstance(value, int):
            return self.person(value)
        if field == "status" and isinstance(value, str):
            return _status(table, value)
        if field == "satisfaction" and isinstance(value, int):
            return f"{value} · {complaint_labels.satisfaction_label(value)}"
        label = CODE_LABELS.get((table, field))
        if label is not None and isinstance(value, str):
            return label(value)
        if field == "principles":
            codes = _json_list(value)
            if codes is not None:
                return "、".join(complaint_labels.principle_label(c) for c in codes) or "—"
        if field == "rule_results":
            return translate("AuditTrail", "checked again")
        if isinstance(value, list):
            return "、".join(self(table, field, v) for v in value) or "—"
        if isinstance(value, dict):
            return "; ".join(f"{k}: {self(table, str(k), v)}" for k, v in value.items())
        return str(value)


def _json_list(value: Any) -> list | None:
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        try:
            found = json.loads(value)
        except ValueError:
            return None
        return found if isinstance(found, list) else None
    return None


@dataclass(frozen=True)
class Change:
    field: str  # the label
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.field}: {self.old} → {self.new}"


@dataclass(frozen=True)
class TrailRow:
    at: dt.datetime
    who: str
    action: str
    record: str
    summary: str
    changes: list[Change]

    @property
    def changes_text(self) -> str:
        return "; ".join(str(c) for c in self.changes)


def describe(entry: AuditLog, values: ValueText | None = None) -> TrailRow:
    values = values or ValueText()
    changes = [
        Change(
            field_label(field),
            values(entry.table, field, pair[0] if isinstance(pair, list) and pair else None),
            values(
                entry.table, field, pair[1] if isinstance(pair, list) and len(pair) > 1 else pair
            ),
        )
        for field, pair in audit.changes_of(entry).items()
        if field not in HIDDEN_FIELDS
    ]
    record = table_label(entry.table)
    if entry.record_id:
        record += f" #{entry.record_id}"
    return TrailRow(
        at=entry.at,
        who=entry.user.name if entry.user is not None else "",
        action=action_label(entry.action),
        record=record,
        summary=entry.summary,
        changes=changes,
    )


def entry(audit_id: int) -> TrailRow | None:
    """One entry for reading (a record's own history shows its changes to whoever works on it)."""
    found = AuditLog.get_or_none(AuditLog.id == audit_id)
    return describe(found) if found is not None else None


@dataclass(frozen=True)
class Choices:
    tables: list[tuple[str, str]]  # (code, label)
    users: list[tuple[int, str]]


def choices(actor: User) -> Choices:
    """What the audit screen's filters offer."""
    require(actor, "audit.view")
    tables = sorted({row.table for row in AuditLog.select(AuditLog.table).distinct()})
    return Choices(
        tables=[(t, table_label(t)) for t in tables],
        users=[
            (u.id, f"{u.name} ({u.employee_no})") for u in User.select().order_by(User.employee_no)
        ],
    )


def rows(
    actor: User,
    *,
    table: str | None = None,
    user_id: int | None = None,
    action: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    text: str | None = None,
    limit: int = 500,
    offset: int = 0,
) -> list[TrailRow]:
    """Audit entries newest first, filtered, for reading (permission ``audit.view``)."""
    require(actor, "audit.view")
    entries = audit.browse(
        table=table,
        user_id=user_id,
        action=action,
        since=since,
        until=until,
        text=text,
        limit=limit,
        offset=offset,
    )
    values = ValueText()
    return [describe(entry, values) for entry in entries]
