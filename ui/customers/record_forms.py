"""Forms for a customer's records: repairs, installations, onboarding steps, and the merge."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.contacts import contacts_text
from app.customers import installations, onboarding, repairs
from app.customers.codes import (
    REPAIR_DIAGNOSES,
    REPAIR_HANDLING,
    diagnosis_label,
    handling_label,
    repair_status_label,
    stage_label,
)
from app.customers.customers import Customer, customer_record
from app.customers.installations import Installation
from app.customers.merge import merge_customers
from app.customers.repairs import Repair, RepairData
from app.customers.views import ListRow, OnboardingScreen, found_rows
from app.errors import ConflictError, KefuError, ValidationError
from ui import dates, operations
from ui.context import UiContext
from ui.forms import FieldErrors


def date_edit(value: dt.date | None = None) -> QDateEdit:
    edit = dates.limit(QDateEdit())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    dates.show(edit, value or clock.today())
    return edit


def date_of(edit: QDateEdit) -> dt.date:
    return edit.date().toPython()


def warn(parent: QWidget, exc: Exception) -> None:
    if not isinstance(exc, KefuError):
        operations.show_error(parent, exc)
        return
    title = (
        parent.tr("Saved by someone else") if isinstance(exc, ConflictError) else parent.tr("Error")
    )
    QMessageBox.warning(parent, title, str(exc))


def run_change(
    dialog: QDialog,
    action: Callable[[], object],
    errors: FieldErrors,
    then: Callable[[], None],
) -> None:
    """Run a form's change off the GUI thread: the fields' reasons at the fields (what was typed
    stays), anything else as one line; after a success ``changed`` and then ``then()``."""
    buttons: list[QPushButton] = [
        b for b in dialog.findChildren(QPushButton) if b.isEnabled() and b.isVisible()
    ]
    for button in buttons:
        button.setEnabled(False)

    def settle() -> None:
        for button in buttons:
            button.setEnabled(True)

    def done(_value: object) -> None:
        settle()
        errors.clear()
        dialog.changed.emit()  # type: ignore[attr-defined]
        then()

    def failed(exc: Exception) -> None:
        settle()
        if isinstance(exc, ValidationError):
            errors.show(exc.fields)
        else:
            warn(dialog, exc)

    operations.perform(dialog, action, done=done, failed=failed)


class RepairDialog(QDialog):
    """Register a repair, record its handling, lend and take back a loaner, close it."""

    changed = Signal()

    def __init__(
        self,
        ctx: UiContext,
        customer: Customer,
        repair: Repair | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer = customer
        self.repair = repair
        self.setObjectName("repair_form")
        self.setWindowTitle(
            self.tr("Repair for {name}").format(name=customer.name)
            if repair is None
            else self.tr("Repair No. {id} — {name}").format(id=repair.id, name=customer.name)
        )
        layout = QVBoxLayout(self)
        self.state = QLabel()
        layout.addWidget(self.state)
        form = QFormLayout()
        self.product = QLineEdit()
        self.serial_no = QLineEdit()
        self.fault = QPlainTextEdit()
        self.fault.setMaximumHeight(70)
        self.handling = QComboBox()
        for code in REPAIR_HANDLING:
            self.handling.addItem(handling_label(code), code)
        self.service_order_no = QLineEdit()
        self.engineer = QLineEdit()
        self.diagnosis = QComboBox()
        for code in REPAIR_DIAGNOSES:
            self.diagnosis.addItem(diagnosis_label(code) or self.tr("(not yet)"), code)
        self.factory_return = QCheckBox(self.tr("Returned to the factory"))
        self.result_edit = QPlainTextEdit()
        self.result_edit.setMaximumHeight(70)
        form.addRow(self.tr("Product"), self.product)
        form.addRow(self.tr("Serial number"), self.serial_no)
        form.addRow(self.tr("Reported fault"), self.fault)
        form.addRow(self.tr("Handling"), self.handling)
        form.addRow(self.tr("Service order No."), self.service_order_no)
        form.addRow(self.tr("Engineer"), self.engineer)
        form.addRow(self.tr("Diagnosis"), self.diagnosis)
        form.addRow("", self.factory_return)
        form.addRow(self.tr("Result"), self.result_edit)
        self.knowledge_base = QCheckBox(self.tr("Solution entered in the knowledge base"))
        self.knowledge_base.setToolTip(
            self.tr(
                "The last step of a repair: tick it when you close the repair, "
                "or later when the solution has been written up."
            )
        )
        form.addRow("", self.knowledge_base)
        layout.addLayout(form)
        self.errors = FieldErrors(
            form,
            {
                "product": self.product,
                "serial_no": self.serial_no,
                "fault": self.fault,
                "handling": self.handling,
                "service_order_no": self.service_order_no,
                "engineer": self.engineer,
                "diagnosis": self.diagnosis,
                "factory_return": self.factory_return,
                "result": self.result_edit,
                "knowledge_base": self.knowledge_base,
            },
        )
        self.loaner_box = QGroupBox(self.tr("Loaner unit"))
        loaner = QFormLayout(self.loaner_box)
        self.loaner_unit = QLineEdit()
        self.loaner_date = date_edit()
        self.lend_button = QPushButton(self.tr("Lend"))
        self.return_button = QPushButton(self.tr("Returned"))
        for button in (self.lend_button, self.return_button):
            button.setAutoDefault(False)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.loaner_date)
        buttons_row.addWidget(self.lend_button)
        buttons_row.addWidget(self.return_button)
        loaner.addRow(self.tr("Unit"), self.loaner_unit)
        loaner.addRow(self.tr("Date"), buttons_row)
        self.loaner_state = QLabel()
        loaner.addRow(self.loaner_state)
        self.loaner_errors = FieldErrors(
            loaner,
            {
                "loaner_unit": self.loaner_unit,
                "loaner_out_at": self.loaner_date,
                "loaner_back_at": self.loaner_date,
            },
        )
        layout.addWidget(self.loaner_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.close_repair_button = self.buttons.addButton(
            self.tr("Close repair"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.close_repair_button.clicked.connect(self.close_repair)
        self.lend_button.clicked.connect(self.lend)
        self.return_button.clicked.connect(self.give_back)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.load()

    def load(self) -> None:
        repair = self.repair
        if repair is not None:
            data = repairs.data_of(repair)
            self.product.setText(data.product)
            self.serial_no.setText(data.serial_no)
            self.fault.setPlainText(data.fault)
            self.handling.setCurrentIndex(max(self.handling.findData(data.handling), 0))
            self.service_order_no.setText(data.service_order_no)
            self.engineer.setText(data.engineer)
            self.diagnosis.setCurrentIndex(max(self.diagnosis.findData(data.diagnosis), 0))
            self.factory_return.setChecked(data.factory_return)
            self.result_edit.setPlainText(data.result)
            self.loaner_unit.setText(repair.loaner_unit)
        self.knowledge_base.setChecked(repair is not None and repair.knowledge_base_at is not None)
        self.show_state()

    def show_state(self) -> None:
        """The state line, the loaner section and the buttons; the typed fields stay as they are."""
        repair = self.repair
        closed = repair is not None and repair.status == "closed"
        self.state.setText(
            self.tr("State: {state}").format(
                state=repair_status_label(repair.status if repair else "open")
            )
            + (
                " · " + self.tr("reported {at}").format(at=f"{repair.reported_at:%Y-%m-%d %H:%M}")
                if repair
                else ""
            )
        )
        out = repair is not None and repair.loaner_out_at and not repair.loaner_back_at
        self.loaner_box.setEnabled(repair is not None)
        self.lend_button.setEnabled(repair is not None and not out)
        self.return_button.setEnabled(bool(out))
        if repair is not None and repair.loaner_out_at:
            text = self.tr("{unit} lent on {out}").format(
                unit=repair.loaner_unit, out=repair.loaner_out_at.isoformat()
            )
            if repair.loaner_back_at:
                text += self.tr(", returned on {back}").format(
                    back=repair.loaner_back_at.isoformat()
                )
            else:
                text += self.tr(", still out")
            self.loaner_state.setText(text)
        else:
            self.loaner_state.setText(self.tr("No loaner lent."))
        self.close_repair_button.setEnabled(repair is not None and not closed)
        entered = repair is not None and repair.knowledge_base_at is not None
        self.knowledge_base.setEnabled(repair is not None and not entered)
        if entered:
            self.knowledge_base.setText(
                self.tr("Solution entered in the knowledge base on {date}").format(
                    date=f"{repair.knowledge_base_at:%Y-%m-%d}"
                )
            )

    def wants_knowledge_base(self) -> bool:
        """The box is ticked for a repair whose solution is not yet in the knowledge base."""
        return (
            self.repair is not None
            and self.repair.knowledge_base_at is None
            and self.knowledge_base.isChecked()
        )

    def data(self) -> RepairData:
        return RepairData(
            fault=self.fault.toPlainText(),
            product=self.product.text(),
            serial_no=self.serial_no.text(),
            handling=self.handling.currentData(),
            service_order_no=self.service_order_no.text(),
            engineer=self.engineer.text(),
            diagnosis=self.diagnosis.currentData(),
            factory_return=self.factory_return.isChecked(),
            result=self.result_edit.toPlainText(),
        )

    def save(self) -> None:
        user, customer, repair, data = self.ctx.user, self.customer, self.repair, self.data()
        knowledge_base = self.wants_knowledge_base()

        def work() -> Repair:
            if repair is None:
                return repairs.register_repair(user, customer, data)
            repairs.update_repair(user, repair, data, knowledge_base=knowledge_base)
            return repair

        run_change(self, lambda: self._keep(work()), self.errors, self.accept)

    def _keep(self, repair: Repair) -> Repair:
        self.repair = repair
        return repair

    def close_repair(self) -> None:
        repair = self.repair
        if repair is None:
            return
        user, result, data = self.ctx.user, self.result_edit.toPlainText(), self.data()
        knowledge_base = self.wants_knowledge_base()
        run_change(
            self,
            lambda: repairs.close_repair(
                user, repair, result, data=data, knowledge_base=knowledge_base
            ),
            self.errors,
            self.accept,
        )

    def lend(self) -> None:
        repair = self.repair
        if repair is None:
            return
        user, unit, on = self.ctx.user, self.loaner_unit.text(), date_of(self.loaner_date)
        run_change(
            self,
            lambda: repairs.lend_loaner(user, repair, unit, on),
            self.loaner_errors,
            self.show_state,
        )

    def give_back(self) -> None:
        repair = self.repair
        if repair is None:
            return
        user, on = self.ctx.user, date_of(self.loaner_date)
        run_change(
            self,
            lambda: repairs.return_loaner(user, repair, on),
            self.loaner_errors,
            self.show_state,
        )


class InstallationDialog(QDialog):
    """Agree an installation date, move it, record the actual date."""

    changed = Signal()

    def __init__(
        self,
        ctx: UiContext,
        customer: Customer,
        installation: Installation | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer = customer
        self.installation = installation
        self.setObjectName("installation_form")
        self.setWindowTitle(self.tr("Installation — {name}").format(name=customer.name))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.product = QLineEdit(installation.product if installation else "")
        self.agreed_date = date_edit(installation.agreed_date if installation else None)
        self.installer = QLineEdit(installation.installer if installation else "")
        self.notes = QPlainTextEdit(installation.notes if installation else "")
        self.notes.setMaximumHeight(60)
        self.installed_date = date_edit(installation.installed_date if installation else None)
        self.finish_button = QPushButton(self.tr("Record installation"))
        self.finish_button.setAutoDefault(False)
        finish_row = QHBoxLayout()
        finish_row.addWidget(self.installed_date)
        finish_row.addWidget(self.finish_button)
        form.addRow(self.tr("Product"), self.product)
        form.addRow(self.tr("Agreed date"), self.agreed_date)
        form.addRow(self.tr("Installer"), self.installer)
        form.addRow(self.tr("Notes"), self.notes)
        form.addRow(self.tr("Installed on"), finish_row)
        self.state = QLabel()
        form.addRow(self.state)
        layout.addLayout(form)
        self.errors = FieldErrors(
            form,
            {
                "product": self.product,
                "agreed_date": self.agreed_date,
                "installer": self.installer,
                "installed_date": self.installed_date,
            },
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.finish_button.clicked.connect(self.finish)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        done = installation is not None and installation.installed_date is not None
        self.finish_button.setEnabled(installation is not None and not done)
        self.installed_date.setEnabled(installation is not None and not done)
        if installation is None:
            self.state.setText(self.tr("Save first, then record the installation when done."))
        elif done:
            self.state.setText(self.tr("Installed."))
            self.product.setReadOnly(True)
            self.agreed_date.setEnabled(False)
        elif installations.is_late(installation):
            days = (clock.today() - installation.agreed_date).days
            self.state.setText(
                self.tr("Late by {n} day(s): call the customer to apologise.").format(n=days)
            )
            self.state.setStyleSheet("color: #c62828")

    def save(self) -> None:
        user, customer, installation = self.ctx.user, self.customer, self.installation
        values = {
            "product": self.product.text(),
            "agreed_date": date_of(self.agreed_date),
            "installer": self.installer.text(),
            "notes": self.notes.toPlainText(),
        }

        def work() -> None:
            if installation is None:
                self.installation = installations.schedule_installation(user, customer, **values)
            else:
                installations.update_installation(user, installation, **values)

        run_change(self, work, self.errors, self.accept)

    def finish(self) -> None:
        installation = self.installation
        if installation is None:
            return
        user, on, installer = self.ctx.user, date_of(self.installed_date), self.installer.text()
        run_change(
            self,
            lambda: installations.finish_installation(user, installation, on, installer=installer),
            self.errors,
            self.accept,
        )


class OnboardingDialog(QDialog):
    """Start an onboarding request, or record its next step; shows the steps so far."""

    changed = Signal()

    def __init__(
        self,
        ctx: UiContext,
        customer: Customer,
        request: OnboardingScreen | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer = customer
        self.screen = request
        self.request = request.request if request is not None else None
        self.setObjectName("onboarding_form")
        self.setWindowTitle(self.tr("Onboarding — {name}").format(name=customer.name))
        layout = QVBoxLayout(self)
        self.steps = QListWidget()
        self.standing = QLabel()
        self.standing.setWordWrap(True)
        layout.addWidget(self.standing)
        layout.addWidget(self.steps)
        form = QFormLayout()
        self.stage = QComboBox()
        self.on_date = date_edit()
        self.note = QLineEdit()
        form.addRow(self.tr("Step"), self.stage)
        form.addRow(self.tr("Date"), self.on_date)
        form.addRow(self.tr("Note"), self.note)
        layout.addLayout(form)
        self.errors = FieldErrors(
            form, {"stage": self.stage, "on_date": self.on_date, "note": self.note}
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.load()

    def load(self) -> None:
        self.steps.clear()
        self.stage.clear()
        screen = self.screen
        if screen is None:
            self.standing.setText(self.tr("A new onboarding request starts at its first step."))
            self.stage.addItem(stage_label("received"), "received")
            self.stage.setEnabled(False)
            return
        self.standing.setText(screen.standing)
        self.steps.addItems(screen.steps)
        for code in screen.next_stages:
            self.stage.addItem(stage_label(code), code)
        has_next = self.stage.count() > 0
        self.stage.setEnabled(has_next)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(has_next)

    def save(self) -> None:
        user, customer, request = self.ctx.user, self.customer, self.request
        stage, on, note = self.stage.currentData(), date_of(self.on_date), self.note.text()

        def work() -> None:
            if request is None:
                self.request = onboarding.start_request(user, customer, on_date=on, note=note)
            else:
                onboarding.record_step(user, request, stage, on_date=on, note=note)

        run_change(self, work, self.errors, self.accept)


class MergeDialog(QDialog):
    """A manager picks the duplicate record and which one to keep; everything moves over."""

    merged = Signal(int)

    def __init__(self, ctx: UiContext, customer: Customer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer = customer
        self.setObjectName("merge_form")
        self.setWindowTitle(self.tr("Merge customer records"))
        self.resize(600, 440)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Find the other record of the same customer. All complaints, callbacks, repairs, "
                "installations, onboarding requests, phones and tags move to the record kept."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Phone, name or organisation of the other record"))
        layout.addWidget(self.search)
        self.results = QListWidget()
        layout.addWidget(self.results, 1)
        self.keep_this = QRadioButton(
            self.tr("Keep this record: {name} (No. {id})").format(
                name=customer.name, id=customer.id
            )
        )
        self.keep_other = QRadioButton(self.tr("Keep the other record"))
        self.keep_this.setChecked(True)
        layout.addWidget(self.keep_this)
        layout.addWidget(self.keep_other)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton(
            self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.merge_button.setEnabled(False)
        self.buttons.rejected.connect(self.reject)
        self.merge_button.clicked.connect(self.merge)
        layout.addWidget(self.buttons)
        self.search.textChanged.connect(self.run_search)
        self.results.currentItemChanged.connect(
            lambda *_: self.merge_button.setEnabled(self.results.currentItem() is not None)
        )

    def run_search(self) -> None:
        text, leave_out = self.search.text(), self.customer.id
        operations.query(
            self,
            lambda: found_rows(text, 20, leave_out=leave_out),
            done=self._show_found,
            slot="search",
        )

    def _show_found(self, found: list[ListRow]) -> None:
        self.results.clear()
        for c, phones, _tags in found:
            parts = [
                c.name,
                c.contact_person or c.organisation,
                contacts_text(phones),
            ]
            text = "  ·  ".join(part for part in parts if part)
            item = QListWidgetItem(self.tr("No. {id}").format(id=c.id) + f"  {text}")
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, c.name)
            self.results.addItem(item)

    def merge(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        other_id, other_name = (
            item.data(Qt.ItemDataRole.UserRole),
            item.data(Qt.ItemDataRole.UserRole + 1),
        )
        this = (self.customer.name, self.customer.id)
        other = (other_name, other_id)
        keep_this = self.keep_this.isChecked()
        keep, drop = (this, other) if keep_this else (other, this)
        answer = QMessageBox.question(
            self,
            self.tr("Merge customer records"),
            self.tr(
                "Move everything of {drop} (No. {did}) to {keep} (No. {kid})? "
                "This cannot be undone."
            ).format(drop=drop[0], did=drop[1], keep=keep[0], kid=keep[1]),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        user, customer = self.ctx.user, self.customer

        def work() -> int:
            found = customer_record(other_id)
            kept, dropped = (customer, found) if keep_this else (found, customer)
            return merge_customers(user, kept, dropped).kept.id

        def merged(kept_id: int) -> None:
            self.merged.emit(kept_id)
            self.accept()

        operations.perform(self, work, done=merged, failed=lambda exc: warn(self, exc))
