"""Codes, not text, in the database: a complaint's steps are stored as codes with values, so a
desk in English and a desk in Chinese on one database each read the whole history (the timeline
and the audit trail) in their own language; the steps written as text before are converted."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from playhouse.migrate import SchemaMigrator

from app import audit_trail
from app.callbacks import service as callbacks
from app.complaints import service
from app.complaints.screen import complaint_screen
from app.i18n import install_language
from models import CallbackTask, ProgressStep, database
from models.migrations import _coded_complaint_steps

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def history(agent, agent2, manager):
    """One complaint's life, written by desks in both languages."""
    c = service.register_complaint(
        agent,
        complainant="陈先生",
        contact="13912345678",
        channel="phone",
        category="delivery",
        content="包装破损",
    )
    install_language("zh_CN")  # this desk works in Chinese
    try:
        service.start_handling(agent, c.id)
        service.reassign_complaint(manager, c.id, agent2.id)
    finally:
        install_language("en")  # and this one in English
    service.resolve_complaint(agent2, c.id, "已补发电源线")
    task = CallbackTask.get(CallbackTask.complaint == c.id)
    for _ in range(3):
        callbacks.record_attempt(agent2, task.id, "no_answer")
    service.void_complaint(manager, c.id, "重复登记")
    return c


def read_as(language: str, manager, complaint_id: int) -> tuple[list[str], str]:
    install_language(language)
    try:
        screen = complaint_screen(manager, complaint_id)
        trail = audit_trail.rows(manager, table="complaint")
    finally:
        install_language("en")
    timeline = [row.note for row in screen.timeline if row.note]
    return timeline, "\n".join(r.changes_text for r in trail)


def test_each_desk_reads_the_whole_history_in_its_language(db_url, history, manager, agent2):
    english, english_trail = read_as("en", manager, history.id)
    assert english == [
        "Open → In progress",
        f"Reassigned: 李客服 → {agent2.name}",
        "In progress → Resolved",
        "Callback unreachable after 3 unanswered calls: for the manager to decide.",
        "Void: 重复登记",
    ]
    assert "status: In progress → Resolved" in english_trail
    chinese, chinese_trail = read_as("zh_CN", manager, history.id)
    assert chinese == [
        "待处理 → 处理中",
        f"改派：李客服 → {agent2.name}",
        "处理中 → 已解决",
        "回访 3 次未接通：交由部门经理处理。",
        "作废：重复登记",
    ]
    assert "状态: 处理中 → 已解决" in chinese_trail
    for text in chinese:
        assert not any(word in text for word in ("Open", "Resolved", "Reassigned", "Void"))
    stored = [s.note for s in ProgressStep.select().where(ProgressStep.complaint == history.id)]
    assert "Open → In progress" not in stored and "待处理 → 处理中" not in stored


def test_the_old_text_steps_become_codes(db_url, agent):
    c = service.register_complaint(
        agent,
        complainant="陈先生",
        contact="13912345678",
        channel="phone",
        category="delivery",
        content="包装破损",
    )
    old = [
        ("status", "Open → In progress"),
        ("status", "处理中 → 已解决"),
        ("status", "已解决 → 重新处理：客户说电源线还是没到"),
        ("status", "Reassigned: 李客服 → 张客服"),
        ("status", "作废：重复登记"),
        ("note", "回访 3 次未接通：交由部门经理处理。"),
        ("phone", "Open → 客户自己写的箭头"),  # a person's note stays as written
    ]
    for kind, note in old:
        ProgressStep.create(complaint=c.id, author=agent.id, kind=kind, note=note)
    _coded_complaint_steps(SchemaMigrator.from_database(database.obj))
    rows = list(
        ProgressStep.select().where(ProgressStep.complaint == c.id).order_by(ProgressStep.id)
    )
    assert [json.loads(r.params)["event"] if r.params else None for r in rows] == [
        "status",
        "status",
        "status",
        "reassigned",
        "void",
        "callback_unreachable",
        None,
    ]
    assert rows[2].note == "客户说电源线还是没到"
    install_language("zh_CN")
    try:
        shown = [service.step_text(r) for r in rows]
    finally:
        install_language("en")
    assert shown == [
        "待处理 → 处理中",
        "处理中 → 已解决",
        "已解决 → 重新处理：客户说电源线还是没到",
        "改派：李客服 → 张客服",
        "作废：重复登记",
        "回访 3 次未接通：交由部门经理处理。",
        "Open → 客户自己写的箭头",
    ]


