"""The schema version row and the ordered migrations, the same on SQLite and PostgreSQL.

Every migration is safe to run on a database that already has what it adds, because a fresh
database is created from the current models by migration 1 and then walks through the rest.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playhouse.migrate import SchemaMigrator, migrate

from models import search_index, text_index
from models.base import now
from models.db import database, is_sqlite
from models.old_rule_texts import RULE_TEXTS
from models.old_sentence_texts import SENTENCE_TEXTS, STATE_WORDS
from models.snapshot import copy_sqlite
from models.tables import (
    ALL_TABLES,
    AuditLog,
    BackupRecord,
    CallbackTask,
    Complaint,
    ContactRecord,
    CustomerPhone,
    LeaveRequest,
    OnboardingStep,
    ProgressStep,
    Repair,
    RosterEntry,
    SchemaVersion,
    SwapRequest,
    User,
    WorkLog,
    WorkSummary,
)


def _create_tables(migrator: SchemaMigrator) -> None:
    database.create_tables(ALL_TABLES, safe=True)


def _lookup_indexes(migrator: SchemaMigrator) -> None:
    """Indexes for the incoming-call lookup and the registry's month and handler views."""
    wanted = [
        (CustomerPhone, ("customer_id", "phone"), "customer_phone_customer_phone"),
        (Complaint, ("received_at", "number"), "complaint_received_number"),
        (CallbackTask, ("status", "due_at"), "callback_task_status_due"),
    ]
    for model, columns, name in wanted:
        table = model._meta.table_name
        if name not in {ix.name for ix in database.get_indexes(table)}:
            database.execute_sql(f"CREATE INDEX {name} ON {table} ({', '.join(columns)})")


def _repair_knowledge_base(migrator: SchemaMigrator) -> None:
    """Repairs record when their solution went into the knowledge base."""
    table = Repair._meta.table_name
    if "knowledge_base_at" not in {c.name for c in database.get_columns(table)}:
        migrate(migrator.add_column(table, "knowledge_base_at", Repair.knowledge_base_at))


def _change_notifications(migrator: SchemaMigrator) -> None:
    """PostgreSQL: every write to the audit trail wakes the other desks (``LISTEN
    kefu_changes``); SQLite desks look at ``PRAGMA data_version`` instead."""
    if is_sqlite():
        return
    database.execute_sql(
        "CREATE OR REPLACE FUNCTION kefu_notify_changes() RETURNS trigger AS $$ "
        "BEGIN PERFORM pg_notify('kefu_changes', ''); RETURN NULL; END $$ LANGUAGE plpgsql"
    )
    database.execute_sql("DROP TRIGGER IF EXISTS audit_log_notify ON audit_log")
    database.execute_sql(
        "CREATE TRIGGER audit_log_notify AFTER INSERT ON audit_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION kefu_notify_changes()"
    )


def _roster_leave_cover(migrator: SchemaMigrator) -> None:
    """Roster entries say which approved leave their substitute took them over for."""
    table = RosterEntry._meta.table_name
    if "leave_id" not in {c.name for c in database.get_columns(table)}:
        migrate(migrator.add_column(table, "leave_id", RosterEntry.leave))


def _backup_records(migrator: SchemaMigrator) -> None:
    """The record of every backup made of the database."""
    database.create_tables([BackupRecord], safe=True)


def _contact_register(migrator: SchemaMigrator) -> None:
    """The contact register, the work log's own notes and the agents' weekly/monthly summaries."""
    database.create_tables([ContactRecord, WorkSummary], safe=True)
    table = WorkLog._meta.table_name
    present = {c.name for c in database.get_columns(table)}
    for name in ("hand_on", "suggestions"):
        if name not in present:
            migrate(migrator.add_column(table, name, getattr(WorkLog, name)))


def _search_index(migrator: SchemaMigrator) -> None:
    """The complaint registry's text index (models/search_index.py), built from the complaints
    already there."""
    search_index.build(_progress.get("report"))


