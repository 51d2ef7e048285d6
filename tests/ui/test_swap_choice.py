"""Choosing a swap in the request form: shifts listed with their weekday and hours, the colleagues'
shifts filtered by person and date, and the colleagues' shifts that meet every rule suggested
(the rules decided in app.roster, not in the form)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from app.roster import swaps
from app.roster.roster import weekday_name
from app.roster.shifts import shift_by_code
from models import RosterEntry
from tests.ui.test_roster_swap_gui import english_texts, plain_workday  # noqa: F401
from ui import operations
from ui.roster.dialogs import SwapRequestDialog
from ui.roster.widgets import to_qdate


def slots_in(combo) -> list[swaps.Slot]:
    return [combo.itemData(i) for i in range(combo.count()) if combo.itemData(i) is not None]


def test_the_form_suggests_shifts_that_meet_every_rule_and_filters_by_person_and_date(
    qtbot, sqlite_url, manager, agent, agent2
):
    give = plain_workday(dt.date.today() + dt.timedelta(days=7))
    back = plain_workday(give + dt.timedelta(days=3))
    day = shift_by_code("day")
    RosterEntry.create(on_date=give, shift=day, agent=agent)
    RosterEntry.create(on_date=give, shift=day, agent=agent2)  # agent2 already works that shift
    RosterEntry.create(on_date=back, shift=day, agent=agent2)
    RosterEntry.create(on_date=back, shift=day, agent=manager)
    dialog = SwapRequestDialog(agent)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(operations.idle)  # the shifts and colleagues are read off the GUI thread

    mine = slots_in(dialog.give)
    assert [(s.on_date, s.shift_id) for s in mine] == [(give, day.id)]
    label = dialog.give.itemText(1)
    assert label.startswith(give.isoformat())
    assert weekday_name(give.weekday()) in label and day.name in label and day.segments in label

    # every colleague's shift, then one person's, then one day's
    assert {(s.agent_id, s.on_date) for s in slots_in(dialog.return_shift)} == {
        (agent2.id, give),
        (agent2.id, back),
        (manager.id, back),
    }
    dialog.colleague.setCurrentIndex(dialog.colleague.findData(agent2.id))
    qtbot.waitUntil(operations.idle)
    assert {s.on_date for s in slots_in(dialog.return_shift)} == {give, back}
    dialog.colleague.setCurrentIndex(0)  # any colleague
    dialog.one_day.setChecked(True)
    dialog.day.setDate(to_qdate(back))
    qtbot.waitUntil(operations.idle)
    assert {s.agent_id for s in slots_in(dialog.return_shift)} == {agent2.id, manager.id}
    assert all(
        manager.name in dialog.return_shift.itemText(i)
        or agent2.name in dialog.return_shift.itemText(i)
        for i in range(1, dialog.return_shift.count())
    )

    # the suggestions: the manager's shift meets every rule; agent2's would leave a post empty
    dialog.give.setCurrentIndex(1)
    qtbot.waitUntil(
        lambda: (
            dialog.suggestions.count() > 0
            and dialog.suggestions.item(0).data(Qt.ItemDataRole.UserRole) is not None
        ),
        timeout=15000,
    )
    suggested = [
        dialog.suggestions.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(dialog.suggestions.count())
    ]
    assert [(s.agent_id, s.on_date) for s in suggested] == [(manager.id, back)]
    dialog.use_suggestion(dialog.suggestions.item(0))
    qtbot.waitUntil(operations.idle)
    assert dialog.colleague.currentData() == manager.id
    assert dialog.return_shift.currentData() == suggested[0]
    assert dialog.results.count() == 9 and dialog.results.failed_count() == 0

    # agent2's shift on the same day fails the rule on empty shifts, as the list said
    dialog.colleague.setCurrentIndex(dialog.colleague.findData(agent2.id))
    qtbot.waitUntil(operations.idle)
    dialog.return_shift.setCurrentIndex(
        dialog.return_shift.findText(back.isoformat(), Qt.MatchFlag.MatchStartsWith)
    )
    qtbot.waitUntil(operations.idle)
    assert dialog.results.failed_count() >= 1
    dialog.reject()
