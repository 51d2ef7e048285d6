"""Backup and restore times on the default demo database: prints figures, asserts nothing.

    python tests/benchmarks/backup_restore.py [--db FILE] [--pg URL?schema=NAME]

Without ``--db`` a fresh SQLite file in a temporary folder is filled with the default demo
(``main.py demo`` without options). ``--db`` uses an existing SQLite file as it is (restored in
place at the end, so use a copy). With ``--pg`` (an empty throwaway schema) the SQLite backup is
also restored into PostgreSQL, backed up there and restored there in place.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app import auth, demo, settings, setup  # noqa: E402
from app.backup import service  # noqa: E402
from models.db import close_database, open_database  # noqa: E402

T = TypeVar("T")
PASSWORD = "bench-password"


def timed(label: str, work: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = work()
    print(f"{label:<45} {time.perf_counter() - started:7.2f} s", flush=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing SQLite file (a copy: it is restored)")
    parser.add_argument("--pg", help="an empty PostgreSQL schema: postgresql://…?schema=NAME")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kefu-bench-"))
    path = args.db or folder / "demo.sqlite3"
    open_database(str(path))
    if args.db is None:
        setup.initialise(company="华信教育科技有限公司", admin_password=PASSWORD)
    admin = next(u for u in auth.active_users(("admin",)))
    if args.db is None:
        timed("demo (default sizes)", lambda: demo.fill(admin, report=lambda line: None))
    print(f"database: {path} ({path.stat().st_size / 1e6:.1f} MB)")

    made = timed("SQLite backup (copy, check, zip, verify)", lambda: service.backup_now(admin))
    print(f"  {made.path.name}: {made.size / 1e6:.2f} MB, {made.manifest.total_rows} rows")
    report = timed(
        "SQLite restore in place (backup first)",
        lambda: service.restore_backup(admin, made.path, str(path)),
    )
    assert report.ok
    if args.pg:
        timed(
            "SQLite backup -> PostgreSQL (--to)",
            lambda: service.restore_backup(admin, made.path, str(path), to_url=args.pg),
        )
        close_database()
        open_database(args.pg)
        pg_admin = auth.get_user(admin.login)
        settings.put(pg_admin, "backup_folder", str(folder / "pg"))
        dump = timed(
            "PostgreSQL backup (dump, pg_dump, verify)", lambda: service.backup_now(pg_admin)
        )
        print(
            f"  {dump.path.name}: {dump.size / 1e6:.2f} MB, notes: {'; '.join(dump.manifest.notes)}"
        )
        timed(
            "PostgreSQL restore in place (backup first)",
            lambda: service.restore_backup(pg_admin, dump.path, args.pg),
        )
    close_database()
    print(f"files in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
