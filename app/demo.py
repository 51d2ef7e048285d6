"""Realistic Simplified-Chinese demo data: the same data for the same seed.

The users and settings are made here; each feature fills its own area from ``app/<feature>/demo.py``
in the order of :data:`FEATURE_DEMOS` (customers first, callbacks last, as events make callbacks).
An area's ``fill(ctx)`` returns its line as a :class:`app.sentences.Sentence`: the area's audit row
keeps it as its key and values, so each desk reads it in its own language.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from faker import Faker

from app import audit, auth, clock, sentences
from app.clock import Month
from app.complaints import bulk
from app.errors import KefuError
from app.i18n import translate
from models import Complaint, Customer, User, write_transaction

DEMO_PASSWORD = "demo1234"

FEATURE_DEMOS = (
    "app.customers.demo",
    "app.complaints.demo",
    "app.roster.demo",
    "app.callbacks.demo",
    "app.calls.demo",
    "app.worklog.demo",
)


@dataclass
class DemoContext:
    seed: int
    rng: random.Random
    faker: Faker
    today: dt.date
    customers: int
    complaints: int
    months: int
    manager: User
    agents: list[User]
    report: Callable[[str], None] = print
    extra: dict = field(default_factory=dict)

    @property
    def staff(self) -> list[User]:
        return [self.manager, *self.agents]

    def months_back(self) -> dt.date:
        """The first day of the oldest demo month."""
        month = Month.of(self.today)
        for _ in range(max(self.months, 1) - 1):
            month = month.previous()
        return month.first_day


def _ensure_user(login: str, name: str, employee_no: str, role: str) -> User:
    user = User.get_or_none(User.login == login)
    if user is not None:
        return user
    user = User.create(
        login=login,
        name=name,
        employee_no=employee_no,
        role=role,
        password_hash=_password_hash(),
    )
    return user


_hash_cache: dict[str, str] = {}


def _password_hash() -> str:
    if "h" not in _hash_cache:
        _hash_cache["h"] = auth.hash_password(DEMO_PASSWORD)
    return _hash_cache["h"]


# the table each area's audit row names
AREA_TABLES = {
    "app.customers.demo": "customer",
    "app.complaints.demo": "complaint",
    "app.roster.demo": "roster_entry",
    "app.callbacks.demo": "callback_task",
    "app.calls.demo": "contact_record",
    "app.worklog.demo": "work_log",
}


class DemoRefused(KefuError):
    """The database already holds a team's records: the demo would mix with them."""


def refuse_real_data() -> None:
    """Refuse a database that already holds customers or complaints (``--force`` skips this)."""
    if Customer.select().exists() or Complaint.select().exists():
        raise DemoRefused(
            translate(
                "Cli",
                "This database already holds customers or complaints: the demo would mix with "
                "them. Use an empty database, or give --force to add the demo data anyway.",
            )
        )


def fill(
    actor: User,
    *,
    force: bool = False,
    seed: int = 1,
    customers: int = 500,
    complaints: int = 2000,
    months: int = 6,
    agents: int = 6,
    today: dt.date | None = None,
    report: Callable[[str], None] = print,
) -> str:
    """Fill every area as ``actor`` (an administrator), reporting a line per area; returns the
    closing line. Each area is one transaction that takes the write lock first (so its
    numbering cannot race another desk) and ends with an audit row naming ``actor``: a failure
    leaves the areas before it whole and nothing of its own."""
    auth.require(actor, "users.manage")
    if not force:
        refuse_real_data()
    started = time.perf_counter()
    faker = Faker("zh_CN")
    faker.seed_instance(seed)
    rng = random.Random(seed)
    from app import phrases, settings

    with write_transaction():
        manager = _ensure_user("manager", faker.name(), "M001", "manager")
        agent_users = [
            _ensure_user(f"agent{i}", faker.name(), f"K{i:03d}", "agent")
            for i in range(1, agents + 1)
        ]
        if not settings.get("company_name"):
            settings.store(None, "company_name", "华信教育科技有限公司")
        users = sentences.say("demo.users", last=agents, password=DEMO_PASSWORD)
        added = phrases.fill_demo(manager)
        audit.record(actor, "demo", "user", None, summary=users)
    report(users.text())
    if added:
        report(translate("Demo", "phrases: {count}").format(count=added))
    ctx = DemoContext(
        seed=seed,
        rng=rng,
        faker=faker,
        today=today or clock.today(),
        customers=customers,
        complaints=complaints,
        months=months,
        manager=manager,
        agents=agent_users,
        report=report,
    )
    for module_name in FEATURE_DEMOS:
        module = importlib.import_module(module_name)
        with write_transaction():
            # a Sentence, kept as such and written in the reader's language; None: nothing made
            line = module.fill(ctx)
            if line is not None:
                table = AREA_TABLES.get(module_name, module_name.split(".")[1])
                audit.record(actor, "demo", table, None, summary=line)
        # PostgreSQL: what the area bulk-loaded made ready for index-only scans
        bulk.vacuum_loaded()
        if line is not None:
            report(line.text())
    seconds = f"{time.perf_counter() - started:.1f}"
    return translate("Demo", "done in {seconds} s").format(seconds=seconds)