def test_a_swapped_shift_says_so_in_each_desks_language(db_url, manager, agent, agent2):
    from app.roster import roster, swaps
    from app.roster.roster import entry_for
    from app.roster.shifts import shift_by_code
    from models import RosterEntry
    from models.migrations import _coded_roster_notes

    give, back = dt.date(2026, 12, 1), dt.date(2026, 12, 8)
    day = shift_by_code("day")
    RosterEntry.create(on_date=give, shift=day, agent=agent)
    RosterEntry.create(on_date=back, shift=day, agent=agent2)
    swap = swaps.request_swap(
        agent, swaps.plan_for(agent, agent2, give, day, back, day), "家里有事", today=TODAY
    )
    swaps.accept(agent2, swap)
    swaps.approve(manager, swap, reason="同意", today=TODAY)
    moved = entry_for(agent2, give, day)
    assert moved.note == ""  # the entry names its swap; no text in either language

    def note_as(language: str) -> str:
        install_language(language)
        try:
            return roster.month_roster(2026, 12).notes[moved.id]
        finally:
            install_language("en")

    assert note_as("en") == f"swap no. {swap.id}"
    assert note_as("zh_CN") == f"换班单 {swap.id} 号"
    # a note written as text before is dropped by the migration; a person's own note stays
    RosterEntry.update(note="换班单 1 号").where(RosterEntry.id == moved.id).execute()
    own = entry_for(agent, back, day)
    RosterEntry.update(note="提前半小时到").where(RosterEntry.id == own.id).execute()
    _coded_roster_notes(SchemaMigrator.from_database(database.obj))
    assert RosterEntry.get_by_id(moved.id).note == ""
    assert RosterEntry.get_by_id(own.id).note == "提前半小时到"


def test_a_callbacks_verdict_reads_in_each_desks_language(db_url, agent):
    c = service.register_complaint(
        agent,
        complainant="陈先生",
        contact="13912345678",
        channel="phone",
        category="delivery",
        content="包装破损",
    )
    service.resolve_complaint(agent, c.id, "已补发电源线")
    task = CallbackTask.get(CallbackTask.complaint == c.id)
    callbacks.record_attempt(agent, task.id, "reached")
    callbacks.record_outcome(agent, task.id, callbacks.Outcome(satisfaction=2, opinions="还是坏的"))
    step = ProgressStep.select().where(ProgressStep.complaint == c.id).order_by(-ProgressStep.id)
    last = step.get()
    assert last.note == "还是坏的"  # only what the customer said is text
    english = service.step_text(last)
    install_language("zh_CN")
    try:
        chinese = service.step_text(last)
    finally:
        install_language("en")
    assert english == (
        "Resolved → Reopened：Callback: the customer is not satisfied (Dissatisfied). 还是坏的"
    )
    assert chinese == "已解决 → 重新处理：回访：客户不满意（不满意）。 还是坏的"


def test_the_audit_trails_sentences_read_in_each_desks_language(db_url, admin, agent):
    """A sentence the program writes into an audit row (a demo area's line, a callback's call) is
    kept as its key and values, and each desk reads it in its own language."""
    from app import audit, sentences
    from models import AuditLog

    c = service.register_complaint(
        agent,
        complainant="陈先生",
        contact="13912345678",
        channel="phone",
        category="delivery",
        content="包装破损",
    )
    service.resolve_complaint(agent, c.id, "已补发电源线")
    task = CallbackTask.get(CallbackTask.complaint == c.id)
    install_language("zh_CN")  # written on a desk in Chinese
    try:
        callbacks.record_attempt(agent, task.id, "no_answer")
        users = sentences.say("demo.users", last=3, password="x")
        audit.record(admin, "demo", "user", None, summary=users)
    finally:
        install_language("en")
    stored = [s for (s,) in AuditLog.select(AuditLog.summary).tuples()]
    assert not any("未接通" in s or "用户" in s for s in stored)

    def summaries(language: str) -> list[str]:
        install_language(language)
        try:
            return [r.summary for r in audit_trail.rows(admin) if r.summary]
        finally:
            install_language("en")

    english, chinese = summaries("en"), summaries("zh_CN")
    assert "users: manager, agent1..agent3 (password: x)" in english
    assert "Callback call: No answer" in english
    assert "回访通话：未接通" in chinese
    assert any(s.startswith("用户") for s in chinese), chinese


def test_a_contacts_callback_says_what_it_is_for_in_each_desks_language(db_url, agent, manager):
    from app.callbacks.lists import rows_for
    from app.calls import service as contacts

    install_language("zh_CN")  # taken on a desk in Chinese
    try:
        record = contacts.log_contact(
            agent,
            topic="售后",
            result="callback",
            customer_name="钱老师",
            contact="13700002222",
            note="等工程师确认后回电",
        )
    finally:
        install_language("en")
    task = CallbackTask.get_by_id(record.callback_id)
    assert "回电：" not in task.reason  # the program's words are not stored

    def reason(language: str) -> str:
        install_language(language)
        try:
            return rows_for([task])[0].reason
        finally:
            install_language("en")

    assert reason("en") == "Call back about: 售后 等工程师确认后回电"
    assert reason("zh_CN") == "回电：售后 等工程师确认后回电"
    install_language("zh_CN")
    try:
        trail = " ".join(r.changes_text for r in audit_trail.rows(manager))
    finally:
        install_language("en")
    assert "回电：售后" in trail and '{"s"' not in trail


