"""The regulation's swap and leave rules (DOMAIN §4), one function per rule.

Each rule returns a :class:`RuleResult` whose explanation says in plain words what holds or what is
wrong, for the requester before sending, for the colleague, and for the manager.
``check_swap_rules`` runs all nine; ``check_leave_rules`` runs the ones that touch leave.

A result is kept as codes with values (:class:`Said`: a key of :data:`MESSAGES` and the names,
dates and numbers it mentions), never as text: a swap decided on a desk in Chinese reads in
English on a desk in English. Its title and explanation are written in the reader's language when
shown or printed.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import peewee

from app import settings
from app.clock import Month
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.roster import public_holidays
from app.roster.shifts import Interval, intervals
from models import LeaveRequest, RosterEntry, Shift, SwapRequest, User

PASS = "pass"
FAIL = "fail"
WAITING = "waiting"

ACTIVE_SWAP_STATES = ("pending_colleague", "pending_manager")
OPEN_LEAVE_STATES = ("pending", "approved")


TITLES = {
    "consent": QT_TRANSLATE_NOOP("Rules", "Both parties agree"),
    "approval": QT_TRANSLATE_NOOP("Rules", "The manager approves"),
    "monthly_limit": QT_TRANSLATE_NOOP("Rules", "At most {n} swaps a month"),
    "consecutive": QT_TRANSLATE_NOOP("Rules", "No consecutive swaps"),
    "back_to_back": QT_TRANSLATE_NOOP("Rules", "No back-to-back shifts"),
    "leave": QT_TRANSLATE_NOOP("Rules", "No leave on swapped shifts"),
    "holiday": QT_TRANSLATE_NOOP("Rules", "No swap on a public holiday"),
    "return": QT_TRANSLATE_NOOP("Rules", "The shift is returned"),
    "coverage": QT_TRANSLATE_NOOP("Rules", "No shift left empty"),
    "leave_swapped": QT_TRANSLATE_NOOP("Rules", "No leave on swapped shifts"),
    "leave_holiday": QT_TRANSLATE_NOOP("Rules", "No leave from public-holiday duty"),
    "notice": QT_TRANSLATE_NOOP("Rules", "Longer leave: asked ahead, with a substitute"),
}

# what a rule says, by key (the rule's code, a dot, what it found); the values fill the braces
MESSAGES = {
    "consent.self": QT_TRANSLATE_NOOP(
        "Rules", "You cannot swap a shift with yourself: name a colleague."
    ),
    "consent.gone": QT_TRANSLATE_NOOP("Rules", "{name} is not on the team any more."),
    "consent.declined": QT_TRANSLATE_NOOP("Rules", "{name} declined the swap."),
    "consent.waiting": QT_TRANSLATE_NOOP("Rules", "{name} has still to accept the swap."),
    "consent.given": QT_TRANSLATE_NOOP("Rules", "{requester} asked and {colleague} accepted."),
    "approval.approved": QT_TRANSLATE_NOOP(
        "Rules", "Approved by the department manager; the roster is changed."
    ),
    "approval.rejected": QT_TRANSLATE_NOOP("Rules", "The department manager rejected the swap."),
    "approval.waiting": QT_TRANSLATE_NOOP(
        "Rules", "Takes effect only when the department manager approves; the roster changes then."
    ),
    "monthly_limit.over": QT_TRANSLATE_NOOP(
        "Rules",
        "{name} already has {count} swap(s) in {month} (including {waiting} "
        "waiting for approval); at most {limit} a month are allowed.",
    ),
    "monthly_limit.within": QT_TRANSLATE_NOOP(
        "Rules", "Neither of you goes over {limit} swaps in the month."
    ),
    "monthly_limit.waiting": QT_TRANSLATE_NOOP(
        "Rules", "(Counting {n} swap(s) still waiting for approval.)"
    ),
    "consecutive.found": QT_TRANSLATE_NOOP(
        "Rules",
        "{name} already has a swapped shift on {date} (swap no. {id}); "
        "swapped shifts may not follow one another.",
    ),
    "consecutive.none": QT_TRANSLATE_NOOP(
        "Rules", "No other swap of either of you falls next to these days."
    ),
    "back_to_back.overlap": QT_TRANSLATE_NOOP(
        "Rules", "{name} would work {taken} and {other} at the same time."
    ),
    "back_to_back.short": QT_TRANSLATE_NOOP(
        "Rules",
        "{name} would work {taken} and {other} with only {gap} minutes between them "
        "(at least {minimum} are needed).",
    ),
    "back_to_back.kept": QT_TRANSLATE_NOOP(
        "Rules", "Both of you keep a break of at least {minimum} minutes."
    ),
    "leave.found": QT_TRANSLATE_NOOP(
        "Rules",
        "{name} has leave from {start} to {end}, over the {slot}; "
        "there is no leave on a swapped or returned shift.",
    ),
    "leave.none": QT_TRANSLATE_NOOP("Rules", "Neither of you has leave on these shifts."),
    "holiday.found": QT_TRANSLATE_NOOP(
        "Rules", "{date} is a public holiday ({name}); whoever is on duty then may not swap."
    ),
    "holiday.none": QT_TRANSLATE_NOOP("Rules", "Neither day is a public holiday."),
    "return.same": QT_TRANSLATE_NOOP(
        "Rules", "The return shift must be a different shift from the one given."
    ),
    "return.missing": QT_TRANSLATE_NOOP(
        "Rules", "{name} is not on the roster for {slot}, so it cannot be returned."
    ),
    "return.named": QT_TRANSLATE_NOOP("Rules", "{name} returns the {slot}."),
    "coverage.approved": QT_TRANSLATE_NOOP(
        "Rules", "Both hand over at the change of shift; an empty shift is an absence for both."
    ),
    "coverage.missing": QT_TRANSLATE_NOOP("Rules", "{name} is not on the roster for {slot}."),
    "coverage.double": QT_TRANSLATE_NOOP(
        "Rules", "{name} is already on the {slot}: the swap would leave one post empty."
    ),
    "coverage.kept": QT_TRANSLATE_NOOP(
        "Rules",
        "Every shift keeps its person. Both hand over at the change of shift; "
        "an empty shift is an absence for both.",
    ),
    "leave_swapped.found": QT_TRANSLATE_NOOP(
        "Rules",
        "The {slot} is part of swap no. {id}; there is no leave on a swapped or returned shift.",
    ),
    "leave_swapped.none": QT_TRANSLATE_NOOP(
        "Rules", "No swapped or returned shift falls in the leave."
    ),
    "leave_holiday.found": QT_TRANSLATE_NOOP(
        "Rules",
        "{name} is on duty on {slot}, a public holiday ({holiday}); holiday duty allows no leave.",
    ),
    "leave_holiday.none": QT_TRANSLATE_NOOP("Rules", "No public-holiday duty falls in the leave."),
    "notice.short": QT_TRANSLATE_NOOP("Rules", "One day or less: no notice or substitute needed."),
    "notice.late": QT_TRANSLATE_NOOP(
        "Rules", "Leave of more than a day must be asked at least {days} day(s) before it starts."
    ),
    "notice.no_substitute": QT_TRANSLATE_NOOP(
        "Rules", "Leave of more than a day needs a named substitute."
    ),
    "notice.bad_substitute": QT_TRANSLATE_NOOP(
        "Rules", "The substitute must be another active colleague."
    ),
    "notice.in_time": QT_TRANSLATE_NOOP("Rules", "Asked in time; {name} stands in."),
}
AS_WRITTEN = ""  # the key of a text kept as it was written (an old result not read back)


@dataclass(frozen=True)
class Said:
    """One sentence of a rule's explanation: a key of :data:`MESSAGES` and its values."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        source = MESSAGES.get(self.key)
        if source is None:
            return str(self.values.get("text", ""))
        return _fill(source, self.values)

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "values": self.values}


