"""Every table of the domain (DOMAIN.md), with the indexes their screens need.

Codes (roles, statuses, channels, ...) are stored as short English strings and translated at
display time; the lists of valid codes live in ``app/``.
"""

from __future__ import annotations

import peewee as pw

from models.base import BaseModel, VersionedModel, now

# --- the team -------------------------------------------------------------------------------


class SchemaVersion(BaseModel):
    """One row: the schema version this database has been migrated to."""

    version = pw.IntegerField()
    migrated_at = pw.DateTimeField(default=now)


class Setting(VersionedModel):
    """Team-wide settings, shared by every desk: values are JSON text."""

    key = pw.CharField(max_length=80, unique=True)
    value = pw.TextField()


class User(VersionedModel):
    login = pw.CharField(max_length=40, unique=True)
    name = pw.CharField(max_length=60)
    employee_no = pw.CharField(max_length=20, unique=True)
    role = pw.CharField(max_length=10, index=True)  # agent | manager | admin
    password_hash = pw.CharField(max_length=255)
    active = pw.BooleanField(default=True)
    last_login_at = pw.DateTimeField(null=True)


class AuditLog(BaseModel):
    at = pw.DateTimeField(default=now, index=True)
    user = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="audit_entries")
    action = pw.CharField(max_length=20, index=True)  # create | update | delete | merge | login ...
    table = pw.CharField(max_length=40)
    record_id = pw.IntegerField(null=True)
    summary = pw.CharField(max_length=200, default="")
    changes = pw.TextField(default="{}")  # JSON: {"field": [old, new], ...}

    class Meta:
        indexes = ((("table", "record_id"), False),)


# --- customers ------------------------------------------------------------------------------


class Customer(VersionedModel):
    kind = pw.CharField(max_length=12, default="person")  # person | organisation
    name = pw.CharField(max_length=120, index=True)
    organisation = pw.CharField(max_length=120, default="", index=True)
    contact_person = pw.CharField(max_length=60, default="")
    email = pw.CharField(max_length=120, default="")
    address = pw.CharField(max_length=250, default="")
    gender = pw.CharField(max_length=8, default="")  # "" | male | female
    source = pw.CharField(max_length=60, default="")
    notes = pw.TextField(default="")
    merged_into = pw.ForeignKeyField("self", null=True, on_delete="SET NULL", backref="merged")
    created_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")


class CustomerPhone(BaseModel):
    customer = pw.ForeignKeyField(Customer, backref="phones", on_delete="CASCADE")
    phone = pw.CharField(max_length=40, index=True)  # normalised: digits, leading + kept
    digits = pw.CharField(max_length=40, default="", index=True)  # digits only, for lookup
    label = pw.CharField(max_length=20, default="")


class CustomerTag(BaseModel):
    customer = pw.ForeignKeyField(Customer, backref="tag_rows", on_delete="CASCADE")
    tag = pw.CharField(max_length=40, index=True)

    class Meta:
        indexes = ((("customer", "tag"), True),)


# --- complaints -----------------------------------------------------------------------------


class ComplaintNumberSequence(BaseModel):
    """The last sequence number given out for one received date (``YYYYMMDD``)."""

    day = pw.CharField(max_length=8, primary_key=True)
    last = pw.IntegerField(default=0)


class Complaint(VersionedModel):
    number = pw.CharField(max_length=20, unique=True)
    # the number in sortable form: day and a zero-padded sequence (20261125-1000 after -999)
    sort_key = pw.CharField(max_length=24, default="", index=True)
    received_at = pw.DateTimeField(index=True)
    complainant = pw.CharField(max_length=120)
    contact = pw.CharField(max_length=120, index=True)  # normalised
    customer = pw.ForeignKeyField(Customer, null=True, on_delete="SET NULL", backref="complaints")
    channel = pw.CharField(max_length=20)
    category = pw.CharField(max_length=40, index=True)
    severity = pw.CharField(max_length=10, default="normal")  # normal | serious | major
    order_no = pw.CharField(max_length=60, default="", index=True)
    content = pw.TextField()
    result = pw.TextField(default="")
    satisfaction = pw.IntegerField(null=True)  # 1..5
    status = pw.CharField(max_length=12, default="open", index=True)
    handler = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="complaints")
    promised_at = pw.DateTimeField(null=True, index=True)
    resolved_at = pw.DateTimeField(null=True)
    closed_at = pw.DateTimeField(null=True)
    principles = pw.TextField(default="[]")  # JSON list of the handling principles ticked
    voided = pw.BooleanField(default=False)
    created_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")

    class Meta:
        indexes = (
            (("status", "promised_at"), False),
            (("handler", "status"), False),
        )


