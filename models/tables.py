"""Every table of the domain (DOMAIN.md), with the indexes their screens need.

Codes (roles, statuses, channels, ...) are stored as short English strings and translated at
display time; the lists of valid codes live in ``app/``.
"""

from __future__ import annotations

import peewee as pw

from models.base import (
    BaseModel,
    CharField,
    DateField,
    DateTimeField,
    TextField,
    VersionedModel,
    now,
)

# --- the team -------------------------------------------------------------------------------


class SchemaVersion(BaseModel):
    """One row: the schema version this database has been migrated to."""

    version = pw.IntegerField()
    migrated_at = DateTimeField(default=now)


class Setting(VersionedModel):
    """Team-wide settings, shared by every desk: values are JSON text."""

    key = CharField(max_length=80, unique=True)
    value = TextField()


class User(VersionedModel):
    login = CharField(max_length=40, unique=True)
    name = CharField(max_length=60)
    employee_no = CharField(max_length=20, unique=True)
    role = CharField(max_length=10, index=True)  # agent | manager | admin
    password_hash = CharField(max_length=255)
    active = pw.BooleanField(default=True)
    last_login_at = DateTimeField(null=True)


class AuditLog(BaseModel):
    at = DateTimeField(default=now, index=True)
    user = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="audit_entries")
    action = CharField(max_length=20, index=True)  # create | update | delete | merge | login ...
    table = CharField(max_length=40)
    record_id = pw.IntegerField(null=True)
    # data as written (a number, a name), or a sentence as its key and values (app.sentences)
    summary = TextField(default="")
    changes = TextField(default="{}")  # JSON: {"field": [old, new], ...}

    class Meta:
        indexes = ((("table", "record_id"), False),)


# --- customers ------------------------------------------------------------------------------


class Customer(VersionedModel):
    kind = CharField(max_length=12, default="person")  # person | organisation
    name = CharField(max_length=120, index=True)
    organisation = CharField(max_length=120, default="", index=True)
    contact_person = CharField(max_length=60, default="")
    email = CharField(max_length=120, default="")
    address = CharField(max_length=250, default="")
    gender = CharField(max_length=8, default="")  # "" | male | female
    source = CharField(max_length=60, default="")
    notes = TextField(default="")
    merged_into = pw.ForeignKeyField("self", null=True, on_delete="SET NULL", backref="merged")
    created_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")


class CustomerPhone(BaseModel):
    customer = pw.ForeignKeyField(Customer, backref="phones", on_delete="CASCADE")
    phone = CharField(max_length=40, index=True)  # normalised: digits, leading + kept
    digits = CharField(max_length=40, default="", index=True)  # digits only, for lookup
    label = CharField(max_length=20, default="")


class CustomerTag(BaseModel):
    customer = pw.ForeignKeyField(Customer, backref="tag_rows", on_delete="CASCADE")
    tag = CharField(max_length=40, index=True)

    class Meta:
        indexes = ((("customer", "tag"), True),)


# --- complaints -----------------------------------------------------------------------------


class ComplaintNumberSequence(BaseModel):
    """The last sequence number given out for one received date (``YYYYMMDD``)."""

    day = CharField(max_length=8, primary_key=True)
    last = pw.IntegerField(default=0)


class Complaint(VersionedModel):
    number = CharField(max_length=20, unique=True)
    # the number in sortable form: day and a zero-padded sequence (20261125-1000 after -999)
    sort_key = CharField(max_length=24, default="", index=True)
    received_at = DateTimeField(index=True)
    complainant = CharField(max_length=120)
    contact = CharField(max_length=120, index=True)  # normalised
    customer = pw.ForeignKeyField(Customer, null=True, on_delete="SET NULL", backref="complaints")
    channel = CharField(max_length=20)
    category = CharField(max_length=40, index=True)
    severity = CharField(max_length=10, default="normal")  # normal | serious | major
    order_no = CharField(max_length=60, default="", index=True)
    content = TextField()
    result = TextField(default="")
    satisfaction = pw.IntegerField(null=True)  # 1..5
    status = CharField(max_length=12, default="open", index=True)
    handler = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="complaints")
    promised_at = DateTimeField(null=True, index=True)
    resolved_at = DateTimeField(null=True)
    closed_at = DateTimeField(null=True)
    principles = TextField(default="[]")  # JSON list of the handling principles ticked
    voided = pw.BooleanField(default=False)
    created_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")

    class Meta:
        indexes = (
            (("status", "promised_at"), False),
            (("handler", "status"), False),
        )


