"""The registry in and out of spreadsheets (CSV with BOM, XLSX), with the regulation's headers.

An import is all or nothing: every row is checked, and if any is invalid nothing is written and
each invalid row is reported (row, column, reason). With ``skip_invalid`` the valid rows are
imported and the invalid ones go to a reject file beside the input. Rows without a number get the
next numbers of their received day, inside the same transaction as the insert.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee

from app import sentences, validation
from app.auth import can, require
from app.clock import Month, now
from app.complaints import labels, numbering, registry, service
from app.complaints.bulk import bulk_insert
from app.contacts import editable_contact, normalise_contact
from app.customers.phones import owners_of
from app.errors import ValidationError
from app.i18n import translate
from app.tabular import (
    ImportFailed,
    RowError,
    fingerprint,
    import_transaction,
    parse_datetime,
    read_table,
    record_import,
    refuse_repeated_import,
    require_headers,
    write_rejects,
    write_table,
)
from models import AuditLog, Complaint, ProgressStep, User
from models.migrations import parse_old_step

IMPORT_TABLE = "complaint"

HEADERS = (
    "编号",
    "投诉时间",
    "投诉人",
    "联系方式",
    "渠道",
    "类型",
    "严重程度",
    "订单编号",
    "投诉内容",
    "处理进程",
    "处理结果",
    "客户满意度",
    "状态",
    "受理人",
    "承诺处理时间",
    "解决时间",
    "作废",
)
REQUIRED = ("投诉时间", "投诉人", "联系方式", "投诉内容")
ENGLISH_HEADERS = {
    "Number": "编号",
    "Received at": "投诉时间",
    "Complainant": "投诉人",
    "Contact": "联系方式",
    "Channel": "渠道",
    "Category": "类型",
    "Severity": "严重程度",
    "Order number": "订单编号",
    "Content": "投诉内容",
    "Progress": "处理进程",
    "Result": "处理结果",
    "Satisfaction": "客户满意度",
    "Status": "状态",
    "Handler": "受理人",
    "Promised by": "承诺处理时间",
    "Resolved at": "解决时间",
    "Void": "作废",
}
VOID_TEXT = {True: "是", False: "否"}
# what the 作废 column accepts (case does not matter); empty means not void
VOID_VALUES = {
    "是": True,
    "否": False,
    "作废": True,
    "yes": True,
    "no": False,
    "y": True,
    "n": False,
    "true": True,
    "false": False,
    "1": True,
    "0": False,
    "": False,
}
TIME_FORMAT = "%Y-%m-%d %H:%M"
STEP_LINE = re.compile(
    r"^(\d{4}[-/]\d{1,2}[-/]\d{1,2} \d{1,2}:\d{2})\s+([^（(：:]+?)\s*(?:[（(]([^）)]*)[）)])?\s*[：:]\s?(.*)$"
)
# each step starts with its time, so steps are found even where line breaks were lost
STEP_START = re.compile(r"\s*(?=\d{4}[-/]\d{1,2}[-/]\d{1,2} \d{1,2}:\d{2}\s)")


# --- export ------------------------------------------------------------------------------------


def _time(value: dt.datetime | None) -> str:
    # the year padded by hand: strftime writes the year 206 as "206" on Linux
    return f"{value.year:04d}-{value:%m-%d %H:%M}" if value else ""


def progress_text(steps: list[ProgressStep]) -> str:
    """The timeline as lines: ``2026-11-25 10:30 电话沟通（李客服）：note``."""
    lines = []
    for step in steps:
        author = service.step_author(step)
        who = f"（{author}）" if author else ""
        note = " ".join(service.step_text(step).split())
        lines.append(f"{_time(step.at)} {labels.step_label(step.kind)}{who}：{note}")
    return "\n".join(lines)


def export_rows(month: Month | None) -> Iterator[list[str]]:
    query = registry.complaints_of_month(month)
    steps_by_complaint: dict[int, list[ProgressStep]] = defaultdict(list)
    step_query = (
        ProgressStep.select(ProgressStep, User)
        .join(User, peewee.JOIN.LEFT_OUTER)
        .switch(ProgressStep)
        .join(Complaint)
        .order_by(ProgressStep.at, ProgressStep.id)
    )
    if month is not None:
        step_query = step_query.where(
            Complaint.received_at >= month.start, Complaint.received_at < month.end
        )
    for step in step_query:
        steps_by_complaint[step.complaint_id].append(step)
    for c in query:
        yield [
            c.number,
            _time(c.received_at),
            c.complainant,
            editable_contact(c.contact),
            labels.channel_label(c.channel),
            labels.category_label(c.category),
            labels.severity_label(c.severity),
            c.order_no,
            c.content,
            progress_text(steps_by_complaint.get(c.id, [])),
            c.result,
            labels.satisfaction_label(c.satisfaction),
            labels.status_label(c.status),
            c.handler.name if c.handler_id else "",
            _time(c.promised_at),
            _time(c.resolved_at),
            VOID_TEXT[bool(c.voided)],
        ]


def export_complaints(path: Path, month: Month | None = None) -> int:
    """Write the month's (or every) complaint in number order; returns the number of rows.

    Void complaints are written too, marked 是 in the last column (作废), so that a count made
    from the file can leave them out as the figures do."""
    return write_table(Path(path), HEADERS, export_rows(month))


# --- import ------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    imported: int = 0
    numbers: list[str] = field(default_factory=list)
    rejected: int = 0
    rejects_file: Path | None = None


@dataclass
class _Row:
    row: int
    raw: dict[str, str]
    values: dict[str, Any]
    number: str | None
    steps: list[dict[str, Any]]


class _UserIndex:
    """Users by employee number, login or name, and the settings' lists, read once per import."""

    def __init__(self) -> None:
        self.channels = service.channels()
        self.categories = service.categories()
        self.hours = {s: service.promise_hours(s) for s in labels.SEVERITIES}
        self.earliest = validation.earliest_date()
        self.by_key: dict[str, int] = {}
        self.names: dict[int, str] = {}
        for user in User.select():
            self.names[user.id] = user.name
            for key in (user.employee_no, user.login, user.name):
                self.by_key.setdefault(key.strip().casefold(), user.id)

    def find(self, text: str) -> int | None:
        return self.by_key.get(text.strip().casefold())


