"""Browsing the registry: one month (or all), filters, search and sorting, read a page at a time.

Open work never hides behind a month: the registry's first view is the current month together
with every complaint of earlier months that is still being handled (:func:`current_view`), and
the overdue filter and a search look through every month whatever month is chosen (the rows say
which month's sheet each one is on).

Month filters use the index on ``received_at``, number order the index on ``sort_key``, so a list
over 100,000 complaints reads only the rows it shows.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import peewee

from app.clock import Month, months_between, now
from app.complaints import labels
from app.complaints.service import overdue_condition, unreachable_callback_condition
from app.contacts import phone_digits
from models import Complaint, User, database, search_index, text_index
from models.db import is_sqlite

SORTABLE = {
    "number": Complaint.sort_key,
    "month": Complaint.sort_key,
    "received_at": Complaint.received_at,
    "complainant": Complaint.complainant,
    "contact": Complaint.contact,
    "channel": Complaint.channel,
    "category": Complaint.category,
    "severity": Complaint.severity,
    "status": Complaint.status,
    "handler": Complaint.handler,
    "promised_at": Complaint.promised_at,
    "satisfaction": Complaint.satisfaction,
}


_T = TypeVar("_T")

UNRESOLVED = "unresolved"  # a status filter: open, in progress or reopened


@dataclass
class Filters:
    month: Month | None = None  # None: every month
    # with ``month``: also the complaints of earlier months still being handled (open work)
    open_before: bool = False
    status: str = ""  # a status code, "" for all
    category: str = ""
    channel: str = ""
    severity: str = ""
    handler_id: int | None = None
    overdue: bool = False
    text: str = ""
    customer_id: int | None = None
    callback_unreachable: bool = False  # the manager's list: callback ended unreachable
    # with ``month``: a search (or the overdue list) only in that month, not every month
    month_only: bool = False


def current_view() -> Filters:
    """The registry's first view: this month and every earlier complaint still being handled."""
    return Filters(month=Month.current(), open_before=True)


def spans_every_month(filters: Filters) -> bool:
    """The overdue filter, the unreachable-callback list and a search look through every month,
    whatever month is chosen."""
    return filters.overdue or filters.callback_unreachable or bool(filters.text.split())


# A search matching more rows than this is counted as "more than" (the first page still comes
# at once, read in number order); fewer are counted exactly.
COUNT_CAP = 10_000


def search_words(text: str) -> list[str]:
    return text.split()


def search_condition(text: str) -> peewee.Expression | None:
    """Number, name, contact, order number or words in the content (Chinese too): every word is
    a substring of one of them (case aside), or is a phone's digits in any format
    (:func:`app.contacts.phone_digits`: ``(021) 5566-7788``, ``+8613800138000``) that the
    digits of a contact that is a phone hold (``021-55667788`` holds ``02155667788``); or the
    whole text of several words is such a phone (``+86 138 0013 8000``). This is the plain
    scan; :func:`index_condition` narrows the rows it looks at."""
    words = search_words(text)
    if not words:
        return None
    condition: peewee.Expression | None = None
    for word in words:
        part = _word_condition(word)
        condition = part if condition is None else condition & part
    if whole := _whole_phone(words):
        assert condition is not None
        condition = condition | _in_contact_digits(whole)
    return condition


def _word_condition(word: str, number: peewee.Expression | None = None) -> peewee.Expression:
    """The scan's test of one word: in one of the fields, or a phone's digits in the contact's
    (``number``: the number's part written otherwise, the same rows)."""
    part = (
        (_contains(Complaint.number, word) if number is None else number)
        | _contains(Complaint.complainant, word)
        | _contains(Complaint.order_no, word)
        | _contains(Complaint.content, word)
        | _contains(Complaint.contact, word.lower())
    )
    if digits := _phone_digits(word):
        # (where the digits are the word, the contact holding them is asked already)
        part = part | _in_contact_digits(digits, besides_contact=digits == word.lower())
    return part


def _whole_phone(words: list[str]) -> str:
    """The digits of a phone typed as several words (``176 2191 6060``), else ""."""
    return phone_digits("".join(words)) if len(words) > 1 else ""


def contact_digits() -> peewee.Node:
    """The digits of a contact that is a phone, else '' (the same expression as the index's on
    PostgreSQL, so that the planner matches them)."""
    contact = Complaint.contact
    if is_sqlite():
        digits: peewee.Node = peewee.fn.COALESCE(contact, peewee.SQL("''"))
        for ch in " -.()+":
            digits = peewee.fn.REPLACE(digits, peewee.SQL(f"'{ch}'"), peewee.SQL("''"))
        glob = peewee.NodeList(
            (peewee.fn.COALESCE(contact, peewee.SQL("''")), peewee.SQL("GLOB '*[^0-9+() .-]*'"))
        )
        return peewee.Case(None, [(glob, peewee.SQL("''"))], digits)
    return peewee.NodeList(
        (
            peewee.SQL("(CASE WHEN"),
            contact,
            peewee.SQL("~ '^[0-9+() .-]*$' THEN regexp_replace("),
            contact,
            peewee.SQL(", '[^0-9]', '', 'g') ELSE '' END)"),
        )
    )


def _in_contact_digits(digits: str, *, besides_contact: bool = False) -> peewee.Expression:
    """The contact's digits hold these; ``besides_contact``: beside a test of the contact
    holding them (which a contact of bare digits holding them passes already)."""
    if is_sqlite():  # (digits: see _contains)
        return peewee.fn.instr(contact_digits(), digits) > 0
    # PostgreSQL: a contact of bare digits is its digits, found by the contact's own trigram
    # index; the others' digits by the index of the digits, which holds only them
    bare, separated = _pg_bare_and_separated()
    others = separated & peewee.Expression(contact_digits(), peewee.OP.LIKE, f"%{digits}%")
    if besides_contact:
        return others
    return (bare & peewee.Expression(Complaint.contact, peewee.OP.LIKE, f"%{digits}%")) | others


def _pg_bare_and_separated() -> tuple[peewee.Node, peewee.Node]:
    """PostgreSQL: a contact of bare digits (a mobile's), and one whose digits differ from it
    (the partial index's condition, written as the index writes it)."""
    bare = peewee.NodeList((Complaint.contact, peewee.SQL("~ '^[0-9]*$'")))
    separated = peewee.NodeList(
        (Complaint.contact, peewee.SQL(search_index.PG_SEPARATED.removeprefix("contact ")))
    )
    return bare, separated


def _contains(field: peewee.Field, word: str) -> peewee.Expression:
    """The field holds the word, case aside (``ILIKE``). On PostgreSQL a word with no letter
    that has a case (Chinese, digits, punctuation) is compared with ``LIKE``: the same rows, at a
    fraction of the cost per row, and each field's trigram index serves both. On SQLite such a
    word is looked for with ``instr``: the same rows (there is no case to fold, and it has no
    wildcards to escape), without LIKE's matching of a pattern character by character."""
    if is_sqlite() and _caseless(word):
        return peewee.fn.instr(field, word) > 0
    found = field.contains(word)
    if not is_sqlite() and _caseless(word):
        return peewee.Expression(found.lhs, peewee.OP.LIKE, found.rhs)
    return found


def _caseless(word: str) -> bool:
    return all(ch.lower() == ch == ch.upper() for ch in word)


def _phone_digits(word: str) -> str:
    """The digits of a phone a word may be, looked for in the contacts' digits; "" where that
    finds nothing more (a single digit is in a contact's digits exactly when in the contact)."""
    digits = phone_digits(word)
    return "" if len(word) == 1 and digits == word else digits


def index_condition(text: str) -> peewee.Expression | None:
    """The rows the database's text index says may match (every row that does, and a few more),
    or None where the index cannot help (then the search scans)."""
    words = search_words(text)
    if not words or not search_index.available():
        return None
    if is_sqlite():
        return Complaint.id.in_(_sqlite_named(_sqlite_driver(words)))
    return _pg_search(words)


