"""The command line, run as a user runs it: ``python main.py ...`` in a separate process."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from app import auth
from models.db import close_database, open_database
from models.migrations import LATEST, upgrade
from tests.conftest import PG_URL, drop_pg_schema, make_pg_schema, need_postgres
from ui.pages import AREAS

REPO = Path(__file__).resolve().parents[2]
ADMIN_PASSWORD = "admin-pw-123"
DEMO_PASSWORD = "demo1234"
ADMIN = {"KEFU_USER": "admin", "KEFU_PASSWORD": ADMIN_PASSWORD}
DEMO_SIZE = ["--customers", "30", "--complaints", "40", "--months", "2", "--agents", "3"]
SAME_SEED_TABLES = (
    "user",
    "setting",
    "customer",
    "customer_phone",
    "complaint",
    "progress_step",
    "callback_task",
    "callback_attempt",
    "shift",
    "roster_entry",
    "swap_request",
    "leave_request",
)
VOLATILE_COLUMNS = {"created_at", "updated_at", "password_hash", "last_login_at", "migrated_at"}


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a user's shell: no KEFU_* left over, data and config in ``home``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEFU_")}
    env["XDG_DATA_HOME"] = str(home / "data")
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def run(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=REPO,
        env=clean_env(home, **env),
        capture_output=True,
        text=True,
        timeout=180,
    )


def password_file(folder: Path, password: str = ADMIN_PASSWORD) -> str:
    path = folder / "password.txt"
    path.write_text(password + "\n", encoding="utf-8")
    return str(path)


def table_rows(db_file: Path, table: str) -> list[tuple]:
    with sqlite3.connect(db_file) as conn:
        columns = [
            row[1]
            for row in conn.execute(f"PRAGMA table_info({table})")
            if row[1] not in VOLATILE_COLUMNS
        ]
        return conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id").fetchall()


def logins(db_file: Path) -> list[str]:
    with sqlite3.connect(db_file) as conn:
        return [row[0] for row in conn.execute("SELECT login FROM user ORDER BY id")]


def row_counts(db_file: Path) -> dict[str, int]:
    with sqlite3.connect(db_file) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


def assert_user_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]


def init(home: Path, db: str, **env: str) -> subprocess.CompletedProcess[str]:
    result = run(
        home,
        *("init", "--db", db, "--company", "华信教育", "--password-file", password_file(home)),
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database made by ``init`` and ``demo --seed 1``, shared by the read-only tests."""
    home = tmp_path_factory.mktemp("demo")
    db = home / "demo.sqlite3"
    init(home, str(db))
    result = run(home, "demo", "--db", str(db), "--seed", "1", *DEMO_SIZE, **ADMIN)
    assert result.returncode == 0, result.stderr
    assert DEMO_PASSWORD in result.stdout
    return db


def test_init_creates_the_schema_and_again_changes_nothing(tmp_path):
    db = tmp_path / "kefu.sqlite3"
    first = init(tmp_path, str(db))
    assert f"版本 {LATEST}" in first.stdout
    assert table_rows(db, "schema_version") == [(1, LATEST)]
    assert logins(db) == ["admin"]
    counts = row_counts(db)

    second = init(tmp_path, str(db), **ADMIN)
    assert "无需操作" in second.stdout
    assert f"版本 {LATEST}" in second.stdout
    assert row_counts(db) == counts
    # no backup made by the second run; the backup folder is made (and checked) at set-up, and
    # the file beside the database marks the desks that have it open
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "backups",
        "kefu.sqlite3",
        "kefu.sqlite3-desks",
        "password.txt",
    ]
    assert list((tmp_path / "backups").iterdir()) == []


