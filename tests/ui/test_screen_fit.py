"""The window on a 1366×768 laptop screen, measured in a process whose offscreen screen has that
size: inside the screen's free area (also when a bigger size was remembered), the status bar on
screen, every registry column in view (the month column too, with the demo's data), a 31-day
roster month without sideways scrolling."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import demo
from app.complaints import service
from tests.conftest import TEST_NOW

ROOT = Path(__file__).resolve().parents[2]


def screen_config(tmp_path: Path, width: int, height: int) -> Path:
    config = tmp_path / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(
        json.dumps({"windowFrameMargins": True, "screens": [{**screen, "logicalDpi": 96}]})
    )
    return config


def probe(tmp_path: Path, db_url: str, login: str, language: str, remembered: str = ""):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={screen_config(tmp_path, 1366, 768)}",
        "KEFU_PROBE_NOW": TEST_NOW.isoformat(),
    }
    done = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).with_name("screen_probe.py")),
            db_url,
            login,
            language,
            str(tmp_path / "probe-settings"),
            remembered,
        ],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    found["stderr"] = done.stderr[-3000:]  # to say why, when something did not show
    return found


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_window_fits_a_1366x768_screen(qtbot, tmp_path, sqlite_url, manager, agent, language):
    for n in range(12):
        service.register_complaint(
            agent,
            complainant=f"测试客户{n}",
            contact=f"1380013800{n % 10}",
            channel="phone",
            category="quality",
            content="教室白板触摸失灵，上课无法书写，需要尽快上门维修。" * 3,
            order_no=f"DD2026112500{n}",
        )
    found = probe(tmp_path, sqlite_url, "manager", language, remembered="1456x900")
    assert found["available"] == [0, 0, 1366, 768]
    assert found["window_inside"], found["frame"]
    assert found["status_bar_inside"]
    assert found["rows"] == 12
    assert not found["detail_shown_without_choice"]
    assert not found["detail_scrolls_sideways"]
    assert found["columns_cut"] == [], (found["sections"], found["viewport"], found["frame"])
    assert found["cells_cut"] == {}, found["sections"]
    assert not found["registry_scrolls_sideways"]
    assert found["window_width"] <= 1280
    assert found["roster_days"] == 31, found["stderr"]
    assert not found["roster_scrolls_sideways"]
    assert found["roster_editing_needs"] <= 1280  # editing the roster does not widen the window
    assert found["customer_columns_cut"] == []


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_registry_column_of_the_demo_is_in_view_at_1366(
    qtbot, tmp_path, sqlite_url, admin, language
):
    demo.fill(admin, customers=60, complaints=240, months=12, agents=4, report=lambda line: None)
    found = probe(tmp_path, sqlite_url, "manager", language)
    for view in (found, found["all_months"]):
        assert view["rows"] > 0
        assert view["columns_cut"] == [], (view["sections"], view["viewport"])
        # every cell readable whole (channels, categories, statuses, times...), but for free
        # text: the content, and a complainant's name when the list is short of room
        cut = {k: v for k, v in view["cells_cut"].items() if k not in ("投诉人", "Complainant")}
        assert cut == {}, (cut, view["sections"])
        assert not view["registry_scrolls_sideways"], view["sections"]
    month = {"zh_CN": "月份", "en": "Month"}[language]
    shown = [name for name, _width in found["all_months"]["sections"]]
    assert month in shown and len(shown) == 13  # every column, the month's too
    content = found["all_months"]["sections"][-1]
    assert content[1] >= 110, content  # the content keeps room for its first words
    # the reports: the manager sees every agent's row and column and every key figure whole,
    # and the charts beside them, without scrolling
    reports = found["reports"]
    assert reports["agents"] >= 4 and not reports["agents_rows_hidden"], reports
    assert reports["agents_scroll"] == [0, 0], reports["agents_widths"]
    assert reports["agents_cut"] == {}, reports
    assert reports["figures"] >= 20 and reports["figures_scroll"] == [0, 0], reports
    assert reports["figures_cut"] == {}, reports
    assert reports["charts"] == [True, True] and min(reports["chart_heights"]) >= 100, reports
    assert reports["page_inside"]
    for name, table in found["requests"].items():  # the swaps and the leave asked for
        assert table["rows"] >= 1 and table["scroll"] == 0 and table["cut"] == {}, (name, table)
    inbox = found["inbox"]  # the approval inbox: a leave's dates and rules whole
    assert inbox["rows"] >= 1 and inbox["scroll"] == 0 and inbox["cut"] == {}, inbox
    summaries = found["summaries"]  # the work log's summaries of the agents
    assert summaries["rows"] >= 4 and summaries["scroll"] == 0, str(summaries["sections"])
    assert summaries["cut"] == {}, summaries
    # the customer archive: a customer's type whole ("Organisation"), the number too
    assert found["customer_columns_cut"] == []
    assert found["customer_cells_cut"] == {}, found["customer_cells_cut"]
