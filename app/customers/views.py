"""What the customer screens show, read in one go as plain values (off the window's thread).

Each function here is a read use case: the screens call it through the operation runner and
fill their widgets from the result, so nothing is read lazily while the window draws.
"""

from __future__ import annotations

from dataclasses import dataclass

from app import clock, sentences
from app.complaints import service as complaint_service
from app.customers import installations, onboarding, repairs
from app.customers.codes import stage_label
from app.customers.customers import (
    CustomerData,
    DuplicatePhone,
    check_duplicates,
    data_of,
    get_customer,
    list_page,
    merged_ids,
    phones_and_tags,
)
from app.customers.lookup import search
from app.customers.phones import phones_of
from app.customers.tags import tags_of
from app.customers.timeline import TimelineEntry, name_of, timeline
from models import Customer, Installation, OnboardingRequest, Repair

ListRow = tuple[Customer, list[str], list[str]]  # the customer, its phones, its tags


def list_rows(
    text: str = "", tag: str = "", kind: str = "", *, before_id: int | None = None, limit: int
) -> list[ListRow]:
    """A page of the customer list with each customer's phones and tags."""
    batch = list_page(text, tag, kind, before_id=before_id, limit=limit)
    phones, tags = phones_and_tags([c.id for c in batch])
    return [(c, phones[c.id], tags[c.id]) for c in batch]


def found_rows(text: str, limit: int, *, leave_out: int | None = None) -> list[ListRow]:
    """Customers matching what was typed during a call (phone, name, organisation)."""
    found = [c for c in search(text, limit=limit) if c.id != leave_out] if text.strip() else []
    phones, tags = phones_and_tags([c.id for c in found])
    return [(c, phones[c.id], tags[c.id]) for c in found]


def duplicate_of(phones: list[str], exclude_id: int | None) -> DuplicatePhone | None:
    """The first of ``phones`` another customer already has, as the error the form shows."""
    try:
        check_duplicates(phones, exclude_id)
    except DuplicatePhone as exc:
        return exc
    return None


def customer_data(customer_id: int) -> tuple[Customer, CustomerData]:
    """The customer (followed through merges) and its values as the form fills them."""
    customer = get_customer(customer_id)
    return customer, data_of(customer)


@dataclass(frozen=True)
class Standing:
    sentence: str
    stuck: bool


@dataclass(frozen=True)
class CustomerScreen:
    """One customer's page: the record, what to warn about, and the timeline."""

    customer: Customer
    data: CustomerData
    tags: list[str]
    phones: list[str]
    standings: list[Standing]
    open_requests: list[OnboardingRequest]
    late_installations: list[Installation]
    open_complaints: int
    open_repairs: int
    loaners: list[Repair]
    entries: list[TimelineEntry]


def customer_screen(customer_id: int) -> CustomerScreen:
    customer = get_customer(customer_id)
    ids = merged_ids(customer.id)
    requests = onboarding.requests_of(ids)
    open_requests = [r for r in requests if r.stage != onboarding.FINAL_STAGE]
    standings = []
    for request in open_requests or requests[:1]:
        standing = onboarding.standing(request)
        standings.append(Standing(standing.sentence(), standing.stuck))
    today = clock.today()
    late = [i for i in installations.installations_of(ids) if installations.is_late(i, today)]
    their_repairs = repairs.repairs_of(ids)
    return CustomerScreen(
        customer=customer,
        data=data_of(customer),
        tags=tags_of(customer.id),
        phones=phones_of(customer.id),
        standings=standings,
        open_requests=open_requests,
        late_installations=late,
        open_complaints=complaint_service.open_count(ids),
        open_repairs=sum(1 for r in their_repairs if r.status == "open"),
        loaners=[r for r in their_repairs if r.loaner_out_at and not r.loaner_back_at],
        entries=timeline(customer.id),
    )


@dataclass(frozen=True)
class OnboardingScreen:
    """An onboarding request as its form shows it."""

    request: OnboardingRequest
    standing: str
    steps: list[str]  # one line per step recorded: date, step, who, note
    next_stages: list[str]


def onboarding_screen(request_id: int) -> OnboardingScreen | None:
    request = onboarding.get_request(request_id)
    if request is None:
        return None
    lines = []
    for step in onboarding.steps_of(request.id):
        text = f"{step.on_date.isoformat()}  {stage_label(step.stage)}  {name_of(step.recorded_by)}"
        if step.note:
            text += f" — {sentences.read(step.note)}"
        lines.append(text)
    return OnboardingScreen(
        request, onboarding.standing(request).sentence(), lines, onboarding.next_stages(request)
    )


def record_to_open(target: dict) -> Repair | Installation | OnboardingScreen | None:
    """The repair, installation or onboarding request a timeline entry or a work list opens."""
    if "repair_id" in target:
        return repairs.get_repair(int(target["repair_id"]))
    if "installation_id" in target:
        return installations.get_installation(int(target["installation_id"]))
    if "onboarding_id" in target:
        return onboarding_screen(int(target["onboarding_id"]))
    return None
