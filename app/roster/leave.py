"""Leave requests 请假: an agent asks, the manager approves or rejects (rules 6, 7 and notice).

Approving leave that names a substitute hands the agent's shifts during the leave to the
substitute on the roster (marked as changed, as swapped shifts are); a shift nobody takes over
stays unstaffed, and the approval says so in plain words (:class:`Cover`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app import audit, clock, validation
from app.auth import require
from app.clock import now
from app.errors import ValidationError
from app.i18n import translate
from app.operations import use_case
from app.records import save_changes, select_with
from app.roster import rules
from app.roster.shifts import intervals
from app.roster.workflow import APPROVED, LEAVE, PENDING, REJECTED, WITHDRAWN
from models import LeaveRequest as LeaveRequest  # re-exported: the type screens hold
from models import RosterEntry, Shift, User

KINDS = ("personal", "sick", "annual", "other")


def kind_label(kind: str) -> str:
    return {
        "personal": translate("Leave", "Personal leave"),
        "sick": translate("Leave", "Sick leave"),
        "annual": translate("Leave", "Annual leave"),
        "other": translate("Leave", "Other"),
    }.get(kind, kind)


def state_label(status: str) -> str:
    return {
        PENDING: translate("Leave", "Waiting for the manager"),
        APPROVED: translate("Leave", "Approved"),
        REJECTED: translate("Leave", "Rejected"),
        WITHDRAWN: translate("Leave", "Withdrawn"),
    }.get(status, status)


def plan_for(
    agent: User,
    start_at: dt.datetime | None,
    end_at: dt.datetime | None,
    substitute: User | None,
    asked_on: dt.date | None = None,
) -> rules.LeavePlan:
    errors: dict[str, str] = {}
    if start_at is None:
        errors["start_at"] = translate("Leave", "Give the start of the leave.")
    if end_at is None:
        errors["end_at"] = translate("Leave", "Give the end of the leave.")
    elif start_at is not None and end_at <= start_at:
        errors["end_at"] = translate("Leave", "The leave must end after it starts.")
    for key, value in (("start_at", start_at), ("end_at", end_at)):
        if key not in errors and (problem := validation.date_problem(value)) is not None:
            errors[key] = problem
    if errors:
        raise ValidationError(errors)
    assert start_at and end_at
    return rules.LeavePlan(
        agent=agent,
        start_at=start_at,
        end_at=end_at,
        substitute=substitute,
        asked_on=asked_on or clock.today(),
    )


@use_case
def request_leave(actor: User, plan: rules.LeavePlan, kind: str, reason: str) -> LeaveRequest:
    """The agent asks for leave; the rule results travel with the request to the manager."""
    require(actor, "work")
    if plan.agent.id != actor.id:
        raise ValidationError(translate("Leave", "You can only ask leave for yourself."))
    errors: dict[str, str] = {}
    if kind not in KINDS:
        errors["kind"] = translate("Leave", "Choose the kind of leave.")
    if not reason.strip():
        errors["reason"] = translate("Leave", "Give a reason for the leave.")
    overlapping = LeaveRequest.select().where(
        LeaveRequest.agent == actor,
        LeaveRequest.status.in_((PENDING, APPROVED)),
        LeaveRequest.start_at < plan.end_at,
        LeaveRequest.end_at > plan.start_at,
    )
    if overlapping.exists():
        errors["start_at"] = translate("Leave", "You already asked leave for part of this time.")
    if errors:
        raise ValidationError(errors)
    results = rules.check_leave_rules(plan)
    leave = LeaveRequest.create(
        agent=actor.id,
        start_at=plan.start_at,
        end_at=plan.end_at,
        kind=kind,
        reason=reason.strip(),
        substitute=plan.substitute.id if plan.substitute else None,
        status=PENDING,
        rule_results=rules.results_to_json(results),
    )
    audit.record_create(actor, leave, summary=_summary(leave))
    return leave


def plan_from_form(
    agent: User,
    start_at: dt.datetime | None,
    end_at: dt.datetime | None,
    substitute_id: int | None,
    asked_on: dt.date | None = None,
) -> rules.LeavePlan:
    """The leave form's values as a plan (the substitute by id)."""
    substitute = User.get_or_none(User.id == substitute_id) if substitute_id is not None else None
    return plan_for(agent, start_at, end_at, substitute, asked_on=asked_on)


def preview_form(
    agent: User,
    start_at: dt.datetime | None,
    end_at: dt.datetime | None,
    substitute_id: int | None,
    asked_on: dt.date | None = None,
) -> list[rules.RuleResult]:
    """The rule results the agent sees before sending (ValidationError for bad times)."""
    return rules.check_leave_rules(plan_from_form(agent, start_at, end_at, substitute_id, asked_on))


