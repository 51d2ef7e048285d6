"""The duty roster 值班表: who works which shift on which date, edited by the manager."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from app import audit, clock, validation
from app.auth import require
from app.clock import Month
from app.errors import ValidationError
from app.i18n import translate
from app.operations import use_case
from app.roster import public_holidays
from app.roster.shifts import intervals, list_shifts
from models import LeaveRequest, RosterEntry, Shift, SwapRequest, User

OVERLAP = "overlap"
ON_LEAVE = "leave"


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and the last day of a month."""
    of = Month(year, month)
    return of.first_day, of.last_day


def weekday_label(index: int) -> str:
    """The short name of a weekday, Monday = 0 (周一 … 周日)."""
    return (
        translate("Roster", "Mon"),
        translate("Roster", "Tue"),
        translate("Roster", "Wed"),
        translate("Roster", "Thu"),
        translate("Roster", "Fri"),
        translate("Roster", "Sat"),
        translate("Roster", "Sun"),
    )[index]


def weekday_name(index: int) -> str:
    """A weekday as a list of shifts names it, Monday = 0 (周一 … 周日)."""
    return (
        translate("Roster", "Monday"),
        translate("Roster", "Tuesday"),
        translate("Roster", "Wednesday"),
        translate("Roster", "Thursday"),
        translate("Roster", "Friday"),
        translate("Roster", "Saturday"),
        translate("Roster", "Sunday"),
    )[index]


def roster_people() -> list[User]:
    """Everyone who can be on the roster: active agents and managers."""
    return list(
        User.select()
        .where(User.active, User.role.in_(("agent", "manager")))
        .order_by(User.role.desc(), User.employee_no)
    )


def entries_between(
    first: dt.date, last: dt.date, agent: User | int | None = None
) -> list[RosterEntry]:
    query = (
        RosterEntry.select(RosterEntry, Shift)
        .join(Shift)
        .where(RosterEntry.on_date >= first, RosterEntry.on_date <= last)
        .order_by(RosterEntry.on_date, Shift.sort_order)
    )
    if agent is not None:
        query = query.where(RosterEntry.agent == agent)
    return list(query)


def entry_for(agent: User | int, on_date: dt.date, shift: Shift | int) -> RosterEntry | None:
    return RosterEntry.get_or_none(
        RosterEntry.agent == agent, RosterEntry.on_date == on_date, RosterEntry.shift == shift
    )


def _check_editable(agent: User, shift: Shift) -> None:
    if not agent.active or agent.role not in ("agent", "manager"):
        raise ValidationError(
            {
                "agent": translate("Roster", "{name} cannot be put on the roster.").format(
                    name=agent.name
                )
            }
        )
    if not shift.active:
        raise ValidationError(
            {
                "shift": translate("Roster", "The shift {shift} is no longer used.").format(
                    shift=shift.name
                )
            }
        )


@use_case
def assign(actor: User, agent: User, on_date: dt.date, shift: Shift, note: str = "") -> RosterEntry:
    """Put ``agent`` on ``shift`` on ``on_date`` (managers only)."""
    require(actor, "roster.edit")
    _check_editable(agent, shift)
    validation.check_dates({"on_date": on_date})
    existing = entry_for(agent, on_date, shift)
    if existing is not None:
        return existing
    entry = RosterEntry.create(on_date=on_date, shift=shift.id, agent=agent.id, note=note)
    audit.record_create(actor, entry, summary=f"{agent.name} {on_date.isoformat()} {shift.name}")
    return entry


@use_case
def unassign(actor: User, entry: RosterEntry) -> None:
    require(actor, "roster.edit")
    audit.record_delete(
        actor, entry, summary=f"{entry.agent.name} {entry.on_date} {entry.shift.name}"
    )
    entry.delete_instance()


def is_changed(entry: RosterEntry) -> bool:
    """Changed from the plan by an approved swap or by a substitute standing in for leave (the
    grid and the printed roster mark these)."""
    return entry.swap_id is not None or entry.leave_id is not None


@use_case
def set_day(
    actor: User, agent: User, on_date: dt.date, shifts: list[Shift], *, keep_swaps: bool = False
) -> int:
    """Make ``agent``'s shifts on ``on_date`` exactly ``shifts`` (the grid's cell editor).

    With ``keep_swaps`` an entry an approved swap or a leave substitute put there stays even when
    not in ``shifts``. Returns the number of entries added."""
    require(actor, "roster.edit")
    wanted = {s.id for s in shifts}
    added = 0
    current = list(
        RosterEntry.select().where(RosterEntry.agent == agent, RosterEntry.on_date == on_date)
    )
    for entry in current:
        if entry.shift_id not in wanted and not (keep_swaps and is_changed(entry)):
            unassign(actor, entry)
    have = {e.shift_id for e in current}
    for shift in shifts:
        if shift.id not in have:
            assign(actor, agent, on_date, shift)
            added += 1
    return added


