"""A desk in English and a desk in Chinese on one database each see the whole history in their
own language: after the demo and a few actions in every area, everything the audit trail and the
screens' histories and timelines show is read on both desks.

Two checks, each able to fail for a real leak without flagging data:
- the same history written once by a desk in English and once by a desk in Chinese (same demo
  seed, same clock) reads the same on a desk: a text translated when it was written differs;
- read in Chinese, no English word is left but the data's own (logins, the demo's password);
  read in English, no Chinese is left but the data's own (names, typed notes, categories...):
  what the database holds outside the audit trail and the program's coded columns."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import peewee
import pytest
import time_machine

from app import audit_trail, demo
from app.callbacks import service as callbacks
from app.callbacks.lists import rows_for
from app.calls import service as contacts
from app.complaints import service
from app.complaints.screen import complaint_screen
from app.customers import customers as customer_records
from app.customers import merge, views
from app.customers.timeline import timeline
from app.customers.transfer import COLUMNS, import_customers
from app.i18n import install_language
from app.roster import handover, screen
from app.tabular import write_table
from models import (
    ALL_TABLES,
    AuditLog,
    CallbackTask,
    Complaint,
    Customer,
    OnboardingRequest,
    User,
)
from models.db import close_database, open_database
from tests.conftest import make_user

NOW = dt.datetime(2026, 11, 26, 10, 30)
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")
WORD = re.compile(r"[A-Za-z]{2,}")
# columns the program writes in codes (read through app.sentences, the rules' codes, the steps'
# params): never counted as data
# the codes a screen's values carry beside their labels, for the screen to choose by (never shown)
CODE_FIELDS = {"kind", "status", "code"}
CODED = {("audit_log", "summary"), ("audit_log", "changes"), ("progress_step", "params")}


def texts(value: object) -> Iterator[str]:
    """Every text a screen's plain values hold."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from texts(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name not in CODE_FIELDS:
                yield from texts(getattr(value, f.name))


def act(admin: User, folder: Path) -> None:
    """A few actions in every area, on top of the demo."""
    manager = User.get(User.login == "manager")
    agent, agent2 = (User.get(User.login == login) for login in ("agent1", "agent2"))
    c = service.register_complaint(
        agent,
        complainant="陈先生",
        contact="13912345678",
        channel="phone",
        category="delivery",
        content="包装破损",
    )
    service.start_handling(agent, c.id)
    service.reassign_complaint(manager, c.id, agent2.id)
    service.resolve_complaint(agent2, c.id, "已补发电源线")
    task = CallbackTask.get(CallbackTask.complaint == c.id)
    for _ in range(3):
        callbacks.record_attempt(agent2, task.id, "no_answer")
    service.void_complaint(manager, c.id, "重复登记")
    contacts.log_contact(
        agent,
        topic="售后",
        result="callback",
        customer_name="钱老师",
        contact="13700002222",
        note="等工程师确认后回电",
    )
    keep = customer_records.create_customer(
        agent, customer_records.CustomerData(name="实验小学", phones=["13800001111"])
    )
    other = customer_records.create_customer(
        agent, customer_records.CustomerData(name="实验小学分校", phones=["13800002222"])
    )
    merge.merge_customers(manager, keep, other)
    entry = handover.record_handover(agent, incoming=agent2, shift=None, equipment="正常")
    handover.acknowledge(agent2, entry)
    sheet = folder / "customers.csv"
    write_table(sheet, list(COLUMNS), [["育才中学", "单位", "王老师", "13600003333"]])
    import_customers(agent, sheet)


