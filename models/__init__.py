"""Tables, the database proxy and the schema migrations. No Qt, no application rules."""

# first of all: peewee imported without PostgreSQL's driver (models/driver.py)
from models import driver as _driver  # noqa: F401, I001
from models.base import BaseModel, VersionedModel, now
from models.db import database, write_transaction
from models.tables import *  # noqa: F403
from models.tables import ALL_TABLES

__all__ = ["ALL_TABLES", "BaseModel", "VersionedModel", "database", "now", "write_transaction"]
