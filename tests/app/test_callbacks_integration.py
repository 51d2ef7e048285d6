"""Callbacks made by the other features' own services (not by emitting events by hand)."""

import datetime as dt

from app.callbacks import service
from app.callbacks.service import Outcome
from app.complaints import service as complaints
from app.customers import installations, repairs
from models import CallbackTask, Complaint, ProgressStep, now
from tests.app.test_callbacks_service import make_customer


def test_resolving_closing_and_installing_make_callbacks(db_url, agent, agent2):
    customer = make_customer()
    complaint = complaints.register_complaint(
        agent,
        complainant="王老师",
        contact="13900139000",
        received_at=now() - dt.timedelta(hours=3),
        category="quality",
        content="白板触摸失灵",
        handler=agent2.id,
        customer=customer.id,
    )
    complaints.resolve_complaint(agent, complaint.id, "远程校准后恢复正常")
    repair = repairs.register_repair(agent, customer, repairs.RepairData(fault="开机黑屏"))
    repairs.close_repair(agent, repair, "更换电源板")
    install = installations.schedule_installation(
        agent2, customer, product="录播系统", agreed_date=now().date()
    )
    installations.finish_installation(agent2, install)
    tasks = {t.kind: t for t in CallbackTask.select()}
    assert set(tasks) == {"complaint", "repair", "purchase"}
    assert tasks["complaint"].assignee_id == agent2.id  # the complaint's handler
    assert service.timing(tasks["complaint"].due_at) == "due"
    assert tasks["repair"].due_at == service.due_after_days(now(), 3)
    assert tasks["purchase"].due_at == service.due_after_days(now().date(), 7)

    # the callback's outcome goes back to the complaint
    task = tasks["complaint"]
    service.record_attempt(agent2, task.id, "reached")
    service.record_outcome(agent2, task.id, Outcome(satisfaction=1, opinions="还是经常失灵"))
    again = Complaint.get_by_id(complaint.id)
    assert again.status == "reopened"
    assert any(
        "还是经常失灵" in s.note
        for s in ProgressStep.select().where(ProgressStep.complaint == complaint.id)
    )
    # resolved a second time: a new complaint callback, which a satisfied customer closes
    complaints.resolve_complaint(agent2, complaint.id, "上门更换触摸框")
    second = (
        CallbackTask.select()
        .where(CallbackTask.kind == "complaint", CallbackTask.status == "pending")
        .get()
    )
    assert second.id != task.id
    service.record_attempt(agent2, second.id, "reached")
    service.record_outcome(agent2, second.id, Outcome(satisfaction=5))
    assert Complaint.get_by_id(complaint.id).status == "closed"
