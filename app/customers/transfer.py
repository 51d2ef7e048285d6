"""Customers in and out of spreadsheets (CSV as UTF-8 with BOM, or XLSX).

Columns: 客户名称, 类型 (个人/单位), 联系人, 电话 (several separated by ``;``), 邮箱, 地址, 性别 (男/女),
标签 (separated by ``;``), 备注. An import is all or nothing: every invalid row is reported and
nothing is written, unless ``skip_invalid`` is given, which imports the valid rows and writes the
others with their reasons to a reject file beside the input.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from app import sentences
from app.auth import require
from app.clock import now
from app.customers import codes  # noqa: F401  (registers the sentence "customers.imported_from")
from app.customers import phones as phone_rules
from app.customers import tags as tag_rules
from app.customers.customers import CleanCustomer, CustomerData, phones_and_tags, validate
from app.errors import ValidationError
from app.i18n import translate
from app.sentences import Sentence
from app.tabular import (
    ImportFailed,
    RowError,
    fingerprint,
    import_transaction,
    read_table,
    record_import,
    refuse_repeated_import,
    require_headers,
    write_rejects,
    write_table,
)
from models import AuditLog, Customer, CustomerPhone, CustomerTag, User

IMPORT_TABLE = "customer"

COLUMNS = ("客户名称", "类型", "联系人", "电话", "邮箱", "地址", "性别", "标签", "备注")
KIND_TEXT = {"person": "个人", "organisation": "单位"}
KIND_CODES = {
    "个人": "person",
    "单位": "organisation",
    "person": "person",
    "organisation": "organisation",
    "": "person",
}
GENDER_TEXT = {"": "", "male": "男", "female": "女"}
GENDER_CODES = {"": "", "男": "male", "女": "female", "male": "male", "female": "female"}
FIELD_COLUMNS = {
    "name": "客户名称",
    "kind": "类型",
    "contact_person": "联系人",
    "phones": "电话",
    "email": "邮箱",
    "address": "地址",
    "gender": "性别",
    "tags": "标签",
    "notes": "备注",
    "organisation": "客户名称",
}
ALIASES = {
    "名称": "客户名称",
    "客户": "客户名称",
    "手机": "电话",
    "联系电话": "电话",
    "电子邮箱": "邮箱",
    "E-mail": "邮箱",
    "Email": "邮箱",
}
IMPORT_SOURCE = "导入"

Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    imported: int
    rejected: int
    rejects_file: Path | None

    def summary(self) -> str:
        text = translate("CustomersImport", "{n} customer(s) imported.").format(n=self.imported)
        if self.rejected:
            text += " " + translate(
                "CustomersImport", "{n} invalid row(s) skipped, listed in {file}."
            ).format(n=self.rejected, file=self.rejects_file)
        return text


def _row_data(values: dict[str, str]) -> tuple[CustomerData | None, list[tuple[str, str]]]:
    problems: list[tuple[str, str]] = []
    kind_text = values.get("类型", "").strip()
    kind = KIND_CODES.get(kind_text)
    if kind is None:
        problems.append(("类型", translate("CustomersImport", "Use 个人 or 单位.")))
    gender_text = values.get("性别", "").strip()
    gender = GENDER_CODES.get(gender_text)
    if gender is None:
        problems.append(("性别", translate("CustomersImport", "Use 男, 女 or leave it empty.")))
    if problems:
        return None, problems
    name = values.get("客户名称", "").strip()
    return (
        CustomerData(
            name=name,
            kind=kind or "person",
            organisation=name if kind == "organisation" else "",
            contact_person=values.get("联系人", ""),
            phones=phone_rules.split_phones(values.get("电话", "")),
            email=values.get("邮箱", ""),
            address=values.get("地址", ""),
            gender=gender or "",
            tags=tag_rules.split_tags(values.get("标签", "")),
            source=IMPORT_SOURCE,
            notes=values.get("备注", ""),
        ),
        problems,
    )


def import_customers(
    actor: User,
    path: Path,
    *,
    skip_invalid: bool = False,
    again: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Check every row first; then import all (or, with ``skip_invalid``, the valid ones). A
    file imported before is refused unless ``again``."""
    require(actor, "data.import")
    path = Path(path)
    table = read_table(path)
    digest = fingerprint(path)
    if not again:
        refuse_repeated_import(IMPORT_TABLE, path, digest)
    require_headers(table, ("客户名称",), ALIASES)
    checked: Checked = []
    total = len(table.rows)
    for index, (number, values) in enumerate(table.rows):
        errors: list[RowError] = list(table.errors.get(number, []))
        data, problems = _row_data(values)
        errors += [RowError(number, column, reason) for column, reason in problems]
        clean = None
        if data is not None:
            try:
                clean = validate(data)
            except ValidationError as exc:
                for field, reason in exc.fields.items():
                    errors.append(RowError(number, FIELD_COLUMNS.get(field, field), reason))
        checked.append((number, values, clean, errors))
        if progress is not None and index % 500 == 0:
            progress(index, total * 2)
    summary = sentences.say("customers.imported_from", file=path.name[:120])
    with import_transaction():
        phone_rules.lock_phones()  # no other desk files these phones meanwhile
        if not again:  # again under the write lock: another desk may have imported it meanwhile
            refuse_repeated_import(IMPORT_TABLE, path, digest)
        valid, rejected = _check_phones(checked)
        if rejected and not skip_invalid:
            raise ImportFailed([e for _n, _v, errs in rejected for e in errs])
        _write(actor, valid, summary, progress, total)
        # written before the commit: no import without its reject file
        rejects_file = write_rejects(path, table.headers, rejected) if rejected else None
        record_import(actor, IMPORT_TABLE, path, digest, len(valid), len(rejected))
    return ImportResult(len(valid), len(rejected), rejects_file)


