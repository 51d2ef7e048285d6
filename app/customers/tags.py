"""Tags on customers: VIP / 优质客户 and the team's own."""

from __future__ import annotations

import re
from collections.abc import Iterable

import peewee

from app.errors import ValidationError
from app.i18n import translate
from models import Customer, CustomerTag

STANDARD_TAGS = ("VIP", "优质客户")
MAX_TAG_LENGTH = 40
_SPLIT = re.compile(r"[;；,，、\n]+")


def split_tags(text: str) -> list[str]:
    return [part.strip() for part in _SPLIT.split(text or "") if part.strip()]


def clean_tags(raw: Iterable[str]) -> list[str]:
    out: list[str] = []
    for tag in raw:
        tag = tag.strip()
        if not tag:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            raise ValidationError(
                {
                    "tags": translate("Customers", "A tag has at most {n} characters.").format(
                        n=MAX_TAG_LENGTH
                    )
                }
            )
        if tag.upper() == "VIP":
            tag = "VIP"
        if tag not in out:
            out.append(tag)
    return out


def tags_of(customer_id: int) -> list[str]:
    return [
        row.tag
        for row in CustomerTag.select(CustomerTag.tag)
        .where(CustomerTag.customer == customer_id)
        .order_by(CustomerTag.id)
    ]


def replace_tags(customer_id: int, tags: list[str]) -> None:
    CustomerTag.delete().where(CustomerTag.customer == customer_id).execute()
    if tags:
        CustomerTag.insert_many([{"customer": customer_id, "tag": t} for t in tags]).execute()


def known_tags() -> list[str]:
    """Every tag in use, the standard ones first (for completion and filters). Merged-away
    customers keep no tags, so no join is needed."""
    count = peewee.fn.COUNT(CustomerTag.id)
    used = [
        row.tag
        for row in CustomerTag.select(CustomerTag.tag, count)
        .group_by(CustomerTag.tag)
        .order_by(count.desc(), CustomerTag.tag)
        .limit(200)
    ]
    return [*STANDARD_TAGS, *(t for t in used if t not in STANDARD_TAGS)]


def customers_with_tag(tag: str) -> peewee.ModelSelect:
    return (
        Customer.select()
        .join(CustomerTag)
        .where(CustomerTag.tag == tag, Customer.merged_into.is_null())
    )