def _fill(source: str, values: dict[str, Any]) -> str:
    text = translate("Rules", source)
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):  # a value missing: the sentence all the same
        return text


def _say(key: str, **values: Any) -> Said:
    assert key in MESSAGES, key
    return Said(key, {k: v if isinstance(v, int) else str(v) for k, v in values.items()})


def _once(said: list[Said]) -> list[Said]:
    """The sentences without repeats, in order."""
    seen: dict[str, Said] = {}
    for item in said:
        seen.setdefault(json.dumps(item.as_json(), sort_keys=True, ensure_ascii=False), item)
    return list(seen.values())


@dataclass
class RuleResult:
    rule: int  # the number in the regulation (DOMAIN §4); 0 for the leave-notice rule
    code: str
    status: str  # pass | fail | waiting
    said: list[Said] = field(default_factory=list)
    title_values: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """The rule's name in the reader's language."""
        source = TITLES.get(self.code)
        if source is None or "text" in self.title_values:
            return str(self.title_values.get("text", self.code))
        return _fill(source, self.title_values)

    @property
    def explanation(self) -> str:
        """What holds or what is wrong, in the reader's language."""
        return " ".join(item.text() for item in self.said)

    @property
    def failed(self) -> bool:
        return self.status == FAIL

    @property
    def passed(self) -> bool:
        return self.status == PASS

    def as_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "rule": self.rule,
            "code": self.code,
            "status": self.status,
            "said": [item.as_json() for item in self.said],
        }
        if self.title_values:
            found["title_values"] = self.title_values
        return found

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> RuleResult:
        if "said" in item:
            said = [Said(str(s.get("key", "")), dict(s.get("values") or {})) for s in item["said"]]
            title_values = dict(item.get("title_values") or {})
        else:  # written as text before results were codes, and not read back
            said = [Said(AS_WRITTEN, {"text": item.get("explanation", "")})]
            title_values = {"text": item.get("title", "")}
        return cls(int(item["rule"]), str(item["code"]), str(item["status"]), said, title_values)


