"""Finding customers from an incoming call: part of a phone number, a name or an organisation.

Phones are searched on ``CustomerPhone.digits`` (the number without separators), so ``0101234``
finds ``010-12345678`` and ``5678`` finds every number containing it. Queries walk the tables
newest first and stop at ``limit`` matches, so a common fragment answers as fast as a rare one.
"""

from __future__ import annotations

import re

import peewee

from app.contacts import digits_of, normalise_phone
from models import Customer, CustomerPhone

_PHONE_LIKE = re.compile(r"^[\d\s\-+()（）]+$")


def looks_like_phone(text: str) -> bool:
    """Digits with the usual separators only: search the phones."""
    return bool(_PHONE_LIKE.match(text.strip())) and len(digits_of(text)) >= 1


def _phone_rows(digits: str, limit: int) -> list[int]:
    """Customer ids whose phones contain ``digits``, newest phone first, at most ``limit``."""
    rows = (
        CustomerPhone.select(CustomerPhone.customer)
        .join(Customer)
        .where(
            CustomerPhone.digits.contains(digits),
            Customer.merged_into.is_null(),
        )
        .order_by(CustomerPhone.id.desc())
        .limit(limit * 2)
        .tuples()
    )
    ids: list[int] = []
    for (customer_id,) in rows:
        if customer_id not in ids:
            ids.append(customer_id)
            if len(ids) >= limit:
                break
    return ids


def _text_condition(text: str) -> peewee.Expression:
    return (
        Customer.name.contains(text)
        | Customer.organisation.contains(text)
        | Customer.contact_person.contains(text)
    )


def search(text: str, limit: int = 20) -> list[Customer]:
    """Customers matching ``text`` (digits: part of a phone; else name, organisation or contact
    person). An exact phone comes first; then names starting with the text; then the newest."""
    text = text.strip()
    if not text:
        return []
    if looks_like_phone(text):
        digits = digits_of(text)
        ids: list[int] = []
        exact = normalise_phone(text)
        if exact is not None:
            owner = find_by_phone(exact)
            if owner is not None:
                ids.append(owner.id)
        for customer_id in _phone_rows(digits, limit):
            if customer_id not in ids:
                ids.append(customer_id)
        ids = ids[:limit]
        found = {c.id: c for c in Customer.select().where(Customer.id.in_(ids))} if ids else {}
        return [found[i] for i in ids if i in found]
    starting = list(
        Customer.select()
        .where(
            Customer.merged_into.is_null(),
            Customer.name.startswith(text) | Customer.organisation.startswith(text),
        )
        .order_by(Customer.id.desc())
        .limit(limit)
    )
    if len(starting) >= limit:
        return starting
    seen = {c.id for c in starting}
    more = (
        Customer.select()
        .where(Customer.merged_into.is_null(), _text_condition(text))
        .order_by(Customer.id.desc())
        .limit(limit + len(starting))
    )
    return (starting + [c for c in more if c.id not in seen])[:limit]


def matching_ids_query(text: str) -> peewee.ModelSelect:
    """A sub-query of every customer id matching ``text`` (for filtered lists)."""
    text = text.strip()
    if looks_like_phone(text):
        return CustomerPhone.select(CustomerPhone.customer).where(
            CustomerPhone.digits.contains(digits_of(text))
        )
    return Customer.select(Customer.id).where(_text_condition(text))


def find_by_phone(phone: str) -> Customer | None:
    """The customer whose phone is exactly this normalised number, if any."""
    row = (
        CustomerPhone.select(CustomerPhone, Customer)
        .join(Customer)
        .where(CustomerPhone.phone == phone, Customer.merged_into.is_null())
        .order_by(CustomerPhone.id)
        .first()
    )
    return row.customer if row is not None else None


__all__ = ["find_by_phone", "matching_ids_query", "search"]
