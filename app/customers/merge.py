"""Merging two records that are the same customer (manager only).

All history moves to the record kept: complaints, callbacks, repairs, installations, onboarding
requests, phones and tags. Blank fields of the kept record are filled from the other one; the
other record stays, marked ``merged_into``, so old references still lead to the kept customer.
"""

from __future__ import annotations

from dataclasses import dataclass

from app import audit, sentences
from app.auth import require
from app.clock import now
from app.errors import ValidationError
from app.i18n import translate
from app.operations import use_case
from models import (
    CallbackTask,
    Complaint,
    Customer,
    CustomerPhone,
    CustomerTag,
    Installation,
    OnboardingRequest,
    Repair,
    User,
    write_transaction,
)

FILLABLE = ("organisation", "contact_person", "email", "address", "gender", "source")


@dataclass
class MergeResult:
    kept: Customer
    merged: Customer
    moved: dict[str, int]


@use_case
def merge_customers(
    actor: User,
    keep: Customer,
    other: Customer,
    *,
    expected_versions: tuple[int, int] | None = None,
) -> MergeResult:
    """Move everything of ``other`` to ``keep`` and mark ``other`` merged; audited on both."""
    require(actor, "customer.merge")
    if keep.id == other.id:
        raise ValidationError({"": translate("Customers", "Choose two different customers.")})
    with write_transaction():
        keep = Customer.get_by_id(keep.id)
        other = Customer.get_by_id(other.id)
        if keep.merged_into_id or other.merged_into_id:
            raise ValidationError(
                {"": translate("Customers", "One of these records was already merged.")}
            )
        if expected_versions is not None and (keep.version, other.version) != expected_versions:
            raise ValidationError(
                {
                    "": translate(
                        "Customers", "One of the records changed meanwhile; look at it again."
                    )
                }
            )
        moved: dict[str, int] = {}
        for label, model in (
            ("complaints", Complaint),
            ("callbacks", CallbackTask),
            ("repairs", Repair),
            ("installations", Installation),
            ("onboarding", OnboardingRequest),
        ):
            moved[label] = (
                model.update(customer=keep.id).where(model.customer == other.id).execute()
            )
        kept_phones = {
            p.phone for p in CustomerPhone.select().where(CustomerPhone.customer == keep.id)
        }
        phone_ids = [
            p.id
            for p in CustomerPhone.select().where(CustomerPhone.customer == other.id)
            if p.phone not in kept_phones
        ]
        moved["phones"] = (
            CustomerPhone.update(customer=keep.id).where(CustomerPhone.id.in_(phone_ids)).execute()
            if phone_ids
            else 0
        )
        CustomerPhone.delete().where(CustomerPhone.customer == other.id).execute()
        kept_tags = {t.tag for t in CustomerTag.select().where(CustomerTag.customer == keep.id)}
        tag_ids = [
            t.id
            for t in CustomerTag.select().where(CustomerTag.customer == other.id)
            if t.tag not in kept_tags
        ]
        moved["tags"] = (
            CustomerTag.update(customer=keep.id).where(CustomerTag.id.in_(tag_ids)).execute()
            if tag_ids
            else 0
        )
        CustomerTag.delete().where(CustomerTag.customer == other.id).execute()

        fills: dict[str, list] = {}
        for name in FILLABLE:
            mine, theirs = getattr(keep, name), getattr(other, name)
            if not mine and theirs and not (name == "gender" and keep.kind == "organisation"):
                fills[name] = [mine, theirs]
        if other.notes and other.notes not in keep.notes:
            fills["notes"] = [keep.notes, (keep.notes + "\n" + other.notes).strip()]
        values = {getattr(Customer, k): v[1] for k, v in fills.items()}
        values.update({Customer.version: Customer.version + 1, Customer.updated_at: now()})
        Customer.update(values).where(Customer.id == keep.id).execute()
        Customer.update(merged_into=keep.id, version=Customer.version + 1, updated_at=now()).where(
            Customer.id == other.id
        ).execute()
        summary = sentences.say(
            "customers.merged",
            other=other.name[:50],
            oid=other.id,
            keep=keep.name[:50],
            kid=keep.id,
        )
        audit.record(
            actor,
            "merge",
            "customer",
            keep.id,
            {**fills, "merged_from": [None, other.id], "moved": [None, moved]},
            summary,
        )
        audit.record(
            actor, "merge", "customer", other.id, {"merged_into": [None, keep.id]}, summary
        )
    return MergeResult(Customer.get_by_id(keep.id), Customer.get_by_id(other.id), moved)
