import pytest

from app import auth
from app.errors import AuthenticationFailed, PermissionDenied, ValidationError
from models import AuditLog, User
from tests.conftest import PASSWORD


def test_login_right_and_wrong_give_one_message(db_url, agent):
    assert auth.login("agent1", PASSWORD).id == agent.id
    with pytest.raises(AuthenticationFailed) as wrong_password:
        auth.login("agent1", "nope-nope")
    with pytest.raises(AuthenticationFailed) as unknown_user:
        auth.login("nobody", PASSWORD)
    assert str(wrong_password.value) == str(unknown_user.value)


def test_password_stored_only_as_slow_salted_hash(db_url, agent):
    stored = User.get_by_id(agent.id).password_hash
    assert PASSWORD not in stored
    assert stored.startswith("$argon2id$")
    other = auth.hash_password(PASSWORD)
    assert other != stored  # salted


def test_a_hash_made_at_other_parameters_is_made_again_at_login(db_url, agent):
    from argon2 import PasswordHasher

    older = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4).hash(PASSWORD)
    User.update(password_hash=older).where(User.id == agent.id).execute()
    assert auth.needs_rehash(older)
    with pytest.raises(AuthenticationFailed):
        auth.login("agent1", "nope-nope")
    assert User.get_by_id(agent.id).password_hash == older  # a wrong password changes nothing
    assert auth.login("agent1", PASSWORD).id == agent.id
    stored = User.get_by_id(agent.id).password_hash
    assert stored != older and stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert not auth.needs_rehash(stored)
    assert auth.login("agent1", PASSWORD).id == agent.id
    assert User.get_by_id(agent.id).password_hash == stored


def test_disabled_user_cannot_log_in(db_url, admin, agent):
    auth.set_active(admin, agent, False)
    with pytest.raises(AuthenticationFailed):
        auth.login("agent1", PASSWORD)


def test_agent_cannot_manage_users_or_do_manager_work(db_url, agent):
    with pytest.raises(PermissionDenied):
        auth.create_user(
            agent, "x1", name="x", employee_no="X1", role="agent", password="longenough"
        )
    with pytest.raises(PermissionDenied):
        auth.require(agent, "swap.decide")
    auth.require(agent, "work")


def test_duplicate_login_and_employee_number_are_refused(db_url, admin, agent):
    with pytest.raises(ValidationError) as err:
        auth.create_user(
            admin, "agent1", name="a", employee_no="K001", role="agent", password="longenough"
        )
    assert set(err.value.fields) == {"login", "employee_no"}


def test_reset_password_is_audited_without_the_password(db_url, admin, agent):
    auth.reset_password(admin, agent, "brand-new-pw")
    assert auth.login("agent1", "brand-new-pw").id == agent.id
    entry = (
        AuditLog.select()
        .where(AuditLog.table == "user", AuditLog.record_id == agent.id)
        .order_by(AuditLog.id.desc())
        .first()
    )
    assert "brand-new-pw" not in entry.changes


def test_a_user_change_and_its_audit_row_commit_together(db_url, admin, agent, monkeypatch):
    from app import audit as audit_module
    from models import User as UserTable

    def audit_fails(*_args, **_kwargs):
        raise RuntimeError("the audit row could not be written")

    monkeypatch.setattr(audit_module, "record", audit_fails)
    with pytest.raises(RuntimeError):
        auth.set_active(admin, agent, False)
    assert UserTable.get_by_id(agent.id).active is True
