"""What the roster screens show, read in one go as plain values off the GUI thread: the month
grid with its shifts, the swaps and leave of the lists and of the approval inbox with their rule
results, and what the user may do with each (the transition tables), so no widget reads the
database or decides a rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app import auth
from app.roster import leave, rules, swaps
from app.roster.roster import MonthRoster, month_roster, roster_people
from app.roster.shifts import list_shifts
from app.roster.workflow import LEAVE, SWAP
from models import LeaveRequest, SwapRequest, User

# the change keys the roster area shows (its navigation count's are in app.badges)
SHOWS = frozenset(
    {
        "roster_entry",
        "swap_request",
        "leave_request",
        "shift",
        "holiday_override",
        "user",
        "setting",
    }
)


@dataclass(frozen=True)
class ShiftChoice:
    id: int
    name: str
    segments: str


@dataclass(frozen=True)
class MonthView:
    """The grid's month and the shifts in use (the brush and the legend)."""

    roster: MonthRoster
    shifts: list[ShiftChoice]


def month_view(year: int, month: int) -> MonthView:
    return MonthView(
        month_roster(year, month),
        [ShiftChoice(s.id, s.name, s.segments) for s in list_shifts()],
    )


def _slot(day: dt.date, shift_name: str) -> str:
    return f"{day:%Y-%m-%d} {shift_name}"


@dataclass(frozen=True)
class SwapInfo:
    """A swap as the lists and the inbox show it, with its rule results and allowed actions."""

    id: int
    status: str
    state: str
    requester: str
    colleague: str
    give: str
    back: str
    reason: str
    decision: str
    actions: frozenset[str]
    results: list[rules.RuleResult] = field(default_factory=list)

    kind = "swap"

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.id)

    @property
    def failed(self) -> list[rules.RuleResult]:
        return rules.failed_rules(self.results)


@dataclass(frozen=True)
class LeaveInfo:
    id: int
    status: str
    state: str
    agent: str
    kind_label: str
    start_at: dt.datetime
    end_at: dt.datetime
    substitute: str
    reason: str
    decision: str
    actions: frozenset[str]
    results: list[rules.RuleResult] = field(default_factory=list)
    cover: str = ""  # what approving does to the roster (the inbox)

    kind = "leave"

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.id)

    @property
    def failed(self) -> list[rules.RuleResult]:
        return rules.failed_rules(self.results)


def swap_info(user: User, swap: SwapRequest) -> SwapInfo:
    return SwapInfo(
        id=swap.id,
        status=swap.status,
        state=swaps.state_label(swap.status),
        requester=swap.requester.name,
        colleague=swap.colleague.name,
        give=_slot(swap.give_date, swap.give_shift.name),
        back=_slot(swap.return_date, swap.return_shift.name),
        reason=swap.reason,
        decision=swap.decision_reason,
        actions=SWAP.allowed_actions(user, swap),
        results=swaps.current_results(swap),
    )


def leave_info(user: User, request: LeaveRequest, *, cover: bool = False) -> LeaveInfo:
    substitute = request.substitute if request.substitute_id else None
    return LeaveInfo(
        id=request.id,
        status=request.status,
        state=leave.state_label(request.status),
        agent=request.agent.name,
        kind_label=leave.kind_label(request.kind),
        start_at=request.start_at,
        end_at=request.end_at,
        substitute=substitute.name if substitute is not None else "",
        reason=request.reason,
        decision=request.decision_reason,
        actions=LEAVE.allowed_actions(user, request),
        results=leave.current_results(request),
        cover=leave.cover_for(request).text() if cover else "",
    )


@dataclass(frozen=True)
class RequestLists:
    swaps: list[SwapInfo]
    leave: list[LeaveInfo]


def request_lists(user: User, everyone: bool = False) -> RequestLists:
    """The user's swaps and leave (a manager's ``everyone``: the whole team's, newest first)."""
    listed = swaps.recent_swaps() if everyone else swaps.swaps_for(user)
    asked = leave.recent_leave() if everyone else leave.leave_for(user)
    with rules.settings_read_once():
        return RequestLists(
            [swap_info(user, s) for s in listed], [leave_info(user, r) for r in asked]
        )


def inbox(user: User) -> list[SwapInfo | LeaveInfo]:
    """The swaps and the leave waiting for this manager's decision, with the rules checked now."""
    found: list[SwapInfo | LeaveInfo] = []
    with rules.settings_read_once():
        if auth.can(user, "swap.decide"):
            found += [swap_info(user, s) for s in swaps.awaiting_decision(user)]
        if auth.can(user, "leave.decide"):
            found += [leave_info(user, r, cover=True) for r in leave.awaiting_decision(user)]
    return found


def badge_count(user: User) -> int:
    """Manager: swaps and leave awaiting a decision. Agent: swaps waiting for their answer."""
    if auth.can(user, "swap.decide") or auth.can(user, "leave.decide"):
        return len(swaps.awaiting_decision(user)) + len(leave.awaiting_decision(user))
    return len(swaps.awaiting_answer(user))


INBOX = "inbox"
MINE = "mine"
EVERYONE = "everyone"


def swap_place(user: User, swap_id: int) -> str | None:
    """Where the roster page shows a swap to ``user``: in the approval inbox when it waits for
    their decision, else in their own list, or among everyone's; None when there is no such
    swap."""
    swap = swaps.get_swap(swap_id)
    if swap is None:
        return None
    if SWAP.allows(user, swap, "approve"):
        return INBOX
    if user.id in (swap.requester_id, swap.colleague_id):
        return MINE
    return EVERYONE


@dataclass(frozen=True)
class FormChoices:
    """What the request forms offer: the user's own shifts to give, and the colleagues."""

    own: list[swaps.Slot]
    colleagues: list[User]


def form_choices(user: User, first: dt.date, last: dt.date) -> FormChoices:
    return FormChoices(
        swaps.own_slots(user, first, last), [p for p in roster_people() if p.id != user.id]
    )