class ProgressStep(BaseModel):
    complaint = pw.ForeignKeyField(Complaint, backref="steps", on_delete="CASCADE")
    at = DateTimeField(default=now)
    author = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    kind = CharField(max_length=20)  # phone | engineer | remote | onsite | note | status
    note = TextField(default="")
    author_name = CharField(max_length=60, default="")  # as imported when no user matches
    # a step the program writes (a status change, a reassignment, voiding, a callback's outcome)
    # is a code with its values, JSON {"event": ..., ...}, shown in the reader's language; the
    # note then holds only what a person wrote (the reason)
    params = TextField(default="", constraints=[pw.SQL("DEFAULT ''")])


# --- repairs, installations, onboarding -----------------------------------------------------


class Repair(VersionedModel):
    customer = pw.ForeignKeyField(Customer, backref="repairs", on_delete="CASCADE")
    reported_at = DateTimeField(default=now, index=True)
    product = CharField(max_length=120, default="")
    serial_no = CharField(max_length=60, default="")
    fault = TextField()
    handling = CharField(max_length=20, default="phone")  # phone | service_order
    service_order_no = CharField(max_length=40, default="")
    engineer = CharField(max_length=60, default="")
    diagnosis = CharField(max_length=10, default="")  # "" | software | hardware
    factory_return = pw.BooleanField(default=False)
    loaner_unit = CharField(max_length=60, default="")
    loaner_out_at = DateField(null=True)
    loaner_back_at = DateField(null=True)
    result = TextField(default="")
    status = CharField(max_length=10, default="open", index=True)  # open | closed
    closed_at = DateTimeField(null=True)
    # when the solution was entered into the team's knowledge base 知识库 (the last step)
    knowledge_base_at = DateTimeField(null=True)
    handler = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")


class Installation(VersionedModel):
    customer = pw.ForeignKeyField(Customer, backref="installations", on_delete="CASCADE")
    product = CharField(max_length=120)
    agreed_date = DateField(index=True)
    installed_date = DateField(null=True, index=True)
    installer = CharField(max_length=60, default="")
    notes = TextField(default="")
    handler = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")


class OnboardingRequest(VersionedModel):
    customer = pw.ForeignKeyField(Customer, backref="onboarding_requests", on_delete="CASCADE")
    stage = CharField(max_length=20, default="received", index=True)
    stage_since = DateField(null=True)
    notes = TextField(default="")
    handler = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")


class OnboardingStep(BaseModel):
    request = pw.ForeignKeyField(OnboardingRequest, backref="steps", on_delete="CASCADE")
    stage = CharField(max_length=20)
    on_date = DateField()
    recorded_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    note = TextField(default="")


# --- callbacks ------------------------------------------------------------------------------


class CallbackTask(VersionedModel):
    kind = CharField(max_length=12, index=True)  # purchase | repair | complaint | care
    customer = pw.ForeignKeyField(Customer, null=True, backref="callbacks", on_delete="SET NULL")
    complaint = pw.ForeignKeyField(Complaint, null=True, backref="callbacks", on_delete="SET NULL")
    repair = pw.ForeignKeyField(Repair, null=True, backref="callbacks", on_delete="SET NULL")
    installation = pw.ForeignKeyField(
        Installation, null=True, backref="callbacks", on_delete="SET NULL"
    )
    event_key = CharField(max_length=80)  # the event that made it; unique per kind
    due_at = DateTimeField(index=True)
    assignee = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="callbacks")
    reason = CharField(max_length=200, default="")
    status = CharField(max_length=12, default="pending", index=True)
    satisfaction = pw.IntegerField(null=True)
    survey = TextField(default="{}")  # JSON: question -> answer
    opinions = TextField(default="")
    onsite_needed = pw.BooleanField(default=False)
    completed_at = DateTimeField(null=True)

    class Meta:
        indexes = (
            (("kind", "event_key"), True),
            (("assignee", "status", "due_at"), False),
        )


