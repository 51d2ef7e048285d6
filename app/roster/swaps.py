"""Shift swaps 换班: request, the colleague's answer, the manager's decision, withdrawal.

States: ``pending_colleague`` -> ``pending_manager`` (accepted) or ``declined``;
``pending_manager`` -> ``approved`` or ``rejected``; either pending state -> ``withdrawn`` by the
requester. The roster changes only at approval. Every change of state is audited.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from app import audit, clock, sentences
from app.auth import require
from app.clock import Month, now
from app.errors import ValidationError
from app.i18n import translate
from app.operations import use_case
from app.records import save_changes, select_with
from app.roster import rules
from app.roster.roster import entries_between, entry_for, roster_people, weekday_name
from app.roster.workflow import (
    APPROVED,
    DECLINED,
    OPEN_SWAP_STATES,
    PENDING_COLLEAGUE,
    PENDING_MANAGER,
    REJECTED,
    SWAP,
    SWAP_STATES,
    WITHDRAWN,
)
from models import RosterEntry, Shift, User
from models import SwapRequest as SwapRequest  # re-exported: the type screens hold

STATES = SWAP_STATES
OPEN_STATES = OPEN_SWAP_STATES


def state_label(status: str) -> str:
    return {
        PENDING_COLLEAGUE: translate("Swaps", "Waiting for the colleague"),
        PENDING_MANAGER: translate("Swaps", "Waiting for the manager"),
        APPROVED: translate("Swaps", "Approved"),
        REJECTED: translate("Swaps", "Rejected"),
        DECLINED: translate("Swaps", "Declined by the colleague"),
        WITHDRAWN: translate("Swaps", "Withdrawn"),
    }.get(status, status)


def _state_error(swap: SwapRequest) -> ValidationError:
    return ValidationError(
        translate("Swaps", "Swap no. {id} is {state}: this step is not possible now.").format(
            id=swap.id, state=state_label(swap.status)
        )
    )


def get_swap(swap_id: int) -> SwapRequest | None:
    """The swap, or None when there is none with this id."""
    return SwapRequest.get_or_none(SwapRequest.id == swap_id)


def _reload(swap: SwapRequest | int) -> SwapRequest:
    swap_id = swap if isinstance(swap, int) else swap.id
    return SwapRequest.get_by_id(swap_id)


def plan_for(
    requester: User,
    colleague: User | None,
    give_date: dt.date | None,
    give_shift: Shift | None,
    return_date: dt.date | None,
    return_shift: Shift | None,
) -> rules.SwapPlan:
    """A draft swap from a form's values; missing values raise ValidationError at their field."""
    errors: dict[str, str] = {}
    if give_date is None or give_shift is None:
        errors["give"] = translate("Swaps", "Choose one of your shifts to give.")
    if colleague is None:
        errors["colleague"] = translate("Swaps", "Choose the colleague who takes it.")
    if return_date is None or return_shift is None:
        errors["return"] = translate("Swaps", "Choose the colleague's shift that you take back.")
    if errors:
        raise ValidationError(errors)
    assert colleague and give_date and give_shift and return_date and return_shift
    return rules.SwapPlan(requester, colleague, give_date, give_shift, return_date, return_shift)


def preview(plan: rules.SwapPlan) -> list[rules.RuleResult]:
    """The rule results the requester sees before sending."""
    return rules.check_swap_rules(plan)


@use_case
def request_swap(
    actor: User, plan: rules.SwapPlan, reason: str, *, today: dt.date | None = None
) -> SwapRequest:
    """The requester sends a swap to the colleague. Failing rules are shown, not blocking yet;
    the manager decides on them. A swap with nobody to take it or nothing to return is refused."""
    require(actor, "work")
    if plan.requester.id != actor.id:
        raise ValidationError(translate("Swaps", "You can only ask to swap your own shifts."))
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = translate("Swaps", "Give a reason for the swap.")
    today = today or clock.today()
    if plan.give_date < today:
        errors["give"] = translate("Swaps", "That shift is in the past.")
    elif entry_for(actor, plan.give_date, plan.give_shift) is None:
        errors["give"] = translate("Swaps", "You are not on the roster for that shift.")
    if plan.colleague.id == actor.id:
        errors["colleague"] = translate("Swaps", "Choose a colleague other than yourself.")
    elif plan.return_date < today:
        errors["return"] = translate("Swaps", "That shift is in the past.")
    elif entry_for(plan.colleague, plan.return_date, plan.return_shift) is None:
        errors["return"] = translate("Swaps", "{name} is not on the roster for that shift.").format(
            name=plan.colleague.name
        )
    open_same = SwapRequest.select().where(
        SwapRequest.status.in_(OPEN_STATES),
        SwapRequest.requester == actor,
        SwapRequest.give_date == plan.give_date,
        SwapRequest.give_shift == plan.give_shift,
    )
    if "give" not in errors and open_same.exists():
        errors["give"] = translate("Swaps", "You already asked to swap this shift.")
    if errors:
        raise ValidationError(errors)
    results = rules.check_swap_rules(plan)
    swap = SwapRequest.create(
        requester=actor.id,
        colleague=plan.colleague.id,
        give_date=plan.give_date,
        give_shift=plan.give_shift.id,
        return_date=plan.return_date,
        return_shift=plan.return_shift.id,
        reason=reason.strip(),
        status=PENDING_COLLEAGUE,
        rule_results=rules.results_to_json(results),
    )
    audit.record_create(actor, swap, summary=_summary(swap))
    return swap