def _parse_time(text: str) -> dt.datetime | None:
    return parse_datetime(text) if text.strip() else None


def _check_row(row_no: int, raw: dict[str, str], users: _UserIndex, at: dt.datetime) -> _Row:
    errors: list[RowError] = []
    earliest = users.earliest

    def bad(column: str, reason: str) -> None:
        errors.append(RowError(row_no, column, reason))

    def text(column: str) -> str:
        return (raw.get(column) or "").strip()

    values: dict[str, Any] = {}
    received = _parse_time(text("投诉时间"))
    if not text("投诉时间"):
        bad("投诉时间", translate("ComplaintTransfer", "The received time is required."))
    elif received is None:
        bad(
            "投诉时间",
            translate(
                "ComplaintTransfer", "Not a time: use YYYY-MM-DD HH:MM, YYYY/MM/DD HH:MM or a date."
            ),
        )
    elif received > at + service.FUTURE_TOLERANCE:
        bad(
            "投诉时间", translate("ComplaintTransfer", "The received time cannot be in the future.")
        )
    elif (problem := validation.date_problem(received, earliest)) is not None:
        bad("投诉时间", problem)
    else:
        values["received_at"] = received
    values["complainant"] = " ".join(text("投诉人").split())
    if not values["complainant"]:
        bad("投诉人", translate("ComplaintTransfer", "The complainant's name is required."))
    elif len(values["complainant"]) > service.MAX_LENGTHS["complainant"]:
        bad(
            "投诉人",
            translate("ComplaintTransfer", "The name is too long (at most 120 characters)."),
        )
    try:
        values["contact"] = normalise_contact(text("联系方式")).value
    except ValidationError as exc:
        bad("联系方式", next(iter(exc.fields.values())))
    values["content"] = (raw.get("投诉内容") or "").strip()
    if not values["content"]:
        bad("投诉内容", translate("ComplaintTransfer", "The complaint's content is required."))
    for column, kind, allowed, default in (
        ("渠道", "channel", users.channels, users.channels[0]),
        ("类型", "category", users.categories, None),
        ("严重程度", "severity", list(labels.SEVERITIES), "normal"),
        ("状态", "status", list(labels.STATUSES), None),
    ):
        if not text(column):
            if kind == "category":
                default = "other" if "other" in allowed else allowed[-1]
            if kind == "status":
                default = "resolved" if text("处理结果") else "open"
            values[kind] = default
            continue
        code = labels.parse(kind, text(column), allowed)
        if code is None:
            bad(
                column,
                translate("ComplaintTransfer", "Unknown value {value}.").format(value=text(column)),
            )
        values[kind] = code
    void = VOID_VALUES.get(text("作废").casefold())
    if void is None:
        bad("作废", translate("ComplaintTransfer", "Write 是 or 否 (void or not)."))
    values["voided"] = bool(void)
    values["order_no"] = text("订单编号")
    if len(values["order_no"]) > service.MAX_LENGTHS["order_no"]:
        bad(
            "订单编号",
            translate("ComplaintTransfer", "The order number is too long (at most 60 characters)."),
        )
    values["result"] = (raw.get("处理结果") or "").strip()
    try:
        values["satisfaction"] = labels.parse_satisfaction(text("客户满意度"))
    except ValueError:
        bad("客户满意度", translate("ComplaintTransfer", "Use 1 to 5 or a label such as 满意."))
    values["handler"] = None
    if text("受理人"):
        values["handler"] = users.find(text("受理人"))
        if values["handler"] is None:
            bad(
                "受理人",
                translate("ComplaintTransfer", "No user with this name, login or employee number."),
            )
    for column, key in (("承诺处理时间", "promised_at"), ("解决时间", "resolved_at")):
        values[key] = _parse_time(text(column))
        if text(column) and values[key] is None:
            bad(
                column,
                translate(
                    "ComplaintTransfer",
                    "Not a time: use YYYY-MM-DD HH:MM, YYYY/MM/DD HH:MM or a date.",
                ),
            )
        elif (problem := validation.date_problem(values[key], earliest)) is not None:
            bad(column, problem)
            values[key] = None
    received_at = values.get("received_at")
    if received_at is not None:
        if values.get("promised_at") is not None and values["promised_at"] < received_at:
            bad(
                "承诺处理时间",
                translate(
                    "ComplaintTransfer", "The promised time cannot be before the received time."
                ),
            )
        if values.get("resolved_at") is not None and values["resolved_at"] < received_at:
            bad(
                "解决时间",
                translate(
                    "ComplaintTransfer", "The resolved time cannot be before the received time."
                ),
            )
    if (
        values.get("resolved_at") is not None
        and values["resolved_at"] > at + service.FUTURE_TOLERANCE
    ):
        bad(
            "解决时间", translate("ComplaintTransfer", "The resolved time cannot be in the future.")
        )
    if values.get("promised_at") is None and "received_at" in values and values["severity"]:
        hours = users.hours.get(values["severity"], users.hours["normal"])
        values["promised_at"] = values["received_at"] + dt.timedelta(hours=hours)
    if values.get("status") in ("resolved", "closed") and values.get("resolved_at") is None:
        values["resolved_at"] = values.get("received_at")
    number = text("编号") or None
    if number is not None:
        parts = numbering.split_number(number)
        if parts is None:
            bad("编号", translate("ComplaintTransfer", "A number looks like 20261125-001."))
        elif "received_at" in values and parts[0] != numbering.day_key(values["received_at"]):
            bad(
                "编号",
                translate("ComplaintTransfer", "The number's date is not the received date."),
            )
    steps = []
    for line in STEP_START.split(raw.get("处理进程") or ""):
        if not line.strip():
            continue
        match = STEP_LINE.match(line.strip())
        kind = labels.parse("step", match.group(2)) if match else None
        when = _parse_time(match.group(1)) if match else None
        if match is None or kind is None or when is None:
            bad(
                "处理进程",
                translate(
                    "ComplaintTransfer",
                    "Cannot read this step: {line} (use: 2026-11-25 10:30 电话沟通（姓名）：内容)",
                ).format(line=line.strip()[:40]),
            )
            continue
        if (problem := validation.date_problem(when, earliest)) is not None:
            bad("处理进程", problem)
            continue
        if when > at + service.FUTURE_TOLERANCE or (received_at is not None and when < received_at):
            bad(
                "处理进程",
                translate(
                    "ComplaintTransfer",
                    "A step's time must lie between the received time and now: {line}",
                ).format(line=line.strip()[:40]),
            )
            continue
        author_text = (match.group(3) or "").strip()
        author_id = users.find(author_text) if author_text else None
        note = match.group(4).strip()
        # a step the program wrote (a status change, …) becomes its code again
        coded = parse_old_step(kind, note)
        steps.append(
            {
                "at": when,
                "kind": kind,
                "note": coded[1] if coded else note,
                "params": json.dumps(coded[0], ensure_ascii=False) if coded else "",
                "author": author_id,
                "author_name": "" if author_id else author_text[:60],
            }
        )
    if errors:
        raise _RowInvalid(errors)
    return _Row(row_no, raw, values, number, steps)


