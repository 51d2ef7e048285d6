import datetime as dt
from dataclasses import replace

import pytest

from app import events
from app.clock import Month
from app.complaints import registry, service
from app.errors import ConflictError, PermissionDenied, ValidationError
from app.operations import perform
from models import (
    AuditLog,
    CallbackTask,
    Complaint,
    ComplaintNumberSequence,
    ProgressStep,
    now,
)


def register(actor, **extra):
    fields = {
        "complainant": "王女士",
        "contact": "138-1234-5678",
        "channel": "phone",
        "category": "quality",
        "content": "投影仪开机后画面闪烁，已经第二次报修。",
        **extra,
    }
    return service.register_complaint(actor, **fields)


def test_numbers_follow_the_received_day_across_midnight_and_month_end(db_url, agent):
    before_midnight = dt.datetime(2026, 10, 31, 23, 59, 30)
    after_midnight = dt.datetime(2026, 11, 1, 0, 0, 10)
    a = register(agent, received_at=before_midnight)
    b = register(agent, received_at=before_midnight)
    c = register(agent, received_at=after_midnight)
    d = register(agent, received_at=before_midnight)
    assert [a.number, b.number, c.number, d.number] == [
        "20261031-001",
        "20261031-002",
        "20261101-001",
        "20261031-003",
    ]
    assert ComplaintNumberSequence.get_by_id("20261031").last == 3


def test_number_widens_past_999_and_sorts_after_it(db_url, agent):
    ComplaintNumberSequence.create(day="20261120", last=999)
    c = register(agent, received_at=dt.datetime(2026, 11, 20, 9, 0))
    assert c.number == "20261120-1000"
    register(agent, received_at=dt.datetime(2026, 11, 20, 8, 0))
    rows = registry.fetch(registry.Filters(month=Month(2026, 11)), descending=False)
    assert [r["number"] for r in rows] == ["20261120-1000", "20261120-1001"]


def test_number_of_a_deleted_complaint_is_never_reused(db_url, agent, manager):
    first = register(agent, received_at=dt.datetime(2026, 11, 2, 10, 0))
    service.delete_complaint(manager, first.id)
    again = register(agent, received_at=dt.datetime(2026, 11, 2, 11, 0))
    assert again.number == "20261102-002"
    assert (
        AuditLog.select().where(AuditLog.table == "complaint", AuditLog.action == "delete").exists()
    )
    with pytest.raises(PermissionDenied):
        service.delete_complaint(agent, again.id)


def test_validation_names_each_field_with_the_reason(db_url, agent):
    with pytest.raises(ValidationError) as err:
        service.register_complaint(
            agent,
            complainant="  ",
            contact="1381234567",
            received_at=now() + dt.timedelta(hours=2),
            channel="fax",
            category="nonsense",
            severity="extreme",
            content="",
        )
    fields = err.value.fields
    assert set(fields) == {
        "complainant",
        "contact",
        "received_at",
        "channel",
        "category",
        "severity",
        "content",
    }
    assert "11" in fields["contact"]
    assert Complaint.select().count() == 0


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+86 138 1234 5678", "13812345678"),
        ("010-6552 1234", "010-65521234"),
        ("Li.Wei@Example.com", "li.wei@example.com"),
        ("wx:liwei_2024", "wechat:liwei_2024"),
    ],
)
def test_contact_is_stored_normalised(db_url, agent, typed, stored):
    assert register(agent, contact=typed).contact == stored


def test_promised_time_defaults_from_settings_and_serious_is_reported(db_url, agent):
    received = now() - dt.timedelta(hours=1)
    normal = register(agent, received_at=received)
    serious = register(agent, received_at=received, severity="serious")
    assert normal.promised_at == received + dt.timedelta(hours=24)
    assert serious.promised_at == received + dt.timedelta(hours=72)
    assert not service.needs_manager(normal)
    assert service.needs_manager(serious)
    assert service.reported_to_manager_count() == 1


def test_overdue_rule_in_python_and_in_sql_agree(db_url, agent):
    old = register(agent, received_at=now() - dt.timedelta(days=3))
    fresh = register(agent)
    done = register(agent, received_at=now() - dt.timedelta(days=3))
    service.resolve_complaint(agent, done.id, "已更换新机")
    assert service.is_overdue(Complaint.get_by_id(old.id))
    assert not service.is_overdue(Complaint.get_by_id(fresh.id))
    assert not service.is_overdue(Complaint.get_by_id(done.id))
    assert service.overdue_count() == 1
    rows = registry.fetch(registry.Filters(overdue=True))
    assert [r["number"] for r in rows] == [old.number]
    assert rows[0]["overdue"]


