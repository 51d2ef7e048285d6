"""The audit trail as a manager reads it: field labels and status names in the reader's
language, people by name, old → new; never column names or JSON."""

from __future__ import annotations

import pytest

from app import audit_trail
from app.complaints import service
from app.errors import PermissionDenied
from app.i18n import install_language


@pytest.fixture
def complaint_history(agent, agent2, manager):
    c = service.register_complaint(
        agent,
        complainant="陈先生",
        contact="13912345678",
        channel="phone",
        category="delivery",
        content="包装破损",
    )
    service.update_complaint(agent, c.id, {"principles": ["confirm", "apologise"]})
    service.start_handling(agent, c.id)
    service.reassign_complaint(manager, c.id, agent2.id)
    service.resolve_complaint(agent2, c.id, "已补发电源线")
    return c


def trail_text(manager, complaint) -> str:
    rows = audit_trail.rows(manager, table="complaint")
    return "\n".join(f"{r.action} {r.record}: {r.changes_text}" for r in rows)


def test_the_trail_reads_in_english(db_url, complaint_history, manager, agent, agent2):
    text = trail_text(manager, complaint_history)
    assert "status: Open → In progress" in text
    assert "status: In progress → Resolved" in text
    assert f"handler: {agent.name} ({agent.employee_no}) → {agent2.name}" in text
    assert "handling principles: — → Confirmed the complaint's content、Apologised" in text
    assert "channel: — → Phone hotline; category: — → Delivery and logistics" in text
    for raw in ("in_progress", "sort_key", '["', "{", "version"):
        assert raw not in text, raw


def test_the_trail_reads_in_chinese(db_url, complaint_history, manager, agent2):
    install_language("zh_CN")
    try:
        text = trail_text(manager, complaint_history)
    finally:
        install_language("en")
    assert "状态: 待处理 → 处理中" in text
    assert "状态: 处理中 → 已解决" in text
    assert "处理人: " in text and agent2.name in text
    assert "修改 投诉" in text
    for raw in ("status", "handler", "in_progress", "resolved", "principles", '["'):
        assert raw not in text, raw


def test_only_who_may_read_the_trail_reads_it(db_url, agent):
    with pytest.raises(PermissionDenied):
        audit_trail.rows(agent)


def test_every_action_the_program_records_is_named_in_the_readers_language():
    """No action code (``backup``, ``restore``) reaches the trail's 操作 column as it is stored."""
    import re
    from pathlib import Path

    app_dir = Path(audit_trail.__file__).parent
    recorded = {
        found.group(1)
        for path in app_dir.rglob("*.py")
        for found in re.finditer(r'\brecord\(\s*[\w.]+,\s*"([a-z_]+)"', path.read_text("utf-8"))
    }
    assert {"backup", "restore", "login", "update"} <= recorded
    assert recorded <= set(audit_trail.ACTIONS)


def test_a_backup_reads_in_chinese_even_one_no_user_made(sqlite_url, admin):
    from app.backup import service as backups
    from app.backup.archive import Archive
    from app.backup.records import record_backup

    made = backups.backup_now(admin)
    with Archive.open(made.path) as archive:
        record_backup(None, "migration", made.path, archive.manifest)  # as before an upgrade
    install_language("zh_CN")
    try:
        rows = audit_trail.rows(admin, table="backup_record")
        assert [(r.who, r.action) for r in rows[:2]] == [("（系统）", "备份"), (admin.name, "备份")]
    finally:
        install_language("en")