def _summary(swap: SwapRequest) -> str:
    """The audit trail's line: who swaps with whom, in no language (the trail names the record)."""
    return f"{swap.requester.name} ⇄ {swap.colleague.name}"


def _set(actor: User, swap: SwapRequest, changes: dict, summary: str = "") -> None:
    save_changes(actor, swap, changes, summary=summary or _summary(swap))


@use_case
def answer(actor: User, swap: SwapRequest | int, accept: bool) -> SwapRequest:
    """The colleague accepts or declines (rule 1)."""
    swap = _reload(swap)
    if swap.colleague_id != actor.id:
        raise ValidationError(
            translate("Swaps", "Only the colleague named in the swap answers it.")
        )
    if not SWAP.offers(swap, "accept" if accept else "decline"):
        raise _state_error(swap)
    status = PENDING_MANAGER if accept else DECLINED
    results = rules.check_swap_rules(dataclasses.replace(rules.SwapPlan.of(swap), status=status))
    _set(
        actor,
        swap,
        {
            "status": status,
            "colleague_answered_at": now(),
            "rule_results": rules.results_to_json(results),
        },
    )
    return swap


def accept(actor: User, swap: SwapRequest | int) -> SwapRequest:
    return answer(actor, swap, True)


def decline(actor: User, swap: SwapRequest | int) -> SwapRequest:
    return answer(actor, swap, False)


@use_case
def withdraw(actor: User, swap: SwapRequest | int) -> SwapRequest:
    """The requester takes the swap back before the manager's decision."""
    swap = _reload(swap)
    if swap.requester_id != actor.id:
        raise ValidationError(translate("Swaps", "Only the requester can withdraw a swap."))
    if not SWAP.offers(swap, "withdraw"):
        raise _state_error(swap)
    _set(actor, swap, {"status": WITHDRAWN})
    return swap


def _check_decider(actor: User, swap: SwapRequest) -> None:
    require(actor, "swap.decide")
    if actor.id in (swap.requester_id, swap.colleague_id):
        raise ValidationError(
            translate("Swaps", "You take part in this swap: another manager must decide it.")
        )
    if not SWAP.offers(swap, "approve"):
        raise _state_error(swap)


@use_case
def approve(
    actor: User,
    swap: SwapRequest | int,
    reason: str = "",
    override_reason: str = "",
    *,
    today: dt.date | None = None,
) -> SwapRequest:
    """The manager approves: the roster changes now. A failed rule needs a written override.

    A swap takes effect only from its approval, so a swap whose shift has passed cannot be
    approved any more: the manager rejects it (and corrects the roster if people did swap)."""
    swap = _reload(swap)
    _check_decider(actor, swap)
    today = today or clock.today()
    passed = min(swap.give_date, swap.return_date)
    if passed < today:
        raise ValidationError(
            translate(
                "Swaps",
                "The shift on {date} has passed: a swap takes effect only from its approval, "
                "so it can no longer be approved. Reject it instead.",
            ).format(date=passed.isoformat())
        )
    results = rules.check_swap_rules(swap)
    failed = rules.failed_rules(results)
    if failed and not override_reason.strip():
        raise ValidationError(
            {
                "override_reason": translate(
                    "Swaps",
                    "Rule(s) {rules} not met: approving needs a written reason for the exception.",
                ).format(rules=", ".join(str(r.rule) for r in failed))
            }
        )
    give = entry_for(swap.requester_id, swap.give_date, swap.give_shift_id)
    back = entry_for(swap.colleague_id, swap.return_date, swap.return_shift_id)
    if give is None or back is None:
        raise ValidationError(
            translate(
                "Swaps",
                "The roster changed since the swap was asked: the shifts are no longer "
                "where the swap expects them. Reject it and ask again.",
            )
        )
    for entry, new_agent in ((give, swap.colleague_id), (back, swap.requester_id)):
        clash = entry_for(new_agent, entry.on_date, entry.shift_id)
        if clash is not None:
            raise ValidationError(
                translate(
                    "Swaps", "{name} is already on that shift; the swap cannot be applied."
                ).format(name=User.get_by_id(new_agent).name)
            )
    for entry, new_agent in ((give, swap.colleague_id), (back, swap.requester_id)):
        # the entry names its swap; the grid says so in the reader's language
        RosterEntry.update(agent=new_agent, swap=swap.id, note="").where(
            RosterEntry.id == entry.id
        ).execute()
        audit.record(
            actor,
            "update",
            "roster_entry",
            entry.id,
            {"agent": [entry.agent_id, new_agent], "swap": [None, swap.id]},
            _summary(swap),
        )
    final = rules.check_swap_rules(dataclasses.replace(rules.SwapPlan.of(swap), status=APPROVED))
    _set(
        actor,
        swap,
        {
            "status": APPROVED,
            "decided_by": actor.id,
            "decided_at": now(),
            "decision_reason": reason.strip(),
            "override_reason": override_reason.strip() if failed else "",
            "rule_results": rules.results_to_json(_keep_failures(results, final)),
        },
    )
    return swap


