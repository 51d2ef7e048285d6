"""The backup archive: one zip file holding a manifest and the data (docs/BACKUP-FORMAT.md).

Two kinds share the format:

- ``sqlite``: a consistent copy of the SQLite file (SQLite's online backup API), checked with
  ``PRAGMA integrity_check`` before it is packed;
- ``dump``: every table of :data:`models.ALL_TABLES`, in dependency order, one JSON-lines member
  per table, read in one repeatable-read transaction (PostgreSQL; SQLite too), plus a
  ``pg_dump`` custom-format file of the same snapshot when ``pg_dump`` is on the PATH.

Either kind restores into either backend (:mod:`app.backup.restore`). An archive is written to
``NAME.part`` beside its place, read back and checked, and only then renamed into place, so a
file with the final name is always a verified backup. A plain SQLite file (a copy made before a
migration by an older Kefu Desk) is read as an archive of kind ``sqlite`` too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

import peewee

from app.clock import now
from app.errors import KefuError
from app.i18n import QT_TRANSLATE_NOOP, translate
from models import ALL_TABLES, BaseModel, database
from models.db import describe_database, is_sqlite
from models.migrations import LATEST, current_version
from models.snapshot import check_connection, copy_sqlite, integrity_problems, open_existing

FORMAT = "kefu-desk-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_DUMP_MEMBER = "pg_dump.custom"
SQLITE_HEADER = b"SQLite format 3\x00"

Progress = Callable[[int, int], None]


def _no_progress(done: int, total: int) -> None:
    return None


class BackupError(KefuError):
    """A backup that cannot be made, read or used; the message says why in one line."""


@dataclass
class TableSummary:
    name: str
    columns: list[str]
    rows: int


@dataclass
class Manifest:
    kind: str  # sqlite | dump
    schema_version: int
    created_at: str
    reason: str = ""
    source: str = ""
    made_by: str = ""
    app_version: str = ""
    tables: list[TableSummary] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a Kefu Desk backup manifest")
        tables = [TableSummary(**t) for t in data.pop("tables", [])]
        known = {f for f in cls.__dataclass_fields__}
        return cls(tables=tables, **{k: v for k, v in data.items() if k in known})

    @property
    def rows(self) -> dict[str, int]:
        return {t.name: t.rows for t in self.tables}

    @property
    def total_rows(self) -> int:
        return sum(t.rows for t in self.tables)

    def table(self, name: str) -> TableSummary | None:
        return next((t for t in self.tables if t.name == name), None)

    @property
    def created(self) -> dt.datetime | None:
        try:
            return dt.datetime.fromisoformat(self.created_at)
        except ValueError:
            return None


# --- the tables and their order ------------------------------------------------------------


def dependency_order(models: list[type[BaseModel]] | None = None) -> list[type[BaseModel]]:
    """Every table of ``models`` (default :data:`models.ALL_TABLES`), each after the tables it
    refers to, otherwise in the listed order. A reference back to the table itself or to a
    table placed later (a cycle) is filled in after all rows are in (see ``deferred_columns``)."""
    chosen = list(models if models is not None else ALL_TABLES)
    wanted = set(chosen)
    order: list[type[BaseModel]] = []
    seen: set[type[BaseModel]] = set()

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for fk in model._meta.refs:
            target = fk.rel_model
            if target is not model and target in wanted:
                visit(target)
        order.append(model)

    for model in chosen:
        visit(model)
    return order


def models_by_table() -> dict[str, type[BaseModel]]:
    return {model._meta.table_name: model for model in ALL_TABLES}


def key_column(model: type[BaseModel]) -> str | None:
    """The primary key's column (None for a table without one)."""
    pk = model._meta.primary_key
    return pk.column_name if isinstance(pk, peewee.Field) else None


def fields_by_column(model: type[BaseModel]) -> dict[str, peewee.Field]:
    return {f.column_name: f for f in model._meta.sorted_fields}


