"""The command line acts as a user who has authenticated: ``KEFU_USER`` + ``KEFU_PASSWORD``, or
``--user LOGIN`` with the password typed; the permission is the window's, the audit rows name
that user, and without credentials a writing command refuses in one line, writing nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app import cli
from models import AuditLog, Complaint, Customer, User
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
HEADERS = "投诉时间,投诉人,联系方式,投诉内容\n"


@pytest.fixture(autouse=True)
def no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KEFU_USER", raising=False)
    monkeypatch.delenv("KEFU_PASSWORD", raising=False)


def act_as(monkeypatch: pytest.MonkeyPatch, login: str, password: str = PASSWORD) -> None:
    monkeypatch.setenv("KEFU_USER", login)
    monkeypatch.setenv("KEFU_PASSWORD", password)


def complaints_file(folder: Path) -> Path:
    path = folder / "complaints.csv"
    path.write_text(HEADERS + "2026-11-20 09:00,王老师,13800000001,白板花屏\n", encoding="utf-8")
    return path


def customers_file(folder: Path) -> Path:
    path = folder / "customers.csv"
    path.write_text("客户名称,电话\n实验小学,13900000002\n", encoding="utf-8")
    return path


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def writing_commands(db_url: str, folder: Path) -> list[list[str]]:
    add = ["user", "add", "x1", "--role", "agent", "--name", "X", "--employee-no", "X1"]
    return [
        ["import", "complaints", "--db", db_url, str(complaints_file(folder))],
        ["import", "customers", "--db", db_url, str(customers_file(folder))],
        ["demo", "--db", db_url, "--customers", "3", "--complaints", "3", "--agents", "2"],
        [*add, "--db", db_url, "--password-file", str(folder / "pw")],
        ["init", "--db", db_url],
        ["backup", "--db", db_url, "-o", str(folder / "b.zip")],
    ]


def test_every_writing_command_refuses_without_credentials_and_writes_nothing(
    db_url, admin, agent, tmp_path, capsys
):
    (tmp_path / "pw").write_text("new-user-pw\n", encoding="utf-8")
    audit_rows = AuditLog.select().count()
    for command in writing_commands(db_url, tmp_path):
        assert cli.main(["--lang", "en", *command]) == 1, command
        line = one_error_line(capsys)
        assert "KEFU_USER" in line and "--user" in line, line
    assert AuditLog.select().count() == audit_rows
    assert not Complaint.select().exists() and not Customer.select().exists()
    assert [u.login for u in User.select().order_by(User.id)] == ["admin", "agent1"]
    assert not (tmp_path / "b.zip").exists()


def test_a_wrong_password_is_refused_like_the_window(db_url, admin, tmp_path, capsys, monkeypatch):
    act_as(monkeypatch, "admin", "not-the-password")
    for command in writing_commands(db_url, tmp_path)[:2]:
        assert cli.main(["--lang", "en", *command]) == 1
        assert one_error_line(capsys) == "error: Wrong login or password."
    assert not Complaint.select().exists() and not Customer.select().exists()


def test_the_permission_is_the_windows_and_never_names_its_internal_key(
    db_url, admin, agent, tmp_path, capsys, monkeypatch
):
    act_as(monkeypatch, "agent1")
    (tmp_path / "pw").write_text("new-user-pw\n", encoding="utf-8")
    add = ["user", "add", "x1", "--role", "admin", "--name", "X", "--employee-no", "X1"]
    assert (
        cli.main(["--lang", "en", *add, "--db", db_url, "--password-file", str(tmp_path / "pw")])
        == 1
    )
    line = one_error_line(capsys)
    assert "Administrator" in line and "users.manage" not in line, line
    assert not User.select().where(User.login == "x1").exists()


def test_the_audit_trail_names_the_user_who_authenticated(
    db_url, admin, agent, tmp_path, capsys, monkeypatch
):
    act_as(monkeypatch, "agent1")
    assert cli.main(["import", "complaints", "--db", db_url, str(complaints_file(tmp_path))]) == 0
    complaint = Complaint.get()
    assert complaint.created_by.login == "agent1"
    entry = AuditLog.get(AuditLog.table == "complaint", AuditLog.record_id == complaint.id)
    assert entry.user.login == "agent1"

    act_as(monkeypatch, "admin")
    (tmp_path / "pw").write_text("new-user-pw\n", encoding="utf-8")
    add = ["user", "add", "wang", "--role", "manager", "--name", "王经理", "--employee-no", "M2"]
    assert cli.main([*add, "--db", db_url, "--password-file", str(tmp_path / "pw")]) == 0
    wang = User.get(User.login == "wang")
    entry = AuditLog.get(AuditLog.table == "user", AuditLog.record_id == wang.id)
    assert entry.user.login == "admin"


def test_user_add_and_init_need_nobody_only_on_a_database_without_users(
    sqlite_url, tmp_path, capsys
):
    (tmp_path / "pw").write_text("first-admin-pw\n", encoding="utf-8")
    add = ["user", "add", "boss", "--role", "admin", "--name", "老板", "--employee-no", "A1"]
    assert cli.main([*add, "--db", sqlite_url, "--password-file", str(tmp_path / "pw")]) == 0
    assert User.get(User.login == "boss").role == "admin"
    capsys.readouterr()
    again = ["user", "add", "x2", "--role", "agent", "--name", "X", "--employee-no", "X2"]
    cmd = [*again, "--db", sqlite_url, "--password-file", str(tmp_path / "pw")]
    assert cli.main(["--lang", "en", *cmd]) == 1
    assert "KEFU_USER" in one_error_line(capsys)
    assert cli.main(["--lang", "en", "init", "--db", sqlite_url]) == 1
    assert "KEFU_USER" in one_error_line(capsys)


pexpect = pytest.importorskip("pexpect", reason="pexpect runs commands in a terminal (POSIX)")


def test_user_option_asks_the_password_on_the_terminal(sqlite_url, admin, agent, tmp_path):
    file = complaints_file(tmp_path)

    def spawn() -> pexpect.spawn:
        return pexpect.spawn(
            sys.executable,
            [str(ROOT / "main.py"), "--lang", "en", "import", "complaints"]
            + ["--db", sqlite_url, str(file), "--user", "agent1"],
            cwd=str(ROOT),
            encoding="utf-8",
            timeout=120,
            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"},
        )

    child = spawn()  # end of input at the prompt: one line, nothing imported
    child.expect("Password for agent1: ")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    lines = [line for line in child.before.splitlines() if line.strip()]
    assert lines == ["error: No password was typed."], child.before
    assert not Complaint.select().exists()

    child = spawn()
    child.expect("Password for agent1: ")
    child.sendline(PASSWORD)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert Complaint.get().created_by.login == "agent1"


def test_the_administrator_moves_the_registers_in_at_set_up(db_url, admin, tmp_path, monkeypatch):
    act_as(monkeypatch, "admin")
    assert cli.main(["import", "customers", "--db", db_url, str(customers_file(tmp_path))]) == 0
    assert Customer.get().name == "实验小学"
    assert cli.main(["import", "complaints", "--db", db_url, str(complaints_file(tmp_path))]) == 0
    assert Complaint.get().created_by.login == "admin"


def test_a_refusal_names_the_roles_in_chinese_not_the_permission(db_url, admin, agent):
    from app import auth
    from app.errors import PermissionDenied
    from app.i18n import install_language

    install_language("zh_CN")
    with pytest.raises(PermissionDenied) as refused:
        auth.require(agent, "complaint.delete")
    assert str(refused.value) == "只有部门经理可以执行此操作。"
    with pytest.raises(PermissionDenied) as refused:
        auth.require(admin, "work")
    assert str(refused.value) == "只有客服代表或部门经理可以执行此操作。"
