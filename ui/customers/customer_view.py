"""One customer's page: the record, where an onboarding request stands, alerts, the actions,
and one timeline of everything, newest first; each entry opens its record."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import audit_trail, auth
from app.contacts import contacts_text
from app.customers.codes import gender_label, kind_label
from app.customers.customers import Customer
from app.customers.installations import Installation
from app.customers.repairs import Repair
from app.customers.timeline import KINDS, TimelineEntry
from app.customers.timeline import kind_label as kind_text
from app.customers.views import CustomerScreen, OnboardingScreen, customer_screen, record_to_open
from ui import operations, printing
from ui.context import UiContext
from ui.customers.customer_form import CustomerDialog
from ui.customers.record_forms import (
    InstallationDialog,
    MergeDialog,
    OnboardingDialog,
    RepairDialog,
)
from ui.tables import EmptyNote

ALERT = QColor("#c62828")


class CustomerView(QWidget):
    back_requested = Signal()
    customer_changed = Signal(int)  # another customer should be shown (after a merge)
    dialog_opened = Signal(QWidget)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer: Customer | None = None
        self.screen: CustomerScreen | None = None
        self.open_requests: list = []
        self.entries: list[TimelineEntry] = []
        self.dialog: QWidget | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.back_button = QPushButton(self.tr("← Customer list"))
        self.title = QLabel()
        self.title.setObjectName("customer_title")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        layout.addLayout(top)
        self.details = QLabel()
        self.details.setObjectName("customer_details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        self.alerts = QLabel()
        self.alerts.setObjectName("customer_alerts")
        self.alerts.setWordWrap(True)
        self.alerts.setStyleSheet(
            "background: #fff8e1; border: 1px solid #f0c36d; padding: 6px; border-radius: 3px"
        )
        layout.addWidget(self.alerts)
        actions = QGridLayout()
        self.new_complaint_button = QPushButton(self.tr("New complaint"))
        self.new_complaint_button.setObjectName("new_complaint")
        self.new_repair_button = QPushButton(self.tr("New repair"))
        self.new_repair_button.setObjectName("new_repair")
        self.schedule_callback_button = QPushButton(self.tr("Schedule a callback"))
        self.schedule_callback_button.setObjectName("schedule_callback")
        self.new_installation_button = QPushButton(self.tr("New installation"))
        self.onboarding_button = QPushButton(self.tr("Onboarding…"))
        self.edit_button = QPushButton(self.tr("Edit"))
        self.merge_button = QPushButton(self.tr("Merge…"))
        self.card_button = QPushButton(self.tr("Print archive card…"))
        buttons = [
            self.new_complaint_button,
            self.new_repair_button,
            self.schedule_callback_button,
            self.new_installation_button,
            self.onboarding_button,
            self.edit_button,
            self.merge_button,
            self.card_button,
        ]
        for index, button in enumerate(buttons):
            actions.addWidget(button, 0, index)
        self.merge_button.setVisible(auth.can(ctx.user, "customer.merge"))
        for button in buttons[:6]:  # recording needs the work permission (not the admin's)
            button.setVisible(auth.can(ctx.user, "work"))
        layout.addLayout(actions)
        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel(self.tr("History")))
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(self.tr("Everything"), "")
        for kind in KINDS:
            self.kind_filter.addItem(kind_text(kind), kind)
        filter_row.addWidget(self.kind_filter)
        filter_row.addStretch(1)
        layout.addLayout(filter_row)
        self.timeline = QTreeWidget()
        self.timeline.setObjectName("customer_timeline")
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.timeline.setHeaderLabels(
            [self.tr("When"), self.tr("Type"), self.tr("What"), self.tr("Details")]
        )
        header = self.timeline.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 380)
        header.setStretchLastSection(True)
        self.no_history = QLabel(
            self.tr("No data: no complaint, contact, callback, repair or installation yet.")
        )
        self.no_history.setObjectName("no_history")
        self.no_history.setStyleSheet("color: #888; font-size: 15px; padding: 8px")
        self.no_history.hide()
        layout.addWidget(self.no_history)
        layout.addWidget(self.timeline, 1)
        self.timeline_empty = EmptyNote(self.timeline)

        self.back_button.clicked.connect(self.back_requested.emit)
        self.new_complaint_button.clicked.connect(self.new_complaint)
        self.new_repair_button.clicked.connect(lambda: self.open_repair(None))
        self.schedule_callback_button.clicked.connect(self.schedule_callback)
        self.new_installation_button.clicked.connect(lambda: self.open_installation(None))
        self.onboarding_button.clicked.connect(self.open_current_onboarding)
        self.edit_button.clicked.connect(self.edit)
        self.merge_button.clicked.connect(self.merge)
        self.card_button.clicked.connect(self.print_card)
        self.kind_filter.currentIndexChanged.connect(self.fill_timeline)
        self.timeline.itemActivated.connect(self.open_item)

    # --- showing ---------------------------------------------------------------------------

    def show_customer(
        self,
        customer_id: int,
        then: Callable[[], object] | None = None,
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """Read the customer's page off the GUI thread, show it, then ``then()``."""

        def shown(screen: CustomerScreen) -> None:
            self.show_screen(screen)
            if then is not None:
                then()

        operations.query(
            self, lambda: customer_screen(customer_id), done=shown, failed=failed, slot="customer"
        )

    def reload(self) -> None:
        if self.customer is not None:
            self.show_customer(self.customer.id)

    def show_screen(self, screen: CustomerScreen) -> None:
        self.screen = screen
        self.customer = c = screen.customer
        tag_html = "".join(
            f' <span style="background:{"#b26a00" if t == "VIP" else "#2f4b7c"};'
            f'color:white;">&nbsp;{html.escape(t)}&nbsp;</span>'
            for t in screen.tags
        )
        self.title.setText(
            f"<span style='font-size:16pt; font-weight:bold'>{html.escape(c.name)}</span>"
            f"&nbsp;&nbsp;<span style='color:gray'>{kind_label(c.kind)} · "
            + self.tr("No. {id}").format(id=c.id)
            + f"</span>{tag_html}"
        )
        phones = contacts_text(screen.phones) or "—"
        rows = [
            (self.tr("Phones"), phones),
            (self.tr("Organisation"), c.organisation),
            (self.tr("Contact person"), c.contact_person),
            (self.tr("E-mail"), c.email),
            (self.tr("Address"), c.address),
            (self.tr("Gender"), gender_label(c.gender)),
            (self.tr("Source"), c.source),
            (self.tr("Notes"), c.notes),
        ]
        self.details.setText(
            "　　".join(
                self.tr("{label}: {value}").format(label=label, value=value)
                for label, value in rows
                if value
            )
        )
        self.fill_alerts(screen)
        self.entries = screen.entries
        self.fill_timeline()

    def fill_alerts(self, screen: CustomerScreen) -> None:
        lines = []
        self.open_requests = screen.open_requests
        for standing in screen.standings:
            text = html.escape(standing.sentence)
            lines.append(f"<span style='color:#c62828'>{text}</span>" if standing.stuck else text)
        for item in screen.late_installations:
            lines.append(
                "<span style='color:#c62828'>"
                + self.tr("Installation of {product} late since {date}: call to apologise.").format(
                    product=html.escape(item.product), date=item.agreed_date.isoformat()
                )
                + "</span>"
            )
        if screen.open_complaints:
            lines.append(
                self.tr("{n} complaint(s) still being handled.").format(n=screen.open_complaints)
            )
        if screen.open_repairs:
            lines.append(self.tr("{n} repair(s) open.").format(n=screen.open_repairs))
        for r in screen.loaners:
            lines.append(
                self.tr("Loaner {unit} out since {date}.").format(
                    unit=html.escape(r.loaner_unit), date=r.loaner_out_at.isoformat()
                )
            )
        self.alerts.setText("<br>".join(lines))
        self.alerts.setVisible(bool(lines))
        self.onboarding_button.setText(
            self.tr("Next onboarding step…") if self.open_requests else self.tr("Start onboarding…")
        )

    def fill_timeline(self) -> None:
        self.timeline.clear()
        # only the record's own edits: nothing has happened with this customer yet
        self.no_history.setVisible(all(entry.kind == "change" for entry in self.entries))
        wanted = self.kind_filter.currentData()
        for entry in self.entries:
            if wanted and entry.kind != wanted:
                continue
            when = (
                entry.at.strftime("%Y-%m-%d")
                if entry.at.time() == dt.time.min
                else entry.at.strftime("%Y-%m-%d %H:%M")
            )
            item = QTreeWidgetItem([when, kind_text(entry.kind), entry.title, entry.detail])
            item.setData(0, Qt.ItemDataRole.UserRole, entry)
            item.setToolTip(3, entry.detail)
            if entry.alert:
                for column in range(4):
                    item.setForeground(column, QBrush(ALERT))
            self.timeline.addTopLevelItem(item)

    # --- opening records -------------------------------------------------------------------

    def open_item(self, item: QTreeWidgetItem) -> None:
        self.open_entry(item.data(0, Qt.ItemDataRole.UserRole))

    def open_entry(self, entry: TimelineEntry) -> None:
        if entry.area != "customers":
            self.ctx.navigate(entry.area, **entry.target)
            return
        target = entry.target
        if "audit_id" in target:
            self.show_change(target["audit_id"])
            return

        def opened(record: Repair | Installation | OnboardingScreen | None) -> None:
            if isinstance(record, Repair):
                self.open_repair(record)
            elif isinstance(record, Installation):
                self.open_installation(record)
            elif isinstance(record, OnboardingScreen):
                self.open_onboarding(record)

        operations.query(self, lambda: record_to_open(target), done=opened, slot="record")

    def _show_dialog(self, dialog: QWidget) -> QWidget:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def open_repair(self, repair: Repair | None) -> QWidget | None:
        if self.customer is None:
            return None
        dialog = RepairDialog(self.ctx, self.customer, repair, self)
        dialog.changed.connect(self.record_changed)
        return self._show_dialog(dialog)

    def open_installation(self, installation: Installation | None) -> QWidget | None:
        if self.customer is None:
            return None
        dialog = InstallationDialog(self.ctx, self.customer, installation, self)
        dialog.changed.connect(self.record_changed)
        return self._show_dialog(dialog)

    def open_onboarding(self, request: OnboardingScreen | None) -> QWidget | None:
        if self.customer is None:
            return None
        dialog = OnboardingDialog(self.ctx, self.customer, request, self)
        dialog.changed.connect(self.record_changed)
        return self._show_dialog(dialog)

    def record_changed(self) -> None:
        self.reload()
        self.ctx.refresh_badges()

    def open_current_onboarding(self) -> None:
        if not self.open_requests:
            self.open_onboarding(None)
            return
        self.open_entry(
            TimelineEntry(
                self.open_requests[0].created_at,
                "",
                "",
                target={"onboarding_id": self.open_requests[0].id},
            )
        )

    def show_change(self, audit_id: int) -> None:
        def show(entry: audit_trail.TrailRow | None) -> None:
            if entry is None:
                return
            changes = "\n".join(str(change) for change in entry.changes)
            QMessageBox.information(
                self,
                self.tr("Record change"),
                f"{entry.at:%Y-%m-%d %H:%M}  {entry.who}\n{entry.summary}\n\n{changes}",
            )

        operations.query(self, lambda: audit_trail.entry(audit_id), done=show, slot="record")

    # --- actions ---------------------------------------------------------------------------

    def new_complaint(self) -> None:
        if self.customer is not None:
            self.ctx.navigate("complaints", new_for_customer=self.customer.id)

    def schedule_callback(self) -> None:
        if self.customer is not None:
            self.ctx.navigate("callbacks", schedule_for_customer=self.customer.id)

    def edit(self) -> None:
        if self.customer is None:
            return
        initial = self.screen.data if self.screen is not None else None
        dialog = CustomerDialog(self.ctx, self.customer, initial, parent=self)
        dialog.saved.connect(lambda _id: self.reload())
        dialog.open_existing.connect(self.customer_changed.emit)
        self._show_dialog(dialog)

    def merge(self) -> None:
        if self.customer is None:
            return
        dialog = MergeDialog(self.ctx, self.customer, self)
        dialog.merged.connect(self.customer_changed.emit)
        self._show_dialog(dialog)

    def print_card(self) -> None:
        if self.customer is None:
            return
        customer = self.customer
        from app.customers.card import print_customer_card

        customer_id = customer.id
        document = printing.Document(
            self.tr("Archive card of {name}").format(name=customer.name),
            f"客户档案卡-{customer_id}.pdf",
            lambda path, _progress: print_customer_card(customer_id, path),
        )
        self.print_dialog = printing.offer(self, document)