def test_init_upgrades_an_older_database_after_a_backup(tmp_path):
    db = tmp_path / "old.sqlite3"
    try:
        open_database(str(db))
        upgrade(target=1)
        auth.create_user(
            None, "admin", name="管理员", employee_no="A001", role="admin", password=ADMIN_PASSWORD
        )
    finally:
        close_database()
    result = run(tmp_path, "init", "--db", str(db), **ADMIN)
    assert result.returncode == 0, result.stderr
    assert f"从版本 1 升级到 {LATEST}" in result.stdout
    made = list((tmp_path / "backups").glob("old-*-migration.zip"))
    assert len(made) == 1, "a verified backup in the backup folder before the upgrade"
    assert table_rows(db, "schema_version") == [(1, LATEST)]


def test_database_option_beats_environment_beats_default(tmp_path):
    by_option, by_env = tmp_path / "option.db", tmp_path / "env.db"
    pw = password_file(tmp_path)
    result = run(
        tmp_path, "init", "--db", str(by_option), "--password-file", pw, KEFU_DB=str(by_env)
    )
    assert result.returncode == 0, result.stderr
    assert by_option.exists() and not by_env.exists()

    result = run(tmp_path, "init", "--password-file", pw, KEFU_DB=str(by_env))
    assert result.returncode == 0, result.stderr
    assert by_env.exists()

    result = run(tmp_path, "init", "--password-file", pw)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "KefuDesk" / "kefu.sqlite3").exists()


def test_user_add_makes_a_user_who_can_log_in(tmp_path):
    db = tmp_path / "kefu.sqlite3"
    init(tmp_path, str(db))
    (tmp_path / "agent-pw").write_text("agent-pw-9\n", encoding="utf-8")
    args = ["user", "add", "xiaoli", "--role", "agent", "--name", "小李", "--employee-no", "K007"]
    result = run(
        tmp_path, *args, "--password-file", str(tmp_path / "agent-pw"), KEFU_DB=str(db), **ADMIN
    )
    assert result.returncode == 0, result.stderr
    assert "xiaoli" in result.stdout
    try:
        open_database(str(db))
        user = auth.login("xiaoli", "agent-pw-9")
        assert (user.name, user.role, user.employee_no) == ("小李", "agent", "K007")
    finally:
        close_database()

    again = run(
        tmp_path, *args, "--password-file", str(tmp_path / "agent-pw"), KEFU_DB=str(db), **ADMIN
    )
    assert_user_error(again, "xiaoli")
    assert re.search(r"[\u4e00-\u9fff]", again.stderr), "Simplified Chinese is the default"
    english = run(
        tmp_path,
        *args,
        "--lang",
        "en",
        "--password-file",
        str(tmp_path / "agent-pw"),
        KEFU_DB=str(db),
        **ADMIN,
    )
    assert_user_error(english, "The login xiaoli is taken")