def results_to_json(results: list[RuleResult]) -> str:
    return json.dumps([r.as_json() for r in results], ensure_ascii=False)


def results_from_json(text: str) -> list[RuleResult]:
    try:
        return [RuleResult.from_json(item) for item in json.loads(text or "[]")]
    except (ValueError, TypeError, KeyError, AttributeError):
        return []


_settings_read: ContextVar[dict[str, Any] | None] = ContextVar("rule_settings", default=None)


@contextmanager
def settings_read_once() -> Iterator[None]:
    """Within the block the team settings the rules use are read once (checking many requests,
    as the approval inbox does)."""
    if _settings_read.get() is not None:
        yield
        return
    token = _settings_read.set({})
    try:
        yield
    finally:
        _settings_read.reset(token)


def _setting(key: str) -> Any:
    read = _settings_read.get()
    if read is None:
        return settings.get(key)
    if key not in read:
        read[key] = settings.get(key)
    return read[key]


def failed_rules(results: list[RuleResult]) -> list[RuleResult]:
    return [r for r in results if r.failed]


def status_label(status: str) -> str:
    return {
        PASS: translate("Rules", "met"),
        FAIL: translate("Rules", "not met"),
        WAITING: translate("Rules", "waiting"),
    }.get(status, status)


@dataclass
class SwapPlan:
    """A swap as proposed or stored: the requester's shift goes to the colleague, who returns one."""

    requester: User
    colleague: User
    give_date: dt.date
    give_shift: Shift
    return_date: dt.date
    return_shift: Shift
    swap_id: int | None = None
    status: str = "draft"  # a SwapRequest status, or "draft" before sending

    @classmethod
    def of(cls, swap: SwapRequest) -> SwapPlan:
        return cls(
            requester=swap.requester,
            colleague=swap.colleague,
            give_date=swap.give_date,
            give_shift=swap.give_shift,
            return_date=swap.return_date,
            return_shift=swap.return_shift,
            swap_id=swap.id,
            status=swap.status,
        )


def _d(day: dt.date) -> str:
    return day.strftime("%Y-%m-%d")


def _slot(shift: Shift, day: dt.date) -> str:
    return f"{_d(day)} {shift.name}"


def _others(query: peewee.ModelSelect, swap_id: int | None) -> peewee.ModelSelect:
    return query.where(SwapRequest.id != swap_id) if swap_id is not None else query


