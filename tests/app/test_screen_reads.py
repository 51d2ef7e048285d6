"""The read use cases the screens run off the GUI thread give them everything as plain values
(nothing left to load lazily), on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

from app import phrases
from app.callbacks import screen as callbacks_screen
from app.callbacks import service as callbacks
from app.callbacks.service import TaskFilter
from app.customers import installations, onboarding, repairs, views
from app.customers.customers import CustomerData, create_customer
from app.customers.merge import merge_customers
from app.customers.repairs import RepairData
from tests.conftest import TEST_NOW

TODAY = TEST_NOW.date()


def test_a_customers_page_is_read_whole(db_url, agent, manager):
    kept = create_customer(
        agent,
        CustomerData(name="育才学校", kind="organisation", phones=["13812345678"], tags=["VIP"]),
    )
    other = create_customer(agent, CustomerData(name="育才学校分校", phones=["13899990000"]))
    merge_customers(manager, kept, other)
    installations.schedule_installation(
        agent, kept, product="录播系统", agreed_date=TODAY - dt.timedelta(days=3)
    )
    repair = repairs.register_repair(agent, kept, RepairData(fault="无法开机"))
    repairs.lend_loaner(agent, repair, "备用机-01", TODAY)
    request = onboarding.start_request(agent, kept, on_date=TODAY - dt.timedelta(days=40))

    screen = views.customer_screen(other.id)  # a merged-away number leads to the kept record
    assert screen.customer.id == kept.id and screen.data.name == "育才学校"
    assert screen.tags == ["VIP"] and set(screen.phones) == {"13812345678", "13899990000"}
    assert [i.product for i in screen.late_installations] == ["录播系统"]
    assert screen.open_repairs == 1 and [r.loaner_unit for r in screen.loaners] == ["备用机-01"]
    assert [r.id for r in screen.open_requests] == [request.id]
    assert screen.standings and screen.standings[0].stuck
    assert {entry.kind for entry in screen.entries} >= {"repair", "installation", "onboarding"}

    opened = views.record_to_open({"onboarding_id": request.id})
    assert isinstance(opened, views.OnboardingScreen) and opened.steps and opened.next_stages
    assert views.record_to_open({"repair_id": repair.id}).id == repair.id


def test_the_list_the_lookup_and_the_duplicate_check(db_url, agent):
    school = create_customer(agent, CustomerData(name="实验小学", phones=["13700001111"]))
    create_customer(agent, CustomerData(name="李明", phones=["13900002222"]))
    rows = views.list_rows(limit=10)
    assert [c.name for c, _phones, _tags in rows] == ["李明", "实验小学"]  # newest first
    assert views.list_rows(before_id=rows[0][0].id, limit=10)[0][0].id == school.id
    assert [(c.id, phones) for c, phones, _ in views.found_rows("0000111", 5)] == [
        (school.id, ["13700001111"])
    ]
    assert views.found_rows("0000111", 5, leave_out=school.id) == []
    assert views.duplicate_of(["13700001111"], None).existing.id == school.id
    assert views.duplicate_of(["13700001111"], school.id) is None


def test_the_callbacks_lists_counts_and_rates(db_url, agent, manager):
    customer = create_customer(agent, CustomerData(name="实验小学", phones=["13700001111"]))
    due_now = callbacks.schedule_manual(
        manager, customer.id, TEST_NOW, "回访", assignee_id=agent.id
    )
    callbacks.schedule_manual(
        manager, customer.id, TEST_NOW + dt.timedelta(days=2), "再访", assignee_id=agent.id
    )
    mine = callbacks_screen.my_list(agent)
    assert mine.tasks.total == 2 and mine.due == 1 and mine.done_today == 0
    assert mine.tasks.rows[0].id == due_now.id and mine.tasks.rows[0].customer_name == "实验小学"
    flt = TaskFilter(date_from=TODAY.replace(day=1), date_to=TODAY + dt.timedelta(days=7))
    everything = callbacks_screen.all_list(flt)
    assert everything.tasks.total == 2 and everything.completion.denominator >= 1
    assert (agent.id, f"{agent.name} ({agent.employee_no})") in callbacks_screen.agents()
    name, agents = callbacks_screen.customer_to_schedule(customer.id)
    assert name is not None and name.name == "实验小学" and agents
    assert callbacks_screen.customer_to_schedule(customer.id + 100)[0] is None


def test_the_phrase_library_is_read_filled_in_for_the_reader(db_url, agent):
    phrases.fill_demo(agent)
    library = phrases.library(agent, "工号")
    assert library.phrases and library.categories[0] == "问候"
    assert all("{no}" not in p.text and agent.employee_no in p.text for p in library.phrases)
    first = library.phrases[0]
    assert phrases.phrase_row(agent, first.id) == first
    assert phrases.phrase_row(agent, first.id + 1000) is None
