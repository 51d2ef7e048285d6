import datetime as dt

import pytest

from app import audit, events
from app.customers import installations, onboarding, repairs
from app.customers.customers import (
    CustomerData,
    DuplicatePhone,
    create_customer,
    get_customer,
    update_customer,
)
from app.customers.lookup import find_by_phone, search
from app.customers.merge import merge_customers
from app.customers.phones import phones_of
from app.customers.repairs import RepairData
from app.customers.tags import tags_of
from app.customers.timeline import timeline
from app.errors import ConflictError, PermissionDenied, ValidationError
from models import (
    AuditLog,
    CallbackTask,
    Complaint,
    Customer,
    Installation,
    OnboardingRequest,
    OnboardingStep,
    Repair,
    now,
)
from tests.conftest import TEST_NOW

TODAY = TEST_NOW.date()  # the tests run on the set clock (conftest)


def school(name: str = "实验小学", phones: tuple[str, ...] = ("138 1234 5678",)) -> CustomerData:
    return CustomerData(
        name=name,
        kind="organisation",
        organisation=name,
        contact_person="王老师",
        phones=list(phones),
        address="北京市海淀区学院路1号",
        tags=["vip", "优质客户"],
    )


def test_create_normalises_phones_tags_and_audits(db_url, agent):
    customer = create_customer(agent, school(phones=("138-1234-5678", "010 6275 1234")))
    assert phones_of(customer.id) == ["13812345678", "010-62751234"]
    assert tags_of(customer.id) == ["VIP", "优质客户"]
    entry = AuditLog.get(AuditLog.table == "customer", AuditLog.record_id == customer.id)
    assert entry.action == "create"
    assert audit.changes_of(entry)["phones"] == [None, ["13812345678", "010-62751234"]]


def test_bad_fields_are_named(db_url, agent):
    with pytest.raises(ValidationError) as caught:
        create_customer(
            agent,
            CustomerData(
                name=" ", phones=["12345"], email="no-at", kind="organisation", gender="male"
            ),
        )
    assert set(caught.value.fields) == {"name", "phones", "email", "gender"}
    assert Customer.select().count() == 0


def test_duplicate_phone_warns_and_offers_existing(db_url, agent):
    first = create_customer(agent, school())
    with pytest.raises(DuplicatePhone) as caught:
        create_customer(agent, CustomerData(name="张三", phones=["+86 138 1234 5678"]))
    assert caught.value.existing.id == first.id
    assert "phones" in caught.value.fields
    assert Customer.select().count() == 1
    second = create_customer(
        agent, CustomerData(name="张三", phones=["13812345678"]), allow_duplicate=True
    )
    assert second.id != first.id


def test_update_detects_stale_version_and_audits_phones(db_url, agent, agent2):
    customer = create_customer(agent, school())
    mine = Customer.get_by_id(customer.id)
    theirs = Customer.get_by_id(customer.id)
    data = school()
    data.phones = ["13812345678", "13900001111"]
    update_customer(agent2, theirs, data, expected_version=theirs.version)
    assert phones_of(customer.id) == ["13812345678", "13900001111"]
    data.address = "上海市"
    with pytest.raises(ConflictError):
        update_customer(agent, mine, data, expected_version=1)
    last = AuditLog.select().where(AuditLog.table == "customer").order_by(AuditLog.id.desc())
    assert audit.changes_of(last.first())["phones"][1] == ["13812345678", "13900001111"]


def test_lookup_by_partial_phone_name_and_organisation(db_url, agent):
    a = create_customer(agent, school("第一中学", ("13812345678",)))
    b = create_customer(agent, CustomerData(name="李明", phones=["13987654321", "021-64001234"]))
    create_customer(
        agent, CustomerData(name="赵六", organisation="华信第一中学分校", phones=["13500000000"])
    )
    assert [c.id for c in search("2345")] == [a.id]
    assert [c.id for c in search("6400 12")] == [b.id]  # landline without its dash
    assert [c.id for c in search("021-6400")] == [b.id]
    assert {c.name for c in search("第一中学")} == {"第一中学", "赵六"}
    assert search("第一中学")[0].id == a.id  # the name starting with the text first
    assert [c.id for c in search("李")] == [b.id]
    assert search("") == []
    assert find_by_phone("13987654321").id == b.id