class CallbackAttempt(BaseModel):
    task = pw.ForeignKeyField(CallbackTask, backref="attempts", on_delete="CASCADE")
    at = DateTimeField(default=now)
    agent = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    result = CharField(max_length=12)  # reached | no_answer | wrong_number | reschedule
    next_at = DateTimeField(null=True)
    note = TextField(default="")


# --- roster, swaps, leave, handover ---------------------------------------------------------


class Shift(VersionedModel):
    code = CharField(max_length=20, unique=True)
    name = CharField(max_length=40)
    segments = CharField(max_length=80)  # "08:00-12:00,14:00-18:00"
    weekend = pw.BooleanField(default=False)
    active = pw.BooleanField(default=True)
    sort_order = pw.IntegerField(default=0)


class SwapRequest(VersionedModel):
    requester = pw.ForeignKeyField(User, backref="swaps_requested", on_delete="CASCADE")
    colleague = pw.ForeignKeyField(User, backref="swaps_offered", on_delete="CASCADE")
    give_date = DateField(index=True)  # the requester's shift the colleague takes
    give_shift = pw.ForeignKeyField(Shift, on_delete="CASCADE", backref="+")
    return_date = DateField(index=True)  # the colleague's shift the requester takes (还班)
    return_shift = pw.ForeignKeyField(Shift, on_delete="CASCADE", backref="+")
    reason = TextField(default="")
    status = CharField(max_length=20, default="pending_colleague", index=True)
    rule_results = TextField(default="[]")  # JSON, as last checked
    colleague_answered_at = DateTimeField(null=True)
    decided_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    decided_at = DateTimeField(null=True)
    decision_reason = TextField(default="")
    override_reason = TextField(default="")


class LeaveRequest(VersionedModel):
    agent = pw.ForeignKeyField(User, backref="leave_requests", on_delete="CASCADE")
    start_at = DateTimeField(index=True)
    end_at = DateTimeField()
    kind = CharField(max_length=20, default="personal")
    reason = TextField(default="")
    substitute = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    status = CharField(max_length=12, default="pending", index=True)
    rule_results = TextField(default="[]")
    decided_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    decided_at = DateTimeField(null=True)
    decision_reason = TextField(default="")
    override_reason = TextField(default="")


class RosterEntry(BaseModel):
    on_date = DateField(index=True)
    shift = pw.ForeignKeyField(Shift, on_delete="CASCADE")
    agent = pw.ForeignKeyField(User, on_delete="CASCADE", backref="roster_entries")
    swap = pw.ForeignKeyField(
        SwapRequest, null=True, on_delete="SET NULL", backref="roster_entries"
    )
    # the approved leave whose substitute took this shift over (the entry is the substitute's)
    leave = pw.ForeignKeyField(
        LeaveRequest, null=True, on_delete="SET NULL", backref="covered_entries"
    )
    note = CharField(max_length=200, default="")

    class Meta:
        indexes = (
            (("on_date", "shift", "agent"), True),
            (("agent", "on_date"), False),
        )


class HolidayOverride(VersionedModel):
    """A manager's word on one day the holiday library does not know yet."""

    on_date = DateField(unique=True)
    is_holiday = pw.BooleanField()  # False: an adjusted working day (调休上班)
    name = CharField(max_length=60, default="")
    created_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")


class HandoverEntry(VersionedModel):
    at = DateTimeField(default=now, index=True)
    outgoing = pw.ForeignKeyField(User, on_delete="CASCADE", backref="handovers_out")
    incoming = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="handovers_in")
    shift = pw.ForeignKeyField(Shift, null=True, on_delete="SET NULL")
    equipment = TextField(default="")
    staffing = TextField(default="")
    notes = TextField(default="")
    acknowledged_at = DateTimeField(null=True)


class HandoverIssue(VersionedModel):
    opened_in = pw.ForeignKeyField(HandoverEntry, backref="issues_opened", on_delete="CASCADE")
    text = TextField()
    closed_at = DateTimeField(null=True, index=True)
    closed_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    resolution = TextField(default="")


