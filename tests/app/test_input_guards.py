"""Data that must never get in: dates before the team's earliest date, control characters, and
cells a spreadsheet would run as formulas. And what is already in survives."""

import csv
import datetime as dt

import pytest

from app import cli, settings, validation
from app.complaints import service, transfer
from app.customers import installations
from app.customers.customers import CustomerData, create_customer
from app.errors import ValidationError
from app.roster import leave
from app.tabular import ImportFailed, read_table
from models import Complaint, database
from models.db import is_sqlite
from tests.conftest import PASSWORD


def write_csv(path, rows, headers=transfer.HEADERS):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([row.get(h, "") for h in headers])
    return path


def good_row(**extra):
    return {
        "投诉时间": "2026-11-20 10:00",
        "投诉人": "甲",
        "联系方式": "13800000001",
        "投诉内容": "屏幕不亮",
        **extra,
    }


def register(agent, **extra):
    fields = {
        "complainant": "陈先生",
        "contact": "13912345678",
        "category": "delivery",
        "content": "包装破损",
        **extra,
    }
    return service.register_complaint(agent, **fields)


# --- point 1: the earliest date ----------------------------------------------------------------


def test_an_import_refuses_every_date_column_before_2000_naming_row_and_column(
    db_url, agent, tmp_path
):
    path = write_csv(
        tmp_path / "in.csv",
        [
            good_row(),
            good_row(投诉时间="0206-11-25 10:00", 联系方式="13800000002"),
            good_row(承诺处理时间="1999-12-31 23:59", 联系方式="13800000003"),
            good_row(
                联系方式="13800000004",
                处理进程="0206-11-25 11:00 电话沟通（李客服）：已回电",
            ),
            good_row(联系方式="13800000005", 状态="已解决", 解决时间="0001-01-01"),
        ],
    )
    with pytest.raises(ImportFailed) as failed:
        transfer.import_complaints(agent, path)
    message = str(failed.value)
    assert "row 3, 投诉时间: 0206-11-25 10:00 is before 2000-01-01" in message
    assert "row 4, 承诺处理时间: 1999-12-31 23:59 is before 2000-01-01" in message
    assert "row 5, 处理进程: 0206-11-25 11:00 is before 2000-01-01" in message
    assert "row 6, 解决时间: 0001-01-01 00:00 is before 2000-01-01" in message
    assert "row 2" not in message
    assert Complaint.select().count() == 0


def test_a_form_refuses_a_date_before_the_team_setting(db_url, agent, admin):
    with pytest.raises(ValidationError) as refused:
        register(agent, received_at=dt.datetime(1999, 12, 31, 9, 0))
    assert set(refused.value.fields) == {"received_at"}
    assert register(agent, received_at=dt.datetime(2000, 1, 1, 9, 0)).number == "20000101-001"
    settings.put(admin, "earliest_date", "2020-01-01")
    with pytest.raises(ValidationError) as refused:
        register(agent, received_at=dt.datetime(2019, 5, 1, 9, 0))
    assert "2020-01-01" in refused.value.fields["received_at"]
    complaint = register(agent)
    with pytest.raises(ValidationError) as refused:
        service.update_complaint(agent, complaint.id, {"promised_at": dt.datetime(206, 1, 1)})
    assert set(refused.value.fields) == {"promised_at"}
    with pytest.raises(ValidationError):
        service.add_step(agent, complaint.id, "phone", "x", dt.datetime(1, 1, 1))
    with pytest.raises(ValidationError) as refused:
        settings.put(admin, "earliest_date", "0206-01-01")
    assert set(refused.value.fields) == {"earliest_date"}


def test_other_date_fields_go_through_the_same_rule(db_url, agent):
    customer = create_customer(agent, CustomerData(name="育才中学", phones=["13911112222"]))
    with pytest.raises(ValidationError) as refused:
        installations.schedule_installation(
            agent, customer, product="白板", agreed_date=dt.date(206, 11, 25)
        )
    assert set(refused.value.fields) == {"agreed_date"}
    with pytest.raises(ValidationError) as refused:
        leave.plan_for(agent, dt.datetime(206, 12, 1, 8), dt.datetime(206, 12, 1, 18), None)
    assert set(refused.value.fields) == {"start_at", "end_at"}


def _poison(complaint_id: int, year: int) -> None:
    Complaint.update(
        received_at=dt.datetime(year, 11, 25, 10, 0), promised_at=dt.datetime(year, 11, 26, 10)
    ).where(Complaint.id == complaint_id).execute()


@pytest.mark.parametrize("year", [206, 1])
def test_a_bad_date_already_in_the_database_is_exported_not_a_crash(
    db_url, agent, tmp_path, year, monkeypatch, capsys
):
    kept = register(agent)
    bad = register(agent, contact="13900001111")
    _poison(bad.id, year)
    if is_sqlite(database.obj) and year == 206:
        # what an older version wrote on SQLite for the year 206: a three-digit year
        database.execute_sql(
            "UPDATE complaint SET received_at = '206-11-25 10:00:00' WHERE id = ?", (bad.id,)
        )
    assert Complaint.get_by_id(bad.id).received_at == dt.datetime(year, 11, 25, 10, 0)
    monkeypatch.setenv("KEFU_USER", agent.login)
    monkeypatch.setenv("KEFU_PASSWORD", PASSWORD)
    out = tmp_path / "out.csv"
    assert cli.main(["export", "complaints", "--db", db_url, "-o", str(out)]) == 0
    rows = {r["编号"]: r for _n, r in read_table(out).rows}
    assert rows[kept.number]["投诉时间"] == "2026-11-26 10:30"
    assert rows[bad.number]["投诉时间"] == f"{year:04d}-11-25 10:00"
    assert "exported 2 complaint(s)" in capsys.readouterr().out


def test_the_import_writes_full_years_on_sqlite(db_url, agent, tmp_path):
    path = write_csv(tmp_path / "in.csv", [good_row()])
    transfer.import_complaints(agent, path)
    (stored,) = database.execute_sql("SELECT received_at FROM complaint").fetchone()
    assert str(stored).startswith("2026-11-20 10:00")


# --- point 3: control characters --------------------------------------------------------------


def test_text_rule():
    assert validation.text_problem("第一行\n第二行\t制表\r\n") is None
    assert "U+0000" in validation.text_problem("a\x00b")
    assert "U+001B" in validation.text_problem("\x1b[31m红")
    assert validation.clean_text("\u202egnp.exe\u200b王") == "gnp.exe王"