def test_the_old_text_sentences_become_codes(db_url, admin, agent, manager):
    """Summaries, a contact's callback reason and an installation's onboarding note written as
    English or Chinese text before are read back as the sentences they came from, so each desk
    reads them in its own language; a person's text stays as written."""
    from app import sentences
    from app.customers import customers as customer_records
    from models import AuditLog, Customer, OnboardingRequest, OnboardingStep
    from models.migrations import _coded_sentences

    def row(action: str, table: str, summary: str) -> int:
        entry = AuditLog.create(user=admin.id, action=action, table=table, summary=summary)
        return entry.id

    old = {
        row("demo", "user", "users: manager, agent1..agent6 (password: demo1234)"): (
            "users: manager, agent1..agent6 (password: demo1234)",
            "用户：manager、agent1 至 agent6（密码：demo1234）",
        ),
        row(
            "demo",
            "roster_entry",
            "排班：2026-10 至 2026-12 共 308 个班次，换班（已批准 2，待同事确认 1），"
            "请假申请 6 条，交接记录 21 条",
        ): (
            "roster: 308 shifts 2026-10..2026-12, swaps (Approved 2, Waiting for the colleague 1),"
            " 6 leave requests, 21 handovers",
            "排班：2026-10 至 2026-12 共 308 个班次，换班（已批准 2，待同事确认 1），"
            "请假申请 6 条，交接记录 21 条",
        ),
        row(
            "demo",
            "callback_task",
            "callbacks: 37 from events and agents' own follow-ups (due today 13, overdue 1, "
            "upcoming 7, Rescheduled 2, Done 10, Unreachable 4), 50 attempts, 3 regular-care; "
            "0.3 s",
        ): (
            "callbacks: 37 from events and agents' own follow-ups (due today 13, overdue 1, "
            "upcoming 7, Rescheduled 2, Done 10, Unreachable 4), 50 attempts, 3 regular-care; "
            "0.3 s",
            "回访：37 条，来自业务事件和客服代表自己安排的跟进（今日到期 13，已逾期 1，待到期 7，"
            "已改期 2，已完成 10，无法联系 4），拨打 50 次，定期回访 3 条；用时 0.3 秒",
        ),
        row("import", "customer", "demo: 500 customers"): (
            "demo customers added: 500",
            "添加演示客户：500 位",
        ),
        row("merge", "customer", "实验小学（编号 7）已合并到 实验小学总校（编号 3）"): (
            "实验小学 (No. 7) merged into 实验小学总校 (No. 3)",
            "实验小学（编号 7）已合并到 实验小学总校（编号 3）",
        ),
        row("update", "callback_task", "callback no_answer"): (
            "Callback call: No answer",
            "回访通话：未接通",
        ),
        row("create", "callback_attempt", "callback attempt: reached"): (
            "Callback call: Reached",
            "回访通话：已接通",
        ),
        row("update", "callback_task", "callback done"): ("Callback done", "回访完成"),
        row("update", "callback_task", "callback done: complaint closed"): (
            "Callback done: the complaint was closed",
            "回访完成：投诉已结案",
        ),
        row("update", "callback_task", f"callback to {agent.login}"): (
            f"Callback given to {agent.name}",
            f"回访改派给{agent.name}",
        ),
        row("update", "onboarding_request", "contract"): (
            "Onboarding step: Contract signed",
            "新客户加入步骤：签订合同",
        ),
        row("backup", "backup_record", "daily: kefu-20261126.zip"): (
            "Backup (daily): kefu-20261126.zip",
            "备份（每日自动）：kefu-20261126.zip",
        ),
        row("create", "customer", "实验小学"): ("实验小学", "实验小学"),  # data stays
        row("update", "callback_task", "callback to nobody-here"): (
            "callback to nobody-here",
            "callback to nobody-here",
        ),
    }
    customer = customer_records.create_customer(
        agent, customer_records.CustomerData(name="实验小学", phones=["13800001111"])
    )
    task = CallbackTask.create(
        customer=customer.id,
        kind="followup",
        due_at=dt.datetime(2026, 11, 27, 9),
        assignee=agent.id,
        reason="回电：售后 等工程师确认后回电",
        event_key="manual:old",
    )
    request = OnboardingRequest.create(customer=customer.id, stage="installed")
    step = OnboardingStep.create(
        request=request.id,
        stage="installed",
        on_date=TODAY,
        note="由 K7 交互平板 的安装记录自动记入。",
    )
    own = OnboardingStep.create(request=request.id, stage="installed", on_date=TODAY, note="已培训")
    _coded_sentences(SchemaMigrator.from_database(database.obj))
    _coded_sentences(SchemaMigrator.from_database(database.obj))  # converted once

    def read(language: str, text: str) -> str:
        install_language(language)
        try:
            return sentences.read(text)
        finally:
            install_language("en")

    for entry_id, (english, chinese) in old.items():
        summary = AuditLog.get_by_id(entry_id).summary
        assert read("en", summary) == english
        assert read("zh_CN", summary) == chinese
    reason = CallbackTask.get_by_id(task.id).reason
    assert read("en", reason) == "Call back about: 售后 等工程师确认后回电"
    assert read("zh_CN", reason) == "回电：售后 等工程师确认后回电"
    note = OnboardingStep.get_by_id(step.id).note
    assert read("en", note) == "From the installation of K7 交互平板."
    assert OnboardingStep.get_by_id(own.id).note == "已培训"
    assert Customer.get_by_id(customer.id).name == "实验小学"


