import datetime as dt
import json

import pytest

from app import events, settings
from app.callbacks import service, tasks
from app.callbacks.service import Outcome, TaskFilter
from app.errors import ConflictError, PermissionDenied, ValidationError
from app.operations import perform
from app.ratio import Ratio
from models import (
    AuditLog,
    CallbackAttempt,
    CallbackTask,
    Complaint,
    Customer,
    CustomerPhone,
    CustomerTag,
    Installation,
    Repair,
    User,
    now,
)

# --- rows the callbacks follow up, as the other features make them ---------------------------


def make_customer(
    name: str = "北京市第一中学", phone: str = "13800138000", tags: tuple[str, ...] = ()
) -> Customer:
    customer = Customer.create(kind="organisation", name=name, organisation=name)
    CustomerPhone.create(customer=customer, phone=phone)
    for tag in tags:
        CustomerTag.create(customer=customer, tag=tag)
    return customer


def make_complaint(
    handler: User, customer: Customer | None = None, number: str = "20261120-001"
) -> Complaint:
    return Complaint.create(
        number=number,
        received_at=dt.datetime(2026, 11, 20, 10, 0),
        complainant="王老师",
        contact="13900139000",
        customer=customer,
        channel="phone",
        category="quality",
        content="投影仪开机后画面闪烁",
        result="已远程协助更新固件",
        status="resolved",
        handler=handler,
        resolved_at=dt.datetime(2026, 11, 21, 15, 30),
    )


def make_repair(handler: User, customer: Customer, closed_at: dt.datetime) -> Repair:
    return Repair.create(
        customer=customer,
        product="智能黑板 K3",
        fault="触摸失灵",
        result="更换触摸框",
        status="closed",
        closed_at=closed_at,
        handler=handler,
    )


def make_installation(handler: User, customer: Customer, installed: dt.date) -> Installation:
    return Installation.create(
        customer=customer,
        product="录播系统 R2",
        agreed_date=installed,
        installed_date=installed,
        handler=handler,
    )


def complaint_task(agent: User) -> CallbackTask:
    complaint = make_complaint(agent, make_customer())
    events.emit("complaint_resolved", complaint=complaint, actor=agent)
    return CallbackTask.get(CallbackTask.complaint == complaint.id)


# --- tasks made by events ---------------------------------------------------------------------


def test_complaint_resolved_makes_one_callback_due_at_once_for_the_handler(db_url, agent, agent2):
    complaint = make_complaint(agent, make_customer())
    before = now()
    events.emit("complaint_resolved", complaint=complaint, actor=agent2)
    events.emit("complaint_resolved", complaint=complaint, actor=agent2)
    tasks = list(CallbackTask.select())
    assert len(tasks) == 1
    task = tasks[0]
    assert task.kind == "complaint"
    assert task.assignee_id == agent.id  # the handler, not the one who pressed the button
    assert task.complaint_id == complaint.id and task.customer_id == complaint.customer_id
    assert before <= task.due_at <= now()
    assert service.timing(task.due_at) == "due"
    assert task.reason == ""  # the reason is worded when shown, in the reader's language
    assert "20261120-001" in service.rows_for([task])[0].reason
    assert AuditLog.select().where(AuditLog.table == "callback_task").count() == 1


def test_complaint_resolved_again_after_reopening_makes_a_new_callback(db_url, agent):
    complaint = make_complaint(agent)
    events.emit("complaint_resolved", complaint=complaint, actor=agent)
    first = CallbackTask.get()
    first.status = "done"
    first.save()
    complaint.resolved_at = dt.datetime(2026, 11, 24, 9, 0)
    complaint.version += 2  # reopened and resolved again: two saves
    complaint.save()
    events.emit("complaint_resolved", complaint=complaint, actor=agent)
    events.emit("complaint_resolved", complaint=complaint, actor=agent)
    assert CallbackTask.select().count() == 2


