"""Tables in and out of spreadsheets: CSV (UTF-8 with BOM, so Excel opens it) and XLSX.

Imports are all or nothing: a feature validates every row into :class:`RowError`s and raises
:class:`ImportFailed` with all of them, or, when asked to skip invalid rows, writes them with their
reasons to a reject file beside the input (:func:`write_rejects`).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app import validation
from app.errors import KefuError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.output import OutputFailed, replacing

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
    # cells that cannot be imported whatever the feature (a control character), by row number
    errors: dict[int, list[RowError]] = field(default_factory=dict)


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
    """Write a header row and data rows; returns the number of data rows. The file appears only
    when complete (:func:`app.output.replacing`)."""
    path = Path(path)
    suffix = check_suffix(path)
    with replacing(path) as temporary:
        if suffix == ".csv":
            return _write_csv(temporary, headers, ([cell_text(v) for v in row] for row in rows))
        return _write_xlsx(temporary, headers, rows)


def _write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([csv_cell(h) for h in headers])
        for row in rows:
            writer.writerow([csv_cell(v) for v in row])
            count += 1
    return count


def _write_xlsx(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    count = 0
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    bold = Font(bold=True)
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


# A cell a spreadsheet would run as a formula (OWASP, CSV injection): it starts, perhaps after
# spaces, with one of these.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _runs_as_formula(text: str) -> bool:
    """True for a text that, written as is (after any quotes we put in front), could run."""
    return text.lstrip("'").lstrip(" ").startswith(FORMULA_START)


def csv_cell(text: str) -> str:
    """A cell as written to CSV: a text that a spreadsheet would run as a formula gets a leading
    apostrophe, so Excel and WPS show it as text (:func:`csv_text` takes it off again)."""
    return "'" + text if _runs_as_formula(text) else text


def csv_text(cell: str) -> str:
    """The text of a CSV cell written by :func:`csv_cell`: the apostrophe put in front of a
    formula-like text taken off; every other cell as it is."""
    if cell.startswith("'") and _runs_as_formula(cell[1:]):
        return cell[1:]
    return cell


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


# --- reading -----------------------------------------------------------------------------------

MAX_CELL = 100_000  # characters in one cell of a CSV (a complaint's content is far shorter)


@dataclass(frozen=True)
class Limits:
    """How big a file an import reads (team settings ``import_max_mb``, ``import_max_rows``)."""

    max_bytes: int
    max_rows: int

    @classmethod
    def from_settings(cls) -> Limits:
        """The team's limits; the defaults where no database is open (reading a file alone)."""
        from app import settings
        from models import database

        if database.obj is None:
            defaults = settings.DEFAULTS
            return cls(defaults["import_max_mb"] * 1024 * 1024, defaults["import_max_rows"])
        return cls(
            int(settings.get("import_max_mb")) * 1024 * 1024, int(settings.get("import_max_rows"))
        )


def _refuse(text: str) -> ValidationError:
    return ValidationError({"file": text})


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}"


def read_table(path: Path, limits: Limits | None = None) -> Table:
    """Read a CSV (UTF-8, with or without BOM; GB18030 as a fallback) or XLSX file, row by row.

    A file over the size limit is refused before it is read, a workbook that would unpack to far
    more than that before it is unpacked, and reading stops at the first row over the row limit;
    each with one line naming the limit. A cell with a control character is listed in
    ``Table.errors`` (its row is invalid); invisible formatting characters are removed."""
    path = Path(path)
    suffix = check_suffix(path)
    if not path.exists():
        raise FileNotFoundError(2, "No such file", str(path))
    limits = limits or Limits.from_settings()
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise _refuse(
            translate(
                "Tabular",
                "{name} is {size} MB; an import reads at most {limit} MB (team setting).",
            ).format(name=path.name, size=_megabytes(size), limit=_megabytes(limits.max_bytes))
        )
    records = _csv_records(path) if suffix == ".csv" else _xlsx_records(path, limits)
    table = Table([], [])
    header: list[str] | None = None
    for number, record in enumerate(records, start=1):
        values = [cell_text(v) for v in record]
        if suffix == ".csv":
            values = [csv_text(v) for v in values]
        if header is None:
            header = [h.strip().lstrip("\ufeff") for h in values]
            table.headers = [validation.clean_text(h) for h in header]
            continue
        if not any(values):
            continue
        if len(table.rows) >= limits.max_rows:
            raise _refuse(
                translate(
                    "Tabular",
                    "{name} has more than {limit} rows; an import reads at most {limit} "
                    "(team setting).",
                ).format(name=path.name, limit=limits.max_rows)
            )
        values += [""] * (len(table.headers) - len(values))
        row: dict[str, str] = {}
        for column, value in zip(table.headers, values, strict=False):
            problem = validation.text_problem(value)
            if problem is not None:
                table.errors.setdefault(number, []).append(RowError(number, column, problem))
            row[column] = validation.clean_text(value)
        table.rows.append((number, row))
    if header is None:
        raise _refuse(translate("Tabular", "The file is empty."))
    return table