class ProgressStep(BaseModel):
    complaint = pw.ForeignKeyField(Complaint, backref="steps", on_delete="CASCADE")
    at = pw.DateTimeField(default=now)
    author = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    kind = pw.CharField(max_length=20)  # phone | engineer | remote | onsite | note | status
    note = pw.TextField(default="")
    author_name = pw.CharField(max_length=60, default="")  # as imported when no user matches
    # a step the program writes (a status change, a reassignment, voiding, a callback's outcome)
    # is a code with its values, JSON {"event": ..., ...}, shown in the reader's language; the
    # note then holds only what a person wrote (the reason)
    params = pw.TextField(default="", constraints=[pw.SQL("DEFAULT ''")])


# --- repairs, installations, onboarding -----------------------------------------------------


class Repair(VersionedModel):
    customer = pw.ForeignKeyField(Customer, backref="repairs", on_delete="CASCADE")
    reported_at = pw.DateTimeField(default=now, index=True)
    product = pw.CharField(max_length=120, default="")
    serial_no = pw.CharField(max_length=60, default="")
    fault = pw.TextField()
    handling = pw.CharField(max_length=20, default="phone")  # phone | service_order
    service_order_no = pw.CharField(max_length=40, default="")
    engineer = pw.CharField(max_length=60, default="")
    diagnosis = pw.CharField(max_length=10, default="")  # "" | software | hardware
    factory_return = pw.BooleanField(default=False)
    loaner_unit = pw.CharField(max_length=60, default="")
    loaner_out_at = pw.DateField(null=True)
    loaner_back_at = pw.DateField(null=True)
    result = pw.TextField(default="")
    status = pw.CharField(max_length=10, default="open", index=True)  # open | closed
    closed_at = pw.DateTimeField(null=True)
    # when the solution was entered into the team's knowledge base 知识库 (the last step)
    knowledge_base_at = pw.DateTimeField(null=True)
    handler = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")


class Installation(VersionedModel):
    customer = pw.ForeignKeyField(Customer, backref="installations", on_delete="CASCADE")
    product = pw.CharField(max_length=120)
    agreed_date = pw.DateField(index=True)
    installed_date = pw.DateField(null=True, index=True)
    installer = pw.CharField(max_length=60, default="")
    notes = pw.TextField(default="")
    handler = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")


class OnboardingRequest(VersionedModel):
    customer = pw.ForeignKeyField(Customer, backref="onboarding_requests", on_delete="CASCADE")
    stage = pw.CharField(max_length=20, default="received", index=True)
    stage_since = pw.DateField(null=True)
    notes = pw.TextField(default="")
    handler = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")


class OnboardingStep(BaseModel):
    request = pw.ForeignKeyField(OnboardingRequest, backref="steps", on_delete="CASCADE")
    stage = pw.CharField(max_length=20)
    on_date = pw.DateField()
    recorded_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    note = pw.TextField(default="")


# --- callbacks ------------------------------------------------------------------------------


class CallbackTask(VersionedModel):
    kind = pw.CharField(max_length=12, index=True)  # purchase | repair | complaint | care
    customer = pw.ForeignKeyField(Customer, null=True, backref="callbacks", on_delete="SET NULL")
    complaint = pw.ForeignKeyField(Complaint, null=True, backref="callbacks", on_delete="SET NULL")
    repair = pw.ForeignKeyField(Repair, null=True, backref="callbacks", on_delete="SET NULL")
    installation = pw.ForeignKeyField(
        Installation, null=True, backref="callbacks", on_delete="SET NULL"
    )
    event_key = pw.CharField(max_length=80)  # the event that made it; unique per kind
    due_at = pw.DateTimeField(index=True)
    assignee = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="callbacks")
    reason = pw.CharField(max_length=200, default="")
    status = pw.CharField(max_length=12, default="pending", index=True)
    satisfaction = pw.IntegerField(null=True)
    survey = pw.TextField(default="{}")  # JSON: question -> answer
    opinions = pw.TextField(default="")
    onsite_needed = pw.BooleanField(default=False)
    completed_at = pw.DateTimeField(null=True)

    class Meta:
        indexes = (
            (("kind", "event_key"), True),
            (("assignee", "status", "due_at"), False),
        )


