"""The codes this feature stores (kinds, genders, onboarding stages, repair handling) and their
labels, translated at display time."""

from __future__ import annotations

from typing import Any

from app import sentences
from app.i18n import translate

KINDS = ("person", "organisation")
GENDERS = ("", "male", "female")

# the onboarding flow, in order; the last stage completes the request
ONBOARDING_STAGES = (
    "received",
    "details",
    "operations",
    "contract",
    "installed",
    "demonstrated",
    "callback",
)
FINAL_STAGE = ONBOARDING_STAGES[-1]

REPAIR_HANDLING = ("phone", "service_order")
REPAIR_DIAGNOSES = ("", "software", "hardware")


def kind_label(kind: str) -> str:
    return {
        "person": translate("Customers", "Person"),
        "organisation": translate("Customers", "Organisation"),
    }.get(kind, kind)


def gender_label(gender: str) -> str:
    return {
        "": "",
        "male": translate("Customers", "Male"),
        "female": translate("Customers", "Female"),
    }.get(gender, gender)


def stage_label(stage: str) -> str:
    return {
        "received": translate("Onboarding", "Request received"),
        "details": translate("Onboarding", "Details recorded"),
        "operations": translate("Onboarding", "Passed to operations"),
        "contract": translate("Onboarding", "Contract signed"),
        "installed": translate("Onboarding", "Delivered and installed"),
        "demonstrated": translate("Onboarding", "Device demonstrated"),
        "callback": translate("Onboarding", "Usage callback done"),
    }.get(stage, stage)


def handling_label(code: str) -> str:
    return {
        "phone": translate("Repairs", "Solved on the phone"),
        "service_order": translate("Repairs", "Service order"),
    }.get(code, code)


def diagnosis_label(code: str) -> str:
    return {
        "": "",
        "software": translate("Repairs", "Software"),
        "hardware": translate("Repairs", "Hardware"),
    }.get(code, code)


def repair_status_label(code: str) -> str:
    return {
        "open": translate("Repairs", "Open"),
        "closed": translate("Repairs", "Closed"),
    }.get(code, code)


@sentences.register("onboarding.step")
def _onboarding_step(values: dict[str, Any]) -> str:
    return translate("Onboarding", "Onboarding step: {stage}").format(
        stage=stage_label(str(values.get("stage", "")))
    )


@sentences.register("onboarding.installed")
def _from_installation(values: dict[str, Any]) -> str:
    return translate("Onboarding", "From the installation of {product}.").format(**values)


@sentences.register("customers.imported_from")
def _imported_from(values: dict[str, Any]) -> str:
    return translate("CustomersImport", "imported from {file}").format(**values)
