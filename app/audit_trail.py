"""The audit trail as a manager reads it: who changed which record when, each change as the
field's label and its old and new value in the reader's language (status names, people's names,
yes/no), never column names or JSON. A read use case for the audit screen."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app import audit, sentences, settings
from app.auth import require
from app.callbacks import labels as callbacks
from app.calls.service import result_label as contact_result_label
from app.complaints import labels as complaint_labels
from app.customers import codes as customer_codes
from app.field_labels import field_label
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.roster import leave, swaps
from models import AuditLog, User

CONTEXT = "AuditTrail"

# fields that only the program reads: never shown
HIDDEN_FIELDS = frozenset(
    {"id", "version", "sort_key", "password_hash", "daily_key", "event_key", "digits", "sha256"}
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
    "import": QT_TRANSLATE_NOOP("AuditTrail", "imported"),
    "login_failed": QT_TRANSLATE_NOOP("AuditTrail", "login failed"),
    "demo": QT_TRANSLATE_NOOP("AuditTrail", "demo data"),
    "backup": QT_TRANSLATE_NOOP("AuditTrail", "backed up"),
    "restore": QT_TRANSLATE_NOOP("AuditTrail", "restored"),
}
# who did what no user did (a backup before an upgrade, made as the program starts)
NOBODY = QT_TRANSLATE_NOOP("AuditTrail", "(the program)")

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
    ("customer", "kind"): customer_codes.kind_label,
    ("contact_record", "channel"): complaint_labels.channel_label,
    ("contact_record", "result"): contact_result_label,
    ("work_summary", "period"): sentences.work_period_label,
}


def table_label(table: str) -> str:
    return translate(CONTEXT, TABLES[table]) if table in TABLES else table.replace("_", " ")


def action_label(action: str) -> str:
    return translate(CONTEXT, ACTIONS[action]) if action in ACTIONS else action


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
        if isinstance(value, str):
            return sentences.read(value)  # a sentence the program wrote, in the reader's language
        if isinstance(value, list):
            return "、".join(self(table, field, v) for v in value) or "—"
        if isinstance(value, dict):
            return "; ".join(
                f"{field_label(str(k))}: {self(table, str(k), v)}" for k, v in value.items()
            )
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
    label = settings.label if entry.table == "setting" else field_label
    changes = [
        Change(
            label(field),
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
        who=entry.user.name if entry.user is not None else translate(CONTEXT, NOBODY),
        action=action_label(entry.action),
        record=record,
        # a setting's row named its key before: by its name
        summary=settings.label(entry.summary)
        if entry.table == "setting"
        else sentences.read(entry.summary),
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
