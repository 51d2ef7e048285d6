"""Damage a SQLite file the way a flaky network share does: pages in the middle overwritten."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from models import Customer, database


def fill_pages(customers: int = 3000) -> None:
    """Enough rows in the open database that the file has pages in the middle to damage."""
    with database.atomic():
        Customer.insert_many(
            [
                {"name": f"客户{i:05d}", "address": "北京市海淀区中关村大街" * 3}
                for i in range(customers)
            ]
        ).execute()


def overwrite_middle_pages(path: Path, pages: int = 6) -> None:
    """Overwrite ``pages`` pages in the middle of the file with noise (SQLite's own checks
    must then fail)."""
    with sqlite3.connect(path) as conn:
        (page_size,) = conn.execute("PRAGMA page_size").fetchone()
        (count,) = conn.execute("PRAGMA page_count").fetchone()
    conn.close()
    noise = random.Random(7).randbytes(page_size * pages)
    with path.open("r+b") as stream:
        stream.seek(page_size * (count // 2))
        stream.write(noise)