# --- phrases and work logs ------------------------------------------------------------------


class Phrase(VersionedModel):
    category = CharField(max_length=40, index=True)
    title = CharField(max_length=120)
    body = TextField()
    updated_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")


class WorkLog(VersionedModel):
    """An agent's own notes on one working day; the day's counts are read from the records."""

    agent = pw.ForeignKeyField(User, backref="work_logs", on_delete="CASCADE")
    day = DateField()
    calls = pw.IntegerField(default=0)  # unused: the counts are read from the records
    complaints = pw.IntegerField(default=0)  # unused
    callbacks = pw.IntegerField(default=0)  # unused
    note = TextField(default="")  # problems met 遇到的问题
    hand_on = TextField(default="")  # what to hand on 需交接事项
    suggestions = TextField(default="")  # suggestions 建议

    class Meta:
        indexes = ((("agent", "day"), True),)


class WorkSummary(VersionedModel):
    """An agent's weekly or monthly summary 周报/月报 and the manager's comment on it."""

    agent = pw.ForeignKeyField(User, backref="work_summaries", on_delete="CASCADE")
    period = CharField(max_length=6)  # week | month
    first_day = DateField()  # Monday of the week, or the month's first day
    summary = TextField(default="")
    comment = TextField(default="")
    commented_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    commented_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("agent", "period", "first_day"), True),)


# --- the contact register -------------------------------------------------------------------


class ContactRecord(VersionedModel):
    """One contact with a customer 来电/咨询登记: a call, a chat, a visit, logged as it happens."""

    came_in_at = DateTimeField(index=True)
    answered_at = DateTimeField(null=True)  # the agent's first answer
    ended_at = DateTimeField(null=True)
    channel = CharField(max_length=20)
    customer = pw.ForeignKeyField(Customer, null=True, on_delete="SET NULL", backref="contacts")
    customer_name = CharField(max_length=120, default="")
    contact = CharField(max_length=120, default="", index=True)  # normalised
    topic = CharField(max_length=40, index=True)
    result = CharField(max_length=12)  # answered | order | complaint | callback | transferred
    order_no = CharField(max_length=60, default="")
    note = TextField(default="")
    complaint = pw.ForeignKeyField(Complaint, null=True, on_delete="SET NULL", backref="contacts")
    callback = pw.ForeignKeyField(CallbackTask, null=True, on_delete="SET NULL", backref="contacts")
    agent = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="contacts")

    class Meta:
        indexes = ((("agent", "came_in_at"), False),)


# --- backups --------------------------------------------------------------------------------


class BackupRecord(BaseModel):
    """One backup Kefu Desk made of this database: when, by whom, where, what it holds."""

    made_at = DateTimeField(default=now, index=True)
    made_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    reason = CharField(max_length=12)  # daily | manual | migration | restore
    status = CharField(max_length=10, default="running")  # running | done | failed
    # the day's automatic backup, claimed by the one desk that makes it (unique: one per day)
    daily_key = CharField(max_length=10, null=True, unique=True)
    file = CharField(max_length=500, default="")
    size = pw.BigIntegerField(default=0)
    kind = CharField(max_length=10, default="")  # sqlite | dump
    schema_version = pw.IntegerField(default=0)
    rows = TextField(default="{}")  # JSON: {table: row count}
    verified = pw.BooleanField(default=False)
    note = TextField(default="")
    removed_at = DateTimeField(null=True)  # the file was deleted by the retention rule


ALL_TABLES: list[type[BaseModel]] = [
    SchemaVersion,
    Setting,
    User,
    AuditLog,
    Customer,
    CustomerPhone,
    CustomerTag,
    ComplaintNumberSequence,
    Complaint,
    ProgressStep,
    Repair,
    Installation,
    OnboardingRequest,
    OnboardingStep,
    CallbackTask,
    CallbackAttempt,
    Shift,
    SwapRequest,
    LeaveRequest,
    RosterEntry,
    HolidayOverride,
    HandoverEntry,
    HandoverIssue,
    Phrase,
    WorkLog,
    BackupRecord,
    WorkSummary,
    ContactRecord,
]
