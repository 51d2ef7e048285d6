"""The registry's indexed search returns exactly what a plain substring scan returns, on both
backends, for every kind of query a desk types, and the index follows edits and deletions."""

from __future__ import annotations

import re
import unicodedata

import peewee
import pytest

from app.clock import Month
from app.complaints import registry, service
from models import Complaint, User, search_index

QUERIES = [
    # one and two Chinese characters, at the start, inside and at the end of a field
    "投",
    "影",
    "屏",
    "投影",
    "花屏",
    "王",
    "芳",
    "王芳",
    "李",
    "仪",
    "老师",
    # three and more, mixed Chinese and ASCII, case
    "投影仪",
    "投影仪花屏",
    "ABC",
    "abc",
    "屏 ABC",
    "白板x",
    "BOARD白板",
    "white",
    "a",
    "Ab",
    # phones: digits with and without separators, tails, an e-mail
    "13800138000",
    "138-0013-8000",
    "138 0013 8000",
    "0013",
    "8000",
    "5566",
    "021-5566",
    # a landline stored as 021-55667788, typed without its dash, with brackets, with +86
    "02155667788",
    "0215566",
    "(021) 5566-7788",
    "(021)5566-7788",
    "021.5566.7788",
    "+86 21 5566 7788",
    "+862155667788",
    "15566",
    "1-5",
    "15",
    "5-",
    "(5)",
    # a mobile stored as 13800138000 typed with +86 or 0086, spaced, dotted, in full width
    "+86 138 0013 8000",
    "+86-138-0013-8000",
    "+8613800138000",
    "0086 13800138000",
    "138.0013.8000",
    "１３８ ００１３ ８０００",
    "１",
    "+86",
    "0086",
    "+",
    "8000 (0138)",
    # another country's number, stored as +85291234567
    "+852 9123 4567",
    "852-9123",
    "zhang@",
    "@",
    # numbers and prefixes
    "20261126",
    "20261126-00",
    "20261126-001",
    "DD2026",
    # characters special to LIKE or FTS
    "%",
    "_",
    '"',
    "*",
    "-",
    "OR",
    "or",
    "a%b",
    "x_y",
    '"引号"',
    "* 星号",
    "-减号",
    "AND",
    "NEAR",
    "投诉OR",
    # several words, and nothing
    "投影 ABC",
    "王芳 13800138000",
    "不存在",
    "删除后",
    "改写前",
    "改写后",
]


# how a search reads its rows (registry.FEW, registry.PROBE_CAP): the rows named sorted, the
# numbers walked looking each up among them, every row checked in number order
WAYS = [(5000, 60000), (0, 60000), (0, 0)]


def phone_digits(text: str) -> str:
    """The digits of a phone typed in any format: without spaces, dashes, dots and brackets
    (full-width ones too), a leading +86 or 0086 and then a leading +; "" unless only digits
    are left."""
    plain = "".join(
        ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace() and ch not in "-.()"
    )
    for prefix in ("+86", "0086"):
        if plain.startswith(prefix) and len(plain) > len(prefix):
            plain = plain[len(prefix) :]
            break
    plain = plain.removeprefix("+")
    return plain if re.fullmatch("[0-9]+", plain) else ""


def contact_digits(contact: str) -> str:
    """A contact's digits where it is a phone (digits, spaces, dashes, dots, brackets, +)."""
    return re.sub("[^0-9]", "", contact) if re.fullmatch(r"[0-9+() .\-]*", contact) else ""


def scan(text: str) -> set[str]:
    """What a plain substring scan over the fields finds (the registry's definition): every word
    is in one of the fields (case aside), or is a phone's digits in the contact's digits; or the
    whole text of several words is a phone's digits in the contact's digits."""
    found = set()
    words = text.split()
    whole = phone_digits(text) if len(words) > 1 else ""
    for c in Complaint.select():
        fields = [c.number, c.complainant, c.order_no, c.content, c.contact]
        phone = contact_digits(c.contact)
        ok = True
        for word in words:
            w = word.lower()
            hit = any(w in f.lower() for f in fields)
            digits = phone_digits(word)
            if digits and digits in phone:
                hit = True
            ok = ok and hit
        if ok or (whole and whole in phone):
            found.add(c.number)
    return found


def register(actor, **fields):
    base = {"channel": "phone", "category": "quality"}
    return service.register_complaint(actor, **{**base, **fields})


@pytest.fixture
def complaints(db_url, agent, manager):
    register(
        agent,
        complainant="王芳",
        contact="13800138000",
        content="投影仪花屏 ABC 型号 a%b",
        order_no="DD20261126-0001",
    )
    register(
        agent,
        complainant="李",
        contact="021-5566 7788",
        content='说明书 "引号" * 星号 - 减号 OR 或者 AND NEAR',
    )
    register(
        agent,
        complainant="Zhang Wei",
        contact="zhang@example.com",
        content="white BOARD白板x_y",
    )
    register(agent, complainant="芳芳", contact="15912345678", content="投诉OR建议")
    register(agent, complainant="陈", contact="+852 9123 4567", content="香港来电")
    edited = register(agent, complainant="赵老师", contact="15912340000", content="改写前")
    gone = register(agent, complainant="钱先生", contact="18600001111", content="删除后不应找到")
    service.update_complaint(agent, edited.id, {"content": "改写后 仪"}, edited.version)
    service.delete_complaint(manager, gone.id)
    return Complaint.select().count()