def test_callback_of_a_handler_who_left_goes_to_the_one_who_recorded_the_event(
    db_url, admin, agent, agent2
):
    from app import auth

    repair = make_repair(agent, make_customer(), dt.datetime(2026, 11, 20, 15, 30))
    auth.set_active(admin, agent, False)
    task = service.on_repair_closed(repair, agent2)
    assert task.assignee_id == agent2.id


def test_repair_closed_makes_post_repair_callback_days_later(db_url, agent):
    customer = make_customer()
    repair = make_repair(agent, customer, dt.datetime(2026, 11, 20, 15, 30))
    events.emit("repair_closed", repair=repair, actor=agent)
    events.emit("repair_closed", repair=repair, actor=agent)
    task = CallbackTask.get()
    assert CallbackTask.select().count() == 1
    assert task.kind == "repair" and task.repair_id == repair.id
    assert task.customer_id == customer.id and task.assignee_id == agent.id
    assert task.due_at == dt.datetime(2026, 11, 23, 9, 0)  # default 3 days, start of the day


def test_installation_finished_uses_the_purchase_days_setting(db_url, admin, agent):
    settings.put(admin, "callback_purchase_days", 10)
    installation = make_installation(agent, make_customer(), dt.date(2026, 11, 25))
    events.emit("installation_finished", installation=installation, actor=agent)
    events.emit("installation_finished", installation=installation, actor=agent)
    task = CallbackTask.get()
    assert CallbackTask.select().count() == 1
    assert task.kind == "purchase" and task.installation_id == installation.id
    assert task.due_at == dt.datetime(2026, 12, 5, 9, 0)
    assert "录播系统 R2" in service.rows_for([task])[0].reason


def test_same_event_key_never_makes_two_tasks_even_past_the_lookup(db_url, agent):
    """The unique (kind, event_key) index is the last guard: a second insert returns the first."""
    installation = make_installation(agent, make_customer(), dt.date(2026, 11, 25))
    task = service.on_installation_finished(installation, agent)
    CallbackTask.update(status="done").execute()  # the open-task shortcut no longer applies
    again = service.on_installation_finished(installation, agent)
    assert again.id == task.id
    assert CallbackTask.select().count() == 1


def test_due_time_arithmetic():
    assert service.due_after_days(dt.datetime(2026, 12, 30, 23, 50), 3) == dt.datetime(
        2027, 1, 2, 9, 0
    )
    assert service.due_after_days(dt.date(2026, 2, 27), 7) == dt.datetime(2026, 3, 6, 9, 0)
    assert service.add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert service.add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert service.add_months(dt.date(2027, 11, 15), 3) == dt.date(2028, 2, 15)
    today = dt.date(2026, 11, 25)
    assert service.timing(dt.datetime(2026, 11, 24, 23, 59), today) == "overdue"
    assert service.timing(dt.datetime(2026, 11, 25, 18, 0), today) == "due"
    assert service.timing(dt.datetime(2026, 11, 26, 0, 0), today) == "upcoming"


# --- regular care -----------------------------------------------------------------------------


def test_regular_care_every_n_months_for_tagged_customers_only(db_url, agent, agent2):
    vip = make_customer("VIP 学校", "13800000001", tags=("VIP",))
    make_customer("普通学校", "13800000002")
    Customer.update(created_at=dt.datetime(2026, 5, 28, 8, 0)).execute()
    assert service.generate_care_tasks(dt.date(2026, 11, 20)) == 0  # 8 days ahead: not yet
    today = dt.date(2026, 11, 25)
    assert service.generate_care_tasks(today) == 1
    assert service.generate_care_tasks(today) == 0  # idempotent
    task = CallbackTask.get()
    assert task.kind == "care" and task.customer_id == vip.id
    assert task.due_at == dt.datetime(2026, 11, 28, 9, 0)  # six months after joining
    assert task.assignee_id in (agent.id, agent2.id)
    # while it is open, no second one; once done, the next one is 6 months after this one
    assert service.generate_care_tasks(dt.date(2027, 6, 1)) == 0
    CallbackTask.update(status="done").execute()
    assert service.generate_care_tasks(dt.date(2027, 5, 20)) == 0  # 8 days ahead
    assert service.generate_care_tasks(dt.date(2027, 5, 21)) == 1
    latest = CallbackTask.select().order_by(CallbackTask.due_at.desc()).first()
    assert latest.due_at == dt.datetime(2027, 5, 28, 9, 0)


