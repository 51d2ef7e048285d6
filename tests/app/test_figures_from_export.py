"""Every figure of a month equals what a person counts by hand from the month's export.

A month of complaints and callbacks is made through the application's own use cases, the month
is exported, and the figures are counted from the exported file alone (the complaint export for
the complaint figures, the callback export for the callbacks due and done, the attempts table
for the reach rate). The catalogue, ``report --json``, the monthly summary PDF and the monthly
sheet's totals must all say the same, on both backends.
"""

import csv
import datetime as dt
import json
import re
from collections import Counter

import pytest
from pypdf import PdfReader

from app import cli, figures, reports
from app.callbacks import documents as callback_documents
from app.callbacks import service as callbacks
from app.callbacks.service import Outcome, TaskFilter
from app.clock import Month
from app.complaints import service, sheet, transfer
from app.i18n import install_language
from models import CallbackAttempt, CallbackTask

OCTOBER = Month(2026, 10)
CUTOFF = "2026-11-01 00:00"  # October has ended: its figures count to its end
SCORES = {"非常满意": 5, "满意": 4, "一般": 3, "不满意": 2, "非常不满意": 1}


@pytest.fixture
def chinese(qapp):
    install_language("zh_CN")
    yield
    install_language("en")


def make_month(time_machine, agent, agent2, manager):
    """October 2026, made at whole minutes (the export writes times to the minute)."""

    def at(day, hour, minute=0, month=10):
        time_machine.move_to(dt.datetime(2026, month, day, hour, minute), tick=False)
        return dt.datetime(2026, month, day, hour, minute)

    def register(actor, **fields):
        base = {"complainant": "王老师", "contact": "13900139000", "content": "投影仪画面闪烁"}
        return service.register_complaint(actor, **{**base, **fields})

    def call_back(complaint, score, day, hour, month=10):
        at(day, hour, month=month)
        task = CallbackTask.get(
            CallbackTask.complaint == complaint.id, CallbackTask.status == "pending"
        )
        callbacks.record_attempt(task.assignee, task.id, "reached")
        callbacks.record_outcome(task.assignee, task.id, Outcome(satisfaction=score))

    at(28, 9, month=9)
    register(agent, category="quality")  # September's: not October's
    at(2, 9)
    c1 = register(agent, category="quality", channel="phone")
    at(2, 15)
    service.resolve_complaint(agent, c1.id, "远程升级固件")  # on time
    call_back(c1, 5, 3, 10)
    at(3, 8, 45)
    c2 = register(agent2, category="quality", channel="wechat", severity="serious")
    at(4, 9)
    service.resolve_complaint(agent2, c2.id, "更换主板")
    call_back(c2, 3, 4, 16)  # a neutral 3 reopens (satisfied from 4)
    at(9, 11, 20)
    service.resolve_complaint(agent2, c2.id, "上门再次维修")  # 72 h promise kept? no: late
    at(5, 10)
    c3 = register(agent, category="price", channel="email")  # never resolved: overdue
    at(7, 9)
    c4 = register(agent, category="delivery", channel="live")
    at(7, 10, 10)
    service.resolve_complaint(agent, c4.id, "补发配件")
    call_back(c4, 4, 8, 9)
    at(15, 8, 30)
    c5 = register(agent2, category="attitude", channel="phone", severity="major")
    at(15, 9)
    service.void_complaint(manager, c5.id, "重复登记")
    at(20, 11)
    c6 = register(agent, category="repair", channel="phone")
    service.update_complaint(agent, c6.id, {"promised_at": None})  # no promised time
    at(21, 17, 5)
    service.resolve_complaint(agent, c6.id, "已维修")
    at(28, 16)
    c7 = register(agent2, category="installation", channel="walkin")
    at(31, 23, 30)
    register(agent, category="other", channel="form")  # promised after the cut-off
    at(3, 10, month=11)
    service.resolve_complaint(agent2, c7.id, "安装完成")  # after October's end: late
    at(5, 9, month=11)
    register(agent, category="quality")  # November's
    # a repair callback left unanswered in October, and one due but never called
    unanswered = CallbackTask.create(
        kind="followup", event_key="a", due_at=dt.datetime(2026, 10, 12, 9), assignee=agent
    )
    at(12, 9, 30)
    callbacks.record_attempt(agent, unanswered.id, "no_answer")
    CallbackTask.create(
        kind="followup", event_key="b", due_at=dt.datetime(2026, 10, 30, 9), assignee=agent2
    )
    time_machine.move_to(dt.datetime(2026, 11, 26, 10, 30), tick=True)
    return [c1, c2, c3, c4, c5, c6, c7]


