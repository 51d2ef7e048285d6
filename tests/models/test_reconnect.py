"""A desk whose PostgreSQL connection was dropped (server restart, network blip) keeps working."""

import peewee

from models import User, database
from models.db import close_database, open_database
from tests.conftest import PG_URL, drop_pg_schema, make_pg_schema, need_postgres


def test_dropped_postgresql_connection_reconnects():
    need_postgres()
    schema = make_pg_schema()
    try:
        open_database(f"{PG_URL}?schema={schema}")
        database.create_tables([User])
        before = database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
        killer = peewee.PostgresqlDatabase("test", host="127.0.0.1", user="postgres")
        killer.execute_sql("SELECT pg_terminate_backend(%s)", (before,))
        killer.close()
        assert User.select().count() == 0  # the next query works
        after = database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
        assert after != before
    finally:
        close_database()
        drop_pg_schema(schema)
