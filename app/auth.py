"""Users, roles, passwords and permission checks.

Permission checks live here, so an agent calling a manager-only operation is refused whatever the
GUI shows. Passwords are stored only as argon2id hashes (slow and salted).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app import audit
from app.clock import now
from app.errors import AuthenticationFailed, NotFound, PermissionDenied, ValidationError
from app.i18n import translate
from app.operations import use_case
from app.records import save_changes

# re-exported: the acting user's type as screens hold it (they read no tables themselves)
from models import AuditLog, database
from models import User as User

ROLES = ("agent", "manager", "admin")

# permission -> roles allowed. A manager can do everything an agent can.
PERMISSIONS: dict[str, frozenset[str]] = {
    "work": frozenset({"agent", "manager"}),  # complaints, customers, callbacks, own requests
    # moving a team's registers in (complaints, customers): the desks' work, and the
    # administrator's set-up job
    "data.import": frozenset({"agent", "manager", "admin"}),
    "users.manage": frozenset({"admin"}),
    "settings.edit": frozenset({"admin"}),
    "database.manage": frozenset({"admin"}),  # backups, restore, the database check
    "audit.view": frozenset({"admin", "manager"}),
    "complaint.reassign": frozenset({"manager"}),
    "complaint.reopen": frozenset({"manager"}),
    "complaint.delete": frozenset({"manager"}),
    "customer.merge": frozenset({"manager"}),
    "roster.edit": frozenset({"manager"}),
    "swap.decide": frozenset({"manager"}),
    "leave.decide": frozenset({"manager"}),
    "callback.manage": frozenset({"manager"}),
    "reports.view": frozenset({"manager", "admin"}),
    # everyone's contacts and work logs: notes after the day, comments on the summaries
    "worklog.review": frozenset({"manager"}),
}

MIN_PASSWORD_LENGTH = 6

# after this many failed logins for one login within FAILURE_WINDOW, each further attempt
# waits FAILURE_PAUSE seconds first (on every desk: the failures are counted in the audit trail)
FAILURES_BEFORE_PAUSE = 5
FAILURE_WINDOW = dt.timedelta(minutes=10)
FAILURE_PAUSE = 3.0
LOGIN_FAILED = "login_failed"

Pause = Callable[[float], None]

# argon2id at OWASP's recommended configuration (19 MiB, 2 passes, 1 lane): about a quarter of
# the library's default cost, which made every login (and the start of the window) wait about a
# second on a busy two-core desk. A hash made with other parameters still verifies and is made
# again with these at the next successful login.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def role_label(role: str) -> str:
    return {
        "agent": translate("Roles", "Agent"),
        "manager": translate("Roles", "Manager"),
        "admin": translate("Roles", "Administrator"),
    }.get(role, role)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def needs_rehash(password_hash: str) -> bool:
    """Whether a stored hash was made with other parameters than :data:`_hasher`'s."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except (InvalidHashError, ValueError):
        return False


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def can(user: User | None, permission: str) -> bool:
    if user is None or not user.active:
        return False
    return user.role in PERMISSIONS[permission]


def require(user: User | None, permission: str) -> None:
    """Refuse a user without ``permission``, saying which role may do it (never the
    permission's internal name)."""
    if not can(user, permission):
        raise PermissionDenied(who_may(permission))


def who_may(permission: str) -> str:
    """ "Only an agent or a manager may do this.": the roles that have ``permission``."""
    roles = [role_label(role) for role in ROLES if role in PERMISSIONS[permission]]
    return translate("Auth", "Only {roles} may do this.").format(
        roles=translate("Auth", " or ").join(roles)
    )


def authenticate(login_name: str, password: str, *, pause: Pause | None = None) -> User:
    """The user for these credentials, without recording a login (the command line acts as
    this user); one message whichever part was wrong.

    A failure is audited; after :data:`FAILURES_BEFORE_PAUSE` failures for this login within
    :data:`FAILURE_WINDOW`, every further attempt first waits :data:`FAILURE_PAUSE` seconds
    with ``pause`` (``time.sleep`` unless given: the window passes one that keeps it drawn).
    """
    name = login_name.strip()
    if recent_failures(name) >= FAILURES_BEFORE_PAUSE:
        (pause or time.sleep)(FAILURE_PAUSE)
    user = User.get_or_none(User.login == name)
    if user is None or not user.active or not verify_password(user.password_hash, password):
        _record_failure(name, user)
        raise AuthenticationFailed(translate("Auth", "Wrong login or password."))
    return user