class CallbackAttempt(BaseModel):
    task = pw.ForeignKeyField(CallbackTask, backref="attempts", on_delete="CASCADE")
    at = pw.DateTimeField(default=now)
    agent = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    result = pw.CharField(max_length=12)  # reached | no_answer | wrong_number | reschedule
    next_at = pw.DateTimeField(null=True)
    note = pw.TextField(default="")


# --- roster, swaps, leave, handover ---------------------------------------------------------


class Shift(VersionedModel):
    code = pw.CharField(max_length=20, unique=True)
    name = pw.CharField(max_length=40)
    segments = pw.CharField(max_length=80)  # "08:00-12:00,14:00-18:00"
    weekend = pw.BooleanField(default=False)
    active = pw.BooleanField(default=True)
    sort_order = pw.IntegerField(default=0)


class SwapRequest(VersionedModel):
    requester = pw.ForeignKeyField(User, backref="swaps_requested", on_delete="CASCADE")
    colleague = pw.ForeignKeyField(User, backref="swaps_offered", on_delete="CASCADE")
    give_date = pw.DateField(index=True)  # the requester's shift the colleague takes
    give_shift = pw.ForeignKeyField(Shift, on_delete="CASCADE", backref="+")
    return_date = pw.DateField(index=True)  # the colleague's shift the requester takes (还班)
    return_shift = pw.ForeignKeyField(Shift, on_delete="CASCADE", backref="+")
    reason = pw.TextField(default="")
    status = pw.CharField(max_length=20, default="pending_colleague", index=True)
    rule_results = pw.TextField(default="[]")  # JSON, as last checked
    colleague_answered_at = pw.DateTimeField(null=True)
    decided_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    decided_at = pw.DateTimeField(null=True)
    decision_reason = pw.TextField(default="")
    override_reason = pw.TextField(default="")


class LeaveRequest(VersionedModel):
    agent = pw.ForeignKeyField(User, backref="leave_requests", on_delete="CASCADE")
    start_at = pw.DateTimeField(index=True)
    end_at = pw.DateTimeField()
    kind = pw.CharField(max_length=20, default="personal")
    reason = pw.TextField(default="")
    substitute = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    status = pw.CharField(max_length=12, default="pending", index=True)
    rule_results = pw.TextField(default="[]")
    decided_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    decided_at = pw.DateTimeField(null=True)
    decision_reason = pw.TextField(default="")
    override_reason = pw.TextField(default="")


class RosterEntry(BaseModel):
    on_date = pw.DateField(index=True)
    shift = pw.ForeignKeyField(Shift, on_delete="CASCADE")
    agent = pw.ForeignKeyField(User, on_delete="CASCADE", backref="roster_entries")
    swap = pw.ForeignKeyField(
        SwapRequest, null=True, on_delete="SET NULL", backref="roster_entries"
    )
    # the approved leave whose substitute took this shift over (the entry is the substitute's)
    leave = pw.ForeignKeyField(
        LeaveRequest, null=True, on_delete="SET NULL", backref="covered_entries"
    )
    note = pw.CharField(max_length=200, default="")

    class Meta:
        indexes = (
            (("on_date", "shift", "agent"), True),
            (("agent", "on_date"), False),
        )


class HolidayOverride(VersionedModel):
    """A manager's word on one day the holiday library does not know yet."""

    on_date = pw.DateField(unique=True)
    is_holiday = pw.BooleanField()  # False: an adjusted working day (调休上班)
    name = pw.CharField(max_length=60, default="")
    created_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")


class HandoverEntry(VersionedModel):
    at = pw.DateTimeField(default=now, index=True)
    outgoing = pw.ForeignKeyField(User, on_delete="CASCADE", backref="handovers_out")
    incoming = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="handovers_in")
    shift = pw.ForeignKeyField(Shift, null=True, on_delete="SET NULL")
    equipment = pw.TextField(default="")
    staffing = pw.TextField(default="")
    notes = pw.TextField(default="")
    acknowledged_at = pw.DateTimeField(null=True)