def readings(language: str, admin: User) -> dict[str, list[str]]:
    """Everything the history shows, read on a desk in ``language``, by where it is shown."""
    manager = User.get(User.login == "manager")
    install_language(language)
    try:
        out: dict[str, list[str]] = {}
        for row in audit_trail.rows(admin, limit=100_000):
            out.setdefault("audit trail", []).extend(
                [row.action, row.record, row.summary, row.changes_text]
            )
        for (complaint_id,) in Complaint.select(Complaint.id).tuples():
            out[f"complaint {complaint_id}"] = list(
                texts(complaint_screen(manager, complaint_id).timeline)
            )
        for (customer_id,) in Customer.select(Customer.id).tuples():
            out[f"customer {customer_id}"] = [
                text for e in timeline(customer_id, NOW.date()) for text in (e.title, e.detail)
            ]
        for (request_id,) in OnboardingRequest.select(OnboardingRequest.id).tuples():
            shown = views.onboarding_screen(request_id)
            out[f"onboarding {request_id}"] = [shown.standing, *shown.steps] if shown else []
        out["callbacks"] = list(texts(rows_for(list(CallbackTask.select()))))
        out["roster requests"] = list(texts(screen.request_lists(manager, everyone=True)))
        out["handover log"] = list(texts(handover.handover_log(manager, 500).entries))
        return out
    finally:
        install_language("en")


CODE = re.compile(r"^[a-z][a-z_]*$")  # a status, a kind, a result: never shown as it is


def data_text() -> str:
    """What the database holds as data: every text column outside the program's coded ones,
    without the codes (``in_progress``, ``person``); the logins are data."""
    found = [login for (login,) in User.select(User.login).tuples()]
    found += [  # the files imported, by the names they had
        json.loads(changes).get("file", "")
        for (changes,) in AuditLog.select(AuditLog.changes)
        .where(AuditLog.action == "import")
        .tuples()
    ]
    for model in ALL_TABLES:
        table = model._meta.table_name
        for f in model._meta.sorted_fields:
            if isinstance(f, (peewee.CharField, peewee.TextField)) and (table, f.name) not in CODED:
                found += [v for (v,) in model.select(f).tuples() if v and not CODE.match(v)]
    return "\n".join(found)


def written_by(language: str, template: Path, tmp_path: Path) -> tuple[dict, dict, str]:
    """The demo and the actions written on a desk in ``language``; read on both desks."""
    target = tmp_path / f"{language}.sqlite3"
    (tmp_path / language).mkdir()
    shutil.copyfile(template, target)
    open_database(str(target))
    try:
        with time_machine.travel(NOW, tick=False):
            admin = make_user("admin", "admin", "A001", "管理员")
            install_language(language)
            try:
                demo.fill(admin, customers=6, complaints=10, months=2, agents=3, report=print)
                act(admin, tmp_path / language)
            finally:
                install_language("en")
            return readings("en", admin), readings("zh_CN", admin), data_text()
    finally:
        close_database()


@pytest.fixture
def histories(sqlite_template: Path, tmp_path: Path) -> dict[str, tuple[dict, dict, str]]:
    return {lang: written_by(lang, sqlite_template, tmp_path) for lang in ("en", "zh_CN")}


def timeless(shown: list[str]) -> list[str]:
    """The texts without the seconds the demo's areas took (they differ from run to run)."""
    return [re.sub(r"\b\d+\.\d\b", "#", text) for text in shown]


def test_the_same_history_reads_the_same_whichever_desk_wrote_it(histories):
    (en_by_en, zh_by_en, _), (en_by_zh, zh_by_zh, _) = histories["en"], histories["zh_CN"]
    assert en_by_en.keys() == en_by_zh.keys()
    for place in en_by_en:
        assert timeless(en_by_en[place]) == timeless(en_by_zh[place]), place
        assert timeless(zh_by_en[place]) == timeless(zh_by_zh[place]), place


def test_each_desk_reads_no_words_of_the_other_language_but_the_datas(histories):
    for english, chinese, data in histories.values():
        assert len(english["audit trail"]) > 100 and len(english) > 20
        for place, shown in english.items():
            for text in shown:
                for run in CJK.findall(text):
                    assert run in data, (place, run, text)
        for place, shown in chinese.items():
            for text in shown:
                for word in WORD.findall(text):
                    assert word in data, (place, word, text)
