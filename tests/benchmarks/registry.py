"""The complaint registry at scale: prints the median and max of 15 runs per case, asserts nothing.

    python tests/benchmarks/registry.py [--db URL] [--complaints 1000000] [--repeat 15]

Without ``--db`` a SQLite file ``kefu-bench-N.sqlite3`` in the temporary folder is used. A
database holding fewer complaints than asked is filled with ``main.py init`` and ``main.py demo
--complaints N --customers N/5 --months 12`` first (this takes long at 1 M), one that holds them
is reused. For PostgreSQL give a throwaway schema (``postgresql://user@host/db?schema=bench``).

Each case is what the registry's list does: the count (capped at 10,000 for a search) and the
first 200 rows, through ``app/complaints/registry.py`` (``registry.first_page``). Start-up is
the time from starting ``main.py --check-startup`` (the first screen, logged in as
``$KEFU_USER``/``$KEFU_PASSWORD``, default the administrator the script made) to its exit,
against a process that shows a bare PySide6 window, in paired runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.clock import Month  # noqa: E402
from app.complaints import registry  # noqa: E402
from models import Complaint, database  # noqa: E402
from models.db import close_database, open_database  # noqa: E402
from models.migrations import LATEST, current_version  # noqa: E402

PASSWORD = "bench1234"
BARE_WINDOW = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv)\n"
    "w = QMainWindow(); w.resize(1200, 800); w.show(); app.processEvents()\n"
)


def desk_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a desk: compiled modules are cached as on an installed desk."""
    env = {**os.environ, **(extra or {})}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def credentials() -> dict[str, str]:
    """Who the commands act as: ``$KEFU_USER``/``$KEFU_PASSWORD``, default the administrator
    the script made."""
    return {
        "KEFU_USER": os.environ.get("KEFU_USER", "admin"),
        "KEFU_PASSWORD": os.environ.get("KEFU_PASSWORD", PASSWORD),
    }


def main_py(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=desk_environment(env),
        check=False,
    )


