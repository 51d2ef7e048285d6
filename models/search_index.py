"""The text index of the complaint registry, kept in step by the database itself.

What is indexed is one text per complaint: its number, complainant, order number, contact
(stored normalised) and content, and the contact's digits where the contact is a phone written
with more than digits (``021-55667788``: a search finds a phone's digits typed in any format). The index only narrows the rows a search
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
  range per day, see ``app/complaints/registry.py``). The contact's digits follow the fields,
  with a line break of their own, only where they differ from the contact.
- **PostgreSQL**: a ``pg_trgm`` GIN index on each of the five fields, so that a search's own
  ``LIKE``/``ILIKE '%word%'`` on every field is answered from them (a word with three letters or
  digits in a row); a GIN index of the set of characters in the text (lower case, no extension
  needed) for shorter words, whose characters must all be in a matching row; and a btree on the
  number with ``text_pattern_ops``, so that a number or its beginning (``20261130``,
  ``20261130-29``) is a range of that index; a ``pg_trgm`` index on the contact's digits
  (:data:`PG_CONTACT_DIGITS`) serves a phone's digits. Where ``pg_trgm`` cannot be created (an old server
  or a restricted role) :func:`build` says so and longer words are found by reading every row.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

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
log = logging.getLogger(__name__)


# a contact that is a phone: digits, spaces, dashes, dots, brackets and + only (SQLite GLOB)
_NOT_PHONE = "'*[^0-9+() .-]*'"


def sqlite_contact_digits(column: str) -> str:
    """SQLite: the digits of a contact that is a phone (``021-55667788`` -> ``02155667788``),
    else ''; a search compares a phone's digits typed in any format with them."""
    digits = f"coalesce({column}, '')"
    for ch in " -.()+":
        digits = f"replace({digits}, '{ch}', '')"
    return f"(CASE WHEN coalesce({column}, '') GLOB {_NOT_PHONE} THEN '' ELSE {digits} END)"


# PostgreSQL: the same, as the expression of its trigram index and of the searches
PG_CONTACT_DIGITS = (
    "(CASE WHEN contact ~ '^[0-9+() .-]*$' THEN regexp_replace(contact, '[^0-9]', '', 'g') "
    "ELSE '' END)"
)
CONTACT_DIGITS_INDEX = "complaint_trgm_contact_digits"
# PostgreSQL: the contacts whose digits differ from the contact (a landline's dash, +852…, any
# text), the only ones the index of the digits holds: a contact of bare digits (a mobile) is
# its digits already, and the contact's own trigram index finds them (migration 28)
PG_SEPARATED = "contact !~ '^[0-9]*$'"


def sqlite_text(alias: str, *, phone_digits: bool = True) -> str:
    """The indexed text of a complaint row (``new``, ``old`` or a table alias): a number of the
    registry's form without its day (``-868``), the other fields whole, then the contact's
    digits where the contact is a phone written with more than digits (``021-55667788``: a
    mobile's digits are its contact already). ``phone_digits=False``: the text as indexed
    before migration 21."""
    number = (
        f"CASE WHEN {alias}.number GLOB '{NUMBER_FORM}' THEN substr({alias}.number, 9) "
        f"ELSE coalesce({alias}.number, '') END"
    )
    parts = [number] + [f"coalesce({alias}.{name}, '')" for name in FIELDS[1:]]
    text = " || char(10) || ".join(parts) + " || char(10)"
    if phone_digits:  # (followed by a line break of its own; no more text for other rows)
        text += (
            f" || (CASE WHEN {_sqlite_phones(alias)} "
            f"THEN {sqlite_contact_digits(alias + '.contact')} || char(10) ELSE '' END)"
        )
    return text + " || char(10)"


def _sqlite_phones(alias: str) -> str:
    """SQLite: the rows whose contact's digits the index holds apart from the contact."""
    return f"{alias}.contact GLOB '*[^0-9]*' AND NOT {alias}.contact GLOB {_NOT_PHONE}"


def _sqlite_day(alias: str) -> str:
    return (
        f"INSERT OR IGNORE INTO {DAYS}(day) SELECT substr({alias}.number, 1, 8) "
        f"WHERE {alias}.number GLOB '{NUMBER_FORM}';"
    )