def test_merge_moves_all_history_and_is_manager_only(db_url, agent, manager):
    keep = create_customer(agent, school("育才学校", ("13811112222",)))
    other = create_customer(
        agent,
        CustomerData(
            name="育才学校(重复)",
            phones=["13811112222", "13833334444"],
            email="yc@school.cn",
            tags=["老客户", "VIP"],
        ),
        allow_duplicate=True,
    )
    complaint = Complaint.create(
        number="20261125-001",
        received_at=now(),
        complainant="王老师",
        contact="13833334444",
        customer=other.id,
        channel="phone",
        category="quality",
        content="屏幕不亮",
    )
    task = CallbackTask.create(kind="care", customer=other.id, event_key="x", due_at=now())
    repair = repairs.register_repair(agent, other, RepairData(fault="无法开机"))
    inst = installations.schedule_installation(agent, other, product="交互平板", agreed_date=TODAY)
    request = onboarding.start_request(agent, other)
    with pytest.raises(PermissionDenied):
        merge_customers(agent, keep, other)
    result = merge_customers(manager, keep, other)
    assert result.moved["complaints"] == 1 and result.moved["repairs"] == 1
    assert Complaint.get_by_id(complaint.id).customer_id == keep.id
    assert CallbackTask.get_by_id(task.id).customer_id == keep.id
    assert Repair.get_by_id(repair.id).customer_id == keep.id
    assert Installation.get_by_id(inst.id).customer_id == keep.id
    assert OnboardingRequest.get_by_id(request.id).customer_id == keep.id
    assert phones_of(keep.id) == ["13811112222", "13833334444"]
    assert sorted(tags_of(keep.id)) == sorted(["VIP", "优质客户", "老客户"])
    assert Customer.get_by_id(keep.id).email == "yc@school.cn"
    assert Customer.get_by_id(other.id).merged_into_id == keep.id
    assert get_customer(other.id).id == keep.id
    assert find_by_phone("13833334444").id == keep.id
    assert [c.id for c in search("3333")] == [keep.id]
    merges = AuditLog.select().where(AuditLog.action == "merge")
    assert {e.record_id for e in merges} == {keep.id, other.id}
    kinds = {e.kind for e in timeline(keep.id)}
    assert kinds == {"complaint", "callback", "repair", "installation", "onboarding", "change"}


def test_onboarding_steps_and_stuck_list(db_url, agent):
    customer = create_customer(agent, school())
    old = onboarding.start_request(agent, customer, on_date=TODAY - dt.timedelta(days=20))
    fresh = onboarding.start_request(agent, customer, on_date=TODAY - dt.timedelta(days=2))
    onboarding.record_step(agent, old, "details", on_date=TODAY - dt.timedelta(days=15))
    with pytest.raises(ValidationError):
        onboarding.record_step(agent, old, "received")  # backwards
    with pytest.raises(ValidationError):
        onboarding.record_step(agent, old, "operations", on_date=TODAY + dt.timedelta(days=1))
    stuck = [r.id for r in onboarding.stuck_requests()]
    assert stuck == [old.id]
    standing = onboarding.standing(OnboardingRequest.get_by_id(old.id))
    assert standing.stuck and standing.days_at_stage == 15
    onboarding.record_step(agent, OnboardingRequest.get_by_id(old.id), "callback")
    assert [r.id for r in onboarding.stuck_requests()] == []
    assert [r.id for r in onboarding.stuck_requests(days=1)] == [fresh.id]
    steps = OnboardingStep.select().where(OnboardingStep.request == old.id)
    assert [s.stage for s in steps.order_by(OnboardingStep.id)] == [
        "received",
        "details",
        "callback",
    ]
    assert all(s.recorded_by_id == agent.id for s in steps)


def test_late_installations_and_finish_event(db_url, agent):
    customer = create_customer(agent, school())
    late = installations.schedule_installation(
        agent, customer, product="交互平板", agreed_date=TODAY - dt.timedelta(days=3)
    )
    installations.schedule_installation(
        agent, customer, product="录播系统", agreed_date=TODAY + dt.timedelta(days=3)
    )
    assert [i.id for i in installations.late_installations()] == [late.id]
    assert installations.late_count() == 1
    seen = []
    handler = lambda **kw: seen.append(kw)  # noqa: E731
    events.subscribe("installation_finished", handler)
    try:
        installations.finish_installation(agent, late, TODAY)
    finally:
        events._handlers["installation_finished"].remove(handler)
    assert seen and seen[0]["installation"].id == late.id and seen[0]["actor"].id == agent.id
    assert installations.late_count() == 0
    with pytest.raises(ValidationError):
        installations.finish_installation(agent, Installation.get_by_id(late.id), TODAY)