def test_regular_care_for_long_tagged_customers_is_spread_not_all_due_today(db_url, agent):
    """A date missed by more than a week waits for the next one in the cycle."""
    early = make_customer("甲校", "13800000005", tags=("VIP",))
    late = make_customer("乙校", "13800000006", tags=("VIP",))
    Customer.update(created_at=dt.datetime(2025, 2, 10, 8, 0)).where(
        Customer.id == early.id
    ).execute()
    Customer.update(created_at=dt.datetime(2025, 11, 20, 8, 0)).where(
        Customer.id == late.id
    ).execute()
    today = dt.date(2026, 11, 25)
    assert service.generate_care_tasks(today) == 1  # 乙校: 2026-11-20, within the week missed
    task = CallbackTask.get()
    assert task.customer_id == late.id and task.due_at == dt.datetime(2026, 11, 20, 9, 0)
    assert service.generate_care_tasks(dt.date(2027, 2, 5)) == 1  # 甲校: 2027-02-10
    assert CallbackTask.get(CallbackTask.customer == early.id).due_at.date() == dt.date(2027, 2, 10)


def test_regular_care_follows_the_tag_and_months_settings(db_url, admin, agent):
    make_customer("学校甲", "13800000003", tags=("重点",))
    Customer.update(created_at=dt.datetime(2026, 10, 26, 8, 0)).execute()
    today = dt.date(2026, 11, 25)
    assert service.generate_care_tasks(today) == 0
    settings.put(admin, "callback_care_tags", ["重点"])
    assert service.generate_care_tasks(today) == 0  # 6 months not reached
    settings.put(admin, "callback_care_months", 1)
    assert service.generate_care_tasks(today) == 1


# --- attempts and outcomes --------------------------------------------------------------------


def test_three_unanswered_attempts_close_the_task_as_unreachable(db_url, agent):
    task = complaint_task(agent)
    service.record_attempt(agent, task.id, "no_answer")
    service.record_attempt(agent, task.id, "wrong_number", note="空号")
    assert CallbackTask.get_by_id(task.id).status == "pending"
    service.record_attempt(agent, task.id, "no_answer")
    closed = CallbackTask.get_by_id(task.id)
    assert closed.status == "unreachable" and closed.completed_at is not None
    assert CallbackAttempt.select().where(CallbackAttempt.task == task.id).count() == 3
    with pytest.raises(ValidationError):
        service.record_attempt(agent, task.id, "no_answer")
    assert Complaint.get_by_id(task.complaint_id).status == "resolved"  # left as it was


def test_max_attempts_is_a_setting_and_reschedules_do_not_count(db_url, admin, agent):
    settings.put(admin, "callback_max_attempts", 2)
    task = complaint_task(agent)
    later = now() + dt.timedelta(days=1)
    service.record_attempt(agent, task.id, "no_answer")
    service.record_attempt(agent, task.id, "reschedule", next_at=later)
    moved = CallbackTask.get_by_id(task.id)
    assert moved.status == "rescheduled" and moved.due_at == later.replace(microsecond=0)
    service.record_attempt(agent, task.id, "no_answer")
    assert CallbackTask.get_by_id(task.id).status == "unreachable"


def test_reschedule_needs_a_future_time(db_url, agent):
    task = complaint_task(agent)
    with pytest.raises(ValidationError) as err:
        service.record_attempt(agent, task.id, "reschedule")
    assert "next_at" in err.value.fields
    with pytest.raises(ValidationError):
        service.record_attempt(agent, task.id, "reschedule", next_at=now() - dt.timedelta(hours=1))
    with pytest.raises(ValidationError):
        service.record_attempt(agent, task.id, "hung_up")
    assert CallbackAttempt.select().count() == 0