def _pg_search(words: list[str]) -> peewee.Expression:
    """PostgreSQL: the search as conditions its indexes answer, naming exactly the rows
    :func:`search_condition` names: a word one index answers whole (a number or its
    beginning, a single character) is that index's condition; any other word is the
    scan's test of it, with what narrows it to the rows an index names where the fields'
    trigram indexes cannot answer the test itself."""
    condition: peewee.Expression | None = None
    for word in words:
        part = _pg_word(word)
        condition = part if condition is None else condition & part
    assert condition is not None
    if whole := _whole_phone(words):  # or the whole text is a phone's digits
        digits = _in_contact_digits(whole)
        condition = condition | (digits if _trigram_run(whole) else digits & _pg_letters(whole))
    return condition


def _pg_word(word: str) -> peewee.Expression:
    if (whole := _pg_whole(word)) is not None:
        return whole
    number = None
    if not IN_A_NUMBER.fullmatch(word):
        # no number of the registry's form holds it (two hyphens, a letter, a bracket): only the
        # others are looked through, a small partial index (a phone typed with its separators
        # had pg_trgm read the trigram of every number's sequence beginning with its digits)
        odd = peewee.NodeList(
            (Complaint.number, peewee.SQL(f"!~ {search_index.PG_STANDARD_NUMBER}"))
        )
        number = odd & _contains(Complaint.number, word)
    part = _word_condition(word, number)
    narrowed = _word_index_condition(word)
    return part if narrowed is None else part & narrowed


# what a number of the registry's form (YYYYMMDD-N, up to seven digits of sequence) can hold
IN_A_NUMBER = re.compile(r"[0-9]{1,8}|[0-9]{0,8}-[0-9]{0,7}")


def _pg_whole(word: str) -> peewee.Expression | None:
    """PostgreSQL: the scan's test of a word as one index's condition, where an index answers
    it whole: a number or its beginning, a single character."""
    if NUMBER_START.fullmatch(word):
        return _pg_number_start(word)
    if len(word) == 1 and (word.isascii() or _caseless(word)) and not _phone_digits(word):
        # a field holds such a character, case aside, exactly when the lower-case text holds its
        # lower case (ILIKE compares the same way): the rows are the scan's, and counting them
        # reads the index of the text's characters, not the rows
        return _pg_letters(word)
    return None


def _pg_trigrams_only(word: str) -> bool:
    """PostgreSQL: whether only the fields' trigram indexes find the word (it may then be held
    by many rows)."""
    return _pg_whole(word) is None and _word_index_condition(word) is None


def _pg_contact_digits(digits: str) -> peewee.Expression:
    """PostgreSQL: the contacts' digits holding these, from their trigram index (three digits or
    more), else the rows holding each of the digits (the characters' index)."""
    return _in_contact_digits(digits) if _trigram_run(digits) else _pg_letters(digits)


def _word_index_condition(word: str) -> peewee.Expression | None:
    """PostgreSQL: what narrows the scan's test of one word (not a number's beginning) to the
    rows an index names, or None where the test itself is answered from the fields' trigram
    indexes."""
    alternatives = [word]
    if word.lower() != word:  # the contact is searched for the word in lower case
        alternatives.append(word.lower())
    digits = _phone_digits(word)
    if all(_trigram_run(w) for w in [*alternatives, digits] if w):
        return None
    out: peewee.Expression | None = None
    for w in alternatives:
        part = _pg_letters(w)
        out = part if out is None else out | part
    if digits:  # a phone's digits are looked for in the contacts' digits only
        out = _pg_contact_digits(digits) if out is None else out | _pg_contact_digits(digits)
    return out


# a complaint number or its beginning: the day, then a hyphen and the start of the sequence
NUMBER_START = re.compile(r"[0-9]{8}(-[0-9]*)?")


def _pg_number_start(word: str) -> peewee.Expression:
    """PostgreSQL: the scan's test of a number or its beginning, exactly, each field from an
    index. In a number the registry gave out (``YYYYMMDD-N``, up to seven digits of sequence)
    such a word can only stand at the start, so it is a range of the number's btree index; any
    other number is looked through in full (a small partial index); the complainant, order
    number and content through their trigram indexes. A contact holding the word, or whose
    digits hold its digits, holds its day: pg_trgm finds the contacts holding the day's digits,
    asked for them as two runs of four (``%2026%0617%``: two trigrams of each, where the eight
    in a row are six, as few phones hold both), and whether they hold the word is checked on
    the rows named (``strpos``, which no index answers). Asked for the whole word, pg_trgm
    would read the trigram of every word beginning with the digit after the hyphen (``-1``:
    every mobile phone), and for all its digits a list per trigram, several times the work.
    A day alone is looked up among the order numbers by its last five digits: an order number
    carries its date, so the year's trigrams are in every one (``%20260617%`` took 5 ms,
    ``%60617%`` 0.4 ms, naming a few more to check)."""
    day = f"%{word[:4]}%{word[4:8]}%"

    def holds(value: peewee.Node, rest: str, found: str = day) -> peewee.Expression:
        return peewee.Expression(value, peewee.OP.LIKE, found) & (peewee.fn.strpos(value, rest) > 0)

    # a contact holding the word, or of bare digits holding its digits (its own index), or whose
    # digits differ from it and hold them (the index of those contacts' digits)
    digits = _phone_digits(word)  # (the word without its hyphen)
    bare, separated = _pg_bare_and_separated()
    contact = peewee.Expression(Complaint.contact, peewee.OP.LIKE, day) & (
        (peewee.fn.strpos(Complaint.contact, word) > 0)
        | (bare & (peewee.fn.strpos(Complaint.contact, digits) > 0))
    )

    order = _contains(Complaint.order_no, word)
    if len(word) == 8:
        order = holds(Complaint.order_no, word, f"%{word[3:]}%")

    odd = peewee.NodeList((Complaint.number, peewee.SQL(f"!~ {search_index.PG_STANDARD_NUMBER}")))
    return (
        peewee.Expression(Complaint.number, peewee.OP.LIKE, word + "%")
        | (odd & _contains(Complaint.number, word))
        | _contains(Complaint.complainant, word)
        | order
        | _contains(Complaint.content, word)
        | contact
        | (separated & holds(contact_digits(), digits))
    )


def _trigram_run(word: str) -> bool:
    """Whether pg_trgm can find the word: three letters or digits in a row."""
    run = 0
    for ch in word:
        run = run + 1 if ch.isalnum() else 0
        if run >= 3:
            return True
    return False


def _sqlite_source(word: str) -> tuple[str, list[Any]]:
    """A query of the ids the FTS5 index names for one word (an id may come more than once)."""
    return text_index.sqlite_ids(search_index.TABLE, word, _sqlite_alternatives(word))


def _sqlite_alternatives(word: str) -> tuple[str, ...]:
    """What else the index is asked for a word: a phone's digits (the index holds a contact's
    digits where they differ from the contact)."""
    digits = _phone_digits(word)
    return (digits,) if digits and digits != word else ()


_DIGITS = frozenset("0123456789")
_NUMBER_CHARACTERS = frozenset("0123456789-")
NUMBER_SORT = "complaint_number_sort"  # SQLite: the index on (number, sort_key)


def _number_ids(word: str) -> tuple[str, list[Any]] | None:
    """The ids of the numbers of the registry's form (``YYYYMMDD-…``) that hold ``word`` where it
    begins in their day (:func:`_number_parts`), None when it cannot begin there. The text index
    holds a number from its ``-`` on, so together they name every number holding the word."""
    parts = _number_parts(word)
    if parts is None:
        return None
    days, day_params, numbers, number_params = parts
    return (
        f"SELECT c.id AS id FROM {search_index.DAYS} AS d CROSS JOIN complaint AS c "
        f"WHERE {days} AND {numbers}",
        [*day_params, *number_params],
    )


