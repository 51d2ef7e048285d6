"""Realistic Simplified-Chinese demo data: the same data for the same seed.

The users and settings are made here; each feature fills its own area from ``app/<feature>/demo.py``
in the order of :data:`FEATURE_DEMOS` (customers first, callbacks last, as events make callbacks).
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from faker import Faker

from app import auth, clock
from app.clock import Month
from models import User, database

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


def fill(
    *,
    seed: int = 1,
    customers: int = 500,
    complaints: int = 2000,
    months: int = 6,
    agents: int = 6,
    today: dt.date | None = None,
    report: Callable[[str], None] = print,
) -> str:
    """Fill every area, reporting a line per area; returns the closing line."""
    started = time.perf_counter()
    faker = Faker("zh_CN")
    faker.seed_instance(seed)
    rng = random.Random(seed)
    with database.atomic():
        manager = _ensure_user("manager", faker.name(), "M001", "manager")
        agent_users = [
            _ensure_user(f"agent{i}", faker.name(), f"K{i:03d}", "agent")
            for i in range(1, agents + 1)
        ]
    from app import settings

    if not settings.get("company_name"):
        settings.store(None, "company_name", "华信教育科技有限公司")
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
    report(f"users: manager, agent1..agent{agents} (password: {DEMO_PASSWORD})")
    from app import phrases

    if added := phrases.fill_demo(manager):
        report(f"phrases: {added}")
    for module_name in FEATURE_DEMOS:
        module = importlib.import_module(module_name)
        line = module.fill(ctx)
        if line:
            report(line)
    return f"done in {time.perf_counter() - started:.1f} s"
