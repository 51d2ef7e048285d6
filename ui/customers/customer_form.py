"""The customer form: new or edit. A phone already on file is shown at the field with the
existing record offered, and "save anyway" for a phone two customers really share."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.contacts import display_contact
from app.customers.codes import GENDERS, KINDS, gender_label, kind_label
from app.customers.customers import (
    Customer,
    CustomerData,
    DuplicatePhone,
    check_duplicates,
    create_customer,
    data_of,
    get_customer,
    update_customer,
)
from app.customers.phones import normalise_phones, split_phones
from app.customers.tags import known_tags, split_tags
from app.errors import ConflictError, KefuError, ValidationError
from ui.context import UiContext
from ui.forms import ERROR_STYLE, FieldErrors


class CustomerDialog(QDialog):
    """``saved`` carries the customer id; ``open_existing`` the id of the record offered."""

    saved = Signal(int)
    open_existing = Signal(int)

    def __init__(
        self,
        ctx: UiContext,
        customer: Customer | None = None,
        initial: CustomerData | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer = customer
        self.version = customer.version if customer is not None else None
        self.duplicate: DuplicatePhone | None = None
        self.setWindowTitle(self.tr("Edit customer") if customer else self.tr("New customer"))
        self.setObjectName("customer_form")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        for code in KINDS:
            self.kind.addItem(kind_label(code), code)
        self.name = QLineEdit()
        self.organisation = QLineEdit()
        self.contact_person = QLineEdit()
        self.phones = QLineEdit()
        self.phones.setPlaceholderText(self.tr("Several phones separated by ;"))
        self.email = QLineEdit()
        self.address = QLineEdit()
        self.gender = QComboBox()
        for code in GENDERS:
            self.gender.addItem(gender_label(code) or self.tr("(not given)"), code)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("e.g. VIP; 优质客户"))
        completer = QCompleter(known_tags(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags.setCompleter(completer)
        self.source = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(80)
        form.addRow(self.tr("Type"), self.kind)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Organisation"), self.organisation)
        form.addRow(self.tr("Contact person"), self.contact_person)
        form.addRow(self.tr("Phones"), self.phones)
        self.duplicate_row = QWidget()
        row = QHBoxLayout(self.duplicate_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.open_existing_button = QPushButton()
        self.open_existing_button.setAutoDefault(False)
        self.save_anyway_button = QPushButton(self.tr("Save anyway (shared phone)"))
        self.save_anyway_button.setAutoDefault(False)
        row.addWidget(self.open_existing_button)
        row.addWidget(self.save_anyway_button)
        row.addStretch(1)
        form.addRow("", self.duplicate_row)
        self.duplicate_row.hide()
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Gender"), self.gender)
        form.addRow(self.tr("Tags"), self.tags)
        form.addRow(self.tr("Source"), self.source)
        form.addRow(self.tr("Notes"), self.notes)
        layout.addLayout(form)
        self.errors = FieldErrors(
            form,
            {
                "kind": self.kind,
                "name": self.name,
                "organisation": self.organisation,
                "contact_person": self.contact_person,
                "phones": self.phones,
                "email": self.email,
                "address": self.address,
                "gender": self.gender,
                "tags": self.tags,
                "source": self.source,
            },
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.open_existing_button.clicked.connect(self._open_existing)
        self.phones.editingFinished.connect(self.check_phones)
        self.save_anyway_button.clicked.connect(lambda: self.save(allow_duplicate=True))
        self.fill(data_of(customer) if customer is not None else initial)
        self.loaded = self.data()  # what the form showed: the user's edits are the differences
        self.resize(520, self.sizeHint().height())

    def fill(self, data: CustomerData | None) -> None:
        if data is None:
            self._kind_changed()
            return
        self.kind.setCurrentIndex(max(self.kind.findData(data.kind), 0))
        self.name.setText(data.name)
        self.organisation.setText(data.organisation)
        self.contact_person.setText(data.contact_person)
        self.phones.setText("; ".join(display_contact(p) for p in data.phones))
        self.email.setText(data.email)
        self.address.setText(data.address)
        self.gender.setCurrentIndex(max(self.gender.findData(data.gender), 0))
        self.tags.setText("; ".join(data.tags))
        self.source.setText(data.source)
        self.notes.setPlainText(data.notes)
        self._kind_changed()

    def _kind_changed(self) -> None:
        person = self.kind.currentData() == "person"
        self.gender.setEnabled(person)
        if not person:
            self.gender.setCurrentIndex(0)

    def data(self) -> CustomerData:
        return CustomerData(
            name=self.name.text(),
            kind=self.kind.currentData(),
            organisation=self.organisation.text(),
            contact_person=self.contact_person.text(),
            phones=split_phones(self.phones.text()),
            email=self.email.text(),
            address=self.address.text(),
            gender=self.gender.currentData() or "",
            tags=split_tags(self.tags.text()),
            source=self.source.text(),
            notes=self.notes.toPlainText(),
        )

    def check_phones(self) -> None:
        """Warn about a phone already on file as soon as the phone field is left."""
        try:
            phones = normalise_phones(split_phones(self.phones.text()))
            check_duplicates(phones, self.customer.id if self.customer is not None else None)
        except DuplicatePhone as exc:
            self.show_duplicate(exc)
            return
        except ValidationError:
            return  # said at saving, with the other fields
        self.duplicate = None
        self.duplicate_row.hide()
        self.errors.labels["phones"].hide()
        self.phones.setStyleSheet("")

    def show_duplicate(self, exc: DuplicatePhone) -> None:
        self.duplicate = exc
        self.errors.labels["phones"].setText(exc.fields["phones"])
        self.errors.labels["phones"].show()
        self.phones.setStyleSheet(ERROR_STYLE)
        self.open_existing_button.setText(
            self.tr("Open {name} (No. {id})").format(name=exc.existing.name, id=exc.existing.id)
        )
        self.duplicate_row.show()

    def accept(self) -> None:
        self.save(allow_duplicate=False)

    def save(self, allow_duplicate: bool) -> None:
        try:
            if self.customer is None:
                self.customer = create_customer(
                    self.ctx.user, self.data(), allow_duplicate=allow_duplicate
                )
            else:
                update_customer(
                    self.ctx.user,
                    self.customer,
                    self.data(),
                    expected_version=self.version,
                    allow_duplicate=allow_duplicate,
                )
        except DuplicatePhone as exc:
            self.errors.show(exc.fields)
            self.show_duplicate(exc)
            return
        except ValidationError as exc:
            self.errors.show(exc.fields)
            if self.duplicate is not None and "phones" not in exc.fields and not allow_duplicate:
                self.show_duplicate(self.duplicate)
            return
        except ConflictError as exc:
            self.reload_keeping_edits(exc)
            return
        except KefuError as exc:
            QMessageBox.warning(self, self.tr("Customer"), str(exc))
            return
        self.errors.clear()
        self.saved.emit(self.customer.id)
        super().accept()

    def reload_keeping_edits(self, exc: ConflictError) -> None:
        """Another desk saved the customer first: offer to take their version and put the user's
        own edits back on top, so a second Save can go through."""
        answer = QMessageBox.question(
            self,
            self.tr("Saved by someone else"),
            self.tr(
                "{message}\n\nReload the customer now and keep your changes in the form?"
            ).format(message=str(exc)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes or self.customer is None:
            return
        mine = self.data()
        try:
            fresh = get_customer(self.customer.id)
        except KefuError as exc:
            self.errors.show({"": str(exc)})
            return
        if fresh.id != self.customer.id:  # merged into another record meanwhile
            self.save(allow_duplicate=False)  # the service says where the record went
            return
        self.customer = fresh
        self.version = fresh.version
        self.fill(data_of(fresh))
        theirs = self.data()
        merged = {
            name: getattr(mine, name)
            if getattr(mine, name) != getattr(self.loaded, name)
            else getattr(theirs, name)
            for name in vars(mine)
        }
        self.fill(CustomerData(**merged))
        self.loaded = theirs
        self.errors.show(
            {
                "": self.tr(
                    "Reloaded with the other desk's changes; your changes are back in the form. "
                    "Check them and save again."
                )
            }
        )

    def _open_existing(self) -> None:
        if self.duplicate is None:
            return
        existing = self.duplicate.existing.id
        self.reject()
        self.open_existing.emit(existing)
