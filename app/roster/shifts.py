"""Shift definitions 班次: the regulation's defaults, seeded on first use, editable by the manager."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import peewee

from app import audit
from app.auth import require
from app.errors import ConflictError, ValidationError, joined
from app.i18n import translate
from app.operations import use_case
from app.records import save_changes
from models import Shift as Shift  # re-exported: the type screens hold
from models import User, write_transaction

# code, name, segments, weekend, order: the regulation's shifts. Their names are the team's data
# (editable, like the complaint categories), the same whichever desk's language made them first.
DEFAULT_SHIFTS: tuple[tuple[str, str, str, bool, int], ...] = (
    ("day", "白班", "08:00-12:00,14:00-18:00", False, 10),
    ("noon", "午间值班", "12:30-14:00", False, 20),
    ("evening", "晚间值班", "18:30-21:30", False, 30),
    ("weekend", "周末值班", "08:00-21:30", True, 40),
)

_SEGMENT = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def ensure_default_shifts() -> None:
    """Create the default shifts when the table is empty (first use). Two readers may ask at
    once (the roster page's first month and the next): the write lock is taken before looking
    again, so the second finds the first one's shifts instead of adding them twice."""
    if Shift.select().exists():
        return
    try:
        with write_transaction():
            if Shift.select().exists():
                return
            for code, name, segments, weekend, order in DEFAULT_SHIFTS:
                Shift.create(
                    code=code,
                    name=name,
                    segments=segments,
                    weekend=weekend,
                    sort_order=order,
                )
    except peewee.IntegrityError:  # PostgreSQL: another reader's transaction made them first
        pass


def list_shifts(include_inactive: bool = False) -> list[Shift]:
    ensure_default_shifts()
    query = Shift.select().order_by(Shift.sort_order, Shift.id)
    if not include_inactive:
        query = query.where(Shift.active)
    return list(query)


def shift_by_code(code: str) -> Shift:
    ensure_default_shifts()
    shift = Shift.get_or_none(Shift.code == code)
    if shift is None:
        raise ValidationError(
            {"shift": translate("Shifts", "No shift with the code {code}.").format(code=code)}
        )
    return shift


def parse_segments(text: str) -> list[tuple[dt.time, dt.time]]:
    """``"08:00-12:00,14:00-18:00"`` -> time pairs; raises ValueError on bad text."""
    parts = [p for p in text.split(",") if p.strip()]
    if not parts:
        raise ValueError("empty")
    out = []
    for part in parts:
        match = _SEGMENT.match(part)
        if match is None:
            raise ValueError(part)
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        start, end = dt.time(h1, m1), dt.time(h2, m2)
        if end <= start:
            raise ValueError(part)
        out.append((start, end))
    out.sort()
    for (_s1, e1), (s2, _e2) in zip(out, out[1:], strict=False):
        if s2 < e1:
            raise ValueError("overlap")
    return out


@dataclass(frozen=True)
class Interval:
    start: dt.datetime
    end: dt.datetime


def intervals(shift: Shift, on_date: dt.date) -> list[Interval]:
    """The working periods of ``shift`` on ``on_date`` as datetimes."""
    return [
        Interval(dt.datetime.combine(on_date, s), dt.datetime.combine(on_date, e))
        for s, e in parse_segments(shift.segments)
    ]


def short_label(shift: Shift) -> str:
    return shift.name[:1] if shift.name else shift.code[:1].upper()


def validate_shift(code: str, name: str, segments: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not code.strip() or not re.fullmatch(r"[a-z0-9_]+", code.strip()):
        errors["code"] = translate("Shifts", "A code uses lower-case letters, digits and '_'.")
    if not name.strip():
        errors["name"] = translate("Shifts", "The name is required.")
    try:
        parse_segments(segments)
    except ValueError:
        errors["segments"] = translate(
            "Shifts", "Write the times as 08:00-12:00, several separated by commas, in order."
        )
    return errors


@use_case
def save_shift(
    actor: User,
    shift: Shift | None,
    *,
    code: str,
    name: str,
    segments: str,
    weekend: bool,
    active: bool = True,
    sort_order: int = 0,
) -> Shift:
    """Create (``shift`` None) or edit a shift: managers only."""
    require(actor, "roster.edit")
    values = _checked(shift.id if shift is not None else None, code, name, segments)
    values.update(weekend=weekend, active=active, sort_order=sort_order)
    return _stored(actor, shift, values)


def _stored(
    actor: User, shift: Shift | None, values: dict[str, object], version: int | None = None
) -> Shift:
    """A new shift made (``shift`` None) or the shift's values written, with the audit row;
    ``version``: the one it was read at (another desk's save since is a conflict)."""
    if shift is None:
        shift = Shift.create(**values)
        audit.record_create(actor, shift, summary=shift.name)
        return shift
    save_changes(actor, shift, values, expected_version=version, summary=shift.name)
    return shift


def _checked(shift_id: int | None, code: str, name: str, segments: str) -> dict[str, object]:
    """The shift's code, name and times as stored, or :class:`ValidationError` naming the fields
    (a code another shift has is taken)."""
    errors = validate_shift(code, name, segments)
    clash = Shift.select().where(Shift.code == code.strip())
    if shift_id is not None:
        clash = clash.where(Shift.id != shift_id)
    if "code" not in errors and clash.exists():
        errors["code"] = translate("Shifts", "The code {code} is taken.").format(code=code)
    if errors:
        raise ValidationError(errors)
    return {
        "code": code.strip(),
        "name": name.strip(),
        "segments": ",".join(f"{s:%H:%M}-{e:%H:%M}" for s, e in parse_segments(segments)),
    }


@dataclass(frozen=True)
class ShiftRow:
    """One row of the shift table as the manager left it. ``number`` is the row as the manager
    sees it (1 for the first), named when the row is refused; ``shift_id`` and ``version`` the
    shift as it was read (None for a new shift)."""

    number: int
    shift_id: int | None
    version: int | None
    code: str
    name: str
    segments: str
    weekend: bool
    active: bool = True
    sort_order: int = 0


def field_label(field: str) -> str:
    """A shift's field as the shift table heads it."""
    labels = {
        "code": translate("Shifts", "Code"),
        "name": translate("Shifts", "Name"),
        "segments": translate("Shifts", "Times"),
    }
    return labels.get(field, field)


class ShiftRowRefused(ValidationError):
    """A row of the shift table refused: ``number`` is the row, ``reasons`` its fields' reasons
    (field name -> reason); the message names both."""

    def __init__(self, number: int, reasons: dict[str, str]) -> None:
        self.number = number
        self.reasons = reasons
        super().__init__(
            joined(
                translate("Shifts", "Row {row}, {field}: {reason}").format(
                    row=number, field=field_label(field), reason=reason
                )
                if field
                else translate("Shifts", "Row {row}: {reason}").format(row=number, reason=reason)
                for field, reason in reasons.items()
            )
        )


@use_case
def save_shifts(actor: User, rows: Sequence[ShiftRow]) -> list[Shift]:
    """Save the shift table as the manager edited it: every row, with its audit row, or none.

    A row that is refused (its code, name or times; a code another row or shift has; a shift
    another desk changed since it was read) stops the save and is named by its number: the rows
    before it are not saved either. Returns the shifts saved, in the rows' order."""
    require(actor, "roster.edit")
    saved: list[Shift] = []
    for row in rows:
        try:
            values = _checked(row.shift_id, row.code, row.name, row.segments)
        except ValidationError as exc:
            raise ShiftRowRefused(row.number, exc.fields) from exc
        values.update(weekend=row.weekend, active=row.active, sort_order=row.sort_order)
        shift = None
        if row.shift_id is not None:
            shift = Shift.get_or_none(Shift.id == row.shift_id)
            if shift is None:
                raise ShiftRowRefused(
                    row.number, {"": translate("Shifts", "Another desk removed this shift.")}
                )
        try:
            shift = _stored(actor, shift, values, row.version)
        except ConflictError as exc:
            raise ConflictError(
                translate("Shifts", "Row {row}: {reason}").format(row=row.number, reason=str(exc)),
                changed_by=exc.changed_by,
                changes=exc.changes,
            ) from exc
        saved.append(shift)
    return saved