@pytest.mark.parametrize("way", WAYS)
def test_every_query_returns_exactly_what_a_scan_returns(complaints, monkeypatch, way):
    assert complaints == 6
    assert search_index.available()
    monkeypatch.setattr(registry, "FEW", way[0])
    monkeypatch.setattr(registry, "PROBE_CAP", way[1])
    for text in QUERIES:
        expected = scan(text)
        filters = registry.Filters(text=text)
        rows = registry.fetch(filters, limit=1000)
        assert {r["number"] for r in rows} == expected, text
        assert len(rows) == len(expected), text
        assert registry.count_capped(filters) == (len(expected), True), text
        assert registry.count(filters) == len(expected), text
        # the count and the first rows read together, as the list and `find` read them
        for limit in (1000, 1):
            page = registry.first_page(filters, limit=limit)
            assert (page.total, page.exact) == (len(expected), True), text
            assert [r["number"] for r in page.rows] == sorted(expected, reverse=True)[:limit], text
        # the scan alone (where no index helps) agrees as well
        clauses = registry.where_clauses(filters, use_index=False)
        assert {c.number for c in Complaint.select().where(*clauses)} == expected, text
    assert scan("改写后") and not scan("改写前") and not scan("删除后")
    # what a desk types for a phone finds it, whatever the format
    landline = {c.number for c in Complaint.select() if c.contact == "021-55667788"}
    mobile = {c.number for c in Complaint.select() if c.contact == "13800138000"}
    abroad = {c.number for c in Complaint.select() if c.contact == "+85291234567"}
    assert len(landline) == len(mobile) == len(abroad) == 1
    for text in ("02155667788", "(021) 5566-7788", "+86 21 5566 7788", "021.5566.7788"):
        assert scan(text) == landline, text
    for text in (
        "+86 138 0013 8000",
        "+8613800138000",
        "0086 13800138000",
        "１３８ ００１３ ８０００",
    ):
        assert scan(text) == mobile, text
    assert scan("+852 9123 4567") == abroad


def test_a_search_matching_more_than_the_cap_says_so_and_still_lists_newest_first(
    complaints, monkeypatch
):
    monkeypatch.setattr(registry, "COUNT_CAP", 2)
    for text in ("a", "投", "OR"):
        expected = scan(text)
        filters = registry.Filters(text=text)
        n, exact = registry.count_capped(filters)
        assert (n, exact) == ((2, False) if len(expected) > 2 else (len(expected), True)), text
        rows = registry.fetch(filters, limit=1000)
        assert {r["number"] for r in rows} == expected, text
        assert [r["number"] for r in rows] == sorted(expected, reverse=True), text
        # the first page, found among the newest complaints or (past them) through the indexes
        for few, walk in ((5000, 10_000), (0, 10_000), (0, 3), (0, 1)):
            monkeypatch.setattr(registry, "FEW", few)
            monkeypatch.setattr(registry, "WALK", walk)
            for limit in (1, 2, 1000):
                page = registry.first_page(filters, limit=limit)
                assert (page.total, page.exact) == (n, exact), (text, walk)
                numbers = [r["number"] for r in page.rows]
                assert numbers == sorted(expected, reverse=True)[:limit], (text, walk, limit)


@pytest.mark.parametrize(("cap", "newest"), [(10_000, 20_000), (2, 20_000), (2, 3)])
def test_the_first_page_is_the_count_and_the_rows_fetch_reads_in_every_order(
    complaints, monkeypatch, cap, newest
):
    """The count and first rows read together (one statement on PostgreSQL) are what the count
    and the page read apart give, whole rows alike, sorted by any column, with other filters
    beside the search, and past the cap (the page then read in the list's order: on PostgreSQL
    from the newest complaints, or, where they hold too few, from every match)."""
    monkeypatch.setattr(registry, "COUNT_CAP", cap)
    monkeypatch.setattr(registry, "NEWEST", newest)
    unresolved = registry.UNRESOLVED
    for text in (
        "投",
        "a",
        "屏 ABC",
        "13800138000",
        "20261126",
        "OR",
        "不存在",
        "+86 21 5566 7788",
    ):
        for filters in (
            registry.Filters(text=text),
            registry.Filters(text=text, status=unresolved),
            registry.Filters(text=text, month=Month(2026, 11), month_only=True),
            registry.Filters(text=text, month=Month(2026, 10), month_only=True),
        ):
            for order, descending in (
                ("number", True),
                ("number", False),
                ("complainant", False),
                ("received_at", True),
                ("handler", False),
            ):
                for limit in (200, 2):
                    page = registry.first_page(
                        filters, order=order, descending=descending, limit=limit
                    )
                    total, exact = registry.count_capped(filters)
                    rows = registry.fetch(
                        filters, order=order, descending=descending, limit=limit, dense=not exact
                    )
                    assert (page.total, page.exact) == (total, exact), (filters, order)
                    assert page.rows == rows, (filters, order, descending, limit)
            # page by page in number order, as the list reads on
            expected = [
                c.number
                for c in Complaint.select().order_by(Complaint.sort_key.desc())
                if c.number in scan(text)
                and (filters.month is None or filters.month.start <= c.received_at)
                and (filters.month is None or c.received_at < filters.month.end)
                and (not filters.status or c.status in ("open", "in_progress", "reopened"))
            ]
            pages = [
                registry.fetch(filters, offset=o, limit=2) for o in range(0, len(expected) + 2, 2)
            ]
            assert [r["number"] for p in pages for r in p] == expected, filters
    assert len(scan("投")) == 2 and scan("+86 21 5566 7788")


def test_the_first_page_of_a_view_without_a_search_is_its_count_and_rows(numbered, time_machine):
    """The registry's views without a search (the first view, a month, the overdue ones, a
    status) read with their count (one statement on PostgreSQL) give what the count and the
    page read apart give."""
    import datetime as dt

    time_machine.move_to(dt.datetime(2026, 11, 30, 10, 0), tick=True)
    views = [
        registry.current_view(),
        registry.Filters(),
        registry.Filters(overdue=True),
        registry.Filters(month=Month(2026, 6)),
        registry.Filters(month=Month(2026, 10)),
        registry.Filters(status=registry.UNRESOLVED, month=Month(2025, 12)),
    ]
    for filters in views:
        for order, descending, limit in (("number", True, 200), ("complainant", False, 3)):
            page = registry.first_page(filters, order=order, descending=descending, limit=limit)
            total = registry.count(filters)
            assert (page.total, page.exact) == (total, True), filters
            rows = registry.fetch(filters, order=order, descending=descending, limit=limit)
            assert page.rows == rows, filters
            # (told it is dense, as only a search can be, a view reads the same)
            dense = registry.fetch(
                filters, order=order, descending=descending, limit=limit, dense=True
            )
            assert dense == rows, filters
    assert registry.count(registry.Filters(overdue=True)) > 0
    assert registry.count(registry.Filters(month=Month(2026, 10))) == 0