def test_outcome_needs_a_reached_call_and_a_score(db_url, agent):
    task = complaint_task(agent)
    with pytest.raises(ValidationError) as err:
        service.record_outcome(agent, task.id, Outcome(satisfaction=5))
    assert "" in err.value.fields
    service.record_attempt(agent, task.id, "reached")
    with pytest.raises(ValidationError) as err:
        service.record_outcome(agent, task.id, Outcome(satisfaction=None))
    assert "satisfaction" in err.value.fields
    with pytest.raises(ValidationError):
        service.record_outcome(agent, task.id, Outcome(satisfaction=6))
    assert CallbackTask.get_by_id(task.id).status == "pending"


def test_repair_outcome_records_survey_opinions_and_onsite(db_url, agent):
    repair = make_repair(agent, make_customer(), dt.datetime(2026, 11, 20, 15, 30))
    task = service.on_repair_closed(repair, agent)
    service.record_attempt(agent, task.id, "reached")
    service.record_outcome(
        agent,
        task.id,
        Outcome(
            satisfaction=3,
            survey={"产品目前使用是否正常？": "偶尔还会失灵", "空的问题": "  "},
            opinions="希望上门再看看",
            onsite_needed=True,
        ),
    )
    done = CallbackTask.get_by_id(task.id)
    assert done.status == "done" and done.completed_at is not None
    assert done.satisfaction == 3 and done.onsite_needed
    assert json.loads(done.survey) == {"产品目前使用是否正常？": "偶尔还会失灵"}
    assert done.opinions == "希望上门再看看"


def test_satisfied_customer_closes_the_complaint(db_url, agent):
    task = complaint_task(agent)
    service.record_attempt(agent, task.id, "reached")
    service.record_outcome(agent, task.id, Outcome(satisfaction=5, opinions="很满意"))
    complaint = Complaint.get_by_id(task.complaint_id)
    assert complaint.status == "closed"
    assert complaint.satisfaction == 5


def test_the_satisfied_threshold_is_the_team_setting_the_figures_count_by(db_url, agent, admin):
    """A neutral 3 reopens under the default threshold 4 (which the satisfied share uses too);
    a team that sets it to 3 closes on a 3."""
    from app import settings

    task = complaint_task(agent)
    service.record_attempt(agent, task.id, "reached")
    service.record_outcome(agent, task.id, Outcome(satisfaction=3))
    assert Complaint.get_by_id(task.complaint_id).status == "reopened"
    settings.put(admin, "satisfied_from", 3)
    with pytest.raises(ValidationError):
        settings.put(admin, "satisfied_from", 6)
    second = make_complaint(agent, number="20261120-002")
    events.emit("complaint_resolved", complaint=second, actor=agent)
    again = CallbackTask.get(CallbackTask.complaint == second.id)
    service.record_attempt(agent, again.id, "reached")
    service.record_outcome(agent, again.id, Outcome(satisfaction=3))
    assert Complaint.get_by_id(again.complaint_id).status == "closed"


def test_unsatisfied_customer_reopens_the_complaint_with_a_reason(db_url, agent):
    from models import ProgressStep

    task = complaint_task(agent)
    service.record_attempt(agent, task.id, "reached")
    service.record_outcome(agent, task.id, Outcome(satisfaction=2, opinions="画面还是闪"))
    complaint = Complaint.get_by_id(task.complaint_id)
    assert complaint.status == "reopened"
    notes = " ".join(
        s.note for s in ProgressStep.select().where(ProgressStep.complaint == complaint)
    )
    assert "画面还是闪" in notes
    assert CallbackTask.get_by_id(task.id).status == "done"


def test_only_the_assignee_or_a_manager_works_a_task(db_url, agent, agent2, manager):
    task = complaint_task(agent)
    with pytest.raises(PermissionDenied):
        service.record_attempt(agent2, task.id, "no_answer")
    service.record_attempt(manager, task.id, "no_answer")
    assert CallbackAttempt.get().agent_id == manager.id