def _number_parts(word: str) -> tuple[str, list[Any], str, list[Any]] | None:
    """Where ``word`` begins in the day of numbers of the registry's form: a condition on the
    days in ``complaint_search_day`` (``d.day``) and one on a number of such a day
    (``c.number``, a range of the number's index: ``20261130-`` for ``1130``, ``20261130-29``
    for ``30-29``), each with its parameters; None when it cannot begin there. Past the hyphen
    a number may go on with letters (an import's ``20261130-A7``): the range then ends before
    the first character that is not a digit or a hyphen, and the rest is compared as the
    search compares it (``LIKE``, case aside)."""
    hyphen = word.find("-")
    day_part = word if hyphen < 0 else word[:hyphen]
    if not day_part or not set(day_part) <= _DIGITS:
        return None
    if hyphen < 0:  # inside the day: every number of a day holding it
        if len(word) > 8:
            return None
        return "instr(d.day, ?) > 0", [word], _WHOLE_DAY, []
    if hyphen > 8:  # (a "-…" begins after the day: the text index holds it)
        return None
    # the day ends with what comes before the "-", the number goes on with the rest: a range
    # of the digits and hyphens it begins with, then the rest as the search compares it
    rest = word[hyphen:]
    ranged = rest[: next((i for i, ch in enumerate(rest) if ch not in _NUMBER_CHARACTERS), None)]
    numbers = "c.number >= d.day || ? AND c.number < d.day || ?"
    params: list[Any] = [ranged, ranged[:-1] + chr(ord(ranged[-1]) + 1)]
    if ranged != rest:
        escaped = rest.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        numbers += " AND c.number LIKE d.day || ? ESCAPE '\\'"
        params.append(escaped + "%")
    return "substr(d.day, ?) = ?", [9 - hyphen, word[:hyphen]], numbers, params


_WHOLE_DAY = "c.number >= d.day || '-' AND c.number < d.day || '.'"


def _newest_numbers(word: str, descending: bool, take: int) -> list[tuple[str, int]]:
    """The ``take`` newest (or oldest) numbers of the registry's form holding ``word`` where it
    begins in their day, as (sort key, id), in that order: day by day from the newest, each
    day's from the index on (number, sort_key) alone, until there are enough. The sort key of
    such a number begins with its day, so the days' order is theirs."""
    parts = _number_parts(word)
    assert parts is not None
    days, day_params, numbers, number_params = parts
    direction = "DESC" if descending else "ASC"
    found: list[tuple[str, int]] = []
    for (day,) in database.execute_sql(
        f"SELECT d.day FROM {search_index.DAYS} AS d WHERE {days} ORDER BY d.day {direction}",
        day_params,
    ).fetchall():
        found += database.execute_sql(
            f"SELECT c.sort_key, c.id FROM (SELECT ? AS day) AS d "
            f"CROSS JOIN complaint AS c INDEXED BY {NUMBER_SORT} WHERE {numbers} "
            f"ORDER BY c.sort_key {direction} LIMIT {take - len(found)}",
            [day, *number_params],
        ).fetchall()
        if len(found) >= take:
            break
    return found


@dataclass
class _Source:
    """The ids the indexes name for a word (an id may come more than once): every row holding the
    word, and with ``exact`` no other."""

    sql: str
    params: list[Any]
    exact: bool
    # how many ids it names, counted up to PROBE_CAP + 1; None: not yet (:attr:`named` counts
    # them when first asked: the first page of a word held by very many rows may not need it)
    counted: int | None
    numbers: str = ""  # the part from the number's index alone (exact), if any
    number_params: tuple[Any, ...] = ()
    text: str = ""  # the part from the text index alone
    text_params: tuple[Any, ...] = ()
    word: str = ""
    # the ids named (each once), where they are at most IDS_CAP: read by the probe itself, so
    # that the rows can be read without asking the indexes again
    ids: tuple[int, ...] | None = None
    # how many numbers hold the word (``numbers``), counted up to PROBE_CAP + 1 (a number comes
    # once), and with ``ids`` their sort keys and ids, read from the index on (number, sort_key)
    number_named: int | None = None
    number_keys: tuple[tuple[str, int], ...] | None = None

    @property
    def named(self) -> int:
        if self.counted is None:
            self.counted = _count(self.sql, self.params, PROBE_CAP)
        return self.counted


# how far the indexes' ids are counted to choose how to read a search's rows
PROBE_CAP = 60_000
# up to how many ids the probe reads the ids themselves (then counts, where there are more)
IDS_CAP = 5_000
# a search naming at most this many rows reads them all and sorts them; more, and it walks the
# registry in number order looking each up among them (or, past PROBE_CAP, checks each row)
FEW = 5_000


def _sqlite_word(word: str) -> _Source:
    text, text_params = _sqlite_source(word)
    sql, params = text, text_params
    numbers, number_params = "", []
    if found := _number_ids(word):
        numbers, number_params = found
        sql = f"{numbers} UNION ALL SELECT id FROM ({text})"
        params = [*number_params, *text_params]
    number_named = None
    number_keys = None
    named: int | None = None  # (counted when first asked)
    if numbers:  # the numbers counted apart (a number comes once), then the text's
        number_named = _count(numbers, number_params, PROBE_CAP)
        text_ids = _named_ids(text, text_params) if number_named <= IDS_CAP else None
        ids = None
        if text_ids is not None:  # and where they are few, with their sort keys
            keyed = _numbers_keyed(word)
            ids = tuple(sorted({row_id for _key, row_id in keyed}.union(text_ids)))
            if len(ids) <= IDS_CAP:
                named, number_keys = len(ids), tuple(keyed)
            else:
                ids = None
        if ids is None:
            named = number_named
            if number_named <= PROBE_CAP:
                more = len(text_ids) if text_ids is not None else None
                named += more if more is not None else _count(text, text_params, PROBE_CAP - named)
    else:
        ids = _named_ids(sql, params)
        if ids is not None:
            named = len(ids)
    # (the terms of a phone's digits the index holds name exactly the rows whose contact's
    # digits hold a word of one or two digits)
    exact = _terms_are_exact(word) and not _sqlite_alternatives(word)
    return _Source(
        sql,
        params,
        exact,
        named,
        numbers,
        tuple(number_params),
        text,
        tuple(text_params),
        word,
        ids,
        number_named,
        number_keys,
    )


def _numbers_keyed(word: str) -> list[tuple[str, int]]:
    """(sort key, id) of the numbers of the registry's form holding ``word`` where it begins in
    their day, from the index on (number, sort_key) alone."""
    parts = _number_parts(word)
    assert parts is not None
    days, day_params, numbers, number_params = parts
    return database.execute_sql(
        f"SELECT c.sort_key, c.id FROM {search_index.DAYS} AS d "
        f"CROSS JOIN complaint AS c INDEXED BY {NUMBER_SORT} WHERE {days} AND {numbers}",
        [*day_params, *number_params],
    ).fetchall()


def _count(sql: str, params: list[Any], cap: int) -> int:
    """How many rows a query gives, counted up to ``cap + 1``."""
    cursor = database.execute_sql(f"SELECT COUNT(*) FROM ({sql} LIMIT {cap + 1})", params)
    return int(cursor.fetchone()[0])


def _probe(sql: str, params: list[Any]) -> tuple[int, tuple[int, ...] | None]:
    """How many ids an index query names (counted up to PROBE_CAP + 1), and the ids themselves
    where they are at most IDS_CAP (a number, a name, a whole phone: read once, here)."""
    ids = _named_ids(sql, params)
    return (len(ids), ids) if ids is not None else (_count(sql, params, PROBE_CAP), None)


def _named_ids(sql: str, params: list[Any]) -> tuple[int, ...] | None:
    """The ids an index query names, each once, where they are at most IDS_CAP, else None."""
    rows = database.execute_sql(f"SELECT id FROM ({sql}) LIMIT {IDS_CAP + 1}", params).fetchall()
    return tuple(sorted({row[0] for row in rows})) if len(rows) <= IDS_CAP else None


