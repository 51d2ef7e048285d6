"""What the callback screen shows of one task: the record followed up, the script with the
company, department and agent filled in, the survey, the calls so far."""

from __future__ import annotations

import json
from dataclasses import dataclass

from app import settings
from app.callbacks import kinds
from app.callbacks.attempts import attempts_of, unanswered_count
from app.callbacks.lists import TaskRow, rows_for
from app.callbacks.tasks import get_task
from app.complaints import service as complaints
from app.contacts import display_contact
from app.i18n import translate
from models import CallbackAttempt, CallbackTask, Complaint, Customer, Installation, Repair, User


@dataclass
class TaskDetail:
    row: TaskRow
    summary: list[tuple[str, str]]  # (label, text) of the record followed up
    script: list[tuple[str, str]]  # (step, what to say)
    questions: list[str]
    attempts: list[CallbackAttempt]
    unanswered: int
    max_attempts: int
    survey: dict[str, str]
    opinions: str
    satisfied_from: int = 4  # a complaint callback's score from here closes the complaint


def script_for(
    task: CallbackTask | TaskRow, agent: User, customer_name: str
) -> list[tuple[str, str]]:
    """The callback script in its order, filled with the company, department and agent."""
    company = settings.get("company_name") or translate("Callbacks", "our company")
    department = settings.get("department_name")
    purpose = kinds.purpose(task.kind)
    return [
        (
            translate("Callbacks", "1. Verify identity"),
            translate("Callbacks", "Hello, may I speak with {name}?").format(
                name=customer_name or translate("Callbacks", "the customer")
            ),
        ),
        (
            translate("Callbacks", "2. Introduce yourself"),
            translate(
                "Callbacks",
                "This is {company}, {department}, agent number {employee_no}.",
            ).format(company=company, department=department, employee_no=agent.employee_no),
        ),
        (
            translate("Callbacks", "3. Is it a good time?"),
            translate(
                "Callbacks",
                "Is now a convenient time to talk for a few minutes? If not, agree a time "
                "and record 'Call again later'.",
            ),
        ),
        (translate("Callbacks", "4. Answer or survey"), purpose),
        (
            translate("Callbacks", "5. Close politely"),
            translate(
                "Callbacks",
                "Thank you for your time and your support. If anything comes up, call us any "
                "time. Goodbye!",
            ),
        ),
    ]


def detail(task_id: int, agent: User) -> TaskDetail:
    task = get_task(task_id)
    row = rows_for([task])[0]
    summary: list[tuple[str, str]] = []
    customer = Customer.get_or_none(Customer.id == task.customer_id) if task.customer_id else None
    if customer is not None or row.customer_name:
        summary.append((translate("Callbacks", "Customer"), row.customer_name))
    if customer is not None:
        if customer.contact_person:
            summary.append((translate("Callbacks", "Contact person"), customer.contact_person))
        if customer.address:
            summary.append((translate("Callbacks", "Address"), customer.address))
    if row.phone:
        summary.append((translate("Callbacks", "Phone"), display_contact(row.phone)))
    if task.complaint_id:
        c = Complaint.get_or_none(Complaint.id == task.complaint_id)
        if c is not None:
            handler = User.get_or_none(User.id == c.handler_id) if c.handler_id else None
            summary += [
                (translate("Callbacks", "Complaint number"), c.number),
                (translate("Callbacks", "Received"), c.received_at.strftime("%Y-%m-%d %H:%M")),
                (translate("Callbacks", "Complaint content"), c.content),
                (translate("Callbacks", "Result"), c.result or "—"),
                (translate("Callbacks", "Handler"), handler.name if handler else "—"),
            ]
    if task.repair_id:
        r = Repair.get_or_none(Repair.id == task.repair_id)
        if r is not None:
            summary += [
                (translate("Callbacks", "Product"), r.product or "—"),
                (translate("Callbacks", "Fault"), r.fault),
                (translate("Callbacks", "Result"), r.result or "—"),
            ]
            if r.closed_at:
                summary.append(
                    (translate("Callbacks", "Closed"), r.closed_at.strftime("%Y-%m-%d %H:%M"))
                )
    if task.installation_id:
        i = Installation.get_or_none(Installation.id == task.installation_id)
        if i is not None:
            summary.append((translate("Callbacks", "Product"), i.product))
            if i.installed_date:
                summary.append((translate("Callbacks", "Installed"), i.installed_date.isoformat()))
    summary.append((translate("Callbacks", "Reason"), row.reason))
    try:
        survey = json.loads(task.survey or "{}")
    except ValueError:
        survey = {}
    return TaskDetail(
        row=row,
        summary=summary,
        script=script_for(task, agent, row.customer_name),
        questions=list(settings.get("callback_survey_questions")),
        attempts=attempts_of(task.id),
        unanswered=unanswered_count(task.id),
        max_attempts=int(settings.get("callback_max_attempts")),
        survey=survey if isinstance(survey, dict) else {},
        opinions=task.opinions,
        satisfied_from=complaints.satisfied_from(),
    )
