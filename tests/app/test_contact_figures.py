"""The contact register's figures equal what a person counts by hand from the month's exports.

October's contacts are logged through the form's use case and exported; the contact figures are
counted from the contacts export alone (and the complaints' first response from the complaint
export's handling steps). The catalogue, ``report --json`` and the agents' table must agree, on
both backends; the monthly summary PDF shows them.
"""

import csv
import datetime as dt
import json
import subprocess

from app import cli, figures, reports
from app.calls import service as calls
from app.clock import Month
from app.complaints import service as complaints
from app.complaints import transfer as complaint_transfer
from app.i18n import install_language

OCTOBER = Month(2026, 10)
CHANNELS = {"phone": "电话", "wechat": "微信", "live": "直播间", "email": "邮件"}


def log(actor, day, hour, minute, *, wait, length=None, **fields):
    came = dt.datetime(2026, 10, day, hour, minute, 0)
    return calls.log_contact(
        actor,
        came_in_at=came,
        answered_at=None if wait is None else came + dt.timedelta(seconds=wait),
        ended_at=None if length is None else came + dt.timedelta(seconds=length),
        **fields,
    )


def make_month(time_machine, agent, agent2):
    log(
        agent,
        1,
        9,
        0,
        wait=5,
        length=200,
        channel="phone",
        topic="售前",
        result="order",
        order_no="SO-1",
    )
    log(agent, 1, 9, 30, wait=16, length=300, channel="phone", topic="咨询")
    log(agent, 2, 10, 0, wait=15, length=None, channel="wechat", topic="售后", result="transferred")
    log(
        agent,
        3,
        11,
        0,
        wait=None,
        length=None,
        channel="email",
        topic="咨询",
        result="order",
        order_no="SO-2",
    )
    log(agent2, 4, 14, 0, wait=40, length=420, channel="live", topic="售前")
    log(agent2, 5, 15, 0, wait=3, length=90, channel="phone", topic="投诉")
    log(
        agent2,
        31,
        23,
        59,
        wait=12,
        length=600,
        channel="phone",
        topic="售前",
        result="order",
        order_no="SO-3",
    )
    calls.log_contact(agent, came_in_at=dt.datetime(2026, 11, 1, 0, 0), topic="售前")  # November

    def at(day, hour, minute=0, month=10):
        time_machine.move_to(dt.datetime(2026, month, day, hour, minute), tick=False)

    base = {"complainant": "王老师", "contact": "13900139000", "content": "白板失灵"}
    at(6, 9)
    first = complaints.register_complaint(agent, category="quality", **base)
    at(6, 11, 30)
    complaints.add_step(agent, first.id, "phone", "已电话安抚")  # 2.5 h
    at(7, 10)
    complaints.add_step(agent, first.id, "onsite", "上门")
    at(8, 9)
    second = complaints.register_complaint(agent2, category="price", **base)
    at(9, 15)
    complaints.add_step(agent2, second.id, "remote", "远程协助")  # 30 h
    at(10, 9)
    complaints.register_complaint(agent, category="other", **base)  # no step yet
    time_machine.move_to(dt.datetime(2026, 11, 26, 10, 30), tick=False)


def seconds_between(a, b):
    fmt = "%Y-%m-%d %H:%M:%S"
    return (dt.datetime.strptime(b, fmt) - dt.datetime.strptime(a, fmt)).total_seconds()


def hand_count(rows):
    answered = [
        seconds_between(r["来电时间"], r["首次应答时间"]) for r in rows if r["首次应答时间"]
    ]
    lengths = [seconds_between(r["来电时间"], r["结束时间"]) / 60 for r in rows if r["结束时间"]]
    orders = sum(1 for r in rows if r["结果"] == "已下单")
    sales = sum(1 for r in rows if r["主题"] in ("咨询", "售前"))
    channels: dict[str, int] = {}
    topics: dict[str, int] = {}
    for r in rows:
        channels[r["渠道"]] = channels.get(r["渠道"], 0) + 1
        topics[r["主题"]] = topics.get(r["主题"], 0) + 1
    return {
        "contacts": len(rows),
        "contacts_by_channel": channels,
        "contacts_by_topic": topics,
        "orders": orders,
        "conversion_rate": round(orders / sales, 4) if sales else None,
        "avg_response_seconds": round(sum(answered) / len(answered), 2) if answered else None,
        "answered_within_15s_rate": (
            round(sum(1 for s in answered if s <= 15) / len(answered), 4) if answered else None
        ),
        "avg_contact_minutes": round(sum(lengths) / len(lengths), 2) if lengths else None,
    }


def first_response_by_hand(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    hours = []
    for row in rows:
        steps = [
            line[:16]
            for line in row["处理进程"].splitlines()
            if line.strip() and "状态变更" not in line
        ]
        if steps:
            received = dt.datetime.strptime(row["投诉时间"], "%Y-%m-%d %H:%M")
            first = min(dt.datetime.strptime(s, "%Y-%m-%d %H:%M") for s in steps)
            hours.append((first - received).total_seconds() / 3600)
    return round(sum(hours) / len(hours), 2)


def test_contact_figures_equal_a_hand_count_of_the_export(
    db_url, agent, agent2, time_machine, tmp_path, capsys
):
    make_month(time_machine, agent, agent2)
    export = tmp_path / "contacts.csv"
    assert (
        cli.main(["export", "contacts", "--db", db_url, "--month", "2026-10", "-o", str(export)])
        == 0
    )
    with open(export, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected = hand_count(rows)
    assert expected["contacts"] == 7 and expected["orders"] == 3
    capsys.readouterr()
    assert cli.main(["report", "--db", db_url, "--month", "2026-10", "--json"]) == 0
    reported = json.loads(capsys.readouterr().out)
    for key, value in expected.items():
        assert reported[key] == value, key
    complaint_export = tmp_path / "complaints.csv"
    complaint_transfer.export_complaints(complaint_export, OCTOBER)
    assert reported["complaint_first_response_hours"] == first_response_by_hand(complaint_export)
    assert reported["complaint_first_response_hours"] == 16.25  # (2.5 + 30) / 2
    for key in ("received", "resolution_rate", "by_category", "reach_rate"):
        assert key in reported  # the complaint figures' keys stay

    computed = figures.compute(OCTOBER)
    by_agent = {a.employee_no: a.figures for a in figures.agents(computed)}
    for number in ("K001", "K002"):
        own = hand_count([r for r in rows if r["坐席 (工号)"] == number])
        assert by_agent[number]["contacts"] == own["contacts"]
        assert by_agent[number]["orders"] == own["orders"]
        assert round(by_agent[number]["conversion_rate"].value, 4) == own["conversion_rate"]
        assert round(by_agent[number]["avg_response_seconds"], 2) == own["avg_response_seconds"]
        rate = by_agent[number]["answered_within_15s_rate"].value
        assert round(rate, 4) == own["answered_within_15s_rate"]
        assert round(by_agent[number]["avg_contact_minutes"], 2) == own["avg_contact_minutes"]


def test_the_monthly_summary_shows_the_contact_figures(
    qapp, db_url, agent, agent2, time_machine, tmp_path
):
    make_month(time_machine, agent, agent2)
    install_language("zh_CN")
    try:
        path = reports.print_monthly_report(OCTOBER, tmp_path / "summary.pdf")
    finally:
        install_language("en")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "咨询量" in text and "成交量" in text and "平均响应时间" in text
    assert "15 秒内应答" in text
    assert round(figures.compute(OCTOBER)["avg_response_seconds"], 1) == 15.2
    assert "15.2 秒" in text
    assert CHANNELS["live"] in text
