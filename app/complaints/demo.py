"""Demo complaints: spread over the demo months, realistic content, mixed statuses, some overdue.

Written in bulk (numbers and ids given out in memory, rows inserted in batches, the number
sequences set and the text index filled at the end), a chunk of complaints at a time, so a
million complaints never sit in memory.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from bisect import bisect
from collections.abc import Callable, Sequence
from itertools import accumulate

from app import sentences
from app.complaints import labels, numbering, service
from app.complaints.bulk import indexes_built_after, insert_rows, reserve_ids
from app.demo import DemoContext
from app.sentences import Sentence
from models import (
    Complaint,
    ComplaintNumberSequence,
    Customer,
    CustomerPhone,
    ProgressStep,
    database,
    search_index,
)
from models.db import is_sqlite

BATCH = 500
CHUNK = 20_000  # complaints planned, then written, at a time

PRODUCTS = [
    "交互式电子白板",
    "投影仪",
    "录播主机",
    "智慧黑板",
    "学生平板",
    "校园广播系统",
    "触控一体机",
    "实物展台",
]
COMPLAINTS = {
    "quality": [
        "{p}使用不到一个月就出现花屏，影响正常上课。",
        "{p}开机后频繁死机重启，老师已经无法正常使用。",
        "{p}触摸不灵敏，书写时有明显延迟和断笔。",
        "新到的{p}外壳有裂纹，怀疑出厂质量有问题。",
    ],
    "delivery": [
        "订单已付款一周，{p}还没有发货，客服电话一直打不通。",
        "物流显示已签收，但学校并没有收到{p}。",
        "{p}送到时包装严重破损，配件缺少电源线。",
    ],
    "attitude": [
        "上次来电咨询{p}的问题，接线员态度冷淡，没有耐心听完就挂了电话。",
        "工程师上门安装{p}时迟到两个小时，也没有提前通知。",
        "反映{p}问题三次都说会回电，结果一直没人联系。",
    ],
    "price": [
        "{p}的实际扣款金额比合同多了一千二百元，要求说明并退还差额。",
        "续费服务费没有提前告知就自动扣款，对{p}的收费有疑问。",
        "发票抬头开错，{p}的报销无法办理。",
    ],
    "installation": [
        "约好周三安装{p}，当天没有人来，也没有电话说明。",
        "{p}安装位置偏高，学生坐在后排看不清，要求调整。",
        "安装完{p}后墙面留下很多钻孔和灰尘，没有清理。",
    ],
    "repair": [
        "{p}报修后已经两周，维修进度一直没有反馈。",
        "{p}返厂维修回来后同样的问题又出现了。",
        "维修期间承诺提供的备用{p}至今没有送到。",
    ],
    "other": [
        "希望能提供{p}的使用培训，老师们不太会用新功能。",
        "{p}的说明书只有英文，要求提供中文版本。",
    ],
}
STEP_NOTES = {
    "phone": [
        "已电话联系客户，确认故障现象并致歉",
        "电话中指导客户重启设备，问题暂未解决",
        "与客户约定上门时间",
    ],
    "engineer": ["工程师回电，初步判断为主板故障", "工程师回电说明处理方案，客户同意"],
    "remote": ["远程协助重新安装驱动程序", "远程检查系统设置并更新固件"],
    "onsite": ["工程师上门检修，更换故障配件", "上门调整安装位置并清理现场"],
    "note": ["已上报部门经理", "客户要求书面答复", "已转运营部跟进"],
}
RESULTS = [
    "已更换新机，客户确认使用正常。",
    "远程升级固件后问题解决。",
    "已退还多收费用并致歉。",
    "重新安排安装并赠送一年延保。",
    "补发缺少的配件，客户已签收。",
    "工程师上门维修完毕，设备运行正常。",
]


COLUMNS = (
    "id",
    "number",
    "sort_key",
    "received_at",
    "complainant",
    "contact",
    "customer",
    "channel",
    "category",
    "severity",
    "order_no",
    "content",
    "result",
    "satisfaction",
    "status",
    "handler",
    "promised_at",
    "resolved_at",
    "closed_at",
    "principles",
    "voided",
    "version",
    "created_by",
    "created_at",
    "updated_at",
)
STEP_COLUMNS = ("complaint", "at", "author", "kind", "note", "author_name")


def _picker(rng: random.Random) -> Callable[[Sequence[str], list[float]], str]:
    """``rng.choices(population, weights)[0]`` with the weights summed once: the same draws."""
    draw = rng.random

    def pick(population: Sequence[str], cum_weights: list[float]) -> str:
        return population[bisect(cum_weights, draw() * cum_weights[-1], 0, len(cum_weights) - 1)]

    return pick


def fill(ctx: DemoContext) -> Sentence | None:
    total = ctx.complaints
    if total <= 0:
        return None
    started = time.perf_counter()
    rng = ctx.rng
    pick = _picker(rng)
    start = dt.datetime.combine(ctx.months_back(), dt.time(8, 0))
    # up to the start of today, so the same seed gives the same data whenever it runs
    now = dt.datetime.combine(ctx.today, dt.time(0, 0))
    span = max(int((now - start).total_seconds()), 1)
    # seconds after the start, in order (the numbers follow the received times)
    offsets = sorted(rng.randrange(span) for _ in range(total))
    customers = list(
        CustomerPhone.select(CustomerPhone.customer, CustomerPhone.phone, Customer.name)
        .join(Customer)
        .tuples()
        .limit(5000)
    )
    last_by_day = {row.day: row.last for row in ComplaintNumberSequence.select()}
    handlers = [u.id for u in ctx.agents] or [ctx.manager.id]
    cats = [c for c in service.categories() if c in COMPLAINTS] or ["other"]
    chans = service.channels()
    hours = {s: service.promise_hours(s) for s in labels.SEVERITIES}
    names = [ctx.faker.name() for _ in range(400)]
    schools = [
        ctx.faker.city_name() + s for s in ("第一中学", "实验小学", "职业学校") for _ in range(20)
    ]
    channel_weights = list(accumulate([50, 10, 15, 8, 14, 3])) if len(chans) == 6 else None
    severity_weights = list(accumulate((80, 16, 4)))
    satisfied_weights = list(accumulate((5, 4)))
    principles: dict[tuple[str, ...], str] = {}
    records: list[tuple] = []
    steps: list[tuple] = []
    day_ends = start  # the end of the day ``day`` names
    day = ""
    # the text index filled and the other indexes made once the rows are in (a bulk load)
    with (
        search_index.filled_after_insert(),
        indexes_built_after(Complaint),
        indexes_built_after(ProgressStep),
    ):
        ids: Sequence[int] = []
        for index, offset in enumerate(offsets):
            if index % CHUNK == 0:
                _write(records, steps)
                ids = reserve_ids(Complaint, min(CHUNK, total - index))
            received = start + dt.timedelta(seconds=offset)
            if received >= day_ends:
                day = numbering.day_key(received)
                day_ends = dt.datetime.combine(received.date() + dt.timedelta(days=1), dt.time())
            sequence = last_by_day[day] = last_by_day.get(day, 0) + 1
            number = numbering.format_number(day, sequence)
            category = rng.choice(cats)
            severity = pick(labels.SEVERITIES, severity_weights)
            promised = received + dt.timedelta(hours=hours[severity])
            status = _status_for(pick, (now - received).total_seconds() / 3600)
            customer_id = None
            if customers and rng.random() < 0.35:
                customer_id, contact, complainant = rng.choice(customers)
            else:
                complainant = rng.choice(names) if rng.random() < 0.8 else rng.choice(schools)
                contact = rng.choice(("13", "15", "18", "17")) + f"{rng.randrange(10**9):09d}"
            content = rng.choice(COMPLAINTS[category]).format(p=rng.choice(PRODUCTS))
            handler = rng.choice(handlers)
            resolved_at = None
            if status in ("resolved", "closed"):
                took = rng.uniform(0.5, hours[severity] * 1.3)
                resolved_at = min(received + dt.timedelta(hours=took), now)
            channel = pick(chans, channel_weights) if channel_weights else rng.choices(chans)[0]
            order_no = f"DD{day}{rng.randrange(10000):04d}" if rng.random() < 0.5 else ""
            result = rng.choice(RESULTS) if resolved_at else ""
            if status == "closed":
                satisfaction: int | None = pick((5, 4), satisfied_weights)  # type: ignore[arg-type]
            else:
                satisfaction = 2 if status == "reopened" else None
            ticked = tuple(p for p in labels.PRINCIPLES if rng.random() < 0.7)
            if ticked not in principles:
                principles[ticked] = json.dumps(list(ticked))
            complaint_id = ids[index % CHUNK]
            records.append(
                (
                    complaint_id,
                    number,
                    f"{day}{sequence:08d}",  # numbering.sort_key(number)
                    received,
                    complainant,
                    contact,
                    customer_id,
                    channel,
                    category,
                    severity,
                    order_no,
                    content,
                    result,
                    satisfaction,
                    status,
                    handler,
                    promised if status != "reopened" else now + dt.timedelta(hours=8),
                    resolved_at,
                    resolved_at + dt.timedelta(days=1)
                    if status == "closed" and resolved_at
                    else None,
                    principles[ticked],
                    False,
                    1,
                    handler,
                    received,
                    resolved_at or received,
                )
            )
            if status != "open":
                at = received
                for _ in range(rng.randint(1, 3)):
                    at = min(at + dt.timedelta(minutes=rng.randint(10, 600)), now)
                    kind = rng.choice(labels.STEP_KINDS)
                    steps.append(
                        (complaint_id, at, handler, kind, rng.choice(STEP_NOTES[kind]), "")
                    )
        _write(records, steps)
    numbering.set_sequences(last_by_day)
    if not is_sqlite():
        for table in (Complaint, ProgressStep, ComplaintNumberSequence):
            database.execute_sql(f"ANALYZE {table._meta.table_name}")  # fresh planner statistics
    overdue = service.overdue_count()
    seconds = time.perf_counter() - started
    return sentences.say(
        "demo.complaints", total=total, months=ctx.months, overdue=overdue, seconds=f"{seconds:.1f}"
    )


def _write(records: list[tuple], steps: list[tuple]) -> None:
    """Insert a chunk of planned complaints and their steps, then forget them (a million
    complaints never sit in memory at once)."""
    insert_rows(Complaint, COLUMNS, records)
    insert_rows(ProgressStep, STEP_COLUMNS, steps)
    records.clear()
    steps.clear()


_AGES = (
    (24, ("open", "in_progress", "resolved"), list(accumulate((5, 4, 1)))),
    (
        24 * 7,
        ("open", "in_progress", "resolved", "closed", "reopened"),
        list(accumulate((1, 3, 4, 4, 1))),
    ),
    (
        None,
        ("open", "in_progress", "resolved", "closed", "reopened"),
        list(accumulate((1, 1, 3, 30, 1))),
    ),
)


def _status_for(pick: Callable[[Sequence[str], list[float]], str], age_hours: float) -> str:
    for below, states, weights in _AGES:
        if below is None or age_hours < below:
            return pick(states, weights)
    raise AssertionError("the last age has no bound")