def test_full_flow_steps_resolve_event_close(db_url, agent, request):
    seen = []

    def note(complaint, actor):
        seen.append(complaint.id)

    events.subscribe("complaint_resolved", note)
    # not into the tests after this one
    request.addfinalizer(lambda: events.unsubscribe("complaint_resolved", note))
    c = register(agent)
    assert c.status == "open"
    service.add_step(agent, c.id, "phone", "已与客户电话沟通，确认故障现象")
    assert Complaint.get_by_id(c.id).status == "in_progress"
    with pytest.raises(ValidationError) as err:
        service.resolve_complaint(agent, c.id, "  ")
    assert "result" in err.value.fields
    service.resolve_complaint(agent, c.id, "上门更换灯泡，客户确认正常")
    c = Complaint.get_by_id(c.id)
    assert c.status == "resolved" and c.resolved_at is not None
    assert seen[-1] == c.id
    with pytest.raises(ValidationError):
        service.close_after_callback(agent, c.id, 2)
    service.close_after_callback(agent, c.id, 5, "客户表示非常满意")
    c = Complaint.get_by_id(c.id)
    assert (c.status, c.satisfaction) == ("closed", 5)
    kinds = [s.kind for s in service.steps_of(c.id)]
    assert kinds == ["phone", "status", "status", "status"]


def test_unsatisfied_callback_reopens_with_reason_and_new_promise(db_url, agent, manager):
    c = register(agent, received_at=now() - dt.timedelta(days=5))
    service.resolve_complaint(agent, c.id, "远程协助重装驱动")
    service.reopen_after_callback(agent, c.id, "客户反映问题依旧", satisfaction=2)
    c = Complaint.get_by_id(c.id)
    assert (c.status, c.satisfaction, c.resolved_at) == ("reopened", 2, None)
    assert c.promised_at > now()
    assert "客户反映问题依旧" in service.steps_of(c.id)[-1].note
    with pytest.raises(PermissionDenied):
        service.reopen_complaint(agent, c.id, "再看看")
    with pytest.raises(ValidationError):
        service.reopen_complaint(manager, c.id, "不是已解决状态")


def test_second_desk_edit_is_refused_naming_who_changed_what(db_url, agent, agent2):
    c = register(agent)
    mine = Complaint.get_by_id(c.id)
    theirs = Complaint.get_by_id(c.id)
    service.update_complaint(agent2, theirs.id, {"order_no": "DD-2026-88"}, theirs.version)
    with pytest.raises(ConflictError) as err:
        service.update_complaint(agent, mine.id, {"complainant": "王芳"}, mine.version)
    assert "张客服" in str(err.value) or "agent2" in str(err.value)
    assert "order_no" in err.value.changes
    assert Complaint.get_by_id(c.id).complainant == "王女士"
    service.update_complaint(
        agent, c.id, {"complainant": "王芳"}, Complaint.get_by_id(c.id).version
    )
    assert Complaint.get_by_id(c.id).complainant == "王芳"


def test_reassign_is_for_managers_and_leaves_a_step(db_url, agent, agent2, manager):
    c = register(agent)
    with pytest.raises(PermissionDenied):
        service.reassign_complaint(agent, c.id, agent2)
    service.reassign_complaint(manager, c.id, agent2)
    assert Complaint.get_by_id(c.id).handler_id == agent2.id
    assert ProgressStep.select().where(ProgressStep.kind == "status").count() == 1


def test_void_keeps_number_and_blocks_edits(db_url, agent, manager):
    c = register(agent)
    service.void_complaint(manager, c.id, "重复登记")
    with pytest.raises(ValidationError):
        service.add_step(agent, c.id, "note", "x")
    assert service.overdue_count(now() + dt.timedelta(days=30)) == 0


def test_search_finds_chinese_words_names_numbers_and_phone_digits(db_url, agent):
    a = register(agent, content="快递三天未送达，包装破损")
    b = register(agent, complainant="赵老师", contact="021-5566 7788", order_no="JD12345")
    for text, expected in [
        ("包装破损", [a.number]),
        ("赵老师", [b.number]),
        ("JD123", [b.number]),
        ("5566", [b.number]),
        (a.number, [a.number]),
        ("闪烁 第二次", [b.number]),
    ]:
        rows = registry.fetch(registry.Filters(text=text))
        assert [r["number"] for r in rows] == expected, text


def test_unresolved_filter_takes_open_in_progress_and_reopened(db_url, agent):
    a = register(agent)
    b = register(agent)
    c = register(agent)
    service.start_handling(agent, b.id)
    service.resolve_complaint(agent, c.id, "已处理")
    rows = registry.fetch(registry.Filters(status=registry.UNRESOLVED))
    assert {r["number"] for r in rows} == {a.number, b.number}
    service.reopen_after_callback(agent, c.id, "客户仍不满意")
    assert registry.count(registry.Filters(status=registry.UNRESOLVED)) == 3


