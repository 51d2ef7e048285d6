import csv
import datetime as dt
import re

import pytest
from pypdf import PdfReader

from app import cli
from app.clock import Month
from app.complaints import service, sheet, transfer
from app.tabular import ImportFailed, read_table
from models import Complaint, ComplaintNumberSequence, ProgressStep, now
from tests.conftest import PASSWORD


def fill_registry(agent, agent2):
    base = dt.datetime(2026, 10, 30, 9, 15)
    a = service.register_complaint(
        agent,
        complainant="王女士",
        contact="138 1234 5678",
        received_at=base,
        channel="phone",
        category="quality",
        severity="serious",
        order_no="DD-1001",
        content="白板开机后画面闪烁，\n已经第二次报修。",
    )
    service.add_step(agent, a.id, "phone", "电话确认故障现象", base + dt.timedelta(hours=1))
    service.add_step(agent, a.id, "onsite", "上门更换主板", base + dt.timedelta(hours=5))
    service.resolve_complaint(agent, a.id, "更换主板后正常")
    service.close_after_callback(agent, a.id, 4, "客户满意")
    service.register_complaint(
        agent2,
        complainant="育才中学",
        contact="wx:yucai_school",
        received_at=base + dt.timedelta(days=2),
        channel="wechat",
        category="delivery",
        content="教材三天未送达",
    )
    service.register_complaint(
        agent,
        complainant="Tom Lee",
        contact="tom.lee@example.com",
        received_at=base + dt.timedelta(days=2, hours=3),
        channel="email",
        category="price",
        content="发票金额与合同不符",
    )


def empty_registry():
    ProgressStep.delete().execute()
    Complaint.delete().execute()
    ComplaintNumberSequence.delete().execute()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_export_import_export_gives_the_same_file(
    db_url, agent, agent2, tmp_path, suffix
):
    fill_registry(agent, agent2)
    first = tmp_path / f"first{suffix}"
    assert transfer.export_complaints(first) == 3
    empty_registry()
    report = transfer.import_complaints(agent, first)
    assert report.imported == 3
    second = tmp_path / f"second{suffix}"
    transfer.export_complaints(second)
    assert read_table(first).rows == read_table(second).rows
    if suffix == ".csv":
        assert first.read_bytes() == second.read_bytes()
        assert first.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_table(first).headers == list(transfer.HEADERS)
    c = Complaint.get(Complaint.number == "20261030-001")
    assert (c.status, c.satisfaction, c.handler_id) == ("closed", 4, agent.id)
    assert [s.kind for s in service.steps_of(c.id)][:2] == ["phone", "onsite"]
    assert (
        service.register_complaint(
            agent,
            complainant="x",
            contact="13900001111",
            received_at=dt.datetime(2026, 11, 1, 10, 0),
            category="other",
            content="y",
        ).number
        == "20261101-003"
    )


def write_csv(path, rows, headers=transfer.HEADERS):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([row.get(h, "") for h in headers])
    return path


def test_import_is_all_or_nothing_and_reports_every_bad_row(db_url, agent, tmp_path):
    path = write_csv(
        tmp_path / "in.csv",
        [
            {
                "投诉时间": "2026-11-20 10:00",
                "投诉人": "甲",
                "联系方式": "13800000001",
                "投诉内容": "好的",
            },
            {"投诉时间": "2026-13-01", "投诉人": "乙", "联系方式": "12345", "投诉内容": "坏的"},
            {"投诉时间": "2026/11/21", "投诉人": "", "联系方式": "13800000003", "投诉内容": ""},
            {
                "投诉时间": "2026-11-21 08:00",
                "投诉人": "丙",
                "联系方式": "13800000004",
                "投诉内容": "x",
                "渠道": "传真",
                "客户满意度": "9",
            },
        ],
    )
    with pytest.raises(ImportFailed) as err:
        transfer.import_complaints(agent, path)
    found = {(e.row, e.column) for e in err.value.errors}
    assert found == {
        (3, "投诉时间"),
        (3, "联系方式"),
        (4, "投诉人"),
        (4, "投诉内容"),
        (5, "渠道"),
        (5, "客户满意度"),
    }
    assert Complaint.select().count() == 0
    assert ComplaintNumberSequence.select().count() == 0