def ensure_database(url: str, complaints: int) -> None:
    open_database(url)
    version = current_version()
    have = (Complaint.select().count() if version else 0) if version else 0
    close_database()
    if version and have >= complaints * 0.99:
        if version < LATEST:
            started = time.perf_counter()
            done = main_py("init", "--db", url, env=credentials())
            print(f"migrated to version {LATEST} in {time.perf_counter() - started:.1f} s")
            if done.returncode:
                sys.exit(done.stderr)
        return
    password = Path(tempfile.mkdtemp()) / "password"
    password.write_text(PASSWORD, encoding="utf-8")
    done = main_py("init", "--db", url, "--password-file", str(password))
    if done.returncode:
        sys.exit(done.stderr)
    started = time.perf_counter()
    done = main_py(
        "demo",
        "--db",
        url,
        "--complaints",
        str(complaints),
        "--customers",
        str(max(complaints // 5, 100)),
        "--months",
        "12",
        env=credentials(),
    )
    if done.returncode:
        sys.exit(done.stderr)
    print(f"demo of {complaints} complaints in {time.perf_counter() - started:.0f} s")


def timed(work: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    runs = []
    result: object = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs), max(runs), result


def page(filters: registry.Filters) -> Callable[[], str]:
    def run() -> str:
        registry.forget_probes()  # each run is a new search
        found = registry.first_page(filters, limit=200)
        total = found.total if found.exact else f">{found.total}"
        return f"{total} / {len(found.rows)} rows"

    return run


def archive(repeat: int) -> None:
    """The customer archive's lookup (20) and list (the first 200) by a name, an organisation and
    a text nobody has, through the same kind of index as the registry's."""
    from app.customers import customers, lookup
    from models import Customer

    total = Customer.select().count()
    if not total:
        return
    middle = Customer.select().order_by(Customer.id).offset(total // 2).first()
    school = Customer.select().where(Customer.organisation != "").order_by(Customer.id.desc())
    texts = [middle.name, (school.first() or middle).organisation or middle.name, "不存在的名字"]
    for text in texts:
        works: list[tuple[str, Callable[[], list[Customer]]]] = [
            ("customers: lookup", lambda t=text: lookup.search(t, limit=20)),
            ("customers: list", lambda t=text: list(customers.list_query(t).limit(200))),
        ]
        for label, work in works:
            median, worst, result = timed(work, repeat)
            shown = f"{label} [{text}]"
            found = len(result)  # type: ignore[arg-type]
            print(f"{shown:44} median {median:7.1f} ms  max {worst:7.1f} ms  {found} rows")


def startup_ratio(url: str, repeat: int) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", **credentials()}
    ours, bare = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        done = main_py("--db", url, "--check-startup", env=env)
        ours.append(time.perf_counter() - started)
        if done.returncode:
            print(f"start-up: {done.stderr.strip().splitlines()[-1]}")
            return
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", BARE_WINDOW],
            env=desk_environment({"QT_QPA_PLATFORM": "offscreen"}),
            check=True,
        )
        bare.append(time.perf_counter() - started)
    ratios = [a / b for a, b in zip(ours, bare, strict=True)]
    print(
        f"{'start-up vs bare PySide6 window':44} ratio median {statistics.median(ratios):5.1f}x"
        f" max {max(ratios):5.1f}x  (ours {statistics.median(ours) * 1000:.0f} ms,"
        f" bare {statistics.median(bare) * 1000:.0f} ms)"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--db", help="database URL (default: a SQLite file in the temp folder)")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-startup", action="store_true", help="leave out the start-up runs")
    parser.add_argument("--only-startup", action="store_true", help="only the start-up runs")
    args = parser.parse_args()
    url = args.db or str(Path(tempfile.gettempdir()) / f"kefu-bench-{args.complaints}.sqlite3")
    ensure_database(url, args.complaints)
    if args.only_startup:
        startup_ratio(url, args.repeat)
        return 0
    open_database(url)
    total = Complaint.select().count()
    print(f"{database.obj.__class__.__name__}: {total} complaints")
    middle = Complaint.get_by_id(
        Complaint.select(Complaint.id).order_by(Complaint.id).offset(total // 2).scalar()
    )
    newest = Complaint.select().order_by(Complaint.sort_key.desc()).first()
    month = Month.of(newest.received_at).previous()
    cases = [
        ("search, 1 Chinese character", registry.Filters(text="屏")),
        ("search, 2 Chinese characters", registry.Filters(text="花屏")),
        ("search, 4 Chinese characters", registry.Filters(text="电子白板")),
        ("search, a name", registry.Filters(text=middle.complainant)),
        ("search, a phone tail", registry.Filters(text=middle.contact[-4:])),
        (
            "search, a phone with separators",
            registry.Filters(
                text=f"{middle.contact[:3]}-{middle.contact[3:7]}-{middle.contact[7:]}"
            ),
        ),
        ("search, a complaint number", registry.Filters(text=middle.number)),
        ("search, a number's beginning", registry.Filters(text=middle.number[:11])),
        ("search, a day's numbers", registry.Filters(text=middle.number[:8])),
        # (such as a phone's tail 6060, which every number of 2026-06-01 to 06-09 holds)
        ("search, digits in ten days' numbers", registry.Filters(text=middle.number[3:7])),
        ("overdue only, every month", registry.Filters(overdue=True)),
        (f"one month's list ({month})", registry.Filters(month=month)),
        ("the first view (this month and open work)", registry.current_view()),
    ]
    for label, filters in cases:
        median, worst, result = timed(page(filters), args.repeat)
        shown = f"{label} [{filters.text}]" if filters.text else label
        print(f"{shown:44} median {median:7.1f} ms  max {worst:7.1f} ms  {result}")
    archive(args.repeat)
    close_database()
    if not args.no_startup:
        startup_ratio(url, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