def test_installation_corrections_and_what_stays_once_installed(db_url, agent):
    customer = create_customer(agent, school())
    planned = installations.schedule_installation(
        agent, customer, product="白板", agreed_date=TODAY + dt.timedelta(days=2)
    )
    with pytest.raises(ValidationError) as caught:
        installations.update_installation(
            agent, planned, product="", agreed_date=None, installer="张" * 61, notes=""
        )
    assert set(caught.value.fields) == {"product", "agreed_date", "installer"}
    installations.update_installation(
        agent,
        planned,
        product="电子白板",
        agreed_date=TODAY + dt.timedelta(days=5),
        installer="张师傅",
        notes="上午",
    )
    saved = Installation.get_by_id(planned.id)
    assert (saved.product, saved.agreed_date, saved.installer, saved.notes) == (
        "电子白板",
        TODAY + dt.timedelta(days=5),
        "张师傅",
        "上午",
    )
    with pytest.raises(ConflictError):  # another desk saved since version 1
        installations.update_installation(
            agent,
            saved,
            product="电子白板",
            agreed_date=TODAY,
            installer="",
            notes="",
            expected_version=1,
        )

    installations.finish_installation(agent, saved, TODAY)
    done = Installation.get_by_id(planned.id)
    with pytest.raises(ValidationError) as caught:
        installations.update_installation(
            agent, done, product="投影仪", agreed_date=TODAY, installer="", notes=""
        )
    assert set(caught.value.fields) == {"product", "agreed_date"}
    installations.update_installation(
        agent,
        done,
        product="电子白板",
        agreed_date=TODAY + dt.timedelta(days=5),
        installer="李师傅",
        notes="已调试",
    )
    assert Installation.get_by_id(planned.id).installer == "李师傅"


def test_finished_installation_records_the_installed_step_of_a_waiting_request(db_url, agent):
    signed, early = school("签约学校", ("13800000001",)), school("新学校", ("13800000002",))
    customer, other = create_customer(agent, signed), create_customer(agent, early)
    ago = TODAY - dt.timedelta(days=10)
    request = onboarding.start_request(agent, customer, on_date=ago)
    for stage in ("details", "operations", "contract"):
        onboarding.record_step(agent, request, stage, on_date=ago)
    not_yet = onboarding.start_request(agent, other, on_date=ago)  # no contract yet
    for c in (customer, other):
        due = installations.schedule_installation(
            agent, c, product="交互平板", agreed_date=TODAY - dt.timedelta(days=1)
        )
        installations.finish_installation(agent, due, TODAY - dt.timedelta(days=1))

    moved = OnboardingRequest.get_by_id(request.id)
    assert (moved.stage, moved.stage_since) == ("installed", TODAY - dt.timedelta(days=1))
    step = onboarding.steps_of(request.id)[-1]
    assert (step.stage, step.recorded_by_id) == ("installed", agent.id)
    assert "交互平板" in step.note
    assert OnboardingRequest.get_by_id(not_yet.id).stage == "received"  # never skips a step


def test_repairs_loaners_and_close_event(db_url, agent):
    customer = create_customer(agent, school())
    repair = repairs.register_repair(
        agent, customer, RepairData(fault="主板故障", product="交互平板")
    )
    with pytest.raises(ValidationError) as caught:
        repairs.update_repair(agent, repair, RepairData(fault="主板故障", factory_return=True))
    assert "factory_return" in caught.value.fields
    repairs.update_repair(
        agent,
        repair,
        RepairData(
            fault="主板故障",
            handling="service_order",
            service_order_no="SO-1",
            engineer="刘工",
            diagnosis="hardware",
            factory_return=True,
        ),
    )
    repairs.lend_loaner(agent, repair, "备用机-07", TODAY - dt.timedelta(days=5))
    assert [r.id for r in repairs.loaners_out()] == [repair.id]
    assert [r.id for r in repairs.open_repairs()] == [repair.id]
    with pytest.raises(ValidationError):
        repairs.close_repair(agent, repair, "  ")
    seen = []
    handler = lambda **kw: seen.append(kw)  # noqa: E731
    events.subscribe("repair_closed", handler)
    try:
        repairs.close_repair(agent, repair, "返厂更换主板后正常")
    finally:
        events._handlers["repair_closed"].remove(handler)
    assert seen[0]["repair"].id == repair.id
    assert [r.id for r in repairs.open_repairs()] == []
    assert [r.id for r in repairs.loaners_out()] == [repair.id]
    repairs.return_loaner(agent, Repair.get_by_id(repair.id), TODAY)
    assert list(repairs.loaners_out()) == []


