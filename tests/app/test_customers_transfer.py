import csv
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.customers import installations, onboarding, repairs
from app.customers.card import print_customer_card
from app.customers.customers import CustomerData, create_customer
from app.customers.phones import phones_of
from app.customers.repairs import RepairData
from app.customers.tags import tags_of
from app.customers.transfer import COLUMNS, export_customers, import_customers
from app.tabular import ImportFailed, write_table
from models import Customer
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def sample(agent) -> list[Customer]:
    return [
        create_customer(
            agent,
            CustomerData(
                name="第一实验小学",
                kind="organisation",
                organisation="第一实验小学",
                contact_person="王主任",
                phones=["010-62751234", "13812345678"],
                email="office@syxx.edu.cn",
                address="北京市海淀区学院路1号",
                tags=["VIP", "优质客户"],
                notes="需要发票",
            ),
        ),
        create_customer(
            agent,
            CustomerData(
                name="李明", phones=["13987654321"], gender="male", address="上海市徐汇区"
            ),
        ),
    ]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_round_trip(db_url, agent, tmp_path, suffix):
    sample(agent)
    path = tmp_path / f"customers{suffix}"
    assert export_customers(path) == 2
    if suffix == ".csv":
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
        assert tuple(rows[0]) == COLUMNS
        assert rows[1][:4] == ["第一实验小学", "单位", "王主任", "010-62751234;13812345678"]
        assert rows[2][6] == "男"
    before = {
        c.name: (
            c.kind,
            c.contact_person,
            c.email,
            c.address,
            c.gender,
            c.notes,
            phones_of(c.id),
            tags_of(c.id),
        )
        for c in Customer.select()
    }
    Customer.delete().execute()
    result = import_customers(agent, path)
    assert result.imported == 2 and result.rejected == 0
    after = {
        c.name: (
            c.kind,
            c.contact_person,
            c.email,
            c.address,
            c.gender,
            c.notes,
            phones_of(c.id),
            tags_of(c.id),
        )
        for c in Customer.select()
    }
    assert after == before


def test_import_is_all_or_nothing_with_row_errors(db_url, agent, tmp_path):
    sample(agent)
    path = tmp_path / "in.csv"
    write_table(
        path,
        COLUMNS,
        [
            ["新客户甲", "个人", "", "13700001111", "", "", "女", "", ""],
            ["", "个人", "", "13700002222", "", "", "", "", ""],  # no name
            ["新客户乙", "公司", "", "12345", "", "", "", "", ""],  # bad type
            ["新客户丙", "个人", "", "138 1234 5678", "", "", "", "", ""],  # already on file
            ["新客户丁", "个人", "", "13700001111", "", "", "", "", ""],  # twice in the file
        ],
    )
    with pytest.raises(ImportFailed) as caught:
        import_customers(agent, path)
    assert {(e.row, e.column) for e in caught.value.errors} == {
        (3, "客户名称"),
        (4, "类型"),
        (5, "电话"),
        (6, "电话"),
    }
    assert "第一实验小学" in str(caught.value)
    assert Customer.select().count() == 2
    result = import_customers(agent, path, skip_invalid=True)
    assert (result.imported, result.rejected) == (1, 4)
    assert Customer.get(Customer.name == "新客户甲").gender == "female"
    rejects = result.rejects_file.read_text(encoding="utf-8-sig")
    assert "新客户乙" in rejects and "新客户甲" not in rejects


def test_archive_card_pdf_reads_back(db_url, agent, tmp_path):
    school, _ = sample(agent)
    onboarding.start_request(agent, school, on_date=dt.date.today() - dt.timedelta(days=12))
    installations.schedule_installation(
        agent, school, product="录播系统", agreed_date=dt.date.today() - dt.timedelta(days=2)
    )
    repair = repairs.register_repair(
        agent,
        school,
        RepairData(
            fault="触摸失灵",
            product="交互平板",
            diagnosis="hardware",
            handling="service_order",
            factory_return=True,
        ),
    )
    repairs.lend_loaner(agent, repair, "备用机-07")
    path = print_customer_card(school.id, tmp_path / "card.pdf")
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    compact = text.replace(" ", "").replace("\n", "")
    for expected in (
        "第一实验小学",
        "王主任",
        "13812345678",
        "录播系统",
        "触摸失灵",
        "备用机-07",
        "VIP",
        "需要发票",
    ):
        assert expected in compact, expected
    assert "Page 1 of 1" in text or "共 1 页" in text


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """The real command line in its own process (it starts Qt's translator machinery), acting
    as the manager."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEFU_")}
    env.update(KEFU_USER="manager", KEFU_PASSWORD=PASSWORD)
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
    )


def test_cli_import_export_and_card(sqlite_url, manager, tmp_path):
    sample(manager)
    out = tmp_path / "all.xlsx"
    done = run_cli("export", "customers", "--db", sqlite_url, "-o", str(out))
    assert done.returncode == 0, done.stderr
    again = run_cli("import", "customers", "--db", sqlite_url, str(out), "--lang", "en")
    assert again.returncode == 1
    assert "13812345678" in again.stderr and "row 2" in again.stderr
    card = tmp_path / "card.pdf"
    customer = Customer.select().first()
    printed = run_cli(
        "print", "customer-card", "--db", sqlite_url, "--id", str(customer.id), "-o", str(card)
    )
    assert printed.returncode == 0, printed.stderr
    text = "".join(page.extract_text() for page in PdfReader(card).pages)
    assert "客户档案卡" in text  # Simplified Chinese by default