def deferred_columns(model: type[BaseModel], order: list[type[BaseModel]]) -> list[str]:
    """Foreign-key columns of ``model`` that point at itself or at a table restored after it."""
    position = {m: i for i, m in enumerate(order)}
    mine = position[model]
    return [
        fk.column_name
        for fk in model._meta.refs
        if fk.rel_model is model or position.get(fk.rel_model, -1) > mine
    ]


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def reset_sequences(models: list[type[BaseModel]]) -> None:
    """PostgreSQL: move each id sequence past the highest id, so new records get new ids."""
    for model in models:
        pk = model._meta.primary_key
        if not isinstance(pk, peewee.AutoField):
            continue
        table = quote(model._meta.table_name)
        database.execute_sql(
            f"SELECT setval(pg_get_serial_sequence(%s, %s), "
            f"COALESCE((SELECT MAX({quote(pk.column_name)}) FROM {table}), 0) + 1, false)",
            (table, pk.column_name),
        )


# --- values --------------------------------------------------------------------------------


def to_python(field_: peewee.Field | None, value: Any) -> Any:
    """A stored value as Python sees it (text times parsed, 0/1 booleans as booleans)."""
    if field_ is None or value is None:
        return value
    return field_.python_value(value)


def to_json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        text = value.strftime("%Y-%m-%d %H:%M:%S")
        return f"{text}.{value.microsecond:06d}" if value.microsecond else text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        raise BackupError(
            translate("Backup", "A table holds binary data, which backups do not keep.")
        )
    return value


def app_version() -> str:
    from importlib import metadata  # slow to import: loaded when a backup is written

    try:
        return metadata.version("kefu-desk")
    except metadata.PackageNotFoundError:
        return ""


# --- writing -------------------------------------------------------------------------------


def _part_file(target: Path) -> Path:
    return target.with_name(target.name + ".part")


def _finish(part: Path, target: Path) -> None:
    os.replace(part, target)


def _check_writable_parent(target: Path) -> None:
    if not target.parent.is_dir():
        raise BackupError(
            translate("Backup", "The folder for the backup does not exist: {folder}").format(
                folder=target.parent
            )
        )


def sqlite_summaries(conn: sqlite3.Connection) -> tuple[int, list[TableSummary]]:
    """Schema version and the Kefu Desk tables of an open SQLite file, in dependency order."""
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    version = 0
    if "schema_version" in present:
        row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        version = int(row[0] or 0)
    tables = []
    for model in dependency_order():
        name = model._meta.table_name
        if name not in present:
            continue
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({quote(name)})")]
        (count,) = conn.execute(f"SELECT COUNT(*) FROM {quote(name)}").fetchone()
        tables.append(TableSummary(name, columns, int(count)))
    return version, tables


# A database file above this size is deflated at level 1 instead of 6: on a million complaints
# that packs a 1.3 GB file about twice as fast for an archive about an eighth bigger.
FAST_COMPRESSION_BYTES = 64 * 1024 * 1024
COPY_CHUNK = 1 << 20


def compression_level(size: int) -> int:
    """The deflate level for a database file of ``size`` bytes."""
    return 1 if size > FAST_COMPRESSION_BYTES else 6


class _CopyCheck(threading.Thread):
    """SQLite's integrity check of the copy, in its own thread while the copy is packed and
    read back (SQLite and zlib both let go of Python's lock, so the two run side by side)."""

    def __init__(self, copy: Path) -> None:
        super().__init__(name="kefu-backup-check", daemon=True)
        self.copy = copy
        self.problems: list[str] = []
        self.error: BaseException | None = None
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._stopped = False

    def run(self) -> None:
        try:
            conn = open_existing(self.copy)
            with self._lock:
                if self._stopped:
                    conn.close()
                    return
                self._conn = conn
            try:
                self.problems = check_connection(conn)
            finally:
                with self._lock:
                    self._conn = None
                conn.close()
        except BaseException as exc:  # noqa: BLE001 - handed to the writing thread
            self.error = exc

    def stop(self) -> None:
        """Cut the check short (the backup failed meanwhile) and wait for the thread."""
        with self._lock:
            self._stopped = True
            if self._conn is not None:
                self._conn.interrupt()
        self.join()

    def outcome(self) -> list[str]:
        self.join()
        if self.error is not None:
            raise self.error
        return self.problems