def test_a_long_sentence_is_kept_whole(db_url, admin):
    """A demo area's line counting every state it made is longer than a summary line: it is
    kept whole (a cut one could not be read back)."""
    from app import audit, sentences
    from models import AuditLog

    states = ("approved", "declined", "pending_colleague", "pending_manager", "rejected")
    line = sentences.say(
        "demo.roster",
        entries=31200,
        first="2026-11",
        last="2027-01",
        swaps={state: 100 + n for n, state in enumerate([*states, "withdrawn"])},
        leaves=600,
        handovers=2100,
    )
    assert len(line.stored()) > 200
    entry = audit.record(admin, "demo", "roster_entry", None, summary=line)
    assert sentences.read(AuditLog.get_by_id(entry.id).summary) == line.text()
    assert "Withdrawn 105" in line.text()


def test_old_callback_kinds_and_imports_in_summaries_are_converted(db_url, admin):
    from app import sentences
    from models import AuditLog
    from models.migrations import _callback_kind_summaries

    made = AuditLog.create(action="create", table="callback_task", summary="followup callback")
    imported = AuditLog.create(action="create", table="customer", summary="从 客户.csv 导入")
    typed = AuditLog.create(action="create", table="customer", summary="实验小学")
    _callback_kind_summaries(SchemaMigrator.from_database(database.obj))
    assert AuditLog.get_by_id(made.id).summary == ""
    assert sentences.read(AuditLog.get_by_id(imported.id).summary) == "imported from 客户.csv"
    assert AuditLog.get_by_id(typed.id).summary == "实验小学"


def test_old_imported_records_in_summaries_are_converted(db_url, admin):
    from app import sentences
    from models import AuditLog
    from models.migrations import _imported_record_summaries

    old = AuditLog.create(action="create", table="complaint", summary="20261120-001 (import)")
    contact = AuditLog.create(
        action="create", table="contact_record", summary="2026-11-20 09:30 钱老师 (import)"
    )
    _imported_record_summaries(SchemaMigrator.from_database(database.obj))
    install_language("zh_CN")
    try:
        assert sentences.read(AuditLog.get_by_id(old.id).summary) == "20261120-001（导入）"
        assert sentences.read(AuditLog.get_by_id(contact.id).summary) == (
            "2026-11-20 09:30 钱老师（导入）"
        )
    finally:
        install_language("en")


def test_a_work_summarys_period_reads_in_each_desks_language(db_url, admin):
    from app import sentences
    from models import AuditLog
    from models.migrations import _work_summary_summaries

    old = AuditLog.create(action="create", table="work_summary", summary="month 2026-11-01")
    _work_summary_summaries(SchemaMigrator.from_database(database.obj))
    stored = AuditLog.get_by_id(old.id).summary
    assert sentences.read(stored) == "Monthly summary 2026-11-01"
    install_language("zh_CN")
    try:
        assert "month" not in sentences.read(stored)
    finally:
        install_language("en")


def test_a_settings_change_reads_by_the_settings_name(db_url, admin):
    from app import settings

    settings.put(admin, "leave_notice_days", 5)
    install_language("zh_CN")
    try:
        [row] = audit_trail.rows(admin, table="setting")
    finally:
        install_language("en")
    assert "leave_notice_days" not in row.changes_text + row.summary
    assert row.changes_text.endswith("→ 5")
    assert not row.changes_text.startswith("Leave")  # by its name in Chinese
    assert settings.label("leave_notice_days").startswith("Leave")
