"""Spreadsheets in and out: what goes out comes back the same, whatever the agents typed."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import ValidationError
from app.tabular import (
    ImportFailed,
    RowError,
    parse_date,
    parse_datetime,
    read_table,
    rejects_path,
    require_headers,
    write_rejects,
    write_table,
)

HEADERS = ["编号", "投诉内容", "联系方式", "投诉时间"]
ROWS = [
    [
        "20261125-001",
        "投影仪无法开机。\n客户已重启两次。",
        "13812345678",
        dt.datetime(2026, 11, 25, 9, 5),
    ],
    ["20261125-002", "=SUM(A1:A2) 不是公式", "+85291234567", dt.datetime(2026, 11, 25, 9, 6, 30)],
    ["20261125-003", "从微信粘贴：\u2028第二段\x0b结束", "010-12345678", dt.date(2026, 11, 24)],
    ["20261125-004", None, 13812345678.0, ""],
]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_written_rows_read_back_the_same(tmp_path, suffix):
    path = tmp_path / f"complaints{suffix}"
    assert write_table(path, HEADERS, ROWS) == 4
    table = read_table(path)
    assert table.headers == HEADERS
    assert [number for number, _ in table.rows] == [2, 3, 4, 5]
    first, second, third, fourth = (values for _, values in table.rows)
    assert first["投诉内容"] == "投影仪无法开机。\n客户已重启两次。"
    assert first["投诉时间"] == "2026-11-25 09:05"
    assert second["投诉内容"] == "=SUM(A1:A2) 不是公式"
    assert second["联系方式"] == "+85291234567"
    assert second["投诉时间"] == "2026-11-25 09:06:30"
    assert third["编号"] == "20261125-003"
    assert third["投诉内容"].startswith("从微信粘贴：\u2028第二段")
    assert third["联系方式"] == "010-12345678"
    assert third["投诉时间"] == "2026-11-24"
    assert fourth == {
        "编号": "20261125-004",
        "投诉内容": "",
        "联系方式": "13812345678",
        "投诉时间": "",
    }


def test_csv_opens_in_excel_and_gb18030_files_are_read(tmp_path):
    path = tmp_path / "out.csv"
    write_table(path, HEADERS, ROWS[:1])
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes("投诉人,联系方式\n张老师,13812345678\n,\n".encode("gb18030"))
    table = read_table(legacy)
    assert table.headers == ["投诉人", "联系方式"]
    assert table.rows == [(2, {"投诉人": "张老师", "联系方式": "13812345678"})]


def test_wrong_or_empty_files_are_refused(tmp_path):
    with pytest.raises(ValidationError) as err:
        read_table(tmp_path / "list.txt")
    assert "list.txt" in err.value.fields["file"]
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError):
        read_table(empty)
    with pytest.raises(FileNotFoundError):
        read_table(tmp_path / "missing.xlsx")


def test_missing_columns_and_rejects(tmp_path):
    path = tmp_path / "in.csv"
    write_table(path, ["电话", "姓名"], [["13812345678", "王老师"], ["abc", ""]])
    table = read_table(path)
    require_headers(table, ["phone", "name"], aliases={"电话": "phone", "姓名": "name"})
    assert table.rows[0] == (2, {"phone": "13812345678", "name": "王老师"})
    with pytest.raises(ImportFailed) as err:
        require_headers(table, ["phone", "name", "address"])
    assert [e.column for e in err.value.errors] == ["address"]
    assert "address" in str(err.value)

    bad = [(3, table.rows[1][1], [RowError(3, "phone", "不是电话"), RowError(3, "name", "必填")])]
    target = write_rejects(path, ["phone", "name"], bad)
    assert target == rejects_path(path)
    back = read_table(target)
    assert back.rows[0][1]["phone"] == "abc"
    reasons = list(back.rows[0][1].values())[-1]
    assert "不是电话" in reasons and "必填" in reasons


def test_two_columns_meaning_the_same_are_refused_not_merged_silently(tmp_path):
    path = tmp_path / "in.csv"
    write_table(path, ["姓名", "手机", "联系电话"], [["王老师", "13800138000", "010-62751234"]])
    table = read_table(path)
    with pytest.raises(ImportFailed) as err:
        require_headers(
            table, ["name"], aliases={"姓名": "name", "手机": "电话", "联系电话": "电话"}
        )
    assert [(e.row, e.column) for e in err.value.errors] == [(1, "电话")]

    write_table(path, ["姓名", "备注", "备注"], [["王老师", "a", "b"]])
    with pytest.raises(ImportFailed):
        require_headers(read_table(path), ["姓名"])
    write_table(path, ["姓名", "", ""], [["王老师", "", ""]])  # blank trailing columns are fine
    require_headers(read_table(path), ["姓名"])


def test_date_parsing():
    assert parse_datetime("2026/11/25 09:30") == dt.datetime(2026, 11, 25, 9, 30)
    assert parse_datetime("2026-11-25T09:30:15") == dt.datetime(2026, 11, 25, 9, 30, 15)
    assert parse_datetime("2026-11-25") == dt.datetime(2026, 11, 25)
    assert parse_datetime("25.11.2026") is None
    assert parse_date("2026/11/25 18:00") == dt.date(2026, 11, 25)