def recent_failures(login_name: str) -> int:
    """Failed logins for ``login_name`` within :data:`FAILURE_WINDOW` (every desk's)."""
    since = now() - FAILURE_WINDOW
    return (
        AuditLog.select()
        .where(
            AuditLog.action == LOGIN_FAILED,
            AuditLog.summary == login_name[:200],
            AuditLog.at >= since,
        )
        .count()
    )


def _record_failure(login_name: str, user: User | None) -> None:
    try:
        with database.atomic():
            audit.record(None, LOGIN_FAILED, "user", user.id if user else None, summary=login_name)
    except Exception as exc:  # the driver's own error on PostgreSQL, peewee's on SQLite
        if write_refused(exc) is None:
            raise  # a read-only or busy database cannot keep the failure; anything else is news


@dataclass(frozen=True)
class Login:
    """A login: the user, and whether it could be recorded (a read-only database, or one
    another process keeps locked beyond the wait, is still read)."""

    user: User
    recorded: bool = True
    read_only: bool = False


def write_refused(exc: BaseException) -> str | None:
    """``"read-only"`` or ``"locked"`` when ``exc`` says the database takes no writes now."""
    text = str(exc).lower()
    if "readonly database" in text or "read-only" in text or "read only" in text:
        return "read-only"
    if "database is locked" in text or "lock timeout" in text:
        return "locked"
    return None


def log_in(login_name: str, password: str, *, pause: Pause | None = None) -> Login:
    """Authenticate and record the login (the audit trail, ``last_login_at``); a database that
    takes no writes is still opened for reading, the login not recorded."""
    user = authenticate(login_name, password, pause=pause)
    fresh_hash = hash_password(password) if needs_rehash(user.password_hash) else None
    try:
        with database.atomic():
            if fresh_hash is not None:  # the same password, hashed at today's parameters
                User.update(password_hash=fresh_hash).where(User.id == user.id).execute()
                user.password_hash = fresh_hash
            User.update(last_login_at=now()).where(User.id == user.id).execute()
            audit.record(user, "login", "user", user.id, summary=user.login)
    except Exception as exc:  # the driver's own error on PostgreSQL, peewee's on SQLite
        refused = write_refused(exc)
        if refused is None:
            raise
        return Login(user, recorded=False, read_only=refused == "read-only")
    return Login(user)


def login(login_name: str, password: str, *, pause: Pause | None = None) -> User:
    """The user for these credentials, their login recorded when the database allows;
    one message whichever part was wrong."""
    return log_in(login_name, password, pause=pause).user


