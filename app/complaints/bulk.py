"""Writing many rows at once without building SQL per row: COPY on PostgreSQL, executemany on
SQLite. Used by the demo and by imports; rows must carry every NOT NULL column."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from peewee import DateTimeField, Field, ModelSelect

from models import BaseModel, database
from models.db import is_sqlite

CHUNK = 5000

# PostgreSQL: the tables :func:`indexes_built_after` has bulk-loaded since
# :func:`vacuum_loaded` last ran
_loaded: set[str] = set()


def bulk_insert(model: type[BaseModel], rows: list[dict]) -> None:
    """Insert many rows fast: COPY on PostgreSQL, executemany on SQLite (no per-row SQL)."""
    if not rows:
        return
    names = list(rows[0])
    insert_rows(model, names, [tuple(row[n] for n in names) for row in rows], exact=False)


def insert_rows(
    model: type[BaseModel], names: Sequence[str], rows: Iterable[tuple], *, exact: bool = True
) -> None:
    """Insert rows given as tuples of the fields ``names`` (what the columns hold: ids for
    foreign keys, datetimes for times), as :func:`bulk_insert` does. ``exact``: every value is
    of its column's own Python type (int, str, bool, a naive datetime, or None), so PostgreSQL
    gets them in COPY's binary form, which takes a sixth of the time to write here and half as
    long for the server to read as text (times above all); ``exact=False`` writes text, which
    the server converts to the column's type."""
    db = database.obj
    fields = model._meta.fields
    columns = ", ".join(f'"{fields[name].column_name}"' for name in names)
    table = f'"{model._meta.table_name}"'
    if is_sqlite(db):
        stamps = [i for i, n in enumerate(names) if isinstance(fields[n], DateTimeField)]
        marks = ", ".join("?" for _ in names)
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        batch: list[tuple] = []
        for row in rows:
            if stamps:
                values = list(row)
                for i in stamps:
                    if values[i]:
                        values[i] = values[i].isoformat(" ")
                row = tuple(values)
            batch.append(row)
            if len(batch) >= CHUNK:
                db.cursor().executemany(sql, batch)
                batch.clear()
        if batch:
            db.cursor().executemany(sql, batch)
        return
    cursor = db.cursor()
    if not exact:
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    types = dict(
        db.execute_sql(
            "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = to_regclass(%s) "
            "AND attnum > 0 AND NOT attisdropped",
            (table,),
        ).fetchall()
    )
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types([types[fields[name].column_name] for name in names])
        for row in rows:
            copy.write_row(row)


def reserve_ids(model: type[BaseModel], count: int) -> Sequence[int]:
    """Ids for ``count`` rows of ``model`` about to be inserted, so that the rows pointing at
    them can be written without reading them back. Call inside the write transaction that
    inserts them, and insert them before reserving again: on SQLite they follow the highest id
    (the transaction holds the write lock); on PostgreSQL they are taken from the table's
    sequence, so a desk inserting meanwhile never gets one of them."""
    if count <= 0:
        return []
    db = database.obj
    table = model._meta.table_name
    key = model._meta.fields["id"].column_name  # every table's key is its AutoField ``id``
    if is_sqlite(db):
        high = db.execute_sql(f'SELECT MAX("{key}") FROM "{table}"').fetchone()[0] or 0
        return range(high + 1, high + 1 + count)
    cursor = db.execute_sql(
        "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
        (f'"{table}"', key, count),
    )
    return [row[0] for row in cursor.fetchall()]


def paged(query: ModelSelect, key: Field, size: int = 20_000, raw: bool = False) -> Iterator[Any]:
    """The rows of ``query`` in ``key`` order (a unique column), read ``size`` at a time: never
    the whole table in memory, and no cursor left open while rows are written meanwhile. Rows
    read as tuples must have ``key`` first; ``raw``: the driver's tuples, unconverted (times
    are text on SQLite), with ``key`` first."""
    after = None
    while True:
        query_page = (query if after is None else query.where(key > after)).order_by(key)
        query_page = query_page.limit(size)
        page = list(database.execute(query_page).fetchall() if raw else query_page)
        yield from page
        if len(page) < size:
            return
        last = page[-1]
        after = last[0] if isinstance(last, tuple) else getattr(last, key.name)


