"""The nine swap rules of DOMAIN §4 and the leave rules: each with a case that holds and one that
fails, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication

from app import settings
from app.i18n import install_language
from app.roster import rules, swaps
from app.roster.shifts import shift_by_code
from models import LeaveRequest, RosterEntry, SwapRequest, User


@pytest.fixture(autouse=True)
def english_texts():
    """The texts checked here are the English sources: drop a translator an earlier test left."""
    if QCoreApplication.instance() is not None:
        install_language("en")


D = dt.date(2026, 12, 1)  # a Tuesday, no holiday near


def put(user: User, day: dt.date, code: str = "day") -> RosterEntry:
    return RosterEntry.create(on_date=day, shift=shift_by_code(code), agent=user)


def plan(a: User, b: User, give: dt.date, ret: dt.date, give_code="day", ret_code="day", **kw):
    return rules.SwapPlan(a, b, give, shift_by_code(give_code), ret, shift_by_code(ret_code), **kw)


def approved_swap(
    a: User, b: User, give: dt.date, ret: dt.date, status: str = "approved"
) -> SwapRequest:
    return SwapRequest.create(
        requester=a,
        colleague=b,
        give_date=give,
        give_shift=shift_by_code("day"),
        return_date=ret,
        return_shift=shift_by_code("day"),
        status=status,
    )


@pytest.fixture
def pair(db_url, agent, agent2):
    put(agent, D)
    put(agent2, D + dt.timedelta(days=7))
    return agent, agent2


def test_rule_1_both_agree(pair, manager):
    a, b = pair
    p = plan(a, b, D, D + dt.timedelta(days=7))
    assert rules.rule_1_both_agree(p).status == rules.WAITING
    p.status = "pending_manager"
    assert rules.rule_1_both_agree(p).status == rules.PASS
    p.status = "declined"
    result = rules.rule_1_both_agree(p)
    assert result.failed and b.name in result.explanation
    assert rules.rule_1_both_agree(plan(a, a, D, D)).failed


def test_rule_2_takes_effect_only_on_approval(pair):
    a, b = pair
    p = plan(a, b, D, D + dt.timedelta(days=7), status="pending_manager")
    assert rules.rule_2_manager_approves(p).status == rules.WAITING
    p.status = "approved"
    assert rules.rule_2_manager_approves(p).passed
    p.status = "rejected"
    assert rules.rule_2_manager_approves(p).failed


def test_rule_3_monthly_limit_counts_either_side(pair, manager):
    a, b = pair
    p = plan(a, b, D, D + dt.timedelta(days=7))
    assert rules.rule_3_monthly_limit(p).passed
    # b takes part in three approved swaps this month, once as the colleague
    approved_swap(b, manager, dt.date(2026, 12, 20), dt.date(2026, 12, 22))
    approved_swap(manager, b, dt.date(2026, 12, 24), dt.date(2026, 12, 26))
    approved_swap(b, manager, dt.date(2026, 12, 28), dt.date(2026, 12, 30))
    result = rules.rule_3_monthly_limit(p)
    assert result.failed
    assert b.name in result.explanation and "3" in result.explanation
    settings.store(None, "swap_limit_per_month", 4)
    assert rules.rule_3_monthly_limit(p).passed


def test_rule_3_counts_the_swaps_still_waiting_in_that_month(pair, manager):
    """Three swaps waiting never show the limit as met for a fourth."""
    a, b = pair
    p = plan(a, b, D, D + dt.timedelta(days=7))
    approved_swap(a, manager, dt.date(2026, 12, 20), dt.date(2026, 12, 22), "pending_colleague")
    approved_swap(manager, a, dt.date(2026, 12, 24), dt.date(2026, 12, 26), "pending_manager")
    result = rules.rule_3_monthly_limit(p)
    assert result.passed and "2 swap(s) still waiting" in result.explanation
    approved_swap(a, manager, dt.date(2026, 12, 28), dt.date(2026, 12, 30), "approved")
    result = rules.rule_3_monthly_limit(p)
    assert result.failed
    assert "3 swap(s) in 2026-12 (including 2 waiting for approval)" in result.explanation
    # withdrawn, declined and rejected ones do not count
    for swap in SwapRequest.select().where(SwapRequest.status != "approved"):
        swap.status = "withdrawn"
        swap.save()
    assert rules.rule_3_monthly_limit(p).passed


def test_rule_4_no_consecutive_swaps(pair, manager):
    a, b = pair
    p = plan(a, b, D, D + dt.timedelta(days=7))
    approved_swap(a, manager, D + dt.timedelta(days=3), D + dt.timedelta(days=4))
    assert rules.rule_4_no_consecutive_swaps(p).passed
    approved_swap(manager, a, D + dt.timedelta(days=20), D + dt.timedelta(days=1))
    result = rules.rule_4_no_consecutive_swaps(p)
    assert result.failed and "2026-12-02" in result.explanation


def test_rule_5_no_back_to_back(pair):
    a, b = pair
    p = plan(a, b, D, D + dt.timedelta(days=7))
    assert rules.rule_5_no_back_to_back(p).passed
    put(b, D, "evening")  # 18:30 after the day shift ending 18:00: only 30 minutes
    result = rules.rule_5_no_back_to_back(p)
    assert result.failed and "30" in result.explanation and b.name in result.explanation
    settings.store(None, "swap_min_break_minutes", 30)
    assert rules.rule_5_no_back_to_back(p).passed


def test_rule_5_overlap_for_the_one_returning(pair):
    a, b = pair
    p = plan(a, b, D, D + dt.timedelta(days=7))
    put(a, D + dt.timedelta(days=7), "weekend")  # a would work two shifts at once
    result = rules.rule_5_no_back_to_back(p)
    assert result.failed and a.name in result.explanation


def test_rule_6_no_leave_on_swapped_shifts(pair):
    a, b = pair
    p = plan(a, b, D, D + dt.timedelta(days=7))
    assert rules.rule_6_no_leave_on_swapped_shifts(p).passed
    LeaveRequest.create(
        agent=b,
        start_at=dt.datetime.combine(D, dt.time(9)),
        end_at=dt.datetime.combine(D, dt.time(11)),
        status="pending",
    )
    result = rules.rule_6_no_leave_on_swapped_shifts(p)
    assert result.failed and b.name in result.explanation


def test_rule_7_no_swap_on_public_holiday(db_url, agent, agent2):
    national_day = dt.date(2026, 10, 1)
    p = plan(agent, agent2, national_day, D)
    result = rules.rule_7_no_swap_on_public_holiday(p)
    assert result.failed and "2026-10-01" in result.explanation
    assert rules.rule_7_no_swap_on_public_holiday(plan(agent, agent2, D, D)).passed
    # Sunday 4 October lies inside the National Day break, though the library lists weekdays only
    assert rules.rule_7_no_swap_on_public_holiday(
        plan(agent, agent2, D, dt.date(2026, 10, 4))
    ).failed


def test_rule_8_return_shift_named_and_held(pair):
    a, b = pair
    assert rules.rule_8_return_shift_named(plan(a, b, D, D + dt.timedelta(days=7))).passed
    result = rules.rule_8_return_shift_named(plan(a, b, D, D + dt.timedelta(days=8)))
    assert result.failed and "2026-12-09" in result.explanation
    assert rules.rule_8_return_shift_named(plan(a, b, D, D)).failed


def test_rule_9_no_shift_left_empty(pair):
    a, b = pair
    p = plan(a, b, D, D + dt.timedelta(days=7))
    assert rules.rule_9_no_empty_shift(p).passed
    put(b, D)  # b is already on a's day shift: one post would be left empty
    result = rules.rule_9_no_empty_shift(p)
    assert result.failed and b.name in result.explanation
    assert rules.rule_9_no_empty_shift(plan(a, b, D + dt.timedelta(days=1), D)).failed


def test_check_swap_rules_lists_nine_in_order(pair):
    a, b = pair
    results = rules.check_swap_rules(plan(a, b, D, D + dt.timedelta(days=7)))
    assert [r.rule for r in results] == list(range(1, 10))
    assert not rules.failed_rules(results)
    assert all(r.explanation for r in results)
    again = rules.results_from_json(rules.results_to_json(results))
    assert again == results


def test_swap_preview_shows_failures_in_plain_words(pair):
    a, b = pair
    put(b, D, "noon")
    results = swaps.preview(plan(a, b, D, D + dt.timedelta(days=7)))
    failed = rules.failed_rules(results)
    assert [r.rule for r in failed] == [5]
    assert b.name in failed[0].explanation and "minutes" in failed[0].explanation


# --- leave -----------------------------------------------------------------------------------


def leave_plan(agent, start, end, substitute=None, asked_on=dt.date(2026, 11, 25)):
    return rules.LeavePlan(agent, start, end, substitute, asked_on)


def at(day: dt.date, hour: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour))


def test_leave_rule_notice_and_substitute(db_url, agent, agent2):
    short = leave_plan(agent, at(D, 8), at(D, 18))
    assert rules.leave_rule_notice_and_substitute(short).passed
    long_no_sub = leave_plan(agent, at(D), at(D + dt.timedelta(days=3)))
    result = rules.leave_rule_notice_and_substitute(long_no_sub)
    assert result.failed and "substitute" in result.explanation
    late = leave_plan(agent, at(D), at(D + dt.timedelta(days=3)), agent2, asked_on=D)
    assert rules.leave_rule_notice_and_substitute(late).failed
    good = leave_plan(agent, at(D), at(D + dt.timedelta(days=3)), agent2)
    assert rules.leave_rule_notice_and_substitute(good).passed


def test_leave_rule_6_not_on_swapped_shift(pair):
    a, b = pair
    approved_swap(a, b, D, D + dt.timedelta(days=7))
    on_swap = leave_plan(b, at(D, 8), at(D, 12))
    result = rules.leave_rule_6_not_on_swapped_shift(on_swap)
    assert result.failed and "2026-12-01" in result.explanation
    assert rules.leave_rule_6_not_on_swapped_shift(leave_plan(b, at(D, 19), at(D, 21))).passed


def test_leave_rule_7_not_on_holiday_duty(db_url, agent):
    holiday = dt.date(2026, 10, 2)
    put(agent, holiday, "weekend")
    result = rules.leave_rule_7_not_on_holiday_duty(leave_plan(agent, at(holiday), at(holiday, 23)))
    assert result.failed and "2026-10-02" in result.explanation
    assert rules.leave_rule_7_not_on_holiday_duty(leave_plan(agent, at(D), at(D, 23))).passed


def test_the_inbox_reads_the_team_settings_once_for_all_its_swaps(pair, manager):
    """Checking many swaps (the approval inbox) reads the rules' settings once, and each swap's
    open leave in one query."""
    from app.roster import screen
    from tests.ui.gui_thread_sql import record_gui_thread_sql

    a, b = pair
    for week in range(3):
        give, back = D + dt.timedelta(days=14 * week), D + dt.timedelta(days=14 * week + 7)
        if week:  # the first week's shifts are the pair's own
            put(a, give)
            put(b, back)
        swap = swaps.request_swap(a, plan(a, b, give, back), "x", today=D - dt.timedelta(days=1))
        swaps.accept(b, swap)
    with record_gui_thread_sql() as sql:  # this thread's statements
        found = screen.inbox(manager)
    assert len(found) == 3 and all(len(item.results) == 9 for item in found)
    read = [s for s in sql.statements if '"setting"' in s.sql]
    assert len(read) == 2  # the monthly limit and the break, once each
    leave_reads = [s for s in sql.statements if 'FROM "leave_request"' in s.sql]
    assert len(leave_reads) == 1 + 3  # the inbox's leave list, and one per swap (rule 6)
