"""Tables in and out of spreadsheets: CSV (UTF-8 with BOM, so Excel opens it) and XLSX.

Imports are all or nothing: a feature validates every row into :class:`RowError`s and raises
:class:`ImportFailed` with all of them, or, when asked to skip invalid rows, writes them with their
reasons to a reject file beside the input (:func:`write_rejects`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import KefuError, ValidationError
from app.i18n import translate

SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    reason: str

    def __str__(self) -> str:
        return translate("Tabular", "row {row}, {column}: {reason}").format(
            row=self.row, column=self.column or "-", reason=self.reason
        )


class ImportFailed(KefuError):
    """Nothing was imported; every invalid row is listed."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        head = translate("Tabular", "Nothing was imported: {n} invalid row(s).").format(
            n=len({e.row for e in self.errors})
        )
        super().__init__("\n".join([head, *(str(e) for e in self.errors)]))


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (row number, {header: text})


def check_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(
            {
                "file": translate("Tabular", "Use a .csv or .xlsx file, not {name}.").format(
                    name=path.name
                )
            }
        )
    return suffix


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.second == 0 and value.microsecond == 0:
            return f"{value.year:04d}-{value:%m-%d %H:%M}"
        return f"{value.year:04d}-{value:%m-%d %H:%M:%S}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def write_table(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write a header row and data rows; returns the number of data rows."""
    path = Path(path)
    suffix = check_suffix(path)
    count = 0
    if suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            for row in rows:
                writer.writerow([cell_text(v) for v in row])
                count += 1
        return count
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    bold = Font(bold=True)
    from openpyxl.cell import WriteOnlyCell

    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([xlsx_cell(sheet, cell_text(v)) for v in row])
        count += 1
    workbook.save(path)
    return count


def xlsx_cell(sheet: Any, text: str) -> Any:
    """A text cell for XLSX: control characters (pasted from chats) dropped, and a text that
    starts with "=" kept as text, never turned into a formula."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if not text.startswith("="):
        return text
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    return cell


def read_table(path: Path) -> Table:
    """Read a CSV (UTF-8, with or without BOM; GB18030 as a fallback) or XLSX file."""
    path = Path(path)
    suffix = check_suffix(path)
    if not path.exists():
        raise FileNotFoundError(2, "No such file", str(path))
    if suffix == ".csv":
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("gb18030")
        # not splitlines(): a quoted cell keeps its line breaks and odd separators (\x0b, \u2028)
        records = list(csv.reader(io.StringIO(text, newline="")))
    else:
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        records = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    if not records:
        raise ValidationError({"file": translate("Tabular", "The file is empty.")})
    headers = [h.strip().lstrip("\ufeff") for h in records[0]]
    rows = []
    for number, record in enumerate(records[1:], start=2):
        values = [cell_text(v) for v in record]
        if not any(values):
            continue
        values += [""] * (len(headers) - len(values))
        rows.append((number, dict(zip(headers, values, strict=False))))
    return Table(headers, rows)


def require_headers(
    table: Table, required: Sequence[str], aliases: dict[str, str] | None = None
) -> None:
    """Fail unless every required column is present (``aliases`` maps other names to ours)."""
    if aliases:
        table.headers = [aliases.get(h, h) for h in table.headers]
        table.rows = [(n, {aliases.get(k, k): v for k, v in r.items()}) for n, r in table.rows]
    errors = [
        RowError(1, h, translate("Tabular", "This required column is missing."))
        for h in required
        if h not in table.headers
    ]
    # two columns that mean the same (电话 and 手机, or a header twice): one would be dropped
    seen: set[str] = set()
    for header in table.headers:
        if header and header in seen:
            errors.append(
                RowError(
                    1,
                    header,
                    translate(
                        "Tabular", "Two columns of the file mean this one; keep one of them."
                    ),
                )
            )
        seen.add(header)
    if errors:
        raise ImportFailed(errors)


def rejects_path(source: Path) -> Path:
    return source.with_name(f"{source.stem}.rejects.csv")


def write_rejects(
    source: Path,
    headers: Sequence[str],
    rejected: Iterable[tuple[int, dict[str, str], list[RowError]]],
) -> Path:
    """Write invalid rows with their row number and reasons beside the input file."""
    target = rejects_path(Path(source))
    reason_header = translate("Tabular", "Reasons")
    row_header = translate("Tabular", "Row")
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([row_header, *headers, reason_header])
        for number, values, errors in rejected:
            reasons = "; ".join(f"{e.column}: {e.reason}" for e in errors)
            writer.writerow([number, *(values.get(h, "") for h in headers), reasons])
    return target


def parse_datetime(text: str) -> dt.datetime | None:
    """``YYYY-MM-DD HH:MM``, ``YYYY/MM/DD HH:MM`` (seconds allowed) or a date alone (00:00)."""
    text = text.strip().replace("/", "-").replace("T", " ")
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def parse_date(text: str) -> dt.date | None:
    value = parse_datetime(text)
    return value.date() if value is not None else None
