"""Holidays with 调休 and overrides, shifts, the month grid's flags, editing and the week pattern."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication

from app import audit
from app.errors import PermissionDenied, ValidationError
from app.i18n import install_language
from app.roster import public_holidays as ph
from app.roster import roster
from app.roster.shifts import list_shifts, parse_segments, save_shift, shift_by_code
from models import LeaveRequest, RosterEntry, Shift


@pytest.fixture(autouse=True)
def english_texts():
    """The texts checked here are the English sources: drop a translator an earlier test left."""
    if QCoreApplication.instance() is not None:
        install_language("en")


def test_china_2026_holidays_and_adjusted_working_days(db_url):
    assert ph.day_info(dt.date(2026, 10, 1)).is_holiday
    assert ph.day_info(dt.date(2026, 10, 1)).name == "National Day"  # in the reader's language
    # Sunday 4 October: a weekend inside the National Day break
    assert ph.day_info(dt.date(2026, 10, 4)).is_holiday
    # 调休: Saturday 10 October and Sunday 20 September are working days
    assert ph.day_info(dt.date(2026, 10, 10)).kind == ph.ADJUSTED_WORKDAY
    assert ph.day_info(dt.date(2026, 9, 20)).is_working_day
    assert ph.day_info(dt.date(2026, 2, 14)).kind == ph.ADJUSTED_WORKDAY
    # the Spring Festival break and an ordinary weekend
    assert all(ph.is_public_holiday(dt.date(2026, 2, d)) for d in range(15, 24))
    assert ph.day_info(dt.date(2026, 11, 28)).kind == ph.WEEKEND
    assert ph.day_info(dt.date(2026, 11, 25)).kind == ph.WORKDAY
    october = ph.month_days(2026, 10)
    assert len(october) == 31
    assert [d.on_date.day for d in october if d.is_holiday] == [1, 2, 3, 4, 5, 6, 7]


def test_manager_override_for_a_day_the_library_does_not_know(db_url, manager, agent):
    day = dt.date(2027, 3, 8)  # a Monday; suppose a new schedule makes it a holiday
    assert not ph.is_public_holiday(day)
    with pytest.raises(PermissionDenied):
        ph.set_override(agent, day, is_holiday=True, name="春节")
    ph.set_override(manager, day, is_holiday=True, name="春节")
    assert ph.day_info(day).is_holiday and ph.day_info(day).name == "春节"
    # the weekend before joins the break
    assert ph.is_public_holiday(dt.date(2027, 3, 7))
    ph.set_override(manager, dt.date(2027, 3, 6), is_holiday=False, name="调休上班")
    assert ph.day_info(dt.date(2027, 3, 6)).kind == ph.ADJUSTED_WORKDAY
    ph.remove_override(manager, day)
    assert not ph.is_public_holiday(day)
    assert len(audit.browse(table="holiday_override")) == 3


def test_default_shifts_seeded_once_and_editable_by_the_manager(db_url, manager, agent):
    shifts = list_shifts()
    assert [s.code for s in shifts] == ["day", "noon", "evening", "weekend"]
    assert shift_by_code("day").segments == "08:00-12:00,14:00-18:00"
    assert shift_by_code("weekend").weekend
    list_shifts()
    assert Shift.select().count() == 4
    with pytest.raises(PermissionDenied):
        save_shift(agent, None, code="x", name="x", segments="09:00-10:00", weekend=False)
    with pytest.raises(ValidationError) as caught:
        save_shift(manager, None, code="Bad Code", name="", segments="9-10", weekend=False)
    assert set(caught.value.fields) == {"code", "name", "segments"}
    noon = shift_by_code("noon")
    save_shift(manager, noon, code="noon", name="午班", segments="12:00-14:00", weekend=False)
    assert Shift.get_by_id(noon.id).segments == "12:00-14:00"
    assert parse_segments("14:00-18:00, 08:00-12:00")[0] == (dt.time(8), dt.time(12))
    with pytest.raises(ValueError):
        parse_segments("08:00-12:00,11:00-13:00")


def test_only_the_manager_edits_the_roster_and_every_edit_is_audited(db_url, manager, agent):
    day = dt.date(2026, 12, 2)
    with pytest.raises(PermissionDenied):
        roster.assign(agent, agent, day, shift_by_code("day"))
    roster.set_day(manager, agent, day, [shift_by_code("day"), shift_by_code("noon")])
    assert RosterEntry.select().count() == 2
    roster.set_day(manager, agent, day, [shift_by_code("evening")])
    assert [e.shift.code for e in roster.entries_between(day, day)] == ["evening"]
    assert len(audit.browse(table="roster_entry", action="create")) == 3
    assert len(audit.browse(table="roster_entry", action="delete")) == 2


def test_month_grid_flags_overlaps_and_shifts_during_approved_leave(db_url, manager, agent):
    day = dt.date(2026, 12, 2)
    roster.set_day(manager, agent, day, [shift_by_code("day"), shift_by_code("weekend")])
    roster.set_day(manager, agent, day + dt.timedelta(1), [shift_by_code("day")])
    roster.set_day(manager, agent, day + dt.timedelta(2), [shift_by_code("day")])
    LeaveRequest.create(
        agent=agent,
        start_at=dt.datetime(2026, 12, 3, 8),
        end_at=dt.datetime(2026, 12, 3, 18),
        status="approved",
    )
    LeaveRequest.create(
        agent=agent,
        start_at=dt.datetime(2026, 12, 4, 8),
        end_at=dt.datetime(2026, 12, 4, 18),
        status="pending",
    )
    data = roster.month_roster(2026, 12)
    assert data.flags[(agent.id, day)] == {roster.OVERLAP}
    assert data.flags[(agent.id, day + dt.timedelta(1))] == {roster.ON_LEAVE}
    assert (agent.id, day + dt.timedelta(2)) not in data.flags  # pending leave is not flagged
    assert len(data.days) == 31 and agent.id in [p.id for p in data.people]


def test_week_pattern_repeats_across_the_month_and_skips_holidays(db_url, manager, agent):
    # the week of Monday 12 October copied across October (National Day 1-7, 10 Oct 调休)
    week = dt.date(2026, 10, 12)
    for offset in range(5):
        roster.set_day(manager, agent, week + dt.timedelta(offset), [shift_by_code("day")])
    roster.set_day(manager, agent, week + dt.timedelta(5), [shift_by_code("weekend")])
    result = roster.apply_week_pattern(
        manager, week, 2026, 10, agents=[agent], today=dt.date(2026, 9, 1)
    )
    days = {
        e.on_date: e.shift.code
        for e in roster.entries_between(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    }
    assert days[dt.date(2026, 10, 19)] == "day" and days[dt.date(2026, 10, 30)] == "day"
    assert days[dt.date(2026, 10, 24)] == "weekend"
    # no weekday shift on a holiday: Thursday 1 and Friday 2 get Saturday's weekend duty,
    # Monday 5 and Tuesday 6 Sunday's (none), Saturday 3 its own
    assert days[dt.date(2026, 10, 1)] == "weekend" and days[dt.date(2026, 10, 2)] == "weekend"
    assert days[dt.date(2026, 10, 3)] == "weekend" and days[dt.date(2026, 10, 7)] == "weekend"
    assert dt.date(2026, 10, 5) not in days and dt.date(2026, 10, 6) not in days
    # the working Saturday 10 October gets Friday's shift, not weekend duty
    assert days[dt.date(2026, 10, 10)] == "day"
    assert dt.date(2026, 10, 18) not in days
    assert result.created == len(days) - 6
    assert result.working_weekend_days == [dt.date(2026, 10, 10)]
    assert result.weekday_holidays == [dt.date(2026, 10, d) for d in (1, 2, 5, 6, 7)]
    with pytest.raises(PermissionDenied):
        roster.apply_week_pattern(agent, week, 2026, 10)


def test_month_bounds(db_url):
    assert roster.month_bounds(2028, 2) == (dt.date(2028, 2, 1), dt.date(2028, 2, 29))
    assert roster.month_bounds(2026, 12) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))


def test_week_pattern_leaves_past_days_alone(db_url, manager, agent):
    week = dt.date(2026, 11, 2)
    roster.set_day(manager, agent, week, [shift_by_code("day")])
    roster.set_day(manager, agent, dt.date(2026, 11, 9), [shift_by_code("noon")])  # history
    roster.apply_week_pattern(manager, week, 2026, 11, agents=[agent], today=dt.date(2026, 11, 25))
    codes = {e.on_date: e.shift.code for e in roster.entries_between(week, dt.date(2026, 11, 30))}
    assert codes[dt.date(2026, 11, 9)] == "noon"
    assert codes[dt.date(2026, 11, 30)] == "day"
    assert dt.date(2026, 11, 16) not in codes  # past: not filled either


def test_week_pattern_keeps_approved_swaps(db_url, manager, agent, agent2):
    from app.roster import swaps
    from models import SwapRequest

    today = dt.date(2026, 12, 1)
    week = dt.date(2026, 12, 7)
    day, evening = shift_by_code("day"), shift_by_code("evening")
    for offset in range(5):
        roster.set_day(manager, agent, week + dt.timedelta(offset), [day])
        roster.set_day(manager, agent2, week + dt.timedelta(offset), [evening])
    roster.apply_week_pattern(manager, week, 2026, 12, today=today)
    give, back = dt.date(2026, 12, 16), dt.date(2026, 12, 17)
    plan = swaps.plan_for(agent, agent2, give, day, back, evening)
    swap = swaps.request_swap(agent, plan, "家里有事", today=today)
    swaps.accept(agent2, swap)
    swaps.approve(manager, swap, override_reason="例外", today=today)

    result = roster.apply_week_pattern(manager, week, 2026, 12, today=today)

    assert roster.entry_for(agent2, give, day) is not None  # the colleague keeps what they took
    assert roster.entry_for(agent, give, day) is None  # the requester is not put back
    assert roster.entry_for(agent, back, evening) is not None
    assert roster.entry_for(agent2, back, evening) is None
    assert roster.entry_for(agent2, give, day).swap_id == swap.id
    assert SwapRequest.get_by_id(swap.id).status == swaps.APPROVED
    # the other days follow the pattern as before
    assert roster.entry_for(agent, dt.date(2026, 12, 18), day) is not None
    assert roster.entry_for(agent2, dt.date(2026, 12, 18), evening) is not None
    assert result.kept_swaps == 2 and result.created == 0


def test_a_swap_inside_the_source_week_is_not_repeated(db_url, manager, agent, agent2):
    from app.roster import swaps

    today = dt.date(2026, 12, 1)
    week = dt.date(2026, 12, 7)
    day, evening = shift_by_code("day"), shift_by_code("evening")
    for offset in range(5):
        roster.set_day(manager, agent, week + dt.timedelta(offset), [day])
        roster.set_day(manager, agent2, week + dt.timedelta(offset), [evening])
    give, back = week + dt.timedelta(1), week + dt.timedelta(3)  # Tuesday, Thursday
    plan = swaps.plan_for(agent, agent2, give, day, back, evening)
    swap = swaps.request_swap(agent, plan, "家里有事", today=today)
    swaps.accept(agent2, swap)
    swaps.approve(manager, swap, override_reason="例外", today=today)

    roster.apply_week_pattern(manager, week, 2026, 12, today=today)

    next_tuesday, next_thursday = give + dt.timedelta(7), back + dt.timedelta(7)
    assert roster.entry_for(agent, next_tuesday, day) is not None  # each week as before the swap
    assert roster.entry_for(agent2, next_tuesday, day) is None
    assert roster.entry_for(agent2, next_thursday, evening) is not None
    assert roster.entry_for(agent, next_thursday, evening) is None
    assert roster.entry_for(agent2, give, day).swap_id == swap.id  # the swap itself stays


def test_week_pattern_on_adjusted_working_days_and_weekday_holidays(db_url, manager, agent, agent2):
    # a source week in December 2026 with different people on each weekday and weekend day
    week = dt.date(2026, 12, 7)
    day, weekend = shift_by_code("day"), shift_by_code("weekend")
    roster.set_day(manager, agent, week, [day])  # Monday
    roster.set_day(manager, agent2, week + dt.timedelta(4), [day])  # Friday
    roster.set_day(manager, agent, week + dt.timedelta(5), [weekend])  # Saturday
    roster.set_day(manager, agent2, week + dt.timedelta(6), [weekend])  # Sunday
    ph.set_override(manager, dt.date(2026, 12, 19), is_holiday=False, name="调休上班")  # Saturday
    ph.set_override(manager, dt.date(2026, 12, 20), is_holiday=False, name="调休上班")  # Sunday
    ph.set_override(manager, dt.date(2026, 12, 22), is_holiday=True, name="假日")  # Tuesday
    ph.set_override(manager, dt.date(2026, 12, 24), is_holiday=True, name="假日")  # Thursday

    result = roster.apply_week_pattern(manager, week, 2026, 12, today=dt.date(2026, 12, 1))

    def on(day_of_month: int) -> set[tuple[str, str]]:
        d = dt.date(2026, 12, day_of_month)
        return {(e.agent.login, e.shift.code) for e in roster.entries_between(d, d)}

    # a working Saturday works like Friday, a working Sunday like Monday
    assert on(19) == {(agent2.login, "day")}
    assert on(20) == {(agent.login, "day")}
    # a holiday Tuesday gets Sunday's duty, a holiday Thursday Saturday's
    assert on(22) == {(agent2.login, "weekend")}
    assert on(24) == {(agent.login, "weekend")}
    # ordinary days as before
    assert on(14) == {(agent.login, "day")} and on(26) == {(agent.login, "weekend")}
    assert result.working_weekend_days == [dt.date(2026, 12, 19), dt.date(2026, 12, 20)]
    assert result.weekday_holidays == [dt.date(2026, 12, 22), dt.date(2026, 12, 24)]


def test_holiday_names_are_in_the_readers_language(db_url, qapp):
    """The names of the public holidays come in the reader's language: 国庆节 in Chinese,
    "National Day" in English (the roster's tooltips and its printed legend show them)."""
    install_language("zh_CN")
    try:
        assert "国庆" in ph.day_info(dt.date(2026, 10, 1)).name
        assert ph.day_info(dt.date(2026, 10, 4)).name == ph.day_info(dt.date(2026, 10, 1)).name
    finally:
        install_language("en")
    assert ph.day_info(dt.date(2026, 10, 1)).name == "National Day"
    assert ph.day_info(dt.date(2026, 10, 4)).name == "National Day"  # the break's weekend
    # a day off for a weekend worked names that day as every date is written here
    assert ph.day_info(dt.date(2026, 10, 6)).name == "Day off (substituted from 2026-09-20)"
