"""Leave requests 请假: an agent asks, the manager approves or rejects (rules 6, 7 and notice)."""

from __future__ import annotations

import datetime as dt

from app import audit, clock
from app.auth import can, require
from app.clock import now
from app.errors import ValidationError
from app.i18n import translate
from app.records import save_changes, select_with
from app.roster import rules
from models import LeaveRequest, User

PENDING = "pending"
APPROVED = "approved"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"
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


def _summary(leave: LeaveRequest) -> str:
    return translate("Leave", "Leave no. {id}: {name}").format(id=leave.id, name=leave.agent.name)


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
    if leave.status != PENDING:
        raise _state_error(leave)


def approve(
    actor: User, leave: LeaveRequest | int, reason: str = "", override_reason: str = ""
) -> LeaveRequest:
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
    return leave


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
    come to work after all: approval marked the shifts, it moved nobody, so nothing else moves)."""
    if leave.agent_id != actor.id:
        return False
    return leave.status == PENDING or (leave.status == APPROVED and leave.start_at > now())


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
    return can(user, "leave.decide") and leave.status == PENDING and leave.agent_id != user.id


def recent_leave(limit: int = 500) -> list[LeaveRequest]:
    """Everyone's leave requests, newest first (the manager's overview)."""
    return list(
        select_with(LeaveRequest, "agent", "substitute")
        .order_by(LeaveRequest.id.desc())
        .limit(limit)
    )
