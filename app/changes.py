"""What changed in the database, as a set of keys the screens understand.

A key is a table (``"complaint"``: some complaints changed, which ones is not known) or one record
(``"complaint:12"``). A use case's changes are collected while it runs: every audited write names
its table and record (:func:`note` is called by :mod:`app.audit`), and a use case that writes
something the audit trail does not name notes it itself. Other desks' changes are read back from
the audit trail by :class:`ChangeFeed`, so both arrive as the same :class:`Changes`.

:class:`ChangeWaiter` tells cheaply when another connection may have written something: on
PostgreSQL it listens on the ``kefu_changes`` channel (every insert into the audit trail sends a
notification, see migration "change notifications"), on SQLite it compares ``PRAGMA
data_version``. Both run on a thread of their own with a connection of their own, looked at
every :func:`look_interval` seconds.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import peewee

from models import AuditLog, database
from models.db import is_sqlite

EVERYTHING = "*"
CHANNEL = "kefu_changes"
# beyond this many audit rows since the last look, a feed names tables instead of records
FEED_DETAIL_LIMIT = 500
# how often a desk looks whether another connection may have written (see ChangeWaiter): the
# look is cheap, a SQLite pragma or a glance at a PostgreSQL connection's received notifications
SQLITE_LOOK_SECONDS = 1.0
PG_LOOK_SECONDS = 0.5
# how long an audit id below the newest one read is looked for (another desk's transaction)
MISSING_SECONDS = 600.0


@dataclass(frozen=True)
class Changes:
    """Tables and records that changed; empty when nothing did."""

    keys: frozenset[str] = frozenset()

    @classmethod
    def of(cls, table: str, *record_ids: int | None) -> Changes:
        """``Changes.of("complaint", 12)``; without ids, the whole table."""
        ids = [i for i in record_ids if i is not None]
        if not ids:
            return cls(frozenset({table}))
        return cls(frozenset(f"{table}:{int(i)}" for i in ids))

    @classmethod
    def everything(cls) -> Changes:
        """Anything may have changed (a screen shows it all again)."""
        return cls(frozenset({EVERYTHING}))

    def __bool__(self) -> bool:
        return bool(self.keys)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.keys | other.keys)

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(key.split(":", 1)[0] for key in self.keys)

    def record_ids(self, table: str) -> set[int]:
        """The ids of ``table``'s records named one by one."""
        prefix = f"{table}:"
        return {int(key[len(prefix) :]) for key in self.keys if key.startswith(prefix)}

    def touches(self, *shown: str) -> bool:
        """Whether something a screen shows changed. ``shown`` holds tables (``"complaint"``,
        any complaint) and records (``"complaint:12"``, that one)."""
        if EVERYTHING in self.keys:
            return True
        for key in shown:
            if key == EVERYTHING:
                return bool(self.keys)
            table, _, record = key.partition(":")
            if record:
                if key in self.keys or table in self.keys:
                    return True
            elif table in self.tables:
                return True
        return False

    def __str__(self) -> str:
        return ", ".join(sorted(self.keys)) or "-"


# --- collecting what one operation changes --------------------------------------------------------


@dataclass
class Collected:
    """What the writes inside :func:`collecting` named: keys, and the audit rows written."""

    keys: set[str] = field(default_factory=set)
    audit_ids: set[int] = field(default_factory=set)

    def changes(self) -> Changes:
        return Changes(frozenset(self.keys))


_local = threading.local()


def _stack() -> list[Collected]:
    stack = getattr(_local, "stack", None)
    if stack is None:
        stack = _local.stack = []
    return stack


@contextmanager
def collecting() -> Iterator[Collected]:
    """Collect what the writes of this thread name until the block ends."""
    found = Collected()
    stack = _stack()
    stack.append(found)
    try:
        yield found
    finally:
        stack.remove(found)


def note(table: str, record_id: int | None = None, audit_id: int | None = None) -> None:
    """A write to ``table`` (one record, or several when ``record_id`` is None). Audit rows
    written while collecting are this desk's own: its change feeds leave them out."""
    key = table if record_id is None else f"{table}:{int(record_id)}"
    stack = _stack()
    for found in stack:
        found.keys.add(key)
        if audit_id is not None:
            found.audit_ids.add(audit_id)
    if stack and audit_id is not None:
        for feed in list(_feeds):
            feed.skip((audit_id,))


def forget(audit_ids: Iterable[int]) -> None:
    """Audit rows that were rolled back: not this desk's after all (SQLite may reuse the ids)."""
    for feed in list(_feeds):
        feed.unskip(audit_ids)


# --- other desks' changes ----------------------------------------------------------------------


def latest_audit_id() -> int:
    return AuditLog.select(peewee.fn.MAX(AuditLog.id)).scalar() or 0


_feeds: weakref.WeakSet[ChangeFeed] = weakref.WeakSet()


