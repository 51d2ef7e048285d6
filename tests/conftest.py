"""Shared fixtures: a fresh database per test, on SQLite and on the real PostgreSQL server.

Every test runs on a set clock (``TEST_NOW``, ticking): nothing depends on the real date. A test
that needs another moment moves it with the ``time_machine`` fixture
(``time_machine.move_to(...)``); naive times are local times, as in the application.

``db_url`` is parametrised over both backends for model and service tests; ``sqlite_url`` is the
SQLite-only one for GUI tests. Each starts on a freshly migrated database without building one:
on SQLite a copy of a file migrated once per test process, on PostgreSQL the process's own
schema, migrated once and emptied before each test (rows deleted, sequences restarted, the rows
the migrations wrote put back). ``fresh_url`` is an empty database (a throwaway schema each on
PostgreSQL) for the migration tests. Under CI (``CI`` set) the PostgreSQL server must answer;
elsewhere its tests skip with the reason printed.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import datetime as dt  # noqa: E402

import peewee  # noqa: E402
import pytest  # noqa: E402
import time_machine  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app import auth, subscriptions  # noqa: E402
from models import ALL_TABLES, User, database  # noqa: E402
from models.db import close_database, open_database  # noqa: E402
from models.migrations import upgrade  # noqa: E402

# One QApplication for the whole session, made before anything can make a bare QCoreApplication
# (the command line does when it loads translations), so widget tests can always start.
_qt_app = QApplication.instance() or QApplication(["kefu-tests"])

time_machine.naive_mode = time_machine.NaiveMode.LOCAL
subscriptions.connect()  # as main.py does at start-up

# A working day late in a month (not its last days): the clock every test starts at.
TEST_NOW = dt.datetime(2026, 11, 26, 10, 30)

PG_URL = os.environ.get("KEFU_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
PASSWORD = "secret-pw"

_pg_state: dict[str, str | None] = {}


@pytest.fixture(autouse=True)
def set_clock(time_machine: time_machine.TimeMachineFixture) -> None:
    """The business clock starts at ``TEST_NOW`` and keeps running."""
    time_machine.move_to(TEST_NOW, tick=True)


@pytest.fixture(autouse=True)
def local_settings_in_tmp(tmp_path: Path) -> None:
    """Window layout and other QSettings go to the test's own folder, never the user's."""
    from PySide6.QtCore import QSettings

    folder = str(tmp_path / "qsettings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)


@pytest.fixture(autouse=True)
def no_unanswered_question(monkeypatch: pytest.MonkeyPatch) -> None:
    """A question box nobody answers would wait forever offscreen: fail the test instead. A test
    that expects a question replaces this with its own answer."""
    from PySide6.QtWidgets import QMessageBox

    def unexpected(_parent: object, title: str, text: str, *_args: object) -> None:
        raise AssertionError(f"unexpected question: {title}: {text}")

    monkeypatch.setattr(QMessageBox, "question", staticmethod(unexpected))


@pytest.fixture(autouse=True)
def no_unread_message(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box (a warning, a notice, an error) waits offscreen for an OK nobody clicks: the
    test, and the CI run with it, would hang instead of failing, as on a conflict or a refusal a
    loaded machine brought about. The test fails naming the message instead; a test that expects
    one replaces this with its own."""
    from PySide6.QtWidgets import QMessageBox

    for kind in ("warning", "information", "critical"):

        def unexpected(
            _parent: object, title: str, text: str, *_args: object, _kind: str = kind, **_: object
        ) -> None:
            raise AssertionError(f"unexpected {_kind} box: {title}: {text}")

        monkeypatch.setattr(QMessageBox, kind, staticmethod(unexpected))


@pytest.fixture(autouse=True)
def source_language() -> Iterator[None]:
    """Every test starts and ends with no translation loaded (English source texts)."""
    from app.i18n import install_language

    install_language("en")
    yield
    install_language("en")


# How long ``qtbot.waitUntil`` waits when a test names no limit: pytest-qt's own 5 s is less than
# a PDF, a schema or a page of the roster takes on a two-core machine at a load of 10 or more
# (ten times the second they take on an idle one). The wait ends as soon as its condition holds,
# so this only decides how long a failing test takes to fail.
WAIT_UNTIL_MS = 60_000


