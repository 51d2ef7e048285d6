"""Team-wide settings: only administrators change them, bad values are refused, changes audited."""

from __future__ import annotations

import pytest

from app import audit, settings
from app.errors import PermissionDenied, ValidationError
from models import AuditLog, Setting


def test_agent_and_manager_cannot_change_settings(db_url, agent, manager):
    for user in (agent, manager):
        with pytest.raises(PermissionDenied):
            settings.put(user, "swap_limit_per_month", 5)
        with pytest.raises(PermissionDenied):
            settings.put(user, "company_name", "冒名公司")
    assert settings.get("swap_limit_per_month") == 3
    assert not Setting.select().where(Setting.key == "swap_limit_per_month").exists()


def test_admin_changes_a_setting_and_it_is_audited(db_url, admin):
    settings.put(admin, "swap_limit_per_month", 4)
    settings.put(admin, "complaint_categories", ["quality", "delivery", "教学设备"])
    settings.put(admin, "promise_hours", {"normal": 12, "serious": 48, "major": 24})

    assert settings.get("swap_limit_per_month") == 4
    assert settings.get("complaint_categories") == ["quality", "delivery", "教学设备"]
    assert settings.get("promise_hours") == {"normal": 12, "serious": 48, "major": 24}
    assert settings.all_settings()["swap_limit_per_month"] == 4

    settings.put(admin, "swap_limit_per_month", 2)
    entries = audit.browse(table="setting", text="swap_limit_per_month")
    assert [audit.changes_of(e) for e in entries] == [
        {"swap_limit_per_month": [4, 2]},
        {"swap_limit_per_month": [3, 4]},
    ]
    assert {e.user_id for e in entries} == {admin.id}
    row = Setting.get(Setting.key == "swap_limit_per_month")
    assert row.version == 2


def test_a_setting_and_its_audit_row_commit_together(db_url, admin, monkeypatch):
    before = settings.get("company_name")

    def audit_fails(*_args, **_kwargs):
        raise RuntimeError("the audit row could not be written")

    monkeypatch.setattr(audit, "record", audit_fails)
    with pytest.raises(RuntimeError):
        settings.put(admin, "company_name", "别的公司")
    assert settings.get("company_name") == before


def test_storing_the_same_value_writes_nothing(db_url, admin):
    settings.put(admin, "department_name", "客服中心")
    count = AuditLog.select().count()
    settings.put(admin, "department_name", "客服中心")
    assert AuditLog.select().count() == count


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("swap_limit_per_month", -1),
        ("swap_limit_per_month", "3"),
        ("swap_limit_per_month", 2.5),
        ("swap_limit_per_month", True),
        ("complaint_categories", []),
        ("complaint_categories", ["quality", "quality"]),
        ("complaint_categories", ["quality", "  "]),
        ("complaint_categories", "quality"),
        ("company_name", 42),
        ("company_name", ["华信"]),
        ("promise_hours", {"normal": -5, "serious": 72, "major": 72}),
        ("promise_hours", {"normal": "24", "serious": 72, "major": 72}),
        ("promise_hours", {"normal": 24}),
        ("promise_hours", [24, 72, 72]),
        ("no_such_setting", 1),
    ],
)
def test_bad_values_are_refused_at_the_field(db_url, admin, key, value):
    before = settings.all_settings()
    with pytest.raises(ValidationError) as err:
        settings.put(admin, key, value)
    assert list(err.value.fields) == [key]
    assert err.value.fields[key]
    assert settings.all_settings() == before
    assert not AuditLog.select().where(AuditLog.table == "setting").exists()