def test_on_the_first_of_a_month_open_work_of_earlier_months_is_in_the_first_view(
    db_url, agent, manager, time_machine
):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0), tick=True)
    late = register(agent, complainant="孙先生")  # promised in 24 h: overdue by December
    done = register(agent, complainant="周女士")
    service.resolve_complaint(agent, done.id, "已更换新机")
    void = register(agent, complainant="吴先生")
    service.void_complaint(manager, void.id, "重复登记")
    handled = register(agent, complainant="郑女士", received_at=dt.datetime(2026, 10, 5, 9, 0))
    service.start_handling(agent, handled.id)
    time_machine.move_to(dt.datetime(2026, 12, 1, 8, 30), tick=True)
    today = register(agent, complainant="冯老师")

    view = registry.current_view()
    assert view.month == Month(2026, 12)
    rows = registry.fetch(view)
    assert {r["number"] for r in rows} == {late.number, handled.number, today.number}
    assert registry.count(view) == 3
    # with a filter too (the month's and the earlier months' complaints are counted apart)
    assert registry.count(replace(view, status="in_progress")) == 1
    assert registry.count(replace(view, status=registry.UNRESOLVED)) == 3
    assert registry.count(replace(view, handler_id=agent.id + 1000)) == 0
    assert {r["number"]: r["month"] for r in rows}[late.number] == Month(2026, 11)
    assert registry.count_by_month(view) == [
        (Month(2026, 12), 1),
        (Month(2026, 11), 1),
        (Month(2026, 10), 1),
    ]
    # counted in two parts (the month, and earlier months' open work), as one grouping counts them
    for filtered in (view, replace(view, status="in_progress"), replace(view, handler_id=agent.id)):
        whole = registry._grouped_by_month(registry.where_clauses(filtered))
        assert registry.count_by_month(filtered) == whole, filtered
    assert registry.count_by_month(replace(view, status="resolved")) == []
    # the plain month still holds only what was received in it
    assert registry.count(registry.Filters(month=Month(2026, 12))) == 1

    # overdue: every month's, whatever month is chosen (the badge's count)
    overdue = registry.Filters(month=Month(2026, 12), overdue=True)
    assert {r["number"] for r in registry.fetch(overdue)} == {late.number, handled.number}
    assert registry.count(overdue) == service.overdue_count() == 2

    # a number, a name or a phone the caller quotes is found in every month, with its month
    for text in (late.number, "孙先生", "138 1234 5678"):
        search = registry.Filters(month=Month(2026, 12), text=text)
        found = registry.fetch(search)
        assert late.number in {r["number"] for r in found}, text
        assert {r["number"]: r["month"] for r in found}[late.number] == Month(2026, 11)
    assert registry.count_by_month(registry.Filters(text=void.number)) == [(Month(2026, 11), 1)]


def test_the_first_views_months_leave_out_those_without_open_work(db_url, agent, time_machine):
    """The first view's open work of earlier months is counted month by month from the oldest
    (SQLite), and a month between without any is not listed, as grouping them lists them."""
    time_machine.move_to(dt.datetime(2026, 12, 1, 8, 30), tick=True)
    register(agent, received_at=dt.datetime(2026, 8, 10, 9, 0))
    register(agent, received_at=dt.datetime(2026, 8, 31, 23, 59))
    done = register(agent, received_at=dt.datetime(2026, 9, 3, 9, 0))
    service.resolve_complaint(agent, done.id, "已更换新机")
    register(agent, received_at=dt.datetime(2026, 10, 1, 0, 0))
    view = registry.current_view()
    assert registry.count_by_month(view) == [(Month(2026, 10), 1), (Month(2026, 8), 2)]
    assert registry.count_by_month(view) == registry._grouped_by_month(registry.where_clauses(view))
    assert registry.count(view) == 3
    register(agent, received_at=dt.datetime(2026, 12, 1, 8, 0))
    assert registry.count_by_month(replace(view, category="delivery")) == []


