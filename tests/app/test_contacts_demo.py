"""The demo fills the contact register and the work log for every agent of the demo months."""

import datetime as dt

from app import demo, figures
from app.clock import Month
from models import AuditLog, ContactRecord, User, WorkLog, WorkSummary


def test_demo_fills_contacts_and_work_logs_for_every_agent(db_url, admin):
    demo.fill(admin, seed=3, customers=60, complaints=120, months=2, agents=3, report=print)
    agents = list(User.select().where(User.role == "agent"))
    contacts = list(ContactRecord.select())
    assert {c.agent_id for c in contacts} == {a.id for a in agents}
    assert len({c.channel for c in contacts}) >= 5
    assert {c.result for c in contacts} == {
        "answered",
        "order",
        "complaint",
        "callback",
        "transferred",
    }
    waits = [(c.answered_at - c.came_in_at).total_seconds() for c in contacts if c.answered_at]
    assert any(w > 15 for w in waits) and sum(w <= 15 for w in waits) > len(waits) / 2
    assert all(c.order_no for c in contacts if c.result == "order")
    assert any(c.complaint_id for c in contacts if c.result == "complaint")
    months = {Month.of(c.came_in_at.date()) for c in contacts}
    assert len(months) == 2
    for agent in agents:
        logins = AuditLog.select().where(AuditLog.user == agent, AuditLog.action == "login")
        notes = WorkLog.select().where(WorkLog.agent == agent, WorkLog.note != "")
        assert logins.count() > 10 and notes.count() > 3
    assert WorkSummary.select().where(WorkSummary.comment != "").count() >= 1
    november = figures.compute(Month(2026, 11))
    assert november["contacts"] > 0 and november["orders"] > 0
    assert 0 < november["answered_within_15s_rate"].value < 1
    assert max(c.came_in_at for c in contacts) <= dt.datetime(2026, 11, 26, 10, 30)
