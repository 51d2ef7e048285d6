"""The text index of the complaint registry, kept in step by the database itself.

What is indexed is one text per complaint: its number, complainant, order number, contact
(stored normalised, so a phone's digits) and content. The index only narrows the rows a search
looks at; the search still checks every field as a plain substring scan would (see
``app/complaints/registry.py``), so it returns exactly the rows a scan returns.

- **SQLite**: an FTS5 table with the trigram tokenizer (``complaint_search``, contentless,
  ``detail=none``), filled by triggers on ``complaint`` in the writing transaction. A word of three
  or more characters becomes the AND of its trigrams; a word of one or two characters is looked
  up among the index's own terms (``complaint_search_terms``, an ``fts5vocab`` table): every place
  the word occurs begins a trigram, because each field is followed by a line break and the text
  by two. A number of the registry's form (eight digits, ``-``, the rest) is indexed without
  its day: the day's digits are in every number of the day and would make every digit query
  name most of the registry. Its days are kept in ``complaint_search_day`` instead, and the part
  of a word that falls in a number's day is found as prefixes of ``complaint.number`` (an index
  range per day, see ``app/complaints/registry.py``).
- **PostgreSQL**: ``pg_trgm`` GIN indexes on the same text (``ILIKE '%word%'``), and on the text
  with a space after every character, where each character is a word of its own, for words of
  one or two characters. Where the extension cannot be created the registry scans.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

import peewee

from models import text_index
from models.db import database, is_sqlite

FIELDS = ("number", "complainant", "order_no", "contact", "content")
TABLE = "complaint_search"
TERMS = "complaint_search_terms"
DAYS = "complaint_search_day"  # the day (first 8 characters) of every number of the form
# a number of the registry's form: its day, then "-" (numbering.NUMBER_PATTERN, loosely)
NUMBER_FORM = "[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-*"

Progress = Callable[[int, int], None]


def sqlite_text(alias: str) -> str:
    """The indexed text of a complaint row (``new``, ``old`` or a table alias): a number of the
    registry's form without its day (``-868``), the other fields whole."""
    number = (
        f"CASE WHEN {alias}.number GLOB '{NUMBER_FORM}' THEN substr({alias}.number, 9) "
        f"ELSE coalesce({alias}.number, '') END"
    )
    parts = [number] + [f"coalesce({alias}.{name}, '')" for name in FIELDS[1:]]
    return " || char(10) || ".join(parts) + " || char(10) || char(10)"


def _sqlite_day(alias: str) -> str:
    return (
        f"INSERT OR IGNORE INTO {DAYS}(day) SELECT substr({alias}.number, 1, 8) "
        f"WHERE {alias}.number GLOB '{NUMBER_FORM}';"
    )


# PostgreSQL: the same expression in the indexes and in the queries (so the planner matches them)
PG_TEXT = "(" + " || ' ' || ".join(f"coalesce({name}, '')" for name in FIELDS) + ")"
PG_SPACED = f"(' ' || regexp_replace({PG_TEXT}, '(.)', '\\1 ', 'g'))"


def _no_progress(done: int, total: int) -> None:
    return None


def build(progress: Progress | None = None) -> None:
    """Create the index and its triggers and fill it from the complaints already there."""
    report = progress or _no_progress
    if is_sqlite():
        _build_sqlite(report)
    else:
        _build_postgres(report)
    _state.pop(database.obj, None)


