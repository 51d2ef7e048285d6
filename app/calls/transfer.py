"""The contact register in and out of spreadsheets (CSV with BOM, XLSX).

Columns: 来电时间, 首次应答时间, 结束时间, 渠道, 客户名称, 联系方式, 主题, 结果, 订单编号, 备注,
坐席 (工号). Times are written to the second, so the response time and the length of a contact
can be counted from the file. An import is all or nothing, like the complaint registry's: every
row is checked and, if any is invalid, nothing is written and each invalid row is reported (row,
column, reason); with ``skip_invalid`` the valid rows are imported and the invalid ones go to a
reject file beside the input. An imported contact is linked to the archived customer with its
phone; it makes no callback task and no complaint (those are the form's).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peewee import fn

from app import changes, sentences, validation
from app.auth import require
from app.calls import service
from app.clock import Month, now
from app.complaints import labels
from app.complaints.bulk import bulk_insert
from app.contacts import editable_contact
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
from models import AuditLog, ContactRecord, User

IMPORT_TABLE = "contact_record"

AGENT_COLUMN = "坐席 (工号)"
HEADERS = (
    "来电时间",
    "首次应答时间",
    "结束时间",
    "渠道",
    "客户名称",
    "联系方式",
    "主题",
    "结果",
    "订单编号",
    "备注",
    AGENT_COLUMN,
)
REQUIRED = ("来电时间", "主题", "结果")
ALIASES = {
    "坐席": AGENT_COLUMN,
    "坐席（工号）": AGENT_COLUMN,
    "坐席(工号)": AGENT_COLUMN,
    "Came in": "来电时间",
    "First answer": "首次应答时间",
    "Ended": "结束时间",
    "Channel": "渠道",
    "Customer": "客户名称",
    "Contact": "联系方式",
    "Topic": "主题",
    "Result": "结果",
    "Order number": "订单编号",
    "Note": "备注",
    "Agent": AGENT_COLUMN,
}
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
# the columns an imported row brings (the rest are filled in)
ROW_FIELDS = (
    "came_in_at",
    "answered_at",
    "ended_at",
    "channel",
    "customer_name",
    "contact",
    "topic",
    "result",
    "order_no",
    "note",
    "agent",
)
RESULT_TEXT = {code: chinese for code, (_english, chinese) in service.RESULT_TEXTS.items()}


def _time(value: dt.datetime | None) -> str:
    return value.strftime(TIME_FORMAT) if value else ""


def export_rows(month: Month | None) -> Iterator[list[str]]:
    query = ContactRecord.select().order_by(ContactRecord.came_in_at, ContactRecord.id)
    if month is not None:
        query = query.where(
            ContactRecord.came_in_at >= month.start, ContactRecord.came_in_at < month.end
        )
    numbers = dict(User.select(User.id, User.employee_no).tuples())
    for r in query.iterator():
        yield [
            _time(r.came_in_at),
            _time(r.answered_at),
            _time(r.ended_at),
            labels.channel_label(r.channel),
            r.customer_name,
            editable_contact(r.contact) if r.contact else "",
            r.topic,
            RESULT_TEXT.get(r.result, r.result),
            r.order_no,
            r.note,
            numbers.get(r.agent_id, ""),
        ]


def export_contacts(path: Path, month: Month | None = None) -> int:
    """Write the month's (or every) contact in the order they came in; returns the count."""
    return write_table(Path(path), HEADERS, export_rows(month))


# --- import -------------------------------------------------------------------------------


@dataclass
class ImportReport:
    imported: int = 0
    rejected: int = 0
    rejects_file: Path | None = None


class _Lookups:
    """Users and the settings' lists, read once per import."""

    def __init__(self) -> None:
        self.channels = service.channels()
        self.topics = service.topics()
        self.earliest = validation.earliest_date()
        self.users: dict[str, int] = {}
        for user in User.select():
            for key in (user.employee_no, user.login, user.name):
                self.users.setdefault(key.strip().casefold(), user.id)

    def user(self, text: str) -> int | None:
        return self.users.get(text.strip().casefold())


