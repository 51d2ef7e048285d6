"""First start and upgrades: create or migrate the schema, the first administrator, settings."""

from __future__ import annotations

from collections.abc import Callable

from app import auth, settings
from app.errors import ValidationError
from app.i18n import translate
from models import User


def needs_setup() -> bool:
    """True when the database has no schema or no user yet (the setup dialog's job)."""
    return not User.table_exists() or not User.select().exists()


def initialise(
    *,
    company: str | None = None,
    admin_login: str = "admin",
    admin_password: str | None = None,
    admin_name: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Create or upgrade the schema; on a database without users, create the administrator.

    Running it again changes nothing. Returns the schema version.
    """
    from app.backup.service import upgrade_schema

    _before, after, _backup = upgrade_schema(progress)
    if not User.select().exists():
        if admin_password is None:
            raise ValidationError(
                {"password": translate("Setup", "The administrator's password is required.")}
            )
        from models import database

        with database.atomic():
            auth.create_user(
                None,
                admin_login,
                name=admin_name or translate("Setup", "Administrator"),
                employee_no="A001",
                role="admin",
                password=admin_password,
            )
            if company:
                settings.store(None, "company_name", company)
    elif company and not settings.get("company_name"):
        settings.store(None, "company_name", company)
    return after