def _keep_failures(
    before: list[rules.RuleResult], after: list[rules.RuleResult]
) -> list[rules.RuleResult]:
    """After approval the record keeps the failures that were overridden, and the rest as met."""
    return [b if b.failed else a for b, a in zip(before, after, strict=True)]


@use_case
def reject(actor: User, swap: SwapRequest | int, reason: str) -> SwapRequest:
    """The manager rejects with a reason; the roster stays as it is."""
    swap = _reload(swap)
    _check_decider(actor, swap)
    if not reason.strip():
        raise ValidationError({"reason": translate("Swaps", "Say why the swap is rejected.")})
    results = rules.check_swap_rules(swap)
    _set(
        actor,
        swap,
        {
            "status": REJECTED,
            "decided_by": actor.id,
            "decided_at": now(),
            "decision_reason": reason.strip(),
            "rule_results": rules.results_to_json(results),
        },
    )
    return swap


def current_results(swap: SwapRequest) -> list[rules.RuleResult]:
    """Live results while the swap is open; the stored ones once it is decided."""
    if swap.status in OPEN_STATES:
        return rules.check_swap_rules(swap)
    return rules.results_from_json(swap.rule_results)


def swaps_for(user: User, states: tuple[str, ...] | None = None) -> list[SwapRequest]:
    """The swaps ``user`` takes part in, newest first."""
    query = select_with(SwapRequest, "requester", "colleague", "give_shift", "return_shift").where(
        (SwapRequest.requester == user) | (SwapRequest.colleague == user)
    )
    if states:
        query = query.where(SwapRequest.status.in_(states))
    return list(query.order_by(SwapRequest.id.desc()))


def awaiting_answer(user: User) -> list[SwapRequest]:
    return list(
        SwapRequest.select()
        .where(SwapRequest.colleague == user, SwapRequest.status == PENDING_COLLEAGUE)
        .order_by(SwapRequest.id)
    )


def awaiting_decision(user: User | None = None) -> list[SwapRequest]:
    """Swaps for the manager's inbox (those ``user`` takes part in left out)."""
    query = select_with(SwapRequest, "requester", "colleague", "give_shift", "return_shift").where(
        SwapRequest.status == PENDING_MANAGER
    )
    if user is not None:
        query = query.where(SwapRequest.requester != user, SwapRequest.colleague != user)
    return list(query.order_by(SwapRequest.id))


def swaps_in_month(year: int | None = None, month: int | None = None) -> list[SwapRequest]:
    query = SwapRequest.select().order_by(SwapRequest.id)
    if year is not None and month is not None:
        first, last = Month(year, month).first_day, Month(year, month).next().first_day
        query = query.where(
            ((SwapRequest.give_date >= first) & (SwapRequest.give_date < last))
            | ((SwapRequest.return_date >= first) & (SwapRequest.return_date < last))
        )
    return list(query)


def can_decide(user: User, swap: SwapRequest) -> bool:
    return SWAP.allows(user, swap, "approve")


def recent_swaps(limit: int = 500) -> list[SwapRequest]:
    """Everyone's swaps, newest first (the manager's overview)."""
    return list(
        select_with(SwapRequest, "requester", "colleague", "give_shift", "return_shift")
        .order_by(SwapRequest.id.desc())
        .limit(limit)
    )


# --- choosing a swap --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Slot:
    """A shift on a day of someone's roster, as the swap form lists it: ``label`` starts with the
    date, then the weekday, the shift and its hours."""

    agent_id: int
    agent_name: str
    on_date: dt.date
    shift_id: int
    label: str