def _check_row(
    row_no: int, raw: dict[str, str], look: _Lookups, actor: User, at: dt.datetime
) -> dict[str, Any]:
    errors: list[RowError] = []

    def text(column: str) -> str:
        return (raw.get(column) or "").strip()

    fields: dict[str, Any] = {}
    for column, key in (
        ("来电时间", "came_in_at"),
        ("首次应答时间", "answered_at"),
        ("结束时间", "ended_at"),
    ):
        fields[key] = None
        if text(column):
            value = parse_datetime(text(column))
            if value is None:
                errors.append(
                    RowError(
                        row_no,
                        column,
                        translate(
                            "ContactTransfer",
                            "Not a time: use YYYY-MM-DD HH:MM:SS (seconds may be left out).",
                        ),
                    )
                )
            elif (problem := validation.date_problem(value, look.earliest)) is not None:
                errors.append(RowError(row_no, column, problem))
                value = None
            fields[key] = value
    if not text("来电时间"):
        errors.append(
            RowError(
                row_no, "来电时间", translate("ContactTransfer", "The time it came in is required.")
            )
        )
    channel = look.channels[0]
    if text("渠道"):
        parsed = labels.parse("channel", text("渠道"), look.channels)
        if parsed is None:
            errors.append(
                RowError(
                    row_no,
                    "渠道",
                    translate("ContactTransfer", "Unknown value {value}.").format(
                        value=text("渠道")
                    ),
                )
            )
        channel = parsed or channel
    fields["channel"] = channel
    result = service.parse_result(text("结果"))
    if result is None:
        errors.append(
            RowError(
                row_no,
                "结果",
                translate(
                    "ContactTransfer",
                    "Unknown result {value}: use 已解答, 已下单, 已登记投诉, 需回访 or 已转接.",
                ).format(value=text("结果")),
            )
        )
    fields["result"] = result or "answered"
    fields["topic"] = text("主题")
    fields["customer_name"] = text("客户名称")
    fields["contact"] = text("联系方式")
    fields["order_no"] = text("订单编号")
    fields["note"] = (raw.get("备注") or "").strip()
    agent = actor.id
    if text(AGENT_COLUMN):
        found = look.user(text(AGENT_COLUMN))
        if found is None:
            errors.append(
                RowError(
                    row_no,
                    AGENT_COLUMN,
                    translate(
                        "ContactTransfer", "No user with this employee number, login or name."
                    ),
                )
            )
        agent = found or agent
    columns = {
        "came_in_at": "来电时间",
        "answered_at": "首次应答时间",
        "ended_at": "结束时间",
        "channel": "渠道",
        "customer_name": "客户名称",
        "contact": "联系方式",
        "topic": "主题",
        "result": "结果",
        "order_no": "订单编号",
        "note": "备注",
    }
    bad = {e.column for e in errors}
    try:
        values = service.validate(
            {k: v for k, v in fields.items() if columns[k] not in bad},
            at=at,
            channel_codes=look.channels,
            topic_names=look.topics,
        )
    except ValidationError as exc:
        errors.extend(
            RowError(row_no, columns.get(key, key), reason)
            for key, reason in exc.fields.items()
            if columns.get(key, key) not in bad
        )
    if not errors:
        values["agent"] = agent
        return values
    raise _RowInvalid(errors)


class _RowInvalid(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors


def import_contacts(
    actor: User, path: Path, *, skip_invalid: bool = False, again: bool = False
) -> ImportReport:
    """Import contacts from a spreadsheet, all or nothing (see the module's text); a file
    imported before is refused unless ``again``."""
    require(actor, "data.import")
    path = Path(path)
    table = read_table(path)
    digest = fingerprint(path)
    if not again:
        refuse_repeated_import(IMPORT_TABLE, path, digest)
    require_headers(table, REQUIRED, ALIASES)
    look = _Lookups()
    at = now()
    good: list[dict[str, Any]] = []
    rejected: list[tuple[int, dict[str, str], list[RowError]]] = []
    for number, raw in table.rows:
        try:
            checked = _check_row(number, raw, look, actor, at)
            if number in table.errors:
                raise _RowInvalid([])
            good.append(checked)
        except _RowInvalid as exc:
            rejected.append((number, raw, table.errors.get(number, []) + exc.errors))
    if rejected and not skip_invalid:
        raise ImportFailed([e for _n, _raw, errs in rejected for e in errs])
    report = ImportReport()
    stamp = now()
    with import_transaction():
        if not again:  # again under the write lock: another desk may have imported it meanwhile
            refuse_repeated_import(IMPORT_TABLE, path, digest)
        phones = sorted({v["contact"] for v in good if v["contact"]})
        owners: dict[str, Any] = {}
        for start in range(0, len(phones), 500):
            owners.update(owners_of(phones[start : start + 500]))
        before = ContactRecord.select(fn.MAX(ContactRecord.id)).scalar() or 0
        rows = []
        for values in good:
            owner = owners.get(values["contact"]) if values["contact"] else None
            rows.append(
                {
                    **{key: values.get(key) for key in ROW_FIELDS},
                    "customer": owner.id if owner is not None else None,
                    "complaint": None,
                    "callback": None,
                    "version": 1,
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
        for start in range(0, len(rows), 2000):
            bulk_insert(ContactRecord, rows[start : start + 2000])
        made = (
            ContactRecord.select(
                ContactRecord.id, ContactRecord.came_in_at, ContactRecord.customer_name
            )
            .where(ContactRecord.id > before)
            .order_by(ContactRecord.id)
            .tuples()
        )
        bulk_insert(
            AuditLog,
            [
                {
                    "at": stamp,
                    "user": actor.id,
                    "action": "create",
                    "table": "contact_record",
                    "record_id": record_id,
                    "summary": sentences.say(
                        "imported.record", record=f"{_time(came)[:16]} {name[:120]}"
                    ).stored(),
                    "changes": json.dumps({"came_in_at": [None, _time(came)]}),
                }
                for record_id, came, name in made
            ],
        )
        changes.note("contact_record")
        report.imported = len(good)
        if rejected:  # written before the commit: no import without its reject file
            report.rejected = len(rejected)
            report.rejects_file = write_rejects(path, table.headers, rejected)
        record_import(actor, IMPORT_TABLE, path, digest, report.imported, report.rejected)
    return report
