"""Finding customers from an incoming call: part of a phone number, a name or an organisation."""

from __future__ import annotations

from models import Customer, CustomerPhone


def search(text: str, limit: int = 20) -> list[Customer]:
    """Customers matching ``text`` (digits: part of a phone; else name or organisation)."""
    text = text.strip()
    if not text:
        return []
    digits = "".join(ch for ch in text if ch.isdigit())
    query = Customer.select().where(Customer.merged_into.is_null())
    if digits and len(digits) >= max(3, len(text.replace(" ", "").replace("-", "")) - 1):
        ids = CustomerPhone.select(CustomerPhone.customer).where(
            CustomerPhone.phone.contains(digits)
        )
        query = query.where(Customer.id.in_(ids))
    else:
        query = query.where(Customer.name.contains(text) | Customer.organisation.contains(text))
    return list(query.order_by(Customer.name).limit(limit))


def find_by_phone(phone: str) -> Customer | None:
    """The customer whose phone is exactly this normalised number, if any."""
    row = (
        CustomerPhone.select(CustomerPhone, Customer)
        .join(Customer)
        .where(CustomerPhone.phone == phone, Customer.merged_into.is_null())
        .first()
    )
    return row.customer if row is not None else None


__all__ = ["find_by_phone", "search"]