def validate_user_fields(login_name: str, name: str, employee_no: str, role: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not login_name.strip():
        errors["login"] = translate("Auth", "The login is required.")
    elif not login_name.strip().replace("_", "").replace(".", "").isalnum() or " " in login_name:
        errors["login"] = translate("Auth", "A login uses letters, digits, '.' and '_' only.")
    if not name.strip():
        errors["name"] = translate("Auth", "The name is required.")
    if not employee_no.strip():
        errors["employee_no"] = translate("Auth", "The employee number is required.")
    if role not in ROLES:
        errors["role"] = translate("Auth", "Unknown role: {role}.").format(role=role)
    return errors


def check_password_strength(password: str) -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return translate("Auth", "A password needs at least {n} characters.").format(
            n=MIN_PASSWORD_LENGTH
        )
    return None


def create_user(
    actor: User | None,
    login_name: str,
    *,
    name: str,
    employee_no: str,
    role: str,
    password: str,
) -> User:
    """Add a user. ``actor`` None is only for the first administrator (setup, ``init``). The
    password is hashed (slow on purpose) before the write transaction starts."""
    weak = check_password_strength(password)
    password_hash = hash_password(password) if weak is None else ""
    return _add_user(
        actor,
        login_name,
        name=name,
        employee_no=employee_no,
        role=role,
        password_hash=password_hash,
        weak_password=weak,
    )


@use_case
def _add_user(
    actor: User | None,
    login_name: str,
    *,
    name: str,
    employee_no: str,
    role: str,
    password_hash: str,
    weak_password: str | None,
) -> User:
    if actor is not None or User.select().exists():
        require(actor, "users.manage")
    errors = validate_user_fields(login_name, name, employee_no, role)
    if weak_password is not None:
        errors["password"] = weak_password
    if "login" not in errors and User.select().where(User.login == login_name.strip()).exists():
        errors["login"] = translate("Auth", "The login {login} is taken.").format(login=login_name)
    if "employee_no" not in errors and (
        User.select().where(User.employee_no == employee_no.strip()).exists()
    ):
        errors["employee_no"] = translate("Auth", "The employee number {no} is taken.").format(
            no=employee_no
        )
    if errors:
        raise ValidationError(errors)
    user = User.create(
        login=login_name.strip(),
        name=name.strip(),
        employee_no=employee_no.strip(),
        role=role,
        password_hash=password_hash,
    )
    audit.record_create(actor or user, user, exclude={"password_hash"})
    return user


def get_user(login_name: str) -> User:
    user = User.get_or_none(User.login == login_name)
    if user is None:
        raise NotFound(
            translate("Auth", "No user with the login {login}.").format(login=login_name)
        )
    return user


@use_case
def set_active(actor: User, user: User, active: bool) -> None:
    require(actor, "users.manage")
    if user.id == actor.id and not active:
        raise ValidationError(translate("Auth", "You cannot disable your own account."))
    if user.active == active:
        return
    User.update(active=active, version=User.version + 1, updated_at=now()).where(
        User.id == user.id
    ).execute()
    audit.record(actor, "update", "user", user.id, {"active": [user.active, active]}, user.login)
    user.active = active


def reset_password(actor: User, user: User, password: str) -> None:
    """An admin sets a new password; the user may also change their own. The password is
    hashed before the write transaction starts."""
    if actor.id != user.id:
        require(actor, "users.manage")
    if (weak := check_password_strength(password)) is not None:
        raise ValidationError({"password": weak})
    _store_password(actor, user, hash_password(password))


@use_case
def _store_password(actor: User, user: User, password_hash: str) -> None:
    if actor.id != user.id:
        require(actor, "users.manage")
    User.update(password_hash=password_hash, updated_at=now()).where(User.id == user.id).execute()
    audit.record(actor, "update", "user", user.id, {"password": ["***", "***"]}, user.login)


@use_case
def update_user(actor: User, user: User, *, name: str, employee_no: str, role: str) -> None:
    require(actor, "users.manage")
    errors = validate_user_fields(user.login, name, employee_no, role)
    clash = User.select().where(User.employee_no == employee_no.strip(), User.id != user.id)
    if "employee_no" not in errors and clash.exists():
        errors["employee_no"] = translate("Auth", "The employee number {no} is taken.").format(
            no=employee_no
        )
    if user.id == actor.id and role != "admin":
        errors["role"] = translate("Auth", "You cannot take the administrator role from yourself.")
    if errors:
        raise ValidationError(errors)
    save_changes(
        actor, user, {"name": name.strip(), "employee_no": employee_no.strip(), "role": role}
    )


def active_users(roles: tuple[str, ...] = ("agent", "manager")) -> list[User]:
    return list(User.select().where(User.active, User.role.in_(roles)).order_by(User.employee_no))


def all_users() -> list[User]:
    """Every user, by employee number (the administrator's list)."""
    return list(User.select().order_by(User.employee_no))


def find_user(user_id: int) -> User | None:
    return User.get_or_none(User.id == user_id)


def user_by_id(user_id: int) -> User:
    """The user with this id (raises NotFound)."""
    user = User.get_or_none(User.id == user_id)
    if user is None:
        raise NotFound(translate("Auth", "This user no longer exists."))
    return user


def first_manager() -> User | None:
    return User.select().where(User.active, User.role == "manager").order_by(User.id).first()


def first_active_user() -> User | None:
    """The first manager, else the first active user (screenshots are taken as them)."""
    return first_manager() or User.select().where(User.active).order_by(User.id).first()
