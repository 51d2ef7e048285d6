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
    line = demo.fill(ctx)
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