# --- the nine swap rules ----------------------------------------------------------------------


def rule_1_both_agree(plan: SwapPlan) -> RuleResult:
    """Both parties agree: the requester names the colleague; the colleague accepts in the app."""
    if plan.colleague.id == plan.requester.id:
        return RuleResult(1, "consent", FAIL, [_say("consent.self")])
    if not plan.colleague.active or plan.colleague.role not in ("agent", "manager"):
        return RuleResult(1, "consent", FAIL, [_say("consent.gone", name=plan.colleague.name)])
    if plan.status == "declined":
        return RuleResult(1, "consent", FAIL, [_say("consent.declined", name=plan.colleague.name)])
    if plan.status in ("draft", "pending_colleague"):
        return RuleResult(
            1, "consent", WAITING, [_say("consent.waiting", name=plan.colleague.name)]
        )
    said = _say("consent.given", requester=plan.requester.name, colleague=plan.colleague.name)
    return RuleResult(1, "consent", PASS, [said])


def rule_2_manager_approves(plan: SwapPlan) -> RuleResult:
    """The swap takes effect only when the department manager approves it."""
    if plan.status == "approved":
        return RuleResult(2, "approval", PASS, [_say("approval.approved")])
    if plan.status == "rejected":
        return RuleResult(2, "approval", FAIL, [_say("approval.rejected")])
    return RuleResult(2, "approval", WAITING, [_say("approval.waiting")])