NUMBER_QUERIES = [
    # a number, its beginnings, and parts of it that begin in its day
    "20261126-001",
    "20261126-00",
    "20261126-",
    "20261126",
    "2026112",
    "2026",
    "1126-001",
    "26-00",
    "6-0",
    "61126",
    "1126",
    "126",
    "6-",
    "0",
    "1",
    "11",
    "20251231",
    "251231-1",
    "1231-012",
    "20260606",
    "6060",
    "0606",
    "60606-",
    # parts after the day, and what only the text index holds
    "-00",
    "-001",
    "001",
    "-",
    "0012",
    # numbers not of the registry's form, or of its form with a day that is no date
    "X-1",
    "x-1",
    "2026113",
    "99999999",
    "9999-",
    "99-1",
    "1126-9",
    # several words
    "20261126 王芳",
    "1126 6060",
    "2025 花屏",
]


@pytest.fixture
def numbered(db_url, agent, time_machine):
    """Complaints of several days, and rows whose numbers are not of the registry's form."""
    import datetime as dt

    for day, count in ((dt.datetime(2025, 12, 31, 9), 13), (dt.datetime(2026, 6, 6, 9), 3)):
        time_machine.move_to(day, tick=True)
        for i in range(count):
            register(agent, complainant="王芳", contact=f"1380013{i:04d}", content="投影仪花屏")
    time_machine.move_to(dt.datetime(2026, 11, 26, 10, 30), tick=True)
    for i in range(12):
        register(agent, complainant="李", contact=f"1591234{i:04d}", content="说明书", order_no="")
    odd = list(Complaint.select().order_by(Complaint.id.desc()).limit(5))
    for complaint, number in zip(
        odd, ("X-1", "2026113-5", "99999999-1", "20261126", "1126-99"), strict=True
    ):
        # the sort key as numbering.sort_key gives it for a number not of the form
        Complaint.update(number=number, sort_key=number).where(
            Complaint.id == complaint.id
        ).execute()
    return Complaint.select().count()


def test_a_months_list_in_number_order_holds_its_rows_whatever_their_numbers(numbered):
    for month in (Month(2025, 12), Month(2026, 6), Month(2026, 11), Month(2026, 10)):
        in_month = [
            c.number
            for c in Complaint.select().order_by(Complaint.sort_key)
            if month.start <= c.received_at < month.end
        ]
        for descending in (True, False):
            ordered = in_month[::-1] if descending else in_month
            for offset, limit in ((0, 200), (0, 4), (3, 4), (10, 5)):
                rows = registry.fetch(
                    registry.Filters(month=month),
                    descending=descending,
                    offset=offset,
                    limit=limit,
                )
                assert [r["number"] for r in rows] == ordered[offset : offset + limit], (
                    month,
                    descending,
                    offset,
                )
        assert registry.count_capped(registry.Filters(month=month)) == (len(in_month), True)


def test_numbers_and_their_parts_are_found_exactly(numbered, db_url, monkeypatch):
    assert numbered == 28
    if db_url.startswith("sqlite"):  # the parts in a number's day come from the number's index

        def numbers_named(word: str) -> set[str]:
            sql, params = registry._number_ids(word) or ("SELECT NULL AS id", [])
            query = Complaint.select(Complaint.number).where(
                Complaint.id.in_(peewee.SQL(f"({sql})", params))
            )
            return {c.number for c in query}

        assert numbers_named("1126-001") == {"20261126-001"}
        assert numbers_named("20261126-00") == {f"20261126-00{i}" for i in range(1, 8)}
        sixth_of_june = {c.number for c in Complaint.select() if c.number.startswith("20260606-")}
        assert numbers_named("6060") == sixth_of_june and len(sixth_of_june) == 3
        assert numbers_named("99-1") == {"99999999-1"}
        assert registry._number_ids("-001") is None and registry._number_ids("X-1") is None
        assert numbers_named("1126-99X") == set()  # (no number of the form goes on with an X)
    for cap, (few, probe) in [(None, way) for way in WAYS] + [(2, WAYS[0])]:
        monkeypatch.setattr(registry, "FEW", few)
        monkeypatch.setattr(registry, "PROBE_CAP", probe)
        if cap is not None:
            monkeypatch.setattr(registry, "COUNT_CAP", cap)
            monkeypatch.setattr(registry, "WALK", 5)
        for text in NUMBER_QUERIES:
            expected = scan(text)
            filters = registry.Filters(text=text)
            rows = registry.fetch(filters, limit=1000)
            assert [r["number"] for r in rows] == [
                c.number
                for c in Complaint.select().order_by(Complaint.sort_key.desc())
                if c.number in expected
            ], text
            limit = registry.COUNT_CAP
            assert registry.count_capped(filters) == (
                (limit, False) if len(expected) > limit else (len(expected), True)
            ), text
            page = registry.first_page(filters, limit=3)
            assert (page.total, page.exact) == registry.count_capped(filters), text
            assert [r["number"] for r in page.rows] == [r["number"] for r in rows[:3]], text
            oldest = registry.fetch(filters, descending=False, limit=3)
            page = registry.first_page(filters, descending=False, limit=3)
            assert [r["number"] for r in page.rows] == [r["number"] for r in oldest], text
            month = registry.Filters(text=text, month=Month(2025, 12), month_only=True)
            in_month = {r["number"] for r in registry.fetch(month, limit=1000)}
            assert in_month == {n for n in expected if n.startswith("202512")}, text
    assert scan("20261126") and scan("1231-012") and scan("6060") and scan("X-1")
    # page by page, in both orders, in every way of reading
    monkeypatch.setattr(registry, "COUNT_CAP", 10_000)
    for few, probe in WAYS:
        monkeypatch.setattr(registry, "FEW", few)
        monkeypatch.setattr(registry, "PROBE_CAP", probe)
        for text in ("2026", "6060", "0", "26-0"):
            expected = scan(text)
            for descending in (True, False):
                ordered = in_list_order(expected, descending)
                pages = [
                    registry.fetch(
                        registry.Filters(text=text), descending=descending, offset=o, limit=4
                    )
                    for o in range(0, len(ordered) + 4, 4)
                ]
                assert [r["number"] for p in pages for r in p] == ordered, (text, few, probe)