def _sqlite_driver(words: list[str]) -> _Source:
    """The index query of the word that names the fewest rows (each probe stops early); the
    count and the page of one search ask once while nothing was written meanwhile."""
    conn = database.connection()
    changed = (conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0])
    key = (id(conn), tuple(words))
    known = _drivers.get(key)
    # (the connection itself, not only its address: a worker's new connection may be given the
    # address of a closed one, and change marks are counted per connection from the same start)
    if known is not None and known[0] is conn and known[1] == changed:
        return known[2]
    best: _Source | None = None
    for word in dict.fromkeys(words):
        source = _sqlite_word(word)
        if best is None or source.named < best.named:
            best = source
    assert best is not None
    if whole := _whole_phone(words):  # and the rows whose contact's digits hold the whole text
        sql, params = text_index.sqlite_ids(search_index.TABLE, whole)
        sql = f"{best.sql} UNION ALL SELECT id FROM ({sql})"
        params = [*best.params, *params]
        named, ids = _probe(sql, params)
        best = _Source(sql, params, False, named, ids=ids)
    if len(_drivers) >= 16:
        _drivers.clear()
    _drivers[key] = (conn, changed, best)
    return best


# the last searches' index queries, by connection and words, with the connection's change marks:
# one is used again only on that connection while nothing was written since (it may hold the
# ids themselves)
_drivers: dict[tuple[int, tuple[str, ...]], tuple[Any, tuple[int, int], _Source]] = {}


def forget_probes() -> None:
    """Probe the indexes again at the next search (a benchmark times every search whole)."""
    _drivers.clear()


def where_clauses(
    filters: Filters, at: dt.datetime | None = None, *, use_index: bool = True
) -> list[peewee.Expression]:
    clauses: list[peewee.Expression] = []
    if filters.month is not None and _within_month(filters):
        in_month = (Complaint.received_at >= filters.month.start) & (
            Complaint.received_at < filters.month.end
        )
        if filters.open_before:
            in_month |= (
                (Complaint.received_at < filters.month.start)
                & Complaint.status.in_(labels.OPEN_STATUSES)
                & (Complaint.voided == False)  # noqa: E712 - peewee expression
            )
        clauses.append(in_month)
    if filters.status == UNRESOLVED:
        clauses.append(Complaint.status.in_(labels.OPEN_STATUSES))
    elif filters.status:
        clauses.append(Complaint.status == filters.status)
    if filters.category:
        clauses.append(Complaint.category == filters.category)
    if filters.channel:
        clauses.append(Complaint.channel == filters.channel)
    if filters.severity:
        clauses.append(Complaint.severity == filters.severity)
    if filters.handler_id is not None:
        clauses.append(Complaint.handler == filters.handler_id)
    if filters.customer_id is not None:
        clauses.append(Complaint.customer == filters.customer_id)
    if filters.overdue:
        clauses.append(overdue_condition(at))
    if filters.callback_unreachable:
        clauses.append(unreachable_callback_condition())
    if (search := search_condition(filters.text)) is not None:
        if use_index and not is_sqlite() and search_index.available():
            clauses.append(_pg_search(search_words(filters.text)))
        else:
            clauses.append(search)
            if use_index and (narrowed := index_condition(filters.text)) is not None:
                clauses.append(narrowed)
    return clauses


def _pg_letters(word: str) -> peewee.Expression:
    """The text holds every character of the word, case aside (the characters' GIN index)."""
    return peewee.SQL(f"{search_index.PG_LETTERS} @> string_to_array(lower(%s), NULL)", [word])


def count(filters: Filters) -> int:
    """How many complaints the view holds (every one; see :func:`count_capped`)."""
    return sum(_counted(clauses).count() for clauses in _count_parts(filters))


def _count_parts(filters: Filters) -> list[list[peewee.Expression]]:
    """The conditions of the parts a view's count adds up: the first view's month's complaints
    and the open ones received before it are apart, so two counts each read one index
    (received_at; status, voided, received_at) where one count of either would read far more of
    both; any other view is one part."""
    if filters.month is not None and filters.open_before and _within_month(filters):
        others = where_clauses(replace(filters, month=None, open_before=False))
        month = filters.month
        return [
            [*others, (Complaint.received_at >= month.start) & (Complaint.received_at < month.end)],
            [
                *others,
                (Complaint.received_at < month.start)
                & Complaint.status.in_(labels.OPEN_STATUSES)
                & (Complaint.voided == False),  # noqa: E712 - peewee expression
            ],
        ]
    return [where_clauses(filters)]


def _counted(clauses: list[peewee.Expression]) -> peewee.ModelSelect:
    query = Complaint.select(Complaint.id)
    return query.where(*clauses) if clauses else query


def _pg_count(filters: Filters) -> peewee.Node:
    """PostgreSQL: the view's count as an expression to read beside its rows (each part's
    ``COUNT(*)``, from an index alone where one holds its conditions)."""
    parts = [
        Complaint.select(peewee.fn.COUNT(peewee.SQL("*"))).where(*clauses)
        if clauses
        else Complaint.select(peewee.fn.COUNT(peewee.SQL("*")))
        for clauses in _count_parts(filters)
    ]
    total: peewee.Node = parts[0]
    for part in parts[1:]:
        total = peewee.Expression(total, peewee.OP.ADD, part)  # (a query's + is UNION ALL)
    return total


def _within_month(filters: Filters) -> bool:
    """Whether the view is the chosen month's (with the open work of earlier months where
    ``open_before``), not every month's."""
    return filters.month is not None and (filters.month_only or not spans_every_month(filters))


def count_capped(filters: Filters, cap: int | None = None) -> tuple[int, bool]:
    """``(n, True)``: exactly n complaints in the view; ``(cap, False)``: more than ``cap``
    (default :data:`COUNT_CAP`) of them match a search (counting them all would read them all).
    A search stops counting at ``cap + 1``."""
    cap = COUNT_CAP if cap is None else cap
    words = search_words(filters.text)
    if not words:
        return count(filters), True
    clauses = where_clauses(filters, use_index=False)
    query = Complaint.select(Complaint.id).where(*clauses)
    if is_sqlite() and search_index.available():
        driver = _sqlite_driver(words)
        if len(words) == 1 and _only_text(filters):
            if driver.exact:  # the rows holding the word are exactly those the indexes name
                if driver.ids is not None:
                    return min(len(driver.ids), cap), len(driver.ids) <= cap
                n = _count_distinct(driver.sql, driver.params, cap)
                return min(n, cap), n <= cap
            if driver.number_keys is not None:  # the numbers, and the other rows named checked
                assert driver.ids is not None
                numbered = {row_id for _key, row_id in driver.number_keys}
                others = [row_id for row_id in driver.ids if row_id not in numbered]
                n = len(numbered)
                if others:
                    n += query.where(Complaint.id.in_(_literal_ids(others))).count()
                return min(n, cap), n <= cap
            if driver.numbers:  # the numbers holding it are matches, without a look at the rows
                numbers = list(driver.number_params)
                # (no more than the indexes name in all, which the probe counted)
                if driver.number_named is not None:
                    beyond = driver.number_named > cap
                else:
                    beyond = (
                        driver.named > cap and _count_distinct(driver.numbers, numbers, cap) > cap
                    )
                if beyond:
                    return cap, False
                # and the rows the text index names are checked
                sql, params = _checked(query, driver.text, list(driver.text_params))
                sql = f"{driver.numbers} UNION SELECT * FROM ({sql})"
                n = _count_distinct(sql, [*numbers, *params], cap)
                return min(n, cap), n <= cap
        if driver.ids is not None:  # (read by the probe: only those rows are checked)
            n = query.where(Complaint.id.in_(_literal_ids(driver.ids))).count()
            return min(n, cap), n <= cap
        # read the index's ids one by one, checking each row, until cap + 1 rows match
        sql, params = _checked(query, driver.sql, driver.params)
        n = _count_distinct(sql, params, cap)
    else:
        limited = Complaint.select(Complaint.id).where(*where_clauses(filters)).limit(cap + 1)
        # on PostgreSQL a word found only through the fields' trigram indexes (not a number's
        # beginning, not one or two characters) may be held by many rows
        plain = is_sqlite() or not any(_pg_trigrams_only(w) for w in words)
        n = int(limited.count() if plain else _pg_through_indexes(limited.count))
    return min(n, cap), n <= cap