@use_case
def request_from_form(
    actor: User,
    start_at: dt.datetime | None,
    end_at: dt.datetime | None,
    substitute_id: int | None,
    kind: str,
    reason: str,
    asked_on: dt.date | None = None,
) -> int:
    """The leave form's send: the request (its id)."""
    plan = plan_from_form(actor, start_at, end_at, substitute_id, asked_on)
    return int(request_leave(actor, plan, kind, reason).id)


def _summary(leave: LeaveRequest) -> str:
    """The audit trail's line: whose leave and when, in no language (the trail names the
    record)."""
    return f"{leave.agent.name} {leave.start_at:%Y-%m-%d %H:%M} – {leave.end_at:%Y-%m-%d %H:%M}"


def get_leave(leave_id: int) -> LeaveRequest | None:
    """The leave request, or None when there is none with this id."""
    return LeaveRequest.get_or_none(LeaveRequest.id == leave_id)


def _reload(leave: LeaveRequest | int) -> LeaveRequest:
    return LeaveRequest.get_by_id(leave if isinstance(leave, int) else leave.id)


def _state_error(leave: LeaveRequest) -> ValidationError:
    return ValidationError(
        translate("Leave", "Leave no. {id} is {state}: this step is not possible now.").format(
            id=leave.id, state=state_label(leave.status)
        )
    )


def _check_decider(actor: User, leave: LeaveRequest) -> None:
    require(actor, "leave.decide")
    if actor.id == leave.agent_id:
        raise ValidationError(
            translate("Leave", "You cannot decide your own leave: another manager must.")
        )
    if not LEAVE.offers(leave, "approve"):
        raise _state_error(leave)


@dataclass
class Cover:
    """Who works the agent's shifts during a leave: the ones the substitute takes over, and the
    ones that stay unstaffed with the reason (no substitute named, or the substitute is busy)."""

    leave: LeaveRequest
    handed: list[RosterEntry] = field(default_factory=list)
    unstaffed: list[tuple[RosterEntry, str]] = field(default_factory=list)

    def text(self) -> str:
        """What approving does (or did) to the roster, in plain words."""
        if not self.handed and not self.unstaffed:
            return translate("Leave", "No shift of {name} falls in the leave.").format(
                name=self.leave.agent.name
            )
        lines = []
        substitute = self.leave.substitute if self.leave.substitute_id else None
        if self.handed and substitute is not None:
            lines.append(
                translate("Leave", "{substitute} takes over: {shifts}.").format(
                    substitute=substitute.name,
                    shifts=", ".join(_slot(e) for e in self.handed),
                )
            )
        for entry, why in self.unstaffed:
            lines.append(
                translate("Leave", "{shift} stays unstaffed: {why}").format(
                    shift=_slot(entry), why=why
                )
            )
        return "\n".join(lines)


def _slot(entry: RosterEntry) -> str:
    return f"{entry.on_date:%Y-%m-%d} {entry.shift.name}"


def shifts_during(leave: LeaveRequest) -> list[RosterEntry]:
    """The agent's roster entries that overlap the leave (a shift the leave touches is covered
    whole: the roster knows shifts, not hours)."""
    entries = (
        RosterEntry.select(RosterEntry, Shift)
        .join(Shift)
        .where(
            RosterEntry.agent == leave.agent_id,
            RosterEntry.on_date >= leave.start_at.date() - dt.timedelta(days=1),
            RosterEntry.on_date <= leave.end_at.date(),
        )
        .order_by(RosterEntry.on_date, Shift.sort_order, Shift.id)
    )
    return [
        entry
        for entry in entries
        if any(
            part.start < leave.end_at and leave.start_at < part.end
            for part in intervals(entry.shift, entry.on_date)
        )
    ]


def cover_for(leave: LeaveRequest) -> Cover:
    """What approving ``leave`` will do to the roster (nothing is changed here)."""
    cover = Cover(leave)
    substitute = leave.substitute if leave.substitute_id else None
    for entry in shifts_during(leave):
        if substitute is None:
            cover.unstaffed.append((entry, translate("Leave", "no substitute is named.")))
            continue
        theirs = (
            RosterEntry.select(RosterEntry, Shift)
            .join(Shift)
            .where(RosterEntry.agent == substitute.id, RosterEntry.on_date == entry.on_date)
        )
        mine = intervals(entry.shift, entry.on_date)
        busy = [
            other
            for other in theirs
            if other.shift_id == entry.shift_id
            or any(
                a.start < b.end and b.start < a.end
                for a in mine
                for b in intervals(other.shift, other.on_date)
            )
        ]
        if busy:
            cover.unstaffed.append(
                (
                    entry,
                    translate("Leave", "{name} works {shift} then.").format(
                        name=substitute.name, shift=busy[0].shift.name
                    ),
                )
            )
        else:
            cover.handed.append(entry)
    return cover


