"""The figure catalogue (DOMAIN §6) on a small, hand-made month, on both backends."""

import datetime as dt
import json

import pytest

from app import figures, settings
from app.clock import Month
from app.ratio import Ratio
from models import CallbackTask, Complaint

NOV = dt.datetime(2026, 11, 1)
DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)


def complaint(
    number,
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
        number=number,
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
    """November 2026 seen on the 26th at 10:30 (the tests' clock): the month still runs."""
    # agent: resolved in 10 h on time, resolved in 30 h late, one still open and overdue
    complaint(
        "20261101-001",
        agent,
        received=NOV,
        status="resolved",
        resolved=NOV + 10 * HOUR,
        promised=NOV + 24 * HOUR,
        satisfaction=5,
    )
    complaint(
        "20261102-001",
        agent,
        received=NOV + DAY,
        status="closed",
        category="delivery",
        resolved=NOV + DAY + 30 * HOUR,
        promised=NOV + DAY + 24 * HOUR,
        satisfaction=2,
    )
    complaint("20261103-001", agent, received=NOV + 2 * DAY, promised=NOV + 3 * DAY)
    # agent2: one in progress without a promised time, one void (counts only as void)
    complaint(
        "20261103-002", agent2, received=NOV + 2 * DAY, status="in_progress", category="delivery"
    )
    complaint(
        "20261104-001",
        agent2,
        received=NOV + 3 * DAY,
        status="resolved",
        voided=True,
        resolved=NOV + 3 * DAY,
        satisfaction=1,
    )
    # October: one resolved in November before its promise, one resolved in November long
    # after its promise (overdue at October's cut-off, not overdue now)
    complaint(
        "20261030-001",
        agent2,
        received=NOV - 2 * DAY,
        status="resolved",
        resolved=NOV + 2 * HOUR,
        promised=NOV + 4 * HOUR,
    )
    complaint(
        "20261020-001",
        agent,
        received=NOV - 12 * DAY,
        status="resolved",
        resolved=NOV + 4 * DAY,
        promised=NOV - 11 * DAY,
    )
    # a care callback's score is reported apart; a complaint callback's is the complaint's own
    CallbackTask.create(
        kind="care",
        event_key="c1",
        due_at=NOV,
        assignee=agent2,
        status="done",
        satisfaction=4,
        completed_at=NOV + DAY,
    )
    CallbackTask.create(
        kind="complaint",
        event_key="c2",
        due_at=NOV,
        assignee=agent,
        status="done",
        satisfaction=5,
        completed_at=NOV + DAY,
    )
    CallbackTask.create(kind="repair", event_key="c3", due_at=NOV + 2 * DAY, assignee=agent)
    return Month(2026, 11)


def test_counts_leave_out_void_complaints_and_other_months(month):
    got = figures.compute(month)
    assert (got["received"], got["voided"]) == (4, 1)
    assert got["by_category"] == {"quality": 2, "delivery": 2}
    assert got["by_channel"] == {"phone": 4}
    assert got["by_severity"] == {"normal": 4}
    assert got["by_day"][dt.date(2026, 11, 3)] == 2
    assert sum(got["by_day"].values()) == 4 and len(got["by_day"]) == 30
    # 1 November 2026 is a Sunday: the last day of ISO week 44
    assert got["by_week"] == {
        "2026-W44": 1,
        "2026-W45": 3,
        "2026-W46": 0,
        "2026-W47": 0,
        "2026-W48": 0,
        "2026-W49": 0,
    }


def test_resolution_handling_time_and_on_time_count_only_the_months_complaints(month):
    got = figures.compute(month)
    assert got["resolved"] == 2
    assert got["resolution_rate"] == Ratio(2, 4)
    assert got["avg_handling_hours"] == pytest.approx((10 + 30) / 2)
    assert (got["on_time"], got["no_promise"]) == (1, 0)
    assert got["on_time_rate"] == Ratio(1, 2)


def test_a_resolved_complaint_without_a_promised_time_is_neither_on_time_nor_late(month, agent):
    complaint(
        "20261105-001",
        agent,
        received=NOV + 4 * DAY,
        status="resolved",
        resolved=NOV + 4 * DAY + HOUR,
    )
    got = figures.compute(month)
    assert (got["resolved"], got["on_time"], got["no_promise"]) == (3, 1, 1)
    assert got["on_time_rate"] == Ratio(1, 2)


def test_overdue_at_the_cutoff_is_the_months_own_figure(month):
    november = figures.compute(month)
    assert november["overdue_at_cutoff"] == 1  # promised on the 4th, still open
    assert november["overdue_now"] == 1
    october = figures.compute(Month(2026, 10))
    assert october.basis.ended and october.basis.cutoff == NOV
    # resolved on 5 November, four days after the month's end, long after its promise
    assert october["overdue_at_cutoff"] == 1
    # the other October one: resolved on 1 November, after the cut-off, promised after it
    assert (october["received"], october["resolved"]) == (2, 0)


def test_satisfaction_of_complaints_and_the_callbacks_own_scores_apart(month, admin):
    got = figures.compute(month)
    assert got["satisfaction_mean"] == pytest.approx((5 + 2) / 2)
    assert got["scored"] == 2
    assert got["satisfied_share"] == Ratio(1, 2)  # 4 or more by default
    assert got["callback_satisfaction_mean"] == pytest.approx(4)
    settings.put(admin, "satisfied_from", 2)
    assert figures.compute(month)["satisfied_share"] == Ratio(2, 2)
    assert "2 or more" in figures.CATALOGUE["satisfied_share"].explain()


def test_callback_figures(month):
    got = figures.compute(month)
    assert (got["callbacks_due"], got["callbacks_done"]) == (3, 2)
    assert got["completion_rate"] == Ratio(2, 3)
    assert got["reach_rate"] == Ratio(0, 0)


def test_agents_table_counts_each_handlers_complaints(month, agent, agent2):
    rows = {row.user_id: row for row in figures.agents(figures.compute(month))}
    assert set(rows) == {agent.id, agent2.id}
    mine = rows[agent.id].figures
    assert (mine["received"], mine["resolved"], mine["overdue_at_cutoff"]) == (3, 2, 1)
    assert mine["avg_handling_hours"] == pytest.approx(20)
    theirs = rows[agent2.id].figures
    assert (theirs["received"], theirs["resolved"], theirs["voided"]) == (1, 0, 1)
    assert [row.employee_no for row in figures.agents(figures.compute(month))] == ["K001", "K002"]


def test_every_figure_has_a_definition_and_json_has_exactly_the_reports_keys(month):
    assert all(f.explain() and f.title() for f in figures.CATALOGUE.values())
    report = json.loads(figures.report_json(month))
    assert list(report) == [
        "month",
        "received",
        "voided",
        "resolved",
        "resolution_rate",
        "avg_handling_hours",
        "on_time",
        "on_time_rate",
        "no_promise",
        "overdue_at_cutoff",
        "satisfaction_mean",
        "satisfied_share",
        "scored",
        "by_category",
        "by_channel",
        "by_severity",
        "by_week",
        "callbacks_due",
        "callbacks_done",
        "completion_rate",
        "reach_rate",
        "contacts",
        "contacts_by_channel",
        "contacts_by_topic",
        "orders",
        "conversion_rate",
        "avg_response_seconds",
        "answered_within_15s_rate",
        "avg_contact_minutes",
        "complaint_first_response_hours",
    ]
    assert report["month"] == "2026-11"
    assert report["resolution_rate"] == 0.5 and report["completion_rate"] == 0.6667
    assert report["reach_rate"] is None
    assert '"avg_handling_hours": 20.00' in figures.report_json(month)
    assert report["by_category"] == {"Product quality": 2, "Delivery and logistics": 2}