# PostgreSQL: the same expressions in the indexes and in the queries (so the planner matches them)
PG_TEXT = "(" + " || ' ' || ".join(f"coalesce({name}, '')" for name in FIELDS) + ")"
# the characters of the text, lower case as ILIKE compares them, compared by their bytes (the
# "C" collation): building the index sorts every row's characters and files each one, and the
# database's own collation (strcoll) took about 40 % more time for it; ``@>`` asks only whether
# characters are equal, which is the same in any collation a database can have by default
PG_LETTERS = f'(string_to_array(lower({PG_TEXT}), NULL) COLLATE "C")'
# a number as the registry gives them out (see app/complaints/numbering.py); any other number
# (an import's) is in a small index of its own
PG_STANDARD_NUMBER = "'^[0-9]{8}-[0-9]{1,7}$'"
LETTERS_INDEX = "complaint_search_letters"
# PostgreSQL, for a month's list: a complaint whose number's month (the first six characters of
# its sort key) is not the month it was received in; the registry's numbers never are, so the
# partial index of these is all but empty (migration 18)
PG_NUMBERED_ELSEWHERE = (
    "(CASE WHEN sort_key ~ '^[0-9]{6}' THEN substr(sort_key, 1, 6)::integer ELSE 0 END)"
    " <> (date_part('year', received_at) * 100 + date_part('month', received_at))::integer"
)
PG_OLD_INDEXES = ("complaint_search_trgm", "complaint_search_chars")


def _pg_indexes(trgm_ops: str | None) -> list[tuple[str, str]]:
    """(name, definition) of the PostgreSQL indexes; the trigram ones only with pg_trgm."""
    indexes = [
        (LETTERS_INDEX, f"USING gin ({PG_LETTERS})"),
        ("complaint_number_pattern", "(number text_pattern_ops)"),
        ("complaint_number_odd", f"(number) WHERE number !~ {PG_STANDARD_NUMBER}"),
    ]
    if trgm_ops:
        indexes += [(f"complaint_trgm_{name}", f"USING gin ({name} {trgm_ops})") for name in FIELDS]
        indexes.append((CONTACT_DIGITS_INDEX, _pg_contact_digits_index(trgm_ops)))
    return indexes


def _pg_contact_digits_index(trgm_ops: str) -> str:
    return f"USING gin ({PG_CONTACT_DIGITS} {trgm_ops}) WHERE {PG_SEPARATED}"


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
    _sqlite_triggers()
    text_index.fill(
        TABLE,
        "complaint",
        sqlite_text("c"),
        report,
        then=f"INSERT OR IGNORE INTO {DAYS}(day) SELECT DISTINCT substr(number, 1, 8) "
        f"FROM complaint WHERE number GLOB '{NUMBER_FORM}'",
    )


def _sqlite_triggers() -> None:
    db = database.obj
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


def index_phone_digits(progress: Progress | None = None) -> None:
    """Migration 21: the contact's digits into the index, where the contact is a phone written
    with more than digits. SQLite: only those rows are indexed again (the others' text is the
    same), and the triggers index them from now on; PostgreSQL: the trigram index of the
    contacts' digits (with pg_trgm)."""
    report = progress or _no_progress
    db = database.obj
    if not is_sqlite(db):
        trgm = db.execute_sql(
            "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() "
            "AND indexname = 'complaint_trgm_content'"
        ).fetchone()
        if trgm:
            report(0, 1)
            db.execute_sql("SET LOCAL maintenance_work_mem = '512MB'")
            db.execute_sql(
                f"CREATE INDEX IF NOT EXISTS {CONTACT_DIGITS_INDEX} ON complaint "
                f"{_pg_contact_digits_index(_trgm_ops())}"
            )
            report(1, 1)
        _state.pop(db, None)
        return
    built = db.execute_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)
    ).fetchone()
    if not built:  # this SQLite has no trigram tokenizer: searches scan
        return
    report(0, 1)
    phones = _sqlite_phones("c")
    db.execute_sql(
        f"INSERT INTO {TABLE}({TABLE}, rowid, body) "
        f"SELECT 'delete', id, {sqlite_text('c', phone_digits=False)} FROM complaint c "
        f"WHERE {phones}"
    )
    db.execute_sql(
        f"INSERT INTO {TABLE}(rowid, body) SELECT id, {sqlite_text('c')} FROM complaint c "
        f"WHERE {phones}"
    )
    _sqlite_triggers()
    report(1, 1)
    _state.pop(db, None)


def letters_in_byte_order(progress: Progress | None = None) -> None:
    """Migration 26, PostgreSQL: the index of the text's characters made again in the form of
    :data:`PG_LETTERS` (compared by their bytes) where it is still in the database's collation;
    SQLite has no such index."""
    db = database.obj
    if is_sqlite(db):
        return
    row = db.execute_sql(
        "SELECT x.indcollation[0] = 'pg_catalog.\"C\"'::regcollation FROM pg_index x "
        "WHERE x.indexrelid = to_regclass(%s)",
        (LETTERS_INDEX,),
    ).fetchone()
    if row is None or row[0]:  # no such index, or one in this form already
        return
    report = progress or _no_progress
    report(0, 1)
    db.execute_sql(f"DROP INDEX {LETTERS_INDEX}")
    db.execute_sql("SET LOCAL maintenance_work_mem = '512MB'")
    db.execute_sql(f"CREATE INDEX {LETTERS_INDEX} ON complaint USING gin ({PG_LETTERS})")
    report(1, 1)
    _state.pop(db, None)


