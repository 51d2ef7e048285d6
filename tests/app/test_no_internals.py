"""Messages a user reads name fields and rules by their labels, in the chosen language: never a
column name (``order_no``), a status code (``pending_colleague``) or a bare rule number."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QCoreApplication

from app.complaints import service
from app.errors import ConflictError
from app.i18n import install_language
from app.records import save_changes
from app.roster import rules, swaps
from app.roster.shifts import shift_by_code
from models import Complaint, RosterEntry

CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")  # snake_case: a column, a code
CJK = re.compile(r"[\u4e00-\u9fff]")

EDITS = {
    "complainant": "王先生",
    "contact": "13700001111",
    "order_no": "DD-1",
    "content": "另一段内容",
    "category": "quality",
    "channel": "wechat",
    "severity": "serious",
    "promised_at": dt.datetime(2026, 11, 30, 9, 0),
}


@pytest.fixture
def chinese():
    if QCoreApplication.instance() is None:
        QCoreApplication([])
    install_language("zh_CN")
    yield
    install_language("en")


def test_a_conflict_names_the_fields_by_their_labels(db_url, agent, agent2, chinese):
    complaint = service.register_complaint(
        agent, complainant="陈先生", contact="13912345678", category="delivery", content="破损"
    )
    for field, value in EDITS.items():
        mine = Complaint.get_by_id(complaint.id)
        theirs = Complaint.get_by_id(complaint.id)
        save_changes(agent2, theirs, {field: value}, expected_version=mine.version)
        with pytest.raises(ConflictError) as err:
            save_changes(agent, mine, {"result": "x"}, expected_version=mine.version)
        message = str(err.value)
        assert agent2.name in message
        assert field not in message, message
        assert not CODE.search(message), message
        assert CJK.search(message), message


def test_every_swap_and_leave_rule_reads_without_codes(db_url, agent, agent2, chinese):
    day = dt.date(2026, 12, 1)
    RosterEntry.create(on_date=day, shift=shift_by_code("day"), agent=agent)
    RosterEntry.create(on_date=day + dt.timedelta(days=7), shift=shift_by_code("day"), agent=agent2)
    RosterEntry.create(on_date=day, shift=shift_by_code("noon"), agent=agent2)  # rule 5 fails
    plan = rules.SwapPlan(
        agent, agent2, day, shift_by_code("day"), day + dt.timedelta(days=7), shift_by_code("day")
    )
    results = swaps.preview(plan)
    leave = rules.check_leave_rules(
        rules.LeavePlan(
            agent,
            dt.datetime.combine(day, dt.time()),
            dt.datetime.combine(day + dt.timedelta(days=3), dt.time()),
            None,
            day,
        )
    )
    assert rules.failed_rules(results) and rules.failed_rules(leave)
    for result in [*results, *leave]:
        for text in (result.title, result.explanation, rules.status_label(result.status)):
            assert text and not CODE.search(text), text
            assert result.code not in text, text
            assert CJK.search(text), text
            assert not text.strip().isdigit(), text
    for status in (swaps.PENDING_COLLEAGUE, swaps.PENDING_MANAGER, swaps.APPROVED):
        label = swaps.state_label(status)
        assert not CODE.search(label) and CJK.search(label), label


def test_the_demo_reports_the_roster_without_status_codes(sqlite_url, admin, chinese):
    from app import demo

    lines: list[str] = []
    demo.fill(admin, seed=1, months=1, report=lines.append, customers=6, complaints=10, agents=3)
    roster = [line for line in lines if "排班" in line]
    assert roster, lines
    for line in roster:
        assert not CODE.search(line), line
        for code in (swaps.PENDING_COLLEAGUE, swaps.PENDING_MANAGER, swaps.APPROVED):
            assert code not in line, line


def test_every_line_the_demo_prints_is_chinese_without_codes(sqlite_url, admin, chinese):
    from app import demo
    from app.callbacks import demo as callbacks_demo

    lines: list[str] = []
    closing = demo.fill(
        admin, seed=1, months=1, report=lines.append, customers=6, complaints=10, agents=3
    )
    lines.append(closing)
    assert len(lines) >= 8, lines
    states = [*callbacks_demo._state_labels(), swaps.PENDING_COLLEAGUE, swaps.APPROVED]
    for line in lines:
        assert CJK.search(line), line
        assert not CODE.search(line), line
        # the logins and the demo password are what a user types; no other English word
        words = re.findall(r"[A-Za-z]{2,}", re.sub(r"\bagent\d*|\bmanager\b|demo1234", "", line))
        assert words == [], line
        assert not any(re.search(rf"\b{state}\b", line) for state in states), line
