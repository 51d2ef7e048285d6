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