def separated_contact_digits(progress: Progress | None = None) -> None:
    """Migration 28, PostgreSQL: the index of the contacts' digits holds only the contacts
    whose digits differ from them (:data:`PG_SEPARATED`), made again where it holds every
    contact; SQLite keeps its index."""
    db = database.obj
    if is_sqlite(db):
        return
    found = db.execute_sql(
        "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = %s",
        (CONTACT_DIGITS_INDEX,),
    ).fetchone()
    if found is None or " WHERE " in found[0]:  # (no pg_trgm, or made so already)
        return
    report = progress or _no_progress
    report(0, 1)
    db.execute_sql(f"DROP INDEX {CONTACT_DIGITS_INDEX}")
    db.execute_sql("SET LOCAL maintenance_work_mem = '512MB'")
    db.execute_sql(
        f"CREATE INDEX {CONTACT_DIGITS_INDEX} ON complaint {_pg_contact_digits_index(_trgm_ops())}"
    )
    report(1, 1)
    _state.pop(db, None)


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


def filled_after_insert() -> AbstractContextManager[None]:
    """Complaints inserted inside are indexed when the block ends, a batch per statement,
    instead of one by one by the insert trigger (a bulk insert: see
    :func:`models.text_index.filled_after_insert`). On PostgreSQL the text indexes are dropped
    and built again at the end (a row costs them about half a millisecond more to insert than
    to index in bulk), inside the caller's write transaction, so a failure rolls both back."""
    if not is_sqlite():
        return _pg_built_after_insert()
    return text_index.filled_after_insert(
        TABLE,
        "complaint",
        sqlite_text("c"),
        then=f"INSERT OR IGNORE INTO {DAYS}(day) SELECT DISTINCT substr(number, 1, 8) "
        f"FROM complaint WHERE id > ? AND number GLOB '{NUMBER_FORM}'",
    )


@contextmanager
def _pg_built_after_insert() -> Iterator[None]:
    db = database.obj
    there = {
        row[0]
        for row in db.execute_sql(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = 'complaint'"
        ).fetchall()
    }
    trgm = _trgm_ops() if "complaint_trgm_content" in there else None
    gin = [(n, d) for n, d in _pg_indexes(trgm) if d.startswith("USING gin") and n in there]
    for name, _definition in gin:
        db.execute_sql(f"DROP INDEX {name}")
    yield
    db.execute_sql("SET LOCAL maintenance_work_mem = '512MB'")
    for name, definition in gin:
        db.execute_sql(f"CREATE INDEX {name} ON complaint {definition}")


def _build_postgres(report: Progress) -> None:
    db = database.obj
    for name in PG_OLD_INDEXES:  # the earlier index of the whole text and its spaced copy
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
    trgm = _create_trigram_extension()
    if not trgm:
        log.warning(TRIGRAMS_MISSING)
    total = db.execute_sql("SELECT COUNT(*) FROM complaint").fetchone()[0]
    indexes = _pg_indexes(_trgm_ops() if trgm else None)
    report(0, total)
    db.execute_sql("SET LOCAL maintenance_work_mem = '512MB'")
    for done, (name, definition) in enumerate(indexes, 1):
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {name} ON complaint {definition}")
        report(total * done // len(indexes), total)
    # the planner's figures for the new index of the text's characters
    db.execute_sql("ANALYZE complaint")


TRIGRAMS_MISSING = (
    "PostgreSQL's pg_trgm extension could not be created in this database: a search for a word "
    "of three or more letters or digits reads every complaint (give the database owner the "
    "right to create it, or create it as a superuser, then run init again)"
)


def _create_trigram_extension() -> bool:
    """Whether pg_trgm is there (created now if need be)."""
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
            # not allowed to (an old server or a restricted role)
            db.execute_sql("ROLLBACK TO SAVEPOINT kefu_trgm")
            return False
    db.execute_sql("RELEASE SAVEPOINT kefu_trgm")
    return True


def trigrams_missing() -> bool:
    """On PostgreSQL: whether the trigram indexes are missing (longer words then scan)."""
    db = database.obj
    if is_sqlite(db):
        return False
    found = db.execute_sql(
        "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() "
        "AND indexname = 'complaint_trgm_content'"
    ).fetchone()
    return found is None


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
                "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = %s",
                (LETTERS_INDEX,),
            ).fetchone()
        _state[key] = found is not None
    return _state[key]


__all__ = [
    "DAYS",
    "NUMBER_FORM",
    "PG_LETTERS",
    "PG_NUMBERED_ELSEWHERE",
    "PG_STANDARD_NUMBER",
    "PG_CONTACT_DIGITS",
    "PG_SEPARATED",
    "PG_TEXT",
    "TABLE",
    "TERMS",
    "available",
    "build",
    "filled_after_insert",
    "index_phone_digits",
    "letters_in_byte_order",
    "rebuild",
    "separated_contact_digits",
    "sqlite_contact_digits",
    "sqlite_text",
    "trigrams_missing",
]
