"""Sentences the program writes into the database are kept as a key and its values, never as text
in the language of the desk that wrote them: an audit row's summary (a demo area's line, a merge,
a callback's call), the reason of a callback a contact asked for, the note of an onboarding step
made by an installation are :class:`Sentence` ``stored()``, and :func:`read` writes them in the
reader's language wherever they are shown (a person's own text is read as written). Names, numbers and other data are values; codes among the
values (a callback's result, a swap's state) are written by their labels when read.

A new sentence is one more entry of :data:`SENTENCES` (its key and how it reads); a sentence that
writes codes by their labels is registered beside those labels (:func:`register`), in a module the
audit trail reads with (the callbacks' labels, the customers' codes, the swaps)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.i18n import QT_TRANSLATE_NOOP, translate


def _template(context: str, source: str) -> Callable[[dict[str, Any]], str]:
    def render(values: dict[str, Any]) -> str:
        return translate(context, source).format(**values).strip()

    return render


BACKUP_REASONS = {
    "daily": QT_TRANSLATE_NOOP("Backup", "daily"),
    "manual": QT_TRANSLATE_NOOP("Backup", "by hand"),
    "migration": QT_TRANSLATE_NOOP("Backup", "before an upgrade"),
    "restore": QT_TRANSLATE_NOOP("Backup", "before a restore"),
}


def backup_reason_label(reason: str) -> str:
    return translate("Backup", BACKUP_REASONS[reason]) if reason in BACKUP_REASONS else reason


def work_period_label(period: str) -> str:
    """A work summary's period by its name (the work log's)."""
    return {
        "week": translate("WorkLog", "Weekly summary"),
        "month": translate("WorkLog", "Monthly summary"),
    }.get(period, period)


def _work_summary(values: dict[str, Any]) -> str:
    return f"{work_period_label(str(values.get('period', '')))} {values.get('first', '')}"


def _backup(values: dict[str, Any]) -> str:
    return translate("Backup", "Backup ({reason}): {file}").format(
        reason=backup_reason_label(str(values.get("reason", ""))), file=values.get("file", "")
    )


SENTENCES: dict[str, Callable[[dict[str, Any]], str]] = {  # key -> how it reads
    # the demo's line for each area it filled
    "demo.users": _template(
        "Demo",
        QT_TRANSLATE_NOOP("Demo", "users: manager, agent1..agent{last} (password: {password})"),
    ),
    "demo.customers": _template(
        "Demo",
        QT_TRANSLATE_NOOP(
            "Demo",
            "customers: {customers} ({organisations} organisations), {requests} onboarding "
            "requests, {installed} installations ({late} late), {repaired} repairs ({open} open, "
            "{loaners} loaners out) in {seconds} s",
        ),
    ),
    "demo.customers_added": _template(
        "Demo", QT_TRANSLATE_NOOP("Demo", "demo customers added: {count}")
    ),
    "demo.complaints": _template(
        "Demo",
        QT_TRANSLATE_NOOP(
            "Demo", "complaints: {total} over {months} months ({overdue} overdue) in {seconds} s"
        ),
    ),
    "demo.roster_short": _template(
        "RosterDemo", QT_TRANSLATE_NOOP("RosterDemo", "roster: needs at least two agents")
    ),
    "demo.contacts": _template(
        "Demo",
        QT_TRANSLATE_NOOP(
            "Demo", "contacts: {total} ({orders} orders, {slow} answered after 15 s)"
        ),
    ),
    "demo.worklog": _template(
        "Demo",
        QT_TRANSLATE_NOOP(
            "Demo",
            "work logs: {arrivals} arrivals, {notes} days with notes, {summaries} monthly "
            "summaries",
        ),
    ),
    # the audit trail's lines
    "contacts.call_back": _template(
        "ContactRegister",
        QT_TRANSLATE_NOOP("ContactRegister", "Call back about: {topic} {note}"),
    ),
    "imported.record": _template(
        "AuditTrail", QT_TRANSLATE_NOOP("AuditTrail", "{record} (imported)")
    ),
    "customers.merged": _template(
        "Customers",
        QT_TRANSLATE_NOOP("Customers", "{other} (No. {oid}) merged into {keep} (No. {kid})"),
    ),
    "callbacks.done": _template("Callbacks", QT_TRANSLATE_NOOP("Callbacks", "Callback done")),
    "callbacks.done_closed": _template(
        "Callbacks",
        QT_TRANSLATE_NOOP("Callbacks", "Callback done: the complaint was closed"),
    ),
    "callbacks.given_to": _template(
        "Callbacks", QT_TRANSLATE_NOOP("Callbacks", "Callback given to {name}")
    ),
    "backup.made": _backup,
    "worklog.summary": _work_summary,
}


Render = Callable[[dict[str, Any]], str]


def register(key: str) -> Callable[[Render], Render]:
    """Register how the sentence ``key`` reads (a function of its values)."""

    def add(render: Render) -> Render:
        assert key not in SENTENCES, key
        SENTENCES[key] = render
        return render

    return add


@dataclass(frozen=True)
class Sentence:
    """A sentence as its key and values: written in the reader's language by :meth:`text`,
    kept in the database as :meth:`stored`."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        render = SENTENCES.get(self.key)
        if render is None:
            return self.key
        try:
            return render(self.values)
        except (KeyError, IndexError, ValueError):  # values of an older version
            return self.key

    def stored(self) -> str:
        return json.dumps(
            {"s": self.key, "v": self.values}, ensure_ascii=False, separators=(",", ":")
        )

    def __str__(self) -> str:
        return self.text()


def say(key: str, **values: Any) -> Sentence:
    assert key in SENTENCES, key
    return Sentence(key, values)


def parse(stored: str) -> Sentence | None:
    """The sentence kept in ``stored``, or None for a text kept as written (a name, a number)."""
    if not stored.startswith('{"s":'):
        return None
    try:
        found = json.loads(stored)
    except ValueError:
        return None
    if not isinstance(found, dict) or found.get("s") not in SENTENCES:
        return None
    values = found.get("v")
    return Sentence(found["s"], values if isinstance(values, dict) else {})


def read(stored: str) -> str:
    """What a stored text says, in the reader's language: a sentence written by the program is
    written out, a person's text (a note, a reason) is returned as written."""
    found = parse(stored)
    return found.text() if found is not None else stored
