"""PostgreSQL's driver is loaded only when a PostgreSQL database is opened.

peewee imports psycopg as it is imported itself, which costs a desk on a SQLite file a good part
of its start. :func:`import_peewee` imports peewee (and the playhouse modules the schema
migrations use) with psycopg hidden; :func:`load_psycopg` gives peewee the driver when a
PostgreSQL URL is opened. When peewee was imported before (a test run), nothing changes.
"""

from __future__ import annotations

import importlib
import sys

_HIDDEN = "psycopg"


def import_peewee() -> None:
    if "peewee" in sys.modules or _HIDDEN in sys.modules:
        return
    sys.modules[_HIDDEN] = None  # type: ignore[assignment]  # "import psycopg" fails at once
    try:
        importlib.import_module("peewee")
        importlib.import_module("playhouse.migrate")
    finally:
        del sys.modules[_HIDDEN]


def load_psycopg() -> None:
    """Give peewee the psycopg driver (when it was imported without it)."""
    import peewee

    if peewee.psycopg is not None:
        return
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    peewee.psycopg = psycopg
    peewee.TransactionStatus = TransactionStatus  # type: ignore[attr-defined]
    peewee.Json_pg3 = Json  # type: ignore[attr-defined]
    peewee.Jsonb_pg3 = Jsonb  # type: ignore[attr-defined]
    adapter = peewee.Psycopg3Adapter  # type: ignore[attr-defined]
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN


import_peewee()  # on import of ``models``, before anything else imports peewee