# the texts the program wrote into complaint steps before they were codes, in both languages
_OLD_STATUS_TEXTS = {
    "open": ("Open", "待处理"),
    "in_progress": ("In progress", "处理中"),
    "resolved": ("Resolved", "已解决"),
    "closed": ("Closed after callback", "已回访结案"),
    "reopened": ("Reopened", "重新处理"),
}
_OLD_STATUS = {text: code for code, texts in _OLD_STATUS_TEXTS.items() for text in texts}
_OLD_SCORES = {
    "Very satisfied": 5,
    "非常满意": 5,
    "Satisfied": 4,
    "满意": 4,
    "Neutral": 3,
    "一般": 3,
    "Dissatisfied": 2,
    "不满意": 2,
    "Very dissatisfied": 1,
    "非常不满意": 1,
}
_OLD_UNSATISFIED = re.compile(
    r"^(?:Callback: the customer is not satisfied \((?P<en>[^)]*)\)\.|"
    r"回访：客户不满意（(?P<zh>[^）]*)）。)\s*(?P<opinions>.*?)"
    r"(?P<kept>\s*(?:The complaint stays closed\.|投诉保持已结案。))?$",
    re.S,
)


def _old_unsatisfied(text: str) -> tuple[int | None, str, bool] | None:
    """(score, opinions, kept closed) of a callback's old 'not satisfied' text."""
    found = _OLD_UNSATISFIED.match(text)
    if found is None:
        return None
    label = (found.group("en") or found.group("zh") or "").split(" · ")[-1]
    return _OLD_SCORES.get(label), found.group("opinions").strip(), bool(found.group("kept"))


_OLD_STEP_PATTERNS = (
    (re.compile(r"^(?:Reassigned: |改派：)(?P<old>.*?) → (?P<new>.*)$", re.S), "reassigned"),
    (re.compile(r"^(?:Void: |作废：)(?P<note>.*)$", re.S), "void"),
    (
        re.compile(
            r"^(?:Callback unreachable after (?P<n>\d+) unanswered calls: for the manager to "
            r"decide\.|回访 (?P<n2>\d+) 次未接通：交由部门经理处理。)$"
        ),
        "callback_unreachable",
    ),
)


def parse_old_step(kind: str, note: str) -> tuple[dict, str] | None:
    """A step text the program wrote in English or Chinese as (params, note), else None."""
    if kind == "status":
        head, sep, why = note.partition("：")
        old, arrow, new = head.partition(" → ")
        if arrow and old in _OLD_STATUS and new in _OLD_STATUS:
            params: dict[str, object] = {
                "event": "status",
                "old": _OLD_STATUS[old],
                "new": _OLD_STATUS[new],
            }
            unsatisfied = _old_unsatisfied(why) if sep else None
            if unsatisfied is not None and unsatisfied[0] is not None:
                params.update(cause="callback_unsatisfied", score=unsatisfied[0])
                return params, unsatisfied[1]
            return params, why if sep else ""
    if kind == "note":
        unsatisfied = _old_unsatisfied(note)
        if unsatisfied is not None and unsatisfied[0] is not None and unsatisfied[2]:
            return {"event": "kept_closed", "score": unsatisfied[0]}, unsatisfied[1]
    for pattern, event in _OLD_STEP_PATTERNS:
        found = pattern.match(note)
        if found is None:
            continue
        values = found.groupdict()
        if event == "reassigned":
            return {"event": event, "old": values["old"], "new": values["new"]}, ""
        if event == "void":
            return {"event": event}, values["note"]
        return {"event": event, "n": int(values["n"] or values["n2"])}, ""
    return None


def _coded_complaint_steps(migrator: SchemaMigrator) -> None:
    """Complaint steps the program writes are codes with values (``progress_step.params``);
    the steps written as English or Chinese text before are converted."""
    table = ProgressStep._meta.table_name
    if "params" not in {c.name for c in database.get_columns(table)}:
        migrate(migrator.add_column(table, "params", ProgressStep.params))
    rows = (
        ProgressStep.select(ProgressStep.id, ProgressStep.kind, ProgressStep.note)
        .where(ProgressStep.params == "", ProgressStep.kind.in_(("status", "note")))
        .tuples()
    )
    for step_id, kind, note in list(rows):
        parsed = parse_old_step(kind, note or "")
        if parsed is not None:
            params, rest = parsed
            ProgressStep.update(params=json.dumps(params, ensure_ascii=False), note=rest).where(
                ProgressStep.id == step_id
            ).execute()


