"""Customers: a person or an organisation (often a school), with phones, tags and history."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import peewee

from app import audit
from app.auth import require
from app.clock import now
from app.contacts import normalise_contact
from app.customers import phones as phone_rules
from app.customers import tags as tag_rules
from app.customers.codes import GENDERS, KINDS
from app.customers.lookup import list_condition
from app.errors import NotFound, ValidationError
from app.i18n import translate
from app.operations import use_case
from app.records import conflict_for, save_changes
from models import Customer as Customer  # re-exported: the type screens hold
from models import CustomerPhone, CustomerTag, User, write_transaction

MAX_LENGTHS = {
    "name": 120,
    "organisation": 120,
    "contact_person": 60,
    "email": 120,
    "address": 250,
    "source": 60,
}


@dataclass
class CustomerData:
    """What a form or an import row gives for one customer (phones and tags as typed)."""

    name: str
    kind: str = "person"
    organisation: str = ""
    contact_person: str = ""
    phones: list[str] = field(default_factory=list)
    email: str = ""
    address: str = ""
    gender: str = ""
    tags: list[str] = field(default_factory=list)
    source: str = ""
    notes: str = ""


@dataclass
class CleanCustomer:
    values: dict[str, Any]
    phones: list[str]
    tags: list[str]


class DuplicatePhone(ValidationError):
    """A phone is already on file: the form warns and offers the existing record."""

    def __init__(self, phone: str, existing: Customer) -> None:
        self.phone = phone
        self.existing = existing
        super().__init__(
            {
                "phones": translate(
                    "Customers", "The phone {phone} is already on file for {name} (No. {id})."
                ).format(phone=phone, name=existing.name, id=existing.id)
            }
        )


def validate(data: CustomerData) -> CleanCustomer:
    """Check and normalise; ValidationError maps each bad field to its reason."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {
        "kind": data.kind,
        "name": data.name.strip(),
        "organisation": data.organisation.strip(),
        "contact_person": data.contact_person.strip(),
        "email": data.email.strip(),
        "address": data.address.strip(),
        "gender": data.gender or "",
        "source": data.source.strip(),
        "notes": data.notes.strip(),
    }
    if not values["name"]:
        errors["name"] = translate("Customers", "The customer's name is required.")
    if values["kind"] not in KINDS:
        errors["kind"] = translate("Customers", "A customer is a person or an organisation.")
    if values["gender"] not in GENDERS:
        errors["gender"] = translate("Customers", "Unknown gender: {g}.").format(g=data.gender)
    elif values["gender"] and values["kind"] == "organisation":
        errors["gender"] = translate("Customers", "An organisation has no gender.")
    for key, limit in MAX_LENGTHS.items():
        if key not in errors and len(values[key]) > limit:
            errors[key] = translate("Customers", "At most {n} characters.").format(n=limit)
    if values["email"] and "email" not in errors:
        try:
            contact = normalise_contact(values["email"])
        except ValidationError:
            contact = None
        if contact is None or contact.kind != "email":
            errors["email"] = translate("Customers", "This e-mail address is not valid.")
        else:
            values["email"] = contact.value
    phones: list[str] = []
    try:
        phones = phone_rules.normalise_phones(data.phones)
    except ValidationError as exc:
        errors.update(exc.fields)
    tags: list[str] = []
    try:
        tags = tag_rules.clean_tags(data.tags)
    except ValidationError as exc:
        errors.update(exc.fields)
    if errors:
        raise ValidationError(errors)
    return CleanCustomer(values, phones, tags)


def check_duplicates(phones: list[str], exclude_id: int | None = None) -> None:
    """Raise :class:`DuplicatePhone` for the first phone another customer already has."""
    owners = phone_rules.owners_of(phones, exclude_id)
    for phone in phones:
        if phone in owners:
            raise DuplicatePhone(phone, owners[phone])


@use_case
def create_customer(actor: User, data: CustomerData, *, allow_duplicate: bool = False) -> Customer:
    """Add a customer. A phone already on file raises :class:`DuplicatePhone` unless the user
    confirmed with ``allow_duplicate`` (e.g. a school's shared switchboard)."""
    require(actor, "work")
    clean = validate(data)
    with write_transaction():
        phone_rules.lock_phones()
        if not allow_duplicate:
            check_duplicates(clean.phones)
        customer = Customer.create(**clean.values, created_by=actor.id)
        phone_rules.replace_phones(customer.id, clean.phones)
        tag_rules.replace_tags(customer.id, clean.tags)
        values = audit.snapshot(customer)
        changes: dict[str, list] = {k: [None, v] for k, v in values.items() if v not in (None, "")}
        if clean.phones:
            changes["phones"] = [None, clean.phones]
        if clean.tags:
            changes["tags"] = [None, clean.tags]
        audit.record(actor, "create", "customer", customer.id, changes, customer.name)
    return customer


