"""Picking good examples for screenshots of the customer area (no Qt)."""

from __future__ import annotations

import peewee

from models import Customer, CustomerPhone, Installation, OnboardingRequest, Repair


def richest_customer() -> int | None:
    """A customer with an onboarding request, an installation and a repair, if there is one."""
    with_all = (
        Customer.select(Customer.id)
        .where(
            Customer.merged_into.is_null(),
            Customer.id.in_(OnboardingRequest.select(OnboardingRequest.customer)),
            Customer.id.in_(Repair.select(Repair.customer))
            | Customer.id.in_(Installation.select(Installation.customer)),
        )
        .order_by(Customer.id)
        .first()
    )
    if with_all is not None:
        return with_all.id
    anyone = Customer.select(peewee.fn.MIN(Customer.id)).scalar()
    return int(anyone) if anyone else None


def sample_phone_fragment() -> str:
    """Four middle digits of some customer's mobile: what an agent types during a call."""
    row = CustomerPhone.select().where(CustomerPhone.phone.startswith("1")).first()
    return row.phone[3:7] if row is not None else "138"
