"""Codes, not text, in the roster's history: the rule results kept with decided swaps and leave are
codes with values, so a desk in English and a desk in Chinese on one database each read the whole
roster history (swaps with their rule results, leave, the grid's notes) in their own language; the
results written as text before are read back as codes by the migration."""

from __future__ import annotations

import datetime as dt
import json
import re
from contextlib import contextmanager

import pytest
from playhouse.migrate import SchemaMigrator

from app.i18n import install_language
from app.roster import leave, rules, screen, swaps
from app.roster.shifts import list_shifts, shift_by_code
from models import LeaveRequest, RosterEntry, SwapRequest, User, database
from models.migrations import _coded_rule_results, coded_rule_results

TODAY = dt.date(2026, 11, 25)
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour))


@pytest.fixture
def history(manager, agent, agent2):
    """Swaps and leave asked, answered and decided on a desk in Chinese and one in English."""
    day, evening = shift_by_code("day"), shift_by_code("evening")
    give, back = dt.date(2026, 12, 1), dt.date(2026, 12, 8)
    RosterEntry.create(on_date=give, shift=day, agent=agent)
    RosterEntry.create(on_date=back, shift=day, agent=agent2)
    RosterEntry.create(on_date=dt.date(2026, 12, 15), shift=day, agent=agent)
    RosterEntry.create(on_date=dt.date(2026, 12, 22), shift=day, agent=agent2)
    RosterEntry.create(on_date=dt.date(2026, 12, 22), shift=evening, agent=agent)
    install_language("zh_CN")  # this desk works in Chinese
    try:
        approved = swaps.request_swap(
            agent, swaps.plan_for(agent, agent2, give, day, back, day), "家里有事", today=TODAY
        )
        swaps.accept(agent2, approved)
        swaps.approve(manager, approved, reason="同意", today=TODAY)
        off = dt.date(2026, 12, 3)
        short = leave.plan_for(agent, at(off, 8), at(off, 18), agent2, asked_on=TODAY)
        granted = leave.request_leave(agent, short, "personal", "看病")
        leave.approve(manager, granted, "同意")
    finally:
        install_language("en")  # and this one in English
    plan = swaps.plan_for(
        agent, agent2, dt.date(2026, 12, 15), day, dt.date(2026, 12, 22), day
    )  # the requester would work day and evening back to back
    refused = swaps.request_swap(agent, plan, "doctor", today=TODAY)
    swaps.accept(agent2, refused)
    swaps.reject(manager, refused, "short of staff")
    long = leave.plan_for(
        agent, at(dt.date(2026, 12, 28), 8), at(dt.date(2026, 12, 30), 18), None, asked_on=TODAY
    )
    denied = leave.request_leave(agent, long, "annual", "travel")
    leave.reject(manager, denied, "year end")
    return approved, granted, refused, denied


@contextmanager
def desk(language: str):
    """A desk working in ``language`` (what it reads is written in it when shown)."""
    install_language(language)
    try:
        yield
    finally:
        install_language("en")


def words(lists: screen.RequestLists) -> list[str]:
    """Everything the lists say in the program's words (rule titles, explanations, states)."""
    found = []
    for row in [*lists.swaps, *lists.leave]:
        found.append(row.state)
        for result in row.results:
            found += [result.title, result.explanation, rules.status_label(result.status)]
    return found


def without_names(text: str) -> str:
    """The text without people's and shifts' names (data, written as they were typed)."""
    for name in [u.name for u in User.select()] + [s.name for s in list_shifts(True)]:
        text = text.replace(name, "")
    return text