def run_all(home: Path, runs: list[tuple[tuple[str, ...], dict[str, str]]]) -> list:
    """Several independent commands at once (they are mostly start-up time)."""
    started = [
        subprocess.Popen(
            [sys.executable, "main.py", *args],
            cwd=REPO,
            env=clean_env(home, **env),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for args, env in runs
    ]
    results = []
    for process, (args, _env) in zip(started, runs, strict=True):
        out, err = process.communicate(timeout=180)
        results.append(subprocess.CompletedProcess(args, process.returncode, out, err))
    return results


def test_user_errors_are_one_line_without_traceback(tmp_path):
    db = tmp_path / "kefu.sqlite3"
    pw = password_file(tmp_path)
    missing_pw = str(tmp_path / "nope.txt")
    before_init = [
        (
            ("init", "--db", "postgresql://postgres@127.0.0.1:1/x", "--password-file", pw),
            "127.0.0.1:1",
        ),
        (
            ("init", "--db", str(tmp_path / "missing" / "k.db"), "--password-file", pw),
            "不存在",
        ),
        (("demo", "--db", str(tmp_path / "empty.sqlite3")), "init"),
        (("init", "--db", pw, "--password-file", pw), "password.txt"),
        (
            ("init", "--db", str(tmp_path / "other.sqlite3"), "--password-file", missing_pw),
            "nope.txt",
        ),
    ]
    results = run_all(
        tmp_path,
        [(args, {}) for args, _words in before_init]
        + [(("init", "--db", "mysql://root@localhost/kefu"), {})],
    )
    for (_args, words), result in zip(before_init, results[:-1], strict=True):
        assert_user_error(result, words)
    other_kind = results[-1]  # an argument error: the usage line and the reason, status 2
    assert other_kind.returncode == 2 and "Traceback" not in other_kind.stderr
    reason = other_kind.stderr.strip().splitlines()[-1]
    assert "--db" in reason and "mysql" in reason and "postgresql://" in reason, reason

    init(tmp_path, str(db))
    add = ("user", "add", "x1", "--role", "agent", "--name", "X", "--employee-no", "X1")
    after_init = [
        ((*add, "--db", str(db), "--password-file", missing_pw), ADMIN, "nope.txt"),
        (("--check-startup", "--db", str(db)), {"KEFU_USER": "admin", "KEFU_PASSWORD": "bad"}, ""),
        (("--check-startup", "--db", str(db)), {"KEFU_USER": "nobody", "KEFU_PASSWORD": "x"}, ""),
        (("--check-startup", "--db", str(tmp_path / "empty.sqlite3")), {"KEFU_USER": "admin"}, ""),
    ]
    results = run_all(tmp_path, [(args, env) for args, env, _words in after_init])
    for (_args, _env, words), result in zip(after_init, results, strict=True):
        assert_user_error(result, words)
    wrong_password, unknown_user = results[1].stderr, results[2].stderr
    assert wrong_password == unknown_user, "the message must not say which part was wrong"


def test_check_startup_prints_milliseconds(demo_db, tmp_path):
    result = run(
        tmp_path,
        "--check-startup",
        "--db",
        str(demo_db),
        KEFU_USER="agent1",
        KEFU_PASSWORD=DEMO_PASSWORD,
    )
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    number, unit = last.split(" ")
    assert number.isdigit() and unit == "ms", result.stdout
    assert 0 < int(number) < 60_000


def test_screenshots_give_one_real_image_per_area_at_the_size_asked(demo_db, tmp_path):
    out = tmp_path / "shots"
    args = ("screenshots", "--db", str(demo_db), "-o", str(out), "--size", "1366x768")
    result = run(tmp_path, *args)
    assert result.returncode == 0, result.stderr
    too_big = ("超出", "larger than")  # a screen cut to 1366x768 is named in either language
    assert not any(word in result.stderr for word in too_big), result.stderr
    for shot in out.glob("*.png"):  # dialogs fit on that screen too
        image = QImage(str(shot))
        assert image.width() <= 1366 and image.height() <= 768, shot.name
    sizes = set()
    for index, area in enumerate(AREAS, start=1):
        path = out / f"{index:02d}-{area.key}.png"
        assert path.is_file(), f"no screenshot of {area.key}"
        image = QImage(str(path))
        assert not image.isNull(), path
        sizes.add((image.width(), image.height()))
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 23)
            for y in range(0, image.height(), 17)
        }
        assert len(colours) > 8, f"{path.name} looks blank"
    ((width, height),) = sizes  # the window fills that screen, its frame inside, on every page
    assert 1366 - 40 <= width <= 1366 and 768 - 80 <= height <= 768, (width, height)


def test_screenshots_refuse_a_size_that_is_not_one(tmp_path):
    result = run(tmp_path, "screenshots", "-o", str(tmp_path / "x"), "--size", "big")
    assert result.returncode == 2
    assert "1366x768" in result.stderr and "Traceback" not in result.stderr


