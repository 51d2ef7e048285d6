"""The customer archive 客户档案: the customer list (lazy, searchable), the work lists
(stuck onboarding, late installations, open repairs, loaners out) and one customer's page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
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
from app.customers.codes import KINDS, kind_label
from app.customers.customers import CustomerData
from app.customers.phones import split_phones
from app.customers.tags import known_tags
from ui import operations
from ui.context import UiContext, local_settings
from ui.customers.customer_form import CustomerDialog
from ui.customers.customer_view import CustomerView
from ui.customers.lookup import open_lookup
from ui.customers.table_model import PAGE as PAGE_ROWS
from ui.customers.table_model import CustomerTableModel
from ui.customers.work_lists import (
    KnowledgeBaseList,
    LateInstallationsList,
    LoanersOutList,
    OpenRepairsList,
    StuckOnboardingList,
    WorkList,
)
from ui.operations import read_with_progress, run_with_progress
from ui.tables import cell_padding

FILTER_PAUSE_MS = 250


class CustomerListTab(QWidget):
    def __init__(self, page: CustomersPage) -> None:
        super().__init__()
        self.page = page
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setObjectName("customer_filter")
        self.filter.setPlaceholderText(self.tr("Filter by phone, name or organisation…"))
        self.filter.setClearButtonEnabled(True)
        self.tag = QComboBox()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All types"), "")
        for code in KINDS:
            self.kind.addItem(kind_label(code), code)
        self.new_button = QPushButton(self.tr("New customer…"))
        self.new_button.setObjectName("new_customer")
        self.find_button = QPushButton(self.tr("Incoming call (F2)"))
        self.import_button = QPushButton(self.tr("Import…"))
        self.export_button = QPushButton(self.tr("Export…"))
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.tag)
        bar.addWidget(self.kind)
        for button in (self.new_button, self.find_button, self.import_button, self.export_button):
            bar.addWidget(button)
        for button in (self.new_button, self.import_button):  # agents and managers keep records
            button.setVisible(can(page.ctx.user, "work"))
        layout.addLayout(bar)
        self.model = CustomerTableModel(self)
        self.model.owner = self
        self.view = QTableView()
        self.view.setObjectName("customer_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # the address takes what the other columns leave, so every column is in view (the
        # number at the right edge too) on a 1366 px laptop
        address = CustomerTableModel.COLUMNS.index("address")
        self.view.horizontalHeader().setSectionResizeMode(address, QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setMinimumSectionSize(40)
        layout.addWidget(self.view, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(FILTER_PAUSE_MS)
        self.timer.timeout.connect(self.apply_filter)
        self.filter.textChanged.connect(lambda _t: self.timer.start())
        self.tag.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.kind.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)
        self.new_button.clicked.connect(lambda: page.new_customer())
        self.find_button.clicked.connect(page.open_lookup)
        self.import_button.clicked.connect(page.import_file)
        self.export_button.clicked.connect(page.export_file)
        self.fill_tags()
        widths = local_settings().value("customers/columns")
        if isinstance(widths, list):
            for column, width in enumerate(widths[: self.model.columnCount()]):
                self.view.setColumnWidth(column, int(width))
        else:
            for column, width in enumerate((190, 60, 110, 240, 130, 330, 60)):
                self.view.setColumnWidth(column, width)
        # a customer's type is read whole ("Organisation", 单位), whatever width was remembered
        kind = CustomerTableModel.COLUMNS.index("kind")
        self.view.setColumnWidth(kind, max(self.view.columnWidth(kind), self._kind_width()))

    def _kind_width(self) -> int:
        """What the type column needs: its title and the longest type in this language."""
        metrics = self.view.fontMetrics()
        text = max(metrics.horizontalAdvance(kind_label(k)) for k in KINDS)
        kind = CustomerTableModel.COLUMNS.index("kind")
        return max(
            text + cell_padding(self.view) + 2, self.view.horizontalHeader().sectionSizeHint(kind)
        )

    def fill_tags(self) -> None:
        """The tags to filter by, read off the GUI thread."""
        operations.query(self, known_tags, done=self._show_tags, slot="tags", busy="")

    def _show_tags(self, tags: list[str]) -> None:
        current = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(self.tr("All tags"), "")
        for tag in tags:
            self.tag.addItem(tag, tag)
        self.tag.setCurrentIndex(max(self.tag.findData(current), 0))
        self.tag.blockSignals(False)

    def apply_filter(self) -> None:
        self.timer.stop()
        self.model.set_filter(self.filter.text(), self.tag.currentData(), self.kind.currentData())

    def refresh(self) -> None:
        """Another desk changed something: reload, unless the user has scrolled past the first
        page (reloading would throw them back to the top); keep the selected customer."""
        self.fill_tags()
        if self.model.rowCount() > PAGE_ROWS:
            return
        selected = self.view.currentIndex()
        keep = self.model.customer_id(selected.row()) if selected.isValid() else None
        if keep is not None:

            def select_again() -> None:
                self.model.loaded.disconnect(select_again)
                for row in range(self.model.rowCount()):
                    if self.model.customer_id(row) == keep:
                        self.view.selectRow(row)
                        break

            self.model.loaded.connect(select_again)
        self.apply_filter()

    def _activated(self, index) -> None:
        customer_id = self.model.customer_id(index.row())
        if customer_id is not None:
            self.page.show_customer(customer_id)

    def save_layout(self) -> None:
        widths = [self.view.columnWidth(c) for c in range(self.model.columnCount())]
        local_settings().setValue("customers/columns", widths)


class CustomersPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack)
        self.tabs = QTabWidget()
        self.list_tab = CustomerListTab(self)
        self.tabs.addTab(self.list_tab, self.tr("Customers"))
        self.stuck = StuckOnboardingList()
        self.late = LateInstallationsList()
        self.repairs = OpenRepairsList()
        self.loaners = LoanersOutList()
        self.knowledge = KnowledgeBaseList()
        self.work_lists: list[WorkList] = [
            self.stuck,
            self.late,
            self.repairs,
            self.loaners,
            self.knowledge,
        ]
        for widget, title in (
            (self.stuck, self.tr("Stuck onboarding")),
            (self.late, self.tr("Late installations")),
            (self.repairs, self.tr("Open repairs")),
            (self.loaners, self.tr("Loaners out")),
            (self.knowledge, self.tr("Knowledge base to do")),
        ):
            self.tabs.addTab(widget, title)
            widget.open_requested.connect(self.open_from_list)
        self.stack.addWidget(self.tabs)
        self.customer_view = CustomerView(ctx)
        self.stack.addWidget(self.customer_view)
        self.customer_view.back_requested.connect(self.show_list)
        self.customer_view.customer_changed.connect(self.show_customer)
        self.customer_view.dialog_opened.connect(self._dialog_opened)
        self.tabs.currentChanged.connect(lambda _i: self.refresh_tab())
        self._loaded = False

    shows = {
        "customer",
        "customer_phone",
        "customer_tag",
        "complaint",
        "callback_task",
        "contact_record",
        "repair",
        "installation",
        "onboarding_request",
        "onboarding_step",
        "setting",
    }

    def _dialog_opened(self, dialog: QWidget) -> None:
        self.dialog = dialog

    # --- page protocol ---------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.list_tab.apply_filter()

    def print_document(self) -> None:
        """Ctrl+P: the archive card of the customer shown."""
        if self.stack.currentWidget() is self.customer_view:
            self.customer_view.print_card()

    def refresh(self) -> None:
        if self.stack.currentWidget() is self.customer_view:
            self.customer_view.reload()
        else:
            self.refresh_tab()

    def refresh_tab(self) -> None:
        current = self.tabs.currentWidget()
        if current is self.list_tab:
            self.list_tab.refresh()
        elif isinstance(current, WorkList):
            current.refresh()

    def open_record(self, **kwargs: Any) -> None:
        """``customer_id=N`` shows the customer; ``new_repair_for=N`` a new repair form for N;
        ``repair_id`` / ``installation_id`` / ``onboarding_id`` (with ``customer_id``) open
        that record; ``new_customer_phone`` / ``new_customer_name`` a pre-filled new form."""
        if "new_repair_for" in kwargs:
            self.show_customer(
                int(kwargs["new_repair_for"]), then=lambda: self.customer_view.open_repair(None)
            )
            return
        if "new_customer_phone" in kwargs or "new_customer_name" in kwargs:
            self.show_list()
            data = CustomerData(
                name=str(kwargs.get("new_customer_name", "")),
                phones=split_phones(str(kwargs.get("new_customer_phone", ""))),
            )
            self.new_customer(data)
            return
        customer_id = kwargs.get("customer_id")
        if customer_id is None:
            return
        target = {k: v for k, v in kwargs.items() if k != "customer_id"}
        self.show_customer(
            int(customer_id), then=(lambda: self.open_target(target)) if target else None
        )

    def save_layout(self) -> None:
        self.list_tab.save_layout()

    def screenshot_states(self) -> list[tuple[str, Any]]:
        return [
            ("customer", self._screenshot_customer),
            ("lookup", self._screenshot_lookup),
            ("late-installations", lambda: self._screenshot_tab(self.late)),
            ("stuck-onboarding", lambda: self._screenshot_tab(self.stuck)),
            ("knowledge-base", lambda: self._screenshot_tab(self.knowledge)),
            ("repair", self._screenshot_repair),
        ]

    def _screenshot_repair(self) -> QWidget:
        from app.customers.repairs import loaners_out

        repair = loaners_out().first()
        if repair is None:
            return self.window()
        from ui.screenshots import settle

        self.dialog = None
        self.open_record(customer_id=repair.customer_id, repair_id=repair.id)
        settle()  # the customer read, then the repair, then its form opened
        return self.dialog or self.window()

    def _screenshot_customer(self) -> QWidget:
        from app.customers.screens import richest_customer

        customer_id = richest_customer()
        if customer_id is not None:
            self.show_customer(customer_id)
        return self.window()

    def _screenshot_lookup(self) -> QWidget:
        self.show_list()
        dialog = open_lookup(self.ctx, self.window())
        from app.customers.screens import sample_phone_fragment

        dialog.search.setText(sample_phone_fragment())
        dialog.run_search()
        return dialog

    def _screenshot_tab(self, widget: QWidget) -> QWidget:
        self.show_list()
        self.tabs.setCurrentWidget(widget)
        return self.window()

    # --- navigation inside the page --------------------------------------------------------

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.tabs)
        self.refresh_tab()

    def show_customer(self, customer_id: int, then: Callable[[], Any] | None = None) -> None:
        """Read the customer off the GUI thread and show their page; then ``then()``."""

        def shown() -> None:
            self.stack.setCurrentWidget(self.customer_view)
            if then is not None:
                then()

        def failed(exc: Exception) -> None:
            QMessageBox.warning(self, self.tr("Customer"), str(exc))

        self.customer_view.show_customer(customer_id, then=shown, failed=failed)

    def open_from_list(self, customer_id: int, target: dict) -> None:
        self.show_customer(customer_id, then=lambda: self.open_target(target))

    def open_target(self, target: dict) -> None:
        from app.clock import now
        from app.customers.timeline import TimelineEntry

        self.customer_view.open_entry(TimelineEntry(now(), "", "", target=target))

    def open_lookup(self) -> QWidget:
        dialog = open_lookup(self.ctx, self)
        dialog.open()
        self.dialog = dialog
        return dialog

    def new_customer(self, initial: CustomerData | None = None) -> QWidget:
        dialog = CustomerDialog(self.ctx, None, initial, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._customer_saved)
        dialog.open_existing.connect(self.show_customer)
        dialog.open()
        self.dialog = dialog
        return dialog

    def _customer_saved(self, customer_id: int) -> None:
        self.show_customer(customer_id)
        self.ctx.refresh_badges()

    # --- import and export -----------------------------------------------------------------

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import customers"), "", self.tr("Tables (*.csv *.xlsx)")
        )
        if not path:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Import customers"),
            self.tr(
                "Import the valid rows and set the invalid ones aside in a reject file?\n"
                "No: import nothing if any row is invalid."
            ),
            QMessageBox.StandardButton.Yes
            | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.No,
        )
        if answer not in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No):
            return  # Cancel, Escape or the window's close button: nothing is imported
        skip = answer == QMessageBox.StandardButton.Yes
        self._start_import(Path(path), skip, again=False)

    def _start_import(self, path: Path, skip: bool, *, again: bool) -> None:
        from app.customers.transfer import import_customers
        from app.tabular import AlreadyImported

        user = self.ctx.user

        def work(progress):
            try:
                return import_customers(
                    user, path, skip_invalid=skip, again=again, progress=progress
                )
            except AlreadyImported as exc:
                return exc

        def done(result) -> None:
            if isinstance(result, AlreadyImported):
                answer = QMessageBox.question(
                    self,
                    self.tr("Import customers"),
                    str(result) + "\n\n" + self.tr("Import its rows once more?"),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No,
                )
                if answer == QMessageBox.StandardButton.Yes:
                    self._start_import(path, skip, again=True)
                return
            QMessageBox.information(self, self.tr("Import customers"), result.summary())
            self.list_tab.fill_tags()
            self.list_tab.apply_filter()

        run_with_progress(self, self.tr("Importing customers…"), work, done)

    def export_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export customers"), "customers.xlsx", self.tr("Tables (*.xlsx *.csv)")
        )
        if not path:
            return
        from app.customers.transfer import export_customers

        def work(progress):
            return export_customers(Path(path), progress)

        def done(count: int) -> None:
            QMessageBox.information(
                self,
                self.tr("Export customers"),
                self.tr("{n} customer(s) exported.").format(n=count) + f"\n{path}",
            )

        read_with_progress(self, self.tr("Exporting customers…"), work, done)


def create_page(ctx: UiContext, parent: QWidget) -> QWidget:
    return CustomersPage(ctx, parent)