def test_a_stale_desk_cannot_record_over_a_newer_attempt(db_url, agent):
    task = complaint_task(agent)
    seen = CallbackTask.get_by_id(task.id).version
    service.record_attempt(agent, task.id, "no_answer", expected_version=seen)
    with pytest.raises(ConflictError):
        service.record_attempt(agent, task.id, "no_answer", expected_version=seen)
    assert CallbackAttempt.select().count() == 1


# --- manager ----------------------------------------------------------------------------------


def test_manager_reassigns_open_tasks_only(db_url, agent, agent2, manager):
    first = complaint_task(agent)
    repair = make_repair(agent, make_customer("学校乙", "13700000000"), now())
    second = service.on_repair_closed(repair, agent)
    CallbackTask.update(status="done").where(CallbackTask.id == second.id).execute()
    with pytest.raises(PermissionDenied):
        service.reassign(agent, [first.id], agent2.id)
    assert service.reassign(manager, [first.id, second.id], agent2.id) == 1
    assert CallbackTask.get_by_id(first.id).assignee_id == agent2.id
    assert CallbackTask.get_by_id(second.id).assignee_id == agent.id
    with pytest.raises(ValidationError):
        service.reassign(manager, [], agent2.id)


def test_lists_filters_and_due_count(db_url, agent, agent2):
    customer = make_customer()
    today = now().date()
    for days, who in ((-2, agent), (0, agent), (3, agent), (0, agent2)):
        tasks.make_task(
            kind="followup",
            event_key=f"t{days}{who.id}",
            due_at=dt.datetime.combine(today + dt.timedelta(days=days), dt.time(10, 0)),
            assignee=who,
            reason="测试",
            actor=None,
            customer=customer,
        )
    mine = service.my_tasks(agent)
    assert [r.timing() for r in mine] == ["overdue", "due", "upcoming"]
    assert mine[0].customer_name.startswith("北京市第一中学") and mine[0].phone == "13800138000"
    assert service.due_count(agent) == 2
    assert service.due_count(agent2) == 1
    flt = TaskFilter(date_from=today, date_to=today)
    assert service.count_tasks(flt) == 2
    assert len(service.list_tasks(TaskFilter(kind="complaint"))) == 0


def test_a_period_can_also_list_the_callbacks_still_open_from_before_it(db_url, agent):
    customer = make_customer()
    today = now().date()
    made = {}
    for key, days, status in (
        ("old_open", -40, "pending"),
        ("old_rescheduled", -35, "rescheduled"),
        ("old_done", -40, "done"),
        ("in_period", 1, "pending"),
        ("later", 30, "pending"),
    ):
        made[key] = tasks.make_task(
            kind="followup",
            event_key=key,
            due_at=dt.datetime.combine(today + dt.timedelta(days=days), dt.time(10, 0)),
            assignee=agent,
            reason="测试",
            actor=None,
            customer=customer,
        )[0]
        CallbackTask.update(status=status).where(CallbackTask.id == made[key].id).execute()

    def listed(**kw):
        return [r.id for r in service.list_tasks(TaskFilter(**kw))]

    period = {"date_from": today - dt.timedelta(days=3), "date_to": today + dt.timedelta(days=7)}
    assert listed(**period) == [made["in_period"].id]
    assert listed(**period, include_overdue=True) == [
        made["old_open"].id,
        made["old_rescheduled"].id,
        made["in_period"].id,
    ]
    assert service.count_tasks(TaskFilter(**period, include_overdue=True, status="open")) == 3
    assert listed(**period, include_overdue=True, status="done") == []
    # a period in the future: the tasks between today and it are not overdue, so not added
    ahead = {"date_from": today + dt.timedelta(days=20), "date_to": today + dt.timedelta(days=40)}
    assert listed(**ahead, include_overdue=True) == [
        made["old_open"].id,
        made["old_rescheduled"].id,
        made["later"].id,
    ]


