"""A desk on a SQLite file starts without loading what its first screen does not need:
PostgreSQL's driver, the PDF and spreadsheet libraries and the PDF renderer, the demo's fake
data, the holiday calendars, QtAwesome's Qt wrappers, the pages of the other areas, what the
navigation's badges count and the backup code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("psycopg", "reportlab", "openpyxl", "faker", "pypdfium2", "holidays", "qtawesome", "qtpy")

FIRST_SCREEN = """
import json, sys
import main
try:
    code = main.main(["--db", sys.argv[1], "--check-startup"])
finally:
    print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {heavy})))
""".replace("{heavy}", repr(set(HEAVY)))

# the backup code: the day's backup is made after the login, a migration's only to upgrade,
# and the commands backup, restore and check load it when they run
BACKUP_CODE = ("app.backup.service", "app.backup.archive")
# what the navigation's badges count (app.badges loads it when it first counts): they come after
# the first screen, which --check-startup ends at
BADGES_READING = (
    "app.roster.screen",
    "app.roster.leave",
    "app.roster.rules",
    "app.callbacks.lists",
    "app.customers.installations",
)
DEFAULT_FOLDER = ("platformdirs",)  # where the database is when none is named

PAGES = """
import json, sys
import main
from ui.pages import AREAS
code = main.main(["--db", sys.argv[1], "--check-startup"])
assert code == 0
first_screen = sorted(m for m in {after} if m in sys.modules)
# the badges are counted without the other areas' pages
from app import badges
from models import User
admin = User.get(User.login == "admin")
for name in badges.BADGES:
    badges.count(name, admin)
# importing, exporting and printing, a complaint's view and the registration form: when first used
later = {"app.tabular", "app.complaints.transfer", "ui.printing", "PySide6.QtPrintSupport"}
later |= {"ui.complaints.view", "ui.complaints.form"}
pages = sorted(m for m in {a.module for a in AREAS} | later if m in sys.modules)
print(json.dumps([first_screen, pages]))
""".replace("{after}", repr({*BACKUP_CODE, *BADGES_READING, *DEFAULT_FOLDER}))


def loaded(script: str, *args: str, env: dict[str, str] | None = None) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_the_window_loads_no_driver_pdf_spreadsheet_or_faker():
    script = (
        "import json, sys\nimport main\nimport ui.application\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {set(HEAVY)!r})))"
    )
    assert loaded(script) == []


def test_the_first_screen_on_sqlite_loads_none_of_them(tmp_path):
    password = tmp_path / "password"
    password.write_text("demo1234\n", encoding="utf-8")
    db = str(tmp_path / "desk.sqlite3")
    done = subprocess.run(
        [sys.executable, "main.py", "init", "--db", db, "--password-file", str(password)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    env = {"KEFU_USER": "admin", "KEFU_PASSWORD": "demo1234"}
    assert loaded(FIRST_SCREEN, db, env=env) == []
    first_screen, pages = loaded(PAGES, db, env=env)
    assert first_screen == []  # neither the badges' reading, the backups nor the commands
    # the navigation's badges are counted without the other areas' pages, and the registry's
    # page comes without its import, export and printing, a complaint's view and the form
    assert pages == ["ui.complaints.page"]


def test_the_start_is_kept_out_of_later_collections(tmp_path):
    """Python's cycle collector is off while the window starts; at the first screen it is on
    again, with what the start made frozen out of its collections."""
    password = tmp_path / "password"
    password.write_text("demo1234\n", encoding="utf-8")
    db = str(tmp_path / "desk.sqlite3")
    init = [sys.executable, "main.py", "init", "--db", db, "--password-file", str(password)]
    assert subprocess.run(init, capture_output=True, cwd=ROOT, check=False).returncode == 0
    script = (
        "import gc, json, sys\nimport main\n"
        "from ui import application\n"
        "seen = []\n"
        "real = application.collect_from_now_on\n"
        "def collect():\n"
        "    seen.append(gc.isenabled())\n"
        "    real()\n"
        "application.collect_from_now_on = collect\n"
        "assert main.main(['--db', sys.argv[1], '--check-startup']) == 0\n"
        "print(json.dumps([seen, gc.isenabled(), gc.get_freeze_count() > 10000]))"
    )
    env = {"KEFU_USER": "admin", "KEFU_PASSWORD": "demo1234"}
    assert loaded(script, db, env=env) == [[False], True, True]


def test_a_command_loads_its_own_code_only(tmp_path):
    """The parser names every command, but builds and loads only the one given."""
    code = {*BACKUP_CODE, *DEFAULT_FOLDER}
    script = (
        "import json, sys\nfrom app import cli\n"
        "cli.parse(sys.argv[1:])\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m in {code!r})))"
    )
    db = str(tmp_path / "desk.sqlite3")
    assert loaded(script, "--db", db, "--check-startup") == []
    assert loaded(script, "report", "--month", "2026-11", "--db", db) == []
    assert loaded(script, "--db", db, "backup") == []  # parsed only: its code runs it


def test_a_postgresql_url_loads_the_driver_when_it_is_opened(db_url):
    # in this test process peewee came with psycopg; in a fresh one it comes when needed
    script = (
        "import sys\nfrom models.db import open_database\nimport models\n"
        "assert 'psycopg' not in sys.modules\n"
        "db = open_database(sys.argv[1])\n"
        "print(db.execute_sql('SELECT 41 + 1').fetchone()[0])\n"
        "with models.database.atomic():\n    models.User.select().count()\n"
        "print('[]')"
    )
    if db_url.startswith("postgresql"):
        assert loaded(script, db_url) == []
