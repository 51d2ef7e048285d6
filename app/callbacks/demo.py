"""Demo callbacks made from the complaints, repairs and installations the earlier demos wrote.

Every state appears: due today, overdue, upcoming, done with outcomes, unreachable after three
unanswered attempts, rescheduled. The records are read a page at a time and the tasks written in
batches as they are planned; the same seed gives the same data.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from app import sentences, settings
from app.callbacks import care as care_batch
from app.callbacks import due as due_times
from app.callbacks import labels
from app.complaints import service as complaints
from app.complaints.bulk import indexes_built_after, insert_rows, paged, reserve_ids
from app.demo import DemoContext
from app.i18n import translate
from app.sentences import Sentence
from models import (
    CallbackAttempt,
    CallbackTask,
    Complaint,
    Customer,
    Installation,
    Repair,
    database,
)
from models.db import is_sqlite

BATCH = 5000  # tasks written at a time
DEMO_CLOCK = dt.time(8, 0)

ANSWERS = {
    "good": ["正常", "一切正常", "使用很顺利", "已经掌握了", "满意", "挺好的"],
    "bad": ["偶尔还有问题", "还不太会用", "不太满意", "问题没有彻底解决"],
}
OPINIONS_GOOD = [
    "",
    "",
    "工程师很专业，感谢。",
    "希望以后响应再快一点。",
    "建议提供更详细的使用手册。",
    "老师们反映操作方便。",
    "希望能再安排一次培训。",
]
OPINIONS_BAD = [
    "问题还没有彻底解决，希望尽快处理。",
    "等了太久才有人联系，不满意。",
    "处理结果和承诺的不一样。",
    "设备还是时好时坏，要求上门检查。",
]
NOTES_UNANSWERED = ["", "无人接听", "对方忙线", "关机", "空号", "提示号码有误"]


@dataclass
class Plan:
    kind: str
    event_key: str
    due_at: dt.datetime
    assignee: int | None
    reason: str
    customer: int | None
    complaint: int | None = None
    repair: int | None = None
    installation: int | None = None
    status: str = "pending"
    satisfaction: int | None = None
    survey: dict[str, str] = field(default_factory=dict)
    opinions: str = ""
    onsite: bool = False
    completed_at: dt.datetime | None = None
    attempts: list[tuple[dt.datetime, str, dt.datetime | None, str]] = field(default_factory=list)


class Planner:
    def __init__(self, ctx: DemoContext, rng: random.Random, clock: dt.datetime) -> None:
        self.ctx = ctx
        self.rng = rng
        self.clock = clock
        self.today = clock.date()
        self.questions = list(settings.get("callback_survey_questions"))
        self.max_attempts = int(settings.get("callback_max_attempts"))
        self.satisfied_from = complaints.satisfied_from()  # read once, not once per task

    def at_after(self, start: dt.datetime, max_hours: int) -> dt.datetime:
        """A call some time after ``start``, in working hours, not after the clock."""
        moment = start + dt.timedelta(minutes=self.rng.randint(5, max(max_hours * 60, 10)))
        if moment.hour < 8:
            moment = moment.replace(hour=8 + self.rng.randint(0, 2))
        elif moment.hour >= 21:
            moment = (moment + dt.timedelta(days=1)).replace(hour=9 + self.rng.randint(0, 2))
        return max(min(moment, self.clock - dt.timedelta(minutes=1)), start)

    def done(self, plan: Plan, score: int | None = None, when: dt.datetime | None = None) -> None:
        rng = self.rng
        start = plan.due_at
        if rng.random() < 0.3:
            start = self.at_after(start, 4)
            plan.attempts.append(
                (
                    start,
                    rng.choice(("no_answer", "no_answer", "wrong_number")),
                    None,
                    rng.choice(NOTES_UNANSWERED),
                )
            )  # noqa: E501
        reached = when or self.at_after(start, 30)
        reached = max(reached, start)
        score = score if score is not None else rng.choice((5, 5, 5, 4, 4, 4, 3, 2))
        good = score >= self.satisfied_from  # complaints.is_satisfied, without a query
        plan.attempts.append((reached, "reached", None, ""))
        plan.status = "done"
        plan.satisfaction = score
        plan.completed_at = reached + dt.timedelta(minutes=rng.randint(3, 12))
        plan.completed_at = min(plan.completed_at, self.clock)
        pool = ANSWERS["good" if good else "bad"]
        plan.survey = {q: rng.choice(pool) for q in self.questions[:-1] if rng.random() < 0.8}
        plan.opinions = rng.choice(OPINIONS_GOOD if good else OPINIONS_BAD)
        plan.onsite = not good and rng.random() < 0.5

    def unreachable(self, plan: Plan) -> None:
        moment = plan.due_at
        for _ in range(self.max_attempts):
            moment = self.at_after(moment, 20)
            result = "wrong_number" if self.rng.random() < 0.15 else "no_answer"
            plan.attempts.append((moment, result, None, self.rng.choice(NOTES_UNANSWERED)))
        plan.status = "unreachable"
        plan.completed_at = moment

    def rescheduled(self, plan: Plan) -> None:
        asked = self.at_after(min(plan.due_at, self.clock - dt.timedelta(hours=3)), 2)
        next_day = self.today + dt.timedelta(days=self.rng.randint(1, 3))
        next_at = dt.datetime.combine(next_day, dt.time(self.rng.choice((9, 10, 14, 15, 16)), 0))
        note = self.rng.choice(["客户在开会，约明天再联系", "客户正在上课", "客户要求改天回电", ""])
        plan.attempts.append((asked, "reschedule", next_at, note))
        plan.status = "rescheduled"
        plan.due_at = next_at

    def some_unanswered(self, plan: Plan, most: int) -> None:
        moment = plan.due_at
        for _ in range(self.rng.randint(0, most)):
            moment = self.at_after(moment, 6)
            if moment <= plan.due_at:
                break
            plan.attempts.append((moment, "no_answer", None, self.rng.choice(NOTES_UNANSWERED)))

    def by_age(self, plan: Plan) -> None:
        """Older tasks are mostly closed; recent ones are still being worked."""
        rng = self.rng
        age = (self.today - plan.due_at.date()).days
        roll = rng.random()
        if plan.due_at > self.clock:
            if age < 0 and roll < 0.12:
                self.rescheduled(plan)
            return
        if age == 0:
            if roll < 0.3:
                self.some_unanswered(plan, 1)
            elif roll < 0.45:
                self.done(plan)
            return
        if age <= 14:
            if roll < 0.45:
                self.done(plan)
            elif roll < 0.55:
                self.unreachable(plan)
            elif roll < 0.7:
                self.rescheduled(plan)
            else:
                self.some_unanswered(plan, min(self.max_attempts - 1, 2))
            return
        if roll < 0.87:
            self.done(plan)
        else:
            self.unreachable(plan)


class _ComplaintRow(NamedTuple):
    id: int
    version: int
    status: str
    resolved_at: dt.datetime
    closed_at: dt.datetime | None
    satisfaction: int | None
    handler_id: int | None
    customer_id: int | None


def _when(value: Any) -> Any:
    """A time as the driver gives it (text on SQLite) as a datetime."""
    if value is None or isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return Complaint.resolved_at.python_value(value)


def _event_plans(ctx: DemoContext, planner: Planner) -> Iterator[Plan]:
    rng = planner.rng
    clock = planner.clock
    fallback = [u.id for u in ctx.agents] or [ctx.manager.id]
    repair_days = int(settings.get("callback_repair_days"))
    purchase_days = int(settings.get("callback_purchase_days"))
    complaints = Complaint.select(
        Complaint.id,
        Complaint.version,
        Complaint.status,
        Complaint.resolved_at,
        Complaint.closed_at,
        Complaint.satisfaction,
        Complaint.handler,
        Complaint.customer,
    ).where(
        Complaint.status.in_(("resolved", "closed", "reopened")),
        Complaint.resolved_at.is_null(False),
        Complaint.voided == False,  # noqa: E712
    )
    # the driver's rows, not model instances (a million of them): only the times converted
    for row in paged(complaints, Complaint.id, raw=True):
        c = _ComplaintRow(*row[:3], *map(_when, row[3:5]), *row[5:])
        plan = Plan(
            kind="complaint",
            event_key=f"complaint:{c.id}:v{c.version}",
            due_at=c.resolved_at,
            assignee=c.handler_id or rng.choice(fallback),
            reason="",
            customer=c.customer_id,
            complaint=c.id,
        )
        if c.status == "closed":
            planner.done(plan, c.satisfaction or rng.choice((4, 5)), c.closed_at)
        elif c.status == "reopened":
            planner.done(plan, c.satisfaction or rng.choice((1, 2)))
        elif c.resolved_at > clock:
            pass  # resolved this morning: its callback waits
        elif (planner.today - c.resolved_at.date()).days > 10:
            planner.unreachable(plan)
        else:
            planner.by_age(plan)
            if plan.status == "done":  # a resolved complaint is still waiting for its callback
                plan.status, plan.satisfaction, plan.completed_at = "pending", None, None
                plan.attempts = [a for a in plan.attempts if a[1] != "reached"]
                plan.survey, plan.opinions, plan.onsite = {}, "", False
        yield plan
    repairs = Repair.select(
        Repair.id, Repair.version, Repair.closed_at, Repair.handler, Repair.customer
    ).where(Repair.status == "closed", Repair.closed_at.is_null(False))
    for r in paged(repairs, Repair.id):
        plan = Plan(
            kind="repair",
            event_key=f"repair:{r.id}:v{r.version}",
            due_at=due_times.due_after_days(r.closed_at, repair_days),
            assignee=r.handler_id or rng.choice(fallback),
            reason="",
            customer=r.customer_id,
            repair=r.id,
        )
        planner.by_age(plan)
        yield plan
    installs = Installation.select(
        Installation.id,
        Installation.version,
        Installation.installed_date,
        Installation.product,
        Installation.handler,
        Installation.customer,
    ).where(Installation.installed_date.is_null(False))
    for i in paged(installs, Installation.id):
        plan = Plan(
            kind="purchase",
            event_key=f"purchase:{i.id}:v{i.version}",
            due_at=due_times.due_after_days(i.installed_date, purchase_days),
            assignee=i.handler_id or rng.choice(fallback),
            reason="",
            customer=i.customer_id,
            installation=i.id,
        )
        planner.by_age(plan)
        yield plan


FOLLOW_UPS = [
    "确认下周培训的时间和参加人数",
    "跟进发票寄送情况",
    "确认备用机的归还时间",
    "回访新学期设备使用情况",
    "告知软件升级安排",
    "确认上门巡检时间",
]


def _follow_ups(ctx: DemoContext, planner: Planner) -> list[Plan]:
    """Calls the agents scheduled by hand from the archive: some today, some in the coming week."""
    rng = planner.rng
    customers = [c.id for c in Customer.select(Customer.id).order_by(Customer.id).limit(2000)]
    if not customers:
        return []
    plans = []
    for agent in [ctx.manager, *ctx.agents]:
        for number in range(rng.randint(2, 4) + rng.randint(1, 3)):
            today = number < 3
            day = planner.today + dt.timedelta(days=0 if today else rng.randint(1, 6))
            due = dt.datetime.combine(day, dt.time(rng.choice((9, 10, 11, 14, 15, 16)), 0))
            plans.append(
                Plan(
                    kind="followup",
                    event_key=f"manual:demo:{agent.id}:{number}",
                    due_at=due,
                    assignee=agent.id,
                    reason=rng.choice(FOLLOW_UPS),
                    customer=rng.choice(customers),
                )
            )
    return plans


def _state(plan: Plan, today: dt.date) -> str:
    if plan.status in ("pending",):
        return due_times.timing(plan.due_at, today)
    return plan.status


def _missing_states(ctx: DemoContext, planner: Planner, present: set[str]) -> list[Plan]:
    """Small demos may lack a state: hand-scheduled follow-ups that show it."""
    wanted = ("due", "overdue", "upcoming", "done", "unreachable", "rescheduled")
    customers = [c.id for c in Customer.select(Customer.id).order_by(Customer.id).limit(50)]
    if not customers:
        return []
    agents = [u.id for u in ctx.agents] or [ctx.manager.id]
    offsets = {"due": 0, "overdue": -3, "upcoming": 3, "done": -5, "unreachable": -6}
    plans = []
    for number, state in enumerate(wanted):
        if state in present:
            continue
        day = planner.today + dt.timedelta(days=offsets.get(state, -1))
        due = dt.datetime.combine(day, dt.time(9, 30))
        if state == "due":
            due = min(due, planner.clock)
        plan = Plan(
            kind="followup",
            event_key=f"demo:{state}:{number}",
            due_at=due,
            assignee=agents[number % len(agents)],
            reason="跟进客户近期使用情况",
            customer=planner.rng.choice(customers),
        )
        if state == "done":
            planner.done(plan)
        elif state == "unreachable":
            planner.unreachable(plan)
        elif state == "rescheduled":
            planner.rescheduled(plan)
        plans.append(plan)
    return plans


TASK_COLUMNS = (
    "id",
    "kind",
    "customer",
    "complaint",
    "repair",
    "installation",
    "event_key",
    "due_at",
    "assignee",
    "reason",
    "status",
    "satisfaction",
    "survey",
    "opinions",
    "onsite_needed",
    "completed_at",
    "version",
    "created_at",
    "updated_at",
)
ATTEMPT_COLUMNS = ("task", "at", "agent", "result", "next_at", "note")


class Writer:
    """Writes the planned tasks and their attempts a batch at a time, with ids given out in
    advance (no reading back). A task whose event already made one is left out; that is looked
    up only when the database already holds tasks of the demo's kinds."""

    def __init__(self, clock: dt.datetime) -> None:
        self.clock = clock
        self.pending: list[Plan] = []
        self.attempts = 0
        kinds = ("complaint", "repair", "purchase", "followup")
        self.check = CallbackTask.select().where(CallbackTask.kind.in_(kinds)).exists()

    def add(self, plan: Plan) -> None:
        self.pending.append(plan)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        plans, self.pending = self.pending, []
        if self.check:
            existing = _existing(plans)
            plans = [p for p in plans if (p.kind, p.event_key) not in existing]
        if not plans:
            return
        ids = reserve_ids(CallbackTask, len(plans))
        tasks = []
        attempts = []
        for task_id, p in zip(ids, plans, strict=True):
            created = min(p.due_at, self.clock) - dt.timedelta(days=1)
            tasks.append(
                (
                    task_id,
                    p.kind,
                    p.customer,
                    p.complaint,
                    p.repair,
                    p.installation,
                    p.event_key,
                    p.due_at.replace(microsecond=0),
                    p.assignee,
                    p.reason[:200],
                    p.status,
                    p.satisfaction,
                    json.dumps(p.survey, ensure_ascii=False),
                    p.opinions,
                    p.onsite,
                    p.completed_at,
                    1 + len(p.attempts),
                    created,
                    p.completed_at or created,
                )
            )
            for at, result, next_at, note in p.attempts:
                attempts.append(
                    (task_id, at.replace(microsecond=0), p.assignee, result, next_at, note)
                )
        insert_rows(CallbackTask, TASK_COLUMNS, tasks)
        insert_rows(CallbackAttempt, ATTEMPT_COLUMNS, attempts)
        self.attempts += len(attempts)


