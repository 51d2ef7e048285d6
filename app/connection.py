"""Where this machine's desk finds the database: a file on this computer, a file on a shared
folder, or a PostgreSQL server (DOMAIN: every desk of the team works on one database).

The choice itself is remembered per machine by the window (Qt's settings); the PostgreSQL password
never goes there nor onto a command line: it lives in the system's credential store (Windows
Credential Manager, macOS Keychain, Secret Service) through ``keyring``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import keyring
import keyring.errors
import peewee

from app.errors import KefuError
from app.i18n import translate
from models.db import default_database_path

LOCAL = "local"
SHARED = "shared"
POSTGRESQL = "postgresql"
KINDS = (LOCAL, SHARED, POSTGRESQL)
KEYRING_SERVICE = "Kefu Desk"


@dataclass(frozen=True)
class Choice:
    kind: str = LOCAL
    path: str = ""  # the file (shared folder); the local file is the default path
    host: str = "localhost"
    port: int = 5432
    database: str = "kefu"
    user: str = "kefu"

    def file(self) -> Path:
        return default_database_path() if self.kind == LOCAL else Path(self.path).expanduser()

    @property
    def account(self) -> str:
        """Whose password the credential store keeps: user@host:port/database."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"


def url_of(choice: Choice, password: str = "") -> str:
    """The database URL for ``open_desk`` (kept in memory only)."""
    if choice.kind != POSTGRESQL:
        return str(choice.file())
    secret = f":{quote(password, safe='')}" if password else ""
    return (
        f"postgresql://{quote(choice.user, safe='')}{secret}@{choice.host}:{choice.port}/"
        f"{quote(choice.database, safe='')}"
    )


def problems(choice: Choice) -> dict[str, str]:
    """What is missing or wrong in a choice, by field."""
    found: dict[str, str] = {}
    if choice.kind == SHARED:
        if not choice.path.strip():
            found["path"] = translate("Connection", "Choose the file on the shared folder.")
        elif not Path(choice.path).expanduser().parent.is_dir():
            found["path"] = translate(
                "Connection", "The folder {folder} cannot be reached from this computer."
            ).format(folder=Path(choice.path).expanduser().parent)
    if choice.kind == POSTGRESQL:
        if not choice.host.strip():
            found["host"] = translate("Connection", "Give the server's name or address.")
        if not 0 < choice.port < 65536:
            found["port"] = translate("Connection", "The port is a number from 1 to 65535.")
        if not choice.database.strip():
            found["database"] = translate("Connection", "Give the database's name.")
        if not choice.user.strip():
            found["user"] = translate("Connection", "Give the user name.")
    return found


def check_server(choice: Choice, password: str) -> None:
    """Connect once to the PostgreSQL server; KefuError with the reason in one line otherwise."""
    db = peewee.PostgresqlDatabase(
        choice.database,
        host=choice.host,
        port=choice.port,
        user=choice.user,
        password=password or None,
        connect_timeout=5,
    )
    try:
        db.connect()
        db.execute_sql("SELECT 1")
    except peewee.DatabaseError as exc:  # OperationalError and the like
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise KefuError(
            translate("Connection", "The server did not accept the connection: {reason}").format(
                reason=reason
            )
        ) from exc
    finally:
        if not db.is_closed():
            db.close()


def store_password(choice: Choice, password: str) -> bool:
    """Keep the password in the system's credential store; False when there is none."""
    try:
        keyring.set_password(KEYRING_SERVICE, choice.account, password)
    except keyring.errors.KeyringError:
        return False
    return True


def stored_password(choice: Choice) -> str | None:
    try:
        return keyring.get_password(KEYRING_SERVICE, choice.account)
    except keyring.errors.KeyringError:
        return None