@pytest.fixture
def qtbot(qtbot: Any) -> Any:
    """pytest-qt's ``qtbot``, whose ``waitUntil`` waits up to :data:`WAIT_UNTIL_MS` unless told,
    measured on the monotonic clock: pytest-qt's own reads ``time.time()``, which a test that
    stops the clock (``time_machine`` without ticking) stops too, so a condition that never came
    true waited for ever instead of failing."""

    def patient_wait_until(callback: Any, *, timeout: int = WAIT_UNTIL_MS) -> None:
        __tracebackhide__ = True
        deadline = time.monotonic() + timeout / 1000
        while True:
            try:
                result = callback()
            except AssertionError as exc:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"waitUntil timed out in {timeout} milliseconds") from exc
            else:
                if result not in (None, True, False):
                    raise ValueError(
                        f"waitUntil() callback must return None, True or False, got {result!r}"
                    )
                if result is None or result is True:
                    return
                if time.monotonic() > deadline:
                    raise TimeoutError(f"waitUntil timed out in {timeout} milliseconds")
            qtbot.wait(10)

    qtbot.waitUntil = qtbot.wait_until = patient_wait_until
    return qtbot


@pytest.fixture(autouse=True)
def no_main_window_outlives_its_test() -> Iterator[None]:
    """A main window a test leaves behind (a session's window, closed but not deleted) would live
    on into the tests that follow the test in its process, which ones depending on how the tests
    are shared out: at each of their changes its pages would read again, with its user, from
    their database. Every main window is deleted after its test (pytest-qt deletes only the
    widgets given to ``qtbot.addWidget``)."""
    yield
    main_window = sys.modules.get("ui.main_window")  # none was made unless the module is loaded
    if main_window is None:
        return
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, main_window.MainWindow):
            widget.watcher.stop()
            widget.deleteLater()


@pytest.fixture(autouse=True)
def earliest_date_as_shipped() -> Iterator[None]:
    """The team's earliest date as the desk last read it (``ui.dates``) goes back to the default
    after each test, once its background work is done: a window's read of it still under way
    when a test ended (another desk's change of a setting, brought by the watcher) would leave
    that test's date to the pickers of the tests after it."""
    yield
    dates = sys.modules.get("ui.dates")  # nothing was read unless the module is loaded
    if dates is not None:
        from app.validation import DEFAULT_EARLIEST

        dates.set_earliest(DEFAULT_EARLIEST)


def finish_background_work() -> None:
    """Before a test's database goes away: stop watching it and let running work finish, as the
    application does when it quits."""
    from ui import operations

    assert operations.shutdown(), "background work still running after 30 s"


def postgres_unavailable() -> str | None:
    """None when the server answers, else why not."""
    if "reason" not in _pg_state:
        try:
            db = peewee.PostgresqlDatabase(None)
            db.init(
                PG_URL.rsplit("/", 1)[1],
                host="127.0.0.1",
                port=5432,
                user="postgres",
                connect_timeout=3,
            )
            db.connect()
            db.close()
            _pg_state["reason"] = None
        except Exception as exc:  # noqa: BLE001 - any failure means "no server"
            _pg_state["reason"] = f"PostgreSQL at {PG_URL} is not answering: {exc}"
    return _pg_state["reason"]


def need_postgres() -> None:
    reason = postgres_unavailable()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI requires PostgreSQL: {reason}")
    print(f"\nskipping: {reason}")
    pytest.skip(reason)


def _admin_connection() -> peewee.PostgresqlDatabase:
    db = peewee.PostgresqlDatabase("test", host="127.0.0.1", port=5432, user="postgres")
    db.connect()
    return db


def make_pg_schema() -> str:
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = _admin_connection()
    admin.execute_sql(f"CREATE SCHEMA {name}")
    admin.close()
    return name


def drop_pg_schema(name: str) -> None:
    admin = _admin_connection()
    admin.execute_sql(f"DROP SCHEMA IF EXISTS {name} CASCADE")
    admin.close()


@pytest.fixture
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database of the backend the test is parametrised with."""
    backend = getattr(request, "param", "sqlite")
    if backend == "postgres":
        need_postgres()
        schema = make_pg_schema()
        try:
            yield f"{PG_URL}?schema={schema}"
        finally:
            finish_background_work()
            close_database()
            drop_pg_schema(schema)
    else:
        yield str(tmp_path / "kefu.sqlite3")
        finish_background_work()
        close_database()


def _migrate(url: str) -> None:
    """Build the schema at the tests' clock (the rows the migrations write carry its time)."""
    with time_machine.travel(TEST_NOW, tick=False):
        open_database(url)
        upgrade()
    close_database()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once per test process; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "kefu.sqlite3"
    _migrate(str(path))
    return path