def test_schedule_manual_callback(db_url, agent, agent2, manager):
    customer = make_customer()
    when = now() + dt.timedelta(days=2)
    task = service.schedule_manual(agent, customer.id, when, "回访新功能使用情况", kind="care")
    assert task.assignee_id == agent.id and task.kind == "care"
    with pytest.raises(ValidationError) as err:
        service.schedule_manual(agent, customer.id, when, " ", assignee_id=agent2.id)
    assert set(err.value.fields) == {"reason", "assignee"}
    other = service.schedule_manual(manager, customer.id, when, "跟进", assignee_id=agent2.id)
    assert other.assignee_id == agent2.id and other.kind == "followup"


# --- figures ----------------------------------------------------------------------------------


def test_completion_rate_is_done_over_due_in_the_period(db_url, agent, agent2):
    customer = make_customer()
    day = dt.date(2026, 11, 10)
    states = ["done", "done", "unreachable", "pending"]
    for index, status in enumerate(states):
        task, _ = tasks.make_task(
            kind="followup",
            event_key=f"c{index}",
            due_at=dt.datetime.combine(day, dt.time(9 + index, 0)),
            assignee=agent if index < 3 else agent2,
            reason="",
            actor=None,
            customer=customer,
        )
        CallbackTask.update(status=status).where(CallbackTask.id == task.id).execute()
    outside, _ = tasks.make_task(
        kind="followup",
        event_key="outside",
        due_at=dt.datetime(2026, 11, 30, 9, 0),
        assignee=agent,
        reason="",
        actor=None,
        customer=customer,
    )
    CallbackTask.update(status="done").where(CallbackTask.id == outside.id).execute()
    rate = service.completion_rate(dt.date(2026, 11, 1), dt.date(2026, 11, 15))
    assert (rate.numerator, rate.denominator) == (2, 4)
    assert rate.value == 0.5 and rate.percent() == "50.0%"
    mine = service.completion_rate(dt.date(2026, 11, 1), dt.date(2026, 11, 15), agent.id)
    assert (mine.numerator, mine.denominator) == (2, 3)
    upcoming, _ = tasks.make_task(
        kind="followup",
        event_key="upcoming",
        due_at=now() + dt.timedelta(hours=1),
        assignee=agent,
        reason="",
        actor=None,
        customer=customer,
    )
    today = now().date()
    assert service.completion_rate(today, today + dt.timedelta(days=1)).denominator == 0
    empty = service.completion_rate(dt.date(2025, 1, 1), dt.date(2025, 1, 31))
    assert empty.value is None and empty.percent() == "—"