def test_the_first_page_of_a_search_matching_very_many_is_its_newest_matches(numbered, monkeypatch):
    """A search matching more than the cap looks for its first page among the newest
    complaints (WALK of them) and, where they hold less than a page, through the indexes."""
    monkeypatch.setattr(registry, "COUNT_CAP", 2)
    monkeypatch.setattr(registry, "FEW", 0)
    for walk in (5, 12, 40):
        monkeypatch.setattr(registry, "WALK", walk)
        for text in ("说明", "投影", "花屏 投影", "李"):
            expected = scan(text)
            for descending in (True, False):
                ordered = in_list_order(expected, descending)
                for limit in (1, 4, 100):
                    page = registry.first_page(
                        registry.Filters(text=text), descending=descending, limit=limit
                    )
                    assert (page.total, page.exact) == (2, False), text
                    numbers = [r["number"] for r in page.rows]
                    assert numbers == ordered[:limit], (text, walk, descending, limit)
    assert len(scan("说明")) == 12 and len(scan("投影")) == 16


def test_find_complaints_prints_the_count_and_the_newest_numbers_as_json(
    complaints, db_url, capsys
):
    import json

    from app import cli

    assert cli.main(["find", "complaints", "投", "--db", db_url, "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    expected = sorted(scan("投"), reverse=True)
    assert found["total"] == len(expected) == 2
    assert found["exact"] is True
    assert found["numbers"] == expected
    assert isinstance(found["ms"], int | float) and found["ms"] >= 0

    assert (
        cli.main(["find", "complaints", "138-0013-8000", "--db", db_url, "--limit", "0", "--json"])
        == 0
    )
    assert json.loads(capsys.readouterr().out)["numbers"] == []

    # --month: only that month's complaints (the fixture's are all received in 2026-11)
    assert (
        cli.main(["find", "complaints", "投", "--db", db_url, "--month", "2026-10", "--json"]) == 0
    )
    assert json.loads(capsys.readouterr().out)["total"] == 0

    # without --json, a readable table: the count, then one line per complaint
    assert cli.main(["find", "complaints", "王芳", "--db", db_url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("1 ")
    assert lines[1].split()[0] in scan("王芳") and "王芳" in lines[1] and "投影仪花屏" in lines[1]


def test_find_complaints_reports_a_wrong_month_in_one_line(complaints, db_url, capsys):
    from app import cli

    assert cli.main(["find", "complaints", "投", "--db", db_url, "--month", "2026-13"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "2026-13" in err[0]


@pytest.mark.parametrize("fresh_url", ["sqlite", "postgres"], indirect=True)
def test_the_migration_indexes_the_complaints_an_older_database_holds(fresh_url):
    import datetime as dt

    from models.db import open_database
    from models.migrations import MIGRATIONS, upgrade

    open_database(fresh_url)
    index_version = next(v for v, name, _step in MIGRATIONS if name == "complaint search index")
    upgrade(target=index_version - 1)
    User.create(login="admin", name="管理员", employee_no="A001", role="admin", password_hash="x")
    words = ["投影仪花屏", "白板", "工程师上门", "投诉"]
    Complaint.insert_many(
        [
            {
                "number": f"20261101-{i:03d}",
                "sort_key": f"20261101-{i:06d}",
                "received_at": dt.datetime(2026, 11, 1, 9, 0),
                "complainant": f"客户{i}",
                "contact": f"1380013{i:04d}",
                "channel": "phone",
                "category": "quality",
                "content": words[i % len(words)],
            }
            for i in range(1, 61)
        ]
    ).execute()
    assert not search_index.available()
    heard: list[tuple[int, int]] = []
    upgrade(progress=lambda done, total: heard.append((done, total)))
    assert search_index.available()
    assert heard[0] == (0, 60) and (60, 60) in heard
    for text in ("投", "投影", "投影仪", "花屏", "13", "工程师"):
        expected = scan(text)
        assert {r["number"] for r in registry.fetch(registry.Filters(text=text), limit=100)} == (
            expected
        ), text
    assert scan("投影") and scan("13")


@pytest.mark.parametrize("fresh_url", ["sqlite", "postgres"], indirect=True)
def test_the_migration_indexes_the_digits_of_the_phones_an_older_database_holds(
    fresh_url, monkeypatch
):

    from models import database
    from models.db import is_sqlite, open_database
    from models.migrations import MIGRATIONS, upgrade

    open_database(fresh_url)
    version = next(v for v, name, _step in MIGRATIONS if name == "phone digits in the search index")
    # the index and its triggers as they were before
    text = search_index.sqlite_text
    monkeypatch.setattr(search_index, "sqlite_text", lambda a: text(a, phone_digits=False))
    upgrade(target=version - 1)
    monkeypatch.setattr(search_index, "sqlite_text", text)
    User.create(login="admin", name="管理员", employee_no="A001", role="admin", password_hash="x")
    contacts = ["021-55667788", "13800138000", "+85291234567", "a-1@example.com", "0755-8888999"]
    stored_with_contacts(contacts)
    upgrade()
    assert search_index.available()
    for typed in ("02155667788", "(021) 5566-7788", "+86 755 8888 999", "+852 9123 4567"):
        expected = scan(typed)
        assert {r["number"] for r in registry.fetch(registry.Filters(text=typed))} == expected
        assert len(expected) == 1, typed
    if is_sqlite():
        # the index holds exactly what an index built anew holds, and the triggers keep it
        def terms() -> list[tuple[str, int]]:
            sql = f"SELECT DISTINCT term, doc FROM {search_index.TERMS} ORDER BY term, doc"
            return [tuple(r) for r in database.execute_sql(sql).fetchall()]

        migrated = terms()
        search_index.rebuild()
        assert terms() == migrated and any(t == "215" for t, _doc in migrated)
        Complaint.delete().execute()
        assert terms() == []


@pytest.mark.parametrize("fresh_url", ["postgres"], indirect=True)
def test_the_migration_keeps_the_digits_only_of_contacts_written_with_more_than_digits(
    fresh_url, monkeypatch
):
    """PostgreSQL: a database whose index of the contacts' digits holds every contact (as
    migration 21 made it) gets it made again for the contacts whose digits differ from them
    only, and every phone is still found, however it is typed."""

    from models import database
    from models.db import open_database
    from models.migrations import MIGRATIONS, upgrade

    open_database(fresh_url)
    version = next(v for v, name, _step in MIGRATIONS if name.startswith("contacts' digits"))
    full = search_index._pg_contact_digits_index
    monkeypatch.setattr(
        search_index, "_pg_contact_digits_index", lambda ops: full(ops).split(" WHERE ")[0]
    )
    upgrade(target=version - 1)
    monkeypatch.setattr(search_index, "_pg_contact_digits_index", full)

    def definition() -> str:
        return database.execute_sql(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND indexname = %s",
            (search_index.CONTACT_DIGITS_INDEX,),
        ).fetchone()[0]

    assert " WHERE " not in definition()
    User.create(login="admin", name="管理员", employee_no="A001", role="admin", password_hash="x")
    contacts = ["021-55667788", "13800138000", "+85291234567", "a-1@example.com", "075588889999"]
    stored_with_contacts(contacts)
    heard: list[tuple[int, int]] = []
    upgrade(progress=lambda done, total: heard.append((done, total)))
    assert " WHERE " in definition() and (1, 1) in heard
    for typed in ("02155667788", "(021) 5566-7788", "138 0013 8000", "+852 9123 4567", "8888"):
        expected = scan(typed)
        assert {r["number"] for r in registry.fetch(registry.Filters(text=typed))} == expected
        assert expected, typed


def test_the_start_up_check_of_a_big_file_reads_the_search_index_tables(sqlite_url, agent):
    import sqlite3

    from models.snapshot import touch_problems

    register(agent, complainant="王芳", contact="13800138000", content="投影仪花屏")

    conn = sqlite3.connect(sqlite_url)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {search_index.TABLE, search_index.TERMS} <= names
        assert touch_problems(conn) == []
    finally:
        conn.close()


ARCHIVE_QUERIES = [
    "王",
    "芳",
    "王芳",
    "第一",
    "第一中学",
    "华信第一中学分校",
    "中学 分",
    "abc",
    "ABC",
    "a",
    "Ab",
    "%",
    "_",
    '"',
    "*",
    "-",
    "OR",
    "a%b",
    "x_y",
    "改写前",
    "改写后",
    "删除后",
    "致歉",
    "备用机",
    "不存在",
]


def test_the_customer_archive_and_the_phrase_library_find_exactly_what_a_scan_finds(
    db_url, agent, manager
):
    from app import phrases
    from app.customers import customers, lookup
    from app.customers.customers import CustomerData
    from models import Customer, Phrase, text_index

    for name, organisation, person in (
        ("王芳", "", ""),
        ("赵六", "华信第一中学分校", "王老师"),
        ("第一中学", "", "ABC a%b"),
        ("Zhang", "x_y OR 公司", '"引号" * -'),
        ("改写前", "", ""),
        ("删除后", "", ""),
    ):
        customers.create_customer(
            agent, CustomerData(name=name, organisation=organisation, contact_person=person)
        )
    edited = Customer.get(Customer.name == "改写前")
    customers.update_customer(
        agent, edited, CustomerData(name="改写后 芳"), expected_version=edited.version
    )
    Customer.delete().where(Customer.name == "删除后").execute()
    phrases.fill_demo(manager)
    phrase = phrases.create_phrase(manager, category="问候", title="ABC 改写前", body='a%b "*" -')
    phrases.update_phrase(
        manager,
        phrase.id,
        category="问候",
        title="改写后",
        body="x_y OR",
        expected_version=phrase.version,
    )
    if db_url.startswith("sqlite"):
        assert text_index.has(text_index.CUSTOMERS) and text_index.has(text_index.PHRASES)

    def holds(text: str, *fields: str) -> bool:
        return any(text.lower() in f.lower() for f in fields)

    for text in ARCHIVE_QUERIES:
        expected = {
            c.id
            for c in Customer.select().where(Customer.merged_into.is_null())
            if holds(text.strip(), c.name, c.organisation, c.contact_person)
        }
        assert {c.id for c in lookup.search(text, limit=1000)} == expected, text
        listed = customers.list_query(text)
        assert {c.id for c in listed} == expected, text
        expected_phrases = {p.id for p in Phrase.select() if holds(text, p.title, p.body)}
        assert {p.id for p in phrases.search(text)} == expected_phrases, text
    assert not {c.name for c in lookup.search("改写前")}
    assert {c.name for c in lookup.search("芳")} == {"王芳", "改写后 芳"}


def test_numbers_the_registry_did_not_give_out_are_found_by_their_beginning_too(db_url, agent):
    """A number or its beginning is a range of the number's index where the number has the
    registry's form; a number of another form (an old import's) is still found."""
    plain = register(agent, complainant="甲", contact="13800000001", content="一")
    long_sequence = register(agent, complainant="乙", contact="13800000002", content="二")
    other_form = register(agent, complainant="丙", contact="13800000003", content="三")
    Complaint.update(number="20261126-20261126").where(Complaint.id == long_sequence.id).execute()
    Complaint.update(number="A20261126-7").where(Complaint.id == other_form.id).execute()
    for text in ("20261126", "20261126-", "20261126-2", "20261126-001", "2026112", "1126-7"):
        expected = scan(text)
        rows = registry.fetch(registry.Filters(text=text), limit=100)
        assert {r["number"] for r in rows} == expected, text
        assert registry.count_capped(registry.Filters(text=text)) == (len(expected), True), text
    assert scan("20261126") == {
        Complaint.get_by_id(plain.id).number,
        "20261126-20261126",
        "A20261126-7",
    }


# numbers that begin as the registry's do (a day, a hyphen) and go on otherwise (an import's)
SPANNING_NUMBERS = ("20261126-A7", "20261126-b12", "20261126-7X", "20261126-5_1", "20261126-5%1")
SPANNING_QUERIES = [
    # words that begin in the day and end among the letters, case aside
    "26-A",
    "26-a",
    "1126-a7",
    "20261126-A",
    "20261126-a7",
    "6-b",
    "6-B12",
    "126-7x",
    "6-7X",
    # characters special to LIKE after the day
    "26-5_",
    "6-5_1",
    "6-5%",
    "26-5%1",
    # and what none of them holds
    "26-AZ",
    "25-A",
    "6-_",
]


def test_words_spanning_the_day_and_the_letters_of_a_number_are_found(db_url, agent, monkeypatch):
    """A word that begins in a number's day and goes on past its hyphen into letters (or other
    characters than digits) finds the numbers holding it, case aside, in every way of reading."""
    for number in SPANNING_NUMBERS:
        complaint = register(agent, complainant="甲", contact="13800000001", content="一")
        Complaint.update(number=number, sort_key=number).where(
            Complaint.id == complaint.id
        ).execute()
    register(agent, complainant="乙", contact="13800000002", content="二")
    assert scan("26-a") == {"20261126-A7"} and scan("6-5_") == {"20261126-5_1"}
    assert scan("6-_") == set()
    for cap, (few, probe) in [(None, way) for way in WAYS] + [(1, WAYS[0])]:
        monkeypatch.setattr(registry, "FEW", few)
        monkeypatch.setattr(registry, "PROBE_CAP", probe)
        if cap is not None:
            monkeypatch.setattr(registry, "COUNT_CAP", cap)
        limit = registry.COUNT_CAP
        for text in SPANNING_QUERIES:
            expected = scan(text)
            filters = registry.Filters(text=text)
            rows = registry.fetch(filters, limit=100)
            assert [r["number"] for r in rows] == [
                c.number
                for c in Complaint.select().order_by(Complaint.sort_key.desc())
                if c.number in expected
            ], (text, few, probe, cap)
            assert registry.count_capped(filters) == (
                (limit, False) if len(expected) > limit else (len(expected), True)
            ), (text, few, probe, cap)
            page = registry.first_page(filters, limit=1)
            assert (page.total, page.exact) == registry.count_capped(filters), text
            assert [r["number"] for r in page.rows] == [r["number"] for r in rows[:1]], text


def _plan(filters: registry.Filters) -> str:
    from models import database

    page = Complaint.select(Complaint.id).where(*registry.where_clauses(filters)).limit(200)
    sql, params = page.sql()
    database.execute_sql("SET LOCAL enable_seqscan = off")
    rows = database.execute_sql("EXPLAIN " + sql, params).fetchall()
    return "\n".join(r[0] for r in rows)


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_postgres_answers_every_kind_of_search_from_an_index(complaints, db_url):
    """The planner can match each search's conditions to the indexes built for them (on this
    small table it would read the rows instead, so reading them is made expensive here)."""
    from models import database

    with database.atomic():
        number = Complaint.select(Complaint.number).scalar()
        assert "complaint_number_pattern" in _plan(registry.Filters(text=number))
        assert "complaint_number_pattern" in _plan(registry.Filters(text=number[:10]))
        for text in ("屏", "花屏", "a", "%"):
            assert "complaint_search_letters" in _plan(registry.Filters(text=text)), text
        plan = _plan(registry.Filters(text="投影仪花屏"))
        # (no number of the registry's form holds it: only the others' small index is read)
        assert "complaint_trgm_content" in plan and "complaint_number_odd" in plan
        assert "complaint_trgm_number" in _plan(registry.Filters(text="0013"))
        assert "Seq Scan" not in plan
        assert "complaint_trgm_contact" in _plan(registry.Filters(text="8000"))
        for text in ("02155667788", "(021) 5566-7788", "+86 21 5566 7788"):
            assert search_index.CONTACT_DIGITS_INDEX in _plan(registry.Filters(text=text)), text


@pytest.mark.parametrize("fresh_url", ["postgres"], indirect=True)
def test_without_pg_trgm_init_says_so_and_searches_still_find_every_row(
    fresh_url, monkeypatch, capsys, tmp_path
):
    from app import cli
    from models.db import close_database

    # a server where the extension cannot be created (an old one, or a role without the right)
    monkeypatch.setattr(search_index, "_create_trigram_extension", lambda: False)
    password = tmp_path / "password"
    password.write_text("secret-1234", encoding="utf-8")
    assert cli.main(["init", "--db", fresh_url, "--password-file", str(password)]) == 0
    err = capsys.readouterr().err
    assert "pg_trgm" in err
    close_database()
    from models.db import open_database

    open_database(fresh_url)
    assert search_index.available() and search_index.trigrams_missing()
    from tests.conftest import make_user

    agent = make_user("agent1", "agent", "K001", "李客服")
    register(agent, complainant="王芳", contact="13800138000", content="投影仪花屏 ABC")
    register(agent, complainant="李", contact="021-5566 7788", content="白板")
    for text in ("投影仪", "花屏", "屏", "ABC", "8000", "138-0013-8000", "白板"):
        expected = scan(text)
        rows = registry.fetch(registry.Filters(text=text), limit=100)
        assert {r["number"] for r in rows} == expected, text
    assert scan("投影仪") and scan("8000")


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_postgres_plans_every_search_for_its_own_words(complaints, db_url):
    """No statement is prepared once for any value: a prepared search's LIKE pattern could no
    longer choose its index (the server plans a statement run often for any value)."""
    from models import database

    for _ in range(12):
        for text in ("屏", "花屏", "20261126-00", "王芳"):
            registry.find(text)
    prepared = database.execute_sql("SELECT count(*) FROM pg_prepared_statements").fetchone()[0]
    assert prepared == 0


def test_a_months_list_holds_a_complaint_numbered_in_another_month(db_url, agent, time_machine):
    """A month whose complaints all carry its own numbers is a range of the number order (on
    PostgreSQL); a complaint received in the month with a number of another month is still
    listed, in its place, and is no longer in the month it was numbered in."""
    import datetime as dt

    for day in (dt.datetime(2026, 10, 30, 9), dt.datetime(2026, 11, 2, 9)):
        time_machine.move_to(day, tick=True)
        for i in range(4):
            register(agent, complainant="王芳", contact=f"1380013{i:04d}", content="投影仪")
    moved = Complaint.select().where(Complaint.number.startswith("20261102")).first()
    Complaint.update(received_at=dt.datetime(2026, 10, 31, 23, 0)).where(
        Complaint.id == moved.id
    ).execute()

    def listed(month: Month, descending: bool) -> list[str]:
        rows = registry.fetch(registry.Filters(month=month), descending=descending, limit=3)
        return [r["number"] for r in rows]

    for month in (Month(2026, 10), Month(2026, 11)):
        in_month = [
            c.number
            for c in Complaint.select().order_by(Complaint.sort_key)
            if month.start <= c.received_at < month.end
        ]
        assert listed(month, True) == in_month[::-1][:3], month
        assert listed(month, False) == in_month[:3], month
    assert moved.number in listed(Month(2026, 10), True)
    assert moved.number not in listed(Month(2026, 11), False)


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_a_bulk_insert_on_postgres_builds_the_text_indexes_again_at_its_end(complaints, db_url):
    import datetime as dt

    from models import database

    def indexes() -> set[str]:
        rows = database.execute_sql(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = 'complaint'"
        ).fetchall()
        return {r[0] for r in rows}

    before = indexes()
    assert {search_index.LETTERS_INDEX, "complaint_trgm_content"} <= before
    with database.atomic(), search_index.filled_after_insert():
        assert search_index.LETTERS_INDEX not in indexes()
        Complaint.insert_many(
            [
                {
                    "number": f"20261127-{i:03d}",
                    "sort_key": f"20261127{i:08d}",
                    "received_at": dt.datetime(2026, 11, 27, 9, 0),
                    "complainant": f"批量{i}",
                    "contact": f"1390013{i:04d}",
                    "channel": "phone",
                    "category": "quality",
                    "content": "批量导入的屏幕问题",
                }
                for i in range(1, 21)
            ]
        ).execute()
    assert indexes() == before
    for text in ("批", "批量", "屏幕问题", "13900130007", "20261127-01"):
        expected = scan(text)
        assert {r["number"] for r in registry.fetch(registry.Filters(text=text))} == expected
    assert len(scan("批量")) == 20
    # a failure inside leaves the indexes as they were
    with pytest.raises(RuntimeError), database.atomic(), search_index.filled_after_insert():
        raise RuntimeError("the insert failed")
    assert indexes() == before


def test_short_words_whose_letters_the_index_folds_otherwise_than_python_are_found(
    db_url, agent, manager
):
    """FTS5 folds final sigma to σ and keeps İ as it is, where Python's lower() keeps ς and makes
    İ two characters: a word of one or two such letters is still found (registry, customer
    archive, phrase library)."""
    from app import phrases
    from app.customers import customers, lookup
    from app.customers.customers import CustomerData

    register(agent, complainant="Λόγος", contact="13800000001", content="İstanbul 投诉")
    register(agent, complainant="李", contact="13800000002", content="σ 另一条")
    customers.create_customer(agent, CustomerData(name="Λόγος", organisation="İzmir"))
    phrases.create_phrase(manager, category="问候", title="ος", body="İ")
    for text in ("ς", "ος", "İ", "İs", "σ"):
        expected = scan(text)
        filters = registry.Filters(text=text)
        assert {r["number"] for r in registry.fetch(filters, limit=100)} == expected, text
        assert registry.count_capped(filters) == (len(expected), True), text
    assert {c.name for c in lookup.search("ς")} == {"Λόγος"}
    assert {c.name for c in lookup.search("İ")} == {"Λόγος"}
    assert {p.title for p in phrases.search("ος")} == {"ος"}
    assert {p.title for p in phrases.search("İ")} == {"ος"}


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_a_postgres_count_leaves_the_planner_settings_as_they_were(complaints, db_url):
    """The capped count of a search (and its first page with it) is read with the table scan
    discouraged; after it, inside and after an enclosing transaction, the setting is back to
    what it was."""
    from models import database

    def setting() -> str:
        return database.execute_sql("SHOW enable_seqscan").fetchone()[0]

    def first(text: str) -> tuple[int, bool, set[str]]:
        page = registry.first_page(registry.Filters(text=text))
        return page.total, page.exact, {r["number"] for r in page.rows}

    # words found through the fields' trigram indexes, outside and inside a transaction
    assert registry.count_capped(registry.Filters(text="投影仪")) == (len(scan("投影仪")), True)
    assert setting() == "on"
    assert first("投影仪") == (len(scan("投影仪")), True, scan("投影仪"))
    assert setting() == "on"
    with database.atomic():
        assert registry.count_capped(registry.Filters(text="白板x")) == (len(scan("白板x")), True)
        assert first("白板x") == (len(scan("白板x")), True, scan("白板x"))
        assert setting() == "on"
        database.execute_sql("SET LOCAL enable_seqscan = off")
        assert registry.count_capped(registry.Filters(text="white")) == (len(scan("white")), True)
        assert first("white") == (len(scan("white")), True, scan("white"))
        assert setting() == "off"
    assert setting() == "on"
    assert scan("投影仪") and scan("白板x") and scan("white")


def test_the_customer_archive_compares_other_alphabets_case_aside_as_the_registry_does(
    db_url, agent
):
    """Greek, Cyrillic or accented letters have a case too: the archive's search finds what
    the database's own case-blind comparison finds (ILIKE on PostgreSQL), as the registry does."""
    from app.customers import customers, lookup
    from app.customers.customers import CustomerData
    from models import Customer

    for name in ("Élan 学校", "Σοφία", "Мир", "élan"):
        customers.create_customer(agent, CustomerData(name=name))
    for text, found in (("é", 2), ("É", 2), ("σοφ", 1), ("ΣΟΦ", 1), ("мир", 1), ("学校", 1)):
        expected = {c.name for c in Customer.select().where(Customer.name.contains(text))}
        if db_url.startswith("postgres"):  # (SQLite's LIKE folds the case of ASCII letters only)
            assert len(expected) == found, text
        assert {c.name for c in lookup.search(text, limit=100)} == expected, text


def test_the_lists_rows_read_every_value_as_the_model_reads_it(db_url, agent, manager):
    """The list's rows (read without peewee's conversion on SQLite) hold what the model reads:
    times, an old short year, no promised time, the voided mark, the handler."""
    from models import database
    from models.db import is_sqlite

    first = register(agent, complainant="王芳", contact="13800138000", content="投影仪花屏")
    second = register(agent, complainant="李", contact="13900139000", content="投影仪白板")
    third = register(agent, complainant="赵", contact="13700137000", content="投影仪黑屏")
    service.void_complaint(manager, third.id, "重复登记", third.version)
    Complaint.update(promised_at=None).where(Complaint.id == second.id).execute()
    if is_sqlite():  # as an older version wrote the year 206
        database.execute_sql(
            "UPDATE complaint SET received_at = ?, promised_at = ? WHERE id = ?",
            ("206-11-25 10:00:00", "0206-11-26 10:00:00.250000", first.id),
        )
    query = (
        Complaint.select(*registry.ROW_FIELDS, User.name.alias("handler_name"))
        .join(User, peewee.JOIN.LEFT_OUTER, on=(Complaint.handler == User.id))
        .dicts()
    )
    expected = {row["id"]: row for row in query}
    for filters in (registry.Filters(), registry.Filters(text="投影仪")):
        rows = registry.fetch(filters, limit=10)
        assert len(rows) == 3
        for row in rows:
            assert {k: row[k] for k in expected[row["id"]]} == expected[row["id"]]
            assert {k: type(row[k]) for k in expected[row["id"]]} == {
                k: type(v) for k, v in expected[row["id"]].items()
            }
            assert row["month"] == Month.of(row["received_at"])
        page = registry.first_page(filters, limit=10)
        assert page.rows == rows
    assert any(row["voided"] for row in rows) and not all(row["voided"] for row in rows)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_search_on_a_new_connection_sees_what_another_desk_wrote_meanwhile(
    db_url, agent, monkeypatch
):
    """What a search's probe read from the indexes (the ids themselves) is used again only on the
    same connection while nothing was written. A worker's new connection may have the address
    and the change marks a closed one had: it asks the indexes again."""
    import sqlite3

    from models import database

    monkeypatch.setattr(registry, "id", lambda _connection: 1, raising=False)  # one address
    register(agent, complainant="甲", contact="13800000001", content="独一无二的说明")
    database.close()
    database.connect()  # (a new connection that has written nothing)
    assert registry.first_page(registry.Filters(text="独一无二")).total == 1
    database.close()
    # another desk registers a complaint holding the word (its triggers index it)
    other = sqlite3.connect(database.obj.database)
    cursor = other.execute("SELECT * FROM complaint LIMIT 1")
    values = dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
    del values["id"]
    values.update(number="20261201-999", sort_key="2026120100000999", content="另一个独一无二")
    other.execute(
        f"INSERT INTO complaint ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
        list(values.values()),
    )
    other.commit()
    other.close()
    database.connect()
    page = registry.first_page(registry.Filters(text="独一无二"))
    assert (page.total, {r["number"] for r in page.rows}) == (2, scan("独一无二"))


def stored_with_contacts(contacts: list[str]) -> None:
    """Complaints of 2026-11-01 written straight into the table, one per contact (as an older
    version of the program left them, before a migration)."""
    import datetime as dt

    Complaint.insert_many(
        [
            {
                "number": f"20261101-{i:03d}",
                "sort_key": f"20261101-{i:06d}",
                "received_at": dt.datetime(2026, 11, 1, 9, 0),
                "complainant": f"客户{i}",
                "contact": contact,
                "channel": "phone",
                "category": "quality",
                "content": "投影仪花屏",
            }
            for i, contact in enumerate(contacts, 1)
        ]
    ).execute()


def in_list_order(numbers: set[str], descending: bool) -> list[str]:
    """The complaints numbered ``numbers`` in the list's number order."""
    order = Complaint.sort_key.desc() if descending else Complaint.sort_key
    return [c.number for c in Complaint.select().order_by(order) if c.number in numbers]
