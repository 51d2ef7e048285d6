import datetime as dt

import pytest
from pypdf import PdfReader

from app import settings, tabular
from app.callbacks import documents, service
from app.callbacks.service import Outcome, TaskFilter
from app.cli import main
from app.contacts import display_contact
from models import CallbackTask
from tests.app.test_callbacks_service import make_customer, make_installation, make_repair


def week_of_tasks(agent, agent2) -> list[CallbackTask]:
    customer = make_customer("上海市实验小学", "13600136000")
    other = make_customer("杭州育才中学", "057188886666")
    tasks = [
        service.on_repair_closed(
            make_repair(agent, customer, dt.datetime(2026, 11, 27, 10)), agent
        ),
        service.on_installation_finished(
            make_installation(agent2, other, dt.date(2026, 11, 20)), agent2
        ),
        service.on_repair_closed(make_repair(agent, other, dt.datetime(2026, 12, 20, 10)), agent),
    ]
    return tasks


def test_printed_list_reads_back_with_the_days_tasks(db_url, admin, agent, agent2, tmp_path):
    settings.put(admin, "company_name", "华信教育")
    week_of_tasks(agent, agent2)  # due 11-30 (agent), 11-27 (agent2), 12-23 (outside)
    out = tmp_path / "list.pdf"
    count = documents.print_list(out, dt.date(2026, 11, 25), 7)
    assert count == 2
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "华信教育" in text
    assert "上海市实验小学" in text and display_contact("13600136000") in text
    assert "杭州育才中学" in text
    assert "2026-11-25 – 2026-12-01" in text
    assert "Page 1 of 1" in text or "第 1 页" in text
    # still open from before the period: listed first, marked overdue
    late = service.on_repair_closed(
        make_repair(agent, make_customer("广州启明小学", "13500135000"), dt.datetime(2026, 11, 1)),
        agent,
    )
    assert late.due_at.date() < dt.date(2026, 11, 25)
    assert documents.print_list(out, dt.date(2026, 11, 25), 7) == 3
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "广州启明小学" in text and "Overdue" in text
    one_day = tmp_path / "day.pdf"
    assert documents.print_list(one_day, dt.date(2026, 11, 27), 1, agent2) == 1
    day_text = PdfReader(one_day).pages[0].extract_text()
    assert "杭州育才中学" in day_text and "上海市实验小学" not in day_text


def test_export_writes_codes_and_outcomes(db_url, agent, agent2, tmp_path):
    tasks = week_of_tasks(agent, agent2)
    CallbackTask.update(due_at=dt.datetime.now()).where(CallbackTask.id == tasks[0].id).execute()
    service.record_attempt(agent, tasks[0].id, "reached")
    service.record_outcome(
        agent, tasks[0].id, Outcome(satisfaction=4, survey={"好用吗？": "好用"}, opinions="无")
    )
    out = tmp_path / "all.xlsx"
    assert documents.export_tasks(out, TaskFilter()) == 3
    table = tabular.read_table(out)
    assert table.headers == list(documents.EXPORT_HEADERS)
    rows = {r["id"]: r for _, r in table.rows}
    done = rows[str(tasks[0].id)]
    assert done["status"] == "done" and done["satisfaction"] == "4"
    assert done["assignee"] == "agent1" and done["survey"] == "好用吗？ 好用"
    csv_out = tmp_path / "open.csv"
    assert documents.export_tasks(csv_out, TaskFilter(status="open")) == 2


def test_cli_print_and_export(qapp, db_url, agent, agent2, tmp_path, capsys):
    """(qapp: the command line makes a bare QCoreApplication otherwise, which GUI tests cannot use)"""
    week_of_tasks(agent, agent2)
    pdf_out = tmp_path / "c.pdf"
    code = main(
        ["print", "callbacks", "--db", db_url, "--lang", "en", "--date", "2026-11-25", "--days", "7",
         "--agent", "agent1", "-o", str(pdf_out)]
    )  # fmt: skip
    assert code == 0
    assert "上海市实验小学" in PdfReader(pdf_out).pages[0].extract_text()
    csv_out = tmp_path / "c.csv"
    code = main(
        ["export", "callbacks", "--db", db_url, "--lang", "en", "--date", "2026-11-27", "--status", "pending",
         "-o", str(csv_out)]
    )  # fmt: skip
    assert code == 0
    assert len(tabular.read_table(csv_out).rows) == 1
    code = main(
        ["print", "callbacks", "--db", db_url, "--lang", "en", "--date", "2026-11-25", "--agent", "nobody",
         "-o", str(pdf_out)]
    )  # fmt: skip
    assert code == 1
    assert "nobody" in capsys.readouterr().err


def test_print_refuses_a_silly_number_of_days(db_url, tmp_path):
    from app.errors import ValidationError

    with pytest.raises(ValidationError):
        documents.print_list(tmp_path / "x.pdf", dt.date(2026, 11, 25), 0)


def test_printed_filtered_list_holds_exactly_the_filtered_tasks(db_url, agent, agent2, tmp_path):
    tasks = week_of_tasks(agent, agent2)  # repair 11-30 (agent), purchase 11-27, repair 12-23
    service.record_attempt(agent, tasks[0].id, "reached")
    service.record_outcome(agent, tasks[0].id, Outcome(satisfaction=2, onsite_needed=True))
    out = tmp_path / "filtered.pdf"

    def printed(flt: TaskFilter) -> str:
        documents.print_tasks(out, flt)
        return "\n".join(page.extract_text() for page in PdfReader(out).pages)

    # a period longer than a month, and one kind only
    repairs = TaskFilter(
        kind="repair", date_from=dt.date(2026, 11, 1), date_to=dt.date(2026, 12, 31)
    )
    assert documents.print_tasks(out, repairs) == 2
    text = printed(repairs)
    assert "2026-11-01 – 2026-12-31" in text and "12-23" in text and "11-30" in text
    assert "杭州育才中学" in text and "11-27" not in text  # the purchase callback is not printed
    assert "Post-repair" in text and "All agents" in text
    # status and on-site filters: only the done repair needing a visit
    onsite = TaskFilter(
        status="done",
        onsite_only=True,
        date_from=dt.date(2026, 11, 1),
        date_to=dt.date(2026, 12, 31),
    )
    assert documents.print_tasks(out, onsite) == 1
    text = printed(onsite)
    assert "上海市实验小学" in text and "杭州育才中学" not in text
    assert "On-site visit needed" in text and "Done" in text
    # the agent's open ones
    mine = TaskFilter(assignee_id=agent2.id, status="open")
    text = printed(mine)
    assert "杭州育才中学" in text and "上海市实验小学" not in text and agent2.name in text
    nothing = TaskFilter(kind="complaint")
    assert documents.print_tasks(out, nothing) == 0
    assert "No callbacks match this filter." in printed(nothing)