def test_reach_rate_is_reached_over_attempts_in_the_period(db_url, agent, agent2):
    task = complaint_task(agent)
    for result, at, who in (
        ("no_answer", dt.datetime(2026, 11, 3, 9, 0), agent),
        ("reached", dt.datetime(2026, 11, 3, 14, 0), agent),
        ("wrong_number", dt.datetime(2026, 11, 4, 9, 0), agent2),
        ("reschedule", dt.datetime(2026, 11, 5, 9, 0), agent),
        ("reached", dt.datetime(2026, 12, 1, 9, 0), agent),
    ):
        CallbackAttempt.create(task=task, result=result, at=at, agent=who)
    rate = service.reach_rate(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert (rate.numerator, rate.denominator) == (1, 4)
    mine = service.reach_rate(dt.date(2026, 11, 1), dt.date(2026, 11, 30), agent.id)
    assert (mine.numerator, mine.denominator) == (1, 3)


def test_script_announces_company_department_and_employee_number(db_url, admin, agent):
    settings.put(admin, "company_name", "华信教育")
    task = complaint_task(agent)
    info = service.detail(task.id, agent)
    steps = [step for step, _ in info.script]
    assert len(steps) == 5
    text = " ".join(say for _, say in info.script)
    assert "华信教育" in text and "客服部" in text and "K001" in text
    assert ("Complaint content", "投影仪开机后画面闪烁") in info.summary or any(
        "投影仪开机后画面闪烁" == value for _, value in info.summary
    )
    assert info.questions == settings.DEFAULTS["callback_survey_questions"]


def test_rates_can_be_narrowed_to_a_kind_and_to_on_site_visits(db_url, agent):
    customer = make_customer()
    day = now().date() - dt.timedelta(days=1)
    made = []
    for index, (kind, status, onsite) in enumerate(
        (
            ("repair", "done", True),
            ("repair", "pending", False),
            ("purchase", "pending", False),
            ("purchase", "pending", False),
        )
    ):
        task, _ = tasks.make_task(
            kind=kind,
            event_key=f"k{index}",
            due_at=dt.datetime.combine(day, dt.time(9 + index, 0)),
            assignee=agent,
            reason="",
            actor=None,
            customer=customer,
        )
        CallbackTask.update(status=status, onsite_needed=onsite).where(
            CallbackTask.id == task.id
        ).execute()
        made.append(task)
    for task, result in ((made[0], "reached"), (made[1], "no_answer"), (made[2], "no_answer")):
        CallbackAttempt.create(task=task, agent=agent, at=now(), result=result)
    period = (day, now().date())
    assert service.completion_rate(*period) == Ratio(1, 4)
    assert service.completion_rate(*period, kind="repair") == Ratio(1, 2)
    assert service.completion_rate(*period, kind="purchase") == Ratio(0, 2)
    assert service.completion_rate(*period, onsite_only=True) == Ratio(1, 1)
    assert service.reach_rate(*period) == Ratio(1, 3)
    assert service.reach_rate(*period, kind="repair") == Ratio(1, 2)
    assert service.reach_rate(*period, kind="purchase") == Ratio(0, 1)
    assert service.reach_rate(*period, agent.id, onsite_only=True) == Ratio(1, 1)


# --- the complaint and its callback stay in step ----------------------------------------------


def test_closing_a_complaint_by_hand_closes_its_waiting_callback_with_that_outcome(db_url, agent):
    from app.complaints import service as complaints

    task = complaint_task(agent)
    complaints.close_after_callback(agent, task.complaint_id, 5, "电话里客户表示满意")
    done = CallbackTask.get_by_id(task.id)
    assert (done.status, done.satisfaction, done.opinions) == ("done", 5, "电话里客户表示满意")
    assert done.completed_at is not None
    assert service.my_tasks(agent) == []  # nobody calls the customer again about it


def test_a_low_score_on_a_closed_complaints_callback_asks_before_anything_happens(
    db_url, agent, manager
):
    from app.complaints import service as complaints
    from models import ProgressStep

    task = complaint_task(agent)
    # closed meanwhile (say on another desk running an older version): the callback still waits
    Complaint.update(status="closed", satisfaction=4).where(
        Complaint.id == task.complaint_id
    ).execute()
    service.record_attempt(agent, task.id, "reached")
    with pytest.raises(service.ClosedComplaintNotSatisfied) as asked:
        service.record_outcome(agent, task.id, Outcome(satisfaction=2, opinions="还是不行"))
    assert not asked.value.may_reopen and "manager" in asked.value.refusal
    assert CallbackTask.get_by_id(task.id).status == "pending"
    assert Complaint.get_by_id(task.complaint_id).status == "closed"
    # an agent cannot reopen a closed complaint; keeping it closed records the score and says so
    with pytest.raises(PermissionDenied):
        service.record_outcome(
            agent, task.id, Outcome(satisfaction=2), closed_complaint=service.REOPEN
        )
    assert CallbackTask.get_by_id(task.id).status == "pending"
    service.record_outcome(
        agent,
        task.id,
        Outcome(satisfaction=2, opinions="还是不行"),
        closed_complaint=service.KEEP_CLOSED,
    )
    assert CallbackTask.get_by_id(task.id).status == "done"
    assert Complaint.get_by_id(task.complaint_id).status == "closed"
    notes = [
        complaints.step_text(s)
        for s in ProgressStep.select().where(ProgressStep.complaint == task.complaint_id)
    ]
    assert any("还是不行" in n and "stays closed" in n for n in notes)
    # the manager, asked the same, may reopen it
    second = make_complaint(agent, number="20261120-002")
    events.emit("complaint_resolved", complaint=second, actor=agent)
    Complaint.update(status="closed").where(Complaint.id == second.id).execute()
    again = CallbackTask.get(CallbackTask.complaint == second.id)
    service.record_attempt(manager, again.id, "reached")
    with pytest.raises(service.ClosedComplaintNotSatisfied) as asked:
        service.record_outcome(manager, again.id, Outcome(satisfaction=1))
    assert asked.value.may_reopen
    service.record_outcome(
        manager, again.id, Outcome(satisfaction=1), closed_complaint=service.REOPEN
    )
    assert Complaint.get_by_id(second.id).status == "reopened"
    assert complaints.reopen_refusal(manager, Complaint.get_by_id(second.id)) is not None


def test_an_unreachable_complaint_callback_puts_the_complaint_on_the_managers_list(
    db_url, agent, manager
):
    from app.complaints import registry
    from app.complaints import service as complaints
    from models import ProgressStep

    task = complaint_task(agent)
    assert complaints.unreachable_callback_count() == 0
    for _ in range(3):
        service.record_attempt(agent, task.id, "no_answer")
    assert CallbackTask.get_by_id(task.id).status == "unreachable"
    assert complaints.unreachable_callback_count() == 1
    listed = registry.fetch(registry.Filters(callback_unreachable=True))
    assert [r["id"] for r in listed] == [task.complaint_id]
    notes = [
        complaints.step_text(s)
        for s in ProgressStep.select().where(ProgressStep.complaint == task.complaint_id)
    ]
    assert any("unreachable" in n for n in notes)
    # the manager decides: reopening (or closing) takes it off the list
    complaints.reopen_complaint(manager, task.complaint_id, "客户一直联系不上，改为上门")
    assert complaints.unreachable_callback_count() == 0


# --- the changes are use cases ------------------------------------------------------------------


def test_every_change_to_a_callback_is_a_use_case():
    changing = (
        "schedule_manual",
        "reassign",
        "record_attempt",
        "record_outcome",
        "make_care_tasks",
    )
    assert [n for n in changing if not getattr(getattr(service, n), "is_use_case", False)] == []


def test_an_outcome_names_the_task_and_the_complaint_it_closed(db_url, agent):
    task = complaint_task(agent)
    service.record_attempt(agent, task.id, "reached")
    outcome = perform(service.record_outcome, agent, task.id, Outcome(satisfaction=5))
    assert outcome.changes.touches(f"callback_task:{task.id}")
    assert outcome.changes.touches(f"complaint:{task.complaint_id}")


def test_an_outcome_whose_complaint_cannot_close_leaves_nothing_behind(db_url, agent):
    task = complaint_task(agent)
    service.record_attempt(agent, task.id, "reached")
    audit_rows = AuditLog.select().count()

    def broken(**_kwargs):
        raise RuntimeError("the handler failed")

    events.subscribe("complaint_closed", broken)
    try:
        with pytest.raises(RuntimeError, match="the handler failed"):
            service.record_outcome(agent, task.id, Outcome(satisfaction=5, opinions="很满意"))
    finally:
        events.unsubscribe("complaint_closed", broken)
    assert CallbackTask.get_by_id(task.id).status == "pending"
    assert Complaint.get_by_id(task.complaint_id).status == "resolved"
    assert AuditLog.select().count() == audit_rows
    service.record_outcome(agent, task.id, Outcome(satisfaction=5, opinions="很满意"))
    assert CallbackTask.get_by_id(task.id).status == "done"
    assert Complaint.get_by_id(task.complaint_id).status == "closed"


def test_a_call_that_changes_no_field_still_names_its_task(db_url, agent):
    task = complaint_task(agent)
    outcome = perform(service.record_attempt, agent, task.id, "reached")
    assert outcome.changes.touches(f"callback_task:{task.id}")
    assert outcome.changes.touches("callback_attempt")
