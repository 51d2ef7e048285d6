"""The monthly summary PDF read back: Chinese labels, the company, the figures, page x of y."""

import datetime as dt
import re

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


def test_sheet_and_summary_of_a_month_show_the_same_figures(chinese, db_url, agent, tmp_path):
    """October printed in late November: both documents count October to its end, with each
    figure's definition as a note, and neither shows today's overdue count."""
    from app.complaints import sheet

    def make(number, received, **extra):
        return Complaint.create(
            number=number,
            received_at=received,
            complainant="李四",
            contact="13900000000",
            channel="wechat",
            category="quality",
            content="屏幕不亮",
            handler=agent,
            **extra,
        )

    # resolved in November after its promise: overdue at October's cut-off
    make(
        "20261010-001",
        dt.datetime(2026, 10, 10, 9),
        status="resolved",
        promised_at=dt.datetime(2026, 10, 11, 9),
        resolved_at=dt.datetime(2026, 11, 2, 9),
    )
    # still open: overdue at the cut-off and now
    make("20261020-001", dt.datetime(2026, 10, 20, 9), promised_at=dt.datetime(2026, 10, 21, 9))
    # received and resolved in October, on time
    make(
        "20261025-001",
        dt.datetime(2026, 10, 25, 9),
        status="closed",
        promised_at=dt.datetime(2026, 10, 26, 9),
        resolved_at=dt.datetime(2026, 10, 25, 15),
        satisfaction=4,
    )
    # November's overdue ones are not October's
    make("20261101-001", dt.datetime(2026, 11, 1, 9), promised_at=dt.datetime(2026, 11, 2, 9))

    def text_of(path):
        return "\n".join(page.extract_text() for page in PdfReader(path).pages)

    october = Month(2026, 10)
    summary = text_of(reports.print_monthly_report(october, tmp_path / "summary.pdf"))
    sheet_text = text_of(sheet.print_monthly_sheet(tmp_path / "sheet.pdf", october))
    for text in (summary, sheet_text):
        compact = " ".join(text.split())
        assert re.search(r"截止时超期未解决 \[\d+\] 2\b", compact), compact[-800:]
        assert re.search(r"收到投诉 \[\d+\] 3\b", compact)
        assert re.search(r"解决率 \[\d+\] 33\.3% \(1/3\)", compact)
        assert "本月收到的投诉中，截止时点" in compact  # the definitions, as notes
        assert "当前超期" not in compact  # today's count is a screen figure
        assert "统计至月末" in compact
    assert "已过承诺处理时间" in summary
