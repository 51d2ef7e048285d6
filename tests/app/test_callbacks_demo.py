import datetime as dt

from app import demo
from app.callbacks import demo as callbacks_demo
from app.callbacks import service
from models import CallbackAttempt, CallbackTask, Complaint, Installation, Repair, User

TODAY = dt.date(2026, 11, 20)  # not the real today: the demo's clock is then fixed


def snapshot() -> list[tuple]:
    tasks = [
        (t.kind, t.event_key, t.due_at, t.assignee_id, t.status, t.satisfaction, t.survey,
         t.opinions, t.onsite_needed, t.completed_at)
        for t in CallbackTask.select().where(CallbackTask.kind != "care").order_by(CallbackTask.id)
    ]  # fmt: skip
    attempts = [
        (a.task.event_key, a.at, a.result, a.next_at, a.note)
        for a in CallbackAttempt.select().order_by(CallbackAttempt.id)
    ]
    return [tasks, attempts]


def test_demo_has_every_state_from_the_earlier_demos_and_repeats(db_url, admin):
    demo.fill(
        admin, seed=5, customers=80, complaints=150, months=2, agents=3, today=TODAY, report=print
    )
    tasks = list(CallbackTask.select())
    states = {
        t.status if t.status not in ("pending",) else service.timing(t.due_at, TODAY) for t in tasks
    }
    assert {"due", "overdue", "upcoming", "done", "unreachable", "rescheduled"} <= states
    kinds = {t.kind for t in tasks}
    assert {"complaint", "repair", "purchase"} <= kinds
    # made from the records the earlier demos wrote
    assert all(
        Complaint.get_or_none(Complaint.id == t.complaint_id) for t in tasks if t.complaint_id
    )
    assert any(t.repair_id and Repair.get_by_id(t.repair_id).status == "closed" for t in tasks)
    assert any(t.installation_id and Installation.get_by_id(t.installation_id) for t in tasks)
    for t in tasks:
        if t.status == "unreachable":
            assert service.unanswered_count(t.id) == 3
        if t.status == "done":
            assert t.satisfaction and any(a.result == "reached" for a in t.attempts)
    first = snapshot()
    CallbackAttempt.delete().execute()
    CallbackTask.delete().where(CallbackTask.kind != "care").execute()
    ctx = demo.DemoContext(
        seed=5, rng=None, faker=None, today=TODAY, customers=80, complaints=150, months=2,
        manager=User.get(User.login == "manager"),
        agents=list(User.select().where(User.role == "agent").order_by(User.login)),
    )  # fmt: skip
    callbacks_demo.fill(ctx)
    assert snapshot() == first
    # run again over its own tasks (as ``demo --force`` does): every event has its task already
    callbacks_demo.fill(ctx)
    assert snapshot() == first