def _migrated_sqlite(template: Path, tmp_path: Path) -> str:
    target = tmp_path / "kefu.sqlite3"
    shutil.copyfile(template, target)
    open_database(str(target))
    return str(target)


class PgTemplate:
    """This test process's PostgreSQL schema, migrated once and emptied for each test."""

    def __init__(self, schema: str) -> None:
        self.schema = schema
        self.url = f"{PG_URL}?schema={schema}"
        _migrate(self.url)
        open_database(self.url)
        # children before parents, so deleting never trips a foreign key
        self.tables = [m._meta.table_name for m in reversed(peewee.sort_models(ALL_TABLES))]
        self.initial: dict[type[peewee.Model], list[dict[str, Any]]] = {}
        for model in ALL_TABLES:
            rows = list(model.select().dicts())
            for row in rows:
                row.pop(model._meta.primary_key.name, None)
            if rows:
                self.initial[model] = rows
        close_database()

    def reset(self) -> None:
        """Back to just migrated: every row deleted, every sequence restarted, the migrations'
        own rows (the schema version) written again. One round trip, far cheaper than building
        the schema."""
        deletes = " ".join(f'DELETE FROM "{table}";' for table in self.tables)
        database.execute_sql(
            "DO $$ DECLARE s record; BEGIN "
            + deletes
            + " FOR s IN SELECT sequencename FROM pg_sequences"
            " WHERE schemaname = current_schema() LOOP"
            " EXECUTE format('ALTER SEQUENCE %%I RESTART', s.sequencename); END LOOP; END $$"
        )
        for model, rows in self.initial.items():
            model.insert_many(rows).execute()


@pytest.fixture(scope="session")
def pg_template() -> Iterator[PgTemplate]:
    need_postgres()
    schema = make_pg_schema()
    try:
        yield PgTemplate(schema)
    finally:
        close_database()
        drop_pg_schema(schema)


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Iterator[str]:
    """A freshly migrated database on each backend, opened on the shared proxy."""
    if request.param == "postgres":
        template: PgTemplate = request.getfixturevalue("pg_template")
        open_database(template.url)
        template.reset()
        try:
            yield template.url
        finally:
            finish_background_work()
            close_database()
    else:
        yield _migrated_sqlite(sqlite_template, tmp_path)
        finish_background_work()
        close_database()


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> Iterator[str]:
    """A freshly migrated SQLite database (GUI tests)."""
    yield _migrated_sqlite(sqlite_template, tmp_path)
    finish_background_work()
    close_database()


_password_hash: dict[str, str] = {}


@contextmanager
def _password_hashed_once() -> Iterator[None]:
    """The fixtures' users all have ``PASSWORD``: hash it (argon2id, deliberately slow) once per
    test process and give each of them that real hash, instead of half a second per user."""
    real = auth.hash_password

    def once(password: str) -> str:
        if password not in _password_hash:
            _password_hash[password] = real(password)
        return _password_hash[password]

    auth.hash_password = once
    try:
        yield
    finally:
        auth.hash_password = real


def make_user(login: str, role: str, employee_no: str, name: str | None = None) -> User:
    admin = User.select().where(User.role == "admin").first()
    with _password_hashed_once():
        return auth.create_user(
            admin,
            login,
            name=name or login,
            employee_no=employee_no,
            role=role,
            password=PASSWORD,
        )


@pytest.fixture
def admin(request: pytest.FixtureRequest) -> User:
    """The first administrator of the database opened by ``db_url`` or ``sqlite_url``."""
    assert database.obj is not None, "use with db_url or sqlite_url"
    return make_user("admin", "admin", "A001", "管理员")


@pytest.fixture
def manager(admin: User) -> User:
    return make_user("manager", "manager", "M001", "王经理")


@pytest.fixture
def agent(admin: User) -> User:
    return make_user("agent1", "agent", "K001", "李客服")


@pytest.fixture
def agent2(admin: User) -> User:
    return make_user("agent2", "agent", "K002", "张客服")
