"""Demo data of the roster: shifts, a roster over the demo months and the next one, swaps in every
state, leave requests and a handover history with open issues. Same seed, same data."""

from __future__ import annotations

import datetime as dt

from app import sentences
from app.demo import DemoContext
from app.roster import handover, leave, public_holidays, rules, swaps
from app.roster.roster import month_bounds
from app.roster.shifts import list_shifts
from app.sentences import Sentence
from models import (
    HandoverEntry,
    HandoverIssue,
    LeaveRequest,
    RosterEntry,
    SwapRequest,
    User,
    database,
)

REASONS = ("家里有事需要处理", "孩子学校开家长会", "需要去医院复查", "参加亲戚婚礼", "办理个人证件")
EQUIPMENT = (
    "电脑、耳麦、座机均正常。",
    "3号座机话筒有杂音，已报行政。",
    "CRM 系统下午卡顿约十分钟，已恢复。",
    "打印机缺纸，已补充。",
    "耳麦一副损坏，已换备用。",
)
ISSUES = (
    "某学校反映投影设备无法开机，工程师明天上午回电",
    "客户要求退换货，待运营部确认库存",
    "直播间客户投诉发货慢，需跟进物流单号",
    "维修返厂设备未按期返回，需催促工厂",
    "客户反映发票抬头有误，待财务重开",
    "老客户要求上门培训，待安排时间",
)


def _roster(ctx: DemoContext, first: dt.date, last: dt.date) -> int:
    shifts = {s.code: s for s in list_shifts()}
    people = ctx.agents
    days = public_holidays.days_between(first, last)
    rows = []
    for index, (day, info) in enumerate(sorted(days.items())):
        if info.is_working_day:
            evening = people[index % len(people)]
            resting = people[(index + 1) % len(people)]  # a weekday off for weekend duty
            noon = people[(index + 2) % len(people)]
            for person in people:
                if person.id not in (evening.id, resting.id):
                    rows.append((day, shifts["day"].id, person.id))
            rows.append((day, shifts["noon"].id, noon.id))
            rows.append((day, shifts["evening"].id, evening.id))
            rows.append((day, shifts["day"].id, ctx.manager.id))
        else:
            for k in range(2):
                person = people[(index * 2 + k) % len(people)]
                rows.append((day, shifts["weekend"].id, person.id))
    existing = {
        (e.on_date, e.shift_id, e.agent_id)
        for e in RosterEntry.select().where(
            RosterEntry.on_date >= first, RosterEntry.on_date <= last
        )
    }
    rows = [r for r in rows if r not in existing]
    with database.atomic():
        for start in range(0, len(rows), 500):
            RosterEntry.insert_many(
                rows[start : start + 500],
                fields=[RosterEntry.on_date, RosterEntry.shift, RosterEntry.agent],
            ).execute()
    return len(rows)


def _find_swap(ctx: DemoContext, first: dt.date, last: dt.date) -> rules.SwapPlan | None:
    """A swap that meets every rule now: two people each off on the other's day."""
    entries = list(
        RosterEntry.select()
        .where(
            RosterEntry.on_date >= first,
            RosterEntry.on_date <= last,
            RosterEntry.swap.is_null(),
        )
        .order_by(RosterEntry.on_date, RosterEntry.shift, RosterEntry.agent)
    )
    busy = {(e.agent_id, e.on_date) for e in entries}
    asked = {  # a shift someone already offered in an open request cannot be offered again
        key
        for swap in SwapRequest.select().where(SwapRequest.status.in_(swaps.OPEN_STATES))
        for key in (
            (swap.requester_id, swap.give_date, swap.give_shift_id),
            (swap.colleague_id, swap.return_date, swap.return_shift_id),
        )
    }
    entries = [e for e in entries if (e.agent_id, e.on_date, e.shift_id) not in asked]
    ctx.rng.shuffle(entries)
    people = {u.id for u in ctx.agents}
    for a in entries[:80]:
        if a.agent_id not in people:
            continue
        for b in entries:
            if (
                b.agent_id == a.agent_id
                or b.agent_id not in people
                or b.shift_id != a.shift_id
                or abs((b.on_date - a.on_date).days) < 3
                or (b.agent_id, a.on_date) in busy
                or (a.agent_id, b.on_date) in busy
            ):
                continue
            plan = rules.SwapPlan(
                a.agent, b.agent, a.on_date, a.shift, b.on_date, b.shift, status="pending_manager"
            )
            if not rules.failed_rules(rules.check_swap_rules(plan)):
                plan.status = "draft"
                return plan
    return None


