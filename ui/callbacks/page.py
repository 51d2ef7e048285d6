"""The callbacks area 回访: my list, the callback screen, and the manager's view of every task."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.auth import can
from app.callbacks import screen as lists
from app.callbacks import service
from app.callbacks.service import TaskFilter
from app.clock import now
from app.customers import names as customer_names
from app.customers.names import CustomerName
from app.errors import KefuError, ValidationError
from ui import dates, operations, printing
from ui.callbacks.screen import CallbackScreen
from ui.callbacks.table import TaskTableModel, load_keeping_selection, rows_shown
from ui.context import UiContext, local_settings
from ui.forms import FieldErrors
from ui.operations import Progress, read_with_progress, show_error
from ui.status import confirm
from ui.tables import EmptyNote

CARE_CHECK_EVERY = dt.timedelta(minutes=10)
CARE_CHECKED_KEY = "callbacks.care_checked_at"
MY_COLUMNS = ("due", "when", "customer", "phone", "kind", "reason", "related", "attempts")
ALL_COLUMNS = (
    "due",
    "when",
    "customer",
    "phone",
    "kind",
    "reason",
    "assignee",
    "attempts",
    "status",
    "satisfaction",
    "onsite",
)


def make_care_tasks(
    ctx: UiContext, parent: QWidget | None = None, then: Callable[[], None] | None = None
) -> None:
    """Regular-care tasks appear as the desk looks at its callbacks (at most every few minutes
    per desk; the last check is kept in the session's context). They are made off the GUI
    thread; ``then()`` follows, also when there was nothing to do or the check failed."""
    moment = now()
    last = ctx.extra.get(CARE_CHECKED_KEY)
    if isinstance(last, dt.datetime) and moment - last < CARE_CHECK_EVERY:
        if then is not None:
            then()
        return
    ctx.extra[CARE_CHECKED_KEY] = moment

    def failed(exc: Exception) -> None:  # the care settings are broken: the lists still show
        if parent is not None:
            show_error(parent, exc)
        if then is not None:
            then()

    operations.perform(
        parent,
        service.generate_care_tasks,
        done=lambda _made: then() if then is not None else None,
        failed=failed,
        busy="",
    )


def _table(model: TaskTableModel, multi: bool) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(False)
    view.setWordWrap(False)
    view.setAlternatingRowColors(False)
    keys = [key for key, _ in model.columns]
    if "reason" in keys:
        view.horizontalHeader().setSectionResizeMode(
            keys.index("reason"), QHeaderView.ResizeMode.Stretch
        )
    view.empty_note = EmptyNote(view)  # type: ignore[attr-defined]
    return view


def _to_date(edit: QDateEdit) -> dt.date:
    return edit.date().toPython()


def _documents() -> ModuleType:
    """The callbacks' documents, loaded (with the PDF library) when something is written."""
    return importlib.import_module("app.callbacks.documents")


class ScheduleDialog(QDialog):
    """Schedule a regular-care or follow-up callback for one customer by hand."""

    def __init__(
        self,
        ctx: UiContext,
        customer: CustomerName,
        parent: QWidget | None = None,
        agents: list[tuple[int, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer = customer
        self.task = None
        self.setWindowTitle(self.tr("Schedule a callback"))
        form = QFormLayout(self)
        form.addRow(self.tr("Customer:"), QLabel(customer.name))
        self.kind = QComboBox()
        self.kind.addItem(service.kind_label("followup"), "followup")
        self.kind.addItem(service.kind_label("care"), "care")
        self.due = dates.limit(QDateTimeEdit())
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd HH:mm")
        tomorrow = dt.datetime.combine(now().date() + dt.timedelta(days=1), service.WORKDAY_START)
        self.due.setDateTime(QDateTime(tomorrow))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("What the call is for"))
        self.assignee = QComboBox()
        if agents is None:
            operations.query(self, lists.agents, done=self._fill_agents, slot="agents", busy="")
        else:
            self._fill_agents(agents)
        self.assignee.setEnabled(can(ctx.user, "callback.manage"))
        form.addRow(self.tr("Kind:"), self.kind)
        form.addRow(self.tr("Call at:"), self.due)
        form.addRow(self.tr("Reason:"), self.reason)
        form.addRow(self.tr("Agent:"), self.assignee)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Schedule"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.errors = FieldErrors(
            form,
            {
                "kind": self.kind,
                "due_at": self.due,
                "reason": self.reason,
                "assignee": self.assignee,
            },
        )

    def _fill_agents(self, agents: list[tuple[int, str]]) -> None:
        for user_id, label in agents:
            self.assignee.addItem(label, user_id)
        self.assignee.setCurrentIndex(max(self.assignee.findData(self.ctx.user.id), 0))

    def save(self) -> None:
        """Schedule off the GUI thread; the dialog closes once it is saved."""
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if not ok.isEnabled():  # already saving
            return
        user, customer_id = self.ctx.user, self.customer.id
        due, reason = self.due.dateTime().toPython(), self.reason.text()
        kind, assignee_id = self.kind.currentData(), self.assignee.currentData()
        ok.setEnabled(False)
        operations.perform(
            self,
            lambda: service.schedule_manual(
                user, customer_id, due, reason, kind=kind, assignee_id=assignee_id
            ),
            done=self._saved,
            failed=self._refused,
        )

    def _saved(self, task: object) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.task = task
        self.accept()

    def _refused(self, exc: Exception) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        if isinstance(exc, ValidationError):
            self.errors.show(exc.fields)
        elif isinstance(exc, KefuError):
            QMessageBox.warning(self, self.tr("Callbacks"), str(exc))
        else:
            show_error(self, exc)


class MyCallbacks(QWidget):
    """The agent's own open callbacks: overdue and due first, then upcoming."""

    def __init__(self, ctx: UiContext, open_task: Callable[[int], None]) -> None:
        super().__init__()
        self.print_dialog: printing.PrintChoice | None = None
        self.last_pdf: Path | None = None
        self.ctx = ctx
        self.open_task = open_task
        self.model = TaskTableModel(MY_COLUMNS, self)
        self.model.owner = self
        self.view = _table(self.model, multi=False)
        self.view.setObjectName("my_callbacks")
        self.view.activated.connect(lambda index: self.open_task(self.model.task_id(index.row())))
        self.summary = QLabel()
        self.work_button = QPushButton(self.tr("Work this callback"))
        self.work_button.setObjectName("work_callback")
        self.work_button.clicked.connect(self._work_selected)
        self.print_button = QPushButton(self.tr("Print my list…"))
        self.print_button.clicked.connect(self._print)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.work_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def refresh(self) -> None:
        """Read the list off the GUI thread and show it."""
        user, at_least = self.ctx.user, rows_shown(self.view)
        operations.query(self, lambda: lists.my_list(user, at_least), done=self._show, slot="list")

    def _show(self, found: lists.MyList) -> None:
        had_choice = load_keeping_selection(self.view, found.tasks)
        self.summary.setText(
            self.tr("{due} due now or overdue, {total} open in all; {done} closed today.").format(
                due=found.due, total=self.model.total, done=found.done_today
            )
        )
        self.view.resizeColumnsToContents()
        if self.model.rowCount() and not had_choice:
            self.view.selectRow(0)

    def _work_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            QMessageBox.information(self, self.tr("Callbacks"), self.tr("Choose a callback first."))
            return
        self.open_task(self.model.task_id(rows[0].row()))

    def _print(self) -> printing.PrintChoice:
        user = self.ctx.user
        day = now().date()

        def write(path: Path, progress: Progress) -> Path:
            from app.callbacks import documents  # the PDF library loads when something is printed

            documents.print_list(path, day, 7, user, progress)
            return path

        document = printing.Document(
            self.tr("My callback list from {date}").format(date=day.isoformat()),
            f"callbacks-{day.isoformat()}.pdf",
            write,
        )
        self.print_dialog = printing.offer(self, document, self._printed)
        return self.print_dialog

    def _printed(self, path: Path) -> None:
        self.last_pdf = path


class AllCallbacks(QWidget):
    """Every task, filtered; reassign one or many; completion and reach rates for the period."""

    def __init__(self, ctx: UiContext, open_task: Callable[[int], None]) -> None:
        super().__init__()
        self.print_dialog: printing.PrintChoice | None = None
        self.last_pdf: Path | None = None
        self.ctx = ctx
        self.open_task = open_task
        self.agent = QComboBox()
        self.agent.setObjectName("filter_agent")
        self.agent.addItem(self.tr("All agents"), None)
        self.reassign_to = QComboBox()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in service.KINDS:
            self.kind.addItem(service.kind_label(kind), kind)
        self.status = QComboBox()
        self.status.setObjectName("filter_status")
        self.status.addItem(self.tr("Any status"), None)
        self.status.addItem(self.tr("Open (pending or rescheduled)"), "open")
        for status in service.STATUSES:
            self.status.addItem(service.status_label(status), status)
        today = now().date()
        self.date_from = QDateEdit(QDate(today.replace(day=1)))
        self.date_to = QDateEdit(QDate(today + dt.timedelta(days=7)))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.onsite_only = QCheckBox(self.tr("On-site visit needed"))
        self.onsite_only.toggled.connect(self.refresh)
        self.include_overdue = QCheckBox(self.tr("Also overdue from earlier"))
        self.include_overdue.setObjectName("include_overdue")
        self.include_overdue.setToolTip(
            self.tr(
                "Open callbacks whose due date passed before “Due from” are listed too: "
                "they still need calling."
            )
        )
        self.include_overdue.setChecked(True)
        self.include_overdue.toggled.connect(self.refresh)
        self._restore_filters()
        for combo in (self.agent, self.kind, self.status):
            combo.currentIndexChanged.connect(self.refresh)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.refresh)
        filters = QHBoxLayout()
        filters.addWidget(self.agent)
        filters.addWidget(self.kind)
        filters.addWidget(self.status)
        filters.addWidget(QLabel(self.tr("Due from")))
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.date_to)
        filters.addStretch(1)
        # the check boxes on a line of their own: the page fits a 1366 px wide laptop
        checks = QHBoxLayout()
        checks.addWidget(self.include_overdue)
        checks.addWidget(self.onsite_only)
        checks.addStretch(1)

        self.model = TaskTableModel(ALL_COLUMNS, self)
        self.model.owner = self
        self.view = _table(self.model, multi=True)
        self.view.setObjectName("all_callbacks")
        self.view.activated.connect(lambda index: self.open_task(self.model.task_id(index.row())))
        self.rates = QLabel()
        self.rates.setWordWrap(True)
        self.rates.setObjectName("rates")
        self.rates.setTextFormat(Qt.TextFormat.RichText)
        self.rates.setToolTip(
            self.tr(
                "Completion: callbacks done of those due in the period so far. Reach rate: "
                "calls that reached the customer of the calls made in the period. Both follow "
                "the agent, kind and on-site filters, but count every status, and leave out "
                "the overdue ones from earlier."
            )
        )
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(self._open_selected)
        self.reassign_button = QPushButton(self.tr("Reassign selected to"))
        self.reassign_button.clicked.connect(self._reassign)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.clicked.connect(self._export)
        self.print_button = QPushButton(self.tr("Print list…"))
        self.print_button.clicked.connect(self._print)
        actions = QHBoxLayout()
        actions.addWidget(self.rates, 1)
        actions.addWidget(self.open_button)
        actions.addWidget(self.reassign_button)
        actions.addWidget(self.reassign_to)
        actions.addWidget(self.print_button)
        actions.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(checks)
        layout.addLayout(actions)
        layout.addWidget(self.view, 1)
        operations.query(self, lists.agents, done=self._fill_agents, slot="agents", busy="")

    def _fill_agents(self, agents: list[tuple[int, str]]) -> None:
        self.agent.blockSignals(True)
        for user_id, label in agents:
            self.agent.addItem(label, user_id)
            self.reassign_to.addItem(label, user_id)
        self.agent.blockSignals(False)

    def _restore_filters(self) -> None:
        stored = local_settings().value("callbacks/all_status", "open")
        index = self.status.findData(stored or None)
        if index >= 0:
            self.status.setCurrentIndex(index)

    def current_filter(self) -> TaskFilter:
        return TaskFilter(
            assignee_id=self.agent.currentData(),
            kind=self.kind.currentData(),
            status=self.status.currentData(),
            date_from=_to_date(self.date_from),
            date_to=_to_date(self.date_to),
            onsite_only=self.onsite_only.isChecked(),
            include_overdue=self.include_overdue.isChecked(),
        )

    def refresh(self) -> None:
        # overdue ones are open: the box means nothing for a closed status
        self.include_overdue.setEnabled(
            self.status.currentData() in (None, "open", *service.OPEN_STATUSES)
        )
        flt = self.current_filter()
        local_settings().setValue("callbacks/all_status", flt.status or "")
        at_least = rows_shown(self.view)
        operations.query(self, lambda: lists.all_list(flt, at_least), done=self._show, slot="list")

    def _show(self, found: lists.AllList) -> None:
        load_keeping_selection(self.view, found.tasks)
        self.view.resizeColumnsToContents()
        # the rates follow the agent, kind and on-site filters; never the status (see tooltip)
        completion, reach = found.completion, found.reach
        self.rates.setText(
            self.tr(
                "{n} callback(s) listed · rates over the period, every status: "
                "completion <b>{completion}</b> ({done} done of {due} due) · "
                "reach rate <b>{reach}</b> ({reached} reached of {attempts} calls)"
            ).format(
                n=self.model.total,
                completion=completion.percent(),
                done=completion.numerator,
                due=completion.denominator,
                reach=reach.percent(),
                reached=reach.numerator,
                attempts=reach.denominator,
            )
        )

    def selected_ids(self) -> list[int]:
        return [self.model.task_id(i.row()) for i in self.view.selectionModel().selectedRows()]

    def _open_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            QMessageBox.information(self, self.tr("Callbacks"), self.tr("Choose a callback first."))
            return
        self.open_task(ids[0])

    def _reassign(self) -> None:
        ids, user = self.selected_ids(), self.ctx.user
        agent_id, agent = self.reassign_to.currentData(), self.reassign_to.currentText()

        def done(changed: int) -> None:
            self.refresh()
            self.ctx.refresh_badges()
            QMessageBox.information(
                self,
                self.tr("Callbacks"),
                self.tr("{n} callback(s) reassigned to {agent}.").format(n=changed, agent=agent),
            )

        def failed(exc: Exception) -> None:
            if isinstance(exc, KefuError):
                QMessageBox.warning(self, self.tr("Callbacks"), str(exc))
            else:
                show_error(self, exc)

        operations.perform(
            self, lambda: service.reassign(user, ids, agent_id), done=done, failed=failed
        )

    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export callbacks"),
            "callbacks.xlsx",
            self.tr("Excel (*.xlsx);;CSV (*.csv)"),
        )
        if not path:
            return
        flt = self.current_filter()
        read_with_progress(
            self,
            self.tr("Exporting callbacks…"),
            lambda progress: _documents().export_tasks(Path(path), flt, progress),
            lambda count: confirm(
                self, self.tr("{n} callback(s) written to {path}.").format(n=count, path=path)
            ),
        )

    def _print(self) -> printing.PrintChoice:
        flt = self.current_filter()

        def write(path: Path, progress: Progress) -> Path:
            from app.callbacks import documents  # the PDF library loads when something is printed

            documents.print_tasks(path, flt, progress)
            return path

        document = printing.Document(self.tr("Callback list as filtered"), "callbacks.pdf", write)
        self.print_dialog = printing.offer(self, document, self._printed)
        return self.print_dialog

    def _printed(self, path: Path) -> None:
        self.last_pdf = path


class CallbacksPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stack = QStackedWidget()
        self.tabs = QTabWidget()
        self.mine = MyCallbacks(ctx, self.open_task)
        self.tabs.addTab(self.mine, self.tr("My callbacks"))
        self.all: AllCallbacks | None = None
        if can(ctx.user, "callback.manage"):
            self.all = AllCallbacks(ctx, self.open_task)
            self.tabs.addTab(self.all, self.tr("All callbacks"))
        self.schedule_dialog: ScheduleDialog | None = None
        self.screen = CallbackScreen(ctx)
        self.screen.back_requested.connect(self.show_list)
        self.screen.changed.connect(self._changed)
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.refresh()

    shows = {"callback_task", "callback_attempt", "customer", "complaint", "user", "setting"}

    def refresh(self) -> None:
        make_care_tasks(self.ctx, self, then=self._load)

    def _load(self) -> None:
        self.mine.refresh()
        if self.all is not None:
            self.all.refresh()
        if self.stack.currentWidget() is self.screen and self.screen.task_id is not None:
            self.screen.show_task(self.screen.task_id)

    def print_document(self) -> None:
        """Ctrl+P: the list of the tab shown."""
        if self.all is not None and self.tabs.currentWidget() is self.all:
            self.all._print()
        else:
            self.mine._print()

    def unsaved_work(self) -> str:
        if self.stack.currentWidget() is not self.screen or not self.screen.has_unsaved_input():
            return ""
        return self.tr("the callback being recorded")

    def _changed(self) -> None:
        self.mine.refresh()
        if self.all is not None:
            self.all.refresh()
        self.ctx.refresh_badges()

    def open_task(self, task_id: int) -> None:
        """Read the task off the GUI thread and show its screen."""

        def failed(exc: Exception) -> None:
            if isinstance(exc, KefuError):
                QMessageBox.warning(self, self.tr("Callbacks"), str(exc))
            else:
                show_error(self, exc)

        self.screen.show_task(
            task_id, then=lambda: self.stack.setCurrentWidget(self.screen), failed=failed
        )

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.tabs)

    def open_record(self, **kwargs: object) -> None:
        task_id = kwargs.get("task_id")
        customer_id = kwargs.get("schedule_for_customer")
        if isinstance(task_id, int):
            self.open_task(task_id)
        elif isinstance(customer_id, int):
            self.schedule_for(customer_id)

    def schedule_for(self, customer_id: int) -> None:
        """Read the customer off the GUI thread, then ask when to call them
        (``self.schedule_dialog``)."""
        operations.query(
            self,
            lambda: lists.customer_to_schedule(customer_id),
            done=self._schedule,
            slot="schedule",
        )

    def _schedule(self, found: tuple[CustomerName | None, list[tuple[int, str]]]) -> None:
        customer, agents = found
        if customer is None:
            QMessageBox.warning(
                self, self.tr("Callbacks"), self.tr("This customer no longer exists.")
            )
            return
        dialog = ScheduleDialog(self.ctx, customer, self, agents)
        dialog.accepted.connect(self._changed)
        dialog.open()
        self.schedule_dialog = dialog

    def screenshot_states(self) -> list[tuple[str, Callable[[], QWidget]]]:
        states: list[tuple[str, Callable[[], QWidget]]] = []
        first = self.mine.model.rows[0].id if self.mine.model.rows else None
        if first is None:
            overdue = service.list_tasks(TaskFilter(status="open"), 0, 1)
            first = overdue[0].id if overdue else None
        if first is not None:

            def screen() -> QWidget:
                self.open_task(first)
                return self.window()

            states.append(("screen", screen))
        if self.all is not None:

            def manager() -> QWidget:
                self.show_list()
                self.tabs.setCurrentWidget(self.all)
                return self.window()

            states.append(("all", manager))
        customer = customer_names.first_customer()
        if customer is not None:
            states.append(("schedule", lambda: ScheduleDialog(self.ctx, customer, self)))
        return states


def create_page(ctx: UiContext, parent: QWidget) -> QWidget:
    return CallbacksPage(ctx, parent)