def test_the_first_views_months_of_open_work_years_old_are_grouped(db_url, agent, time_machine):
    """Open work received long ago (years, or a time another program stored) is counted in one
    grouping, not a count per month since then: one complaint stored as received in 2001 would
    otherwise make a statement of some three hundred counts (the year 206: 24,000)."""
    time_machine.move_to(dt.datetime(2026, 12, 1, 8, 30), tick=True)
    register(agent, received_at=dt.datetime(2026, 10, 1, 9, 0))
    old = register(agent, received_at=dt.datetime(2026, 9, 1, 9, 0))
    Complaint.update(received_at=dt.datetime(2001, 3, 5, 9, 0)).where(
        Complaint.id == old.id
    ).execute()
    view = registry.current_view()
    clauses = registry.where_clauses(replace(view, month=None, open_before=False))
    assert registry._counted_by_received_month(clauses, Month(2026, 12)) is None
    assert registry.count_by_month(view) == [(Month(2026, 10), 1), (Month(2001, 3), 1)]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_managers_counts_are_read_from_indexes(db_url):
    """The serious and major complaints being handled and the resolved ones whose callback was
    unreachable, counted beside a manager's registry before its first screen has its data, are
    read from indexes alone (at a million complaints reading each open complaint's row and every
    callback of a complaint took 400 and 300 ms of CPU)."""
    import logging

    from models import database

    statements: list[tuple[str, list]] = []

    class Recorder(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if isinstance(record.msg, tuple):
                statements.append(record.msg)

    logger = logging.getLogger("peewee")
    handler, level = Recorder(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        assert service.reported_to_manager_count() == 0
        assert service.unreachable_callback_count() == 0
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    plans = [
        " / ".join(row[-1] for row in database.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))
        for sql, params in statements
    ]
    assert len(plans) == 2
    assert all("SCAN" not in plan and "USING INDEX" not in plan for plan in plans), plans
    assert "COVERING INDEX complaint_open_severity" in plans[0]
    assert "COVERING INDEX callback_task_kind_status_complaint" in plans[1]


def test_only_the_manager_reopens_a_closed_complaint(db_url, agent, manager):
    c = register(agent)
    service.resolve_complaint(agent, c.id, "已更换新机")
    assert (
        service.reopen_refusal(agent, Complaint.get_by_id(c.id)) is None
    )  # resolved: the callback's
    service.close_after_callback(agent, c.id, 4)
    closed = Complaint.get_by_id(c.id)
    refusal = service.reopen_refusal(agent, closed)
    assert refusal is not None and closed.number in refusal and "manager" in refusal
    with pytest.raises(PermissionDenied) as refused:
        service.reopen_after_callback(agent, c.id, "客户又打来说不满意", 2)
    assert str(refused.value) == refusal
    assert Complaint.get_by_id(c.id).status == "closed"
    assert service.reopen_refusal(manager, closed) is None
    service.reopen_after_callback(manager, c.id, "客户又打来说不满意", 2)
    assert Complaint.get_by_id(c.id).status == "reopened"


def test_every_change_to_a_complaint_is_a_use_case():
    changing = (
        "register_complaint",
        "update_complaint",
        "add_step",
        "start_handling",
        "resolve_complaint",
        "close_after_callback",
        "reopen_after_callback",
        "reopen_complaint",
        "reopen",
        "reassign_complaint",
        "void_complaint",
        "delete_complaint",
    )
    assert [
        name for name in changing if not getattr(getattr(service, name), "is_use_case", False)
    ] == []


def test_resolving_names_the_complaint_and_the_callback_it_made(db_url, agent):
    c = register(agent)
    outcome = perform(service.resolve_complaint, agent, c.id, "已更换新机")
    task = CallbackTask.get(CallbackTask.complaint == c.id)
    assert outcome.value.id == c.id
    assert outcome.changes.touches(f"complaint:{c.id}")
    assert outcome.changes.touches(f"callback_task:{task.id}")
    assert not outcome.changes.touches("customer")


def test_a_failing_event_handler_leaves_neither_the_change_nor_its_audit_row(db_url, agent):
    c = register(agent)
    service.add_step(agent, c.id, "phone", "已与客户电话沟通")
    audit_rows, steps = AuditLog.select().count(), ProgressStep.select().count()

    def broken(**_kwargs):
        raise RuntimeError("the handler failed")

    events.subscribe("complaint_resolved", broken)  # after the callbacks' own handler
    try:
        with pytest.raises(RuntimeError, match="the handler failed"):
            perform(service.resolve_complaint, agent, c.id, "上门更换灯泡")
    finally:
        events.unsubscribe("complaint_resolved", broken)
    c = Complaint.get_by_id(c.id)
    assert (c.status, c.result, c.resolved_at) == ("in_progress", "", None)
    assert AuditLog.select().count() == audit_rows
    assert ProgressStep.select().count() == steps
    assert CallbackTask.select().count() == 0  # the callbacks' handler ran: undone as well
    service.resolve_complaint(agent, c.id, "上门更换灯泡", c.version)
    assert Complaint.get_by_id(c.id).status == "resolved"
    assert CallbackTask.select().count() == 1


def test_a_note_names_the_complaint_whose_timeline_it_changed(db_url, agent):
    c = register(agent)
    service.start_handling(agent, c.id)
    outcome = perform(service.add_step, agent, c.id, "note", "客户来电催促")
    assert outcome.changes.touches(f"complaint:{c.id}")
    assert outcome.changes.touches(f"progress_step:{outcome.value.id}")
