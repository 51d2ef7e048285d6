"""Mainland China's statutory holidays and adjusted working days (调休), with manager overrides.

The ``holidays`` package knows the State Council's published schedule (2026 included). A weekend
day joined to a statutory holiday without a working day between belongs to the holiday break (as
the official notices count it: 端午节 6月19日至21日放假). A manager adds :class:`HolidayOverride`
rows for days the library does not know yet; an override wins over the library.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from app import audit, validation
from app.auth import require
from app.clock import Month
from app.errors import ValidationError
from app.i18n import reader_language, translate
from app.operations import use_case
from app.records import save_changes
from models import HolidayOverride, User

HOLIDAY = "holiday"
ADJUSTED_WORKDAY = "adjusted_workday"  # 调休上班: a weekend day worked
WEEKEND = "weekend"
WORKDAY = "workday"


@dataclass(frozen=True)
class DayInfo:
    on_date: dt.date
    kind: str
    name: str = ""

    @property
    def is_holiday(self) -> bool:
        return self.kind == HOLIDAY

    @property
    def is_working_day(self) -> bool:
        return self.kind in (WORKDAY, ADJUSTED_WORKDAY)


# the holiday library's language for the reader's (its names in Chinese or in English)
LIBRARY_LANGUAGES = {"zh_CN": "zh_CN", "en": "en_US"}


@lru_cache(maxsize=16)
def _library_year(year: int, language: str) -> tuple[dict[dt.date, str], frozenset[dt.date]]:
    import holidays  # loaded when a calendar is first read (it takes a while), not at start

    calendar = holidays.China(years=year, language=language)
    named = {d: _iso_dates(str(n)) for d, n in calendar.items() if d.year == year}
    workdays = frozenset(d for d in calendar.weekend_workdays if d.year == year)
    return named, workdays


_US_DATE = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")


def _iso_dates(name: str) -> str:
    """A name as the library writes it in English, its dates as the program writes every date:
    "Day off (substituted from 2026-09-20)", not "09/20/2026"."""
    return _US_DATE.sub(r"\3-\1-\2", name)


def _library_day(day: dt.date) -> tuple[str, str]:
    named, workdays = _library_year(day.year, LIBRARY_LANGUAGES[reader_language()])
    if day in named:
        return HOLIDAY, named[day]
    if day in workdays:
        return ADJUSTED_WORKDAY, translate("Holidays", "Adjusted working day")
    if day.weekday() >= 5:
        return WEEKEND, ""
    return WORKDAY, ""


def _overrides(first: dt.date, last: dt.date) -> dict[dt.date, HolidayOverride]:
    rows = HolidayOverride.select().where(
        HolidayOverride.on_date >= first, HolidayOverride.on_date <= last
    )
    return {row.on_date: row for row in rows}


def _base(day: dt.date, overrides: dict[dt.date, HolidayOverride]) -> tuple[str, str]:
    row = overrides.get(day)
    if row is not None:
        if row.is_holiday:
            return HOLIDAY, row.name or translate("Holidays", "Holiday")
        return ADJUSTED_WORKDAY, row.name or translate("Holidays", "Adjusted working day")
    return _library_day(day)


def days_between(first: dt.date, last: dt.date) -> dict[dt.date, DayInfo]:
    """Every day from ``first`` to ``last`` with its kind; weekends inside a break are holidays."""
    pad = dt.timedelta(days=9)
    overrides = _overrides(first - pad, last + pad)
    base: dict[dt.date, tuple[str, str]] = {}
    day = first - pad
    while day <= last + pad:
        base[day] = _base(day, overrides)
        day += dt.timedelta(days=1)
    out: dict[dt.date, DayInfo] = {}
    day = first
    while day <= last:
        kind, name = base[day]
        if kind == WEEKEND:
            joined = _break_name(day, base)
            if joined:
                kind, name = HOLIDAY, joined
        out[day] = DayInfo(day, kind, name)
        day += dt.timedelta(days=1)
    return out


def _break_name(day: dt.date, base: dict[dt.date, tuple[str, str]]) -> str:
    """The holiday's name when this weekend day sits in a run of days off touching a holiday."""
    for step in (-1, 1):
        cursor = day + dt.timedelta(days=step)
        while cursor in base and base[cursor][0] == WEEKEND:
            cursor += dt.timedelta(days=step)
        if cursor in base and base[cursor][0] == HOLIDAY:
            return base[cursor][1]
    return ""


def day_info(day: dt.date) -> DayInfo:
    return days_between(day, day)[day]


def is_public_holiday(day: dt.date) -> bool:
    return day_info(day).is_holiday


def month_days(year: int, month: int) -> list[DayInfo]:
    of = Month(year, month)
    return list(days_between(of.first_day, of.last_day).values())


@use_case
def set_override(actor: User, on_date: dt.date, *, is_holiday: bool, name: str = "") -> None:
    """The manager's word on one day: a holiday, or an adjusted working day."""
    require(actor, "roster.edit")
    validation.check_dates({"on_date": on_date})
    if len(name) > 60:
        raise ValidationError({"name": translate("Holidays", "At most 60 characters.")})
    row = HolidayOverride.get_or_none(HolidayOverride.on_date == on_date)
    if row is None:
        row = HolidayOverride.create(
            on_date=on_date, is_holiday=is_holiday, name=name.strip(), created_by=actor.id
        )
        audit.record_create(actor, row, summary=on_date.isoformat())
    else:
        save_changes(
            actor, row, {"is_holiday": is_holiday, "name": name.strip()}, summary=str(on_date)
        )


@use_case
def remove_override(actor: User, on_date: dt.date) -> None:
    require(actor, "roster.edit")
    row = HolidayOverride.get_or_none(HolidayOverride.on_date == on_date)
    if row is not None:
        audit.record_delete(actor, row, summary=on_date.isoformat())
        row.delete_instance()


def kind_label(kind: str) -> str:
    return {
        HOLIDAY: translate("Holidays", "Public holiday"),
        ADJUSTED_WORKDAY: translate("Holidays", "Adjusted working day"),
        WEEKEND: translate("Holidays", "Weekend"),
        WORKDAY: translate("Holidays", "Working day"),
    }.get(kind, kind)
