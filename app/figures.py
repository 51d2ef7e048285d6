"""The figure catalogue: the one definition of every figure the team reads (DOMAIN §6).

The reports page, the monthly summary PDF, the monthly sheet's totals, the agents' table and
``main.py report --json`` show figures from here and nowhere else. Each figure is one function of a
:class:`Basis` (what a month's figures are counted from), registered with :func:`figure` under its
key, its label and its definition; the label and the definition are translated when shown (the
definition is the tooltip on screen and the footnote on paper).

For a month M the cut-off is the end of M, or now while M runs. Void complaints count only as
``voided``. A complaint is *resolved by the cut-off* when it is resolved or closed and its resolved
time is not later than the cut-off.

Adding a figure (for example from the contact register) is one more decorated function: read what
it needs once per basis through :meth:`Basis.cached`, say where it is shown (``places``) and, for
``report --json``, put :data:`JSON` in its places; its key becomes the JSON key.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import peewee

from app import clock, settings
from app.callbacks import rates as callbacks
from app.calls.service import SALES_TOPICS
from app.clock import Month
from app.complaints import labels
from app.complaints import service as complaints
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.ratio import Ratio
from models import CallbackTask, Complaint, ContactRecord, ProgressStep, User

CONTEXT = "Figures"

# where a figure is shown
SUMMARY = "summary"  # the key figures on the reports page and in the monthly summary PDF
SCREEN = "screen"  # on the reports page only (never on a document headed with a month)
SHEET = "sheet"  # the totals of the monthly complaint sheet
AGENTS = "agents"  # a column of the agents' table
JSON = "json"  # a key of `report --json`
CHART = "chart"  # a breakdown drawn as a chart or table

# what a value is, which says how it is shown
COUNT = "count"  # int
RATE = "rate"  # Ratio; a fraction in JSON
HOURS = "hours"  # float or None
SCORE = "score"  # float or None (1–5)
SECONDS = "seconds"  # float or None
MINUTES = "minutes"  # float or None
BREAKDOWN = "breakdown"  # dict: code -> count, in display order


@dataclass(frozen=True)
class ComplaintFacts:
    """What the figures read of one complaint."""

    id: int
    number: str
    received_at: dt.datetime
    resolved_at: dt.datetime | None
    promised_at: dt.datetime | None
    status: str
    voided: bool
    satisfaction: int | None
    category: str
    channel: str
    severity: str
    handler_id: int | None


class Basis:
    """What a month's figures are counted from: its complaints, read once, and its cut-off.

    ``handler_id`` narrows every complaint figure to one handler (the agents' table)."""

    def __init__(self, month: Month, handler_id: int | None = None, *, parent: Basis | None = None):
        self.month = month
        self.handler_id = handler_id
        self.now = parent.now if parent is not None else clock.now()
        self.ended = self.now >= month.end
        # the instant the month's figures are counted to
        self.cutoff = month.end if self.ended else self.now
        self._cache: dict[str, Any] = parent._cache if parent is not None else {}

    def for_handler(self, handler_id: int | None) -> Basis:
        """The same month and cut-off, counting one handler's complaints (read only once)."""
        return Basis(self.month, handler_id, parent=self)

    def cached(self, key: str, load: Callable[[Basis], Any]) -> Any:
        """``load(self)`` once per month (shared with the handlers' bases)."""
        if key not in self._cache:
            self._cache[key] = load(self)
        return self._cache[key]

    @property
    def all_complaints(self) -> list[ComplaintFacts]:
        """Every complaint received in the month, void ones included."""
        rows = self.cached("complaints", _load_complaints)
        if self.handler_id is None:
            return rows
        return [c for c in rows if c.handler_id == self.handler_id]

    @property
    def counted(self) -> list[ComplaintFacts]:
        """The month's complaints that count: void ones left out."""
        return [c for c in self.all_complaints if not c.voided]

    @property
    def satisfied_from(self) -> int:
        """The satisfied threshold in force, read once with the month's figures."""
        return self.cached("satisfied_from", lambda _b: complaints.satisfied_from())

    def resolved_by_cutoff(self, c: ComplaintFacts) -> bool:
        if c.status not in ("resolved", "closed") or c.resolved_at is None:
            return False
        # to the second: at a month's end the cut-off is the first instant after it
        return c.resolved_at < self.cutoff if self.ended else c.resolved_at <= self.cutoff

    def resolved(self) -> list[ComplaintFacts]:
        return [c for c in self.counted if self.resolved_by_cutoff(c)]


def _load_complaints(basis: Basis) -> list[ComplaintFacts]:
    query = (
        Complaint.select(
            Complaint.id,
            Complaint.number,
            Complaint.received_at,
            Complaint.resolved_at,
            Complaint.promised_at,
            Complaint.status,
            Complaint.voided,
            Complaint.satisfaction,
            Complaint.category,
            Complaint.channel,
            Complaint.severity,
            Complaint.handler,
        )
        .where(Complaint.received_at >= basis.month.start, Complaint.received_at < basis.month.end)
        .order_by(Complaint.sort_key)
        .tuples()
    )
    return [ComplaintFacts(*row[:11], handler_id=row[11]) for row in query]


@dataclass(frozen=True)
class Figure:
    key: str
    label: str  # English source text, translated when shown
    definition: str  # English source text; ``{satisfied_from}`` is filled in
    kind: str
    places: frozenset[str]
    compute: Callable[[Basis], Any]

    def title(self) -> str:
        return translate(CONTEXT, self.label)

    def explain(self, satisfied: int | None = None) -> str:
        """The definition in the reader's language (``satisfied``: the threshold in force)."""
        threshold = satisfied if satisfied is not None else satisfied_from()
        return translate(CONTEXT, self.definition).format(satisfied_from=threshold)


CATALOGUE: dict[str, Figure] = {}


def figure(
    key: str, label: str, definition: str, kind: str, places: Iterable[str]
) -> Callable[[Callable[[Basis], Any]], Callable[[Basis], Any]]:
    """Register the decorated function as the figure ``key`` (in the catalogue's order)."""

    def register(compute: Callable[[Basis], Any]) -> Callable[[Basis], Any]:
        if key in CATALOGUE:
            raise ValueError(f"figure {key!r} is defined twice")
        CATALOGUE[key] = Figure(key, label, definition, kind, frozenset(places), compute)
        return compute

    return register


def satisfied_from() -> int:
    """The score from which a customer counts as satisfied (the complaints' own rule)."""
    return complaints.satisfied_from()


# --- complaints ---------------------------------------------------------------------------


@figure(
    "received",
    QT_TRANSLATE_NOOP("Figures", "Complaints received"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "Complaints received in the month (by their received time). Void ones are not counted "
        "here but under Void.",
    ),
    COUNT,
    (SUMMARY, SHEET, AGENTS, JSON),
)
def received(b: Basis) -> int:
    return len(b.counted)


@figure(
    "voided",
    QT_TRANSLATE_NOOP("Figures", "Void"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "Complaints received in the month and voided (filed by mistake). They count in no "
        "other figure.",
    ),
    COUNT,
    (SUMMARY, SHEET, JSON),
)
def voided(b: Basis) -> int:
    return sum(1 for c in b.all_complaints if c.voided)


@figure(
    "resolved",
    QT_TRANSLATE_NOOP("Figures", "Resolved"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "Of the complaints received in the month, those resolved (resolved, or closed after "
        "the callback) by the cut-off: the end of the month, or now while the month runs.",
    ),
    COUNT,
    (SUMMARY, SHEET, AGENTS, JSON),
)
def resolved(b: Basis) -> int:
    return len(b.resolved())


@figure(
    "resolution_rate",
    QT_TRANSLATE_NOOP("Figures", "Resolution rate"),
    QT_TRANSLATE_NOOP("Figures", "Resolved ÷ complaints received."),
    RATE,
    (SUMMARY, SHEET, AGENTS, JSON),
)
def resolution_rate(b: Basis) -> Ratio:
    return Ratio(resolved(b), received(b))


@figure(
    "avg_handling_hours",
    QT_TRANSLATE_NOOP("Figures", "Average handling time"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "Mean of (resolved time − received time) over the resolved complaints, in hours.",
    ),
    HOURS,
    (SUMMARY, AGENTS, JSON),
)
def avg_handling_hours(b: Basis) -> float | None:
    spans = [
        (c.resolved_at - c.received_at).total_seconds() / 3600
        for c in b.resolved()
        if c.resolved_at is not None
    ]
    return sum(spans) / len(spans) if spans else None


@figure(
    "on_time",
    QT_TRANSLATE_NOOP("Figures", "Resolved on time"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "Resolved complaints resolved at or before the time promised to the customer. One "
        "without a promised time is neither on time nor late (counted under Without a promised "
        "time).",
    ),
    COUNT,
    (SUMMARY, SHEET, JSON),
)
def on_time(b: Basis) -> int:
    return sum(
        1
        for c in b.resolved()
        if c.promised_at is not None
        and c.resolved_at is not None
        and c.resolved_at <= c.promised_at
    )


@figure(
    "on_time_rate",
    QT_TRANSLATE_NOOP("Figures", "On-time rate"),
    QT_TRANSLATE_NOOP(
        "Figures", "Resolved on time ÷ resolved complaints that have a promised time."
    ),
    RATE,
    (SUMMARY, SHEET, AGENTS, JSON),
)
def on_time_rate(b: Basis) -> Ratio:
    return Ratio(on_time(b), resolved(b) - no_promise(b))


@figure(
    "no_promise",
    QT_TRANSLATE_NOOP("Figures", "Without a promised time"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "Resolved complaints that have no promised time: neither on time nor late.",
    ),
    COUNT,
    (SUMMARY, SHEET, JSON),
)
def no_promise(b: Basis) -> int:
    return sum(1 for c in b.resolved() if c.promised_at is None)


def overdue_at_cutoff_ids(b: Basis) -> set[int]:
    """The complaints counted by :func:`overdue_at_cutoff` (the sheet marks their rows)."""
    return {
        c.id
        for c in b.counted
        if c.promised_at is not None and c.promised_at < b.cutoff and not b.resolved_by_cutoff(c)
    }


@figure(
    "overdue_at_cutoff",
    QT_TRANSLATE_NOOP("Figures", "Overdue at the cut-off"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "Complaints received in the month whose promised time had passed at the cut-off (the "
        "end of the month, or now while it runs) and that were not resolved by then. The "
        "monthly sheet and the monthly summary show the same figure.",
    ),
    COUNT,
    (SUMMARY, SHEET, AGENTS, JSON),
)
def overdue_at_cutoff(b: Basis) -> int:
    return len(overdue_at_cutoff_ids(b))


@figure(
    "overdue_now",
    QT_TRANSLATE_NOOP("Figures", "Overdue now (all months)"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "Every complaint of any month that is past its promised time and not yet resolved, "
        "counted now (the number beside the complaint registry). Not a figure of the chosen month.",
    ),
    COUNT,
    (SCREEN,),
)
def overdue_now(b: Basis) -> int:
    return complaints.overdue_count(b.now)


def _scores(b: Basis) -> list[int]:
    return [c.satisfaction for c in b.counted if c.satisfaction is not None]


@figure(
    "satisfaction_mean",
    QT_TRANSLATE_NOOP("Figures", "Satisfaction (mean of 1–5)"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "Mean satisfaction score (5 very satisfied … 1 very dissatisfied) of the month's "
        "complaints that have one. Callbacks' own survey scores are reported apart.",
    ),
    SCORE,
    (SUMMARY, AGENTS, JSON),
)
def satisfaction_mean(b: Basis) -> float | None:
    scores = _scores(b)
    return sum(scores) / len(scores) if scores else None


@figure(
    "satisfied_share",
    QT_TRANSLATE_NOOP("Figures", "Share satisfied"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "Complaints scored {satisfied_from} or more ÷ complaints with a score. The same "
        "threshold (a team setting) decides whether a callback closes the complaint.",
    ),
    RATE,
    (SUMMARY, JSON),
)
def satisfied_share(b: Basis) -> Ratio:
    threshold = b.satisfied_from
    scores = _scores(b)
    return Ratio(sum(1 for s in scores if s >= threshold), len(scores))


@figure(
    "scored",
    QT_TRANSLATE_NOOP("Figures", "Complaints with a score"),
    QT_TRANSLATE_NOOP("Figures", "The month's complaints that have a satisfaction score."),
    COUNT,
    (SUMMARY, JSON),
)
def scored(b: Basis) -> int:
    return len(_scores(b))


def _breakdown(values: Iterable[Any], order: Iterable[Any] = ()) -> dict[Any, int]:
    """Counts in the given order first, then the rest by count; zero counts left out."""
    counts = Counter(values)
    out = {key: counts[key] for key in order if counts.get(key)}
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        out.setdefault(key, n)
    return out


@figure(
    "by_category",
    QT_TRANSLATE_NOOP("Figures", "Complaints by category"),
    QT_TRANSLATE_NOOP("Figures", "Complaints received in the month by category."),
    BREAKDOWN,
    (CHART, SHEET, JSON),
)
def by_category(b: Basis) -> dict[str, int]:
    return _breakdown((c.category for c in b.counted), settings.get("complaint_categories"))


@figure(
    "by_channel",
    QT_TRANSLATE_NOOP("Figures", "Complaints by channel"),
    QT_TRANSLATE_NOOP("Figures", "Complaints received in the month by channel."),
    BREAKDOWN,
    (CHART, JSON),
)
def by_channel(b: Basis) -> dict[str, int]:
    return _breakdown((c.channel for c in b.counted), settings.get("complaint_channels"))


@figure(
    "by_severity",
    QT_TRANSLATE_NOOP("Figures", "Complaints by severity"),
    QT_TRANSLATE_NOOP("Figures", "Complaints received in the month by severity."),
    BREAKDOWN,
    (CHART, JSON),
)
def by_severity(b: Basis) -> dict[str, int]:
    return _breakdown((c.severity for c in b.counted), labels.SEVERITIES)


@figure(
    "by_handler",
    QT_TRANSLATE_NOOP("Figures", "Complaints by handler"),
    QT_TRANSLATE_NOOP("Figures", "Complaints received in the month by handler (受理人)."),
    BREAKDOWN,
    (CHART,),
)
def by_handler(b: Basis) -> dict[int | None, int]:
    return _breakdown(c.handler_id for c in b.counted)


def week_of(moment: dt.date) -> str:
    """The ISO week a day falls in, as ``2026-W45`` (weeks start on Monday)."""
    year, week, _day = moment.isocalendar()
    return f"{year}-W{week:02d}"


@figure(
    "by_week",
    QT_TRANSLATE_NOOP("Figures", "Complaints by week"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "Complaints received in the month by ISO week of the received day (2026-W45: weeks "
        "start on Monday; a week at the month's edge counts only its days in the month).",
    ),
    BREAKDOWN,
    (CHART, JSON),
)
def by_week(b: Basis) -> dict[str, int]:
    counts = Counter(week_of(c.received_at) for c in b.counted)
    weeks = dict.fromkeys(week_of(day) for day in b.month.days())
    return {week: counts.get(week, 0) for week in weeks}


@figure(
    "by_day",
    QT_TRANSLATE_NOOP("Figures", "Complaints by day"),
    QT_TRANSLATE_NOOP("Figures", "Complaints received on each day of the month."),
    BREAKDOWN,
    (CHART,),
)
def by_day(b: Basis) -> dict[dt.date, int]:
    counts = Counter(c.received_at.date() for c in b.counted)
    return {day: counts.get(day, 0) for day in b.month.days()}


# --- callbacks ----------------------------------------------------------------------------


def _completion(b: Basis) -> Ratio:
    return b.cached(
        f"completion:{b.handler_id}",
        lambda _b: callbacks.completion_rate(b.month.first_day, b.month.last_day, b.handler_id),
    )


@figure(
    "callbacks_due",
    QT_TRANSLATE_NOOP("Figures", "Callbacks due"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "Callback tasks due in the month whose due time has come by the cut-off.",
    ),
    COUNT,
    (SUMMARY, JSON),
)
def callbacks_due(b: Basis) -> int:
    return _completion(b).denominator


@figure(
    "callbacks_done",
    QT_TRANSLATE_NOOP("Figures", "Callbacks done"),
    QT_TRANSLATE_NOOP("Figures", "Of the callbacks due, those done (an outcome recorded)."),
    COUNT,
    (SUMMARY, JSON),
)
def callbacks_done(b: Basis) -> int:
    return _completion(b).numerator


@figure(
    "completion_rate",
    QT_TRANSLATE_NOOP("Figures", "Callback completion"),
    QT_TRANSLATE_NOOP("Figures", "Callbacks done ÷ callbacks due."),
    RATE,
    (SUMMARY, JSON),
)
def completion_rate(b: Basis) -> Ratio:
    return _completion(b)


@figure(
    "reach_rate",
    QT_TRANSLATE_NOOP("Figures", "Callback reach rate"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "Calls made in the month that reached the customer ÷ all calls made in the month.",
    ),
    RATE,
    (SUMMARY, JSON),
)
def reach_rate(b: Basis) -> Ratio:
    return b.cached(
        f"reach:{b.handler_id}",
        lambda _b: callbacks.reach_rate(b.month.first_day, b.month.last_day, b.handler_id),
    )


@figure(
    "callback_satisfaction_mean",
    QT_TRANSLATE_NOOP("Figures", "Callback survey score (mean of 1–5)"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "Mean survey score of the callbacks completed in the month other than complaint "
        "callbacks (a complaint callback's score is the complaint's own).",
    ),
    SCORE,
    (SUMMARY,),
)
def callback_satisfaction_mean(b: Basis) -> float | None:
    query = CallbackTask.select(CallbackTask.satisfaction).where(
        CallbackTask.kind != "complaint",
        CallbackTask.satisfaction.is_null(False),
        CallbackTask.completed_at >= b.month.start,
        CallbackTask.completed_at < b.month.end,
    )
    if b.handler_id is not None:
        query = query.where(CallbackTask.assignee == b.handler_id)
    scores = [s for (s,) in query.tuples()]
    return sum(scores) / len(scores) if scores else None


# --- the contact register -----------------------------------------------------------------


@dataclass(frozen=True)
class ContactFacts:
    """What the figures read of one logged contact."""

    came_in_at: dt.datetime
    answered_at: dt.datetime | None
    ended_at: dt.datetime | None
    channel: str
    topic: str
    result: str
    agent_id: int | None

    @property
    def response_seconds(self) -> float | None:
        if self.answered_at is None:
            return None
        return (self.answered_at - self.came_in_at).total_seconds()


def _load_contacts(basis: Basis) -> list[ContactFacts]:
    return contacts_between(basis.month.start, basis.month.end)


def contacts_between(start: dt.datetime, end: dt.datetime) -> list[ContactFacts]:
    query = (
        ContactRecord.select(
            ContactRecord.came_in_at,
            ContactRecord.answered_at,
            ContactRecord.ended_at,
            ContactRecord.channel,
            ContactRecord.topic,
            ContactRecord.result,
            ContactRecord.agent,
        )
        .where(ContactRecord.came_in_at >= start, ContactRecord.came_in_at < end)
        .order_by(ContactRecord.came_in_at, ContactRecord.id)
        .tuples()
    )
    return [ContactFacts(*row) for row in query]


def month_contacts(b: Basis) -> list[ContactFacts]:
    """The contacts logged in the month (one agent's for an agent's basis)."""
    rows = b.cached("contacts", _load_contacts)
    if b.handler_id is None:
        return rows
    return [c for c in rows if c.agent_id == b.handler_id]


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


@figure(
    "contacts",
    QT_TRANSLATE_NOOP("Figures", "Contacts"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "Every contact logged in the contact register that came in during the month: calls, "
        "live-stream questions, WeChat, forms, e-mails and visits.",
    ),
    COUNT,
    (SUMMARY, AGENTS, JSON),
)
def contacts(b: Basis) -> int:
    return len(month_contacts(b))


@figure(
    "contacts_by_channel",
    QT_TRANSLATE_NOOP("Figures", "Contacts by channel"),
    QT_TRANSLATE_NOOP("Figures", "The month's contacts by the channel they came in on."),
    BREAKDOWN,
    (CHART, JSON),
)
def contacts_by_channel(b: Basis) -> dict[str, int]:
    return _breakdown((c.channel for c in month_contacts(b)), settings.get("complaint_channels"))


@figure(
    "contacts_by_topic",
    QT_TRANSLATE_NOOP("Figures", "Contacts by topic"),
    QT_TRANSLATE_NOOP("Figures", "The month's contacts by topic (咨询, 售前, 售后, 投诉 …)."),
    BREAKDOWN,
    (CHART, JSON),
)
def contacts_by_topic(b: Basis) -> dict[str, int]:
    return _breakdown((c.topic for c in month_contacts(b)), settings.get("contact_topics"))


@figure(
    "orders",
    QT_TRANSLATE_NOOP("Figures", "Orders"),
    QT_TRANSLATE_NOOP("Figures", "The month's contacts whose result is an order placed."),
    COUNT,
    (SUMMARY, AGENTS, JSON),
)
def orders(b: Basis) -> int:
    return sum(1 for c in month_contacts(b) if c.result == "order")


@figure(
    "conversion_rate",
    QT_TRANSLATE_NOOP("Figures", "Conversion rate"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "Orders ÷ the month's contacts on the topics 咨询 (enquiry) and 售前 (pre-sales).",
    ),
    RATE,
    (SUMMARY, AGENTS, JSON),
)
def conversion_rate(b: Basis) -> Ratio:
    sales = sum(1 for c in month_contacts(b) if c.topic in SALES_TOPICS)
    return Ratio(orders(b), sales)


@figure(
    "avg_response_seconds",
    QT_TRANSLATE_NOOP("Figures", "Average response time"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "Mean of (first answer − came in) over the month's contacts that have both times, in "
        "seconds.",
    ),
    SECONDS,
    (SUMMARY, AGENTS, JSON),
)
def avg_response_seconds(b: Basis) -> float | None:
    return _mean([s for c in month_contacts(b) if (s := c.response_seconds) is not None])


@figure(
    "answered_within_15s_rate",
    QT_TRANSLATE_NOOP("Figures", "Answered within 15 s"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "Contacts first answered at most 15 seconds after they came in ÷ the month's contacts "
        "that have both times.",
    ),
    RATE,
    (SUMMARY, AGENTS, JSON),
)
def answered_within_15s_rate(b: Basis) -> Ratio:
    seconds = [s for c in month_contacts(b) if (s := c.response_seconds) is not None]
    return Ratio(sum(1 for s in seconds if s <= 15), len(seconds))


@figure(
    "avg_contact_minutes",
    QT_TRANSLATE_NOOP("Figures", "Average contact length"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "Mean of (ended − came in) over the month's contacts that have an end, in minutes.",
    ),
    MINUTES,
    (SUMMARY, AGENTS, JSON),
)
def avg_contact_minutes(b: Basis) -> float | None:
    return _mean(
        [
            (c.ended_at - c.came_in_at).total_seconds() / 60
            for c in month_contacts(b)
            if c.ended_at is not None
        ]
    )


def _first_steps(basis: Basis) -> dict[int, dt.datetime]:
    """Each month's complaint's first handling step (a status change is not a response)."""
    query = (
        ProgressStep.select(ProgressStep.complaint, peewee.fn.MIN(ProgressStep.at))
        .join(Complaint)
        .where(
            Complaint.received_at >= basis.month.start,
            Complaint.received_at < basis.month.end,
            ProgressStep.kind != "status",
        )
        .group_by(ProgressStep.complaint)
        .tuples()
    )
    return {complaint_id: _as_datetime(at) for complaint_id, at in query}


def _as_datetime(value: Any) -> dt.datetime:
    if isinstance(value, str):  # SQLite hands an aggregate's time back as text
        return dt.datetime.fromisoformat(value)
    return value  # type: ignore[no-any-return]


@figure(
    "complaint_first_response_hours",
    QT_TRANSLATE_NOOP("Figures", "Complaint first response"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "Mean of (first handling step − received time) over the month's complaints that have a "
        "handling step (a status change is not one), in hours.",
    ),
    HOURS,
    (SUMMARY, JSON),
)
def complaint_first_response_hours(b: Basis) -> float | None:
    first = b.cached("first_steps", _first_steps)
    return _mean(
        [(first[c.id] - c.received_at).total_seconds() / 3600 for c in b.counted if c.id in first]
    )


CONTACT_FIGURES = (
    "contacts",
    "contacts_by_channel",
    "contacts_by_topic",
    "orders",
    "conversion_rate",
    "avg_response_seconds",
    "answered_within_15s_rate",
    "avg_contact_minutes",
)


def contact_figures_between(
    first: dt.date, last: dt.date, agent_id: int | None = None
) -> dict[str, Any]:
    """The contact register's figures over any run of days (a week's summary), by the same
    definitions as a month's."""
    start = dt.datetime.combine(first, dt.time())
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
    basis = Basis(Month.of(first), agent_id)
    loaded = contacts_between(start, end)
    basis.cached("contacts", lambda _b: loaded)
    return {key: CATALOGUE[key].compute(basis) for key in CONTACT_FIGURES}


# --- reading the catalogue ----------------------------------------------------------------


@dataclass
class Figures:
    """Every figure of the catalogue for one basis, computed once."""

    basis: Basis
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def month(self) -> Month:
        return self.basis.month

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def explain(self, key: str) -> str:
        """A figure's definition with the threshold these figures were counted with."""
        return CATALOGUE[key].explain(self.basis.satisfied_from)


def compute(month: Month, handler_id: int | None = None, *, basis: Basis | None = None) -> Figures:
    """Every figure of ``month`` (one handler's with ``handler_id``)."""
    basis = basis or Basis(month, handler_id)
    return Figures(basis, {key: f.compute(basis) for key, f in CATALOGUE.items()})


def figures_for(place: str) -> list[Figure]:
    """The catalogue's figures shown at ``place``, in the catalogue's order."""
    return [f for f in CATALOGUE.values() if place in f.places]


def cutoff_text(basis: Basis) -> str:
    """Where the figures are counted to, in words (the screen and both documents say it)."""
    if basis.ended:
        return translate("Figures", "Counted to the end of the month.")
    return translate("Figures", "Counted to {time}: the month is not over.").format(
        time=basis.cutoff.strftime("%Y-%m-%d %H:%M")
    )


def hours_text(value: float | None) -> str:
    return "—" if value is None else translate("Figures", "{h:.2f} h").format(h=value)


def score_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def text(key: str, value: Any) -> str:
    """A figure's value as the screen and the documents show it."""
    kind = CATALOGUE[key].kind
    if kind == RATE:
        return value.percent_of()
    if kind == HOURS:
        return hours_text(value)
    if kind == SCORE:
        return score_text(value)
    if kind == SECONDS:
        return "—" if value is None else translate("Figures", "{s:.1f} s").format(s=value)
    if kind == MINUTES:
        return "—" if value is None else translate("Figures", "{m:.1f} min").format(m=value)
    return str(value)


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    value: str
    definition: str


def rows(figures: Figures, place: str) -> list[Row]:
    """The figures shown at ``place`` as (label, value, definition) in the reader's language."""
    return [
        Row(f.key, f.title(), text(f.key, figures[f.key]), figures.explain(f.key))
        for f in figures_for(place)
        if f.kind != BREAKDOWN
    ]


def breakdown_label(key: str, code: Any, names: dict[int, str] | None = None) -> str:
    """The label of one entry of a breakdown, as the export writes it."""
    if key == "by_category":
        return labels.category_label(code)
    if key in ("by_channel", "contacts_by_channel"):
        return labels.channel_label(code)
    if key == "by_severity":
        return labels.severity_label(code)
    if key == "by_handler":
        return (names or {}).get(code, "") or translate("Figures", "(no handler)")
    if isinstance(code, dt.date):
        return code.isoformat()
    return str(code)


def handler_names(ids: Iterable[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return {u.id: u.name for u in User.select(User.id, User.name).where(User.id.in_(wanted))}


@dataclass
class AgentRow:
    user_id: int | None
    name: str
    employee_no: str
    figures: Figures


def agents(figures: Figures) -> list[AgentRow]:
    """The agents' table: each handler with complaints received in the month and each agent
    who logged contacts in it, by employee number, with the catalogue's figures counted over
    their own complaints and contacts."""
    ids = [i for i in by_handler(figures.basis) if i is not None]
    ids += sorted({c.agent_id for c in month_contacts(figures.basis) if c.agent_id} - set(ids))
    users = {
        u.id: u
        for u in User.select(User.id, User.name, User.employee_no).where(User.id.in_(ids or [0]))
    }
    out = []
    for user_id in sorted(ids, key=lambda i: (users[i].employee_no, i) if i in users else ("", i)):
        user = users.get(user_id)
        out.append(
            AgentRow(
                user_id=user_id,
                name=user.name if user else "",
                employee_no=user.employee_no if user else "",
                figures=compute(figures.month, basis=figures.basis.for_handler(user_id)),
            )
        )
    return out


# --- report --json ------------------------------------------------------------------------


def _json_value(f: Figure, value: Any) -> Any:
    if f.kind == RATE:
        return None if value.value is None else round(value.value, 4)
    if f.kind == HOURS:
        return None if value is None else _Fixed(value, 2)
    if f.kind in (SCORE, SECONDS, MINUTES):
        return None if value is None else round(value, 2)
    if f.kind == BREAKDOWN:
        return {breakdown_label(f.key, code): n for code, n in value.items()}
    return value


@dataclass(frozen=True)
class _Fixed:
    """A number written with a fixed number of decimals (hours: 12.50, not 12.5)."""

    value: float
    places: int


def report(month: Month) -> dict[str, Any]:
    """The figures of ``report --json``: ``month`` then every figure shown there, in order."""
    figures = compute(month)
    out: dict[str, Any] = {"month": str(month)}
    for f in figures_for(JSON):
        out[f.key] = _json_value(f, figures[f.key])
    return out


def report_json(month: Month) -> str:
    """:func:`report` as one JSON object; rates as fractions, hours with two decimals."""
    fixed: list[_Fixed] = []

    def encode(value: Any) -> Any:
        if isinstance(value, _Fixed):
            fixed.append(value)
            return f"\x00fixed{len(fixed) - 1}\x00"
        raise TypeError(f"cannot write {value!r} as JSON")

    body = json.dumps(report(month), ensure_ascii=False, indent=2, default=encode)
    for index, number in enumerate(fixed):
        body = body.replace(
            json.dumps(f"\x00fixed{index}\x00"), f"{number.value:.{number.places}f}"
        )
    return body
