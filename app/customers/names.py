"""A customer as other screens name it (the id, the name and the organisation), read as plain
values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models import Customer, CustomerPhone


@dataclass(frozen=True)
class CustomerName:
    id: int
    name: str
    organisation: str = ""

    @classmethod
    def of(cls, customer: Any) -> CustomerName:
        return cls(customer.id, customer.name, customer.organisation or "")

    def described(self) -> str:
        """The name, with the organisation when it says more (王老师（实验小学）)."""
        if self.organisation and self.organisation != self.name:
            return f"{self.name}（{self.organisation}）"
        return self.name


def name_of(customer_id: int) -> CustomerName | None:
    customer = Customer.get_or_none(Customer.id == customer_id)
    return CustomerName.of(customer) if customer is not None else None


def first_customer() -> CustomerName | None:
    customer = Customer.select().order_by(Customer.id).first()
    return CustomerName.of(customer) if customer is not None else None


def first_phone(customer_id: int) -> str:
    """The customer's first phone on file ("" when none)."""
    phone = (
        CustomerPhone.select()
        .where(CustomerPhone.customer == customer_id)
        .order_by(CustomerPhone.id)
        .first()
    )
    return phone.phone if phone is not None else ""