def _swaps(ctx: DemoContext, first_future: dt.date, last: dt.date) -> dict[str, int]:
    states = ["approved", "approved", "approved", "rejected", "declined", "withdrawn"]
    states += ["pending_colleague", "pending_manager", "pending_manager", "approved"]
    counts: dict[str, int] = {}
    for state in states:
        plan = _find_swap(ctx, first_future, last)
        if plan is None:
            break
        reason = ctx.rng.choice(REASONS)
        swap = swaps.request_swap(plan.requester, plan, reason, today=ctx.today)
        if state == "withdrawn":
            swaps.withdraw(plan.requester, swap)
        elif state == "declined":
            swaps.decline(plan.colleague, swap)
        elif state != "pending_colleague":
            swaps.accept(plan.colleague, swap)
            if state == "approved":
                swaps.approve(ctx.manager, swap, reason="同意，请做好交接", today=ctx.today)
            elif state == "rejected":
                swaps.reject(ctx.manager, swap, "当周人手紧张，请另行协调")
        _settle_times(ctx, SwapRequest, swap.id, ("colleague_answered_at", "decided_at"))
        counts[state] = counts.get(state, 0) + 1
    return counts


def _settle_times(ctx: DemoContext, model: type, record_id: int, fields: tuple[str, ...]) -> None:
    """Give a demo request seeded times, not the clock's: asked first, then answered and decided
    in that order, so its printed form reads as a real one would."""
    moment = dt.datetime.combine(ctx.today, dt.time(8)) - dt.timedelta(
        days=ctx.rng.randint(1, 4), minutes=ctx.rng.randint(0, 600)
    )
    row = model.get_by_id(record_id)
    values = {model.created_at: moment}
    for name in fields:
        if getattr(row, name) is not None:
            moment += dt.timedelta(minutes=ctx.rng.randint(20, 300))
            values[getattr(model, name)] = moment
    values[model.updated_at] = moment
    model.update(values).where(model.id == record_id).execute()


def _leave(ctx: DemoContext) -> int:
    agents = ctx.agents
    made = 0
    # a day off in the past, approved
    past = ctx.today - dt.timedelta(days=10)
    specs = [
        (agents[0 % len(agents)], past, 8, past, 18, None, "approved", "sick"),
        (
            agents[1 % len(agents)],
            ctx.today + dt.timedelta(days=8),
            8,
            ctx.today + dt.timedelta(days=10),
            18,
            agents[2 % len(agents)],
            "pending",
            "annual",
        ),
        (
            agents[3 % len(agents)],
            ctx.today + dt.timedelta(days=1),
            14,
            ctx.today + dt.timedelta(days=1),
            18,
            None,
            "pending",
            "personal",
        ),
        (
            agents[4 % len(agents)],
            ctx.today + dt.timedelta(days=1),
            8,
            ctx.today + dt.timedelta(days=3),
            18,
            None,
            "pending",
            "personal",
        ),
        (
            agents[2 % len(agents)],
            ctx.today + dt.timedelta(days=14),
            8,
            ctx.today + dt.timedelta(days=14),
            12,
            None,
            "rejected",
            "personal",
        ),
        (
            agents[5 % len(agents)],
            ctx.today + dt.timedelta(days=4),
            8,
            ctx.today + dt.timedelta(days=4),
            18,
            None,
            "approved",
            "personal",
        ),
    ]
    for agent, d1, h1, d2, h2, sub, state, kind in specs:
        plan = leave.plan_for(
            agent,
            dt.datetime.combine(d1, dt.time(h1)),
            dt.datetime.combine(d2, dt.time(h2)),
            sub,
            asked_on=min(d1, ctx.today) - dt.timedelta(days=3),
        )
        request = leave.request_leave(agent, plan, kind, ctx.rng.choice(REASONS))
        if state == "approved":
            failed = rules.failed_rules(leave.check_leave_rules_for(request))
            leave.approve(ctx.manager, request, "同意", override_reason="补登记" if failed else "")
        elif state == "rejected":
            leave.reject(ctx.manager, request, "当天有培训，请改期")
        _settle_times(ctx, LeaveRequest, request.id, ("decided_at",))
        made += 1
    return made