@use_case
def approve(
    actor: User, leave: LeaveRequest | int, reason: str = "", override_reason: str = ""
) -> Cover:
    """The manager approves: the substitute takes the agent's shifts during the leave over on
    the roster; the returned :class:`Cover` says which, and which stay unstaffed."""
    leave = _reload(leave)
    _check_decider(actor, leave)
    results = rules.check_leave_rules(leave)
    failed = rules.failed_rules(results)
    if failed and not override_reason.strip():
        raise ValidationError(
            {
                "override_reason": translate(
                    "Leave",
                    "A rule is not met: approving needs a written reason for the exception.",
                )
            }
        )
    cover = cover_for(leave)
    for entry in cover.handed:
        # the entry names its leave; the grid says so in the reader's language
        RosterEntry.update(agent=leave.substitute_id, leave=leave.id, note="").where(
            RosterEntry.id == entry.id
        ).execute()
        audit.record(
            actor,
            "update",
            "roster_entry",
            entry.id,
            {"agent": [entry.agent_id, leave.substitute_id], "leave": [None, leave.id]},
            _summary(leave),
        )
    save_changes(
        actor,
        leave,
        {
            "status": APPROVED,
            "decided_by": actor.id,
            "decided_at": now(),
            "decision_reason": reason.strip(),
            "override_reason": override_reason.strip() if failed else "",
            "rule_results": rules.results_to_json(results),
        },
        summary=_summary(leave),
    )
    return cover


@use_case
def reject(actor: User, leave: LeaveRequest | int, reason: str) -> LeaveRequest:
    leave = _reload(leave)
    _check_decider(actor, leave)
    if not reason.strip():
        raise ValidationError({"reason": translate("Leave", "Say why the leave is rejected.")})
    save_changes(
        actor,
        leave,
        {
            "status": REJECTED,
            "decided_by": actor.id,
            "decided_at": now(),
            "decision_reason": reason.strip(),
            "rule_results": rules.results_to_json(rules.check_leave_rules(leave)),
        },
        summary=_summary(leave),
    )
    return leave


def may_withdraw(actor: User, leave: LeaveRequest) -> bool:
    """The one who asked withdraws a pending request, or approved leave that has not begun (they
    come to work after all: the shifts the substitute took over go back to them)."""
    return LEAVE.allows(actor, leave, "withdraw")


@use_case
def withdraw(actor: User, leave: LeaveRequest | int) -> LeaveRequest:
    leave = _reload(leave)
    if leave.agent_id != actor.id:
        raise ValidationError(translate("Leave", "Only the one who asked can withdraw the leave."))
    if not may_withdraw(actor, leave):
        if leave.status == APPROVED:
            raise ValidationError(
                translate(
                    "Leave", "Leave no. {id} has begun: it can no longer be withdrawn."
                ).format(id=leave.id)
            )
        raise _state_error(leave)
    for entry in RosterEntry.select().where(RosterEntry.leave == leave.id):
        RosterEntry.update(agent=leave.agent_id, leave=None, note="").where(
            RosterEntry.id == entry.id
        ).execute()
        audit.record(
            actor,
            "update",
            "roster_entry",
            entry.id,
            {"agent": [entry.agent_id, leave.agent_id], "leave": [leave.id, None]},
            _summary(leave),
        )
    save_changes(actor, leave, {"status": WITHDRAWN}, summary=_summary(leave))
    return leave


def check_leave_rules_for(leave: LeaveRequest) -> list[rules.RuleResult]:
    return rules.check_leave_rules(leave)


def check_leave_rules_for_plan(plan: rules.LeavePlan) -> list[rules.RuleResult]:
    """The rule results the agent sees before sending."""
    return rules.check_leave_rules(plan)


def current_results(leave: LeaveRequest) -> list[rules.RuleResult]:
    if leave.status == PENDING:
        return rules.check_leave_rules(leave)
    return rules.results_from_json(leave.rule_results)


def leave_for(user: User) -> list[LeaveRequest]:
    return list(
        select_with(LeaveRequest, "agent", "substitute")
        .where(LeaveRequest.agent == user)
        .order_by(LeaveRequest.id.desc())
    )


def awaiting_decision(user: User | None = None) -> list[LeaveRequest]:
    query = select_with(LeaveRequest, "agent", "substitute").where(LeaveRequest.status == PENDING)
    if user is not None:
        query = query.where(LeaveRequest.agent != user)
    return list(query.order_by(LeaveRequest.start_at))


def can_decide(user: User, leave: LeaveRequest) -> bool:
    return LEAVE.allows(user, leave, "approve")


def recent_leave(limit: int = 500) -> list[LeaveRequest]:
    """Everyone's leave requests, newest first (the manager's overview)."""
    return list(
        select_with(LeaveRequest, "agent", "substitute")
        .order_by(LeaveRequest.id.desc())
        .limit(limit)
    )