Checked = list[tuple[int, dict[str, str], CleanCustomer | None, list[RowError]]]
Rejected = list[tuple[int, dict[str, str], list[RowError]]]


def _check_phones(checked: Checked) -> tuple[list[CleanCustomer], Rejected]:
    """Reject rows whose phones are on file already or repeat an earlier row of the file."""
    all_phones = [p for _n, _v, clean, _e in checked if clean for p in clean.phones]
    owners: dict[str, Customer] = {}
    for start in range(0, len(all_phones), 500):
        owners.update(phone_rules.owners_of(all_phones[start : start + 500]))
    seen_phones: dict[str, int] = {}
    valid: list[CleanCustomer] = []
    rejected: list[tuple[int, dict[str, str], list[RowError]]] = []
    for number, values, clean, errors in checked:
        for phone in clean.phones if clean is not None else []:
            if phone in owners:
                reason = translate(
                    "CustomersImport", "{phone} is already on file for {name}."
                ).format(phone=phone, name=owners[phone].name)
                errors.append(RowError(number, "电话", reason))
            elif phone in seen_phones:
                reason = translate(
                    "CustomersImport", "{phone} is also in row {row} of this file."
                ).format(phone=phone, row=seen_phones[phone])
                errors.append(RowError(number, "电话", reason))
            seen_phones.setdefault(phone, number)
        if errors:
            rejected.append((number, values, errors))
        elif clean is not None:
            valid.append(clean)
    return valid, rejected


def _write(
    actor: User,
    valid: list[CleanCustomer],
    summary: Sentence,
    progress: Progress | None,
    total: int,
) -> None:
    for start in range(0, len(valid), 500):
        chunk = valid[start : start + 500]
        phone_rows: list[dict] = []
        tag_rows: list[dict] = []
        audit_rows: list[dict] = []
        for clean in chunk:
            customer_id = Customer.insert(**clean.values, created_by=actor.id).execute()
            phone_rows += [phone_rules.phone_row(customer_id, p) for p in clean.phones]
            tag_rows += [{"customer": customer_id, "tag": t} for t in clean.tags]
            changes = {"phones": [None, clean.phones]} if clean.phones else {}
            audit_rows.append(
                {
                    "user": actor.id,
                    "action": "create",
                    "table": "customer",
                    "record_id": customer_id,
                    "summary": summary.stored(),
                    "changes": json.dumps(changes, ensure_ascii=False),
                    "at": now(),
                }
            )
        for model, rows in (
            (CustomerPhone, phone_rows),
            (CustomerTag, tag_rows),
            (AuditLog, audit_rows),
        ):
            if rows:
                model.insert_many(rows).execute()
        if progress is not None:
            progress(total + start + len(chunk), total * 2)


def export_rows(chunk: int = 2000) -> Iterator[list[str]]:
    """Every active customer as a row of :data:`COLUMNS`, oldest first, read in chunks."""
    last_id = 0
    while True:
        customers = list(
            Customer.select()
            .where(Customer.merged_into.is_null(), Customer.id > last_id)
            .order_by(Customer.id)
            .limit(chunk)
        )
        if not customers:
            return
        phones, tags = phones_and_tags([c.id for c in customers])
        for c in customers:
            yield [
                c.name,
                KIND_TEXT.get(c.kind, c.kind),
                c.contact_person,
                ";".join(phones[c.id]),
                c.email,
                c.address,
                GENDER_TEXT.get(c.gender, c.gender),
                ";".join(tags[c.id]),
                c.notes,
            ]
        last_id = customers[-1].id


def export_customers(path: Path, progress: Progress | None = None) -> int:
    """Write every active customer to ``path`` (.csv or .xlsx); returns the number of rows."""
    total = Customer.select().where(Customer.merged_into.is_null()).count()

    def rows() -> Iterator[list[str]]:
        for index, row in enumerate(export_rows()):
            if progress is not None and index % 1000 == 0:
                progress(index, total)
            yield row

    return write_table(Path(path), COLUMNS, rows())
