"""A customer's phones: checked and normalised with :mod:`app.contacts`, kept findable by digits."""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.contacts import digits_of, normalise_phone
from app.errors import ValidationError
from app.i18n import translate
from models import Customer, CustomerPhone, database
from models.db import is_sqlite

_SPLIT = re.compile(r"[;；,，/、\n]+")


def split_phones(text: str) -> list[str]:
    """The phones typed in one field, separated by ``;`` (also ``,`` ``、`` ``/`` or new lines)."""
    return [part.strip() for part in _SPLIT.split(text or "") if part.strip()]


def normalise_phones(raw: Iterable[str]) -> list[str]:
    """Each phone normalised, duplicates dropped, order kept; ValidationError names the bad one."""
    out: list[str] = []
    for text in raw:
        if not text.strip():
            continue
        phone = normalise_phone(text)
        if phone is None:
            raise ValidationError(
                {
                    "phones": translate(
                        "Customers",
                        "Not a phone number: {text}. A mobile has 11 digits starting with 1; "
                        "a landline needs its area code, e.g. 010-12345678.",
                    ).format(text=text.strip())
                }
            )
        if phone not in out:
            out.append(phone)
    return out


def phones_of(customer_id: int) -> list[str]:
    return [
        row.phone
        for row in CustomerPhone.select(CustomerPhone.phone)
        .where(CustomerPhone.customer == customer_id)
        .order_by(CustomerPhone.id)
    ]


def owners_of(phones: Iterable[str], exclude_id: int | None = None) -> dict[str, Customer]:
    """For each phone already on file: the (not merged) customer who has it, first filed first.

    Two indexed look-ups rather than a join, which some planners run over every customer."""
    phones = list(phones)
    if not phones:
        return {}
    rows = list(
        CustomerPhone.select(CustomerPhone.phone, CustomerPhone.customer)
        .where(CustomerPhone.phone.in_(phones))
        .order_by(CustomerPhone.id)
        .tuples()
    )
    ids = {customer_id for _phone, customer_id in rows if customer_id != exclude_id}
    customers = {
        c.id: c
        for c in Customer.select().where(Customer.id.in_(list(ids)))
        if c.merged_into_id is None
    }
    owners: dict[str, Customer] = {}
    for phone, customer_id in rows:
        if customer_id in customers:
            owners.setdefault(phone, customers[customer_id])
    return owners


# one advisory lock key for "adding phones to the archive" on PostgreSQL
PHONE_LOCK_KEY = 0x6B6566750001


def lock_phones() -> None:
    """Inside a write transaction: make desks that add phones take turns, so two desks cannot
    both find a phone free and file it twice. SQLite's ``BEGIN IMMEDIATE`` already does this;
    on PostgreSQL a transaction-scoped advisory lock does."""
    if not is_sqlite():
        database.execute_sql("SELECT pg_advisory_xact_lock(%s)", (PHONE_LOCK_KEY,))


def phone_row(customer_id: int, phone: str, label: str = "") -> dict:
    """The column values of one phone row (for ``insert_many``)."""
    return {
        "customer": customer_id,
        "phone": phone,
        "digits": digits_of(phone),
        "label": label,
    }


def replace_phones(customer_id: int, phones: list[str]) -> None:
    CustomerPhone.delete().where(CustomerPhone.customer == customer_id).execute()
    if phones:
        CustomerPhone.insert_many([phone_row(customer_id, p) for p in phones]).execute()
