"""The monthly complaint sheet page by page, read back with pdftotext: the header bar only at the
top of a page, a continued row under its number marked 续, one title, the 受理人 column, the
totals kept with the last rows."""

import datetime as dt
import re

import pytest

from app.clock import Month
from app.complaints import service, sheet
from app.i18n import install_language
from tests.pdf_pages import pages_of

NUMBER = re.compile(r"\b2026\d{4}-\d{3}\b")


@pytest.fixture
def chinese():
    install_language("zh_CN")
    yield
    install_language("en")


def fill_month(agent, manager) -> str:
    """Forty complaints of uneven length (so rows fall across page ends) and one complaint long
    enough to run over a page; returns the long one's number."""
    base = dt.datetime(2026, 11, 2, 8, 0)
    for i in range(40):
        c = service.register_complaint(
            agent,
            complainant=f"客户{i}",
            contact=f"139{i:08d}",
            received_at=base + dt.timedelta(hours=i),
            category="quality" if i % 2 else "repair",
            content="设备故障，" * (4 + (i * 7) % 23),
        )
        for step in range(i % 4):
            service.add_step(agent, c.id, "note", f"第{step + 1}步：" + "电话联系客户" * 3)
    long = service.register_complaint(
        manager,
        complainant="长文",
        contact="13800000000",
        received_at=base + dt.timedelta(days=2),
        category="other",
        content="很长的投诉内容。" * 260,
    )
    return long.number


def test_sheet_pages_have_one_header_bar_at_the_top_and_continued_rows(
    chinese, sqlite_url, agent, manager, tmp_path
):
    long_number = fill_month(agent, manager)
    pages = pages_of(sheet.print_monthly_sheet(tmp_path / "sheet.pdf", Month(2026, 11)))
    assert len(pages) >= 3
    continued_on = []
    for number, text in enumerate(pages, start=1):
        assert text.count("月度投诉登记表") == 1, f"page {number}: one title"
        lines = text.splitlines()
        bars = [i for i, line in enumerate(lines) if "编号" in line and "投诉时间" in line]
        rows = [i for i, line in enumerate(lines) if NUMBER.search(line)]
        if rows:
            assert len(bars) == 1, f"page {number}: {len(bars)} header bars"
            assert bars[0] < rows[0], f"page {number}: the header bar is below a row"
            assert "受理人" in lines[bars[0]]
        if "续" in text:
            first = lines[rows[0]]
            assert long_number in first and "续" in lines[rows[0] + 1]
            continued_on.append(number)
    assert continued_on, "the long complaint continues under its number marked 续"
    assert long_number in pages[continued_on[0] - 2]  # it starts on the page before
    assert agent.name in pages[0]  # the handler's name in the 受理人 column


def test_totals_stay_with_the_last_rows(chinese, sqlite_url, agent, manager, tmp_path):
    fill_month(agent, manager)
    pages = pages_of(sheet.print_monthly_sheet(tmp_path / "sheet.pdf", Month(2026, 11)))
    last = pages[-1]
    assert "合计" in last and re.search(r"收到投诉 \[\d+\]\s+41", last)
    assert NUMBER.search(last), "the last page holds the last rows, not the totals alone"
    assert "20261103-" in last or "20261104-" in last
