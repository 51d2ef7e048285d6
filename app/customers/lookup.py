"""Finding customers from an incoming call: part of a phone number, a name or an organisation.

Phones are searched on ``CustomerPhone.digits`` (the number without separators), so ``0101234``
finds ``010-12345678`` and ``5678`` finds every number containing it. Queries walk the tables
newest first and stop at ``limit`` matches, so a common fragment answers as fast as a rare one.
"""

from __future__ import annotations

import re

import peewee

from app.contacts import digits_of, normalise_phone
from app.customers.phones import owners_of
from models import Customer, CustomerPhone, text_index
from models.db import is_sqlite

_PHONE_LIKE = re.compile(r"^[\d\s\-+()（）]+$")


def looks_like_phone(text: str) -> bool:
    """Digits with the usual separators only: search the phones."""
    return bool(_PHONE_LIKE.match(text.strip())) and len(digits_of(text)) >= 1


def _phone_rows(digits: str, limit: int, exclude: list[int]) -> list[int]:
    """Customer ids whose phones contain ``digits``: numbers starting with them first (an index
    range), then any containing them (a scan of the phone column, newest first, stopping at
    ``limit``). Merged-away customers have no phones left, so no join is needed."""
    ids = list(exclude)

    def take(query: peewee.ModelSelect) -> None:
        for (customer_id,) in query.tuples():
            if customer_id not in ids:
                ids.append(customer_id)
                if len(ids) >= limit:
                    return

    take(
        CustomerPhone.select(CustomerPhone.customer)
        .where(*_prefix_range(CustomerPhone.digits, digits))
        .order_by(CustomerPhone.digits)
        .limit(limit * 2)
    )
    if len(ids) < limit:
        take(
            CustomerPhone.select(CustomerPhone.customer)
            .where(_contains(CustomerPhone.digits, digits))
            .order_by(CustomerPhone.id.desc())
            .limit(limit * 2)
        )
    return ids[len(exclude) :]


def _prefix_range(field: peewee.Field, digits: str) -> list[peewee.Expression]:
    """``field`` starts with ``digits``, as an index range: from the digits to the next number
    of the same length (``136`` -> ``137``, ``139`` -> ``14``), the same under any collation."""
    conditions = [field >= digits]
    head = digits.rstrip("9")
    if head:
        conditions.append(field < head[:-1] + str(int(head[-1]) + 1))
    return conditions


def _contains(field: peewee.Field, text: str) -> peewee.Expression:
    """``field`` contains ``text``, case aside. On PostgreSQL text without a letter that has a
    case (Chinese, digits) uses LIKE, which runs several times faster there than ILIKE; Greek,
    Cyrillic or accented letters have a case, as Latin ones do."""
    if is_sqlite() or not all(ch.lower() == ch == ch.upper() for ch in text):
        return field.contains(text)  # SQLite: LIKE (peewee's LIKE there is GLOB)
    return peewee.Expression(field, peewee.OP.LIKE, field._escape_like_expr(text, "%%%s%%"))


def _text_condition(text: str) -> peewee.Expression:
    """Name, organisation or contact person contains ``text``: on SQLite among the rows the
    text index names (models/text_index.py), on PostgreSQL through its trigram indexes."""
    condition = (
        _contains(Customer.name, text)
        | _contains(Customer.organisation, text)
        | _contains(Customer.contact_person, text)
    )
    named = text_index.narrowed(text_index.CUSTOMERS, Customer.id, text)
    return condition if named is None else named & condition


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
        ids += _phone_rows(digits, limit, ids)
        ids = ids[:limit]
        found = {
            c.id: c
            for c in Customer.select().where(Customer.id.in_(ids), Customer.merged_into.is_null())
        }
        return [found[i] for i in ids if i in found]
    # names starting with the text: an index range on name and on organisation
    starting: list[Customer] = []
    for column in (Customer.name, Customer.organisation):
        rows = (
            Customer.select()
            .where(column >= text, column < text + "\uffff")
            .order_by(column)
            .limit(limit * 2)
        )
        for customer in rows:
            value = getattr(customer, column.name)
            if customer.merged_into_id is not None or not value.startswith(text):
                continue
            if all(c.id != customer.id for c in starting):
                starting.append(customer)
    starting = starting[:limit]
    if len(starting) >= limit:
        return starting
    seen = {c.id for c in starting}
    more = (
        Customer.select()
        .where(_text_condition(text))
        .order_by(Customer.id.desc())
        .limit(limit * 2 + len(starting))
    )
    return (starting + [c for c in more if c.id not in seen and c.merged_into_id is None])[:limit]


def list_condition(text: str) -> peewee.Expression:
    """A condition on :class:`Customer` for lists filtered by ``text`` (phone part or words)."""
    text = text.strip()
    if looks_like_phone(text):
        return Customer.id.in_(
            CustomerPhone.select(CustomerPhone.customer).where(
                _contains(CustomerPhone.digits, digits_of(text))
            )
        )
    return _text_condition(text)


def find_by_phone(phone: str) -> Customer | None:
    """The customer whose phone is exactly this normalised number, if any."""
    return owners_of([phone]).get(phone)


__all__ = ["find_by_phone", "list_condition", "search"]