def _existing(plans: list[Plan]) -> set[tuple[str, str]]:
    """The (kind, event_key) of these plans that already have a task (the unique index)."""
    out: set[tuple[str, str]] = set()
    for kind in sorted({p.kind for p in plans}):
        keys = [p.event_key for p in plans if p.kind == kind]
        for offset in range(0, len(keys), 500):
            query = CallbackTask.select(CallbackTask.event_key).where(
                CallbackTask.kind == kind, CallbackTask.event_key.in_(keys[offset : offset + 500])
            )
            out.update((kind, key) for (key,) in query.tuples())
    return out


def fill(ctx: DemoContext) -> Sentence:
    started = time.perf_counter()
    rng = random.Random(f"callbacks-{ctx.seed}")
    # the demo's "now": the start of today's working day, the same on every run of a seed
    clock = dt.datetime.combine(ctx.today, DEMO_CLOCK)
    planner = Planner(ctx, rng, clock)
    writer = Writer(clock)
    counts: dict[str, int] = {}

    def take(plans: Iterable[Plan]) -> None:
        for plan in plans:
            state = _state(plan, planner.today)
            counts[state] = counts.get(state, 0) + 1
            writer.add(plan)

    with indexes_built_after(CallbackTask), indexes_built_after(CallbackAttempt):
        take(_event_plans(ctx, planner))
        take(_follow_ups(ctx, planner))
        take(_missing_states(ctx, planner, set(counts)))
        writer.flush()
    if not is_sqlite():
        for table in (CallbackTask, CallbackAttempt):
            database.execute_sql(f"ANALYZE {table._meta.table_name}")  # fresh planner statistics
    care = care_batch.generate_care_tasks(ctx.today)
    # the states are written by their words when read, never their codes
    return sentences.say(
        "demo.callbacks",
        total=sum(counts.values()),
        states={state: counts.get(state, 0) for state in _state_labels()},
        attempts=writer.attempts,
        care=care,
        seconds=f"{time.perf_counter() - started:.1f}",
    )


def _state_labels() -> dict[str, str]:
    return {
        "due": translate("Demo", "due today"),
        "overdue": translate("Demo", "overdue"),
        "upcoming": translate("Demo", "upcoming"),
        "rescheduled": labels.status_label("rescheduled"),
        "done": labels.status_label("done"),
        "unreachable": labels.status_label("unreachable"),
    }