# the notes the program wrote on roster entries moved by a swap or handed over for leave
_OLD_ROSTER_NOTES = (
    re.compile(r"^(?:swap no\. \d+|换班单 \d+ 号)$"),
    re.compile(r"^(?:stands in for .+ \(leave no\. \d+\)|替 .+ 顶班（请假单 \d+）)$"),
)


def _coded_roster_notes(migrator: SchemaMigrator) -> None:
    """A roster entry moved by a swap or handed over for leave names its swap or leave; the
    note the program wrote in English or Chinese is dropped (the grid says it in the reader's
    language)."""
    rows = (
        RosterEntry.select(RosterEntry.id, RosterEntry.note)
        .where((RosterEntry.swap.is_null(False)) | (RosterEntry.leave.is_null(False)))
        .where(RosterEntry.note != "")
        .tuples()
    )
    stale = [i for i, note in rows if any(p.match(note) for p in _OLD_ROSTER_NOTES)]
    for offset in range(0, len(stale), 500):
        RosterEntry.update(note="").where(
            RosterEntry.id.in_(stale[offset : offset + 500])
        ).execute()


def _rule_pattern(template: str) -> re.Pattern[str]:
    """An old rule text's template as a pattern: each ``{name}`` a group; a sentence ends where
    the text ends or the next one begins (they were joined by a space)."""
    out: list[str] = []
    seen: set[str] = set()
    for part in re.split(r"(\{\w+\})", template):
        name = part[1:-1] if part.startswith("{") and part.endswith("}") else None
        if name is None:
            out.append(re.escape(part))
        elif name in seen:
            out.append(f"(?P={name})")
        else:
            out.append(f"(?P<{name}>.+?)")
            seen.add(name)
    return re.compile("".join(out) + r"(?= |$)", re.S)


