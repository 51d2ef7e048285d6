"""The monthly summary PDF read back: Chinese labels, the company, the figures, page x of y."""

import datetime as dt

import pytest
from pypdf import PdfReader

from app import reports, settings
from app.clock import Month
from app.i18n import install_language
from models import Complaint


@pytest.fixture
def chinese(qapp):
    install_language("zh_CN")
    yield
    install_language("en")


def test_monthly_summary_reads_back_in_chinese(chinese, sqlite_url, admin, agent, tmp_path):
    settings.put(admin, "company_name", "华信教育科技")
    for n in range(3):
        Complaint.create(
            number=f"20261103-{n + 1:03d}",
            received_at=dt.datetime(2026, 11, 3, 9 + n),
            complainant="张三",
            contact="13800000000",
            channel="phone",
            category="delivery",
            content="快递延误",
            status="resolved",
            handler=agent,
            resolved_at=dt.datetime(2026, 11, 3, 18),
            promised_at=dt.datetime(2026, 11, 4, 9),
        )
    path = reports.print_monthly_report(Month(2026, 11), tmp_path / "summary.pdf")
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "华信教育科技" in text
    assert "月度投诉汇总报告" in text and "2026年11月" in text
    assert "配送物流" in text  # the category, translated
    assert "解决率" in text and "100.0% (3/3)" in text
    assert agent.name in text
    assert f"第 1 页 / 共 {len(reader.pages)} 页" in text
    fonts = {
        str(font.get("/BaseFont"))
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
    }
    assert any("WenQuanYi" in name for name in fonts)


def test_unknown_month_is_refused_on_the_command_line(sqlite_url, capsys):
    from app.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["print", "monthly-report", "--db", sqlite_url, "--month", "2026-13", "-o", "x.pdf"])
    assert exit_info.value.code != 0
    assert "YYYY-MM" in capsys.readouterr().err
