"""Where the database is: ``--db``, else ``KEFU_DB``, else the user's data folder; what a URL may be."""

from __future__ import annotations

from pathlib import Path

import pytest

from models import database
from models.db import (
    DatabaseUrlError,
    check_url,
    close_database,
    default_database_path,
    describe,
    make_database,
    open_database,
    resolve_url,
)


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "data-home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.delenv("KEFU_DB", raising=False)
    return home


def test_db_option_beats_environment_beats_default(data_home, monkeypatch):
    default = str(data_home / "KefuDesk" / "kefu.sqlite3")
    assert resolve_url(None) == default == str(default_database_path())
    monkeypatch.setenv("KEFU_DB", "/srv/team/kefu.sqlite3")
    assert resolve_url(None) == "/srv/team/kefu.sqlite3"
    assert resolve_url("postgresql://kefu@db/kefu") == "postgresql://kefu@db/kefu"


def test_default_file_is_created_in_a_new_data_folder(data_home):
    """On a fresh machine the data folder does not exist yet; the first start makes it."""
    try:
        open_database(resolve_url(None))
        database.execute_sql("CREATE TABLE probe (x INTEGER)")
    finally:
        close_database()
    assert (data_home / "KefuDesk" / "kefu.sqlite3").is_file()


def test_sqlite_url_forms(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for url, expected in (
        ("sqlite:///relative.db", tmp_path / "relative.db"),
        (f"sqlite:///{tmp_path}/absolute.db", tmp_path / "absolute.db"),
        (str(tmp_path / "plain.sqlite3"), tmp_path / "plain.sqlite3"),
        ("plain-relative.db", tmp_path / "plain-relative.db"),
    ):
        try:
            open_database(url)
            database.execute_sql("CREATE TABLE probe (x INTEGER)")
        finally:
            close_database()
        assert expected.is_file(), url
        assert describe(url).startswith("SQLite ")


def test_sqlite_pragmas_are_safe_for_a_shared_folder(tmp_path):
    try:
        db = open_database(str(tmp_path / "kefu.sqlite3"))
        pragma = {
            name: db.execute_sql(f"PRAGMA {name}").fetchone()[0]
            for name in ("journal_mode", "foreign_keys", "busy_timeout")
        }
    finally:
        close_database()
    assert pragma["journal_mode"].lower() == "delete"
    assert pragma["foreign_keys"] == 1
    assert pragma["busy_timeout"] > 0


@pytest.mark.parametrize("fresh_url", ["postgres"], indirect=True)
def test_postgresql_url_with_schema_keeps_tables_in_that_schema(fresh_url):
    schema = fresh_url.rsplit("schema=", 1)[1]
    db = open_database(fresh_url)
    assert db.execute_sql("SELECT current_schema()").fetchone()[0] == schema
    db.execute_sql("CREATE TABLE probe (x INTEGER)")
    assert "probe" in db.get_tables(schema=schema)
    assert "password" not in describe("postgresql://kefu:s3cret@db.example:5433/team")
    assert describe("postgresql://kefu:s3cret@db.example:5433/team") == (
        "PostgreSQL db.example:5433/team"
    )


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("mysql://root@localhost/kefu", "unknown database URL scheme: mysql"),
        ("sqlite:kefu.db", "sqlite:///"),
        ("postgresql://postgres@127.0.0.1:5432/", "names no database"),
        ("postgresql://postgres@127.0.0.1:5432/test?schema=x;drop", "schema name"),
        ("postgresql://postgres@127.0.0.1:port/test", "not a valid port"),
        ("postgresql://postgres@127.0.0.1:99999/test", "not a valid port"),
        ("postgresql://kefu:s3cret@127.0.0.1:5432/", "postgresql://kefu:***@127.0.0.1:5432/"),
    ],
)
def test_bad_urls_are_refused_with_a_clear_message(url, words):
    with pytest.raises(DatabaseUrlError) as err:
        make_database(url)
    assert words in str(err.value)
    assert "s3cret" not in str(err.value)
    with pytest.raises(DatabaseUrlError) as err:  # the same reading of the text alone
        check_url(url)
    assert words in str(err.value)


def test_check_url_accepts_every_form_without_looking_at_files(tmp_path):
    for url in (
        "kefu.sqlite3",
        str(tmp_path / "no-such-folder" / "kefu.sqlite3"),
        r"\\server\kefu\kefu.sqlite3",
        "C:\\kefu\\kefu.sqlite3",
        "sqlite:///kefu.sqlite3",
        "postgresql://kefu:s3cret@db.example:5433/team?schema=kefu",
        "postgres://db.example/team",
    ):
        assert check_url(url) == url
    assert not (tmp_path / "no-such-folder").exists()


def test_missing_folder_and_folder_instead_of_file(tmp_path):
    with pytest.raises(DatabaseUrlError) as err:
        open_database(str(tmp_path / "no-such-folder" / "kefu.sqlite3"))
    assert "does not exist" in str(err.value) and "no-such-folder" in str(err.value)
    with pytest.raises(DatabaseUrlError) as err:
        open_database(str(tmp_path))
    assert "folder" in str(err.value)


def test_unreachable_server_is_a_database_url_error():
    with pytest.raises(DatabaseUrlError) as err:
        open_database("postgresql://postgres@127.0.0.1:1/kefu")
    message = str(err.value)
    assert "127.0.0.1:1" in message
    assert "\n" not in message


def test_a_file_that_is_no_database_is_refused_clearly(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("客服部会议记录：" + "x" * 200, encoding="utf-8")
    with pytest.raises(DatabaseUrlError) as err:
        open_database(str(notes))
    assert "notes.txt" in str(err.value) and "not a database" in str(err.value)


def test_a_missing_postgresql_schema_is_named():
    from tests.conftest import PG_URL, need_postgres

    need_postgres()
    with pytest.raises(DatabaseUrlError) as err:
        open_database(f"{PG_URL}?schema=no_such_schema_here")
    assert "no_such_schema_here does not exist" in str(err.value)