@functools.cache
def _rule_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Compiled when a migration first reads an old text, not when a desk starts (which imports
    this module for the schema's version)."""
    return [(key, _rule_pattern(text)) for key, texts in RULE_TEXTS.items() for text in texts]


_RULE_NUMBERS = {"count", "waiting", "limit", "gap", "minimum", "days", "id", "n"}


def parse_old_explanation(code: str, text: str) -> list[dict] | None:
    """A rule's old explanation (English or Chinese, one or more sentences) as coded sentences
    ``[{"key": …, "values": {…}}]``, else None."""
    candidates = [(key, pattern) for key, pattern in _rule_patterns() if key.split(".")[0] == code]

    def read(position: int) -> list[dict] | None:
        if position >= len(text):
            return []
        for key, pattern in candidates:
            found = pattern.match(text, position)
            if found is None:
                continue
            rest = read(found.end() + 1)
            if rest is not None:
                values: dict[str, object] = {
                    name: int(value) if name in _RULE_NUMBERS and value.isdigit() else value
                    for name, value in found.groupdict().items()
                }
                return [{"key": key, "values": values}, *rest]
        return None

    return read(0) if text else None


def coded_rule_results(text: str) -> str | None:
    """Old rule results (titles and explanations as text) as codes; None when ``text`` holds
    nothing to convert. A sentence not recognised is kept as written."""
    try:
        items = json.loads(text or "[]")
    except ValueError:
        return None
    if not isinstance(items, list) or not any(
        isinstance(item, dict) and "explanation" in item for item in items
    ):
        return None
    converted = []
    for item in items:
        if not isinstance(item, dict) or "explanation" not in item:
            converted.append(item)
            continue
        code, explanation = str(item.get("code", "")), str(item.get("explanation", ""))
        said = parse_old_explanation(code, explanation)
        new: dict[str, object] = {
            "rule": item.get("rule", 0),
            "code": code,
            "status": item.get("status", ""),
            "said": said if said is not None else [{"key": "", "values": {"text": explanation}}],
        }
        limit = re.search(r"\d+", str(item.get("title", "")))
        if code == "monthly_limit" and limit is not None:
            new["title_values"] = {"n": int(limit.group())}
        converted.append(new)
    return json.dumps(converted, ensure_ascii=False)


def _coded_rule_results(migrator: SchemaMigrator) -> None:
    """The rule results kept with swaps and leave requests are codes with values; those written
    as English or Chinese text before are read back as codes."""
    models: tuple[Any, ...] = (SwapRequest, LeaveRequest)
    for model in models:
        rows = (
            model.select(model.id, model.rule_results)
            .where(model.rule_results.contains('"explanation"'))
            .tuples()
        )
        for record_id, text in list(rows):
            converted = coded_rule_results(text)
            if converted is not None:
                model.update(rule_results=converted).where(model.id == record_id).execute()


# what upgrade() was given to report the progress of a long step with
_progress: dict[str, Callable[[int, int], None]] = {}


def _search_index_days(migrator: SchemaMigrator) -> None:
    """The complaint text index again, a number indexed without its day and the days on their
    own (models/search_index.py), so that digits find numbers through the number's index."""
    search_index.rebuild(_progress.get("report"))


def _phone_digits_search(migrator: SchemaMigrator) -> None:
    """The registry's search finds a phone's digits typed in any format in the contact's digits
    (``02155667788`` finds ``021-55667788``): they are indexed (models/search_index.py)."""
    search_index.index_phone_digits(_progress.get("report"))


def _customer_phrase_search(migrator: SchemaMigrator) -> None:
    """The customer archive's names and the phrase library in text indexes like the registry's
    (models/text_index.py)."""
    for index in (text_index.CUSTOMERS, text_index.PHRASES):
        text_index.build(index, _progress.get("report"))


def _letters_in_byte_order(migrator: SchemaMigrator) -> None:
    """PostgreSQL: the index of the registry's characters compared by their bytes, which takes
    about 30 % less time to build (models/search_index.py); it answers the same searches."""
    search_index.letters_in_byte_order(_progress.get("report"))


def _number_sort_index(migrator: SchemaMigrator) -> None:
    """SQLite: the numbers of a day with their sort keys, from an index alone (a search whose
    digits fall in many days reads its newest numbers there; app/complaints/registry.py)."""
    if is_sqlite():
        database.execute_sql(
            "CREATE INDEX IF NOT EXISTS complaint_number_sort ON complaint (number, sort_key)"
        )


def _open_complaints_index(migrator: SchemaMigrator) -> None:
    """The overdue count (the navigation's badge, 仅看超期) read from an index alone: open
    complaints by status, void mark and promised time."""
    database.execute_sql(
        "CREATE INDEX IF NOT EXISTS complaint_open_promised "
        "ON complaint (status, voided, promised_at)"
    )


def _list_indexes(migrator: SchemaMigrator) -> None:
    """The registry's lists from indexes alone: a month's ids in number order, and the open
    complaints of earlier months that the first view adds."""
    database.execute_sql(
        "CREATE INDEX IF NOT EXISTS complaint_received_sort ON complaint (received_at, sort_key)"
    )
    database.execute_sql(
        "CREATE INDEX IF NOT EXISTS complaint_open_received "
        "ON complaint (status, voided, received_at)"
    )


def _pg_search_indexes(migrator: SchemaMigrator) -> None:
    """PostgreSQL: the registry's search from a trigram index per field, the set of characters
    of the text and the number's btree (models/search_index.py) instead of one trigram index of
    the whole text; SQLite keeps its index."""
    if not is_sqlite():
        search_index.build(_progress.get("report"))


def _pg_numbered_elsewhere(migrator: SchemaMigrator) -> None:
    """PostgreSQL: the complaints numbered in another month than the one they were received in
    (models/search_index.py), so that a month's list knows at once that there are none."""
    if not is_sqlite():
        database.execute_sql(
            "CREATE INDEX IF NOT EXISTS complaint_numbered_elsewhere ON complaint (received_at) "
            f"WHERE {search_index.PG_NUMBERED_ELSEWHERE}"
        )


def _sentence_pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    pattern = "".join(
        re.escape(part) if n % 2 == 0 else f"(?P<{part}>.+?)" for n, part in enumerate(parts)
    )
    return re.compile(f"^{pattern}$", re.S)


@functools.cache
def _sentence_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Compiled when first needed, as :func:`_rule_patterns`."""
    return [
        (key, _sentence_pattern(text)) for key, texts in SENTENCE_TEXTS.items() for text in texts
    ]


_STATE_CODES = {word: code for code, words in STATE_WORDS.items() for word in (code, *words)}
# values kept as text (the others, all digits, were numbers)
_TEXT_VALUES = {
    "password",
    "seconds",
    "first",
    "last",
    "other",
    "keep",
    "topic",
    "note",
    "file",
    "record",
}
_CALL_RESULTS = ("reached", "no_answer", "wrong_number", "reschedule")
_BACKUP_REASONS = ("daily", "manual", "migration", "restore")
_ONBOARDING_STAGES = (  # frozen: app.customers.codes.ONBOARDING_STAGES
    "received",
    "details",
    "operations",
    "contract",
    "installed",
    "demonstrated",
    "callback",
)


def _state_counts(text: str) -> dict[str, int] | None:
    """ "due today 13, overdue 1" (or its Chinese) as {"due": 13, "overdue": 1}."""
    counts: dict[str, int] = {}
    for item in re.split(r", |，", text):
        word, _, count = item.strip().rpartition(" ")
        if word not in _STATE_CODES or not count.isdigit():
            return None
        counts[_STATE_CODES[word]] = int(count)
    return counts


def parse_old_sentence(text: str, keys: tuple[str, ...]) -> dict[str, Any] | None:
    """The sentence (``{"s": key, "v": values}``) among ``keys`` that ``text`` was written
    from in English or Chinese, or None (a person's text, or one not recognised)."""
    for key, pattern in _sentence_patterns():
        found = pattern.match(text) if key in keys else None
        if found is None:
            continue
        values: dict[str, Any] = {
            name: int(value) if value.isdigit() and name not in _TEXT_VALUES else value
            for name, value in found.groupdict().items()
        }
        if key == "demo.roster":
            counts = _state_counts(str(values["swaps"]))
            if counts is None:
                continue
            values["swaps"] = counts
        elif key == "demo.callbacks":
            counts = _state_counts(str(values["states"]))
            if counts is None:
                continue
            values["states"] = counts
        elif key == "callbacks.call" and values["result"] not in _CALL_RESULTS:
            continue
        elif key == "callbacks.given_to":
            user = User.get_or_none(User.login == values.pop("login"))
            if user is None:
                continue
            values["name"] = user.name
        elif key == "backup.made" and values["reason"] not in _BACKUP_REASONS:
            continue
        elif key == "contacts.call_back":
            values.setdefault("note", "")
        return {"s": key, "v": values}
    return None


def _stored(sentence: dict[str, Any]) -> str:
    return json.dumps(sentence, ensure_ascii=False, separators=(",", ":"))


# which audit rows may hold which of the program's sentences
_SUMMARY_SENTENCES: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (AuditLog.action == "demo", tuple(k for k in SENTENCE_TEXTS if k.startswith("demo."))),
    (
        (AuditLog.action == "import") & (AuditLog.table == "customer"),
        ("demo.customers_added",),
    ),
    ((AuditLog.action == "merge") & (AuditLog.table == "customer"), ("customers.merged",)),
    (
        AuditLog.table.in_(("callback_task", "callback_attempt"))
        & AuditLog.summary.startswith("callback"),
        ("callbacks.done_closed", "callbacks.done", "callbacks.call", "callbacks.given_to"),
    ),
    (AuditLog.table == "backup_record", ("backup.made",)),
)


def _audit_summary_text(migrator: SchemaMigrator) -> None:
    """The audit row's summary holds a sentence's key and values whole (a demo area's line
    counts the states it made): on PostgreSQL it is text instead of 200 characters (SQLite
    does not hold a column to its length)."""
    if not is_sqlite():
        database.execute_sql("ALTER TABLE audit_log ALTER COLUMN summary TYPE TEXT")


def _callback_kind_summaries(migrator: SchemaMigrator) -> None:
    """A new callback's audit row carried its kind's code as its summary ("followup callback");
    its kind is in its changes, by its label, so the summary is dropped. A customer imported from
    a file said so in the language of the desk that imported it: kept as the sentence instead."""
    rows = (
        AuditLog.select(AuditLog.id, AuditLog.summary)
        .where(AuditLog.table == "customer", AuditLog.action == "create")
        .where(AuditLog.summary.contains("imported from ") | AuditLog.summary.contains(" 导入"))
        .tuples()
    )
    for entry_id, summary in list(rows):
        sentence = parse_old_sentence(summary or "", ("customers.imported_from",))
        if sentence is not None:
            AuditLog.update(summary=_stored(sentence)).where(AuditLog.id == entry_id).execute()
    AuditLog.update(summary="").where(
        AuditLog.table == "callback_task",
        AuditLog.action == "create",
        AuditLog.summary.in_(
            [f"{kind} callback" for kind in ("purchase", "repair", "complaint", "care", "followup")]
        ),
    ).execute()


def _imported_record_summaries(migrator: SchemaMigrator) -> None:
    """A complaint or a contact imported from a file said "(import)" in English in its audit
    row's summary: kept as the sentence instead."""
    rows = (
        AuditLog.select(AuditLog.id, AuditLog.summary)
        .where(
            AuditLog.table.in_(("complaint", "contact_record")),
            AuditLog.action == "create",
            AuditLog.summary.endswith(" (import)"),
        )
        .tuples()
    )
    for entry_id, summary in list(rows):
        sentence = parse_old_sentence(summary or "", ("imported.record",))
        if sentence is not None:
            AuditLog.update(summary=_stored(sentence)).where(AuditLog.id == entry_id).execute()


def _work_summary_summaries(migrator: SchemaMigrator) -> None:
    """A work summary's audit row named its period by its code ("month 2026-11-01"): kept as
    the sentence, which names it in the reader's language."""
    rows = (
        AuditLog.select(AuditLog.id, AuditLog.summary)
        .where(AuditLog.table == "work_summary")
        .tuples()
    )
    for entry_id, summary in list(rows):
        found = re.match(r"^(week|month) (\d{4}-\d{2}-\d{2})$", summary or "")
        if found is not None:
            sentence = {"s": "worklog.summary", "v": {"period": found[1], "first": found[2]}}
            AuditLog.update(summary=_stored(sentence)).where(AuditLog.id == entry_id).execute()


def _coded_sentences(migrator: SchemaMigrator) -> None:
    """The sentences the program wrote as English or Chinese text (the audit trail's summaries
    of the demo, merges, callbacks, onboarding steps and backups; a contact's callback reason; an
    onboarding step made by an installation) are kept as a key and values (``app.sentences``);
    a text not recognised stays as written."""
    for condition, keys in _SUMMARY_SENTENCES:
        rows = AuditLog.select(AuditLog.id, AuditLog.summary).where(condition).tuples()
        for entry_id, summary in list(rows):
            sentence = parse_old_sentence(summary or "", keys)
            if sentence is not None:
                AuditLog.update(summary=_stored(sentence)).where(AuditLog.id == entry_id).execute()
    rows = (
        AuditLog.select(AuditLog.id, AuditLog.summary)
        .where(
            AuditLog.table == "onboarding_request",
            AuditLog.summary.in_(_ONBOARDING_STAGES),
        )
        .tuples()
    )
    for entry_id, stage in list(rows):
        summary = _stored({"s": "onboarding.step", "v": {"stage": stage}})
        AuditLog.update(summary=summary).where(AuditLog.id == entry_id).execute()
    tasks = (
        CallbackTask.select(CallbackTask.id, CallbackTask.reason)
        .where(CallbackTask.kind == "followup", CallbackTask.reason != "")
        .tuples()
    )
    for task_id, reason in list(tasks):
        sentence = parse_old_sentence(reason, ("contacts.call_back",))
        if sentence is not None and len(_stored(sentence)) <= 200:
            CallbackTask.update(reason=_stored(sentence)).where(
                CallbackTask.id == task_id
            ).execute()
    steps = (
        OnboardingStep.select(OnboardingStep.id, OnboardingStep.note)
        .where(OnboardingStep.stage == "installed", OnboardingStep.note != "")
        .tuples()
    )
    for step_id, note in list(steps):
        sentence = parse_old_sentence(note, ("onboarding.installed",))
        if sentence is not None:
            OnboardingStep.update(note=_stored(sentence)).where(
                OnboardingStep.id == step_id
            ).execute()


def _manager_count_indexes(migrator: SchemaMigrator) -> None:
    """The counts beside a manager's registry from indexes alone: the serious and major
    complaints being handled (by status, voided, severity), and the resolved ones whose callback
    was unreachable (the complaint callbacks by kind, status and complaint). At a million
    complaints they took 400 ms and 300 ms of CPU before the first screen had its data, reading
    each open complaint's row and every callback of a complaint; 1 ms and 40 ms so."""
    database.execute_sql(
        "CREATE INDEX IF NOT EXISTS complaint_open_severity ON complaint (status, voided, severity)"
    )
    database.execute_sql(
        "CREATE INDEX IF NOT EXISTS callback_task_kind_status_complaint "
        "ON callback_task (kind, status, complaint_id)"
    )


def _separated_contact_digits(migrator: SchemaMigrator) -> None:
    """PostgreSQL: the index of the contacts' digits holds only the contacts written with more
    than digits (a mobile's digits are its contact, which its own index finds); a number's search
    asks one trigram index less (models/search_index.py)."""
    search_index.separated_contact_digits(_progress.get("report"))


MIGRATIONS: list[tuple[int, str, Callable[[SchemaMigrator], None]]] = [
    (1, "create tables", _create_tables),
    (2, "lookup indexes", _lookup_indexes),
    (3, "repair knowledge base", _repair_knowledge_base),
    (4, "change notifications", _change_notifications),
    (5, "roster leave cover", _roster_leave_cover),
    (6, "backup records", _backup_records),
    (7, "contact register", _contact_register),
    (8, "complaint search index", _search_index),
    (9, "coded complaint steps", _coded_complaint_steps),
    (10, "coded roster notes", _coded_roster_notes),
    (11, "open complaints index", _open_complaints_index),
    # the callback's 'not satisfied' texts are read back as codes too
    (12, "coded callback steps", _coded_complaint_steps),
    (13, "registry list indexes", _list_indexes),
    (14, "coded rule results", _coded_rule_results),
    (15, "complaint search index by day", _search_index_days),
    (16, "customer and phrase search indexes", _customer_phrase_search),
    (17, "registry search indexes on PostgreSQL", _pg_search_indexes),
    (18, "month lists on PostgreSQL", _pg_numbered_elsewhere),
    (19, "numbers with their sort keys", _number_sort_index),
    (20, "coded sentences", _coded_sentences),
    (21, "phone digits in the search index", _phone_digits_search),
    (22, "audit summaries as text", _audit_summary_text),
    (23, "callback kinds and imports in the audit summaries", _callback_kind_summaries),
    (24, "imported records in the audit summaries", _imported_record_summaries),
    (25, "work summaries' periods in the audit summaries", _work_summary_summaries),
    (26, "registry characters' index in byte order", _letters_in_byte_order),
    (27, "indexes of a manager's registry counts", _manager_count_indexes),
    (28, "contacts' digits indexed where they differ from the contact", _separated_contact_digits),
]
LATEST = MIGRATIONS[-1][0]


def current_version() -> int:
    if not database.table_exists(SchemaVersion._meta.table_name):
        return 0
    row = SchemaVersion.select().order_by(SchemaVersion.version.desc()).first()
    return row.version if row else 0


# Makes a backup before a migration, given the version the database is at; returns its file.
BackupBeforeMigration = Callable[[int], "Path | None"]


def backup_sqlite_file(version: int) -> Path | None:
    """A consistent copy of the SQLite file beside itself (``NAME.vN-STAMP.bak``).

    The backup made before a migration when the caller gives none: the application passes its
    own, which writes a verified archive to the backup folder and records it.
    """
    db = database.obj
    if not is_sqlite(db) or db.database == ":memory:":
        return None
    path = Path(db.database)
    if not path.exists() or path.stat().st_size == 0:
        return None
    stamp = now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    copy_sqlite(path, target)
    return target


def upgrade(
    target: int = LATEST,
    backup: BackupBeforeMigration | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int, Path | None]:
    """Bring the schema to ``target``; returns (version before, version after, backup file).

    A database that has a schema is backed up first, by ``backup`` (default
    :func:`backup_sqlite_file`). ``progress(done, total)`` hears how far a long step (building
    the search index over the complaints there) has come.
    """
    before = current_version()
    if before >= target:
        return before, before, None
    made = (backup or backup_sqlite_file)(before) if before > 0 else None
    migrator = SchemaMigrator.from_database(database.obj)
    if progress is not None:
        _progress["report"] = progress
    try:
        for version, _name, step in MIGRATIONS:
            if before < version <= target:
                with database.atomic():
                    step(migrator)
                    _set_version(version)
    finally:
        _progress.clear()
    return before, target, made


def _set_version(version: int) -> None:
    SchemaVersion.delete().execute()
    SchemaVersion.create(version=version)


__all__ = ["LATEST", "MIGRATIONS", "current_version", "upgrade"]
