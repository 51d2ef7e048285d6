"""How the registry's PostgreSQL indexes are built: a migration that makes an index again in a
cheaper form keeps every search's answer."""

from __future__ import annotations

import datetime as dt

import pytest

from app.complaints import registry
from models import Complaint, User, database, search_index

WORDS = ["投影仪花屏", "白板", "工程师上门", "投诉 ABC", '%_"*-OR']


def scan(text: str) -> set[str]:
    """The numbers a plain substring scan of every complaint finds (each word, case aside)."""
    words = text.lower().split()
    found = set()
    for c in Complaint.select():
        fields = " ".join(
            (f or "").lower() for f in (c.number, c.complainant, c.order_no, c.contact, c.content)
        )
        if all(w in fields for w in words):
            found.add(c.number)
    return found


def letters_collation() -> str:
    return database.execute_sql(
        "SELECT c.collname FROM pg_index x JOIN pg_collation c ON c.oid = x.indcollation[0] "
        "WHERE x.indexrelid = to_regclass(%s)",
        (search_index.LETTERS_INDEX,),
    ).fetchone()[0]


@pytest.mark.parametrize("fresh_url", ["postgres"], indirect=True)
def test_the_migration_makes_the_characters_index_again_by_bytes_with_the_same_answers(
    fresh_url, monkeypatch
):
    from models.db import open_database
    from models.migrations import MIGRATIONS, upgrade

    open_database(fresh_url)
    version = next(v for v, name, _ in MIGRATIONS if name.startswith("registry characters'"))
    # the index of the characters as migration 17 made it before, in the database's collation
    letters = search_index.PG_LETTERS
    old = f"string_to_array(lower({search_index.PG_TEXT}), NULL)"
    monkeypatch.setattr(search_index, "PG_LETTERS", old)
    upgrade(target=version - 1)
    assert letters_collation() == "default"
    User.create(login="admin", name="管理员", employee_no="A001", role="admin", password_hash="x")
    Complaint.insert_many(
        [
            {
                "number": f"20261101-{i:03d}",
                "sort_key": f"20261101{i:08d}",
                "received_at": dt.datetime(2026, 11, 1, 9, 0),
                "complainant": f"客户{i}",
                "contact": f"1380013{i:04d}",
                "channel": "phone",
                "category": "quality",
                "content": WORDS[i % len(WORDS)],
            }
            for i in range(1, 41)
        ]
    ).execute()
    monkeypatch.setattr(search_index, "PG_LETTERS", letters)
    heard: list[tuple[int, int]] = []
    upgrade(progress=lambda done, total: heard.append((done, total)))
    assert letters_collation() == "C"
    assert heard[-1] == (1, 1)
    assert search_index.available()
    for text in ("投", "屏", "白板", "a", "B", "%", "_", '"', "*", "-", "投 a", "上门", "13"):
        expected = scan(text)
        assert {r["number"] for r in registry.fetch(registry.Filters(text=text), limit=100)} == (
            expected
        ), text
    assert scan("投") and scan("%") and scan("a")
    # the searches' expression is the index's (a few rows: the table scan set aside)
    with database.atomic():
        database.execute_sql("SET LOCAL enable_seqscan = off")
        plan = database.execute_sql(
            f"EXPLAIN SELECT count(*) FROM complaint WHERE {search_index.PG_LETTERS} "
            "@> string_to_array(lower(%s), NULL)",
            ("屏",),
        ).fetchall()
    assert any(search_index.LETTERS_INDEX in line for (line,) in plan)
