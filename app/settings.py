"""Team-wide settings kept in the shared database (machine-local UI state goes to QSettings)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from app import audit
from app.auth import require
from app.clock import now
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from models import Setting, User, write_transaction

# key -> default value. Lists of codes are translated at display time; a team-added entry is its
# own label.
DEFAULTS: dict[str, Any] = {
    "company_name": "",
    "department_name": "客服部",
    "complaint_categories": [
        "quality",
        "delivery",
        "attitude",
        "price",
        "installation",
        "repair",
        "other",
    ],
    "complaint_channels": ["phone", "live", "form", "email", "wechat", "walkin"],
    "promise_hours": {"normal": 24, "serious": 72, "major": 72},
    # the satisfaction score from which a callback closes a complaint and the figures count the
    # customer as satisfied (5 very satisfied … 1 very dissatisfied)
    "satisfied_from": 4,
    "swap_limit_per_month": 3,
    "swap_min_break_minutes": 60,
    "leave_notice_days": 1,
    "callback_purchase_days": 7,
    "callback_repair_days": 3,
    "callback_care_months": 6,
    "callback_care_tags": ["VIP", "优质客户"],
    "callback_max_attempts": 3,
    "callback_survey_questions": [
        "产品目前使用是否正常？",
        "您是否已经掌握产品的使用方法？",
        "您对我们的处理结果是否满意？",
        "您对我们的服务还有什么意见和建议？",
    ],
    "onboarding_stuck_days": 7,
    # the contact register's topics 来电/咨询主题; orders are counted against 咨询 and 售前
    "contact_topics": ["咨询", "售前", "售后", "投诉", "其他"],
    "phrase_categories": ["问候", "投诉安抚", "产品使用", "维修", "结束语"],
    "pdf_font_path": "",
    # no date before this one is accepted in a form or an import (a year typed as 0206)
    "earliest_date": "2000-01-01",
    # an import refuses a bigger file, or one with more rows, before reading it
    "import_max_mb": 50,
    "import_max_rows": 200_000,
    # backups (see app/backup/folder.py): "" is backups/ beside the SQLite file
    "backup_folder": "",
    "backup_keep_days": 14,
    "backup_keep_months": 12,
}

# Settings edited on the database screen (设置 → 数据库) rather than with the team settings.
DATABASE_KEYS = ("backup_folder", "backup_keep_days", "backup_keep_months")


# each setting's name as the settings screen and the audit trail say it
LABELS = {
    "company_name": QT_TRANSLATE_NOOP("Settings", "Company name"),
    "department_name": QT_TRANSLATE_NOOP("Settings", "Department name"),
    "complaint_categories": QT_TRANSLATE_NOOP("Settings", "Complaint categories (one per line)"),
    "complaint_channels": QT_TRANSLATE_NOOP("Settings", "Complaint channels (one per line)"),
    "promise_hours": QT_TRANSLATE_NOOP("Settings", "Promised handling time, hours"),
    "satisfied_from": QT_TRANSLATE_NOOP(
        "Settings",
        "Satisfied from score (closes the complaint after the callback; counted as "
        "satisfied in the figures)",
    ),
    "swap_limit_per_month": QT_TRANSLATE_NOOP(
        "Settings", "Shift swaps per person per month, at most"
    ),
    "swap_min_break_minutes": QT_TRANSLATE_NOOP(
        "Settings", "Break between two shifts, minutes at least"
    ),
    "leave_notice_days": QT_TRANSLATE_NOOP("Settings", "Leave of more than a day: days of notice"),
    "callback_purchase_days": QT_TRANSLATE_NOOP(
        "Settings", "New-purchase callback: days after installation"
    ),
    "callback_repair_days": QT_TRANSLATE_NOOP(
        "Settings", "Post-repair callback: days after closing"
    ),
    "callback_care_months": QT_TRANSLATE_NOOP("Settings", "Regular-care callback: every N months"),
    "callback_care_tags": QT_TRANSLATE_NOOP(
        "Settings", "Tags that get regular care (one per line)"
    ),
    "callback_max_attempts": QT_TRANSLATE_NOOP(
        "Settings", "Unanswered attempts before a callback is closed"
    ),
    "callback_survey_questions": QT_TRANSLATE_NOOP(
        "Settings", "Callback survey questions (one per line)"
    ),
    "onboarding_stuck_days": QT_TRANSLATE_NOOP(
        "Settings", "Onboarding stuck after N days at one step"
    ),
    "phrase_categories": QT_TRANSLATE_NOOP("Settings", "Phrase categories (one per line)"),
    "contact_topics": QT_TRANSLATE_NOOP("Settings", "Contact register topics (one per line)"),
    "pdf_font_path": QT_TRANSLATE_NOOP("Settings", "Font file for PDFs (empty: the shipped font)"),
    "earliest_date": QT_TRANSLATE_NOOP("Settings", "Earliest date accepted (YYYY-MM-DD)"),
    "import_max_mb": QT_TRANSLATE_NOOP("Settings", "Largest file an import reads, MB"),
    "import_max_rows": QT_TRANSLATE_NOOP("Settings", "Most rows an import reads"),
}


def label(key: str) -> str:
    """A setting by its name in the reader's language (never its key)."""
    return translate("Settings", LABELS[key]) if key in LABELS else key