def _build_sqlite(report: Progress) -> None:
    if not text_index.create_fts(TABLE):  # no trigram tokenizer in this SQLite: searches scan
        return
    db = database.obj
    db.execute_sql(f"CREATE TABLE IF NOT EXISTS {DAYS} (day TEXT PRIMARY KEY) WITHOUT ROWID")
    db.execute_sql(f"DELETE FROM {DAYS}")
    for name in ("ai", "ad", "au"):
        db.execute_sql(f"DROP TRIGGER IF EXISTS {TABLE}_{name}")
    columns = ", ".join(FIELDS)
    db.execute_sql(
        f"CREATE TRIGGER {TABLE}_ai AFTER INSERT ON complaint BEGIN "
        f"INSERT INTO {TABLE}(rowid, body) VALUES (new.id, {sqlite_text('new')}); "
        f"{_sqlite_day('new')} END"
    )
    db.execute_sql(
        f"CREATE TRIGGER {TABLE}_ad AFTER DELETE ON complaint BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, body) VALUES ('delete', old.id, {sqlite_text('old')}); "
        "END"
    )
    db.execute_sql(
        f"CREATE TRIGGER {TABLE}_au AFTER UPDATE OF {columns} ON complaint BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, body) VALUES ('delete', old.id, {sqlite_text('old')}); "
        f"INSERT INTO {TABLE}(rowid, body) VALUES (new.id, {sqlite_text('new')}); "
        f"{_sqlite_day('new')} END"
    )
    text_index.fill(
        TABLE,
        "complaint",
        sqlite_text("c"),
        report,
        then=f"INSERT OR IGNORE INTO {DAYS}(day) SELECT DISTINCT substr(number, 1, 8) "
        f"FROM complaint WHERE number GLOB '{NUMBER_FORM}'",
    )


def rebuild(progress: Progress | None = None) -> None:
    """SQLite: build the index again in its current form (a number without its day, the days
    on their own); PostgreSQL keeps its indexes."""
    if not is_sqlite():
        return
    built = database.obj.execute_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)
    ).fetchone()
    if built:  # else this SQLite has no trigram tokenizer: searches scan
        _build_sqlite(progress or _no_progress)
    _state.pop(database.obj, None)


def _build_postgres(report: Progress) -> None:
    db = database.obj
    db.execute_sql("SAVEPOINT kefu_trgm")
    try:
        # in public when it may, so that every schema of the database shares it
        db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
    except peewee.DatabaseError:
        db.execute_sql("ROLLBACK TO SAVEPOINT kefu_trgm")
        try:
            db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except peewee.DatabaseError:
            # not allowed to (an old server or a restricted role): the registry scans instead
            db.execute_sql("ROLLBACK TO SAVEPOINT kefu_trgm")
            return
    db.execute_sql("RELEASE SAVEPOINT kefu_trgm")
    total = db.execute_sql("SELECT COUNT(*) FROM complaint").fetchone()[0]
    report(0, total)
    ops = _trgm_ops()
    db.execute_sql(
        f"CREATE INDEX IF NOT EXISTS complaint_search_trgm ON complaint USING gin ({PG_TEXT} {ops})"
    )
    report(total // 2, total)
    db.execute_sql(
        "CREATE INDEX IF NOT EXISTS complaint_search_chars ON complaint "
        f"USING gin ({PG_SPACED} {ops})"
    )
    report(total, total)


def _trgm_ops() -> str:
    """The operator class, qualified by the schema pg_trgm lives in (it may not be on the path
    of another desk's connection)."""
    row = database.obj.execute_sql(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'pg_trgm'"
    ).fetchone()
    return f'"{row[0]}".gin_trgm_ops' if row else "gin_trgm_ops"


# whether this open database has the index, found once per database object
_state: weakref.WeakKeyDictionary[peewee.Database, bool] = weakref.WeakKeyDictionary()


def available() -> bool:
    """Whether the open database has the complaint text index (else searches scan)."""
    db = database.obj
    key = db
    if key not in _state:
        if is_sqlite(db):
            # the index in its current form (with the days of the numbers), else the scan
            found = db.execute_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ? "
                "AND EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?)",
                (TABLE, DAYS),
            ).fetchone()
        else:
            found = db.execute_sql(
                "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() "
                "AND indexname = 'complaint_search_trgm'"
            ).fetchone()
        _state[key] = found is not None
    return _state[key]


__all__ = [
    "DAYS",
    "NUMBER_FORM",
    "PG_SPACED",
    "PG_TEXT",
    "TABLE",
    "TERMS",
    "available",
    "build",
    "rebuild",
    "sqlite_text",
]
