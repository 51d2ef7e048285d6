"""State machines as data: which action a record allows in which state, and to whom.

Each feature states its machine once as a table of :class:`Transition` rows (the complaint in
``app.complaints.workflow``, swaps and leave in ``app.roster.workflow``, callbacks in
``app.callbacks.workflow``, repairs in ``app.customers.workflow``). The use cases check an action
against the table before they write, and screens enable their buttons from
:meth:`StateMachine.allowed_actions`, so no widget decides a rule itself.
``app.state_machines.allowed_actions(user, record)`` finds the machine of any record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from app.auth import can
from models import User

ANY_STATE = "*"

Party = Callable[[User, Any], bool]
Condition = Callable[[Any], bool]


@dataclass(frozen=True)
class Transition:
    """``action`` is offered in ``sources`` and leads to ``target`` (None: the state stays).

    ``permissions``: the user needs one of them (none: anyone); ``party``: the user's part in the
    record (the colleague named in a swap, the one who asked for leave); ``condition``: what else
    the record must be (leave that has not begun)."""

    action: str
    sources: frozenset[str]
    target: str | None = None
    permissions: tuple[str, ...] = ()
    party: Party | None = None
    condition: Condition | None = None

    def leaves(self, state: str) -> bool:
        return ANY_STATE in self.sources or state in self.sources

    def permits(self, user: User | None) -> bool:
        if user is None or not user.active:
            return False
        return not self.permissions or any(can(user, p) for p in self.permissions)


def step(
    action: str,
    sources: Iterable[str] | str,
    target: str | None = None,
    *,
    permissions: Iterable[str] | str = (),
    party: Party | None = None,
    condition: Condition | None = None,
) -> Transition:
    """One row of a transition table."""
    return Transition(
        action,
        frozenset([sources] if isinstance(sources, str) else sources),
        target,
        (permissions,) if isinstance(permissions, str) else tuple(permissions),
        party,
        condition,
    )


class StateMachine:
    """A transition table with the record's state read by ``state_of``; ``guard``: a record
    failing it allows nothing (a void complaint)."""

    def __init__(
        self,
        name: str,
        states: Iterable[str],
        transitions: Iterable[Transition],
        *,
        state_of: Callable[[Any], str] = lambda record: record.status,
        guard: Condition | None = None,
    ) -> None:
        self.name = name
        self.states = tuple(states)
        self.transitions = tuple(transitions)
        self.state_of = state_of
        self.guard = guard
        for row in self.transitions:
            named = set(row.sources - {ANY_STATE})
            if row.target is not None:
                named.add(row.target)
            unknown = named - set(self.states)
            if unknown:
                raise ValueError(f"{name}.{row.action}: unknown states {sorted(unknown)}")

    @property
    def actions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(row.action for row in self.transitions))

    def _rows(self, record: Any, action: str | None = None) -> list[Transition]:
        if self.guard is not None and not self.guard(record):
            return []
        state = self.state_of(record)
        return [
            row
            for row in self.transitions
            if (action is None or row.action == action)
            and row.leaves(state)
            and (row.condition is None or row.condition(record))
        ]

    def offers(self, record: Any, action: str) -> bool:
        """Whether the record's state allows ``action`` at all, whoever asks."""
        return bool(self._rows(record, action))

    def allows(self, user: User | None, record: Any, action: str) -> bool:
        return action in self.allowed_actions(user, record)

    def allowed_actions(self, user: User | None, record: Any) -> frozenset[str]:
        """The actions ``user`` may take on ``record`` now."""
        return frozenset(
            row.action
            for row in self._rows(record)
            if row.permits(user) and (row.party is None or row.party(user, record))
        )

    def target(self, record: Any, action: str) -> str | None:
        """The state ``action`` leads to from the record's state (None: it stays)."""
        rows = self._rows(record, action)
        return rows[0].target if rows else None

    def next_states(self, state: str) -> frozenset[str]:
        """Every state one step away from ``state`` (for documentation and tests)."""
        return frozenset(
            row.target for row in self.transitions if row.leaves(state) and row.target is not None
        )
