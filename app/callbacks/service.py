"""Callback tasks 回访: made by events, worked from a list, recorded attempt by attempt, measured.

The callbacks' public names in one place, for the screens and the command line; each concern
lives in its own module:

- :mod:`app.callbacks.kinds`: what each kind of task means, and the event handler that makes it;
- :mod:`app.callbacks.tasks`: making and finding tasks; :mod:`app.callbacks.due`: due times;
- :mod:`app.callbacks.scheduling`: tasks scheduled by hand, and giving tasks to someone else;
- :mod:`app.callbacks.care`: the regular-care batch;
- :mod:`app.callbacks.attempts`: each call and the outcome (closing or reopening a complaint);
- :mod:`app.callbacks.lists`: the lists and their rows; :mod:`app.callbacks.detail`: one task's
  screen (summary, script, survey); :mod:`app.callbacks.rates`: the figures;
- :mod:`app.callbacks.labels`: the words for the codes; :mod:`app.callbacks.workflow`: the
  state machine.

Every change (:func:`schedule_manual`, :func:`reassign`, :func:`record_attempt`,
:func:`record_outcome`, :func:`make_care_tasks`) is a use case: one write transaction with its
audit rows.
"""

from __future__ import annotations

from app.callbacks.attempts import (
    ATTEMPT_RESULTS,
    KEEP_CLOSED,
    REOPEN,
    UNANSWERED,
    ClosedComplaintNotSatisfied,
    Outcome,
    attempts_of,
    record_attempt,
    record_outcome,
    unanswered_count,
)
from app.callbacks.care import (
    CARE_GRACE_DAYS,
    CARE_LOOKAHEAD_DAYS,
    generate_care_tasks,
    make_care_tasks,
)
from app.callbacks.detail import TaskDetail, detail, script_for
from app.callbacks.due import WORKDAY_START, add_months, due_after_days, timing
from app.callbacks.kinds import (
    KINDS,
    on_complaint_closed,
    on_complaint_resolved,
    on_installation_finished,
    on_repair_closed,
)
from app.callbacks.labels import kind_label, result_label, satisfaction_label, status_label
from app.callbacks.lists import (
    TaskFilter,
    TaskRow,
    count_tasks,
    done_today,
    due_count,
    iter_rows,
    list_tasks,
    my_tasks,
    rows_for,
    standard_reason,
)
from app.callbacks.rates import completion_rate, reach_rate
from app.callbacks.scheduling import reassign, schedule_manual
from app.callbacks.tasks import get_task
from app.callbacks.workflow import OPEN_STATUSES, STATUSES

__all__ = [
    "ATTEMPT_RESULTS",
    "CARE_GRACE_DAYS",
    "CARE_LOOKAHEAD_DAYS",
    "KEEP_CLOSED",
    "KINDS",
    "OPEN_STATUSES",
    "REOPEN",
    "STATUSES",
    "UNANSWERED",
    "WORKDAY_START",
    "ClosedComplaintNotSatisfied",
    "Outcome",
    "TaskDetail",
    "TaskFilter",
    "TaskRow",
    "add_months",
    "attempts_of",
    "completion_rate",
    "count_tasks",
    "detail",
    "done_today",
    "due_after_days",
    "due_count",
    "generate_care_tasks",
    "get_task",
    "iter_rows",
    "kind_label",
    "list_tasks",
    "make_care_tasks",
    "my_tasks",
    "on_complaint_closed",
    "on_complaint_resolved",
    "on_installation_finished",
    "on_repair_closed",
    "reach_rate",
    "reassign",
    "record_attempt",
    "record_outcome",
    "result_label",
    "rows_for",
    "satisfaction_label",
    "schedule_manual",
    "script_for",
    "standard_reason",
    "status_label",
    "timing",
    "unanswered_count",
]
