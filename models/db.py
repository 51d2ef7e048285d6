"""The one database proxy, opened from a URL: a file path, ``sqlite:///path`` or ``postgresql://...``."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

import peewee
from playhouse.shortcuts import ReconnectMixin

from models.driver import load_psycopg

database = peewee.DatabaseProxy()

APP_NAME = "KefuDesk"

# Rollback journal (DELETE), not WAL: WAL needs shared memory between the processes that open the
# file, which a network share (SMB/NFS) cannot provide, so several desks on one shared folder would
# corrupt it. With a rollback journal every desk takes the file's own locks. synchronous=FULL keeps
# a committed complaint on disk even if the desk loses power; busy_timeout lets a desk wait for
# another desk's short write instead of failing at once. A page cache of 64 MB (SQLite's default
# is 2 MB) keeps the pages a large registry's searches and lists read again and again.
SQLITE_PRAGMAS = {
    "journal_mode": "delete",
    "foreign_keys": 1,
    "busy_timeout": 15000,
    "synchronous": "full",
    "cache_size": -65536,
}


class ReconnectingPostgresqlDatabase(ReconnectMixin, peewee.PostgresqlDatabase):
    """Reconnects once when the server dropped the connection (a restart, a network blip), so a
    desk that sat idle keeps working; inside a transaction the error is raised as usual."""

    reconnect_errors = (
        (peewee.OperationalError, "server closed the connection"),
        (peewee.OperationalError, "terminating connection"),
        (peewee.OperationalError, "connection is closed"),
        (peewee.OperationalError, "consuming input failed"),
        (peewee.InterfaceError, "connection already closed"),
        (peewee.InterfaceError, "the connection is closed"),
    )


class DatabaseUrlError(ValueError):
    """The database location cannot be understood or reached.

    The message is an English ``template`` filled with ``values``; ``app`` shows it translated.
    """

    def __init__(self, template: str, **values: object) -> None:
        self.template = template
        self.values = values
        super().__init__(template.format(**values))


def default_database_path() -> Path:
    from platformdirs import user_data_dir  # (with what it imports) only when no URL is given

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "kefu.sqlite3"


def resolve_url(cli_value: str | None) -> str:
    """``--db``, else ``KEFU_DB``, else the default file in the user's data folder."""
    return cli_value or os.environ.get("KEFU_DB") or str(default_database_path())


def describe(url: str) -> str:
    """A short, password-free description of a database URL for the status bar."""
    if url.startswith(("postgresql://", "postgres://")):
        p = urlparse(url)
        return f"PostgreSQL {p.hostname or 'localhost'}:{p.port or 5432}/{p.path.lstrip('/')}"
    return f"SQLite {sqlite_path(url)}"


def describe_database(db: peewee.Database) -> str:
    """What :func:`describe` says, for an open database: file, or server, database and schema
    (never the password)."""
    if is_sqlite(db):
        return f"SQLite {db.database}"
    params = db.connect_params
    text = (
        f"PostgreSQL {params.get('host') or 'localhost'}:{params.get('port') or 5432}/{db.database}"
    )
    options = str(params.get("options") or "")
    if "search_path=" in options:
        text += f" (schema {options.split('search_path=', 1)[1].strip()})"
    return text


def without_password(url: str) -> str:
    """The URL as it may be shown or logged: a password replaced by ``***``."""
    p = urlparse(url)
    if not p.password:
        return url
    return url.replace(f":{p.password}@", ":***@", 1)


def sqlite_path(url: str) -> str:
    """``sqlite:///rel.db`` is relative, ``sqlite:////abs/path.db`` absolute (as in SQLAlchemy)."""
    if url.startswith("sqlite:///"):
        return unquote(url[len("sqlite:///") :])
    if url.startswith("sqlite:"):
        raise DatabaseUrlError("not a SQLite URL (use sqlite:///path): {url}", url=url)
    return url


def check_url(url: str) -> str:
    """``url`` if it is a database location this program understands (a file path,
    ``sqlite:///path``, ``postgresql://…``), else :class:`DatabaseUrlError`. Only the text is
    read: no file is looked at and no server asked (:func:`make_database` does that)."""
    if "://" in url and not url.startswith(("sqlite:", "postgresql:", "postgres:")):
        raise DatabaseUrlError(
            "unknown database URL scheme: {scheme} (use a file path, sqlite:///path or "
            "postgresql://user:password@host:port/database)",
            scheme=url.split("://")[0],
        )
    if not url.startswith(("postgresql://", "postgres://")):
        sqlite_path(url)
        return url
    p = urlparse(url)
    if not p.path.lstrip("/"):
        raise DatabaseUrlError(
            "the PostgreSQL URL names no database: {url}", url=without_password(url)
        )
    try:
        p.port  # noqa: B018 (urllib checks the port when it is read)
    except ValueError as exc:
        raise DatabaseUrlError(
            "not a valid port in the PostgreSQL URL: {url}", url=without_password(url)
        ) from exc
    schema = parse_qs(p.query).get("schema", [""])[0]
    if schema and not schema.replace("_", "").isalnum():
        raise DatabaseUrlError("not a valid schema name: {schema}", schema=schema)
    return url