def _csv_records(path: Path) -> Iterator[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            # the whole file is decoded once to choose the encoding, without keeping it
            with path.open(encoding=encoding, newline="") as handle:
                while handle.read(1 << 20):
                    pass
        except UnicodeDecodeError:
            continue
        break
    else:
        raise _refuse(translate("Tabular", "The file is neither UTF-8 nor GB18030 text."))
    limit = csv.field_size_limit()
    with path.open(encoding=encoding, newline="") as handle:
        # not splitlines(): a quoted cell keeps its line breaks and odd separators (\x0b, \u2028)
        reader = csv.reader(handle)
        csv.field_size_limit(MAX_CELL)
        try:
            yield from reader
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                reason = translate(
                    "Tabular", "line {line}: a cell is longer than {limit} characters."
                ).format(line=reader.line_num, limit=MAX_CELL)
            else:
                reason = translate("Tabular", "line {line}: not readable as CSV ({error}).").format(
                    line=reader.line_num, error=exc
                )
            raise _refuse(reason) from None
        finally:
            csv.field_size_limit(limit)


def _xlsx_records(path: Path, limits: Limits) -> Iterator[tuple[Any, ...]]:
    import zipfile

    not_xlsx = translate("Tabular", "{name} is not an Excel workbook (.xlsx).").format(
        name=path.name
    )
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(not_xlsx) from None
    # the sizes the archive declares are the most its parts unpack to (zipfile stops there).
    # A workbook unpacks to some ten times its size; a zip bomb to a thousand times.
    allowed = min(10 * limits.max_bytes, max(limits.max_bytes, 100 * path.stat().st_size))
    if unpacked > allowed:
        raise _refuse(
            translate(
                "Tabular",
                "{name} would unpack to {size} MB; an import reads workbooks of at most "
                "{limit} MB unpacked.",
            ).format(name=path.name, size=_megabytes(unpacked), limit=_megabytes(allowed))
        )
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise _refuse(f"{not_xlsx} ({type(exc).__name__})") from None
    try:
        if not workbook.worksheets:
            raise _refuse(not_xlsx)
        try:
            yield from workbook.worksheets[0].iter_rows(values_only=True)
        except ValidationError:
            raise
        except Exception as exc:
            raise _refuse(f"{not_xlsx} ({type(exc).__name__})") from None
    finally:
        workbook.close()


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
    """Write invalid rows with their row number and reasons beside the input file, or, where
    that folder cannot be written, to the system's temporary folder; returns where. An import
    calls it before it commits, so rows are imported only once their rejects are on disk."""
    rows = [
        [
            number,
            *(values.get(h, "") for h in headers),
            "; ".join(f"{e.column}: {e.reason}" for e in errors),
        ]
        for number, values, errors in rejected
    ]
    header = [translate("Tabular", "Row"), *headers, translate("Tabular", "Reasons")]
    target = rejects_path(Path(source))
    try:
        with replacing(target) as temporary:
            _write_csv(temporary, header, ([str(cell) for cell in row] for row in rows))
        return target
    except OutputFailed as first:
        fallback = Path(tempfile.gettempdir()) / target.name
        try:
            with replacing(fallback) as temporary:
                _write_csv(temporary, header, ([str(cell) for cell in row] for row in rows))
        except OutputFailed:
            raise first from None
        return fallback


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


# --- one import of a file ----------------------------------------------------------------------


class AlreadyImported(KefuError):
    """This very file was imported before (its fingerprint is on an import's audit row)."""


def fingerprint(path: Path) -> str:
    """The SHA-256 of the file's bytes, kept with the import's audit row."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def refuse_repeated_import(table: str, path: Path, digest: str) -> None:
    """Raise :class:`AlreadyImported` if a file with this fingerprint was imported into
    ``table`` before."""
    from models import AuditLog

    earlier = (
        AuditLog.select()
        .where(
            AuditLog.action == IMPORT_ACTION,
            AuditLog.table == table,
            AuditLog.changes.contains(digest),
        )
        .order_by(AuditLog.at.desc())
        .first()
    )
    if earlier is None:
        return
    who = earlier.user.name if earlier.user_id else "-"
    raise AlreadyImported(
        translate(
            "Tabular",
            "This file ({name}) was already imported on {at} by {user}; importing it again "
            "would add its rows a second time.",
        ).format(name=Path(path).name, at=f"{earlier.at:%Y-%m-%d %H:%M}", user=who)
    )


IMPORT_ACTION = "import"
AGAIN_HINT = QT_TRANSLATE_NOOP("Cli", "Give --again to import it once more.")  # the option


def record_import(
    actor: Any, table: str, path: Path, digest: str, imported: int, rejected: int
) -> None:
    """The import's own audit row, with the file's fingerprint (see
    :func:`refuse_repeated_import`)."""
    from app import audit

    audit.record(
        actor,
        IMPORT_ACTION,
        table,
        None,
        {"file": Path(path).name, "sha256": digest, "imported": imported, "rejected": rejected},
        f"{Path(path).name} ({imported})",
    )


@contextlib.contextmanager
def import_transaction() -> Iterator[None]:
    """The write transaction of an import; a full disk is said as such (nothing is imported:
    the transaction is rolled back)."""
    from models import write_transaction
    from models.db import is_disk_full

    try:
        with write_transaction():
            yield
    except Exception as exc:  # also a driver's own error, from a raw cursor (bulk inserts)
        if is_disk_full(exc):
            raise KefuError(
                translate("Tabular", "The disk holding the database is full: nothing was imported.")
            ) from exc
        raise
