"""The figures of DOMAIN §6, defined once and used by the reports screen and the summary PDF.

A period is ``[start, end)`` in dates. Voided complaints never count.
- complaint count: complaints received in the period, also by category, channel, severity,
  handler and day;
- resolution rate: of the complaints received in the period, those now resolved or closed;
- average handling time: mean of (resolved at − received at) over complaints resolved in the
  period;
- on-time rate: of the complaints resolved in the period, those resolved by the promised time;
- satisfaction: mean score over the complaints received in the period that have a score and the
  callbacks (other than complaint callbacks, whose score is the complaint's own) completed in the
  period with a score; also the share of scores 4–5;
- callback completion and reach rate: as defined in ``app.callbacks.service``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import peewee

from app.callbacks.service import completion_rate, reach_rate
from app.complaints.service import overdue_count
from app.ratio import Ratio
from models import CallbackTask, Complaint, User


@dataclass
class PeriodFigures:
    start: dt.date
    end: dt.date  # exclusive
    received: int = 0
    by_category: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)
    by_severity: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    by_day: dict[dt.date, int] = field(default_factory=dict)
    resolution: Ratio = Ratio(0, 0)
    average_handling_hours: float | None = None
    on_time: Ratio = Ratio(0, 0)
    satisfaction_mean: float | None = None
    satisfied_share: Ratio = Ratio(0, 0)
    overdue_now: int = 0
    callback_completion: Ratio = Ratio(0, 0)
    callback_reach: Ratio = Ratio(0, 0)
    agents: list[AgentFigures] = field(default_factory=list)


@dataclass
class AgentFigures:
    user_id: int
    name: str
    employee_no: str
    received: int
    resolved: int
    on_time: Ratio
    average_handling_hours: float | None
    satisfaction_mean: float | None


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def _received(start: dt.date, end: dt.date) -> peewee.ModelSelect:
    return Complaint.select().where(
        Complaint.received_at >= _at(start), Complaint.received_at < _at(end), ~Complaint.voided
    )


def _resolved_in(start: dt.date, end: dt.date) -> peewee.ModelSelect:
    return Complaint.select().where(
        Complaint.resolved_at >= _at(start), Complaint.resolved_at < _at(end), ~Complaint.voided
    )


def _group(query: peewee.ModelSelect, column: peewee.Field) -> dict:
    rows = query.select(column, peewee.fn.COUNT(Complaint.id).alias("n")).group_by(column).tuples()
    return {key: n for key, n in rows}


def _handling(
    rows: list[tuple[dt.datetime, dt.datetime, dt.datetime | None]],
) -> tuple[float | None, Ratio]:
    if not rows:
        return None, Ratio(0, 0)
    hours = [(resolved - received).total_seconds() / 3600 for received, resolved, _ in rows]
    on_time = sum(1 for _, resolved, promised in rows if promised is None or resolved <= promised)
    return sum(hours) / len(hours), Ratio(on_time, len(rows))


def _scores(start: dt.date, end: dt.date, handler: int | None = None) -> list[int]:
    complaints = _received(start, end).where(Complaint.satisfaction.is_null(False))
    if handler is not None:
        complaints = complaints.where(Complaint.handler == handler)
    scores = [s for (s,) in complaints.select(Complaint.satisfaction).tuples()]
    callbacks = CallbackTask.select(CallbackTask.satisfaction).where(
        CallbackTask.kind != "complaint",
        CallbackTask.satisfaction.is_null(False),
        CallbackTask.completed_at >= _at(start),
        CallbackTask.completed_at < _at(end),
    )
    if handler is not None:
        callbacks = callbacks.where(CallbackTask.assignee == handler)
    scores += [s for (s,) in callbacks.tuples()]
    return scores


def _daily(start: dt.date, end: dt.date) -> dict[dt.date, int]:
    counts: Counter[dt.date] = Counter()
    for (received,) in _received(start, end).select(Complaint.received_at).tuples():
        counts[received.date()] += 1
    day, out = start, {}
    while day < end:
        out[day] = counts.get(day, 0)
        day += dt.timedelta(days=1)
    return out


def period_figures(start: dt.date, end: dt.date, now: dt.datetime | None = None) -> PeriodFigures:
    received = _received(start, end)
    figures = PeriodFigures(start=start, end=end, received=received.count())
    figures.by_category = _group(received, Complaint.category)
    figures.by_channel = _group(received, Complaint.channel)
    figures.by_severity = _group(received, Complaint.severity)
    figures.by_status = _group(received, Complaint.status)
    figures.by_day = _daily(start, end)
    done = figures.by_status.get("resolved", 0) + figures.by_status.get("closed", 0)
    figures.resolution = Ratio(done, figures.received)
    resolved_rows = list(
        _resolved_in(start, end)
        .select(Complaint.received_at, Complaint.resolved_at, Complaint.promised_at)
        .tuples()
    )
    figures.average_handling_hours, figures.on_time = _handling(resolved_rows)
    scores = _scores(start, end)
    if scores:
        figures.satisfaction_mean = sum(scores) / len(scores)
    figures.satisfied_share = Ratio(sum(1 for s in scores if s >= 4), len(scores))
    figures.overdue_now = overdue_count(now)  # the registry's own rule
    last_day = end - dt.timedelta(days=1)
    figures.callback_completion = completion_rate(start, last_day)
    figures.callback_reach = reach_rate(start, last_day)
    figures.agents = agent_figures(start, end)
    return figures


def agent_figures(start: dt.date, end: dt.date) -> list[AgentFigures]:
    received = _group(_received(start, end), Complaint.handler)
    resolved_rows: dict[int, list] = {}
    for handler, received_at, resolved_at, promised_at in (
        _resolved_in(start, end)
        .select(
            Complaint.handler, Complaint.received_at, Complaint.resolved_at, Complaint.promised_at
        )
        .tuples()
    ):
        resolved_rows.setdefault(handler, []).append((received_at, resolved_at, promised_at))
    out = []
    ids = {i for i in [*received, *resolved_rows] if i is not None}
    for user in User.select().where(User.id.in_(list(ids))).order_by(User.employee_no):
        hours, on_time = _handling(resolved_rows.get(user.id, []))
        scores = _scores(start, end, handler=user.id)
        out.append(
            AgentFigures(
                user_id=user.id,
                name=user.name,
                employee_no=user.employee_no,
                received=received.get(user.id, 0),
                resolved=len(resolved_rows.get(user.id, [])),
                on_time=on_time,
                average_handling_hours=hours,
                satisfaction_mean=sum(scores) / len(scores) if scores else None,
            )
        )
    return out
