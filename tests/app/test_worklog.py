"""The work log: the day's counts equal what the agent did, the arrival against the shift, the
notes closed after the day, the summaries and the printed work summary read back."""

import datetime as dt
import subprocess

import pytest

from app import auth, cli
from app.callbacks import service as callbacks
from app.callbacks.service import Outcome
from app.calls import service as calls
from app.complaints import service as complaints
from app.errors import PermissionDenied
from app.i18n import install_language
from app.roster import handover
from app.roster.shifts import ensure_default_shifts, shift_by_code
from app.worklog import service
from models import CallbackTask, RosterEntry
from tests.conftest import PASSWORD

DAY = dt.date(2026, 11, 24)  # a Tuesday, two days before the tests' today


def at(time_machine, hour, minute=0, day=DAY):
    time_machine.move_to(dt.datetime.combine(day, dt.time(hour, minute)), tick=False)


def make_day(time_machine, agent, agent2):
    """What the agent does on DAY: arrives, takes calls, files and resolves complaints, works two
    callbacks (one reached, one never), takes over a handover."""
    ensure_default_shifts()
    RosterEntry.create(on_date=DAY, shift=shift_by_code("day"), agent=agent)
    at(time_machine, 7, 30)
    entry = handover.record_handover(agent2, incoming=agent, shift=None, equipment="正常")
    at(time_machine, 7, 48)
    auth.login(agent.login, PASSWORD)  # 12 minutes before 08:00
    at(time_machine, 7, 55)
    handover.acknowledge(agent, entry)
    base = {"complainant": "王老师", "contact": "13900139000", "content": "白板失灵"}
    for hour in (9, 10, 11):
        at(time_machine, hour)
        calls.log_contact(agent, topic="咨询")
    first = complaints.register_complaint(agent, category="quality", **base)
    second = complaints.register_complaint(agent, category="price", **base)
    at(time_machine, 14)
    complaints.resolve_complaint(agent, first.id, "远程解决")
    complaints.resolve_complaint(agent, second.id, "退差价")
    reached = CallbackTask.get(CallbackTask.complaint == first.id)
    never = CallbackTask.get(CallbackTask.complaint == second.id)
    at(time_machine, 15)
    callbacks.record_attempt(agent, reached.id, "reached")
    callbacks.record_outcome(agent, reached.id, Outcome(satisfaction=5))
    for minute in (0, 10, 20):
        at(time_machine, 16, minute)
        callbacks.record_attempt(agent, never.id, "no_answer")
    at(time_machine, 11, day=DAY + dt.timedelta(days=1))
    calls.log_contact(agent2, topic="售前")  # someone else's, another day
    time_machine.move_to(dt.datetime(2026, 11, 26, 10, 30), tick=False)


def test_the_days_counts_equal_what_the_agent_did(db_url, agent, agent2, manager, time_machine):
    make_day(time_machine, agent, agent2)
    day = service.work_day(agent, agent.id, DAY)
    assert dict(day.counts.items()) == {
        "contacts": 3,
        "complaints_registered": 2,
        "complaints_resolved": 2,
        "callbacks_done": 1,
        "callbacks_unreachable": 1,
        "swaps": 0,
        "handovers_written": 0,
        "handovers_acknowledged": 1,
    }
    assert day.shifts and day.shift_start == dt.datetime.combine(DAY, dt.time(8, 0))
    assert day.arrived_at == dt.datetime.combine(DAY, dt.time(7, 48))
    assert day.early_minutes == 12 and "12" in day.arrival
    theirs = service.work_day(manager, agent2.id, DAY)
    assert theirs.counts.handovers_written == 1 and theirs.counts.contacts == 0
    with pytest.raises(PermissionDenied):
        service.work_day(agent2, agent.id, DAY)


def test_late_arrival_is_shown(db_url, agent, time_machine):
    ensure_default_shifts()
    RosterEntry.create(on_date=DAY, shift=shift_by_code("day"), agent=agent)
    at(time_machine, 8, 7)
    auth.login(agent.login, PASSWORD)
    time_machine.move_to(dt.datetime(2026, 11, 26, 10, 30), tick=False)
    day = service.work_day(agent, agent.id, DAY)
    assert day.early_minutes == -7 and "7 min late" in day.arrival