def _pg_through_indexes(read: Callable[[], _T]) -> _T:
    """PostgreSQL: a search's capped count (and first page) read through the indexes. Expecting many matches,
    the planner would rather read the table from its start until 10,001 of them turn up (for
    电子白板, held by one complaint in eight, 77,000 rows checked field by field: 185 ms at 1 M on
    the loaded machine, where the trigram index names them and 3,600 table pages are read in
    80). Reading the table stays the way where no index serves the words."""
    local = database.in_transaction()  # else each statement is its own transaction
    before = database.execute_sql(
        "SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', %s)",
        (local,),
    ).fetchone()[0]
    try:
        return read()
    finally:
        database.execute_sql("SELECT set_config('enable_seqscan', %s, %s)", (before, local))


def _as_planned(read: Callable[[], _T]) -> _T:
    return read()


def _checked(query: peewee.ModelSelect, source: str, source_params: list[Any]) -> tuple[str, list]:
    """``query`` (of complaint ids) over the ids ``source`` names only, in their order."""
    sql, params = query.sql()
    table = 'FROM "complaint" AS "t1"'
    assert table in sql
    sql = sql.replace(
        table,
        f'FROM ({source}) AS "s" CROSS JOIN "complaint" AS "t1" ON "t1"."id" = "s"."id"',
        1,
    )
    return sql, [*source_params, *params]


def _count_distinct(sql: str, params: list[Any], cap: int) -> int:
    cursor = database.execute_sql(
        f"SELECT COUNT(*) FROM (SELECT DISTINCT id FROM ({sql}) LIMIT {cap + 1})", params
    )
    return int(cursor.fetchone()[0])


def _terms_are_exact(word: str) -> bool:
    """Whether the index's terms name exactly the rows holding a word of one or two characters:
    the index folds case as LIKE does for ASCII, and other characters here have no case."""
    return len(word) < 3 and all(ch.isascii() or ch.lower() == ch.upper() for ch in word)


def _only_text(filters: Filters) -> bool:
    """A search and nothing else (a search looks in every month unless ``month_only``)."""
    month = filters.month if filters.month_only else None
    return replace(filters, text="", open_before=False, month=month) == Filters()


def is_dense(filters: Filters, cap: int | None = None) -> bool:
    """Whether more than ``cap`` rows match a search: reading the registry in number order and
    checking each row then finds a page of matches sooner than reading every row the index
    names."""
    if not search_words(filters.text):
        return False
    return not count_capped(filters, cap)[1]


ROW_FIELDS = (
    Complaint.id,
    Complaint.number,
    Complaint.received_at,
    Complaint.complainant,
    Complaint.contact,
    Complaint.channel,
    Complaint.category,
    Complaint.severity,
    Complaint.status,
    Complaint.promised_at,
    Complaint.resolved_at,
    Complaint.satisfaction,
    Complaint.voided,
    Complaint.order_no,
    Complaint.handler,
)


def fetch(
    filters: Filters,
    *,
    order: str = "number",
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
    dense: bool | None = None,
    counted: peewee.Node | None = None,
) -> list[dict[str, Any]]:
    """One page of rows as dicts (with ``handler_name``, a content preview and ``overdue``).
    ``dense`` is what :func:`is_dense` said, if the caller asked already; ``counted``: a count
    read with the rows, as each row's ``found``."""
    column, ordering = _ordering(order, descending)
    at = now()
    # the page's ids first, read from indexes where they hold the ordering and the filters,
    # then only those rows (a month's list sorts 90,000 keys, not 90,000 rows)
    page = Complaint.select(Complaint.id).order_by(*ordering).offset(offset).limit(limit)
    hint = ""
    split: peewee.Node | None = None
    # (a search in one month reads that month's rows: SQLite chooses the way)
    in_number_order = column is Complaint.sort_key and not (filters.month and filters.month_only)
    if search_words(filters.text) and is_sqlite() and search_index.available():
        clauses = where_clauses(filters, at, use_index=False)
        words = search_words(filters.text)
        one_word = len(set(words)) == 1
        driver = _sqlite_driver(words)
        if driver.named <= PROBE_CAP:
            # (looked up before the row is read)
            clauses.insert(0, Complaint.id.in_(_sqlite_named(driver)))
            if driver.named <= FEW:  # read the rows named and sort them
                hint = "NOT INDEXED"
            elif in_number_order and driver.numbers and one_word and _only_text(filters):
                split = _numbers_and_text_page(driver, descending, offset, limit)
            elif in_number_order:  # walk the numbers, looking each up among the rows named
                hint = "INDEXED BY complaint_sort_key"
        elif in_number_order:  # matches are everywhere: check each row in number order
            hint = "INDEXED BY complaint_sort_key"
    else:
        if dense is None:
            dense = is_dense(filters)
        clauses = where_clauses(filters, at, use_index=not dense)
        if (
            (filters.overdue or filters.open_before)
            and column is Complaint.sort_key
            and is_sqlite()
        ):
            # about one complaint in ten is overdue or open: SQLite would otherwise read them
            # all through the status index and sort them, where reading in number order finds a
            # page at once
            hint = "INDEXED BY complaint_sort_key"
    if clauses:
        page = page.where(*clauses)
    ids: peewee.Node = page
    if split is not None:
        ids = split
    elif (
        is_sqlite()
        and filters.month is not None
        and column is Complaint.sort_key
        and replace(filters, month=None, month_only=False) == Filters()
    ):
        ids = _month_page(filters.month, descending, offset, limit)
    elif hint:
        sql, params = page.sql()
        table = 'FROM "complaint" AS "t1"'
        hinted = peewee.SQL(sql.replace(table, f"{table} {hint}", 1), params)
        ids = peewee.NodeList((hinted,), parens=True)
    if not dense and search_words(filters.text) and clauses and not is_sqlite():
        ids = _pg_sorted_matches(clauses, [column, Complaint.sort_key], descending, offset, limit)
    elif dense and column is Complaint.sort_key and not is_sqlite() and search_words(filters.text):
        ids = _pg_newest_matches(filters, at, descending, offset, limit)
        if any(_pg_trigrams_only(w) for w in search_words(filters.text)):
            query = _rows_query(ordering).where(Complaint.id.in_(ids))
            return _pg_through_indexes(lambda: _rows(query, at))
    if (
        not is_sqlite()
        and filters.month is not None
        and column is Complaint.sort_key
        and replace(filters, month=None, month_only=False) == Filters()
        and not _pg_numbered_elsewhere(filters.month)
    ):
        # every complaint of the month has a number of the month: the month's page is a range
        # of the number order (the planner would walk the newer months' numbers first, taking
        # the months for evenly spread)
        keys = f"{filters.month.year:04d}{filters.month.month:02d}"
        following = filters.month.next()
        ids = page.where(
            Complaint.sort_key >= keys,
            Complaint.sort_key < f"{following.year:04d}{following.month:02d}",
        )
    if counted is not None:
        query = _rows_query(ordering, counted.alias("found"))
        return _rows(query.where(Complaint.id.in_(ids)), at, "found")
    return _rows(_rows_query(ordering).where(Complaint.id.in_(ids)), at)


def _ordering(order: str, descending: bool) -> tuple[peewee.Field, list[peewee.Ordering]]:
    """The column a list is sorted by and its ordering (number order within equal values)."""
    column = SORTABLE.get(order, Complaint.sort_key)
    ordering = [column.desc() if descending else column.asc()]
    if column is not Complaint.sort_key:
        ordering.append(Complaint.sort_key.desc() if descending else Complaint.sort_key.asc())
    return column, ordering


def _rows_query(ordering: list[peewee.Ordering], *extra: peewee.Node) -> peewee.ModelSelect:
    """The list's columns of complaints (with ``handler_name`` and a content preview)."""
    preview = peewee.fn.SUBSTR(Complaint.content, 1, 120).alias("preview")
    return (
        Complaint.select(*ROW_FIELDS, preview, User.name.alias("handler_name"), *extra)
        .join(User, peewee.JOIN.LEFT_OUTER, on=(Complaint.handler == User.id))
        .order_by(*ordering)
    )


