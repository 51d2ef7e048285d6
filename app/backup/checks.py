"""The database check: is the file sound, do the references hold, is the schema this desk's,
and do the registry's own promises hold (numbers unique, each day's sequence ahead of the
numbers in use). ``main.py check``, the database screen and every restore run it."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import peewee

from app.backup.archive import key_column, quote
from app.cli_language import columns
from app.i18n import translate
from models import ALL_TABLES, Complaint, ComplaintNumberSequence, database
from models.db import first_line, is_sqlite
from models.migrations import LATEST, current_version
from models.snapshot import check_connection

NAMES = ("integrity", "foreign_keys", "schema", "numbers", "sequences")


@dataclass(frozen=True)
class Check:
    name: str  # one of NAMES
    ok: bool
    detail: str

    @property
    def label(self) -> str:
        return check_label(self.name)

    def line(self) -> str:
        """One line for the command line: ``ok``/``FAILED``, what was checked, what was found."""
        state = translate("Check", "ok") if self.ok else translate("Check", "FAILED")
        padding = " " * max(1, 8 - columns(state))  # a Chinese word takes two columns a character
        line = translate("Check", "{label}: {detail}").format(label=self.label, detail=self.detail)
        return state + padding + line


def check_label(name: str) -> str:
    return {
        "integrity": translate("Check", "integrity"),
        "foreign_keys": translate("Check", "references"),
        "schema": translate("Check", "schema version"),
        "numbers": translate("Check", "complaint numbers"),
        "sequences": translate("Check", "daily number sequences"),
    }[name]


def run_checks(progress: Callable[[int, int], None] | None = None) -> list[Check]:
    """Every check, in order; a check that cannot even run fails with the database's message."""
    steps: list[tuple[str, Callable[[], Check]]] = [
        ("integrity", integrity),
        ("foreign_keys", foreign_keys),
        ("schema", schema),
        ("numbers", numbers_unique),
        ("sequences", day_sequences),
    ]
    results = []
    for i, (name, step) in enumerate(steps):
        if progress is not None:
            progress(i, len(steps))
        try:
            results.append(step())
        except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
            results.append(Check(name, False, first_line(exc)))
    if progress is not None:
        progress(len(steps), len(steps))
    return results


def integrity() -> Check:
    if is_sqlite():
        problems = check_connection(database.connection())
        if problems:
            more = len(problems) - 1
            detail = problems[0] + (
                translate("Check", " (and {n} more)").format(n=more) if more else ""
            )
            return Check("integrity", False, detail)
        return Check(
            "integrity", True, translate("Check", "SQLite's integrity check found nothing wrong")
        )
    # PostgreSQL checks its own pages; reading every table end to end shows they can be read
    present = set(database.get_tables())
    for model in ALL_TABLES:
        name = model._meta.table_name
        if name in present:
            model.select(peewee.fn.COUNT(peewee.SQL("*"))).scalar()
    return Check("integrity", True, translate("Check", "every table reads to the end"))


def foreign_keys() -> Check:
    """Every reference points at a record that exists (checked the same way on both backends)."""
    present = set(database.get_tables())
    broken: list[str] = []
    for model in ALL_TABLES:
        table = model._meta.table_name
        if table not in present:
            continue
        for fk in model._meta.refs:
            parent = fk.rel_model
            if parent._meta.table_name not in present:
                continue
            key = key_column(parent) or "id"
            sql = (
                f"SELECT COUNT(*) FROM {quote(table)} c WHERE c.{quote(fk.column_name)} IS NOT NULL "
                f"AND NOT EXISTS (SELECT 1 FROM {quote(parent._meta.table_name)} p "
                f"WHERE p.{quote(key)} = c.{quote(fk.column_name)})"
            )
            (orphans,) = database.execute_sql(sql).fetchone()
            if orphans:
                broken.append(f"{table}.{fk.column_name} → {parent._meta.table_name}: {orphans}")
    if broken:
        return Check(
            "foreign_keys",
            False,
            translate("Check", "records point at records that do not exist: {list}").format(
                list="; ".join(broken)
            ),
        )
    return Check("foreign_keys", True, translate("Check", "every reference points at a record"))


def schema() -> Check:
    version = current_version()
    missing = sorted(set(m._meta.table_name for m in ALL_TABLES) - set(database.get_tables()))
    if version > LATEST:
        return Check(
            "schema",
            False,
            translate(
                "Check", "version {found} is newer than this desk's {latest}: upgrade this desk"
            ).format(found=version, latest=LATEST),
        )
    if version < LATEST:
        return Check(
            "schema",
            False,
            translate("Check", "version {found}, this desk's is {latest}: run main.py init").format(
                found=version, latest=LATEST
            ),
        )
    if missing:
        return Check(
            "schema",
            False,
            translate("Check", "tables missing: {tables}").format(tables=", ".join(missing)),
        )
    return Check("schema", True, translate("Check", "version {found}").format(found=version))


def numbers_unique() -> Check:
    count = peewee.fn.COUNT(Complaint.id)
    twice = list(
        Complaint.select(Complaint.number, count)
        .group_by(Complaint.number)
        .having(count > 1)
        .limit(5)
        .tuples()
    )
    if twice:
        return Check(
            "numbers",
            False,
            translate("Check", "numbers given twice: {numbers}").format(
                numbers=", ".join(number for number, _n in twice)
            ),
        )
    return Check("numbers", True, translate("Check", "every number is given once"))


def day_sequences() -> Check:
    """Each day's sequence has reached the highest number in use that day, so the next complaint
    of the day gets a number nobody has."""
    from app.complaints.numbering import split_number

    highest: dict[str, int] = defaultdict(int)
    for (number,) in Complaint.select(Complaint.number).tuples().iterator():
        parts = split_number(number)
        if parts is not None:
            highest[parts[0]] = max(highest[parts[0]], parts[1])
    last = dict(
        ComplaintNumberSequence.select(
            ComplaintNumberSequence.day, ComplaintNumberSequence.last
        ).tuples()
    )
    behind = [
        f"{day}: {used} > {last.get(day, 0)}"
        for day, used in sorted(highest.items())
        if last.get(day, 0) < used
    ]
    if behind:
        return Check(
            "sequences",
            False,
            translate(
                "Check",
                "days whose sequence is behind the numbers in use (in use > sequence): {list}",
            ).format(list="; ".join(behind[:5]) + (" …" if len(behind) > 5 else "")),
        )
    return Check(
        "sequences",
        True,
        translate("Check", "{days} days, each sequence at or past its highest number").format(
            days=len(highest)
        ),
    )


def all_ok(results: list[Check]) -> bool:
    return all(check.ok for check in results)
