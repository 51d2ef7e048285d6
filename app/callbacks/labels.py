"""Words for the callbacks' codes: the codes are stored, the words are shown in the reader's
language (a task's kind by its entry in :mod:`app.callbacks.kinds`)."""

from __future__ import annotations

from typing import Any

from app import sentences
from app.callbacks import kinds
from app.i18n import translate


def kind_label(kind: str) -> str:
    return kinds.label(kind)


def status_label(status: str) -> str:
    return {
        "pending": translate("Callbacks", "Pending"),
        "rescheduled": translate("Callbacks", "Rescheduled"),
        "done": translate("Callbacks", "Done"),
        "unreachable": translate("Callbacks", "Unreachable"),
    }.get(status, status)


def result_label(result: str) -> str:
    return {
        "reached": translate("Callbacks", "Reached"),
        "no_answer": translate("Callbacks", "No answer"),
        "wrong_number": translate("Callbacks", "Wrong number"),
        "reschedule": translate("Callbacks", "Call again later"),
    }.get(result, result)


def satisfaction_label(score: int | None) -> str:
    return {
        5: translate("Callbacks", "5 Very satisfied"),
        4: translate("Callbacks", "4 Satisfied"),
        3: translate("Callbacks", "3 Neutral"),
        2: translate("Callbacks", "2 Dissatisfied"),
        1: translate("Callbacks", "1 Very dissatisfied"),
    }.get(score or 0, "")


@sentences.register("callbacks.call")
def _call(values: dict[str, Any]) -> str:
    return translate("Callbacks", "Callback call: {result}").format(
        result=result_label(str(values.get("result", "")))
    )


@sentences.register("demo.callbacks")
def _demo_line(values: dict[str, Any]) -> str:
    """The demo's line for the callbacks, the states by their words (due today, overdue, ...)."""
    words = {
        "due": translate("Demo", "due today"),
        "overdue": translate("Demo", "overdue"),
        "upcoming": translate("Demo", "upcoming"),
    }
    counts = values.get("states") or {}
    parts = translate("Demo", ", ").join(
        f"{words.get(state) or status_label(state)} {count}" for state, count in counts.items()
    )
    return translate(
        "Demo",
        "callbacks: {total} from events and agents' own follow-ups ({states}), "
        "{attempts} attempts, {care} regular-care; {seconds} s",
    ).format(**{**values, "states": parts})
