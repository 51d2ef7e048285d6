"""What may get into the database at all, whatever the form or the file: the one check of dates
and of text that every form, import and use case goes through.

- **Dates**: nothing before the team's earliest date (the setting ``earliest_date``, by default
  2000-01-01). A year such as 0206 is a typing mistake for 2026; stored, it would number the
  complaint ``2061125-…`` and sort before everything else.
- **Text**: no NUL and no control characters other than tab and line breaks (a database refuses
  NUL, and ESC and the like are pasted from terminals, never meant). Invisible characters that
  change how a text is shown or compared (right-to-left overrides, zero-width spaces) are removed.

:func:`install` puts :func:`clean_stored_text` in front of every text column (models' own hook),
so a value that slipped past a form's check is still refused, naming its field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import models.base
from app.errors import ValidationError
from app.i18n import translate

DEFAULT_EARLIEST = dt.date(2000, 1, 1)
# C0 controls except tab, line feed and carriage return; DEL; C1 controls
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# bidi embeddings/overrides/isolates, zero-width space, word joiner, BOM inside a text
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff]")


# --- dates -------------------------------------------------------------------------------------


def earliest_date() -> dt.date:
    """The team's earliest date (setting ``earliest_date``, ``YYYY-MM-DD``)."""
    from app import settings

    try:
        return dt.date.fromisoformat(str(settings.get("earliest_date")).strip())
    except ValueError:
        return DEFAULT_EARLIEST


def date_problem(
    value: dt.date | dt.datetime | None, earliest: dt.date | None = None
) -> str | None:
    """Why ``value`` cannot be stored (before the earliest date), or None."""
    if value is None:
        return None
    earliest = earliest or earliest_date()
    day = value.date() if isinstance(value, dt.datetime) else value
    if day < earliest:
        return translate(
            "Validation",
            "{value} is before {earliest}: check the year (dates before it are refused).",
        ).format(value=_shown(value), earliest=earliest.isoformat())
    return None


def _shown(value: dt.date | dt.datetime) -> str:
    text = f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if isinstance(value, dt.datetime):
        text += f" {value.hour:02d}:{value.minute:02d}"
    return text


def check_dates(values: Mapping[str, dt.date | dt.datetime | None]) -> None:
    """Raise ValidationError naming every field whose date is before the earliest date."""
    earliest = earliest_date()
    errors = {
        field: problem
        for field, value in values.items()
        if (problem := date_problem(value, earliest)) is not None
    }
    if errors:
        raise ValidationError(errors)


# --- text --------------------------------------------------------------------------------------


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be stored (a control character), or None."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    return translate(
        "Validation", "Contains a control character (U+{code:04X}) that cannot be stored."
    ).format(code=ord(found.group()))


def clean_text(text: str) -> str:
    """``text`` without the invisible characters that change how it is shown or compared."""
    return _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text


def check_text(field: str, text: str) -> str:
    """The text to store for ``field``: invisible characters removed; ValidationError naming
    the field for a control character."""
    problem = text_problem(text)
    if problem is not None:
        raise ValidationError({field: problem})
    return clean_text(text)


def clean_stored_text(field: str, value: Any) -> Any:
    """The models' hook in front of every text column (see :func:`install`)."""
    if isinstance(value, str):
        return check_text(field, value)
    return value


def install() -> None:
    models.base.use_text_check(clean_stored_text)


install()