class _RowInvalid(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors


def may_import(user: User) -> bool:
    """Agents and managers import; so does the administrator, who moves the old registry in at
    set-up."""
    return can(user, "data.import")


def import_complaints(
    actor: User,
    path: Path,
    *,
    skip_invalid: bool = False,
    again: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import the registry from ``path``; a file imported before is refused unless ``again``."""
    require(actor, "data.import")
    path = Path(path)
    table = read_table(path)
    digest = fingerprint(path)
    if not again:
        refuse_repeated_import(IMPORT_TABLE, path, digest)
    require_headers(table, REQUIRED, ENGLISH_HEADERS)
    users = _UserIndex()
    at = now()
    good: list[_Row] = []
    rejected: dict[int, tuple[dict[str, str], list[RowError]]] = {}
    total = len(table.rows)
    seen_numbers: dict[str, int] = {}
    for index, (number, raw) in enumerate(table.rows, start=1):
        try:
            row = _check_row(number, raw, users, at)
            if number in table.errors:
                raise _RowInvalid([])
        except _RowInvalid as exc:
            rejected[number] = (raw, table.errors.get(number, []) + exc.errors)
        else:
            if row.number is not None and row.number in seen_numbers:
                error = RowError(
                    number,
                    "编号",
                    translate("ComplaintTransfer", "The number {n} is also in row {row}.").format(
                        n=row.number, row=seen_numbers[row.number]
                    ),
                )
                rejected[number] = (raw, [error])
            else:
                if row.number is not None:
                    seen_numbers[row.number] = number
                good.append(row)
        if progress is not None and index % 200 == 0:
            progress(index, total * 2)
    if rejected and not skip_invalid:
        raise ImportFailed([e for _raw, errs in rejected.values() for e in errs])
    report = ImportReport()
    with import_transaction():
        if not again:  # again under the write lock: another desk may have imported it meanwhile
            refuse_repeated_import(IMPORT_TABLE, path, digest)
        taken = _numbers_in_database([r.number for r in good if r.number])
        if taken:
            for row in [r for r in good if r.number in taken]:
                error = RowError(
                    row.row,
                    "编号",
                    translate(
                        "ComplaintTransfer", "The number {n} is already in the registry."
                    ).format(n=row.number),
                )
                rejected[row.row] = (row.raw, [error])
            good = [r for r in good if r.number not in taken]
            if not skip_invalid:
                raise ImportFailed([e for _raw, errs in rejected.values() for e in errs])
        report.numbers = _insert(actor, good, progress, total)
        report.imported = len(good)
        if rejected:  # written before the commit: no import without its reject file
            ordered = sorted(rejected.items())
            report.rejected = len(ordered)
            report.rejects_file = write_rejects(
                path, table.headers, [(n, raw, errs) for n, (raw, errs) in ordered]
            )
        record_import(actor, IMPORT_TABLE, path, digest, report.imported, report.rejected)
    return report


def _numbers_in_database(numbers: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(numbers), 500):
        chunk = numbers[start : start + 500]
        found |= {
            n
            for (n,) in Complaint.select(Complaint.number)
            .where(Complaint.number.in_(chunk))
            .tuples()
        }
    return found


def _insert(
    actor: User,
    rows: list[_Row],
    progress: Callable[[int, int], None] | None,
    total: int,
) -> list[str]:
    """Give numbers day by day (in date order, so concurrent imports lock days in one order)."""
    by_day: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        by_day[numbering.day_key(row.values["received_at"])].append(row)
    for day in sorted(by_day):
        day_rows = by_day[day]
        explicit = [numbering.split_number(r.number)[1] for r in day_rows if r.number]
        automatic = [r for r in day_rows if not r.number]
        given = numbering.reserve(day, len(automatic), at_least=max(explicit, default=0))
        for row, sequence in zip(automatic, given, strict=True):
            row.number = numbering.format_number(day, sequence)
    stamp = now()
    records = []
    # each distinct contact looked up once, in batches, among the phones on file
    contacts = sorted({row.values["contact"] for row in rows})
    customers: dict[str, int | None] = {}
    for start in range(0, len(contacts), 500):
        owners = owners_of(contacts[start : start + 500])
        customers.update({phone: customer.id for phone, customer in owners.items()})
    for row in rows:
        v = row.values
        records.append(
            {
                "number": row.number,
                "sort_key": numbering.sort_key(row.number or ""),
                "received_at": v["received_at"],
                "complainant": v["complainant"],
                "contact": v["contact"],
                "customer": customers.get(v["contact"]),
                "channel": v["channel"],
                "category": v["category"],
                "severity": v["severity"],
                "order_no": v["order_no"],
                "content": v["content"],
                "result": v["result"],
                "satisfaction": v["satisfaction"],
                "status": v["status"],
                "handler": v["handler"],
                "promised_at": v["promised_at"],
                "resolved_at": v["resolved_at"] if v["status"] in ("resolved", "closed") else None,
                "closed_at": v["resolved_at"] if v["status"] == "closed" else None,
                "principles": "[]",
                "voided": v["voided"],
                "version": 1,
                "created_by": actor.id,
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
    for start in range(0, len(records), 2000):
        bulk_insert(Complaint, records[start : start + 2000])
        if progress is not None:
            progress(total + start, total * 2)
    ids: dict[str, int] = {}
    numbers = [r.number for r in rows if r.number]
    for start in range(0, len(numbers), 500):
        chunk = numbers[start : start + 500]
        ids.update(
            dict(
                Complaint.select(Complaint.number, Complaint.id)
                .where(Complaint.number.in_(chunk))
                .tuples()
            )
        )
    steps = [
        {"complaint": ids[row.number], **step} for row in rows for step in row.steps if row.number
    ]
    bulk_insert(ProgressStep, steps)
    entries = [
        {
            "at": stamp,
            "user": actor.id,
            "action": "create",
            "table": "complaint",
            "record_id": ids[row.number],
            "summary": sentences.say("imported.record", record=row.number).stored(),
            "changes": json.dumps(
                {"number": [None, row.number], "complainant": [None, row.values["complainant"]]},
                ensure_ascii=False,
            ),
        }
        for row in rows
        if row.number
    ]
    bulk_insert(AuditLog, entries)
    return [r.number for r in rows if r.number]
