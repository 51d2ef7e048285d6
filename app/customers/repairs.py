"""Repairs 产品报修: reported fault -> solved on the phone, or a service order 服务派单 with an
engineer -> diagnosis (software / hardware) -> factory return 返厂 with a loaner unit 备用机 meanwhile
-> result -> the solution entered into the knowledge base 知识库. Closing a repair is the
``repair_closed`` event (the post-repair callback follows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app import audit, clock, events, validation
from app.auth import require
from app.clock import now
from app.customers.codes import REPAIR_DIAGNOSES, REPAIR_HANDLING
from app.errors import ValidationError
from app.i18n import translate
from app.operations import use_case
from app.records import save_changes
from models import Customer, User, write_transaction
from models import Repair as Repair  # re-exported: the type screens hold


def today() -> dt.date:
    return clock.today()


@dataclass
class RepairData:
    fault: str
    product: str = ""
    serial_no: str = ""
    handling: str = "phone"
    service_order_no: str = ""
    engineer: str = ""
    diagnosis: str = ""
    factory_return: bool = False
    result: str = ""


def _validate(data: RepairData) -> dict[str, Any]:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {
        "fault": data.fault.strip(),
        "product": data.product.strip(),
        "serial_no": data.serial_no.strip(),
        "handling": data.handling,
        "service_order_no": data.service_order_no.strip(),
        "engineer": data.engineer.strip(),
        "diagnosis": data.diagnosis,
        "factory_return": bool(data.factory_return),
        "result": data.result.strip(),
    }
    if not values["fault"]:
        errors["fault"] = translate("Repairs", "Describe the reported fault.")
    if values["handling"] not in REPAIR_HANDLING:
        errors["handling"] = translate("Repairs", "Unknown handling.")
    if values["diagnosis"] not in REPAIR_DIAGNOSES:
        errors["diagnosis"] = translate("Repairs", "Unknown diagnosis.")
    for key, limit in (("product", 120), ("serial_no", 60), ("service_order_no", 40)):
        if len(values[key]) > limit:
            errors[key] = translate("Repairs", "At most {n} characters.").format(n=limit)
    if len(values["engineer"]) > 60:
        errors["engineer"] = translate("Repairs", "At most {n} characters.").format(n=60)
    if values["factory_return"] and values["diagnosis"] != "hardware":
        errors["factory_return"] = translate(
            "Repairs", "Only a hardware fault goes back to the factory."
        )
    if values["handling"] == "phone":
        values["service_order_no"] = values["service_order_no"] or ""
    if errors:
        raise ValidationError(errors)
    return values


@use_case
def register_repair(
    actor: User, customer: Customer, data: RepairData, *, reported_at: dt.datetime | None = None
) -> Repair:
    require(actor, "work")
    values = _validate(data)
    reported_at = reported_at or now()
    if reported_at > now():
        raise ValidationError(
            {"reported_at": translate("Repairs", "The time cannot be in the future.")}
        )
    validation.check_dates({"reported_at": reported_at})
    with write_transaction():
        repair = Repair.create(
            customer=customer.id, reported_at=reported_at, handler=actor.id, **values
        )
        audit.record_create(actor, repair, summary=values["fault"][:80])
    return repair


@use_case
def update_repair(
    actor: User,
    repair: Repair,
    data: RepairData,
    *,
    knowledge_base: bool = False,
    expected_version: int | None = None,
) -> dict[str, list]:
    """Record diagnosis, service order, engineer, factory return, result so far; with
    ``knowledge_base`` also the knowledge-base step (a closed repair only), in one save."""
    require(actor, "work")
    values = _validate(data)
    if knowledge_base:
        _check_knowledge_base(repair)
        values["knowledge_base_at"] = now()
    with write_transaction():
        return save_changes(
            actor, repair, values, expected_version=expected_version, summary=values["fault"][:80]
        )


@use_case
def lend_loaner(
    actor: User,
    repair: Repair,
    unit: str,
    on_date: dt.date | None = None,
    *,
    expected_version: int | None = None,
) -> None:
    """A loaner unit 备用机 goes to the customer while the device is away."""
    require(actor, "work")
    on_date = on_date or today()
    errors: dict[str, str] = {}
    if not unit.strip():
        errors["loaner_unit"] = translate("Repairs", "Which unit is lent?")
    elif len(unit.strip()) > 60:
        errors["loaner_unit"] = translate("Repairs", "At most {n} characters.").format(n=60)
    if repair.loaner_out_at is not None and repair.loaner_back_at is None:
        errors["loaner_unit"] = translate("Repairs", "A loaner is already out for this repair.")
    if on_date > today():
        errors["loaner_out_at"] = translate("Repairs", "The date cannot be in the future.")
    elif (problem := validation.date_problem(on_date)) is not None:
        errors["loaner_out_at"] = problem
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        save_changes(
            actor,
            repair,
            {"loaner_unit": unit.strip(), "loaner_out_at": on_date, "loaner_back_at": None},
            expected_version=expected_version,
            summary=unit.strip(),
        )


@use_case
def return_loaner(
    actor: User,
    repair: Repair,
    on_date: dt.date | None = None,
    *,
    expected_version: int | None = None,
) -> None:
    require(actor, "work")
    on_date = on_date or today()
    if repair.loaner_out_at is None or repair.loaner_back_at is not None:
        raise ValidationError(
            {"loaner_back_at": translate("Repairs", "No loaner is out for this repair.")}
        )
    if on_date > today() or on_date < repair.loaner_out_at:
        raise ValidationError(
            {
                "loaner_back_at": translate(
                    "Repairs", "The return date must be between the lending date and today."
                )
            }
        )
    with write_transaction():
        save_changes(
            actor,
            repair,
            {"loaner_back_at": on_date},
            expected_version=expected_version,
            summary=repair.loaner_unit,
        )


@use_case
def close_repair(
    actor: User,
    repair: Repair,
    result: str,
    *,
    data: RepairData | None = None,
    knowledge_base: bool = False,
    expected_version: int | None = None,
) -> None:
    """The repair is solved: record the result and close it; emits ``repair_closed``.

    ``data``: the form's other fields, saved in the same step (all or nothing);
    ``knowledge_base``: the solution went into the knowledge base at the same time."""
    require(actor, "work")
    if repair.status == "closed":
        raise ValidationError({"status": translate("Repairs", "This repair is already closed.")})
    values: dict[str, Any] = _validate(data) if data is not None else {}
    if not result.strip():
        raise ValidationError({"result": translate("Repairs", "Record the result first.")})
    closed_at = now()
    values.update({"status": "closed", "closed_at": closed_at, "result": result.strip()})
    if knowledge_base:
        values["knowledge_base_at"] = closed_at
    with write_transaction():
        save_changes(
            actor, repair, values, expected_version=expected_version, summary=result.strip()[:80]
        )
        events.emit("repair_closed", repair=repair, actor=actor)


def _check_knowledge_base(repair: Repair) -> None:
    """Only a solved repair goes into the knowledge base, and only once."""
    if repair.status != "closed":
        raise ValidationError(
            {
                "knowledge_base": translate(
                    "Repairs", "Only a solved (closed) repair goes into the knowledge base."
                )
            }
        )
    if repair.knowledge_base_at is not None:
        raise ValidationError(
            {
                "knowledge_base": translate(
                    "Repairs", "This repair is already in the knowledge base."
                )
            }
        )


@use_case
def enter_in_knowledge_base(
    actor: User, repair: Repair, *, expected_version: int | None = None
) -> None:
    """The last step of a repair: its solution is entered into the knowledge base 知识库."""
    require(actor, "work")
    _check_knowledge_base(repair)
    with write_transaction():
        save_changes(
            actor,
            repair,
            {"knowledge_base_at": now()},
            expected_version=expected_version,
            summary=repair.result[:80],
        )


def data_of(repair: Repair) -> RepairData:
    return RepairData(
        fault=repair.fault,
        product=repair.product,
        serial_no=repair.serial_no,
        handling=repair.handling,
        service_order_no=repair.service_order_no,
        engineer=repair.engineer,
        diagnosis=repair.diagnosis,
        factory_return=repair.factory_return,
        result=repair.result,
    )


def open_repairs():
    return (
        Repair.select(Repair, Customer)
        .join(Customer)
        .where(Repair.status == "open")
        .order_by(Repair.reported_at, Repair.id)
    )


def missing_from_knowledge_base():
    """Solved repairs whose solution is not yet in the knowledge base, oldest first."""
    return (
        Repair.select(Repair, Customer)
        .join(Customer)
        .where(Repair.status == "closed", Repair.knowledge_base_at.is_null())
        .order_by(Repair.closed_at, Repair.id)
    )


def loaners_out():
    """Loaner units lent and not returned, longest out first."""
    return (
        Repair.select(Repair, Customer)
        .join(Customer)
        .where(Repair.loaner_out_at.is_null(False), Repair.loaner_back_at.is_null())
        .order_by(Repair.loaner_out_at, Repair.id)
    )


def repairs_of(ids: list[int]) -> list[Repair]:
    return list(Repair.select().where(Repair.customer.in_(ids)).order_by(Repair.reported_at.desc()))


def get_repair(repair_id: int) -> Repair | None:
    return Repair.get_or_none(Repair.id == repair_id)
