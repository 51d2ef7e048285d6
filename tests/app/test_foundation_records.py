"""Two desks editing one record never silently overwrite each other; every change is audited."""

from __future__ import annotations

import datetime as dt

import pytest

from app import audit, changes
from app.errors import ConflictError
from app.records import save_changes
from models import AuditLog, Customer, User


def new_customer(actor: User) -> Customer:
    customer = Customer.create(name="实验小学", organisation="实验小学", address="北京市海淀区")
    audit.record_create(actor, customer, summary=customer.name)
    return customer


def test_stale_save_is_refused_naming_who_changed_what(db_url, agent, agent2):
    customer = new_customer(agent)
    mine = Customer.get_by_id(customer.id)
    theirs = Customer.get_by_id(customer.id)
    opened_at = mine.version

    save_changes(agent2, theirs, {"address": "上海市浦东新区"}, expected_version=opened_at)

    with pytest.raises(ConflictError) as err:
        save_changes(agent, mine, {"address": "广州市天河区"}, expected_version=opened_at)
    message = str(err.value)
    assert agent2.name in message
    assert "address" in message
    assert err.value.changed_by == agent2.name
    assert err.value.changes == {"address": ["北京市海淀区", "上海市浦东新区"]}
    stored = Customer.get_by_id(customer.id)
    assert stored.address == "上海市浦东新区"
    assert stored.version == opened_at + 1


def test_save_bumps_version_and_audits_old_and_new(db_url, agent):
    customer = new_customer(agent)
    differences = save_changes(
        agent,
        customer,
        {"address": "南京市鼓楼区", "contact_person": "王老师", "name": "实验小学"},
        expected_version=customer.version,
    )
    assert differences == {
        "address": ["北京市海淀区", "南京市鼓楼区"],
        "contact_person": ["", "王老师"],
    }
    stored = Customer.get_by_id(customer.id)
    assert (stored.version, stored.address, stored.contact_person) == (2, "南京市鼓楼区", "王老师")
    assert customer.version == 2
    entry = AuditLog.select().order_by(AuditLog.id.desc()).first()
    assert (entry.action, entry.table, entry.record_id, entry.user_id) == (
        "update",
        "customer",
        customer.id,
        agent.id,
    )
    assert audit.changes_of(entry) == differences

    # a second save from the now current version works; the old version number does not
    save_changes(agent, customer, {"notes": "周三下午方便联系"}, expected_version=2)
    with pytest.raises(ConflictError):
        save_changes(agent, customer, {"notes": "改"}, expected_version=2)


def test_saving_nothing_new_writes_nothing(db_url, agent):
    customer = new_customer(agent)
    entries = AuditLog.select().count()
    assert save_changes(agent, customer, {"address": "北京市海淀区"}) == {}
    assert Customer.get_by_id(customer.id).version == 1
    assert AuditLog.select().count() == entries


def test_refused_save_leaves_the_edited_object_as_it_was(db_url, admin, agent):
    """After a conflict the form reloads from the object: its values keep their own types."""
    seen = dt.datetime(2026, 11, 24, 9, 30)
    User.update(last_login_at=seen).where(User.id == agent.id).execute()
    mine = User.get_by_id(agent.id)
    save_changes(admin, User.get_by_id(agent.id), {"name": "李客服（组长）"})
    with pytest.raises(ConflictError):
        save_changes(
            admin,
            mine,
            {"name": "李小客", "last_login_at": dt.datetime(2026, 11, 25, 8, 0)},
            expected_version=1,
        )
    assert mine.name == "李客服"
    assert mine.last_login_at == seen


def test_create_and_delete_are_audited(db_url, manager):
    customer = new_customer(manager)
    created = AuditLog.get(AuditLog.action == "create", AuditLog.table == "customer")
    assert created.user_id == manager.id
    assert audit.changes_of(created)["name"] == [None, "实验小学"]
    audit.record_delete(manager, customer, summary=customer.name)
    customer.delete_instance()
    deleted = AuditLog.get(AuditLog.action == "delete", AuditLog.table == "customer")
    assert deleted.record_id == customer.id
    assert audit.changes_of(deleted)["address"] == ["北京市海淀区", None]


def test_browse_filters_by_table_user_action_and_text(db_url, admin, agent, agent2):
    first = new_customer(agent)
    second = Customer.create(name="第二中学")
    audit.record_create(agent2, second, summary=second.name)
    save_changes(agent2, first, {"address": "天津市南开区"})
    save_changes(agent, second, {"address": "重庆市渝中区"})

    def ids(entries: list[AuditLog]) -> list[tuple[str, str, int | None]]:
        return [(e.action, e.table, e.record_id) for e in entries]

    customers = audit.browse(table="customer")
    assert ids(customers) == [
        ("update", "customer", second.id),
        ("update", "customer", first.id),
        ("create", "customer", second.id),
        ("create", "customer", first.id),
    ]
    assert {e.user_id for e in audit.browse(table="customer", user_id=agent2.id)} == {agent2.id}
    assert ids(audit.browse(table="customer", user_id=agent2.id)) == [
        ("update", "customer", first.id),
        ("create", "customer", second.id),
    ]
    assert ids(audit.browse(table="customer", action="create", user_id=agent.id)) == [
        ("create", "customer", first.id)
    ]
    assert ids(audit.browse(text="天津")) == [("update", "customer", first.id)]
    assert ids(audit.browse(text="第二中学")) == [("create", "customer", second.id)]
    assert ids(audit.browse(table="customer", record_id=second.id, action="update")) == [
        ("update", "customer", second.id)
    ]
    user_entries = audit.browse(table="user")
    assert {e.record_id for e in user_entries} == {admin.id, agent.id, agent2.id}
    assert audit.browse(table="customer", limit=1, offset=1)[0].record_id == first.id
    assert changes.latest_audit_id() == customers[0].id