def test_import_rejects_times_that_cannot_have_happened(db_url, agent, tmp_path):
    """Times out of order would make the handling-time and on-time figures wrong."""
    later = (now() + dt.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    row = {"投诉人": "甲", "联系方式": "13800000001", "投诉内容": "屏幕不亮"}
    path = write_csv(
        tmp_path / "in.csv",
        [
            {**row, "投诉时间": "2026-11-20 10:00", "承诺处理时间": "2026-11-19 10:00"},
            {**row, "投诉时间": "2026-11-20 10:00", "状态": "已解决", "解决时间": "2026-11-19"},
            {**row, "投诉时间": "2026-11-20 10:00", "状态": "已解决", "解决时间": later},
            {**row, "投诉时间": "2026-11-20 10:00", "处理进程": "2026-11-19 09:00 电话沟通：早了"},
            {**row, "投诉时间": "2026-11-20 10:00", "处理进程": f"{later} 电话沟通：还没到"},
            {
                **row,
                "投诉时间": "2026-11-20 10:00",
                "状态": "已解决",
                "解决时间": "2026-11-21 10:00",
                "处理进程": "2026-11-20 11:00 电话沟通：已确认",
            },
        ],
    )
    with pytest.raises(ImportFailed) as err:
        transfer.import_complaints(agent, path)
    found = {(e.row, e.column) for e in err.value.errors}
    assert found == {
        (2, "承诺处理时间"),
        (3, "解决时间"),
        (4, "解决时间"),
        (5, "处理进程"),
        (6, "处理进程"),
    }
    assert Complaint.select().count() == 0


def test_skip_invalid_imports_the_rest_and_writes_rejects(db_url, agent, tmp_path):
    path = write_csv(
        tmp_path / "in.csv",
        [
            {
                "投诉时间": "2026-11-20 10:00",
                "投诉人": "甲",
                "联系方式": "13800000001",
                "投诉内容": "a",
            },
            {"投诉时间": "2026-11-20 11:00", "投诉人": "乙", "联系方式": "abc", "投诉内容": "b"},
        ],
    )
    report = transfer.import_complaints(agent, path, skip_invalid=True)
    assert (report.imported, report.rejected) == (1, 1)
    rejects = read_table(report.rejects_file)
    assert len(rejects.rows) == 1
    row_number, values = rejects.rows[0]
    assert values["投诉人"] == "乙" and "联系方式" in values[rejects.headers[-1]]


def test_english_headers_and_labels_digits_and_dates(db_url, agent, tmp_path):
    service.register_complaint(
        agent,
        complainant="先来的",
        contact="13800000009",
        received_at=dt.datetime(2026, 11, 19, 8, 0),
        category="other",
        content="x",
    )
    headers = (
        "Received at",
        "Complainant",
        "Contact",
        "Content",
        "Channel",
        "Category",
        "Severity",
        "Status",
        "Satisfaction",
        "Result",
        "Handler",
    )
    path = write_csv(
        tmp_path / "en.csv",
        [
            {
                "Received at": "2026/11/19 09:30",
                "Complainant": "Li Ming",
                "Contact": "+86 139 0000 1111",
                "Content": "Screen flickers",
                "Channel": "E-mail",
                "Category": "产品质量",
                "Severity": "major",
                "Status": "Closed after callback",
                "Satisfaction": "4",
                "Result": "Replaced",
                "Handler": "K001",
            },
            {
                "Received at": "2026-11-19",
                "Complainant": "王",
                "Contact": "0755-12345678",
                "Content": "没人回电",
                "Satisfaction": "不满意",
            },
        ],
        headers,
    )
    transfer.import_complaints(agent, path)
    first = Complaint.get(Complaint.complainant == "Li Ming")
    assert first.number == "20261119-002"
    assert (first.channel, first.category, first.severity, first.status) == (
        "email",
        "quality",
        "major",
        "closed",
    )
    assert (first.satisfaction, first.handler_id, first.contact) == (4, agent.id, "13900001111")
    second = Complaint.get(Complaint.complainant == "王")
    assert second.number == "20261119-003"
    assert second.received_at == dt.datetime(2026, 11, 19)
    assert second.satisfaction == 2


def test_numbers_in_the_file_are_kept_and_never_duplicated(db_url, agent, tmp_path):
    row = {
        "编号": "20261118-005",
        "投诉时间": "2026-11-18 10:00",
        "投诉人": "甲",
        "联系方式": "13800000001",
        "投诉内容": "a",
    }
    auto = {**row, "编号": "", "投诉人": "乙"}
    transfer.import_complaints(agent, write_csv(tmp_path / "a.csv", [row, auto]))
    assert sorted(c.number for c in Complaint.select()) == ["20261118-005", "20261118-006"]
    with pytest.raises(ImportFailed) as err:
        transfer.import_complaints(agent, write_csv(tmp_path / "b.csv", [row]))
    assert "20261118-005" in str(err.value)
    bad_day = {**row, "编号": "20261117-001"}
    with pytest.raises(ImportFailed):
        transfer.import_complaints(agent, write_csv(tmp_path / "c.csv", [bad_day]))


def test_cli_import_export_and_print(db_url, agent, agent2, tmp_path, capsys, monkeypatch):
    fill_registry(agent, agent2)
    monkeypatch.setenv("KEFU_USER", "agent1")  # the imports act as this user
    monkeypatch.setenv("KEFU_PASSWORD", PASSWORD)
    out = tmp_path / "out.xlsx"
    assert (
        cli.main(
            [
                "--lang",
                "en",
                "export",
                "complaints",
                "--db",
                db_url,
                "--month",
                "2026-11",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert len(read_table(out).rows) == 2
    pdf_path = tmp_path / "sheet.pdf"
    assert (
        cli.main(
            [
                "--lang",
                "en",
                "print",
                "complaint-sheet",
                "--db",
                db_url,
                "--month",
                "2026-11",
                "-o",
                str(pdf_path),
            ]
        )
        == 0
    )
    reader = PdfReader(str(pdf_path))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "育才中学" in text and "教材三天未送达" in text
    bad = write_csv(
        tmp_path / "bad.csv",
        [{"投诉时间": "tomorrow", "投诉人": "甲", "联系方式": "13800000001", "投诉内容": "a"}],
    )
    assert (
        cli.main(
            ["--lang", "en", "import", "complaints", "--db", db_url, str(bad), "--user", "agent1"]
        )
        == 1
    )
    assert "投诉时间" in capsys.readouterr().err
    assert (
        cli.main(
            ["--lang", "en", "import", "complaints", "--db", db_url, str(bad), "--skip-invalid"]
        )
        == 0
    )
    assert (tmp_path / "bad.rejects.csv").exists()
    assert (
        cli.main(
            [
                "--lang",
                "en",
                "export",
                "complaints",
                "--db",
                db_url,
                "--month",
                "2026-99",
                "-o",
                str(out),
            ]
        )
        == 1
    )


def test_single_complaint_record_fits_one_page(db_url, agent, agent2, tmp_path):
    fill_registry(agent, agent2)
    c = Complaint.get(Complaint.number == "20261030-001")
    path = sheet.print_complaint_record(tmp_path / "one.pdf", c.id)
    reader = PdfReader(str(path))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "20261030-001" in text and "上门更换主板" in text and "王女士" in text


def test_monthly_sheet_has_header_on_each_page_and_totals(db_url, agent, tmp_path):
    received = now().replace(day=1, hour=8, minute=0, second=0)
    for i in range(60):
        service.register_complaint(
            agent,
            complainant=f"客户{i}",
            contact=f"139{i:08d}",
            received_at=received,
            category="quality" if i % 2 else "repair",
            content="设备故障，" * 30,
        )
    path = sheet.print_monthly_sheet(tmp_path / "m.pdf", Month.of(received))
    reader = PdfReader(str(path))
    assert len(reader.pages) > 2
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages[:-1], start=1):
        assert (
            f"{number} of {pages}" in page.extract_text() or f"{number} 页" in page.extract_text()
        )
        header = page.extract_text()
        assert ("No." in header and "Received" in header) or (
            "编号" in header and "投诉时间" in header
        )
    totals = " ".join(" ".join(page.extract_text() for page in reader.pages[-2:]).split())
    assert "Product quality 30" in totals and "Repair 30" in totals
    assert re.search(r"Complaints received \[\d+\] 60", totals)


def test_sheet_in_chinese_has_the_regulation_columns(db_url, agent, agent2, tmp_path):
    from app.i18n import install_language

    fill_registry(agent, agent2)
    install_language("zh_CN")
    try:
        path = sheet.print_monthly_sheet(tmp_path / "zh.pdf", Month(2026, 10))
    finally:
        install_language("en")
    text = "".join(page.extract_text() for page in PdfReader(str(path)).pages)
    for word in (
        "月度投诉登记表",
        "编号",
        "投诉时间",
        "投诉人",
        "联系方式",
        "投诉内容",
        "处理进程",
        "处理结果",
        "客户满意度",
        "类型",
        "状态",
        "已回访结案",
        "满意",
        "第 1 页",
    ):
        assert word in text, word


def test_a_complaint_longer_than_a_page_continues_on_the_next_page(db_url, manager, tmp_path):
    c = service.register_complaint(
        manager,
        complainant="长文",
        contact="13800000000",
        category="other",
        content="很长的投诉内容。" * 700,
    )
    for i in range(30):
        service.add_step(manager, c.id, "note", f"第{i}次跟进，" + "说明" * 50)
    path = sheet.print_monthly_sheet(tmp_path / "long.pdf", Month.of(c.received_at))
    text = "".join(page.extract_text() for page in PdfReader(str(path)).pages)
    assert len(PdfReader(str(path)).pages) > 2
    assert {int(n) for n in re.findall(r"(\d+)\s*次跟进", text)} == set(range(30))


def test_imported_complaint_links_to_the_customer_with_that_phone(db_url, agent, tmp_path):
    from models import Customer, CustomerPhone

    school = Customer.create(name="第一中学")
    CustomerPhone.create(customer=school, phone="13877776666")
    path = write_csv(
        tmp_path / "in.csv",
        [
            {
                "投诉时间": "2026-11-20 10:00",
                "投诉人": "王老师",
                "联系方式": "138 7777 6666",
                "投诉内容": "a",
            },
            {
                "投诉时间": "2026-11-20 11:00",
                "投诉人": "路人",
                "联系方式": "13900000000",
                "投诉内容": "b",
            },
        ],
    )
    transfer.import_complaints(agent, path)
    linked = {c.complainant: c.customer_id for c in Complaint.select()}
    assert linked == {"王老师": school.id, "路人": None}


def test_the_void_mark_goes_out_as_the_17th_column_and_comes_back(
    db_url, agent, agent2, manager, tmp_path
):
    fill_registry(agent, agent2)
    void = Complaint.get(Complaint.complainant == "Tom Lee")
    service.void_complaint(manager, void.id, "重复登记")
    first = tmp_path / "first.csv"
    transfer.export_complaints(first)
    table = read_table(first)
    assert table.headers[16] == "作废" and len(table.headers) == 17
    assert [row["作废"] for _n, row in table.rows] == ["否", "否", "是"]
    empty_registry()
    assert transfer.import_complaints(agent, first).imported == 3
    assert Complaint.get(Complaint.complainant == "Tom Lee").voided
    assert not Complaint.get(Complaint.complainant == "王女士").voided
    second = tmp_path / "second.csv"
    transfer.export_complaints(second)
    assert first.read_bytes() == second.read_bytes()
    # a file without the column imports as before; a word other than 是/否 is refused
    rows = [{**row, "编号": ""} for _n, row in table.rows]
    bad = tmp_path / "bad.csv"
    write_csv(bad, [{**rows[0], "作废": "也许"}])
    with pytest.raises(ImportFailed) as failed:
        transfer.import_complaints(agent, bad)
    assert failed.value.errors[0].column == "作废"
    old = tmp_path / "old.csv"
    write_csv(old, rows[:1], transfer.HEADERS[:16])
    assert transfer.import_complaints(agent, old).imported == 1