def test_notes_are_the_agents_on_the_day_then_the_managers(db_url, agent, manager):
    today = dt.date(2026, 11, 26)
    log = service.save_notes(
        agent, agent.id, today, {"note": "系统卡顿", "hand_on": "钱老师待回电"}, expected_version=0
    )
    day = service.work_day(agent, agent.id, today)
    assert day.notes["note"] == "系统卡顿" and day.editable and day.version == log.version
    with pytest.raises(PermissionDenied):
        service.save_notes(agent, agent.id, DAY, {"note": "补写"}, expected_version=0)
    assert not service.work_day(agent, agent.id, DAY).editable
    service.save_notes(manager, agent.id, DAY, {"suggestions": "增加话术"}, expected_version=0)
    assert service.work_day(agent, agent.id, DAY).notes["suggestions"] == "增加话术"


def test_monthly_summary_adds_up_and_keeps_the_comment(
    db_url, agent, agent2, manager, time_machine
):
    make_day(time_machine, agent, agent2)
    service.save_summary(
        agent, agent.id, "month", DAY, summary="本月处理投诉两件", expected_version=0
    )
    with pytest.raises(PermissionDenied):
        service.save_summary(agent, agent.id, "month", DAY, comment="好", expected_version=1)
    service.save_summary(manager, agent.id, "month", DAY, comment="继续保持", expected_version=1)
    summary = service.period_summary(manager, agent.id, "month", DAY)
    assert (summary.first_day, summary.last_day) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert summary.counts.contacts == 3 and summary.counts.callbacks_done == 1
    assert summary.summary == "本月处理投诉两件" and summary.comment == "继续保持"
    assert summary.commented_by == manager.name and summary.days_on_duty == 1
    assert dict((k, v) for k, _label, v in summary.figures)["contacts"] == "3"
    week = service.period_summary(agent, agent.id, "week", DAY)
    assert week.first_day == dt.date(2026, 11, 23) and week.counts.complaints_resolved == 2
    assert [s.employee_no for s in service.summaries(manager, "week", DAY)] == [
        "K001",
        "K002",
        "M001",
    ]


def test_the_printed_work_summary_reads_back(
    qapp, db_url, agent, agent2, manager, time_machine, tmp_path
):
    make_day(time_machine, agent, agent2)
    service.save_summary(agent, agent.id, "month", DAY, summary="按时到岗", expected_version=0)
    path = tmp_path / "work.pdf"
    install_language("zh_CN")
    try:
        assert (
            cli.main(
                [
                    "print",
                    "work-summary",
                    "--db",
                    db_url,
                    "--month",
                    "2026-11",
                    "--agent",
                    "agent1",
                    "-o",
                    str(path),
                ]
            )
            == 0
        )
        everyone = tmp_path / "all.pdf"
        assert (
            cli.main(
                ["print", "work-summary", "--db", db_url, "--month", "2026-11", "-o", str(everyone)]
            )
            == 0
        )
    finally:
        install_language("en")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "李客服" in text and "K001" in text and "2026-11" in text
    assert "按时到岗" in text
    lines = {
        " ".join(line.split()[:-1]): line.split()[-1] for line in text.splitlines() if line.split()
    }
    assert lines["接待来电"] == "3" and lines["登记投诉"] == "2" and lines["完成回访"] == "1"
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    cjk = [line for line in fonts.splitlines() if "TrueType" in line or "CID" in line]
    assert cjk and all(line.split()[-5] == "yes" for line in cjk)  # the CJK font is embedded
    everyone_text = subprocess.run(
        ["pdftotext", str(everyone), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "李客服" in everyone_text and "张客服" in everyone_text


def test_an_approved_swap_counts_on_both_days_for_both(db_url, agent, agent2, manager):
    from models import SwapRequest

    ensure_default_shifts()
    day = shift_by_code("day")
    back = DAY + dt.timedelta(days=7)
    SwapRequest.create(requester=agent, colleague=agent2, give_date=DAY, give_shift=day,
                       return_date=back, return_shift=day, status="approved")  # fmt: skip
    SwapRequest.create(requester=agent, colleague=agent2, give_date=DAY, give_shift=day,
                       return_date=back, return_shift=day, status="rejected")  # fmt: skip
    for person in (agent, agent2):
        days = service.work_days(manager, person.id, DAY, back)
        assert [d.counts.swaps for d in days if d.counts.swaps] == [1, 1]