def hand_count(export_path, callback_path):
    """The figures counted from the exported files alone, as a person would in a spreadsheet."""
    with open(export_path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    kept = [r for r in rows if r["作废"] == "否"]
    resolved = [r for r in kept if r["解决时间"] and r["解决时间"] < CUTOFF]
    promised = [r for r in resolved if r["承诺处理时间"]]
    on_time = [r for r in promised if r["解决时间"] <= r["承诺处理时间"]]

    def minutes(text):
        return dt.datetime.strptime(text, "%Y-%m-%d %H:%M")

    hours = [
        (minutes(r["解决时间"]) - minutes(r["投诉时间"])).total_seconds() / 3600 for r in resolved
    ]
    overdue = [
        r for r in kept if r["承诺处理时间"] and r["承诺处理时间"] < CUTOFF and r not in resolved
    ]
    scores = [SCORES[r["客户满意度"]] for r in kept if r["客户满意度"]]
    weeks = Counter()
    for r in kept:
        year, week, _ = minutes(r["投诉时间"]).isocalendar()
        weeks[f"{year}-W{week:02d}"] += 1
    with open(callback_path, encoding="utf-8-sig", newline="") as handle:
        tasks = list(csv.DictReader(handle))
    return {
        "received": len(kept),
        "voided": len(rows) - len(kept),
        "resolved": len(resolved),
        "resolution_rate": (len(resolved), len(kept)),
        "avg_handling_hours": sum(hours) / len(hours),
        "on_time": len(on_time),
        "on_time_rate": (len(on_time), len(promised)),
        "no_promise": len(resolved) - len(promised),
        "overdue_at_cutoff": len(overdue),
        "satisfaction_mean": sum(scores) / len(scores),
        "satisfied_share": (sum(1 for s in scores if s >= 4), len(scores)),
        "scored": len(scores),
        "by_category": dict(Counter(r["类型"] for r in kept)),
        "by_channel": dict(Counter(r["渠道"] for r in kept)),
        "by_severity": dict(Counter(r["严重程度"] for r in kept)),
        "by_week": dict(weeks),
        "callbacks_due": len(tasks),
        "callbacks_done": sum(1 for t in tasks if t["status"] == "done"),
    }


def rate_text(pair):
    n, d = pair
    return f"{n / d * 100:.1f}% ({n}/{d})"


def test_every_figure_equals_the_hand_count_from_the_export(
    chinese, db_url, agent, agent2, manager, tmp_path, time_machine, capsys
):
    made = make_month(time_machine, agent, agent2, manager)
    export = tmp_path / "october.csv"
    assert transfer.export_complaints(export, OCTOBER) == 8
    callback_export = tmp_path / "october-callbacks.csv"
    callback_documents.export_tasks(
        callback_export, TaskFilter(date_from=OCTOBER.first_day, date_to=OCTOBER.last_day)
    )
    hand = hand_count(export, callback_export)
    # the month as made: the export is the only source of the numbers below
    assert (hand["received"], hand["voided"], hand["resolved"]) == (7, 1, 4)
    assert hand["overdue_at_cutoff"] == 2 and hand["no_promise"] == 1
    attempts = [
        result
        for (result,) in CallbackAttempt.select(CallbackAttempt.result)
        .where(CallbackAttempt.at >= OCTOBER.start, CallbackAttempt.at < OCTOBER.end)
        .tuples()
    ]
    reach = (attempts.count("reached"), len(attempts))

    got = figures.compute(OCTOBER)
    for key in ("received", "voided", "resolved", "on_time", "no_promise", "overdue_at_cutoff"):
        assert got[key] == hand[key], key
    for key in ("resolution_rate", "on_time_rate", "satisfied_share"):
        assert (got[key].numerator, got[key].denominator) == hand[key], key
    assert got["avg_handling_hours"] == pytest.approx(hand["avg_handling_hours"])
    assert got["satisfaction_mean"] == pytest.approx(hand["satisfaction_mean"])
    assert got["scored"] == hand["scored"]
    for key in ("by_category", "by_channel", "by_severity"):
        labelled = {figures.breakdown_label(key, code): n for code, n in got[key].items()}
        assert labelled == hand[key], key
    assert {week: n for week, n in got["by_week"].items() if n} == hand["by_week"]
    assert (got["callbacks_due"], got["callbacks_done"]) == (
        hand["callbacks_due"],
        hand["callbacks_done"],
    )
    assert (got["reach_rate"].numerator, got["reach_rate"].denominator) == reach

    # report --json, from the command line
    assert cli.main(["report", "--db", db_url, "--month", "2026-10", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    for key in ("received", "voided", "resolved", "on_time", "no_promise", "overdue_at_cutoff"):
        assert report[key] == hand[key], key
    for key in ("resolution_rate", "on_time_rate", "satisfied_share"):
        n, d = hand[key]
        assert report[key] == round(n / d, 4), key
    assert report["avg_handling_hours"] == round(hand["avg_handling_hours"], 2)
    assert report["satisfaction_mean"] == round(hand["satisfaction_mean"], 2)
    for key in ("by_category", "by_channel", "by_severity", "by_week"):
        assert {k: v for k, v in report[key].items() if v} == hand[key], key
    assert (report["callbacks_due"], report["callbacks_done"]) == (
        hand["callbacks_due"],
        hand["callbacks_done"],
    )
    assert report["completion_rate"] == round(hand["callbacks_done"] / hand["callbacks_due"], 4)
    assert report["reach_rate"] == round(reach[0] / reach[1], 4)

    # the monthly summary and the monthly sheet, read back
    def compact(path):
        return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())

    summary = compact(reports.print_monthly_report(OCTOBER, tmp_path / "summary.pdf"))
    sheet_text = compact(sheet.print_monthly_sheet(tmp_path / "sheet.pdf", OCTOBER))
    expected = {
        "收到投诉": str(hand["received"]),
        "作废": str(hand["voided"]),
        "已解决": str(hand["resolved"]),
        "解决率": rate_text(hand["resolution_rate"]),
        "按时解决": str(hand["on_time"]),
        "按时解决率": rate_text(hand["on_time_rate"]),
        "无承诺时间": str(hand["no_promise"]),
        "截止时超期未解决": str(hand["overdue_at_cutoff"]),
    }
    summary_only = {
        "平均处理时长": f"{hand['avg_handling_hours']:.2f} 小时",
        "满意度（1–5 分平均）": f"{hand['satisfaction_mean']:.2f}",
        "满意占比": rate_text(hand["satisfied_share"]),
        "有评分的投诉": str(hand["scored"]),
        "应回访": str(hand["callbacks_due"]),
        "已完成回访": str(hand["callbacks_done"]),
        "回访接通率": rate_text(reach),
    }
    for label, value in {**expected, **summary_only}.items():
        assert re.search(rf"(^| ){re.escape(label)} \[\d+\] {re.escape(value)}( |$)", summary), (
            label
        )
    for label, value in expected.items():
        assert re.search(rf"(^| ){re.escape(label)} \[\d+\] {re.escape(value)}( |$)", sheet_text), (
            label
        )
    for label, n in hand["by_category"].items():
        assert f"{label} {n}" in sheet_text
    # the sheet marks exactly the rows the total counts as overdue
    assert sheet_text.replace(" ", "").count("（已超期）") == hand["overdue_at_cutoff"]
    assert made[2].number in sheet_text
