"""One customer's page: the record, where an onboarding request stands, alerts, the actions,
and one timeline of everything, newest first; each entry opens its record."""

from __future__ import annotations

import datetime as dt
import html

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

from app import audit_trail, auth, clock
from app.complaints import service as complaint_service
from app.contacts import display_contact
from app.customers import installations, onboarding, repairs
from app.customers.codes import gender_label, kind_label
from app.customers.customers import Customer, get_customer, merged_ids
from app.customers.installations import Installation
from app.customers.onboarding import OnboardingRequest
from app.customers.phones import phones_of
from app.customers.repairs import Repair
from app.customers.tags import tags_of
from app.customers.timeline import KINDS, TimelineEntry, timeline
from app.customers.timeline import kind_label as kind_text
from ui import printing
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

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer: Customer | None = None
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

    def show_customer(self, customer_id: int) -> None:
        self.customer = get_customer(customer_id)
        self.reload()

    def reload(self) -> None:
        if self.customer is None:
            return
        self.customer = get_customer(self.customer.id)
        c = self.customer
        tags = tags_of(c.id)
        tag_html = "".join(
            f' <span style="background:{"#b26a00" if t == "VIP" else "#2f4b7c"};'
            f'color:white;">&nbsp;{html.escape(t)}&nbsp;</span>'
            for t in tags
        )
        self.title.setText(
            f"<span style='font-size:16pt; font-weight:bold'>{html.escape(c.name)}</span>"
            f"&nbsp;&nbsp;<span style='color:gray'>{kind_label(c.kind)} · "
            + self.tr("No. {id}").format(id=c.id)
            + f"</span>{tag_html}"
        )
        phones = "；".join(display_contact(p) for p in phones_of(c.id)) or "—"
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
        self.details.setText("　　".join(f"{label}：{value}" for label, value in rows if value))
        self.fill_alerts()
        self.entries = timeline(c.id)
        self.fill_timeline()

    def fill_alerts(self) -> None:
        assert self.customer is not None
        ids = merged_ids(self.customer.id)
        lines = []
        requests = onboarding.requests_of(ids)
        self.open_requests = [r for r in requests if r.stage != onboarding.FINAL_STAGE]
        shown = self.open_requests or requests[:1]
        for request in shown:
            standing = onboarding.standing(request)
            text = standing.sentence()
            lines.append(f"<span style='color:#c62828'>{text}</span>" if standing.stuck else text)
        today = clock.today()
        for item in installations.installations_of(ids):
            if installations.is_late(item, today):
                lines.append(
                    "<span style='color:#c62828'>"
                    + self.tr(
                        "Installation of {product} late since {date}: call to apologise."
                    ).format(product=item.product, date=item.agreed_date.isoformat())
                    + "</span>"
                )
        open_complaints = complaint_service.open_count(ids)
        if open_complaints:
            lines.append(self.tr("{n} complaint(s) still being handled.").format(n=open_complaints))
        their_repairs = repairs.repairs_of(ids)
        open_repairs = [r for r in their_repairs if r.status == "open"]
        if open_repairs:
            lines.append(self.tr("{n} repair(s) open.").format(n=len(open_repairs)))
        for r in their_repairs:
            if r.loaner_out_at and not r.loaner_back_at:
                lines.append(
                    self.tr("Loaner {unit} out since {date}.").format(
                        unit=r.loaner_unit, date=r.loaner_out_at.isoformat()
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
        if "repair_id" in target:
            self.open_repair(repairs.get_repair(target["repair_id"]))
        elif "installation_id" in target:
            self.open_installation(installations.get_installation(target["installation_id"]))
        elif "onboarding_id" in target:
            self.open_onboarding(onboarding.get_request(target["onboarding_id"]))
        elif "audit_id" in target:
            self.show_change(target["audit_id"])

    def _show_dialog(self, dialog: QWidget) -> QWidget:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
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

    def open_onboarding(self, request: OnboardingRequest | None) -> QWidget | None:
        if self.customer is None:
            return None
        dialog = OnboardingDialog(self.ctx, self.customer, request, self)
        dialog.changed.connect(self.record_changed)
        return self._show_dialog(dialog)

    def record_changed(self) -> None:
        self.reload()
        self.ctx.refresh_badges()

    def open_current_onboarding(self) -> None:
        self.open_onboarding(self.open_requests[0] if self.open_requests else None)

    def show_change(self, audit_id: int) -> None:
        entry = audit_trail.entry(audit_id)
        if entry is None:
            return
        changes = "\n".join(str(change) for change in entry.changes)
        QMessageBox.information(
            self,
            self.tr("Record change"),
            f"{entry.at:%Y-%m-%d %H:%M}  {entry.who}\n{entry.summary}\n\n{changes}",
        )

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
        dialog = CustomerDialog(self.ctx, self.customer, parent=self)
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