@use_case
def paint_day(actor: User, agent_id: int, on_date: dt.date, shift_id: int | None) -> int:
    """A click on the grid's cell in editing mode: ``shift_id`` is added to the person's day,
    or taken off when it is there already; None clears the day. A shift no longer in use (retired
    on another desk) is refused. Returns the number of entries added."""
    require(actor, "roster.edit")
    agent = User.get_by_id(agent_id)
    current = [e.shift for e in entries_between(on_date, on_date, agent=agent_id)]
    if shift_id is None:
        wanted: list[Shift] = []
    elif any(s.id == shift_id for s in current):
        wanted = [s for s in current if s.id != shift_id]
    else:
        chosen = Shift.get_or_none(Shift.id == shift_id)
        if chosen is None or not chosen.active:
            raise ValidationError(
                {
                    "shift": translate(
                        "Roster", "That shift is no longer in use; choose another one in the list."
                    )
                }
            )
        wanted = [*current, chosen]
    return set_day(actor, agent, on_date, wanted)


@dataclass
class PatternResult:
    """What :func:`apply_week_pattern` did, for the message to the manager."""

    created: int = 0
    kept_swaps: int = 0
    """Entries of approved swaps (and of substitutes for approved leave) on the filled days,
    left as the swap or the leave made them."""
    working_weekend_days: list[dt.date] = field(default_factory=list)
    """Adjusted working days (调休上班) on a Saturday or Sunday, given weekday shifts."""
    weekday_holidays: list[dt.date] = field(default_factory=list)
    """Public holidays on a Monday to Friday, given the weekend duty."""


def pattern_weekday(info: public_holidays.DayInfo) -> int:
    """Which weekday of the source week (0 = Monday) a target day copies.

    An ordinary day copies its own weekday. A working Saturday or Sunday (调休上班) works like the
    nearest weekday: Saturday copies Friday, Sunday copies Monday. A public holiday on a weekday
    gets weekend duty from the nearest weekend day: Monday and Tuesday copy Sunday, Wednesday to
    Friday copy Saturday."""
    weekday = info.on_date.weekday()
    if info.is_working_day and weekday >= 5:
        return 4 if weekday == 5 else 0
    if info.is_holiday and weekday < 5:
        return 6 if weekday < 2 else 5
    return weekday


@use_case
def apply_week_pattern(
    actor: User,
    week_start: dt.date,
    year: int,
    month: int,
    agents: list[User] | None = None,
    progress: Callable[[int, int], None] | None = None,
    today: dt.date | None = None,
) -> PatternResult:
    """Repeat the seven days from ``week_start`` on every other week of the month.

    Each target day from today on gets the shifts of the matching day of the source week (see
    :func:`pattern_weekday`: a working weekend day copies a weekday, a weekday public holiday
    copies a weekend day), replacing what the day had; days already past keep their history.
    Weekday shifts are never put on a public holiday, nor weekend shifts on an adjusted working
    day.

    Approved swaps stay as they are: an entry an approved swap put on the roster is kept, and
    the person who swapped that shift away is not put back on it.
    """
    require(actor, "roster.edit")
    people = agents if agents is not None else roster_people()
    people_ids = {p.id for p in people}
    source_last = week_start + dt.timedelta(days=6)
    first, last = month_bounds(year, month)
    start = max(first, today or clock.today())
    days = public_holidays.days_between(first, last)
    source: dict[tuple[int, int], list[Shift]] = defaultdict(list)
    for entry in entries_between(week_start, source_last):
        holder = entry.agent_id
        if entry.swap_id is not None:  # a one-off swap: the pattern is whose shift it was
            swap = SwapRequest.get_by_id(entry.swap_id)
            holder = swap.requester_id if holder == swap.colleague_id else swap.colleague_id
        elif entry.leave_id is not None:  # a substitute for leave: it is the leave-taker's
            holder = LeaveRequest.get_by_id(entry.leave_id).agent_id
        source[(holder, entry.on_date.weekday())].append(entry.shift)
    result = PatternResult()
    target_days = []
    day = start
    while day <= last:
        if not week_start <= day <= source_last:
            target_days.append(day)
            info = days[day]
            if info.is_working_day and day.weekday() >= 5:
                result.working_weekend_days.append(day)
            elif info.is_holiday and day.weekday() < 5:
                result.weekday_holidays.append(day)
        day += dt.timedelta(days=1)
    swapped_away: set[tuple[int, dt.date, int]] = set()
    swapped = (
        RosterEntry.select(
            RosterEntry.agent,
            RosterEntry.on_date,
            RosterEntry.shift,
            SwapRequest.requester,
            SwapRequest.colleague,
        )
        .join(SwapRequest)
        .where(RosterEntry.on_date >= start, RosterEntry.on_date <= last)
        .tuples()
    )
    for holder, on_date, shift_id, requester, colleague in swapped:
        if week_start <= on_date <= source_last:
            continue
        away = requester if holder == colleague else colleague
        swapped_away.add((away, on_date, shift_id))
        if holder in people_ids or away in people_ids:
            result.kept_swaps += 1
    covered = (
        RosterEntry.select(
            RosterEntry.agent, RosterEntry.on_date, RosterEntry.shift, LeaveRequest.agent
        )
        .join(LeaveRequest)
        .where(RosterEntry.on_date >= start, RosterEntry.on_date <= last)
        .tuples()
    )
    for holder, on_date, shift_id, on_leave in covered:
        if week_start <= on_date <= source_last:
            continue
        swapped_away.add((on_leave, on_date, shift_id))  # the leave-taker is not put back
        if holder in people_ids or on_leave in people_ids:
            result.kept_swaps += 1
    for done, person in enumerate(people):
        if progress is not None:
            progress(done, len(people))
        for day in target_days:
            info = days[day]
            shifts = [
                s
                for s in source.get((person.id, pattern_weekday(info)), [])
                if not (info.is_holiday and not s.weekend)
                and not (info.kind == public_holidays.ADJUSTED_WORKDAY and s.weekend)
                and (person.id, day, s.id) not in swapped_away
            ]
            result.created += set_day(actor, person, day, shifts, keep_swaps=True)
    return result