def test_knowledge_base_is_the_last_step_of_a_solved_repair(db_url, agent):
    customer = create_customer(agent, school())
    first = repairs.register_repair(agent, customer, RepairData(fault="无法开机"))
    second = repairs.register_repair(agent, customer, RepairData(fault="触摸失灵"))
    with pytest.raises(ValidationError) as caught:
        repairs.enter_in_knowledge_base(agent, first)
    assert "knowledge_base" in caught.value.fields  # still open: nothing to write up yet
    assert Repair.get_by_id(first.id).knowledge_base_at is None

    repairs.close_repair(agent, first, "电源板更换", knowledge_base=True)
    repairs.close_repair(agent, second, "重新校准触摸")
    assert Repair.get_by_id(first.id).knowledge_base_at is not None
    assert [r.id for r in repairs.missing_from_knowledge_base()] == [second.id]

    repairs.enter_in_knowledge_base(agent, second)
    assert list(repairs.missing_from_knowledge_base()) == []
    with pytest.raises(ValidationError):
        repairs.enter_in_knowledge_base(agent, Repair.get_by_id(second.id))
    entries = [e for e in timeline(customer.id) if e.target == {"repair_id": second.id}]
    assert any("knowledge base" in e.title for e in entries)
    written_up = AuditLog.select().where(
        AuditLog.table == Repair._meta.table_name,
        AuditLog.record_id == second.id,
        AuditLog.changes.contains("knowledge_base_at"),
    )
    assert [entry.user_id for entry in written_up] == [agent.id]


def test_timeline_is_newest_first(db_url, agent):
    customer = create_customer(agent, school())
    repairs.register_repair(
        agent, customer, RepairData(fault="旧故障"), reported_at=now() - dt.timedelta(days=10)
    )
    installations.schedule_installation(
        agent, customer, product="平板", agreed_date=TODAY - dt.timedelta(days=5)
    )
    entries = timeline(customer.id)
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
    late = [e for e in entries if e.kind == "installation"][0]
    assert late.alert and late.target == {"installation_id": late.target["installation_id"]}


def test_lookup_treats_like_wildcards_literally_and_prefix_ranges(db_url, agent):
    a = create_customer(agent, CustomerData(name="100%满意_测试", phones=["13999999999"]))
    b = create_customer(agent, CustomerData(name="其他客户", phones=["13990000000"]))
    assert [c.id for c in search("%满意_")] == [a.id]
    assert search("满意%") == []
    assert {c.id for c in search("1399")} == {a.id, b.id}
    assert [c.id for c in search("139999")] == [a.id]
    assert find_by_phone("13999999999").id == a.id


def test_closing_repair_and_finishing_installation_schedule_callbacks(db_url, agent):
    """The events reach the callbacks feature inside the same transaction."""
    customer = create_customer(agent, school())
    repair = repairs.register_repair(agent, customer, RepairData(fault="无法开机"))
    repairs.close_repair(agent, repair, "更换电源后正常")
    inst = installations.schedule_installation(agent, customer, product="平板", agreed_date=TODAY)
    installations.finish_installation(agent, inst, TODAY)
    tasks = CallbackTask.select().where(CallbackTask.customer == customer.id)
    assert {t.kind for t in tasks} == {"repair", "purchase"}
    assert {t.repair_id for t in tasks if t.kind == "repair"} == {repair.id}


def test_details_step_needs_address_contact_and_phone(db_url, agent):
    bare = create_customer(agent, CustomerData(name="新建小学", kind="organisation"))
    request = onboarding.start_request(agent, bare)
    with pytest.raises(ValidationError) as caught:
        onboarding.record_step(agent, request, "details")
    assert "address" in caught.value.fields["stage"]
    data = school("新建小学")
    update_customer(agent, Customer.get_by_id(bare.id), data)
    onboarding.record_step(agent, OnboardingRequest.get_by_id(request.id), "details")
    assert OnboardingRequest.get_by_id(request.id).stage == "details"


def test_every_change_to_the_customer_records_is_a_use_case():
    from app.customers import customers, merge

    changes = [
        customers.create_customer,
        customers.update_customer,
        repairs.register_repair,
        repairs.update_repair,
        repairs.lend_loaner,
        repairs.return_loaner,
        repairs.close_repair,
        repairs.enter_in_knowledge_base,
        installations.schedule_installation,
        installations.update_installation,
        installations.finish_installation,
        onboarding.start_request,
        onboarding.record_step,
        merge.merge_customers,
    ]
    assert [f.__name__ for f in changes if not getattr(f, "is_use_case", False)] == []