def test_screenshots_of_a_database_not_set_up_say_so_in_the_chosen_language(tmp_path):
    db = str(tmp_path / "empty.sqlite3")
    chinese = run(tmp_path, "screenshots", "--db", db, "-o", str(tmp_path / "x"))
    assert chinese.returncode == 1
    assert chinese.stderr.strip() == "错误：数据库尚未建立：请先运行 `main.py init`。"
    english = run(tmp_path, "--lang", "en", "screenshots", "--db", db, "-o", str(tmp_path / "x"))
    assert english.stderr.strip().endswith("The database is not set up: run `main.py init` first.")
    assert not (tmp_path / "x").exists()
    assert not Path(db).exists() and not Path(db + "-desks").exists()  # no empty file left


def test_demo_with_the_same_seed_gives_the_same_data(demo_db, tmp_path):
    db = tmp_path / "again.sqlite3"
    init(tmp_path, str(db))
    result = run(tmp_path, "demo", "--db", str(db), "--seed", "1", *DEMO_SIZE, **ADMIN)
    assert result.returncode == 0, result.stderr
    assert logins(db) == ["admin", "manager", "agent1", "agent2", "agent3"]
    different = [
        table for table in SAME_SEED_TABLES if table_rows(db, table) != table_rows(demo_db, table)
    ]
    assert different == [], f"demo --seed 1 twice gave different {', '.join(different)}"
    try:
        open_database(str(db))
        assert auth.login("agent2", DEMO_PASSWORD).login == "agent2"
    finally:
        close_database()


def test_command_line_on_postgresql(tmp_path):
    need_postgres()
    schema = make_pg_schema()
    url = f"{PG_URL}?schema={schema}"
    try:
        result = init(tmp_path, url)
        assert f"版本 {LATEST}" in result.stdout
        result = run(
            tmp_path,
            *("user", "add", "wang", "--role", "manager", "--name", "王经理"),
            *("--employee-no", "M009", "--password-file", password_file(tmp_path, "pg-pass-1")),
            KEFU_DB=url,
            **ADMIN,
        )
        assert result.returncode == 0, result.stderr
        assert "无需操作" in init(tmp_path, url, **ADMIN).stdout
        open_database(url)
        assert auth.login("wang", "pg-pass-1").role == "manager"
        assert auth.login("admin", ADMIN_PASSWORD).role == "admin"
    finally:
        close_database()
        drop_pg_schema(schema)


@pytest.mark.parametrize("fresh_url", ["sqlite", "postgres"], indirect=True)
def test_upgrade_adds_the_repair_knowledge_base_column(fresh_url):
    """A version-2 database (before repairs had a knowledge-base step) upgrades in place and
    keeps its repairs."""
    from playhouse.migrate import SchemaMigrator, migrate

    from models import Customer, Repair, database
    from models.migrations import current_version

    open_database(fresh_url)
    upgrade(target=2)
    table = Repair._meta.table_name
    # version 1 builds the tables from today's models: take the column away as v2 had it
    migrate(SchemaMigrator.from_database(database.obj).drop_column(table, "knowledge_base_at"))
    assert "knowledge_base_at" not in {c.name for c in database.get_columns(table)}
    customer = Customer.create(name="实验小学")
    database.execute_sql(
        f"INSERT INTO {table} (customer_id, reported_at, product, serial_no, fault, handling,"
        " service_order_no, engineer, diagnosis, factory_return, loaner_unit, result, status,"
        " version, created_at, updated_at) VALUES"
        f" ({customer.id}, '2026-10-01 09:00:00', '', '', '黑屏', 'phone', '', '', '', false,"
        " '', '', 'open', 1, '2026-10-01 09:00:00', '2026-10-01 09:00:00')"
    )

    before, after, _backup = upgrade()
    assert (before, after, current_version()) == (2, LATEST, LATEST)
    assert "knowledge_base_at" in {c.name for c in database.get_columns(table)}
    kept = Repair.get()
    assert kept.fault == "黑屏" and kept.knowledge_base_at is None
