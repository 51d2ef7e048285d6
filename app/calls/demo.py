"""Demo contacts: every agent's shifts of the demo months filled with calls, chats and visits.

A realistic mix: mostly phone and WeChat, pre-sales and enquiries that sometimes become orders,
after-sales questions, a few complaints (linked to the complaint the agent registered that day
when there is one) and callbacks; most answered within 15 seconds, some not. Written in bulk;
the same seed gives the same data.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict, deque

from app import clock, sentences
from app.complaints.bulk import bulk_insert, paged
from app.demo import DemoContext
from app.roster.shifts import parse_segments
from app.sentences import Sentence
from models import (
    Complaint,
    ContactRecord,
    Customer,
    CustomerPhone,
    RosterEntry,
    Shift,
    database,
)

CHANNELS = (("phone", 55), ("wechat", 20), ("live", 10), ("form", 6), ("email", 5), ("walkin", 4))
TOPICS = (("咨询", 35), ("售前", 25), ("售后", 25), ("投诉", 7), ("其他", 8))
NOTES = {
    "咨询": [
        "咨询录播系统功能",
        "问智慧黑板尺寸",
        "询问保修政策",
        "了解上门安装时间",
        "问培训安排",
    ],
    "售前": ["询价：交互平板 86 寸", "要报价单", "学校采购咨询", "比较两款型号", "问批量折扣"],
    "售后": ["触摸不灵", "无法开机", "投影偏色", "软件激活问题", "遥控器失灵"],
    "投诉": ["维修等待太久", "工程师迟到", "发票开错", "配件缺失"],
    "其他": ["找销售经理", "合作洽谈", "发票寄送地址", "推销电话"],
}


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _result(rng: random.Random, topic: str) -> str:
    if topic == "投诉":
        return "complaint" if rng.random() < 0.7 else "callback"
    if topic in ("售前", "咨询") and rng.random() < (0.3 if topic == "售前" else 0.1):
        return "order"
    roll = rng.random()
    if roll < 0.1:
        return "callback"
    if roll < 0.18:
        return "transferred"
    return "answered"


def _minutes(day: dt.date, segments: list[tuple[dt.time, dt.time]]) -> int:
    return sum(
        (dt.datetime.combine(day, end) - dt.datetime.combine(day, start)).seconds // 60
        for start, end in segments
    )


def fill(ctx: DemoContext) -> Sentence:
    rng = ctx.rng
    first = ctx.months_back()
    now = clock.now()
    staff = {u.id for u in ctx.agents}
    duties: dict[tuple[int, dt.date], list[tuple[dt.time, dt.time]]] = defaultdict(list)
    for agent_id, on_date, segments in (
        RosterEntry.select(RosterEntry.agent, RosterEntry.on_date, Shift.segments)
        .join(Shift)
        .where(RosterEntry.on_date >= first, RosterEntry.on_date <= ctx.today)
        .tuples()
    ):
        if agent_id in staff:
            try:
                duties[(agent_id, on_date)] += parse_segments(segments)
            except ValueError:
                continue
    if not duties:  # no roster: weekdays, office hours
        day = first
        while day <= ctx.today:
            if day.weekday() < 5:
                for agent_id in sorted(staff):
                    duties[(agent_id, day)] = [(dt.time(8), dt.time(18))]
            day += dt.timedelta(days=1)
    customers = list(
        CustomerPhone.select(CustomerPhone.customer, Customer.name, CustomerPhone.phone)
        .join(Customer)
        .where(Customer.merged_into.is_null())
        .tuples()
    )
    # the complaints each agent registered on each of their days, read a page at a time; a day
    # links at most as many as it has calls, the last ones registered, so only those are kept
    most = max(
        (round(_minutes(day, segments) / 60 * 1.6) + 1 for (_a, day), segments in duties.items()),
        default=1,
    )
    complaints: dict[tuple[int, dt.date], deque[tuple[int, int | None]]] = {}
    query = Complaint.select(
        Complaint.id, Complaint.created_by, Complaint.received_at, Complaint.customer
    ).where(Complaint.received_at >= dt.datetime.combine(first, dt.time()))
    for complaint_id, creator, received, customer_id in paged(query.tuples(), Complaint.id):
        key = (creator, received.date())
        if creator is not None and key in duties:
            if key not in complaints:
                complaints[key] = deque(maxlen=most)
            complaints[key].append((complaint_id, customer_id))
    rows = []
    slow = 0
    for (agent_id, day), segments in sorted(duties.items()):
        minutes = _minutes(day, segments)
        count = max(1, round(minutes / 60 * rng.uniform(0.6, 1.6)))
        filed = list(complaints.get((agent_id, day), []))
        for _ in range(count):
            start, end = rng.choice(segments)
            span = (dt.datetime.combine(day, end) - dt.datetime.combine(day, start)).seconds
            came = dt.datetime.combine(day, start) + dt.timedelta(seconds=rng.randrange(span))
            if came > now:
                continue
            wait = rng.randint(2, 14) if rng.random() < 0.8 else rng.randint(16, 75)
            slow += wait > 15
            length = int(rng.triangular(45, 900, 240))
            answered = came + dt.timedelta(seconds=wait)
            ended = answered + dt.timedelta(seconds=length)
            topic = _weighted(rng, TOPICS)
            result = _result(rng, topic)
            complaint_id = None
            customer_id = None
            if customers and rng.random() < 0.7:
                customer_id, name, phone = rng.choice(customers)
            else:
                name = ctx.faker.name()
                phone = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
            if result == "complaint":
                if filed:
                    complaint_id, linked_customer = filed.pop()
                    customer_id = linked_customer or customer_id
                else:
                    result = "callback"
            rows.append(
                {
                    "came_in_at": came,
                    "answered_at": answered if answered <= now else None,
                    "ended_at": ended if ended <= now else None,
                    "channel": _weighted(rng, CHANNELS),
                    "customer": customer_id,
                    "customer_name": name,
                    "contact": phone,
                    "topic": topic,
                    "result": result,
                    "order_no": f"SO{day:%y%m%d}{rng.randrange(1000):03d}"
                    if result == "order"
                    else "",
                    "note": rng.choice(NOTES[topic]),
                    "complaint": complaint_id,
                    "callback": None,
                    "agent": agent_id,
                    "version": 1,
                    "created_at": came,
                    "updated_at": came,
                }
            )
    rows.sort(key=lambda r: r["came_in_at"])
    with database.atomic():
        for offset in range(0, len(rows), 2000):
            bulk_insert(ContactRecord, rows[offset : offset + 2000])
    orders = sum(1 for r in rows if r["result"] == "order")
    return sentences.say("demo.contacts", total=len(rows), orders=orders, slow=slow)