def _rows(query: peewee.ModelSelect, at: dt.datetime, *extra: str) -> list[dict[str, Any]]:
    """The rows as dicts, with their month and whether they are overdue or reported; ``extra``:
    the names of the columns :func:`_rows_query` was given besides the list's."""
    rows = _sqlite_dicts(query, extra) if is_sqlite() else _pg_dicts(query, extra)
    for row in rows:
        row["month"] = Month.of(row["received_at"])
        row["overdue"] = (
            not row["voided"]
            and row["status"] in labels.OPEN_STATUSES
            and row["promised_at"] is not None
            and row["promised_at"] < at
        )
        row["reported"] = (
            row["severity"] in labels.REPORTED_SEVERITIES
            and row["status"] in labels.OPEN_STATUSES
            and not row["voided"]
        )
    return rows


# the names of the columns of _rows_query, and those to be read as times
_ROW_NAMES = (*(field.name for field in ROW_FIELDS), "preview", "handler_name")
_TIMES = tuple(f.name for f in ROW_FIELDS if isinstance(f, peewee.DateTimeField))


def _sqlite_dicts(query: peewee.ModelSelect, extra: tuple[str, ...]) -> list[dict[str, Any]]:
    """SQLite: the rows of a :func:`_rows_query` as ``query.dicts()`` gives them, at a third of
    its cost (which converts every value of a 200-row page through its field, 2 ms): only the
    times are read from their text (as peewee reads them, an old short year too) and the
    voided mark made a bool."""
    sql, params = query.sql()
    names = (*_ROW_NAMES, *extra)
    rows = [dict(zip(names, values, strict=True)) for values in database.execute_sql(sql, params)]
    for row in rows:
        for name in _TIMES:
            if isinstance(value := row[name], str):
                row[name] = _time(name, value)
        if row["voided"] is not None:
            row["voided"] = bool(row["voided"])
    return rows


def _pg_dicts(query: peewee.ModelSelect, extra: tuple[str, ...]) -> list[dict[str, Any]]:
    """PostgreSQL: the rows of a :func:`_rows_query` as ``query.dicts()`` gives them: psycopg
    reads every value as the model does already (times, the voided mark, the handler's id), so
    they are taken as they come (peewee's conversion of each was 1-2 ms of a 200-row page)."""
    sql, params = query.sql()
    names = (*_ROW_NAMES, *extra)
    return [dict(zip(names, values, strict=True)) for values in database.execute_sql(sql, params)]


