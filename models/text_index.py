"""Trigram text indexes on SQLite (FTS5) and PostgreSQL (``pg_trgm``), kept in step by the
database, for searches that must return exactly what a substring scan returns.

An index only names the rows that may hold a text (every row that does, and a few more); the
search still checks the fields themselves, so its result is the scan's. The complaint registry's
index (``models/search_index.py``) is one of them; the customer archive's names and the phrase
library are the others (:data:`CUSTOMERS`, :data:`PHRASES`).

On SQLite each is a contentless FTS5 table with the trigram tokenizer (``detail=none``) filled by
triggers, and an ``fts5vocab`` table of its terms: a text of three or more characters is the AND
of a few of its trigrams, a shorter one the terms that begin with it (each field is followed by
a line break and the text by two, so every place a character occurs begins a trigram). On
PostgreSQL a ``pg_trgm`` GIN index per column serves ``LIKE``/``ILIKE '%text%'`` by itself.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
import weakref
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

import peewee

from models.db import database, is_sqlite

Progress = Callable[[int, int], None]
BATCH = 50_000


@dataclass(frozen=True)
class TextIndex:
    name: str  # the FTS5 table (SQLite), the prefix of the GIN indexes (PostgreSQL)
    table: str  # the table indexed
    fields: tuple[str, ...]

    @property
    def terms(self) -> str:
        return f"{self.name}_terms"

    def text(self, alias: str) -> str:
        """The indexed text of a row (``new``, ``old`` or a table alias)."""
        parts = [f"coalesce({alias}.{name}, '')" for name in self.fields]
        return " || char(10) || ".join(parts) + " || char(10) || char(10)"


CUSTOMERS = TextIndex("customer_search", "customer", ("name", "organisation", "contact_person"))
PHRASES = TextIndex("phrase_search", "phrase", ("title", "body"))


def _no_progress(done: int, total: int) -> None:
    return None


def create_fts(name: str) -> bool:
    """The FTS5 table and its terms; False where this SQLite has no trigram tokenizer."""
    db = database.obj
    try:
        db.execute_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {name} USING fts5("
            "body, content='', tokenize='trigram', detail=none)"
        )
    except peewee.OperationalError:
        return False
    db.execute_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {name}_terms USING fts5vocab({name}, 'instance')"
    )
    db.execute_sql(f"INSERT INTO {name}({name}) VALUES ('delete-all')")
    return True


def fill(
    name: str, table: str, text: str, report: Progress, then: str = "", after: int = 0
) -> None:
    """Index every row of ``table`` (``text``: the indexed text of alias ``c``), a batch of ids at
    a time, telling ``report(done, total)``; ``then`` is run after the rows (in the same page
    cache). The segments are merged 64 at a time, not 4, then into one, and the page cache is
    larger meanwhile: a million complaints take about a minute on a loaded machine, not four.
    With ``after``, only the rows of higher ids (the index must not hold them yet)."""
    db = database.obj
    bounds = db.execute_sql(
        f"SELECT MIN(id), MAX(id), COUNT(*) FROM {table} WHERE id > ?", (after,)
    ).fetchone()
    low, high, total = bounds[0] or 0, bounds[1] or 0, bounds[2] or 0
    done = 0
    report(0, total)
    cache = db.execute_sql("PRAGMA cache_size").fetchone()[0]
    db.execute_sql("PRAGMA cache_size = -131072")
    _config(name, "automerge", 0)
    _config(name, "crisismerge", 64)
    try:
        start = low
        while total and start <= high:
            cursor = db.execute_sql(
                f"INSERT INTO {name}(rowid, body) SELECT id, {text} "
                f"FROM {table} c WHERE id >= ? AND id < ?",
                (start, start + BATCH),
            )
            done += max(cursor.rowcount, 0)
            start += BATCH
            report(min(done, total), total)
        # one segment: a query then looks each trigram up once (about 15 s for a million rows)
        db.execute_sql(f"INSERT INTO {name}({name}) VALUES ('optimize')")
        if then:
            db.execute_sql(then)
    finally:
        _config(name, "automerge", 4)
        _config(name, "crisismerge", 16)
        db.execute_sql(f"PRAGMA cache_size = {int(cache)}")


@contextmanager
def filled_after_insert(name: str, table: str, text: str, then: str = "") -> Iterator[None]:
    """Rows inserted into ``table`` inside are indexed in ``name`` when the block ends, a batch
    per statement as :func:`fill` does, instead of one by one by the insert trigger: several
    times faster for a bulk insert, and the same index. ``then`` (with ``?``, the highest id
    before the block) stands for the rest of what the insert trigger does. For a bulk insert
    inside one write transaction: the trigger is dropped and made again inside it, so a failure
    rolls both back; rows inserted inside must not be updated or deleted inside. Without the
    index (PostgreSQL, whose indexes keep themselves, or an SQLite without FTS5's trigram
    tokenizer) it does nothing."""
    db = database.obj
    trigger = None
    if is_sqlite(db):
        trigger = db.execute_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (f"{name}_ai",)
        ).fetchone()
    if trigger is None:
        yield
        return
    high = db.execute_sql(f"SELECT MAX(id) FROM {table}").fetchone()[0] or 0
    db.execute_sql(f"DROP TRIGGER {name}_ai")
    yield
    fill(name, table, text, _no_progress, after=high)
    if then:
        db.execute_sql(then, (high,))
    db.execute_sql(trigger[0])


def _config(name: str, key: str, value: int) -> None:
    database.obj.execute_sql(f"INSERT INTO {name}({name}, rank) VALUES (?, ?)", (key, value))


def indexed_after_insert(index: TextIndex) -> AbstractContextManager[None]:
    """:func:`filled_after_insert` for one of these indexes."""
    return filled_after_insert(index.name, index.table, index.text("c"))


def build(index: TextIndex, progress: Progress | None = None) -> None:
    """Create the index (and its triggers) and fill it from the rows already there."""
    report = progress or _no_progress
    if is_sqlite():
        _build_sqlite(index, report)
    else:
        _build_postgres(index)
    _state.pop(database.obj, None)


def _build_sqlite(index: TextIndex, report: Progress) -> None:
    if not create_fts(index.name):
        return
    db = database.obj
    name, table = index.name, index.table
    for suffix in ("ai", "ad", "au"):
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}_{suffix}")
    db.execute_sql(
        f"CREATE TRIGGER {name}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {name}(rowid, body) VALUES (new.id, {index.text('new')}); END"
    )
    db.execute_sql(
        f"CREATE TRIGGER {name}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {name}({name}, rowid, body) VALUES ('delete', old.id, {index.text('old')}); "
        "END"
    )
    db.execute_sql(
        f"CREATE TRIGGER {name}_au AFTER UPDATE OF {', '.join(index.fields)} ON {table} BEGIN "
        f"INSERT INTO {name}({name}, rowid, body) VALUES ('delete', old.id, {index.text('old')}); "
        f"INSERT INTO {name}(rowid, body) VALUES (new.id, {index.text('new')}); END"
    )
    fill(name, table, index.text("c"), report)


def _build_postgres(index: TextIndex) -> None:
    db = database.obj
    ops = trgm_ops()
    if ops is None:
        return
    for field in index.fields:
        db.execute_sql(
            f"CREATE INDEX IF NOT EXISTS {index.name}_{field} ON {index.table} "
            f"USING gin ({field} {ops})"
        )


def trgm_ops() -> str | None:
    """PostgreSQL: the ``pg_trgm`` operator class, qualified by the schema the extension lives
    in (it may not be on the path of another desk's connection); None without the extension
    (then searches scan)."""
    row = database.obj.execute_sql(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'pg_trgm'"
    ).fetchone()
    return f'"{row[0]}".gin_trgm_ops' if row else None


# which indexes this open database has, found once per database object
_state: weakref.WeakKeyDictionary[peewee.Database, dict[str, bool]] = weakref.WeakKeyDictionary()


def has(index: TextIndex) -> bool:
    """Whether the open SQLite database has the index (PostgreSQL's serve LIKE by themselves)."""
    db = database.obj
    known = _state.setdefault(db, {})
    if index.name not in known:
        found = (
            is_sqlite(db)
            and db.execute_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (index.name,)
            ).fetchone()
        )
        known[index.name] = bool(found)
    return known[index.name]


def fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def rare_trigrams(word: str) -> list[str]:
    """Some of the word's trigrams: every row holding the word holds them, and the AND of a few
    of the rarer ones (fewest digits, then the later ones: the year of a date, the first digits
    of a phone are in very many rows) costs the index far less than the AND of all of them.
    A word of digits (a date, a phone) keeps three: its earlier trigrams each name a large part
    of the registry, and the AND reads every row a trigram names (for ``20260617`` the year's
    ``260`` names 414,679 rows: the AND of four took 5.3 ms, of the other three 1.6 ms)."""
    grams = list(dict.fromkeys(word[i : i + 3] for i in range(len(word) - 2)))
    keep = 3 if set(word) <= _DIGITS_AND_HYPHEN else 4
    if len(grams) <= keep:
        return grams
    ranked = sorted(range(len(grams)), key=lambda i: (sum(ch.isdigit() for ch in grams[i]), -i))
    return [grams[i] for i in sorted(ranked[:keep])]


_DIGITS_AND_HYPHEN = frozenset("0123456789-")


def sqlite_ids(name: str, text: str, alternatives: tuple[str, ...] = ()) -> tuple[str, list[Any]]:
    """A query of the ids the FTS5 table ``name`` names for a text (or any of ``alternatives``);
    an id may come more than once."""
    queries: list[tuple[str, list[Any]]] = []
    for short in [w for w in (text, *alternatives) if len(w) < 3]:
        # the index's own terms that begin with the text
        folded = fts_folded(short)
        queries.append(
            (
                f"SELECT doc AS id FROM {name}_terms WHERE term >= ? AND term < ?",
                [folded, folded + "\U0010ffff"],
            )
        )
    if longer := [w for w in (text, *alternatives) if len(w) >= 3]:
        query = " OR ".join(
            "(" + " AND ".join(fts_phrase(t) for t in rare_trigrams(w)) + ")" for w in longer
        )
        queries.insert(0, (f"SELECT rowid AS id FROM {name} WHERE {name} MATCH ?", [query]))
    if len(queries) == 1:
        return queries[0]
    return (
        " UNION ALL ".join(f"SELECT id FROM ({sql})" for sql, _params in queries),
        [p for _sql, params in queries for p in params],
    )


def fts_folded(text: str) -> str:
    """The text as the trigram tokenizer folds it into its terms: its own case folding, which is
    not Python's (``ς`` becomes ``σ``, ``İ`` stays one character)."""
    return "".join(_fts_fold(ch) for ch in text)


@functools.lru_cache(maxsize=4096)
def _fts_fold(ch: str) -> str:
    with contextlib.closing(sqlite3.connect(":memory:")) as conn:
        try:
            conn.execute("CREATE VIRTUAL TABLE f USING fts5(body, tokenize='trigram', detail=none)")
        except sqlite3.OperationalError:  # no trigram tokenizer: the index is not there either
            return ch.lower()
        conn.execute("CREATE VIRTUAL TABLE t USING fts5vocab(f, 'instance')")
        conn.execute("INSERT INTO f(body) VALUES (?)", (ch + "\n\n",))
        row = conn.execute("SELECT term FROM t").fetchone()
    return row[0][0] if row else ch.lower()


def narrowed(index: TextIndex, column: peewee.Field, text: str) -> peewee.Expression | None:
    """``column IN (the ids the index names for text)`` on SQLite with the index, else None (the
    caller's own substring condition then scans, or PostgreSQL's GIN indexes serve it)."""
    if not text or not has(index):
        return None
    sql, params = sqlite_ids(index.name, text)
    return column.in_(peewee.NodeList((peewee.SQL(sql, params),), parens=True))


__all__ = [
    "CUSTOMERS",
    "PHRASES",
    "TextIndex",
    "build",
    "create_fts",
    "fill",
    "fts_folded",
    "fts_phrase",
    "has",
    "narrowed",
    "rare_trigrams",
    "sqlite_ids",
    "trgm_ops",
]