def test_each_desk_reads_the_roster_history_in_its_language(
    db_url, history, manager, agent, agent2
):
    approved, granted, refused, denied = history
    stored = json.loads(SwapRequest.get_by_id(approved.id).rule_results)
    assert all("said" in item and "explanation" not in item for item in stored)  # codes only

    with desk("en"):
        english = screen.request_lists(manager, everyone=True)
        english_words = words(english)
        for text in english_words:
            assert not CJK.search(without_names(text)), text
        swap = {s.id: s for s in english.swaps}
        assert swap[approved.id].state == "Approved"
        assert swap[approved.id].results[0].explanation == (
            f"{agent.name} asked and {agent2.name} accepted."
        )
        failed = swap[refused.id].failed
        assert [r.title for r in failed] == ["No back-to-back shifts"]
        assert "minutes between them" in failed[0].explanation
        asked = {r.id: r for r in english.leave}
        assert asked[granted.id].results[0].explanation.startswith("One day or less")
        assert "needs a named substitute" in asked[denied.id].failed[0].explanation

    with desk("zh_CN"):
        chinese = screen.request_lists(manager, everyone=True)
        swap = {s.id: s for s in chinese.swaps}
        assert swap[approved.id].state != "Approved"
        assert swap[approved.id].results[0].explanation == (
            f"{agent.name}提出，{agent2.name}已同意。"
        )
        failed = swap[refused.id].failed
        assert failed[0].title != "No back-to-back shifts" and "构成连班" in failed[0].explanation
        asked = {r.id: r for r in chinese.leave}
        assert "须指定代班人" in asked[denied.id].failed[0].explanation
        for text in words(chinese):  # nothing is left in English
            assert text not in english_words or not text.strip(" .—0123456789-"), text


def test_the_audit_trail_keeps_no_words_of_either_language_for_the_roster(
    db_url, history, manager, agent
):
    from app.roster import handover
    from models import AuditLog

    install_language("zh_CN")
    try:
        entry = handover.record_handover(agent, incoming=None, shift=None, equipment="正常")
        handover.acknowledge(manager, entry)
    finally:
        install_language("en")
    tables = ("swap_request", "leave_request", "roster_entry", "handover_entry")
    summaries = [
        without_names(summary)
        for (summary,) in AuditLog.select(AuditLog.summary)
        .where(AuditLog.table.in_(tables))
        .tuples()
    ]
    assert summaries and not any(CJK.search(s) or re.search(r"[A-Za-z]", s) for s in summaries)


def old_text(results: list[rules.RuleResult], language: str) -> str:
    """The results as they were stored before: titles and explanations written in one language."""
    with desk(language):
        return json.dumps(
            [
                {
                    "rule": r.rule,
                    "code": r.code,
                    "status": r.status,
                    "title": r.title,
                    "explanation": r.explanation,
                }
                for r in results
            ],
            ensure_ascii=False,
        )


def test_the_old_text_results_become_codes(db_url, history, manager):
    """Results written as English text on one desk and as Chinese on another are read back as the
    codes they came from, so each desk reads them in its own language again."""
    records = [SwapRequest.get_by_id(r.id) for r in history[::2]] + [
        LeaveRequest.get_by_id(r.id) for r in history[1::2]
    ]
    before = {
        (type(r).__name__, r.id): (
            read_results(r, "en"),
            read_results(r, "zh_CN"),
            r.rule_results,
        )
        for r in records
    }
    for n, record in enumerate(records):
        results = rules.results_from_json(record.rule_results)
        type(record).update(rule_results=old_text(results, "zh_CN" if n % 2 else "en")).where(
            type(record).id == record.id
        ).execute()
    _coded_rule_results(SchemaMigrator.from_database(database.obj))
    for record in records:
        again = type(record).get_by_id(record.id)
        english, chinese, coded = before[(type(record).__name__, record.id)]
        assert read_results(again, "en") == english
        assert read_results(again, "zh_CN") == chinese
        assert json.loads(again.rule_results) == json.loads(coded)


def read_results(record, language: str) -> list[tuple[str, str]]:
    with desk(language):
        return [(r.title, r.explanation) for r in rules.results_from_json(record.rule_results)]


def test_a_sentence_not_recognised_is_kept_as_written(db_url):
    old = json.dumps(
        [
            {
                "rule": 3,
                "code": "monthly_limit",
                "status": "pass",
                "title": "每人每月换班不超过 4 次",
                "explanation": "经理口头同意",
            }
        ],
        ensure_ascii=False,
    )
    [result] = rules.results_from_json(coded_rule_results(old) or "")
    assert result.explanation == "经理口头同意"
    assert result.title == "At most 4 swaps a month"  # the title is the rule's, in any language
    assert coded_rule_results(coded_rule_results(old) or "") is None  # converted once
