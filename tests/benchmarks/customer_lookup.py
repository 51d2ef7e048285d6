"""Incoming-call lookup latency on a big archive: prints figures, asserts nothing.

    python tests/benchmarks/customer_lookup.py [--customers 200000] [--db URL]

Without ``--db`` a fresh SQLite file is made in a temporary folder. With a PostgreSQL URL, give
it a throwaway schema (``postgresql://user@host/db?schema=bench``); the tables are created there.
The demo fill of this feature makes the customers (persons and organisations, 1-2 phones each).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from faker import Faker  # noqa: E402

from app.customers import demo as customer_demo  # noqa: E402
from app.customers.lookup import search  # noqa: E402
from app.demo import DemoContext  # noqa: E402
from models import Customer, CustomerPhone, User  # noqa: E402
from models.db import open_database  # noqa: E402
from models.migrations import upgrade  # noqa: E402


def timed(text: str, repeat: int) -> tuple[float, float, int]:
    runs = []
    found = 0
    for _ in range(repeat):
        started = time.perf_counter()
        found = len(search(text))
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs), max(runs), found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--db", help="database URL (default: a new SQLite file)")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    url = args.db or str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    open_database(url)
    upgrade()
    if Customer.select().count() < args.customers:
        manager = User.get_or_none(User.login == "bench") or User.create(
            login="bench", name="bench", employee_no="B1", role="manager", password_hash="x"
        )
        faker = Faker("zh_CN")
        faker.seed_instance(1)
        ctx = DemoContext(
            seed=1,
            rng=random.Random(1),
            faker=faker,
            today=dt.date.today(),
            customers=args.customers - Customer.select().count(),
            complaints=0,
            months=6,
            manager=manager,
            agents=[],
            report=lambda line: None,
        )
        started = time.perf_counter()
        print(customer_demo.fill(ctx).text())
        print(f"fill: {time.perf_counter() - started:.1f} s")
    customers = Customer.select().count()
    phones = CustomerPhone.select().count()
    print(f"database: {url}\ncustomers: {customers}, phones: {phones}")
    rng = random.Random(7)
    sample_phones = [p.phone for p in CustomerPhone.select().order_by(CustomerPhone.id).limit(5000)]
    mobile = next(p for p in rng.sample(sample_phones, 200) if p.startswith("1"))
    landline = next(p for p in rng.sample(sample_phones, 500) if p.startswith("0"))
    someone = Customer.select().order_by(Customer.id).offset(customers // 2).first()
    cases = [
        ("full mobile", mobile),
        ("last 4 digits of a mobile", mobile[-4:]),
        ("7 middle digits of a mobile", mobile[3:10]),
        ("3 digits (many matches)", mobile[4:7]),
        ("landline with dash, partial", landline[:9]),
        ("landline digits without dash", landline.replace("-", "")[3:10]),
        ("digits nobody has", "99999999"),
        ("full name", someone.name),
        ("surname only (many matches)", someone.name[0]),
        ("school name fragment", "实验小学"),
        ("organisation, rare", "教育局电教馆"),
        ("text nobody has", "不存在的名字"),
    ]
    print(f"\n{'query':34} {'text':16} {'median ms':>10} {'max ms':>8} {'found':>6}")
    for label, text in cases:
        median, worst, found = timed(text, args.repeat)
        print(f"{label:34} {text:16} {median:10.1f} {worst:8.1f} {found:6d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
