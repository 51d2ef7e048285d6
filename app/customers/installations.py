"""Installations 设备安装: agreed date 约定安装时间 and actual date 实际安装时间.

An installation whose agreed date has passed without an actual date is late: the agent calls the
customer first to apologise. Recording the actual date is the ``installation_finished`` event,
from which the callbacks feature schedules the new-purchase callback.
"""

from __future__ import annotations

import datetime as dt

from app import audit, clock, events, validation
from app.auth import require
from app.errors import ValidationError
from app.i18n import translate
from app.operations import use_case
from app.records import save_changes
from models import Customer, User, write_transaction
from models import Installation as Installation  # re-exported: the type screens hold


def today() -> dt.date:
    return clock.today()


def _validate(product: str, agreed_date: dt.date | None, installer: str) -> None:
    errors: dict[str, str] = {}
    if not product.strip():
        errors["product"] = translate("Installations", "The product is required.")
    elif len(product.strip()) > 120:
        errors["product"] = translate("Installations", "At most 120 characters.")
    if agreed_date is None:
        errors["agreed_date"] = translate("Installations", "The agreed date is required.")
    elif (problem := validation.date_problem(agreed_date)) is not None:
        errors["agreed_date"] = problem
    if len(installer.strip()) > 60:
        errors["installer"] = translate("Installations", "At most 60 characters.")
    if errors:
        raise ValidationError(errors)


@use_case
def schedule_installation(
    actor: User,
    customer: Customer,
    *,
    product: str,
    agreed_date: dt.date | None,
    installer: str = "",
    notes: str = "",
) -> Installation:
    """Record an agreed installation date for a product."""
    require(actor, "work")
    _validate(product, agreed_date, installer)
    with write_transaction():
        installation = Installation.create(
            customer=customer.id,
            product=product.strip(),
            agreed_date=agreed_date,
            installer=installer.strip(),
            notes=notes.strip(),
            handler=actor.id,
        )
        audit.record_create(actor, installation, summary=product.strip())
    return installation


@use_case
def update_installation(
    actor: User,
    installation: Installation,
    *,
    product: str,
    agreed_date: dt.date | None,
    installer: str,
    notes: str,
    expected_version: int | None = None,
) -> dict[str, list]:
    """Correct the product, installer or notes, or agree a new date (the customer was told).

    Once installed, the product and the agreed date are history: only installer and notes change."""
    require(actor, "work")
    _validate(product, agreed_date, installer)
    values = {
        "product": product.strip(),
        "agreed_date": agreed_date,
        "installer": installer.strip(),
        "notes": notes.strip(),
    }
    if installation.installed_date is not None:
        done = translate("Installations", "This installation is already done.")
        errors = {
            key: done
            for key in ("product", "agreed_date")
            if values[key] != getattr(installation, key)
        }
        if errors:
            raise ValidationError(errors)
    with write_transaction():
        return save_changes(
            actor,
            installation,
            values,
            expected_version=expected_version,
            summary=values["product"],
        )


@use_case
def finish_installation(
    actor: User,
    installation: Installation,
    installed_date: dt.date | None = None,
    *,
    installer: str | None = None,
    expected_version: int | None = None,
) -> None:
    """Record the actual installation date; emits ``installation_finished``."""
    require(actor, "work")
    installed_date = installed_date or today()
    if installation.installed_date is not None:
        raise ValidationError(
            {"installed_date": translate("Installations", "This installation is already done.")}
        )
    if installed_date > today():
        raise ValidationError(
            {"installed_date": translate("Installations", "The date cannot be in the future.")}
        )
    validation.check_dates({"installed_date": installed_date})
    changes: dict = {"installed_date": installed_date}
    if installer is not None and installer.strip():
        if len(installer.strip()) > 60:
            raise ValidationError(
                {"installer": translate("Installations", "At most 60 characters.")}
            )
        changes["installer"] = installer.strip()
    with write_transaction():
        save_changes(
            actor,
            installation,
            changes,
            expected_version=expected_version,
            summary=installation.product,
        )
        events.emit("installation_finished", installation=installation, actor=actor)


def is_late(installation: Installation, on: dt.date | None = None) -> bool:
    return installation.installed_date is None and installation.agreed_date < (on or today())


def late_installations(on: dt.date | None = None):
    """Agreed date passed, not installed: the longest late first."""
    on = on or today()
    return (
        Installation.select(Installation, Customer)
        .join(Customer)
        .where(Installation.installed_date.is_null(), Installation.agreed_date < on)
        .order_by(Installation.agreed_date, Installation.id)
    )


def late_count(on: dt.date | None = None) -> int:
    on = on or today()
    return (
        Installation.select()
        .where(Installation.installed_date.is_null(), Installation.agreed_date < on)
        .count()
    )


def installations_of(ids: list[int]) -> list[Installation]:
    return list(
        Installation.select()
        .where(Installation.customer.in_(ids))
        .order_by(Installation.agreed_date.desc())
    )


def get_installation(installation_id: int) -> Installation | None:
    return Installation.get_or_none(Installation.id == installation_id)
