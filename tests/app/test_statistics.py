"""The figures of DOMAIN §6 on a small, hand-made month (both backends)."""

import datetime as dt

import pytest

from app.clock import Month
from app.statistics import period_figures
from models import CallbackTask, Complaint

NOV = dt.datetime(2026, 11, 1)


def complaint(
    n,
    handler,
    *,
    received,
    status="open",
    category="quality",
    resolved=None,
    promised=None,
    satisfaction=None,
    voided=False,
):
    return Complaint.create(
        number=f"202611{n:02d}-001",
        received_at=received,
        complainant="张三",
        contact="13800000000",
        channel="phone",
        category=category,
        severity="normal",
        content="内容",
        status=status,
        handler=handler,
        resolved_at=resolved,
        promised_at=promised,
        satisfaction=satisfaction,
        voided=voided,
    )


@pytest.fixture
def month(db_url, agent, agent2):
    day = dt.timedelta(days=1)
    hour = dt.timedelta(hours=1)
    # agent: two resolved (10 h on time, 30 h late), one open
    complaint(
        1,
        agent,
        received=NOV,
        status="resolved",
        resolved=NOV + 10 * hour,
        promised=NOV + 24 * hour,
        satisfaction=5,
    )
    complaint(
        2,
        agent,
        received=NOV + day,
        status="closed",
        category="delivery",
        resolved=NOV + day + 30 * hour,
        promised=NOV + day + 24 * hour,
        satisfaction=2,
    )
    complaint(3, agent, received=NOV + 2 * day, status="open", promised=NOV + 3 * day)
    # agent2: one in progress, one voided (never counts)
    complaint(4, agent2, received=NOV + 2 * day, status="in_progress", category="delivery")
    complaint(
        5,
        agent2,
        received=NOV + 3 * day,
        status="resolved",
        voided=True,
        resolved=NOV + 3 * day,
        satisfaction=1,
    )
    # October complaint resolved in November counts for handling time, not for received
    complaint(
        6,
        agent2,
        received=NOV - 2 * day,
        status="resolved",
        resolved=NOV + 2 * hour,
        promised=NOV + 4 * hour,
    )
    # a care callback with a score counts for satisfaction; a complaint callback does not
    CallbackTask.create(
        kind="care",
        event_key="c1",
        due_at=NOV,
        assignee=agent2,
        status="done",
        satisfaction=4,
        completed_at=NOV + day,
    )
    CallbackTask.create(
        kind="complaint",
        event_key="c2",
        due_at=NOV,
        assignee=agent,
        status="done",
        satisfaction=5,
        completed_at=NOV + day,
    )
    november = Month.parse("2026-11")
    return november.first_day, november.next().first_day


def test_counts_exclude_voided_and_other_months(month):
    figures = period_figures(*month, now=dt.datetime(2026, 11, 10))
    assert figures.received == 4
    assert figures.by_category == {"quality": 2, "delivery": 2}
    assert figures.by_day[dt.date(2026, 11, 3)] == 2
    assert sum(figures.by_day.values()) == 4 and len(figures.by_day) == 30


def test_resolution_handling_time_and_on_time_rate(month):
    figures = period_figures(*month, now=dt.datetime(2026, 11, 10))
    assert (figures.resolution.numerator, figures.resolution.denominator) == (2, 4)
    # resolved in November: 10 h, 30 h, and the October one after 50 h
    assert figures.average_handling_hours == pytest.approx((10 + 30 + 50) / 3)
    # on time: the 10 h one and the October one (resolved 2 h before its promise)
    assert (figures.on_time.numerator, figures.on_time.denominator) == (2, 3)


def test_satisfaction_counts_complaints_and_non_complaint_callbacks(month):
    figures = period_figures(*month, now=dt.datetime(2026, 11, 10))
    # complaint scores 5 and 2, care callback 4; the complaint callback's 5 is the complaint's own
    assert figures.satisfaction_mean == pytest.approx((5 + 2 + 4) / 3)
    assert (figures.satisfied_share.numerator, figures.satisfied_share.denominator) == (2, 3)


def test_overdue_now_and_agent_figures(month, agent, agent2):
    figures = period_figures(*month, now=dt.datetime(2026, 11, 10))
    assert figures.overdue_now == 1  # complaint 3, promised on the 4th, still open
    by_agent = {a.user_id: a for a in figures.agents}
    assert (by_agent[agent.id].received, by_agent[agent.id].resolved) == (3, 2)
    assert by_agent[agent.id].average_handling_hours == pytest.approx(20)
    assert (by_agent[agent2.id].received, by_agent[agent2.id].resolved) == (1, 1)
