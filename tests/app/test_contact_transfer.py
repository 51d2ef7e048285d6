"""The contact register in and out of spreadsheets, all or nothing, from the command line."""

import csv
import datetime as dt

import pytest

from app import cli
from app.calls import service, transfer
from app.customers.customers import CustomerData, create_customer
from app.tabular import ImportFailed, read_table
from models import ContactRecord
from tests.conftest import PASSWORD

COLUMNS = [
    "来电时间",
    "首次应答时间",
    "结束时间",
    "渠道",
    "客户名称",
    "联系方式",
    "主题",
    "结果",
    "订单编号",
    "备注",
    "坐席 (工号)",
]


@pytest.fixture(autouse=True)
def as_agent1(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's imports act as agent1, who authenticates."""
    monkeypatch.setenv("KEFU_USER", "agent1")
    monkeypatch.setenv("KEFU_PASSWORD", PASSWORD)


def write_csv(path, rows, headers=COLUMNS):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def log_some(agent, agent2):
    came = dt.datetime(2026, 11, 20, 9, 0, 0)
    service.log_contact(
        agent,
        came_in_at=came,
        answered_at=came + dt.timedelta(seconds=9),
        ended_at=came + dt.timedelta(minutes=3, seconds=30),
        channel="phone",
        contact="13812345678",
        topic="售前",
        result="order",
        order_no="SO-77",
        note="要两台 R2",
    )
    service.log_contact(
        agent2,
        came_in_at=came + dt.timedelta(hours=1),
        answered_at=came + dt.timedelta(hours=1, seconds=40),
        channel="wechat",
        customer_name="孙女士",
        contact="13900001111",
        topic="咨询",
        result="transferred",
    )
    service.log_contact(agent, came_in_at=dt.datetime(2026, 10, 31, 23, 59), topic="其他")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_has_the_registers_columns_and_round_trips(db_url, agent, agent2, tmp_path, suffix):
    create_customer(agent, CustomerData(name="育才学校", phones=["13812345678"]))
    log_some(agent, agent2)
    path = tmp_path / f"contacts{suffix}"
    assert (
        cli.main(["export", "contacts", "--db", db_url, "--month", "2026-11", "-o", str(path)]) == 0
    )
    table = read_table(path)
    assert table.headers == COLUMNS
    rows = [r for _n, r in table.rows]
    assert len(rows) == 2
    assert rows[0]["来电时间"] == "2026-11-20 09:00:00"
    assert rows[0]["首次应答时间"] == "2026-11-20 09:00:09"
    assert rows[0]["结束时间"] == "2026-11-20 09:03:30"
    assert (rows[0]["渠道"], rows[0]["客户名称"], rows[0]["结果"]) == ("电话", "育才学校", "已下单")
    assert (rows[0]["订单编号"], rows[0]["坐席 (工号)"]) == ("SO-77", "K001")
    assert (rows[1]["渠道"], rows[1]["结果"], rows[1]["坐席 (工号)"]) == ("微信", "已转接", "K002")
    ContactRecord.delete().execute()
    assert cli.main(["import", "contacts", "--db", db_url, str(path), "--user", "agent1"]) == 0
    again = list(ContactRecord.select().order_by(ContactRecord.came_in_at))
    assert [(r.agent_id, r.result, r.topic) for r in again] == [
        (agent.id, "order", "售前"),
        (agent2.id, "transferred", "咨询"),
    ]
    assert again[0].customer_id is not None and again[1].customer_id is None
    assert again[0].answered_at == dt.datetime(2026, 11, 20, 9, 0, 9)


def test_an_import_with_a_bad_row_writes_nothing_and_names_each_mistake(
    db_url, agent, tmp_path, capsys
):
    good = ["2026-11-20 09:00:00", "2026-11-20 09:00:05", "", "电话", "赵先生", "13700001111"]
    path = write_csv(
        tmp_path / "in.csv",
        [
            [*good, "咨询", "已解答", "", "", "K001"],
            [*good, "天气", "已下单", "", "", "K999"],
            ["昨天", "", "", "信鸽", "", "", "售后", "好的", "", "", ""],
        ],
    )
    assert cli.main(["--lang", "en", "import", "contacts", "--db", db_url, str(path)]) == 1
    err = capsys.readouterr().err
    assert "row 3, 主题" in err and "row 3, 订单编号" in err and "row 3, 坐席 (工号)" in err
    assert "row 4, 来电时间" in err and "row 4, 渠道" in err and "row 4, 结果" in err
    assert ContactRecord.select().count() == 0
    with pytest.raises(ImportFailed):
        transfer.import_contacts(agent, path)
    report = transfer.import_contacts(agent, path, skip_invalid=True)
    assert (report.imported, report.rejected) == (1, 2)
    assert report.rejects_file is not None and report.rejects_file.exists()
    assert ContactRecord.get().agent_id == agent.id


def test_a_missing_column_is_named(db_url, agent, tmp_path):
    path = write_csv(tmp_path / "in.csv", [["2026-11-20 09:00"]], headers=["来电时间"])
    with pytest.raises(ImportFailed) as caught:
        transfer.import_contacts(agent, path)
    assert "主题" in str(caught.value) and "结果" in str(caught.value)