@contextmanager
def indexes_built_after(model: type[BaseModel]) -> Iterator[None]:
    """While ``model``'s table is empty, bulk-load it without its indexes: they are dropped for
    the block and made again when it ends, each from the finished table in one sort instead of
    an update per row (several times faster, and the same indexes; a duplicate under a unique
    index fails then). On PostgreSQL its foreign keys are dropped too and made again at the end,
    which checks every row in one query each instead of a query per row and key (those checks
    were three quarters of a ``COPY``'s time; a row pointing nowhere fails then). For a load
    inside one write transaction, which rolls the drop back with the rest on a failure; nothing
    inside may look rows up through the indexes. Dropping a foreign key locks the table it
    points to until the transaction ends. A table that already has rows keeps its indexes and
    keys. On PostgreSQL, call :func:`vacuum_loaded` once the transaction has committed."""
    db = database.obj
    table = model._meta.table_name
    if db.execute_sql(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is not None:
        yield
        return
    if is_sqlite(db):
        indexes = db.execute_sql(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
            (table,),
        ).fetchall()
    else:  # every index but the primary key's and those of constraints
        indexes = db.execute_sql(
            "SELECT x.indexrelid::regclass::text, pg_get_indexdef(x.indexrelid) FROM pg_index x "
            "WHERE x.indrelid = to_regclass(%s) AND NOT x.indisprimary AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
            (f'"{table}"',),
        ).fetchall()
    keys = [] if is_sqlite(db) else _foreign_keys(table)
    for name, _sql in indexes:  # PostgreSQL names it as SQL already (quoted, with its schema)
        db.execute_sql(f"DROP INDEX {_quoted(name) if is_sqlite(db) else name}")
    for name, _definition in keys:
        db.execute_sql(f'ALTER TABLE "{table}" DROP CONSTRAINT {_quoted(name)}')
    yield
    if not is_sqlite(db):
        db.execute_sql("SET LOCAL maintenance_work_mem = '512MB'")
    for _name, sql in indexes:
        db.execute_sql(sql)
    if keys:  # (each key's check reads the table once, through the indexes just made)
        added = ", ".join(f"ADD CONSTRAINT {_quoted(n)} {definition}" for n, definition in keys)
        db.execute_sql(f'ALTER TABLE "{table}" {added}')
    if not is_sqlite(db):
        _loaded.add(table)


def vacuum_loaded() -> None:
    """PostgreSQL: ``VACUUM`` the tables :func:`indexes_built_after` has loaded, once the
    transaction that loaded them has committed (VACUUM cannot run inside one). A bulk load
    leaves its pages unmarked in the visibility map until a vacuum, so until autovacuum gets to
    them (if it is on) every index-only scan of them (the registry's counts) reads the table as
    well. The vacuum marks them all-visible in a pass over each table (a fraction of the
    ``COPY``'s time: nothing to remove) and sets the table's page counts for the planner; its
    statistics are the load's own ``ANALYZE``, made in the transaction for its own reads."""
    tables = sorted(_loaded)
    _loaded.clear()
    db = database.obj
    if not tables or is_sqlite(db) or db.in_transaction():
        return
    db.execute_sql("VACUUM " + ", ".join(_quoted(t) for t in tables))


def _foreign_keys(table: str) -> list[tuple[str, str]]:
    """PostgreSQL: (name, definition) of the table's foreign keys."""
    return database.obj.execute_sql(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = to_regclass(%s) AND contype = 'f' ORDER BY conname",
        (f'"{table}"',),
    ).fetchall()


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
