"""The contact register: logging a contact, its customer, its callback and its complaint."""

import datetime as dt

import pytest

from app.calls import service
from app.complaints import service as complaints
from app.customers.customers import CustomerData, create_customer
from app.errors import NotFound, PermissionDenied, ValidationError
from models import AuditLog, CallbackTask, Complaint, ContactRecord, Customer, User
from tests.conftest import TEST_NOW


def school() -> Customer:
    actor = User.select().where(User.role == "agent").first()
    return create_customer(
        actor, CustomerData(name="实验小学", kind="organisation", phones=["138 1234 5678"])
    )


def test_a_contact_defaults_to_now_and_finds_its_customer_by_phone(db_url, agent):
    customer = school()
    record = service.log_contact(
        agent, channel="phone", contact="13812345678", topic="售前", note="问录播系统报价"
    )
    assert record.came_in_at == TEST_NOW and record.answered_at == TEST_NOW
    assert record.customer_id == customer.id
    assert record.customer_name == "实验小学"
    assert record.agent_id == agent.id
    assert AuditLog.get(AuditLog.table == "contact_record").record_id == record.id
    [row] = service.todays_contacts(agent)
    assert row.response_seconds == 0 and row.result_label == "Answered"
    assert [r.id for r in service.contacts_of_customer(customer.id)] == [record.id]


def test_times_response_and_length(db_url, agent):
    came = TEST_NOW - dt.timedelta(minutes=6)
    record = service.log_contact(
        agent,
        came_in_at=came,
        answered_at=came + dt.timedelta(seconds=21),
        ended_at=came + dt.timedelta(minutes=4, seconds=30),
        topic="咨询",
        result="order",
        order_no="SO-2026-1188",
        customer_name="赵女士",
        contact="13900001111",
    )
    [row] = service.todays_contacts(agent)
    assert row.id == record.id and row.response_seconds == 21 and row.minutes == 4.5
    assert row.order_no == "SO-2026-1188" and row.customer_id is None


def test_bad_input_names_each_field(db_url, agent):
    with pytest.raises(ValidationError) as caught:
        service.log_contact(
            agent,
            came_in_at=TEST_NOW,
            answered_at=TEST_NOW - dt.timedelta(seconds=5),
            ended_at=TEST_NOW + dt.timedelta(hours=2),
            topic="天气",
            channel="pigeon",
            result="order",
            contact="12",
        )
    assert set(caught.value.fields) == {
        "answered_at",
        "ended_at",
        "topic",
        "channel",
        "order_no",
        "contact",
    }
    assert ContactRecord.select().count() == 0


def test_callback_needed_makes_a_task_and_a_customer(db_url, agent):
    record = service.log_contact(
        agent,
        topic="售后",
        result="callback",
        customer_name="钱老师",
        contact="13700002222",
        note="等工程师确认后回电",
    )
    task = CallbackTask.get_by_id(record.callback_id)
    assert task.kind == "followup" and task.assignee_id == agent.id
    assert task.customer_id == record.customer_id
    assert Customer.get_by_id(record.customer_id).name == "钱老师"
    with pytest.raises(ValidationError) as caught:
        service.log_contact(agent, result="callback")
    assert "contact" in caught.value.fields


def test_complaint_registered_links_both_ways(db_url, agent):
    customer = school()
    record = service.log_contact(agent, contact="13812345678", topic="投诉", result="complaint")
    complaint = complaints.register_complaint(
        agent,
        complainant="实验小学",
        contact="13812345678",
        content="白板触摸失灵",
        category="quality",
    )
    service.link_complaint(agent, record.id, complaint.id)
    [row] = service.contacts_of_customer(customer.id)
    assert row.complaint_id == complaint.id and row.complaint_number == complaint.number
    assert [c.id for c in complaint.contacts] == [record.id]


def test_a_complaint_filed_from_a_contact_is_registered_and_linked_at_once(db_url, agent):
    customer = school()
    record = service.log_contact(agent, contact="13812345678", topic="投诉", result="answered")
    complaint = service.register_complaint_from_contact(
        agent,
        record.id,
        complainant="实验小学",
        contact="13812345678",
        content="白板触摸失灵",
        category="quality",
    )
    record = ContactRecord.get_by_id(record.id)
    assert record.complaint_id == complaint.id and record.result == "complaint"
    assert complaint.customer_id == customer.id
    audited = {(a.table, a.record_id) for a in AuditLog.select()}
    assert ("complaint", complaint.id) in audited and ("contact_record", record.id) in audited


def test_a_complaint_filed_from_a_contact_gone_meanwhile_is_not_registered(db_url, agent):
    record = service.log_contact(agent, contact="13812345678", topic="投诉", result="complaint")
    ContactRecord.delete_by_id(record.id)  # another desk removed it while the form was open
    with pytest.raises(NotFound):
        service.register_complaint_from_contact(
            agent,
            record.id,
            complainant="实验小学",
            contact="13812345678",
            content="白板触摸失灵",
            category="quality",
        )
    assert Complaint.select().count() == 0  # one transaction: the registration went too
    assert not AuditLog.select().where(AuditLog.table == "complaint").exists()


def test_only_the_agent_or_a_manager_edits(db_url, agent, agent2, manager):
    record = service.log_contact(agent, topic="咨询")
    with pytest.raises(PermissionDenied):
        service.update_contact(agent2, record.id, {"note": "x"}, expected_version=1)
    service.update_contact(manager, record.id, {"note": "补记"}, expected_version=1)
    assert ContactRecord.get_by_id(record.id).note == "补记"
    assert service.todays_contacts(agent2) == []
    assert len(service.todays_contacts(manager)) == 1


def test_the_customers_timeline_shows_the_contact(db_url, agent):
    from app.customers.timeline import timeline

    customer = school()
    record = service.log_contact(agent, contact="13812345678", topic="售后", note="咨询保修期")
    [entry] = [e for e in timeline(customer.id) if e.kind == "contact"]
    assert entry.area == "calls" and entry.target == {"contact_id": record.id}
    assert "售后" in entry.title and "咨询保修期" in entry.detail


def test_a_contact_edited_to_callback_needed_gets_its_task(db_url, agent):
    school()
    record = service.log_contact(agent, contact="13812345678", topic="售后")
    service.update_contact(agent, record.id, {"result": "callback"}, expected_version=1)
    record = ContactRecord.get_by_id(record.id)
    task = CallbackTask.get_by_id(record.callback_id)
    assert task.customer_id == record.customer_id and task.assignee_id == agent.id


def test_a_new_caller_goes_into_the_archive_only_when_asked(db_url, agent):
    plain = service.log_contact(agent, customer_name="周先生", contact="13600004444")
    assert plain.customer_id is None
    added = service.log_contact(
        agent, customer_name="周先生", contact="13600004444", add_customer=True
    )
    assert Customer.get_by_id(added.customer_id).name == "周先生"
    again = service.log_contact(agent, contact="13600004444")
    assert again.customer_id == added.customer_id  # found by phone from now on
    with pytest.raises(ValidationError) as caught:
        service.log_contact(agent, contact="13600005555", add_customer=True)
    assert "customer_name" in caught.value.fields