class ChangeFeed:
    """The changes written to the audit trail since the last look, this desk's own operations
    (collected by :func:`collecting`) left out: they were shown when they were made."""

    def __init__(self, last_id: int | None = None) -> None:
        self._own: set[int] = set()
        # ids below ``last_id`` not seen yet, with when they were first missed: on PostgreSQL an
        # id is given out when the row is written, so a longer transaction of another desk can
        # commit a lower id after a higher one was read (a rolled-back id never comes)
        self._missing: dict[int, float] = {}
        self._lock = threading.Lock()
        self.last_id = latest_audit_id() if last_id is None else last_id
        _feeds.add(self)

    def skip(self, audit_ids: Iterable[int]) -> None:
        """Audit rows this desk wrote and shows already (safe from any thread)."""
        with self._lock:
            self._own.update(i for i in audit_ids if i > self.last_id or i in self._missing)

    def unskip(self, audit_ids: Iterable[int]) -> None:
        with self._lock:
            self._own.difference_update(audit_ids)

    def read(self) -> Changes:
        with self._lock:
            looked_for = self._forget_missing()
        late: list[tuple[int, str, int | None]] = []
        if looked_for:
            late = list(
                AuditLog.select(AuditLog.id, AuditLog.table, AuditLog.record_id)
                .where(AuditLog.id.in_(looked_for))
                .tuples()
            )
        rows = list(
            AuditLog.select(AuditLog.id, AuditLog.table, AuditLog.record_id)
            .where(AuditLog.id > self.last_id)
            .order_by(AuditLog.id)
            .limit(FEED_DETAIL_LIMIT + 1)
            .tuples()
        )
        keys: set[str] = set()
        with self._lock:
            for audit_id, table, record_id in late:
                self._missing.pop(audit_id, None)
                if audit_id not in self._own:
                    keys.add(table if record_id is None else f"{table}:{record_id}")
            self._own.difference_update(i for i, _t, _r in late)
        if not rows:
            return Changes(frozenset(keys))
        with self._lock:
            own = self._own
            if len(rows) > FEED_DETAIL_LIMIT:  # a big import: which tables is enough
                newest = latest_audit_id()
                tables = (
                    AuditLog.select(AuditLog.table)
                    .where(AuditLog.id > self.last_id, AuditLog.id <= newest)
                    .distinct()
                    .tuples()
                )
                keys |= {table for (table,) in tables}
                self.last_id = newest
            else:
                found = {audit_id for audit_id, _table, _record in rows}
                first_missed = time.monotonic()
                newest = rows[-1][0]
                for audit_id in range(max(self.last_id + 1, newest - FEED_DETAIL_LIMIT), newest):
                    if audit_id not in found:
                        self._missing.setdefault(audit_id, first_missed)
                for audit_id, table, record_id in rows:
                    if audit_id not in own:
                        keys.add(table if record_id is None else f"{table}:{record_id}")
                self.last_id = newest
            self._own = {i for i in own if i > self.last_id or i in self._missing}
        return Changes(frozenset(keys))

    def _forget_missing(self) -> list[int]:
        """The ids still looked for; those missed for longer than a transaction lasts (rolled
        back, or numbers the sequence skipped) are given up."""
        now = time.monotonic()
        for audit_id, since in list(self._missing.items()):
            if now - since > MISSING_SECONDS:
                del self._missing[audit_id]
        while len(self._missing) > FEED_DETAIL_LIMIT:  # keep the newest
            del self._missing[min(self._missing)]
        return sorted(self._missing)


def look_interval() -> float:
    """Seconds between two looks of a desk at the open database (:class:`ChangeWaiter`)."""
    return SQLITE_LOOK_SECONDS if is_sqlite() else PG_LOOK_SECONDS


class ChangeWaiter:
    """Waits until the database may have changed. Use it on one thread: it keeps a connection
    of its own (SQLite: this thread's connection; PostgreSQL: a listening one)."""

    def __init__(self) -> None:
        self.sqlite = is_sqlite()
        self._listener: Any = None
        self._data_version: int | None = None
        if self.sqlite:
            self._data_version = self._read_data_version()
        else:
            self._listen()

    def _read_data_version(self) -> int:
        return int(database.execute_sql("PRAGMA data_version").fetchone()[0])

    def _listen(self) -> None:
        connection = database.obj._connect()  # a connection of its own, in autocommit mode
        connection.execute(f"LISTEN {CHANNEL}")
        self._listener = connection

    def wait(self, timeout: float) -> bool:
        """True when another connection may have written since the last call; waits up to
        ``timeout`` seconds on PostgreSQL, looks once on SQLite (the caller looks again later)."""
        if self.sqlite:
            version = self._read_data_version()
            changed = version != self._data_version
            self._data_version = version
            return changed
        if self._listener is None or self._listener.closed:
            self._listen()
        got = False
        for _notice in self._listener.notifies(timeout=timeout, stop_after=1):
            got = True
        if got:  # take whatever else arrived at the same time
            for _notice in self._listener.notifies(timeout=0):
                pass
        return got

    def close(self) -> None:
        if self._listener is not None and not self._listener.closed:
            self._listener.close()
        self._listener = None
        if database.obj is not None and not database.is_closed():
            database.close()