def _time(name: str, value: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:  # (a form peewee knows besides, a year written short)
        return getattr(Complaint, name).python_value(value)  # type: ignore[no-any-return]


def _numbers_and_text_page(
    driver: _Source, descending: bool, offset: int, limit: int
) -> peewee.Node:
    """A page of a one-word search whose numbers are many (``6060`` is every number of
    2026-06-01 to 06-09): the newest of its numbers (:func:`_newest_numbers`), and the newest of
    the other rows the text index names, checked, that are not older than the last of those
    numbers; then the page of both. Walking the whole registry newest first would look at every
    number down to where the matches are, which for a phone's tail is hundreds of thousands."""
    take = offset + limit
    numbers = _newest_numbers(driver.word, descending, take)
    order = Complaint.sort_key.desc() if descending else Complaint.sort_key.asc()
    named = peewee.NodeList((peewee.SQL(driver.text, list(driver.text_params)),), parens=True)
    clauses = [Complaint.id.in_(named)]
    if len(numbers) >= take:  # a row older than the numbers' last is not on the page
        last = numbers[-1][0]
        clauses.append(Complaint.sort_key >= last if descending else Complaint.sort_key <= last)
    checked = (
        Complaint.select(Complaint.sort_key, Complaint.id)
        .where(*clauses, search_condition(driver.word))
        .order_by(order)
        .limit(take)
    )
    text_sql, text_params = checked.sql()
    table = 'FROM "complaint" AS "t1"'
    text_sql = text_sql.replace(table, f"{table} NOT INDEXED", 1)
    rows = {row_id: key for key, row_id in numbers}
    rows.update((row_id, key) for key, row_id in database.execute_sql(text_sql, text_params))
    page = sorted(rows, key=rows.__getitem__, reverse=descending)[offset:take]
    return _literal_ids(page)


def _sqlite_named(driver: _Source) -> peewee.Node:
    """The ids the indexes name for a search: those the probe read, else the index query."""
    if driver.ids is not None:
        return _literal_ids(driver.ids)
    return peewee.NodeList((peewee.SQL(driver.sql, driver.params),), parens=True)


def _literal_ids(ids: Iterable[int]) -> peewee.Node:
    """``(1, 2, 3)``: ids read from the database, written into the statement."""
    return peewee.SQL("(" + (",".join(str(int(i)) for i in ids) or "NULL") + ")")


def _month_page(month: Month, descending: bool, offset: int, limit: int) -> peewee.Node:
    """The ids of a page of one month's list in number order, without sorting the month: a
    number carries its day, so the month's rows are read along the number order from where its
    numbers begin, and the few whose number lies elsewhere (another day, another form) are
    read from the month's index and put in their place."""
    direction = "DESC" if descending else "ASC"
    keys = [
        f"{month.year:04d}{month.month:02d}",
        f"{month.next().year:04d}{month.next().month:02d}",
    ]
    times = [Complaint.received_at.db_value(month.start), Complaint.received_at.db_value(month.end)]
    take = offset + limit
    sql = (
        "SELECT id FROM ("
        "SELECT * FROM (SELECT id, sort_key FROM complaint INDEXED BY complaint_sort_key "
        "WHERE sort_key >= ? AND sort_key < ? AND received_at >= ? AND received_at < ? "
        f"ORDER BY sort_key {direction} LIMIT {take}) "
        "UNION ALL "
        "SELECT * FROM (SELECT id, sort_key FROM complaint "
        "WHERE received_at >= ? AND received_at < ? AND NOT (sort_key >= ? AND sort_key < ?) "
        f"ORDER BY sort_key {direction} LIMIT {take})"
        f") ORDER BY sort_key {direction} LIMIT {limit} OFFSET {offset}"
    )
    return peewee.NodeList((peewee.SQL(sql, [*keys, *times, *times, *keys]),), parens=True)


def _pg_numbered_elsewhere(month: Month) -> bool:
    """PostgreSQL: whether a complaint received in the month has a number of another month (or
    of another form), from the small index of such complaints. In the index's order: the
    planner takes most complaints of the month for numbered elsewhere, and to find one would
    rather read the table (a second at 1 M) than the index, unless it would then have to sort."""
    found = (
        Complaint.select(Complaint.id)
        .where(
            Complaint.received_at >= month.start,
            Complaint.received_at < month.end,
            peewee.SQL(search_index.PG_NUMBERED_ELSEWHERE),
        )
        .order_by(Complaint.received_at)
        .limit(1)
        .scalar()
    )
    return found is not None


# how many of the newest complaints a search held by many reads in number order before it
# looks for its page among every match instead
NEWEST = 20_000


def _pg_newest_matches(
    filters: Filters, at: dt.datetime, descending: bool, offset: int, limit: int
) -> peewee.Node:
    """PostgreSQL: the page's ids of a search matching more than :data:`COUNT_CAP` rows, in
    number order. The newest :data:`NEWEST` complaints are checked in number order (a word held
    by one complaint in a hundred or more anywhere finds its page there at once); where they
    hold fewer matches than the page needs, the matches are clustered in older months (``6061``
    is in every number of ten days in June) and the page is the newest of every match the
    indexes name, read and sorted, instead of checking hundreds of thousands of rows in number
    order down to them. Either way the page is the same."""
    take = offset + limit
    key = Complaint.sort_key

    def ordered(column: Any) -> Any:
        return column.desc() if descending else column.asc()

    test = functools.reduce(operator.and_, where_clauses(filters, at, use_index=False))
    newest = (
        Complaint.select(Complaint.id, key, test.alias("hit"))
        .order_by(ordered(key))
        .limit(max(NEWEST, take))
        .alias("w")
    )
    walked = (
        peewee.Select([newest], [newest.c.id, newest.c.sort_key])
        .where(newest.c.hit)
        .order_by(ordered(newest.c.sort_key))
        .limit(take)
        .cte("walked", materialized=True)
    )
    found = peewee.Select([walked], [peewee.fn.COUNT(peewee.SQL("*"))])
    every = (
        Complaint.select(Complaint.id, key).where(*where_clauses(filters, at)).offset(0).alias("a")
    )
    older = (
        peewee.Select([every], [every.c.id, every.c.sort_key])
        .where(found < take)
        .order_by(ordered(every.c.sort_key))
        .limit(take)
    )
    either = peewee.Select([walked], [walked.c.id, walked.c.sort_key]).where(found >= take)
    both = (either + older).alias("b")  # (only one of them is read)
    return (
        peewee.Select([both], [both.c.id])
        .order_by(ordered(both.c.sort_key))
        .offset(offset)
        .limit(limit)
        .with_cte(walked)
    )


def _pg_sorted_matches(
    clauses: list[peewee.Expression],
    keys: list[peewee.Field],
    descending: bool,
    offset: int,
    limit: int,
) -> peewee.Node:
    """PostgreSQL: the page's ids of a search that matches at most :data:`COUNT_CAP` rows, all of
    them read through the indexes and then sorted. Left to itself the planner may guess that
    many more rows match and read the registry in number order hoping for a page soon, checking
    a hundred thousand rows for a name that 1,500 hold; ``OFFSET 0`` keeps the matching apart."""
    keys = list(dict.fromkeys(keys))
    matches = Complaint.select(Complaint.id, *keys).where(*clauses).offset(0).alias("m")
    columns = [getattr(matches.c, key.column_name) for key in keys]
    return (
        Complaint.select(matches.c.id)
        .from_(matches)
        .order_by(*[c.desc() if descending else c.asc() for c in columns])
        .offset(offset)
        .limit(limit)
    )


@dataclass
class Page:
    """What the registry's list shows first: how many complaints the view holds and its first
    rows."""

    total: int  # with ``exact`` False: more than this many (a search, see count_capped)
    exact: bool
    rows: list[dict[str, Any]]


def first_page(
    filters: Filters, *, order: str = "number", descending: bool = True, limit: int = 200
) -> Page:
    """The count (capped for a search, :func:`count_capped`) and the first ``limit`` rows
    (:func:`fetch`) of a view together: the registry's list, ``main.py find complaints`` and the
    benchmark read a view through this."""
    if limit and (few := _sqlite_few(filters, order, descending, limit)) is not None:
        return few
    if limit and (searched := _pg_search_page(filters, order, descending, limit)) is not None:
        return searched
    if limit and not is_sqlite() and not search_words(filters.text):
        # PostgreSQL: the count read with the rows, one statement
        rows = fetch(
            filters, order=order, descending=descending, limit=limit, counted=_pg_count(filters)
        )
        n = rows[0]["found"] if rows else 0
        for row in rows:
            del row["found"]
        return Page(n, True, rows)
    total, exact = count_capped(filters)
    rows = (
        _sqlite_newest_matches(filters, order, descending, limit) if limit and not exact else None
    )
    if rows is None:
        rows = (
            fetch(filters, order=order, descending=descending, limit=limit, dense=not exact)
            if limit
            else []
        )
    return Page(total, exact, rows)


# how many of the newest complaints a search matching very many is looked for among first
WALK = 20_000


def _sqlite_newest_matches(
    filters: Filters, order: str, descending: bool, limit: int
) -> list[dict[str, Any]] | None:
    """SQLite: the first page of a search matching more than COUNT_CAP rows, in number order,
    read by checking the newest WALK complaints one by one (the page of 屏, held by one in
    thirty, is among the newest 6,500); None where they hold less than a page (the matches lie
    elsewhere: :func:`fetch` then reads them through the indexes). Matches that many are
    found sooner so than by listing every row the index names first."""
    words = search_words(filters.text)
    if not words or not is_sqlite() or not search_index.available():
        return None
    column, ordering = _ordering(order, descending)
    if column is not Complaint.sort_key or (filters.month and filters.month_only):
        return None
    if _sqlite_driver(words).numbers:  # (a word held by many numbers is read day by day)
        return None
    bound = database.execute_sql(
        "SELECT sort_key FROM complaint INDEXED BY complaint_sort_key "
        f"ORDER BY sort_key {'DESC' if descending else 'ASC'} LIMIT 1 OFFSET {WALK - 1}"
    ).fetchone()
    at = now()
    clauses = where_clauses(filters, at, use_index=False)
    if bound is not None:
        key = bound[0]
        clauses.append(Complaint.sort_key >= key if descending else Complaint.sort_key <= key)
    sql, params = (
        Complaint.select(Complaint.id).where(*clauses).order_by(*ordering).limit(limit).sql()
    )
    table = 'FROM "complaint" AS "t1"'
    sql = sql.replace(table, f"{table} INDEXED BY complaint_sort_key", 1)
    ids = [row[0] for row in database.execute_sql(sql, params)]
    if len(ids) < limit and bound is not None:
        return None
    return _rows(_rows_query(ordering).where(Complaint.id.in_(_literal_ids(ids))), at)


def _sqlite_few(filters: Filters, order: str, descending: bool, limit: int) -> Page | None:
    """SQLite: the first page of a search whose indexes name few rows, their ids read by the
    probe (a number, its beginning, a name, a whole phone): those rows are read once, in one
    statement that checks them, counts the matches (a window over them all) and returns the
    first ``limit`` of them. None for any other view."""
    words = search_words(filters.text)
    if not words or not is_sqlite() or not search_index.available():
        return None
    driver = _sqlite_driver(words)
    if driver.ids is None or driver.named > FEW:
        return None
    cap = COUNT_CAP
    if not driver.ids:
        return Page(0, True, [])
    at = now()
    column, ordering = _ordering(order, descending)
    if (
        driver.number_keys is not None
        and len(set(words)) == 1
        and _only_text(filters)
        and column is Complaint.sort_key
    ):
        # (a day's numbers: they are matches with their sort keys, only the other rows named
        # are read and checked)
        keyed = {row_id: key for key, row_id in driver.number_keys}
        if others := [row_id for row_id in driver.ids if row_id not in keyed]:
            checked = Complaint.select(Complaint.sort_key, Complaint.id).where(
                Complaint.id.in_(_literal_ids(others)), search_condition(driver.word)
            )
            keyed.update((row_id, key) for key, row_id in database.execute_sql(*checked.sql()))
        n = len(keyed)
        page = sorted(keyed, key=keyed.__getitem__, reverse=descending)[:limit]
        rows = _rows(_rows_query(ordering).where(Complaint.id.in_(_literal_ids(page))), at)
        return Page(min(n, cap), n <= cap, rows)
    # the page's ids with the count of every match (a window over them all), then their rows
    found = peewee.fn.COUNT(peewee.SQL("*")).over().alias("found")
    matches = (
        Complaint.select(Complaint.id, found)
        .where(
            Complaint.id.in_(_literal_ids(driver.ids)), *where_clauses(filters, at, use_index=False)
        )
        .order_by(*ordering)
        .limit(limit)
        .alias("p")
    )
    query = (
        _rows_query(ordering, matches.c.found)
        .switch(Complaint)
        .join(matches, on=(Complaint.id == matches.c.id))
    )
    rows = _rows(query, at, "found")
    n = rows[0]["found"] if rows else 0
    for row in rows:
        del row["found"]
    return Page(min(n, cap), n <= cap, rows)


def _pg_search_page(filters: Filters, order: str, descending: bool, limit: int) -> Page | None:
    """PostgreSQL: the count and first page of a search in one statement (one plan, one round
    trip). Its matches, up to :data:`COUNT_CAP` + 1, are read once through the indexes with
    their sort keys and counted; no more than the cap, the page is the first of them in the
    list's order, else (matches are everywhere) it is read in the list's order checking each
    row, as :func:`fetch` reads it. None for any other view."""
    words = search_words(filters.text)
    if not words or is_sqlite() or not search_index.available():
        return None
    at = now()
    column, ordering = _ordering(order, descending)
    keys = list(dict.fromkeys([column, Complaint.sort_key]))
    cap = COUNT_CAP
    matches = (
        Complaint.select(Complaint.id, *keys)
        .where(*where_clauses(filters, at))
        .limit(cap + 1)
        .cte("m", materialized=True)
    )
    counted = (peewee.Select([matches], [peewee.fn.COUNT(peewee.SQL("*")).alias("total")])).cte("n")
    total = peewee.Select([counted], [counted.c.total])
    few = peewee.Select([matches], [matches.c.id]).order_by(
        *[
            getattr(matches.c, k.column_name).desc()
            if descending
            else getattr(matches.c, k.column_name).asc()
            for k in keys
        ]
    )
    # a number or its beginning is seldom held by more than the cap: the page read in the list's
    # order is then asked for apart, and not planned with every such search
    numbers = all(NUMBER_START.fullmatch(w) for w in words)
    if numbers:
        page = few.limit(limit).cte("page")
    else:
        dense: peewee.Node = (
            Complaint.select(Complaint.id)
            .where(*where_clauses(filters, at, use_index=False))
            .order_by(*ordering)
            .limit(limit)
        )
        if column is Complaint.sort_key:
            dense = _pg_newest_matches(filters, at, descending, 0, limit)
        many = peewee.Select([dense.alias("d")], [peewee.SQL('"d"."id"')]).where(total > cap)
        # (only one of them is read)
        page = (few.where(total <= cap).limit(limit).alias("f") + many).cte("page")
    query = (
        _rows_query(ordering, total.alias("found"))
        .where(Complaint.id.in_(peewee.Select([page], [page.c.id])))
        .with_cte(matches, counted, page)
    )
    plan = _pg_through_indexes if any(_pg_trigrams_only(w) for w in words) else _as_planned
    rows = plan(lambda: _rows(query, at, "found"))
    n = rows[0]["found"] if rows else 0
    for row in rows:
        del row["found"]
    if numbers and n > cap:
        rows = fetch(filters, order=order, descending=descending, limit=limit, dense=True)
    return Page(min(n, cap), n <= cap, rows)


@dataclass
class Found:
    total: int  # with ``exact`` False: more than this many
    exact: bool
    rows: list[dict[str, Any]]
    ms: float  # how long the search took, in milliseconds


def find(text: str, *, month: Month | None = None, limit: int = 20) -> Found:
    """A search of the registry (every month, or ``month`` only): how many match and the first
    ``limit``, newest first (``main.py find complaints``)."""
    filters = Filters(month=month, month_only=month is not None, text=text)
    started = time.perf_counter()
    page = first_page(filters, limit=limit)
    return Found(page.total, page.exact, page.rows, (time.perf_counter() - started) * 1000)


def count_by_month(filters: Filters) -> list[tuple[Month, int]]:
    """How many complaints of the view lie in each month's sheet, newest month first.

    Grouped by the number's date (a complaint's number carries its received day), which both
    databases read alike. Empty for a search matching more than :data:`COUNT_CAP` rows. The first
    view (a month with the open work of earlier months) is counted in its two parts: the month's
    complaints by its index, and the open ones of earlier months month by month (at a million
    complaints, grouping the whole view's 90,000 numbers took over a second)."""
    if search_words(filters.text) and is_dense(filters):
        return []
    if filters.month is not None and filters.open_before and _within_month(filters):
        month = filters.month
        others = where_clauses(replace(filters, month=None, open_before=False))
        open_work = [
            *others,
            Complaint.status.in_(labels.OPEN_STATUSES),
            Complaint.voided == False,  # noqa: E712 - peewee expression
        ]
        earlier = None
        if is_sqlite():  # PostgreSQL reads each month's count from the table, grouping is faster
            try:
                earlier = _counted_by_received_month(open_work, month)
            except ValueError:  # a time this program did not write: grouped, it is left out
                pass
        if earlier is None:
            earlier = _grouped_by_received_month([*open_work, Complaint.received_at < month.start])
        in_month = count(replace(filters, open_before=False))
        return sorted([*earlier, *([(month, in_month)] if in_month else [])], reverse=True)
    return _grouped_by_month(where_clauses(filters))


MONTHS_COUNTED_APART = 36  # more months of open work than this are grouped instead


def _counted_by_received_month(
    clauses: list[peewee.Expression], before: Month
) -> list[tuple[Month, int]] | None:
    """The complaints matching ``clauses`` received before the month ``before``, counted by the
    month received, in one statement of a count per month since the oldest: each a range of the
    index of open complaints by their received time (status, voided, received_at). On SQLite at a
    million complaints the 88,000 open ones of eleven months took 7 ms of CPU so, where grouping
    them by their month (:func:`_grouped_by_received_month`) took 22 ms (9 ms against 43 ms of
    time on the loaded machine). PostgreSQL reads each month's range from the table's rows (81 ms
    a month at a million), where grouping them took 380 ms: it groups. None when the oldest lies
    more than :data:`MONTHS_COUNTED_APART` months back (one open complaint stored as received in
    the year 206 would make a statement of 24,000 counts): the caller groups them then."""
    oldest = (
        Complaint.select(peewee.fn.MIN(Complaint.received_at))
        .where(*clauses, Complaint.received_at < before.start)
        .scalar()
    )
    if oldest is None:
        return []
    if isinstance(oldest, str):  # SQLite: "2026-11-26 10:30:00"
        oldest = dt.datetime.fromisoformat(oldest)
    months = months_between(Month.of(oldest), before.previous())
    if len(months) > MONTHS_COUNTED_APART:  # open work years old (or a stray date): grouped
        return None
    counts = [
        Complaint.select(peewee.fn.COUNT(peewee.SQL("*")))
        .where(*clauses, Complaint.received_at >= month.start)
        .where(Complaint.received_at < month.end)
        for month in months
    ]
    row = database.execute(peewee.Select(columns=counts).bind(database.obj)).fetchone()
    return sorted(((month, n) for month, n in zip(months, row, strict=True) if n), reverse=True)


def _grouped_by_received_month(clauses: list[peewee.Expression]) -> list[tuple[Month, int]]:
    """Grouped by the month received (the sheet a complaint is on), read from the index of open
    complaints by their received time alone, not from each row."""
    if is_sqlite():  # stored as text: "2026-11-26 10:30:00"
        key = peewee.fn.SUBSTR(Complaint.received_at, peewee.SQL("1"), peewee.SQL("7"))
    else:
        key = peewee.fn.to_char(Complaint.received_at, peewee.SQL("'YYYY-MM'"))
    query = Complaint.select(key.alias("ym"), peewee.fn.COUNT(Complaint.id)).group_by(key)
    if clauses:
        query = query.where(*clauses)
    out = []
    for ym, n in query.tuples():
        try:
            out.append((Month(int(ym[:4]), int(ym[5:7])), n))
        except (TypeError, ValueError):  # a time this program did not write
            continue
    return sorted(out, reverse=True)


def _grouped_by_month(clauses: list[peewee.Expression]) -> list[tuple[Month, int]]:
    # literal arguments: PostgreSQL sees two parameterised SUBSTR calls as different expressions
    key = peewee.fn.SUBSTR(Complaint.number, peewee.SQL("1"), peewee.SQL("6"))
    query = Complaint.select(key.alias("ym"), peewee.fn.COUNT(Complaint.id)).group_by(key)
    if clauses:
        query = query.where(*clauses)
    out = []
    for ym, n in query.tuples():
        try:
            out.append((Month(int(ym[:4]), int(ym[4:6])), n))
        except (TypeError, ValueError):  # not a number this registry gave out
            continue
    return sorted(out, reverse=True)


def months_with_complaints() -> list[Month]:
    """The months that hold complaints, newest first (for the month selector)."""
    oldest = Complaint.select(peewee.fn.MIN(Complaint.received_at)).scalar()
    if oldest is None:
        return []
    if isinstance(oldest, str):
        oldest = dt.datetime.fromisoformat(oldest)
    return months_between(Month.of(oldest), Month.current())[::-1]


def complaints_of_month(month: Month | None) -> peewee.ModelSelect:
    """Every complaint received in the month (or all), in number order: the monthly sheet."""
    query = Complaint.select(Complaint, User).join(
        User, peewee.JOIN.LEFT_OUTER, on=(Complaint.handler == User.id)
    )
    if month is not None:
        query = query.where(Complaint.received_at >= month.start, Complaint.received_at < month.end)
    return query.order_by(Complaint.sort_key)
