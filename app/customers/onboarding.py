"""New customer onboarding 新客户加入: request received -> details recorded -> passed to operations
-> contract signed -> delivered and installed -> demonstrated -> usage callback.

Each step has its date and who recorded it; finishing the installation records the "installed"
step of a request that waits for it. A request waiting at one step longer than the
``onboarding_stuck_days`` setting is stuck, so the agent can chase it before the customer calls.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee

from app import audit, clock, sentences, settings, validation
from app.auth import require
from app.customers.codes import FINAL_STAGE, ONBOARDING_STAGES, stage_label
from app.errors import ValidationError
from app.i18n import translate
from app.operations import use_case
from app.records import save_changes
from models import Customer, Installation, OnboardingStep, User, write_transaction
from models import OnboardingRequest as OnboardingRequest  # re-exported: the type screens hold


def today() -> dt.date:
    return clock.today()


def _check_date(on_date: dt.date, not_before: dt.date | None = None) -> None:
    validation.check_dates({"on_date": on_date})
    if on_date > today():
        raise ValidationError(
            {"on_date": translate("Onboarding", "The date cannot be in the future.")}
        )
    if not_before is not None and on_date < not_before:
        raise ValidationError(
            {
                "on_date": translate(
                    "Onboarding", "The date cannot be before the previous step ({date})."
                ).format(date=not_before.isoformat())
            }
        )


@use_case
def start_request(
    actor: User, customer: Customer, *, on_date: dt.date | None = None, note: str = ""
) -> OnboardingRequest:
    """A new customer asked to join: the request starts at "received"."""
    require(actor, "work")
    on_date = on_date or today()
    _check_date(on_date)
    with write_transaction():
        request = OnboardingRequest.create(
            customer=customer.id,
            stage=ONBOARDING_STAGES[0],
            stage_since=on_date,
            notes=note.strip(),
            handler=actor.id,
        )
        OnboardingStep.create(
            request=request.id,
            stage=ONBOARDING_STAGES[0],
            on_date=on_date,
            recorded_by=actor.id,
            note=note.strip(),
        )
        audit.record_create(actor, request, summary=customer.name)
    return request


def missing_details(customer: Customer) -> list[str]:
    """What the "details recorded" step needs on the customer and is not there yet."""
    from app.customers.phones import phones_of

    missing = []
    if not customer.address.strip():
        missing.append(translate("Onboarding", "address"))
    if customer.kind == "organisation" and not customer.contact_person.strip():
        missing.append(translate("Onboarding", "contact person"))
    if not phones_of(customer.id):
        missing.append(translate("Onboarding", "phone"))
    return missing


def _check_details(request: OnboardingRequest) -> None:
    customer = Customer.get_by_id(request.customer_id)
    missing = missing_details(customer)
    if missing:
        raise ValidationError(
            {
                "stage": translate(
                    "Onboarding",
                    "Record the customer's details first; missing: {fields}.",
                ).format(fields=translate("Onboarding", ", ").join(missing))
            }
        )


def next_stages(request: OnboardingRequest) -> list[str]:
    """The stages the request may move to: any later one (a step may be recorded late)."""
    index = ONBOARDING_STAGES.index(request.stage)
    return list(ONBOARDING_STAGES[index + 1 :])


@use_case
def record_step(
    actor: User,
    request: OnboardingRequest,
    stage: str,
    *,
    on_date: dt.date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> OnboardingStep:
    """Move the request forward to ``stage`` on ``on_date``; never backwards, never twice."""
    require(actor, "work")
    on_date = on_date or today()
    if stage not in ONBOARDING_STAGES:
        raise ValidationError({"stage": translate("Onboarding", "Unknown step.")})
    if request.stage == FINAL_STAGE:
        raise ValidationError({"stage": translate("Onboarding", "This request is complete.")})
    if stage not in next_stages(request):
        raise ValidationError(
            {
                "stage": translate(
                    "Onboarding", "The request is already at “{stage}”; choose a later step."
                ).format(stage=stage_label(request.stage))
            }
        )
    _check_date(on_date, request.stage_since)
    _check_details(request)
    with write_transaction():
        save_changes(
            actor,
            request,
            {"stage": stage, "stage_since": on_date},
            expected_version=expected_version,
            summary=sentences.say("onboarding.step", stage=stage),
        )
        step = OnboardingStep.create(
            request=request.id,
            stage=stage,
            on_date=on_date,
            recorded_by=actor.id,
            note=note.strip(),
        )
    return step


def on_installation_finished(installation: Installation, actor: User) -> None:
    """Finishing an installation is the "delivered and installed" step of the customer's
    onboarding request when that request is waiting for it (its contract is signed).

    Any other request is left alone: an automatic step never skips one, never goes back and
    never fails the installation it follows."""
    stage = "installed"
    waiting_at = ONBOARDING_STAGES[ONBOARDING_STAGES.index(stage) - 1]
    on_date = installation.installed_date
    request = (
        OnboardingRequest.select()
        .where(
            OnboardingRequest.customer == installation.customer_id,
            OnboardingRequest.stage == waiting_at,
        )
        .order_by(OnboardingRequest.id)
        .first()
    )
    if request is None or on_date is None:
        return
    if request.stage_since is not None and on_date < request.stage_since:
        return
    with write_transaction():
        save_changes(
            actor,
            request,
            {"stage": stage, "stage_since": on_date},
            summary=sentences.say("onboarding.step", stage=stage),
        )
        OnboardingStep.create(
            request=request.id,
            stage=stage,
            on_date=on_date,
            recorded_by=actor.id,
            note=sentences.say("onboarding.installed", product=installation.product).stored(),
        )


def steps_of(request_id: int) -> list[OnboardingStep]:
    return list(
        OnboardingStep.select(OnboardingStep, User)
        .join(User, on=(OnboardingStep.recorded_by == User.id), join_type=peewee.JOIN.LEFT_OUTER)
        .where(OnboardingStep.request == request_id)
        .order_by(OnboardingStep.on_date, OnboardingStep.id)
    )


@dataclass
class Standing:
    """Where one request stands, in a sentence an agent can read out."""

    request: OnboardingRequest
    days_at_stage: int
    stuck: bool
    complete: bool

    def sentence(self) -> str:
        since = self.request.stage_since
        if self.complete:
            return translate("Onboarding", "Onboarding complete since {date}.").format(
                date=since.isoformat() if since else ""
            )
        text = translate(
            "Onboarding", "Onboarding: “{stage}” since {date} ({days} days); next: “{next}”."
        ).format(
            stage=stage_label(self.request.stage),
            date=since.isoformat() if since else "",
            days=self.days_at_stage,
            next=stage_label(next_stages(self.request)[0]),
        )
        if self.stuck:
            text += " " + translate("Onboarding", "Stuck: chase it today.")
        return text


def standing(request: OnboardingRequest, on: dt.date | None = None) -> Standing:
    on = on or today()
    since = request.stage_since or request.created_at.date()
    days = (on - since).days
    complete = request.stage == FINAL_STAGE
    limit = int(settings.get("onboarding_stuck_days"))
    return Standing(request, days, (not complete) and days > limit, complete)


def requests_of(customer_id: int | list[int]) -> list[OnboardingRequest]:
    ids = customer_id if isinstance(customer_id, list) else [customer_id]
    return list(
        OnboardingRequest.select()
        .where(OnboardingRequest.customer.in_(ids))
        .order_by(OnboardingRequest.id.desc())
    )


def stuck_requests(on: dt.date | None = None, days: int | None = None):
    """Requests not complete and at one step longer than ``days`` (the setting by default),
    longest waiting first."""
    on = on or today()
    limit = int(settings.get("onboarding_stuck_days")) if days is None else days
    return (
        OnboardingRequest.select(OnboardingRequest, Customer)
        .join(Customer)
        .where(
            OnboardingRequest.stage != FINAL_STAGE,
            OnboardingRequest.stage_since < on - dt.timedelta(days=limit),
        )
        .order_by(OnboardingRequest.stage_since, OnboardingRequest.id)
    )


def get_request(request_id: int) -> OnboardingRequest | None:
    return OnboardingRequest.get_or_none(OnboardingRequest.id == request_id)