def write_sqlite_archive(
    target: Path,
    *,
    reason: str = "manual",
    made_by: str = "",
    progress: Progress = _no_progress,
) -> Manifest:
    """Back up the open SQLite database into the archive ``target`` (see module doc).

    The consistent copy is checked (``PRAGMA integrity_check``) while it is packed, the packed
    member read back and the rows per table counted; the manifest is added once the check has
    passed, and nothing gets the final name unless everything did.
    """
    db = database.obj
    source = Path(db.database)
    _check_writable_parent(target)
    part = _part_file(target)
    with tempfile.TemporaryDirectory(prefix="kefu-backup-") as tmp:
        copy = Path(tmp) / SQLITE_MEMBER
        progress(0, 3)
        try:
            copy_sqlite(source, copy)
        except sqlite3.Error as exc:
            raise BackupError(
                translate("Backup", "Could not copy the database: {error}").format(error=exc)
            ) from exc
        progress(1, 3)
        check = _CopyCheck(copy)
        check.start()
        try:
            _pack_file(part, copy, SQLITE_MEMBER)
            _verify_members(part)
            try:
                with contextlib.closing(open_existing(copy)) as conn:
                    version, tables = sqlite_summaries(conn)
            except sqlite3.DatabaseError as exc:  # a damaged copy: the check says where
                problems = check.outcome() or [str(exc)]
            else:
                problems = check.outcome()
            if problems:
                raise BackupError(
                    translate(
                        "Backup",
                        "The database fails SQLite's integrity check, so no backup was made: "
                        "{problem}",
                    ).format(problem=problems[0])
                )
            manifest = Manifest(
                kind="sqlite",
                schema_version=version,
                created_at=_now_text(),
                reason=reason,
                source=describe_database(db),
                made_by=made_by,
                app_version=app_version(),
                tables=tables,
            )
            with zipfile.ZipFile(part, "a", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
                archive.writestr(MANIFEST, manifest.to_json())
            progress(2, 3)
            # the database member was read back above; the manifest and the directory now
            _verify_written(part, manifest, skip={SQLITE_MEMBER})
            _finish(part, target)
        except BaseException:
            check.stop()
            part.unlink(missing_ok=True)
            raise
    progress(3, 3)
    return manifest


def _pack_file(part: Path, path: Path, member: str) -> None:
    """A new archive ``part`` holding the file ``path`` as ``member``, read a megabyte at a time."""
    size = path.stat().st_size
    level = compression_level(size)
    with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        zip64 = size >= zipfile.ZIP64_LIMIT // 2
        with path.open("rb") as src, archive.open(member, "w", force_zip64=zip64) as dst:
            shutil.copyfileobj(src, dst, COPY_CHUNK)


def _now_text() -> str:
    return now().strftime("%Y-%m-%d %H:%M:%S")


def write_dump_archive(
    target: Path,
    *,
    reason: str = "manual",
    made_by: str = "",
    progress: Progress = _no_progress,
    with_pg_dump: bool = True,
) -> Manifest:
    """Dump every table of the open database into the archive ``target``, consistently.

    The tables are read in one transaction (repeatable read on PostgreSQL, a read lock on
    SQLite), so desks may go on working. On PostgreSQL ``pg_dump`` adds its own file of the
    same snapshot when it is on the PATH; without it (or when it fails) the manifest says so.
    """
    _check_writable_parent(target)
    part = _part_file(target)
    db = database.obj
    postgres = not is_sqlite(db)
    try:
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            with database.atomic():
                if postgres:
                    database.execute_sql(
                        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                    )
                version = current_version()
                present = set(database.get_tables())
                order = [m for m in dependency_order() if m._meta.table_name in present]
                counts = {
                    m._meta.table_name: m.select().count() for m in order
                }  # inside the snapshot: these are the rows that will be written
                total = sum(counts.values())
                tables: list[TableSummary] = []
                done = 0
                for model in order:
                    name = model._meta.table_name
                    columns = [c.name for c in database.get_columns(name)]
                    written = 0
                    with archive.open(f"tables/{name}.jsonl", "w") as member:
                        for row in _stream_rows(model, columns):
                            member.write(_jsonl(row))
                            written += 1
                            done += 1
                            if done % 2000 == 0:
                                progress(done, total)
                    tables.append(TableSummary(name, columns, written))
                notes = []
                if postgres and with_pg_dump:
                    notes.append(_add_pg_dump(archive))
            manifest = Manifest(
                kind="dump",
                schema_version=version,
                created_at=_now_text(),
                reason=reason,
                source=describe_database(db),
                made_by=made_by,
                app_version=app_version(),
                tables=tables,
                notes=[n for n in notes if n],
            )
            archive.writestr(MANIFEST, manifest.to_json())
        progress(total, total)
        _verify_written(part, manifest)
        _finish(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return manifest


def _jsonl(row: list[Any]) -> bytes:
    return (json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _stream_rows(model: type[BaseModel], columns: list[str]) -> Iterator[list[Any]]:
    """The rows of one table in primary-key order, as JSON-ready lists, read a batch at a time."""
    name = model._meta.table_name
    by_column = fields_by_column(model)
    converters = [by_column.get(c) for c in columns]
    key = key_column(model)
    order = quote(key) if key is not None and key in columns else "1"
    sql = f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(name)} ORDER BY {order}"
    if is_sqlite():
        cursor = database.execute_sql(sql)
    else:  # a server-side cursor: a million rows never sit in memory at once
        cursor = database.connection().cursor(name=f"kefu_dump_{name}")
        cursor.itersize = 2000
        cursor.execute(sql)
    try:
        for raw in cursor:
            yield [to_json_value(to_python(f, v)) for f, v in zip(converters, raw, strict=True)]
    finally:
        cursor.close()


def pg_environment(db: peewee.Database) -> tuple[dict[str, str], str]:
    """The environment that points ``pg_dump`` at the open PostgreSQL database, and its schema."""
    params = db.connect_params
    env = dict(os.environ)
    env["PGDATABASE"] = str(db.database)
    for key, var in (("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER")):
        if params.get(key):
            env[var] = str(params[key])
    if params.get("password"):
        env["PGPASSWORD"] = str(params["password"])
    options = str(params.get("options") or "")
    schema = options.split("search_path=", 1)[1].strip() if "search_path=" in options else ""
    return env, schema


# the remarks a manifest keeps (in English, in the file); the command line shows them translated
PG_DUMP_MISSING = QT_TRANSLATE_NOOP("BackupNote", "pg_dump: not on the PATH, not included")
PG_DUMP_FAILED = QT_TRANSLATE_NOOP("BackupNote", "pg_dump: failed, not included ({reason})")
PG_DUMP_INCLUDED = QT_TRANSLATE_NOOP(
    "BackupNote", "pg_dump: included as {member} (restore with pg_restore)"
)
NOTES = (PG_DUMP_MISSING, PG_DUMP_FAILED, PG_DUMP_INCLUDED)


def note_text(note: str) -> str:
    """A remark of a manifest in the user's language (as it is when it is none of :data:`NOTES`)."""
    for template in NOTES:
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.*)", re.escape(template))
        found = re.fullmatch(pattern, note, flags=re.S)
        if found:
            return translate("BackupNote", template).format(**found.groupdict())
    return note


def _add_pg_dump(archive: zipfile.ZipFile) -> str:
    """Add ``pg_dump``'s own file of the transaction's snapshot; returns a note for the manifest."""
    program = shutil.which("pg_dump")
    if program is None:
        return PG_DUMP_MISSING
    (snapshot,) = database.execute_sql("SELECT pg_export_snapshot()").fetchone()
    env, schema = pg_environment(database.obj)
    with tempfile.TemporaryDirectory(prefix="kefu-pgdump-") as tmp:
        out = Path(tmp) / PG_DUMP_MEMBER
        command = [program, "--format=custom", f"--snapshot={snapshot}", "--no-owner"]
        command += [f"--file={out}"]
        if schema:
            command.append(f"--schema={schema}")
        try:
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return PG_DUMP_FAILED.format(reason=exc)
        if done.returncode != 0:
            reason = done.stderr.strip().splitlines() or ["exit status " + str(done.returncode)]
            return PG_DUMP_FAILED.format(reason=reason[-1])
        archive.write(out, PG_DUMP_MEMBER, compress_type=zipfile.ZIP_STORED)
    return PG_DUMP_INCLUDED.format(member=PG_DUMP_MEMBER)


def _verify_written(part: Path, manifest: Manifest, skip: set[str] | None = None) -> None:
    """Read the archive back: every member's checksum (but those in ``skip``, read back
    already), and for a dump every row counted."""
    _verify_members(part, skip)
    if manifest.kind == "dump":
        with zipfile.ZipFile(part) as archive:
            _count_dump_rows(archive, manifest)


def _verify_members(part: Path, skip: set[str] | None = None) -> None:
    """Every member of the archive ``part`` (but those in ``skip``) decompressed and checked
    against its checksum; :class:`BackupError` names the first that fails."""
    with zipfile.ZipFile(part) as archive:
        for info in archive.infolist():
            if skip and info.filename in skip:
                continue
            try:
                with archive.open(info) as stream:
                    while stream.read(COPY_CHUNK):
                        pass
            except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
                raise BackupError(
                    translate("Backup", "The backup file is damaged ({member}).").format(
                        member=info.filename
                    )
                ) from exc


def _count_dump_rows(archive: zipfile.ZipFile, manifest: Manifest) -> None:
    names = set(archive.namelist())
    for table in manifest.tables:
        member = f"tables/{table.name}.jsonl"
        if member not in names:
            raise BackupError(
                translate("Backup", "The backup lacks the table {table}.").format(table=table.name)
            )
        count = 0
        with archive.open(member) as stream:
            for line in stream:
                row = json.loads(line)
                if not isinstance(row, list) or len(row) != len(table.columns):
                    raise BackupError(
                        translate("Backup", "The backup's table {table} is damaged.").format(
                            table=table.name
                        )
                    )
                count += 1
        if count != table.rows:
            raise BackupError(
                translate(
                    "Backup", "The backup's table {table} holds {found} rows, not {expected}."
                ).format(table=table.name, found=count, expected=table.rows)
            )


# --- reading -------------------------------------------------------------------------------


class Archive:
    """A backup opened for reading: ``with Archive.open(path) as archive: ...``."""

    def __init__(self, path: Path, manifest: Manifest, plain_sqlite: bool) -> None:
        self.path = path
        self.manifest = manifest
        self.plain_sqlite = plain_sqlite
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._sqlite_file: Path | None = path if plain_sqlite else None

    @classmethod
    def open(cls, path: Path) -> Archive:
        path = Path(path)
        if not path.is_file():
            raise BackupError(translate("Backup", "No backup file here: {path}").format(path=path))
        with path.open("rb") as stream:
            head = stream.read(len(SQLITE_HEADER))
        if head == SQLITE_HEADER:
            return cls._open_plain_sqlite(path)
        try:
            with zipfile.ZipFile(path) as archive:
                manifest = Manifest.from_json(archive.read(MANIFEST).decode("utf-8"))
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
            raise BackupError(
                translate("Backup", "Not a Kefu Desk backup: {path}").format(path=path)
            ) from exc
        if manifest.format_version > FORMAT_VERSION or manifest.kind not in ("sqlite", "dump"):
            raise BackupError(
                translate(
                    "Backup", "This backup was made by a newer Kefu Desk: upgrade this desk first."
                )
            )
        return cls(path, manifest, plain_sqlite=False)

    @classmethod
    def _open_plain_sqlite(cls, path: Path) -> Archive:
        try:
            conn = open_existing(path)
            try:
                version, tables = sqlite_summaries(conn)
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            raise BackupError(
                translate("Backup", "The backup file is damaged: {error}").format(error=exc)
            ) from exc
        stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
        manifest = Manifest(
            kind="sqlite",
            schema_version=version,
            created_at=stamp.isoformat(sep=" "),
            tables=tables,
        )
        return cls(path, manifest, plain_sqlite=True)

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None
            self._sqlite_file = None

    @property
    def kind(self) -> str:
        return self.manifest.kind

    def check_schema(self) -> None:
        """Refuse a backup of a schema newer than this desk's."""
        found = self.manifest.schema_version
        if found > LATEST:
            raise BackupError(
                translate(
                    "Backup",
                    "This backup is of schema version {found}, newer than this desk's {latest}: "
                    "upgrade this desk first.",
                ).format(found=found, latest=LATEST)
            )
        if found < 1:
            raise BackupError(translate("Backup", "This backup holds no Kefu Desk database."))

    def verify(self, progress: Progress = _no_progress) -> None:
        """Check the whole backup before it is used; :class:`BackupError` says what is wrong."""
        self.check_schema()
        if self.kind == "sqlite":
            copy = self.sqlite_file()
            problems = integrity_problems(copy)
            if problems:
                raise BackupError(
                    translate(
                        "Backup", "The backup fails SQLite's integrity check: {problem}"
                    ).format(problem=problems[0])
                )
            with sqlite3.connect(copy) as conn:
                _version, tables = sqlite_summaries(conn)
            conn.close()
            found = {t.name: t.rows for t in tables}
            if not self.plain_sqlite and found != self.manifest.rows:
                raise BackupError(
                    translate("Backup", "The backup's row counts differ from its manifest.")
                )
        else:
            with zipfile.ZipFile(self.path) as archive:
                if archive.testzip() is not None:
                    raise BackupError(translate("Backup", "The backup file is damaged."))
                _count_dump_rows(archive, self.manifest)
        progress(1, 1)

    def sqlite_file(self) -> Path:
        """The SQLite file of a ``sqlite`` backup, unpacked to a temporary folder once."""
        if self._sqlite_file is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="kefu-restore-")
            target = Path(self._tmp.name) / SQLITE_MEMBER
            try:
                with zipfile.ZipFile(self.path) as archive, archive.open(SQLITE_MEMBER) as src:
                    with target.open("wb") as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)
            except (zipfile.BadZipFile, KeyError, OSError) as exc:
                raise BackupError(
                    translate("Backup", "The backup file is damaged: {error}").format(error=exc)
                ) from exc
            self._sqlite_file = target
        return self._sqlite_file

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """The rows of ``table`` as {column: Python value}, in the backup's order."""
        summary = self.manifest.table(table)
        if summary is None:
            return
        model = models_by_table().get(table)
        by_column = fields_by_column(model) if model is not None else {}
        converters = [by_column.get(c) for c in summary.columns]
        if self.kind == "sqlite":
            conn = open_existing(self.sqlite_file())
            try:
                cols = ", ".join(quote(c) for c in summary.columns)
                for raw in conn.execute(f"SELECT {cols} FROM {quote(table)} ORDER BY rowid"):
                    yield {
                        c: to_python(f, v)
                        for c, f, v in zip(summary.columns, converters, raw, strict=True)
                    }
            finally:
                conn.close()
            return
        with zipfile.ZipFile(self.path) as archive, archive.open(f"tables/{table}.jsonl") as stream:
            for line in _lines(stream):
                values = json.loads(line)
                yield {
                    c: to_python(f, v)
                    for c, f, v in zip(summary.columns, converters, values, strict=True)
                }

    def has_pg_dump(self) -> bool:
        if self.plain_sqlite:
            return False
        with zipfile.ZipFile(self.path) as archive:
            return PG_DUMP_MEMBER in archive.namelist()


def _lines(stream: IO[bytes]) -> Iterator[bytes]:
    for line in stream:
        if line.strip():
            yield line