def make_database(url: str) -> peewee.Database:
    check_url(url)
    if url.startswith(("postgresql://", "postgres://")):
        load_psycopg()
        p = urlparse(url)
        name = p.path.lstrip("/")
        port = p.port or 5432
        extra: dict[str, Any] = {}
        schema = parse_qs(p.query).get("schema", [""])[0]
        if schema:  # ?schema=NAME: keep Kefu Desk's tables in their own schema
            extra["options"] = f"-c search_path={schema}"
        return ReconnectingPostgresqlDatabase(
            unquote(name),
            user=unquote(p.username) if p.username else None,
            password=unquote(p.password) if p.password else None,
            host=p.hostname or "localhost",
            port=port,
            connect_timeout=5,
            # every statement planned for its own values: psycopg would otherwise prepare a
            # statement run five times, and the server then plan it once for any value, where a
            # search's LIKE pattern can no longer choose its index (a number's beginning its
            # btree range, a short word its index): a search went from 20 ms to 6 s by its
            # eleventh run
            prepare_threshold=None,
            **extra,
        )
    path = Path(sqlite_path(url)).expanduser()
    if not path.parent.exists() and path == default_database_path():
        path.parent.mkdir(parents=True, exist_ok=True)  # a fresh machine's first start
    if path.is_dir():
        raise DatabaseUrlError("the database path is a folder: {path}", path=path)
    if not path.parent.exists():
        raise DatabaseUrlError(
            "the folder for the database does not exist: {folder}", folder=path.parent
        )
    return peewee.SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, timeout=15, autoconnect=True)


def open_database(url: str) -> peewee.Database:
    """Initialise the proxy and connect; unreachable servers become a :class:`DatabaseUrlError`."""
    db = make_database(url)
    try:
        db.connect(reuse_if_open=True)
    except peewee.DatabaseError as exc:  # unreachable server, a file that is no database
        raise DatabaseUrlError(
            "cannot open the database {database}: {problem}",
            database=describe(url),
            problem=first_line(exc),
        ) from exc
    schema = parse_qs(urlparse(url).query).get("schema", [""])[0] if "://" in url else ""
    if schema and not is_sqlite(db):
        found = db.execute_sql("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema.lower(),))
        if found.fetchone() is None:
            db.close()
            raise DatabaseUrlError(
                "the schema {schema} does not exist in {database}: "
                "create it first (CREATE SCHEMA {schema})",
                schema=schema,
                database=describe(url),
            )
    database.initialize(db)
    return db


def close_database() -> None:
    if database.obj is not None and not database.is_closed():
        database.close()


def first_line(exc: BaseException) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    return text.splitlines()[0]


def is_sqlite(db: peewee.Database | None = None) -> bool:
    target = db if db is not None else database.obj
    return isinstance(target, peewee.SqliteDatabase)


@contextmanager
def write_transaction() -> Iterator[None]:
    """A transaction that takes the write lock up front.

    On SQLite a deferred transaction that reads first and writes later cannot wait for another
    desk's lock (it fails with "database is locked"); ``BEGIN IMMEDIATE`` waits its turn instead.
    On PostgreSQL row locks do this job, so a plain transaction is right.
    """
    db = database.obj
    try:
        if is_sqlite(db) and not db.in_transaction():
            with db.atomic("IMMEDIATE"):
                yield
        else:
            with db.atomic():
                yield
    except peewee.OperationalError as exc:
        # SQLite ends the transaction itself on some errors (a full disk): the rollback then
        # fails with "no transaction is active", which would hide the cause
        if "no transaction is active" not in str(exc):
            raise
        cause: BaseException | None = exc
        while cause is not None and "no transaction is active" in str(cause):
            cause = cause.__context__
        if cause is None or isinstance(cause, peewee.PeeweeException):
            raise cause or exc from None
        if isinstance(cause, sqlite3.Error):  # from a raw cursor (bulk inserts)
            raise peewee.OperationalError(*cause.args) from cause
        raise cause from None


DISK_FULL_SQLSTATE = "53100"  # PostgreSQL's disk_full


def is_disk_full(exc: BaseException) -> bool:
    """The database could not write because its disk (or its size limit) is full."""
    for error in (exc, exc.__cause__, exc.__context__):
        if error is None:
            continue
        if "database or disk is full" in str(error) or "No space left on device" in str(error):
            return True
        if getattr(error, "sqlstate", None) == DISK_FULL_SQLSTATE:
            return True
    return False