def _handovers(ctx: DemoContext) -> int:
    shifts = {s.code: s for s in list_shifts()}
    start = ctx.today - dt.timedelta(days=20)
    made = 0
    open_issue_texts = list(ISSUES)
    ctx.rng.shuffle(open_issue_texts)
    issues: list[HandoverIssue] = []
    day = start
    while day <= ctx.today:
        entries = list(
            RosterEntry.select()
            .where(RosterEntry.on_date == day)
            .order_by(RosterEntry.shift, RosterEntry.agent)
        )
        by_shift: dict[int, list[User]] = {}
        for e in entries:
            by_shift.setdefault(e.shift_id, []).append(e.agent)
        agent_ids = {a.id for a in ctx.agents}
        day_people = [u for u in by_shift.get(shifts["day"].id, []) if u.id in agent_ids]
        evening_people = by_shift.get(shifts["evening"].id, [])
        weekend_people = by_shift.get(shifts["weekend"].id, [])
        pairs = []
        if day_people and evening_people:
            pairs.append((ctx.rng.choice(day_people), evening_people[0], shifts["day"], 18))
        elif len(weekend_people) > 1:
            pairs.append((weekend_people[0], weekend_people[1], shifts["weekend"], 14))
        for outgoing, incoming, shift, hour in pairs:
            at = dt.datetime.combine(day, dt.time(hour, ctx.rng.randint(0, 25)))
            new = []
            if open_issue_texts and ctx.rng.random() < 0.35:
                new.append(open_issue_texts.pop())
            entry = handover.record_handover(
                outgoing,
                incoming=incoming,
                shift=shift,
                equipment=ctx.rng.choice(EQUIPMENT),
                staffing=handover.staffing_today(day),
                notes="",
                new_issues=new,
                at=at,
            )
            if day < ctx.today:
                HandoverEntry.update(acknowledged_at=at + dt.timedelta(minutes=10)).where(
                    HandoverEntry.id == entry.id
                ).execute()
            issues.extend(entry.issues_opened)
            made += 1
        day += dt.timedelta(days=1)
    for issue in issues[: max(len(issues) - 3, 0)]:
        closed = issue.opened_in.at + dt.timedelta(days=ctx.rng.randint(1, 3))
        HandoverIssue.update(
            closed_at=min(closed, dt.datetime.combine(ctx.today, dt.time(9))),
            closed_by=ctx.manager.id,
            resolution="已处理并回复客户",
        ).where(HandoverIssue.id == issue.id).execute()
    return made


def fill(ctx: DemoContext) -> Sentence:
    list_shifts()
    if len(ctx.agents) < 2:
        return sentences.say("demo.roster_short")
    first = ctx.months_back()
    this_first, _this_last = month_bounds(ctx.today.year, ctx.today.month)
    next_first = _this_last + dt.timedelta(days=1)
    _n, last = month_bounds(next_first.year, next_first.month)
    entries = _roster(ctx, first, last)
    counts = _swaps(ctx, ctx.today + dt.timedelta(days=1), last)
    leaves = _leave(ctx)
    handovers = _handovers(ctx)
    # the swaps' states are written by their labels when read, never their codes
    return sentences.say(
        "demo.roster",
        entries=entries,
        first=f"{first:%Y-%m}",
        last=f"{last:%Y-%m}",
        swaps=dict(sorted(counts.items())),
        leaves=leaves,
        handovers=handovers,
    )
