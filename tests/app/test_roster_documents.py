"""The printed roster and swap form, the swaps export, the command line and the demo data."""

from __future__ import annotations

import datetime as dt
import random

import pypdf
import pytest
from faker import Faker
from PySide6.QtCore import QCoreApplication

from app import cli, tabular
from app.demo import DemoContext
from app.i18n import install_language
from app.roster import demo, documents, swaps
from app.roster.shifts import shift_by_code
from models import HandoverEntry, HandoverIssue, LeaveRequest, RosterEntry, SwapRequest
from models.db import close_database, open_database
from models.migrations import upgrade
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def english_texts():
    """The texts checked here are the English sources: drop a translator an earlier test left."""
    if QCoreApplication.instance() is not None:
        install_language("en")


D = dt.date(2026, 12, 1)
R = dt.date(2026, 12, 8)
TODAY = dt.date(2026, 11, 25)


def text_of(path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


@pytest.fixture
def approved(db_url, manager, agent, agent2):
    day = shift_by_code("day")
    RosterEntry.create(on_date=D, shift=day, agent=agent)
    RosterEntry.create(on_date=R, shift=day, agent=agent2)
    swap = swaps.request_swap(
        agent, swaps.plan_for(agent, agent2, D, day, R, day), "看牙医", today=TODAY
    )
    swaps.accept(agent2, swap)
    swaps.approve(manager, swap, reason="同意", today=TODAY)
    return SwapRequest.get_by_id(swap.id)


def test_swap_form_pdf(approved, tmp_path):
    path = documents.print_swap_form(approved.id, tmp_path / "swap.pdf")
    text = text_of(path)
    for expected in (
        "李客服",
        "张客服",
        "K001",
        "K002",
        "2026-12-01",
        "2026-12-08",
        "看牙医",
        "王经理",
        "同意",
        "No back-to-back shifts",
        "signature",
    ):
        assert expected in text, expected
    assert "Page 1 of 1" in text


def test_roster_pdf_marks_holidays(db_url, manager, agent, tmp_path):
    RosterEntry.create(on_date=dt.date(2026, 10, 3), shift=shift_by_code("weekend"), agent=agent)
    text = text_of(documents.print_roster(2026, 10, tmp_path / "roster.pdf"))
    assert "李客服" in text and "王经理" in text and "2026-10" in text
    assert "National Day" in text and "周末值班" in text  # the holiday in the reader's language


def test_export_swaps_csv_and_xlsx(approved, tmp_path):
    for suffix in (".csv", ".xlsx"):
        path = tmp_path / f"swaps{suffix}"
        assert documents.export_swaps(path, 2026, 12) == 1
        table = tabular.read_table(path)
        row = table.rows[0][1]
        assert row["Requester"] == "李客服" and row["Colleague"] == "张客服"
        assert row["State"] == "Approved" and row["Date given"].startswith("2026-12-01")
    assert documents.export_swaps(tmp_path / "none.csv", 2026, 11) == 0


def test_command_line_print_and_export(approved, db_url, tmp_path, capsys, qapp):
    # qapp: the command line installs translations on the Qt application; a full QApplication
    # here keeps it from creating a bare QCoreApplication that later widget tests cannot use.
    roster_pdf = tmp_path / "r.pdf"
    assert (
        cli.main(
            [
                "print",
                "roster",
                "--db",
                db_url,
                "--lang",
                "en",
                "--month",
                "2026-12",
                "-o",
                str(roster_pdf),
            ]
        )
        == 0
    )
    assert "李客服" in text_of(roster_pdf)
    form = tmp_path / "f.pdf"
    assert (
        cli.main(
            [
                "print",
                "swap-form",
                "--db",
                db_url,
                "--lang",
                "en",
                "--id",
                str(approved.id),
                "-o",
                str(form),
            ]
        )
        == 0
    )
    assert "看牙医" in text_of(form)
    out = tmp_path / "s.xlsx"
    assert cli.main(["export", "swaps", "--db", db_url, "--lang", "en", "-o", str(out)]) == 0
    assert "exported 1 swap(s)" in capsys.readouterr().out
    assert (
        cli.main(
            ["print", "swap-form", "--db", db_url, "--lang", "en", "--id", "999", "-o", str(form)]
        )
        == 1
    )
    assert (
        cli.main(
            [
                "print",
                "roster",
                "--db",
                db_url,
                "--lang",
                "en",
                "--month",
                "2026-13",
                "-o",
                str(roster_pdf),
            ]
        )
        == 1
    )
    assert "YYYY-MM" in capsys.readouterr().err


def _demo_snapshot(path) -> tuple:
    open_database(str(path))
    upgrade()
    make_user("admin", "admin", "A001")
    manager = make_user("manager", "manager", "M001", "王经理")
    agents = [make_user(f"agent{i}", "agent", f"K00{i}", f"客服{i}") for i in range(1, 7)]
    faker = Faker("zh_CN")
    faker.seed_instance(3)
    ctx = DemoContext(
        3, random.Random(3), faker, TODAY, 0, 0, 3, manager, agents, report=lambda line: None
    )
    line = demo.fill(ctx).text()
    snapshot = (
        line,
        [
            (e.on_date, e.shift_id, e.agent_id, e.swap_id)
            for e in RosterEntry.select().order_by(
                RosterEntry.on_date, RosterEntry.shift, RosterEntry.agent
            )
        ],
        [
            (
                s.requester_id,
                s.colleague_id,
                s.give_date,
                s.return_date,
                s.status,
                s.colleague_answered_at,
                s.decided_at,
                s.created_at,
            )
            for s in SwapRequest.select().order_by(SwapRequest.id)
        ],
        [
            (x.agent_id, x.start_at, x.status, x.decided_at)
            for x in LeaveRequest.select().order_by(LeaveRequest.id)
        ],
        HandoverEntry.select().count(),
        HandoverIssue.select().where(HandoverIssue.closed_at.is_null()).count(),
    )
    close_database()
    return snapshot


def test_demo_has_every_swap_state_and_is_the_same_for_the_same_seed(tmp_path):
    first = _demo_snapshot(tmp_path / "a.sqlite3")
    second = _demo_snapshot(tmp_path / "b.sqlite3")
    assert first == second
    states = {s[4] for s in first[2]}
    assert states == set(swaps.STATES)
    for *_, answered, decided, asked in first[2]:  # a printed form reads in order
        times = [t for t in (asked, answered, decided) if t is not None]
        assert times == sorted(times)
    assert any(day.month == TODAY.month for day, *_ in first[1])
    assert {x[2] for x in first[3]} >= {"pending", "approved", "rejected"}
    assert first[4] > 5 and first[5] >= 1


@pytest.mark.parametrize(
    ("language", "mark", "foreign"), [("en", "; ", "；"), ("zh_CN", "；", "; ")]
)
def test_roster_legend_is_punctuated_in_the_readers_language(
    db_url, manager, agent, tmp_path, qapp, language, mark, foreign
):
    """The shifts and the holidays under the roster are listed as the reader's language writes a
    list: "; " in English, "；" in Chinese (read back with pdftotext)."""
    from tests.pdf_pages import pages_of

    RosterEntry.create(on_date=dt.date(2026, 10, 3), shift=shift_by_code("weekend"), agent=agent)
    install_language(language)
    try:
        pages = pages_of(documents.print_roster(2026, 10, tmp_path / "roster.pdf"))
    finally:
        install_language("en")
    text = " ".join(" ".join(pages).split())
    holiday = {"en": "National Day", "zh_CN": "国庆节"}[language]  # in the reader's language
    assert f"10-01 {holiday}{mark}10-02" in text, text[-600:]
    assert foreign not in text.split(f"10-01 {holiday}")[-1], text[-600:]
    legend = text.split("10-01")[0].split("=")[1]  # the day shift's hours up to the next's
    assert mark in legend and foreign not in legend, legend
