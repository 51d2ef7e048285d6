"""The monthly summary's bar charts read back with pdftotext: every bar carries its value, the
value axes start at 0 and reach past the longest bar, severities in their order."""

import datetime as dt
import re

import pytest

from app import reports
from app.clock import Month
from app.complaints import service
from app.i18n import install_language
from tests.pdf_pages import pages_of


@pytest.fixture
def chinese():
    install_language("zh_CN")
    yield
    install_language("en")


def chart_lines(pages: list[str], title: str) -> list[str]:
    """The lines of the chart under ``title``, up to the next chart or heading or the foot of its
    page (a chart is drawn whole on one page)."""
    for page in pages:
        lines = page.splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith(title)]
        if starts:
            break
    else:
        raise AssertionError(f"no chart {title!r}")
    out = []
    for line in lines[starts[0] + 1 :]:
        if re.match(r"^\S", line) or re.search(r"第\d+页/共\d+页", line):
            break  # the next chart's title or a heading, or the page's footer
        if line.strip():
            out.append(line)
    return out


def test_bars_carry_their_values_and_axes_start_at_zero(chinese, sqlite_url, agent, tmp_path):
    at = dt.datetime(2026, 11, 3, 9, 0)
    made = [("quality", "major")] * 1 + [("quality", "normal")] * 6 + [("delivery", "serious")] * 2
    for n, (category, severity) in enumerate(made):
        service.register_complaint(
            agent,
            complainant=f"客户{n}",
            contact=f"1380000{n:04d}",
            received_at=at + dt.timedelta(days=n % 2, hours=n),
            category=category,
            severity=severity,
            content="设备故障",
        )
    pages = pages_of(reports.print_monthly_report(Month(2026, 11), tmp_path / "r.pdf"))

    categories = chart_lines(pages, "按类型统计投诉")
    assert re.search(r"产品质量\s+7$", categories[0].rstrip())
    assert re.search(r"配送物流\s+2$", categories[1].rstrip())
    ticks = [int(t) for t in categories[-1].split()]
    assert ticks[0] == 0 and ticks[-1] > 7

    severities = chart_lines(pages, "按严重程度统计投诉")
    bars = [line.split() for line in severities[:3]]
    assert bars == [["一般", "6"], ["严重", "2"], ["重大", "1"]]
    ticks = [int(t) for t in severities[-1].split()]
    assert ticks[0] == 0 and ticks[-1] > 6

    days = chart_lines(pages, "按日统计投诉")
    values = sorted(int(v) for line in days[:-1] for v in line.split())
    assert 5 in values and 4 in values  # the two days' bars: 5 on the 3rd, 4 on the 4th
    assert values[0] == 0  # the value axis from 0


def test_axis_top_is_round_and_past_the_longest_bar():
    assert reports.axis_top(0) == (1, 1)
    assert reports.axis_top(7) == (8, 2)
    assert reports.axis_top(339) == (400, 100)
    for peak in (1, 3, 9, 22, 71, 99, 100, 1234):
        top, step = reports.axis_top(peak)
        assert top > peak and top % step == 0 and top / step <= 7
