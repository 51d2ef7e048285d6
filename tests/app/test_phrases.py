import pytest

from app import phrases, settings
from app.errors import ConflictError, ValidationError


def test_search_finds_short_chinese_words_in_title_and_text(db_url, manager):
    phrases.fill_demo(manager)
    titles = {p.title for p in phrases.search("致歉")}
    assert titles == {"致歉"}
    by_text = {p.title for p in phrases.search("备用机")}
    assert by_text == {"备用机说明"}
    assert all(p.category == "维修" for p in phrases.search("", "维修"))


def test_a_phrase_needs_category_title_and_text(db_url, agent):
    with pytest.raises(ValidationError) as err:
        phrases.create_phrase(agent, category="", title=" ", body="")
    assert set(err.value.fields) == {"category", "title", "body"}


def test_a_stale_edit_is_refused(db_url, agent, agent2):
    phrase = phrases.create_phrase(agent, category="问候", title="开场", body="您好")
    phrases.update_phrase(
        agent2,
        phrase.id,
        category="问候",
        title="开场",
        body="您好！",
        expected_version=phrase.version,
    )
    with pytest.raises(ConflictError) as err:
        phrases.update_phrase(
            agent,
            phrase.id,
            category="问候",
            title="开场白",
            body="您好",
            expected_version=phrase.version,
        )
    assert agent2.name in str(err.value)


def test_render_fills_company_and_employee_number(db_url, admin, agent):
    settings.put(admin, "company_name", "华信教育")
    text = phrases.render("这里是{company}，工号{no}", agent)
    assert text == f"这里是华信教育，工号{agent.employee_no}"


def test_every_shipped_phrase_reads_out_with_nothing_left_to_fill(db_url, admin, agent):
    import re

    from models import Phrase

    settings.put(admin, "promise_hours", {"normal": 12, "serious": 48, "major": 72})
    assert phrases.fill_demo(agent) > 0
    texts = [phrases.render(p.body, agent) for p in Phrase.select()]
    assert not [t for t in texts if re.search(r"\{\w+\}", t)]
    assert any("12小时" in t for t in texts)


def test_a_change_and_its_audit_row_commit_together_or_not_at_all(db_url, agent, monkeypatch):
    from app import audit
    from models import AuditLog, Phrase

    kept = phrases.create_phrase(agent, category="问候", title="开场", body="您好")

    def audit_fails(*_args, **_kwargs):
        raise RuntimeError("the audit row could not be written")

    monkeypatch.setattr(audit, "record_create", audit_fails)
    with pytest.raises(RuntimeError):
        phrases.create_phrase(agent, category="问候", title="结束", body="再见")
    assert [p.title for p in Phrase.select()] == ["开场"]

    def delete_fails(*_args, **_kwargs):
        raise RuntimeError("the row could not be deleted")

    monkeypatch.setattr(Phrase, "delete_instance", delete_fails)
    with pytest.raises(RuntimeError):
        phrases.delete_phrase(agent, kept.id)
    assert Phrase.get_or_none(Phrase.id == kept.id) is not None
    assert AuditLog.select().where(AuditLog.action == "delete").count() == 0
