"""Writing many rows at once without building SQL per row: COPY on PostgreSQL, executemany on
SQLite. Used by the demo and by imports; rows must carry every NOT NULL column."""

from __future__ import annotations

from peewee import DateTimeField

from models import BaseModel, database
from models.db import is_sqlite

CHUNK = 5000


def bulk_insert(model: type[BaseModel], rows: list[dict]) -> None:
    """Insert many rows fast: COPY on PostgreSQL, executemany on SQLite (no per-row SQL)."""
    if not rows:
        return
    db = database.obj
    fields = model._meta.fields
    names = list(rows[0])
    columns = ", ".join(f'"{fields[name].column_name}"' for name in names)
    table = f'"{model._meta.table_name}"'
    if is_sqlite(db):
        stamps = {n for n in names if isinstance(fields[n], DateTimeField)}
        values = [
            tuple(row[n].isoformat(" ") if n in stamps and row[n] else row[n] for n in names)
            for row in rows
        ]
        marks = ", ".join("?" for _ in names)
        for offset in range(0, len(values), CHUNK):
            db.cursor().executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                values[offset : offset + CHUNK],
            )
        return
    cursor = db.cursor()
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[n] for n in names])