class HandoverIssue(VersionedModel):
    opened_in = pw.ForeignKeyField(HandoverEntry, backref="issues_opened", on_delete="CASCADE")
    text = pw.TextField()
    closed_at = pw.DateTimeField(null=True, index=True)
    closed_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    resolution = pw.TextField(default="")


# --- phrases and work logs ------------------------------------------------------------------


class Phrase(VersionedModel):
    category = pw.CharField(max_length=40, index=True)
    title = pw.CharField(max_length=120)
    body = pw.TextField()
    updated_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")


class WorkLog(VersionedModel):
    """An agent's own notes on one working day; the day's counts are read from the records."""

    agent = pw.ForeignKeyField(User, backref="work_logs", on_delete="CASCADE")
    day = pw.DateField()
    calls = pw.IntegerField(default=0)  # unused: the counts are read from the records
    complaints = pw.IntegerField(default=0)  # unused
    callbacks = pw.IntegerField(default=0)  # unused
    note = pw.TextField(default="")  # problems met 遇到的问题
    hand_on = pw.TextField(default="")  # what to hand on 需交接事项
    suggestions = pw.TextField(default="")  # suggestions 建议

    class Meta:
        indexes = ((("agent", "day"), True),)


class WorkSummary(VersionedModel):
    """An agent's weekly or monthly summary 周报/月报 and the manager's comment on it."""

    agent = pw.ForeignKeyField(User, backref="work_summaries", on_delete="CASCADE")
    period = pw.CharField(max_length=6)  # week | month
    first_day = pw.DateField()  # Monday of the week, or the month's first day
    summary = pw.TextField(default="")
    comment = pw.TextField(default="")
    commented_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    commented_at = pw.DateTimeField(null=True)

    class Meta:
        indexes = ((("agent", "period", "first_day"), True),)


# --- the contact register -------------------------------------------------------------------


class ContactRecord(VersionedModel):
    """One contact with a customer 来电/咨询登记: a call, a chat, a visit, logged as it happens."""

    came_in_at = pw.DateTimeField(index=True)
    answered_at = pw.DateTimeField(null=True)  # the agent's first answer
    ended_at = pw.DateTimeField(null=True)
    channel = pw.CharField(max_length=20)
    customer = pw.ForeignKeyField(Customer, null=True, on_delete="SET NULL", backref="contacts")
    customer_name = pw.CharField(max_length=120, default="")
    contact = pw.CharField(max_length=120, default="", index=True)  # normalised
    topic = pw.CharField(max_length=40, index=True)
    result = pw.CharField(max_length=12)  # answered | order | complaint | callback | transferred
    order_no = pw.CharField(max_length=60, default="")
    note = pw.TextField(default="")
    complaint = pw.ForeignKeyField(Complaint, null=True, on_delete="SET NULL", backref="contacts")
    callback = pw.ForeignKeyField(CallbackTask, null=True, on_delete="SET NULL", backref="contacts")
    agent = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="contacts")

    class Meta:
        indexes = ((("agent", "came_in_at"), False),)


# --- backups --------------------------------------------------------------------------------


class BackupRecord(BaseModel):
    """One backup Kefu Desk made of this database: when, by whom, where, what it holds."""

    made_at = pw.DateTimeField(default=now, index=True)
    made_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    reason = pw.CharField(max_length=12)  # daily | manual | migration | restore
    status = pw.CharField(max_length=10, default="running")  # running | done | failed
    # the day's automatic backup, claimed by the one desk that makes it (unique: one per day)
    daily_key = pw.CharField(max_length=10, null=True, unique=True)
    file = pw.CharField(max_length=500, default="")
    size = pw.BigIntegerField(default=0)
    kind = pw.CharField(max_length=10, default="")  # sqlite | dump
    schema_version = pw.IntegerField(default=0)
    rows = pw.TextField(default="{}")  # JSON: {table: row count}
    verified = pw.BooleanField(default=False)
    note = pw.TextField(default="")
    removed_at = pw.DateTimeField(null=True)  # the file was deleted by the retention rule


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