def get(key: str) -> Any:
    if key not in DEFAULTS:
        raise KeyError(key)
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return DEFAULTS[key]
    try:
        return json.loads(row.value)
    except ValueError:
        return DEFAULTS[key]


def all_settings() -> dict[str, Any]:
    stored = {row.key: row.value for row in Setting.select()}
    out = {}
    for key, default in DEFAULTS.items():
        try:
            out[key] = json.loads(stored[key]) if key in stored else default
        except ValueError:
            out[key] = default
    return out


def _problem(default: Any, value: Any) -> str | None:
    """Why ``value`` cannot replace ``default`` (same kind, numbers not negative), or None."""
    if isinstance(default, bool):
        right_kind = isinstance(value, bool)
    elif isinstance(default, (int, float)):
        kinds = int if isinstance(default, int) else (int, float)
        right_kind = isinstance(value, kinds) and not isinstance(value, bool)
    else:
        right_kind = isinstance(value, type(default))
    if isinstance(default, dict) and right_kind:
        right_kind = set(value) == set(default)
    if not right_kind:
        return translate("Settings", "This setting has the wrong kind of value.")
    if isinstance(default, (int, float)) and not isinstance(default, bool) and value < 0:
        return translate("Settings", "The number cannot be negative.")
    if isinstance(default, dict):
        for sub, sub_default in default.items():
            if (problem := _problem(sub_default, value[sub])) is not None:
                return problem
    if isinstance(default, list):
        if not value or any(not str(v).strip() for v in value):
            return translate("Settings", "The list needs at least one entry.")
        if len(set(map(str, value))) != len(value):
            return translate("Settings", "The list has an entry twice.")
    return None


# numbers with a narrower range than "not negative"
RANGES: dict[str, tuple[int, int]] = {
    "satisfied_from": (1, 5),
    "import_max_mb": (1, 2000),
    "import_max_rows": (1, 10_000_000),
}


def _validate(key: str, value: Any) -> None:
    if (problem := _problem(DEFAULTS[key], value)) is not None:
        raise ValidationError({key: problem})
    if key == "earliest_date":
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            day = None
        if day is None or day.year < 1900 or day > now().date():
            raise ValidationError(
                {key: translate("Settings", "A date from 1900-01-01 to today, as YYYY-MM-DD.")}
            )
    if key in RANGES and not RANGES[key][0] <= value <= RANGES[key][1]:
        low, high = RANGES[key]
        raise ValidationError(
            {
                key: translate("Settings", "Use a number from {low} to {high}.").format(
                    low=low, high=high
                )
            }
        )


def put(actor: User, key: str, value: Any) -> None:
    """Store one setting: administrators only."""
    require(actor, "settings.edit")
    store(actor, key, value)


def put_many(actor: User, values: dict[str, Any], *, loaded: dict[str, Any] | None = None) -> None:
    """Store several settings at once, all or nothing: every value is checked first, and a
    ValidationError names each bad one, so nothing is half saved.

    ``loaded``: the values the form was filled with. Only the settings changed since are
    stored, so one another desk changed meanwhile, and this user left alone, stays theirs."""
    require(actor, "settings.edit")
    if loaded is not None:
        values = {key: value for key, value in values.items() if value != loaded.get(key)}
    errors: dict[str, str] = {}
    for key, value in values.items():
        try:
            if key not in DEFAULTS:
                raise ValidationError({key: translate("Settings", "Unknown setting.")})
            _validate(key, value)
        except ValidationError as exc:
            errors[key] = "; ".join(exc.fields.values())
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        for key, value in values.items():
            store(actor, key, value)


def store(actor: User | None, key: str, value: Any) -> None:
    """Store one setting without a permission check: for set-up and for :func:`put`."""
    if key not in DEFAULTS:
        raise ValidationError({key: translate("Settings", "Unknown setting.")})
    _validate(key, value)
    with write_transaction():  # the setting and its audit row, or neither
        old = get(key)
        if old == value:
            return
        text = json.dumps(value, ensure_ascii=False)
        row = Setting.get_or_none(Setting.key == key)
        if row is None:
            row = Setting.create(key=key, value=text)
        else:
            Setting.update(value=text, version=Setting.version + 1, updated_at=now()).where(
                Setting.id == row.id
            ).execute()
        audit.record(actor, "update", "setting", row.id, {key: [old, value]})
