"""The customer form: new or edit. A phone already on file is shown at the field with the
existing record offered, and "save anyway" for a phone two customers really share."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
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
    create_customer,
    update_customer,
)
from app.customers.phones import normalise_phones, split_phones
from app.customers.tags import known_tags, split_tags
from app.customers.views import customer_data, duplicate_of
from app.errors import ConflictError, KefuError, ValidationError
from ui import operations
from ui.context import UiContext
from ui.forms import ERROR_STYLE, FieldErrors


class CustomerDialog(QDialog):
    """``saved`` carries the customer id; ``open_existing`` the id of the record offered.

    Editing, ``initial`` is the customer's values as read with it; without them the form reads
    them off the GUI thread first (and takes no input until then). Saving runs off it too, and
    what was typed stays whatever the answer."""

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
        self.tag_names = QStringListModel(self)
        completer = QCompleter(self.tag_names, self)
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
        self.fill(initial)
        self.loaded = self.data()  # what the form showed: the user's edits are the differences
        self.resize(520, self.sizeHint().height())
        operations.query(self, known_tags, done=self.tag_names.setStringList, slot="tags", busy="")
        if customer is not None and initial is None:
            self.setEnabled(False)
            operations.query(
                self,
                lambda: customer_data(customer.id)[1],
                done=self._loaded,
                slot="customer",
            )

    def _loaded(self, data: CustomerData) -> None:
        self.fill(data)
        self.loaded = self.data()
        self.setEnabled(True)

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
        """Warn about a phone already on file as soon as the phone field is left (looked up off
        the GUI thread)."""
        try:
            phones = normalise_phones(split_phones(self.phones.text()))
        except ValidationError:
            return  # said at saving, with the other fields
        exclude = self.customer.id if self.customer is not None else None
        operations.query(
            self,
            lambda: duplicate_of(phones, exclude),
            done=self._phones_checked,
            slot="phones",
            busy="",
        )

    def _phones_checked(self, duplicate: DuplicatePhone | None) -> None:
        if duplicate is not None:
            self.show_duplicate(duplicate)
            return
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
        """Save off the GUI thread; the form closes once saved."""
        if not self.buttons.isEnabled():  # already saving
            return
        user, customer, version, data = self.ctx.user, self.customer, self.version, self.data()

        def work() -> Customer:
            if customer is None:
                return create_customer(user, data, allow_duplicate=allow_duplicate)
            update_customer(
                user,
                customer,
                data,
                expected_version=version,
                allow_duplicate=allow_duplicate,
            )
            return customer

        self.buttons.setEnabled(False)
        self.save_anyway_button.setEnabled(False)
        operations.perform(
            self,
            work,
            done=self._saved,
            failed=lambda exc: self._refused(exc, allow_duplicate),
        )

    def _settle(self) -> None:
        self.buttons.setEnabled(True)
        self.save_anyway_button.setEnabled(True)

    def _saved(self, customer: Customer) -> None:
        self._settle()
        self.customer = customer
        self.version = customer.version
        self.errors.clear()
        self.saved.emit(customer.id)
        super().accept()

    def _refused(self, exc: Exception, allow_duplicate: bool) -> None:
        self._settle()
        if isinstance(exc, DuplicatePhone):
            self.errors.show(exc.fields)
            self.show_duplicate(exc)
        elif isinstance(exc, ValidationError):
            self.errors.show(exc.fields)
            if self.duplicate is not None and "phones" not in exc.fields and not allow_duplicate:
                self.show_duplicate(self.duplicate)
        elif isinstance(exc, ConflictError):
            self.reload_keeping_edits(exc)
        elif isinstance(exc, KefuError):
            QMessageBox.warning(self, self.tr("Customer"), str(exc))
        else:
            operations.show_error(self, exc)

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
        customer_id = self.customer.id
        operations.query(
            self,
            lambda: customer_data(customer_id),
            done=self._reloaded,
            failed=lambda exc: self.errors.show({"": str(exc)}),
            slot="customer",
        )

    def _reloaded(self, found: tuple[Customer, CustomerData]) -> None:
        fresh, fresh_data = found
        if self.customer is None:
            return
        mine = self.data()
        if fresh.id != self.customer.id:  # merged into another record meanwhile
            self.save(allow_duplicate=False)  # the service says where the record went
            return
        self.customer = fresh
        self.version = fresh.version
        self.fill(fresh_data)
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