def approved_leave_between(first: dt.date, last: dt.date) -> list[LeaveRequest]:
    start = dt.datetime.combine(first, dt.time.min)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min)
    return list(
        LeaveRequest.select().where(
            LeaveRequest.status == "approved",
            LeaveRequest.start_at < end,
            LeaveRequest.end_at > start,
        )
    )


def _overlaps(a: list, b: list) -> bool:
    return any(x.start < y.end and y.start < x.end for x in a for y in b)


@dataclass
class MonthRoster:
    year: int
    month: int
    people: list[User]
    days: list[public_holidays.DayInfo]
    shifts: list[Shift]
    cells: dict[tuple[int, dt.date], list[RosterEntry]] = field(default_factory=dict)
    flags: dict[tuple[int, dt.date], set[str]] = field(default_factory=dict)
    # what an entry moved by a swap or handed over for leave says, in the reader's language
    notes: dict[int, str] = field(default_factory=dict)


def entry_notes(entries: list[RosterEntry]) -> dict[int, str]:
    """Each entry's note: its own, else the swap or the leave that moved it to this person."""
    leave_ids = {e.leave_id for e in entries if getattr(e, "leave_id", None)}
    askers = (
        dict(
            LeaveRequest.select(LeaveRequest.id, User.name)
            .join(User, on=(LeaveRequest.agent == User.id))
            .where(LeaveRequest.id.in_(list(leave_ids)))
            .tuples()
        )
        if leave_ids
        else {}
    )
    notes: dict[int, str] = {}
    for e in entries:
        if e.note:
            notes[e.id] = e.note
        elif e.swap_id:
            notes[e.id] = translate("Swaps", "swap no. {id}").format(id=e.swap_id)
        elif getattr(e, "leave_id", None):
            notes[e.id] = translate("Leave", "stands in for {name} (leave no. {id})").format(
                name=askers.get(e.leave_id, "?"), id=e.leave_id
            )
    return notes


def month_roster(year: int, month: int) -> MonthRoster:
    """Everything the month grid and the printed roster show, with overlaps and leave flagged."""
    first, last = month_bounds(year, month)
    result = MonthRoster(
        year=year,
        month=month,
        people=roster_people(),
        days=public_holidays.month_days(year, month),
        shifts=list_shifts(include_inactive=True),
    )
    listed = entries_between(first, last)
    for entry in listed:
        result.cells.setdefault((entry.agent_id, entry.on_date), []).append(entry)
    result.notes = entry_notes(list(listed))
    for key, entries in result.cells.items():
        spans = [(e, intervals(e.shift, e.on_date)) for e in entries]
        for i, (_a, ia) in enumerate(spans):
            for _b, ib in spans[i + 1 :]:
                if _overlaps(ia, ib):
                    result.flags.setdefault(key, set()).add(OVERLAP)
    for leave in approved_leave_between(first, last):
        for (agent_id, day), entries in result.cells.items():
            if agent_id != leave.agent_id:
                continue
            for entry in entries:
                for part in intervals(entry.shift, day):
                    if part.start < leave.end_at and leave.start_at < part.end:
                        result.flags.setdefault((agent_id, day), set()).add(ON_LEAVE)
    return result


def flag_label(flag: str) -> str:
    return {
        OVERLAP: translate("Roster", "Overlapping shifts"),
        ON_LEAVE: translate("Roster", "On approved leave during this shift"),
    }.get(flag, flag)
