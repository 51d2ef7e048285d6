"""Demo customers: persons and organisations (many schools), with phones, tags, onboarding
requests at every stage (some stuck), installations (some late) and repairs (open, closed, some
loaners out).

Rows are written with ``insert_many`` so 200,000 customers stay feasible. Installations finished
and repairs closed here are written directly, without the ``installation_finished`` and
``repair_closed`` events: the callbacks demo, which runs after this one, makes its tasks from
the finished installations and closed repairs it finds.
"""

from __future__ import annotations

import datetime as dt
import time

import peewee

from app import sentences
from app.complaints.bulk import indexes_built_after, insert_rows, reserve_ids
from app.contacts import digits_of
from app.customers.codes import ONBOARDING_STAGES
from app.demo import DemoContext
from app.i18n import translate
from app.sentences import Sentence
from models import (
    AuditLog,
    Customer,
    CustomerPhone,
    CustomerTag,
    Installation,
    OnboardingRequest,
    OnboardingStep,
    Repair,
    database,
    text_index,
)
from models.db import is_sqlite

CHUNK = 400

CITIES = [
    ("北京市", "010", ["海淀区", "朝阳区", "东城区", "丰台区", "昌平区"]),
    ("上海市", "021", ["浦东新区", "徐汇区", "闵行区", "杨浦区"]),
    ("广州市", "020", ["天河区", "越秀区", "海珠区", "番禺区"]),
    ("深圳市", "0755", ["南山区", "福田区", "龙岗区", "宝安区"]),
    ("杭州市", "0571", ["西湖区", "拱墅区", "滨江区", "余杭区"]),
    ("南京市", "025", ["鼓楼区", "玄武区", "江宁区"]),
    ("武汉市", "027", ["洪山区", "武昌区", "江汉区"]),
    ("成都市", "028", ["武侯区", "锦江区", "高新区"]),
    ("西安市", "029", ["雁塔区", "碑林区", "未央区"]),
    ("郑州市", "0371", ["金水区", "二七区", "中原区"]),
    ("长沙市", "0731", ["岳麓区", "芙蓉区", "天心区"]),
    ("济南市", "0531", ["历下区", "市中区", "槐荫区"]),
]
STREETS = [
    "学院路",
    "人民路",
    "建设大道",
    "中山路",
    "解放路",
    "文化路",
    "科技路",
    "长江路",
    "黄河路",
    "光明街",
    "育才路",
    "新华街",
]
SCHOOL_KINDS = [
    "第{n}中学",
    "实验小学",
    "第{n}小学",
    "外国语学校",
    "职业技术学校",
    "实验中学",
    "师范附属小学",
    "育才学校",
    "第{n}幼儿园",
    "职业技术学院",
]
ORG_KINDS = ["教育培训中心", "科技有限公司", "文化传媒有限公司", "少年宫", "图书馆", "教育局电教馆"]
MOBILE_PREFIXES = [
    "130",
    "131",
    "132",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "155",
    "157",
    "158",
    "159",
    "166",
    "177",
    "180",
    "181",
    "186",
    "187",
    "188",
    "189",
    "199",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文辉鹏飞宇浩然欣怡子涵梓萱"
PRODUCTS = [
    "86英寸交互智能平板",
    "75英寸教学一体机",
    "常态化录播系统",
    "电子班牌",
    "智慧黑板",
    "学生平板电脑",
    "校园广播系统",
    "激光投影仪",
    "纳米触控黑板",
]
FAULTS = [
    "开机无显示，指示灯不亮",
    "触摸失灵，书写有偏移",
    "无线投屏连接不上",
    "系统频繁死机重启",
    "屏幕出现竖线",
    "声音忽大忽小，有杂音",
    "录播画面卡顿",
    "无法连接校园网",
    "遥控器无反应",
    "升级后软件打不开",
]
RESULTS_SOFT = ["远程升级系统后恢复正常", "重装教学软件后正常", "调整网络设置后恢复"]
RESULTS_HARD = ["更换主板后恢复正常", "更换触摸框后正常", "返厂更换屏幕后正常", "更换电源板后正常"]
ENGINEERS = ["刘工", "陈工", "周工", "孙工", "马工"]
TAGS = [("VIP", 0.05), ("优质客户", 0.08), ("老客户", 0.06), ("经销商", 0.02)]
SOURCES = ["电话咨询", "展会", "老客户介绍", "官网", "招投标", "直播间"]


def _person_name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _address(rng) -> tuple[str, str]:
    city, area, districts = rng.choice(CITIES)
    street = f"{rng.choice(districts)}{rng.choice(STREETS)}{rng.randint(1, 300)}号"
    return city + street, area


def _unique_mobile(rng, used: set[str]) -> str:
    while True:
        phone = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        if phone not in used:
            used.add(phone)
            return phone


def _unique_landline(rng, area: str, used: set[str]) -> str:
    length = 8 if len(area) == 3 else 7
    while True:
        first = str(rng.randint(2, 8))
        phone = f"{area}-{first}{rng.randrange(10 ** (length - 1)):0{length - 1}d}"
        if phone not in used:
            used.add(phone)
            return phone


def _chunks(rows: list[dict], size: int = CHUNK):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _insert(model: type[peewee.Model], rows: list[dict]) -> None:
    for chunk in _chunks(rows):
        model.insert_many(chunk).execute()


CUSTOMER_COLUMNS = (
    "kind",
    "name",
    "organisation",
    "contact_person",
    "email",
    "address",
    "gender",
    "source",
    "notes",
    "created_by",
    "created_at",
    "updated_at",
    "version",
)


def _customers(ctx: DemoContext) -> list[tuple[int, str, str]]:
    """Insert the customers, their phones and tags; returns (id, kind, created) per customer."""
    rng = ctx.rng
    start_day = ctx.months_back() - dt.timedelta(days=365)
    span = max((ctx.today - start_day).days, 1)
    used: set[str] = set(p.phone for p in CustomerPhone.select(CustomerPhone.phone))
    staff = [u.id for u in ctx.staff]
    remaining = ctx.customers
    done = 0
    out: list[tuple[int, str, str]] = []
    while remaining > 0:
        batch = min(remaining, 5000)
        customers: list[tuple] = []
        extra: list[tuple[list[str], list[str]]] = []
        for _ in range(batch):
            created = dt.datetime.combine(
                start_day + dt.timedelta(days=rng.randrange(span)),
                dt.time(rng.randint(8, 20), rng.randrange(60)),
            )
            address, area = _address(rng)
            phones: list[str] = []
            if rng.random() < 0.4:
                kind = "organisation"
                city = address[:3]
                if rng.random() < 0.7:
                    name = city[:2] + rng.choice(SCHOOL_KINDS).format(n=rng.randint(1, 60))
                else:
                    name = city[:2] + _person_name(rng)[1:] + rng.choice(ORG_KINDS)
                contact = _person_name(rng) + rng.choice(("老师", "主任", "校长", "经理", ""))
                organisation, gender, email = name, "", ""
                phones.append(_unique_landline(rng, area, used))
                phones.append(_unique_mobile(rng, used))
                if rng.random() < 0.3:
                    email = f"office{rng.randrange(10**5)}@school{rng.randrange(999)}.edu.cn"
            else:
                kind = "person"
                name = _person_name(rng)
                contact, organisation = "", ""
                gender = rng.choice(("male", "female"))
                phones.append(_unique_mobile(rng, used))
                if rng.random() < 0.15:
                    phones.append(_unique_mobile(rng, used))
                email = f"user{rng.randrange(10**7)}@qq.com" if rng.random() < 0.25 else ""
            tags = [tag for tag, share in TAGS if rng.random() < share]
            customers.append(
                (
                    kind,
                    name,
                    organisation,
                    contact,
                    email,
                    address,
                    gender,
                    rng.choice(SOURCES),
                    "",
                    rng.choice(staff),
                    created,
                    created,
                    1,
                )
            )
            extra.append((phones, tags))
        ids = reserve_ids(Customer, batch)
        insert_rows(
            Customer,
            ("id", *CUSTOMER_COLUMNS),
            [(i, *c) for i, c in zip(ids, customers, strict=True)],
        )
        phone_rows = []
        tag_rows = []
        for customer_id, (phones, tags) in zip(ids, extra, strict=True):
            for phone in phones:
                phone_rows.append((customer_id, phone, digits_of(phone), ""))
            for tag in tags:
                tag_rows.append((customer_id, tag))
        insert_rows(CustomerPhone, ("customer", "phone", "digits", "label"), phone_rows)
        insert_rows(CustomerTag, ("customer", "tag"), tag_rows)
        out += [(i, c[0], c[10]) for i, c in zip(ids, customers, strict=True)]
        done += batch
        remaining -= batch
        if ctx.customers >= 20000:
            ctx.report(
                translate("Demo", "customers: {done}/{total}").format(
                    done=done, total=ctx.customers
                )
            )
    return out


def _onboarding(ctx: DemoContext, orgs: list[int]) -> int:
    rng = ctx.rng
    count = min(max(len(orgs) // 10, 12), 400, len(orgs))
    chosen = rng.sample(orgs, count)
    staff = ctx.staff
    made = 0
    with database.atomic():
        for index, customer_id in enumerate(chosen):
            start = ctx.today - dt.timedelta(days=rng.randint(3, 120))
            final = rng.randrange(len(ONBOARDING_STAGES))
            stuck = index % 5 == 0 and final < len(ONBOARDING_STAGES) - 1
            day = start
            steps = []
            for stage in ONBOARDING_STAGES[: final + 1]:
                if stage != ONBOARDING_STAGES[0]:
                    day = min(day + dt.timedelta(days=rng.randint(1, 9)), ctx.today)
                steps.append((stage, day))
            if not stuck and final < len(ONBOARDING_STAGES) - 1:
                # a live request: its last step is recent
                shift = (ctx.today - steps[-1][1]).days - rng.randint(0, 5)
                if shift > 0:
                    steps = [(s, d + dt.timedelta(days=shift)) for s, d in steps]
            handler = rng.choice(staff)
            request = OnboardingRequest.create(
                customer=customer_id,
                stage=steps[-1][0],
                stage_since=steps[-1][1],
                handler=handler.id,
                notes="",
                created_at=dt.datetime.combine(steps[0][1], dt.time(9, 30)),
            )
            OnboardingStep.insert_many(
                [
                    {
                        "request": request.id,
                        "stage": stage,
                        "on_date": on,
                        "recorded_by": rng.choice(staff).id,
                        "note": "",
                    }
                    for stage, on in steps
                ]
            ).execute()
            made += 1
    return made


def _installations(ctx: DemoContext, ids: list[int]) -> tuple[int, int]:
    rng = ctx.rng
    count = min(max(len(ids) // 8, 20), 3000)
    first = ctx.months_back()
    span = max((ctx.today - first).days, 1)
    rows = []
    late = 0
    for customer_id in rng.sample(ids, min(count, len(ids))):
        agreed = first + dt.timedelta(days=rng.randrange(span + 20))
        installed = None
        if agreed <= ctx.today:
            if rng.random() < 0.9:
                installed = min(
                    agreed + dt.timedelta(days=rng.choice((0, 0, 0, 1, 2, 5))), ctx.today
                )
            elif agreed < ctx.today:
                late += 1
        rows.append(
            {
                "customer": customer_id,
                "product": rng.choice(PRODUCTS),
                "agreed_date": agreed,
                "installed_date": installed,
                "installer": rng.choice(ENGINEERS),
                "notes": "",
                "handler": rng.choice(ctx.staff).id,
                "version": 1,
                "created_at": dt.datetime.combine(agreed - dt.timedelta(days=7), dt.time(10)),
                "updated_at": dt.datetime.combine(agreed - dt.timedelta(days=7), dt.time(10)),
            }
        )
    with database.atomic():
        _insert(Installation, rows)
    return len(rows), late


def _repairs(ctx: DemoContext, ids: list[int]) -> tuple[int, int, int]:
    rng = ctx.rng
    count = min(max(len(ids) // 10, 15), 2500)
    first = ctx.months_back()
    span = max((ctx.today - first).days, 1)
    rows = []
    open_count = loaners = 0
    for number, customer_id in enumerate(rng.sample(ids, min(count, len(ids))), start=1):
        reported = dt.datetime.combine(
            first + dt.timedelta(days=rng.randrange(span + 1)),
            dt.time(rng.randint(8, 19), rng.randrange(60)),
        )
        age = (ctx.today - reported.date()).days
        on_phone = rng.random() < 0.35
        hardware = not on_phone and rng.random() < 0.6
        factory = hardware and rng.random() < 0.4
        closed = rng.random() < (0.85 if age > 30 else 0.4)
        loaner_out = loaner_back = None
        unit = ""
        if factory:
            unit = f"备用机-{rng.randint(1, 40):02d}"
            loaner_out = reported.date() + dt.timedelta(days=rng.randint(1, 3))
            if loaner_out > ctx.today:
                loaner_out = ctx.today
            if closed and rng.random() < 0.85:
                loaner_back = min(loaner_out + dt.timedelta(days=rng.randint(7, 20)), ctx.today)
            else:
                loaners += 1
        closed_at = None
        if closed:
            closed_at = min(
                reported + dt.timedelta(days=0 if on_phone else rng.randint(2, 15)),
                dt.datetime.combine(ctx.today, dt.time(17)),
            )
        else:
            open_count += 1
        result = ""
        if closed:
            result = rng.choice(RESULTS_HARD if hardware else RESULTS_SOFT)
        rows.append(
            {
                "customer": customer_id,
                "reported_at": reported,
                "product": rng.choice(PRODUCTS),
                "serial_no": f"SN{rng.randrange(10**9):09d}",
                "fault": rng.choice(FAULTS),
                "handling": "phone" if on_phone else "service_order",
                "service_order_no": "" if on_phone else f"PD{reported:%Y%m%d}{number:04d}",
                "engineer": "" if on_phone else rng.choice(ENGINEERS),
                "diagnosis": "software" if not hardware else "hardware",
                "factory_return": factory,
                "loaner_unit": unit,
                "loaner_out_at": loaner_out,
                "loaner_back_at": loaner_back,
                "result": result,
                "status": "closed" if closed else "open",
                "closed_at": closed_at,
                # most solutions are written up; the recent ones wait in the to-do list
                "knowledge_base_at": (
                    closed_at + dt.timedelta(days=rng.randint(0, 3))
                    if closed_at is not None
                    and rng.random() < 0.8
                    and closed_at.date() + dt.timedelta(days=3) <= ctx.today
                    else None
                ),
                "handler": rng.choice(ctx.staff).id,
                "version": 1,
                "created_at": reported,
                "updated_at": closed_at or reported,
            }
        )
    with database.atomic():
        _insert(Repair, rows)
    return len(rows), open_count, loaners


def fill(ctx: DemoContext) -> Sentence:
    started = time.perf_counter()
    with (
        text_index.indexed_after_insert(text_index.CUSTOMERS),
        indexes_built_after(Customer),
        indexes_built_after(CustomerPhone),
        indexes_built_after(CustomerTag),
    ):
        made = _customers(ctx)
    if not is_sqlite():
        for table in (Customer, CustomerPhone, CustomerTag):
            database.execute_sql(f"ANALYZE {table._meta.table_name}")  # fresh planner statistics
    ids = [i for i, _k, _c in made]
    orgs = [i for i, k, _c in made if k == "organisation"]
    requests = _onboarding(ctx, orgs) if orgs else 0
    installed, late = _installations(ctx, ids) if ids else (0, 0)
    repaired, open_repairs, loaners = _repairs(ctx, ids) if ids else (0, 0, 0)
    AuditLog.create(
        user=ctx.manager.id,
        action="import",
        table="customer",
        record_id=None,
        summary=sentences.say("demo.customers_added", count=len(ids)).stored(),
        changes="{}",
    )
    return sentences.say(
        "demo.customers",
        customers=len(ids),
        organisations=len(orgs),
        requests=requests,
        installed=installed,
        late=late,
        repaired=repaired,
        open=open_repairs,
        loaners=loaners,
        seconds=f"{time.perf_counter() - started:.1f}",
    )