def slot_label(day: dt.date, shift: Shift) -> str:
    return f"{day:%Y-%m-%d} {weekday_name(day.weekday())} {shift.name} {shift.segments}"


def _slots(entries: list[RosterEntry], names: dict[int, str]) -> list[Slot]:
    return [
        Slot(
            e.agent_id,
            names.get(e.agent_id, ""),
            e.on_date,
            e.shift_id,
            slot_label(e.on_date, e.shift),
        )
        for e in entries
    ]


def own_slots(user: User, first: dt.date, last: dt.date) -> list[Slot]:
    """The user's shifts from ``first`` to ``last``: what they can give."""
    return _slots(entries_between(first, last, agent=user), {user.id: user.name})


def colleague_slots(
    user: User,
    first: dt.date,
    last: dt.date,
    colleague_id: int | None = None,
    on_date: dt.date | None = None,
) -> list[Slot]:
    """Colleagues' shifts the user could take back: of one colleague or of everyone on the
    roster, on one day or from ``first`` to ``last``, by date."""
    if on_date is not None:
        first = last = on_date
    names = {p.id: p.name for p in roster_people() if p.id != user.id}
    if colleague_id is not None:
        names = {k: v for k, v in names.items() if k == colleague_id}
    entries = entries_between(first, last)
    return _slots([e for e in entries if e.agent_id in names], names)


def plan_from_slots(
    requester: User, give: Slot | None, colleague_id: int | None, back: Slot | None
) -> rules.SwapPlan:
    """A draft swap from the form's choices (the colleague is the one whose shift is taken back);
    missing choices raise ValidationError at their field."""
    colleague_id = back.agent_id if back is not None else colleague_id
    colleague = User.get_or_none(User.id == colleague_id) if colleague_id is not None else None
    return plan_for(
        requester,
        colleague,
        give.on_date if give else None,
        Shift.get_by_id(give.shift_id) if give else None,
        back.on_date if back else None,
        Shift.get_by_id(back.shift_id) if back else None,
    )


def preview_slots(
    requester: User, give: Slot | None, colleague_id: int | None, back: Slot | None
) -> list[rules.RuleResult]:
    """The rule results of the form's choices before sending (ValidationError at the field of a
    missing choice)."""
    return preview(plan_from_slots(requester, give, colleague_id, back))


@use_case
def request_from_slots(
    actor: User,
    give: Slot | None,
    colleague_id: int | None,
    back: Slot | None,
    reason: str,
    *,
    today: dt.date | None = None,
) -> int:
    """The swap form's send: the request made from its choices (its id)."""
    plan = plan_from_slots(actor, give, colleague_id, back)
    return int(request_swap(actor, plan, reason, today=today).id)


def suggested_returns(
    requester: User,
    give_date: dt.date,
    give_shift: Shift | int,
    *,
    today: dt.date | None = None,
    within_days: int = 14,
    limit: int = 12,
) -> list[Slot]:
    """Colleagues' shifts that, taken back for the shift given, meet every rule that can be checked
    before sending (the colleague's and the manager's answers still wait), nearest the given day
    first: the nine rules decide (:func:`app.roster.rules.check_swap_rules`)."""
    today = today or clock.today()
    shift = give_shift if isinstance(give_shift, Shift) else Shift.get_by_id(give_shift)
    first = max(today + dt.timedelta(days=1), give_date - dt.timedelta(days=within_days))
    last = give_date + dt.timedelta(days=within_days)
    people = {p.id: p for p in roster_people()}
    candidates = sorted(
        (
            e
            for e in entries_between(first, last)
            if e.agent_id in people and e.agent_id != requester.id
        ),
        key=lambda e: (abs((e.on_date - give_date).days), e.on_date, e.agent_id),
    )
    found: list[Slot] = []
    with rules.settings_read_once():
        for entry in candidates:
            plan = rules.SwapPlan(
                requester, people[entry.agent_id], give_date, shift, entry.on_date, entry.shift
            )
            if not rules.failed_rules(rules.check_swap_rules(plan)):
                found.append(_slots([entry], {entry.agent_id: people[entry.agent_id].name})[0])
                if len(found) >= limit:
                    break
    return found


@sentences.register("demo.roster")
def _demo_line(values: dict[str, Any]) -> str:
    """The demo's line for the roster, the swaps' states by their labels."""
    counts = values.get("swaps") or {}
    states = translate("RosterDemo", ", ").join(
        f"{state_label(state)} {count}" for state, count in sorted(counts.items())
    )
    return translate(
        "RosterDemo",
        "roster: {entries} shifts {first}..{last}, swaps ({states}), {leaves} leave requests, "
        "{handovers} handovers",
    ).format(**{**values, "states": states})