def _month_label(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


def rule_3_monthly_limit(plan: SwapPlan) -> RuleResult:
    """At most N swaps per person per calendar month, on either side (setting).

    Swaps still waiting (for the colleague or the manager) count too, so three swaps waiting
    never show the limit as met for a fourth; the explanation says how many are waiting."""
    limit = int(_setting("swap_limit_per_month"))
    title = {"n": limit}
    months = sorted(
        {
            (plan.give_date.year, plan.give_date.month),
            (plan.return_date.year, plan.return_date.month),
        }
    )
    problems: list[Said] = []
    waiting_total = 0
    for person in (plan.requester, plan.colleague):
        for year, month in months:
            first, last = Month(year, month).first_day, Month(year, month).next().first_day
            query = SwapRequest.select().where(
                SwapRequest.status.in_(("approved", *ACTIVE_SWAP_STATES)),
                (SwapRequest.requester == person) | (SwapRequest.colleague == person),
                ((SwapRequest.give_date >= first) & (SwapRequest.give_date < last))
                | ((SwapRequest.return_date >= first) & (SwapRequest.return_date < last)),
            )
            counted = list(_others(query, plan.swap_id).select(SwapRequest.status).tuples())
            count = len(counted)
            waiting = sum(1 for (status,) in counted if status in ACTIVE_SWAP_STATES)
            waiting_total += waiting
            if count + 1 > limit:
                problems.append(
                    _say(
                        "monthly_limit.over",
                        name=person.name,
                        count=count,
                        waiting=waiting,
                        month=_month_label(year, month),
                        limit=limit,
                    )
                )
    if problems:
        return RuleResult(3, "monthly_limit", FAIL, problems, title)
    said = [_say("monthly_limit.within", limit=limit)]
    if waiting_total:
        said.append(_say("monthly_limit.waiting", n=waiting_total))
    return RuleResult(3, "monthly_limit", PASS, said, title)


def rule_4_no_consecutive_swaps(plan: SwapPlan) -> RuleResult:
    """A person's swapped shifts may not follow one another: no other swap a day before or after."""
    days = {plan.give_date, plan.return_date}
    # only swaps with a day near these can matter: the rest of the history stays unread
    near = [d + dt.timedelta(days=k) for d in days for k in (-1, 0, 1)]
    problems: list[Said] = []
    for person in (plan.requester, plan.colleague):
        query = SwapRequest.select().where(
            SwapRequest.status == "approved",
            (SwapRequest.requester == person) | (SwapRequest.colleague == person),
            SwapRequest.give_date.in_(near) | SwapRequest.return_date.in_(near),
        )
        for other in _others(query, plan.swap_id):
            for other_day in (other.give_date, other.return_date):
                if any(abs((other_day - day).days) <= 1 for day in days):
                    problems.append(
                        _say(
                            "consecutive.found",
                            name=person.name,
                            date=_d(other_day),
                            id=other.id,
                        )
                    )
                    break
    if problems:
        return RuleResult(4, "consecutive", FAIL, _once(problems))
    return RuleResult(4, "consecutive", PASS, [_say("consecutive.none")])


def _gap_minutes(a: list[Interval], b: list[Interval]) -> float:
    """Minutes between two shifts' working periods; negative when they overlap."""
    best = float("inf")
    for x in a:
        for y in b:
            if x.start < y.end and y.start < x.end:
                return -1
            gap = (y.start - x.end) if y.start >= x.end else (x.start - y.end)
            best = min(best, gap.total_seconds() / 60)
    return best


def _back_to_back(
    person: User, take_date: dt.date, take: Shift, give_away: tuple[dt.date, Shift] | None
) -> Said | None:
    minimum = int(_setting("swap_min_break_minutes"))
    taken = intervals(take, take_date)
    near = (
        RosterEntry.select(RosterEntry, Shift)
        .join(Shift)
        .where(
            RosterEntry.agent == person,
            RosterEntry.on_date >= take_date - dt.timedelta(days=1),
            RosterEntry.on_date <= take_date + dt.timedelta(days=1),
        )
    )
    for entry in near:
        if give_away is not None and (entry.on_date, entry.shift_id) == (
            give_away[0],
            give_away[1].id,
        ):
            continue
        if entry.on_date == take_date and entry.shift_id == take.id:
            continue
        gap = _gap_minutes(taken, intervals(entry.shift, entry.on_date))
        if gap < 0:
            return _say(
                "back_to_back.overlap",
                name=person.name,
                taken=_slot(take, take_date),
                other=_slot(entry.shift, entry.on_date),
            )
        if gap < minimum:
            return _say(
                "back_to_back.short",
                name=person.name,
                taken=_slot(take, take_date),
                other=_slot(entry.shift, entry.on_date),
                gap=int(gap),
                minimum=minimum,
            )
    return None


def rule_5_no_back_to_back(plan: SwapPlan) -> RuleResult:
    """Neither the one who takes the shift nor the one who returns it works two shifts in a row."""
    found = [
        _back_to_back(
            plan.colleague,
            plan.give_date,
            plan.give_shift,
            (plan.return_date, plan.return_shift),
        ),
        _back_to_back(
            plan.requester,
            plan.return_date,
            plan.return_shift,
            (plan.give_date, plan.give_shift),
        ),
    ]
    problems = [p for p in found if p is not None]
    if problems:
        return RuleResult(5, "back_to_back", FAIL, problems)
    said = _say("back_to_back.kept", minimum=int(_setting("swap_min_break_minutes")))
    return RuleResult(5, "back_to_back", PASS, [said])


def _leave_over(leaves: list[LeaveRequest], day: dt.date, shift: Shift) -> LeaveRequest | None:
    """The first of ``leaves`` over the shift on ``day``."""
    for part in intervals(shift, day):
        for leave in leaves:
            if leave.start_at < part.end and leave.end_at > part.start:
                return leave
    return None


def rule_6_no_leave_on_swapped_shifts(plan: SwapPlan) -> RuleResult:
    """No leave on a swapped or a returned shift, for either party."""
    slots = ((plan.give_date, plan.give_shift), (plan.return_date, plan.return_shift))
    parts = [part for day, shift in slots for part in intervals(shift, day)]
    # the two people's open leave around the two shifts, read once
    found = list(
        LeaveRequest.select()
        .where(
            LeaveRequest.agent.in_([plan.requester.id, plan.colleague.id]),
            LeaveRequest.status.in_(OPEN_LEAVE_STATES),
            LeaveRequest.start_at < max(p.end for p in parts),
            LeaveRequest.end_at > min(p.start for p in parts),
        )
        .order_by(LeaveRequest.start_at, LeaveRequest.id)
    )
    problems: list[Said] = []
    for person in (plan.requester, plan.colleague):
        theirs = [leave for leave in found if leave.agent_id == person.id]
        for day, shift in slots:
            leave = _leave_over(theirs, day, shift)
            if leave is not None:
                problems.append(
                    _say(
                        "leave.found",
                        name=person.name,
                        start=f"{leave.start_at:%Y-%m-%d %H:%M}",
                        end=f"{leave.end_at:%Y-%m-%d %H:%M}",
                        slot=_slot(shift, day),
                    )
                )
    if problems:
        return RuleResult(6, "leave", FAIL, _once(problems))
    return RuleResult(6, "leave", PASS, [_say("leave.none")])


def rule_7_no_swap_on_public_holiday(plan: SwapPlan) -> RuleResult:
    """Whoever is on duty on a public holiday may not swap (nor take leave)."""
    problems = [
        _say("holiday.found", date=_d(day), name=info.name)
        for day in sorted({plan.give_date, plan.return_date})
        if (info := public_holidays.day_info(day)).is_holiday
    ]
    if problems:
        return RuleResult(7, "holiday", FAIL, problems)
    return RuleResult(7, "holiday", PASS, [_say("holiday.none")])


def rule_8_return_shift_named(plan: SwapPlan) -> RuleResult:
    """The swap is returned: the request names the colleague's shift that comes back (还班)."""
    if (plan.give_date, plan.give_shift.id) == (plan.return_date, plan.return_shift.id):
        return RuleResult(8, "return", FAIL, [_say("return.same")])
    holder = RosterEntry.get_or_none(
        RosterEntry.agent == plan.colleague,
        RosterEntry.on_date == plan.return_date,
        RosterEntry.shift == plan.return_shift,
    )
    slot = _slot(plan.return_shift, plan.return_date)
    if holder is None and plan.status != "approved":
        said = _say("return.missing", name=plan.colleague.name, slot=slot)
        return RuleResult(8, "return", FAIL, [said])
    return RuleResult(
        8, "return", PASS, [_say("return.named", name=plan.colleague.name, slot=slot)]
    )


def rule_9_no_empty_shift(plan: SwapPlan) -> RuleResult:
    """No shift is left empty: each side's shift has its person, and nobody is booked twice."""
    if plan.status == "approved":
        return RuleResult(9, "coverage", PASS, [_say("coverage.approved")])
    problems: list[Said] = []
    if (
        RosterEntry.get_or_none(
            RosterEntry.agent == plan.requester,
            RosterEntry.on_date == plan.give_date,
            RosterEntry.shift == plan.give_shift,
        )
        is None
    ):
        problems.append(
            _say(
                "coverage.missing",
                name=plan.requester.name,
                slot=_slot(plan.give_shift, plan.give_date),
            )
        )
    for person, day, shift in (
        (plan.colleague, plan.give_date, plan.give_shift),
        (plan.requester, plan.return_date, plan.return_shift),
    ):
        if RosterEntry.get_or_none(
            RosterEntry.agent == person, RosterEntry.on_date == day, RosterEntry.shift == shift
        ):
            problems.append(_say("coverage.double", name=person.name, slot=_slot(shift, day)))
    if problems:
        return RuleResult(9, "coverage", FAIL, problems)
    return RuleResult(9, "coverage", PASS, [_say("coverage.kept")])


SWAP_RULES: tuple[Callable[[SwapPlan], RuleResult], ...] = (
    rule_1_both_agree,
    rule_2_manager_approves,
    rule_3_monthly_limit,
    rule_4_no_consecutive_swaps,
    rule_5_no_back_to_back,
    rule_6_no_leave_on_swapped_shifts,
    rule_7_no_swap_on_public_holiday,
    rule_8_return_shift_named,
    rule_9_no_empty_shift,
)


def check_swap_rules(plan: SwapPlan | SwapRequest) -> list[RuleResult]:
    """The nine rules of the regulation for a proposed or stored swap, in order."""
    if isinstance(plan, SwapRequest):
        plan = SwapPlan.of(plan)
    with settings_read_once():
        return [rule(plan) for rule in SWAP_RULES]


# --- leave ------------------------------------------------------------------------------------


@dataclass
class LeavePlan:
    agent: User
    start_at: dt.datetime
    end_at: dt.datetime
    substitute: User | None
    asked_on: dt.date
    leave_id: int | None = None


def leave_rule_6_not_on_swapped_shift(plan: LeavePlan) -> RuleResult:
    """No leave over a shift the agent swapped or returned (approved or still pending)."""
    swaps = SwapRequest.select().where(
        SwapRequest.status.in_((*ACTIVE_SWAP_STATES, "approved")),
        (SwapRequest.requester == plan.agent) | (SwapRequest.colleague == plan.agent),
        (
            (SwapRequest.give_date >= plan.start_at.date())
            & (SwapRequest.give_date <= plan.end_at.date())
        )
        | (
            (SwapRequest.return_date >= plan.start_at.date())
            & (SwapRequest.return_date <= plan.end_at.date())
        ),
    )
    problems: list[Said] = []
    for swap in swaps:
        for day, shift in (
            (swap.give_date, swap.give_shift),
            (swap.return_date, swap.return_shift),
        ):
            if any(p.start < plan.end_at and plan.start_at < p.end for p in intervals(shift, day)):
                problems.append(_say("leave_swapped.found", slot=_slot(shift, day), id=swap.id))
    if problems:
        return RuleResult(6, "leave_swapped", FAIL, _once(problems))
    return RuleResult(6, "leave_swapped", PASS, [_say("leave_swapped.none")])


def leave_rule_7_not_on_holiday_duty(plan: LeavePlan) -> RuleResult:
    """Whoever is on duty on a public holiday may not take leave."""
    entries = (
        RosterEntry.select(RosterEntry, Shift)
        .join(Shift)
        .where(
            RosterEntry.agent == plan.agent,
            RosterEntry.on_date >= plan.start_at.date(),
            RosterEntry.on_date <= plan.end_at.date(),
        )
    )
    problems: list[Said] = []
    for entry in entries:
        parts = intervals(entry.shift, entry.on_date)
        if not any(p.start < plan.end_at and plan.start_at < p.end for p in parts):
            continue
        info = public_holidays.day_info(entry.on_date)
        if info.is_holiday:
            problems.append(
                _say(
                    "leave_holiday.found",
                    name=plan.agent.name,
                    slot=_slot(entry.shift, entry.on_date),
                    holiday=info.name,
                )
            )
    if problems:
        return RuleResult(7, "leave_holiday", FAIL, problems)
    return RuleResult(7, "leave_holiday", PASS, [_say("leave_holiday.none")])


def leave_rule_notice_and_substitute(plan: LeavePlan) -> RuleResult:
    """Leave of more than a day is asked N days ahead (setting) and names a substitute."""
    days = int(_setting("leave_notice_days"))
    if plan.end_at - plan.start_at <= dt.timedelta(days=1):
        return RuleResult(0, "notice", PASS, [_say("notice.short")])
    problems: list[Said] = []
    if (plan.start_at.date() - plan.asked_on).days < days:
        problems.append(_say("notice.late", days=days))
    substitute = plan.substitute
    if substitute is None:
        problems.append(_say("notice.no_substitute"))
    elif substitute.id == plan.agent.id or not substitute.active:
        problems.append(_say("notice.bad_substitute"))
    if problems or substitute is None:
        return RuleResult(0, "notice", FAIL, problems)
    return RuleResult(0, "notice", PASS, [_say("notice.in_time", name=substitute.name)])


LEAVE_RULES: tuple[Callable[[LeavePlan], RuleResult], ...] = (
    leave_rule_notice_and_substitute,
    leave_rule_6_not_on_swapped_shift,
    leave_rule_7_not_on_holiday_duty,
)


def check_leave_rules(plan: LeavePlan | LeaveRequest) -> list[RuleResult]:
    if isinstance(plan, LeaveRequest):
        plan = LeavePlan(
            agent=plan.agent,
            start_at=plan.start_at,
            end_at=plan.end_at,
            substitute=plan.substitute,
            asked_on=plan.created_at.date(),
            leave_id=plan.id,
        )
    return [rule(plan) for rule in LEAVE_RULES]
