import datetime as dt
import random
from collections import defaultdict

from faker import Faker

from app.complaints import demo, numbering, service
from app.demo import DemoContext
from models import Complaint, ComplaintNumberSequence, ProgressStep


def test_demo_fill_writes_numbered_mixed_complaints_in_bulk(db_url, manager, agent, agent2):
    faker = Faker("zh_CN")
    faker.seed_instance(3)
    ctx = DemoContext(
        seed=3,
        rng=random.Random(3),
        faker=faker,
        today=dt.date.today(),
        customers=0,
        complaints=600,
        months=3,
        manager=manager,
        agents=[agent, agent2],
    )
    line = demo.fill(ctx).text()
    assert line.startswith("complaints: 600")
    assert Complaint.select().count() == 600
    by_day = defaultdict(list)
    for c in Complaint.select():
        day, sequence = numbering.split_number(c.number)
        assert day == numbering.day_key(c.received_at)
        by_day[day].append(sequence)
    for day, sequences in by_day.items():
        assert sorted(sequences) == list(range(1, len(sequences) + 1))
        assert ComplaintNumberSequence.get_by_id(day).last == len(sequences)
    statuses = {c.status for c in Complaint.select(Complaint.status)}
    assert {"open", "in_progress", "resolved", "closed"} <= statuses
    assert service.overdue_count() > 0
    assert ProgressStep.select().count() > 300
    assert {c.handler_id for c in Complaint.select(Complaint.handler)} == {agent.id, agent2.id}
    later = service.register_complaint(
        agent, complainant="新", contact="13800000000", category="other", content="x"
    )
    day, sequence = numbering.split_number(later.number)
    assert sequence == len(by_day.get(day, [])) + 1


def test_the_demo_indexes_its_complaints_as_the_insert_trigger_would(sqlite_url, manager, agent):
    """The demo fills the text index after its bulk insert instead of row by row: the index is
    the one a rebuild from the rows gives, and later complaints are indexed by the trigger."""
    from app.complaints import registry
    from models import database, search_index

    service.register_complaint(
        agent, complainant="张三", contact="13800000000", category="other", content="花屏"
    )
    ctx = DemoContext(
        seed=4, rng=random.Random(4), faker=Faker("zh_CN"), today=dt.date(2026, 11, 20),
        customers=0, complaints=300, months=2, manager=manager, agents=[agent],
    )  # fmt: skip
    demo.fill(ctx)
    demo_number = Complaint.select().order_by(Complaint.id.desc()).get().number

    def index() -> list[tuple]:
        sql = f"SELECT term, doc FROM {search_index.TERMS} ORDER BY term, doc"
        days = f"SELECT day, NULL FROM {search_index.DAYS} ORDER BY day"
        return list(database.execute_sql(sql).fetchall()) + list(
            database.execute_sql(days).fetchall()
        )

    filled = index()
    assert len({doc for _term, doc in filled if doc is not None}) == 301
    search_index.build()
    assert index() == filled
    later = service.register_complaint(
        agent, complainant="李四", contact="13900000000", category="other", content="白板无法开机"
    )
    found = registry.find("白板无法")
    assert [row["number"] for row in found.rows] == [later.number]
    assert registry.find(demo_number).total == 1


def test_demo_fill_on_each_backend_gives_the_complaints_their_steps(db_url, manager, agent):
    """Ids are given out before the rows are written (PostgreSQL: from the table's sequence):
    each step belongs to a complaint of the demo, and a complaint filed afterwards gets a new
    id and number."""
    ctx = DemoContext(
        seed=2, rng=random.Random(2), faker=Faker("zh_CN"), today=dt.date(2026, 11, 20),
        customers=0, complaints=250, months=1, manager=manager, agents=[agent],
    )  # fmt: skip
    demo.fill(ctx)
    ids = {c.id for c in Complaint.select(Complaint.id)}
    assert len(ids) == 250
    steps = list(ProgressStep.select(ProgressStep.complaint))
    assert steps and {s.complaint_id for s in steps} <= ids
    later = service.register_complaint(
        agent, complainant="新", contact="13800000000", category="other", content="x"
    )
    assert later.id not in ids
