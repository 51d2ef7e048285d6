"""Use cases: what a screen or the command line can do, each one whole or not at all.

A use case is a plain function in ``app/`` that takes the acting user and plain values, checks
the permission and the rules, and writes. Marked with :func:`use_case`, it runs in one write
transaction together with its audit rows and the events it emits (their handlers write in the
same transaction), so a failure leaves nothing half-done. Called directly it returns its own
result; :func:`perform` runs it and returns an :class:`Outcome`: that result and the
:class:`~app.changes.Changes` it made, which the screens use to refresh only what they show.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, ParamSpec, TypeVar

import peewee

from app import changes
from models import database, write_transaction

P = ParamSpec("P")
T = TypeVar("T")


def use_case(function: Callable[P, T]) -> Callable[P, T]:
    """Run ``function`` in one write transaction (nested use cases join the outer one)."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        with write_transaction():
            return function(*args, **kwargs)

    run.is_use_case = True  # type: ignore[attr-defined]
    return run


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A use case's result and what it changed."""

    value: T
    changes: changes.Changes
    audit_ids: frozenset[int] = field(default_factory=frozenset)


def perform(function: Callable[..., T], *args: Any, **kwargs: Any) -> Outcome[T]:
    """Run a use case and return its result with the changes it made (nothing when it fails:
    the transaction is rolled back and the error raised)."""
    with changes.collecting() as collected:
        try:
            value = function(*args, **kwargs)
        except BaseException:
            changes.forget(collected.audit_ids)
            raise
    return Outcome(value, collected.changes(), frozenset(collected.audit_ids))


def close_connection() -> None:
    """Close this thread's own database connection (a worker thread's, once its work is done)."""
    if database.obj is not None and not database.is_closed():
        database.close()


def is_database_trouble(exc: BaseException) -> bool:
    """The database did not answer (a lock held too long, a server gone), not a user's mistake."""
    return isinstance(exc, peewee.OperationalError | peewee.InterfaceError)