@use_case
def update_customer(
    actor: User,
    customer: Customer,
    data: CustomerData,
    *,
    expected_version: int | None = None,
    allow_duplicate: bool = False,
) -> dict[str, list]:
    """Save an edit; a stale ``expected_version`` raises ConflictError. Returns what changed."""
    require(actor, "work")
    stored = Customer.get_or_none(Customer.id == customer.id)
    if stored is not None and stored.merged_into_id:
        kept = get_customer(stored.id)
        raise ValidationError(
            {
                "": translate(
                    "Customers",
                    "This customer was merged into {name} (No. {id}): make the changes there.",
                ).format(name=kept.name, id=kept.id)
            }
        )
    clean = validate(data)
    version = customer.version if expected_version is None else expected_version
    with write_transaction():
        phone_rules.lock_phones()
        if not allow_duplicate:
            old_phones = set(phone_rules.phones_of(customer.id))
            check_duplicates([p for p in clean.phones if p not in old_phones], customer.id)
        changed = save_changes(
            actor, customer, clean.values, expected_version=version, summary=clean.values["name"]
        )
        extra: dict[str, list] = {}
        old_phones_list = phone_rules.phones_of(customer.id)
        if old_phones_list != clean.phones:
            extra["phones"] = [old_phones_list, clean.phones]
        old_tags = tag_rules.tags_of(customer.id)
        if old_tags != clean.tags:
            extra["tags"] = [old_tags, clean.tags]
        if extra:
            if not changed:
                bumped = (
                    Customer.update(version=version + 1, updated_at=now())
                    .where(Customer.id == customer.id, Customer.version == version)
                    .execute()
                )
                if bumped == 0:
                    raise conflict_for(customer, version)
                customer.version = version + 1
            if "phones" in extra:
                phone_rules.replace_phones(customer.id, clean.phones)
            if "tags" in extra:
                tag_rules.replace_tags(customer.id, clean.tags)
            audit.record(actor, "update", "customer", customer.id, extra, customer.name)
    return {**changed, **extra}


def get_customer(customer_id: int) -> Customer:
    """The customer; a merged-away record leads to the one it was merged into."""
    customer = Customer.get_or_none(Customer.id == customer_id)
    seen = set()
    while customer is not None and customer.merged_into_id and customer.id not in seen:
        seen.add(customer.id)
        customer = Customer.get_or_none(Customer.id == customer.merged_into_id)
    if customer is None:
        raise NotFound(
            translate("Customers", "No customer with the number {id}.").format(id=customer_id)
        )
    return customer


def data_of(customer: Customer) -> CustomerData:
    """The customer as a form fills it."""
    return CustomerData(
        name=customer.name,
        kind=customer.kind,
        organisation=customer.organisation,
        contact_person=customer.contact_person,
        phones=phone_rules.phones_of(customer.id),
        email=customer.email,
        address=customer.address,
        gender=customer.gender,
        tags=tag_rules.tags_of(customer.id),
        source=customer.source,
        notes=customer.notes,
    )


def merged_ids(customer_id: int) -> list[int]:
    """This customer and every record merged into it (directly or through another merge)."""
    ids = [customer_id]
    frontier = [customer_id]
    while frontier:
        rows = [
            c.id
            for c in Customer.select(Customer.id).where(Customer.merged_into.in_(frontier))
            if c.id not in ids
        ]
        ids.extend(rows)
        frontier = rows
    return ids


def customer_record(customer_id: int) -> Customer:
    """This very record (not the one it was merged into; raises NotFound)."""
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFound(
            translate("Customers", "No customer with the number {id}.").format(id=customer_id)
        )
    return customer


def list_page(
    text: str = "", tag: str = "", kind: str = "", *, before_id: int | None = None, limit: int
) -> list[Customer]:
    """A page of :func:`list_query`: customers numbered below ``before_id``."""
    query = list_query(text, tag, kind)
    if before_id is not None:
        query = query.where(Customer.id < before_id)
    return list(query.limit(limit))


def list_query(text: str = "", tag: str = "", kind: str = "") -> peewee.ModelSelect:
    """Active customers, newest first, filtered by name/organisation/phone text, tag and kind."""
    query = Customer.select().where(Customer.merged_into.is_null())
    if text.strip():
        query = query.where(list_condition(text))
    if tag:
        query = query.where(Customer.id.in_(tag_rules.customers_with_tag(tag).select(Customer.id)))
    if kind:
        query = query.where(Customer.kind == kind)
    return query.order_by(Customer.id.desc())


def phones_and_tags(ids: list[int]) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Phones and tags of many customers in two queries (for list pages and exports)."""
    phones: dict[int, list[str]] = {i: [] for i in ids}
    tags: dict[int, list[str]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in (
            CustomerPhone.select(CustomerPhone.customer, CustomerPhone.phone)
            .where(CustomerPhone.customer.in_(chunk))
            .order_by(CustomerPhone.id)
            .tuples()
        ):
            phones[row[0]].append(row[1])
        for row in (
            CustomerTag.select(CustomerTag.customer, CustomerTag.tag)
            .where(CustomerTag.customer.in_(chunk))
            .order_by(CustomerTag.id)
            .tuples()
        ):
            tags[row[0]].append(row[1])
    return phones, tags
