"""The customer's archive card 客户档案卡 (DOMAIN §6): the record and its whole history on A4."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, TableStyle

from app import clock, pdf, sentences
from app.callbacks.labels import kind_label as callback_kind_label
from app.callbacks.labels import status_label as callback_status_label
from app.complaints.labels import status_label as complaint_status_label
from app.contacts import contacts_text
from app.customers import installations, onboarding, repairs
from app.customers.codes import (
    diagnosis_label,
    gender_label,
    handling_label,
    kind_label,
    repair_status_label,
    stage_label,
)
from app.customers.customers import get_customer, merged_ids
from app.customers.phones import phones_of
from app.customers.tags import tags_of
from app.customers.timeline import name_of
from app.i18n import translate
from models import CallbackTask, Complaint

FULL_WIDTH = 186 * mm


def _date(value: dt.date | dt.datetime | None, with_time: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")
    return value.isoformat()


def _section(title: str) -> Paragraph:
    return pdf.para(title, "h2")


def _none() -> Paragraph:
    return pdf.para(translate("CustomerCard", "None."), "body")


def print_customer_card(customer_id: int, path: Path, today: dt.date | None = None) -> Path:
    """Write the archive card of one customer to ``path``."""
    today = today or clock.today()
    customer = get_customer(customer_id)
    ids = merged_ids(customer.id)
    story: list = []
    phones = contacts_text(phones_of(customer.id))
    info = [
        [
            translate("CustomerCard", "Customer No."),
            str(customer.id),
            translate("CustomerCard", "Type"),
            kind_label(customer.kind),
        ],
        [
            translate("CustomerCard", "Name"),
            customer.name,
            translate("CustomerCard", "Organisation"),
            customer.organisation,
        ],
        [
            translate("CustomerCard", "Contact person"),
            customer.contact_person,
            translate("CustomerCard", "Gender"),
            gender_label(customer.gender),
        ],
        [
            translate("CustomerCard", "Phones"),
            phones,
            translate("CustomerCard", "E-mail"),
            customer.email,
        ],
        [
            translate("CustomerCard", "Address"),
            customer.address,
            translate("CustomerCard", "Tags"),
            "、".join(tags_of(customer.id)),
        ],
        [
            translate("CustomerCard", "Source"),
            customer.source,
            translate("CustomerCard", "On file since"),
            _date(customer.created_at),
        ],
        [translate("CustomerCard", "Notes"), customer.notes, "", ""],
    ]
    table = pdf.make_table(info, [28 * mm, 65 * mm, 28 * mm, 65 * mm], header_rows=0, zebra=False)
    label_shade = colors.HexColor("#e8edf5")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (0, -1), label_shade),
                ("BACKGROUND", (2, 0), (2, -2), label_shade),
                ("SPAN", (1, -1), (3, -1)),
            ]
        )
    )
    story += [_section(translate("CustomerCard", "Customer")), table]

    story.append(_section(translate("CustomerCard", "Onboarding")))
    requests = onboarding.requests_of(ids)
    if not requests:
        story.append(_none())
    for request in requests:
        story.append(pdf.para(onboarding.standing(request, today).sentence(), "body"))
        rows = [
            [
                translate("CustomerCard", "Step"),
                translate("CustomerCard", "Date"),
                translate("CustomerCard", "Recorded by"),
                translate("CustomerCard", "Note"),
            ]
        ]
        for step in onboarding.steps_of(request.id):
            who = name_of(step.recorded_by)
            rows.append(
                [stage_label(step.stage), _date(step.on_date), who, sentences.read(step.note)]
            )
        story += [pdf.make_table(rows, [45 * mm, 25 * mm, 30 * mm, 86 * mm]), Spacer(1, 2 * mm)]

    story.append(_section(translate("CustomerCard", "Installations")))
    items = installations.installations_of(ids)
    if items:
        rows = [
            [
                translate("CustomerCard", "Product"),
                translate("CustomerCard", "Agreed date"),
                translate("CustomerCard", "Installed on"),
                translate("CustomerCard", "Installer"),
                translate("CustomerCard", "State"),
            ]
        ]
        for i in items:
            state = (
                translate("CustomerCard", "Installed")
                if i.installed_date
                else translate("CustomerCard", "Late")
                if installations.is_late(i, today)
                else translate("CustomerCard", "Scheduled")
            )
            rows.append(
                [i.product, _date(i.agreed_date), _date(i.installed_date), i.installer, state]
            )
        story.append(pdf.make_table(rows, [60 * mm, 28 * mm, 28 * mm, 40 * mm, 30 * mm]))
    else:
        story.append(_none())

    story.append(_section(translate("CustomerCard", "Repairs")))
    items = repairs.repairs_of(ids)
    if items:
        rows = [
            [
                translate("CustomerCard", "Reported"),
                translate("CustomerCard", "Product"),
                translate("CustomerCard", "Fault"),
                translate("CustomerCard", "Handling"),
                translate("CustomerCard", "Loaner"),
                translate("CustomerCard", "Result"),
            ]
        ]
        for r in items:
            handling = handling_label(r.handling)
            if r.diagnosis:
                handling += " · " + diagnosis_label(r.diagnosis)
            if r.factory_return:
                handling += " · " + translate("CustomerCard", "factory return")
            loaner = ""
            if r.loaner_unit:
                loaner = f"{r.loaner_unit} {_date(r.loaner_out_at)}→{_date(r.loaner_back_at)}"
            result = f"{repair_status_label(r.status)} {r.result}".strip()
            if r.knowledge_base_at is not None:
                result += " · " + translate("CustomerCard", "in the knowledge base")
            rows.append([_date(r.reported_at), r.product, r.fault, handling, loaner, result])
        story.append(pdf.make_table(rows, [22 * mm, 28 * mm, 46 * mm, 30 * mm, 28 * mm, 32 * mm]))
    else:
        story.append(_none())

    story.append(_section(translate("CustomerCard", "Complaints")))
    complaints = list(
        Complaint.select().where(Complaint.customer.in_(ids)).order_by(Complaint.received_at)
    )
    if complaints:
        rows = [
            [
                translate("CustomerCard", "Number"),
                translate("CustomerCard", "Received"),
                translate("CustomerCard", "Content"),
                translate("CustomerCard", "Status"),
                translate("CustomerCard", "Result"),
                translate("CustomerCard", "Satisfaction"),
            ]
        ]
        for c in complaints:
            rows.append(
                [
                    c.number,
                    _date(c.received_at, True),
                    c.content,
                    complaint_status_label(c.status),
                    c.result,
                    "" if c.satisfaction is None else str(c.satisfaction),
                ]
            )
        story.append(pdf.make_table(rows, [25 * mm, 27 * mm, 56 * mm, 22 * mm, 40 * mm, 16 * mm]))
    else:
        story.append(_none())

    story.append(_section(translate("CustomerCard", "Callbacks")))
    tasks = list(
        CallbackTask.select().where(CallbackTask.customer.in_(ids)).order_by(CallbackTask.due_at)
    )
    if tasks:
        rows = [
            [
                translate("CustomerCard", "Kind"),
                translate("CustomerCard", "Due"),
                translate("CustomerCard", "Status"),
                translate("CustomerCard", "Satisfaction"),
                translate("CustomerCard", "Opinions"),
            ]
        ]
        for t in tasks:
            rows.append(
                [
                    callback_kind_label(t.kind),
                    _date(t.due_at),
                    callback_status_label(t.status),
                    "" if t.satisfaction is None else str(t.satisfaction),
                    t.opinions,
                ]
            )
        story.append(pdf.make_table(rows, [36 * mm, 25 * mm, 25 * mm, 20 * mm, 80 * mm]))
    else:
        story.append(_none())

    return pdf.build_pdf(
        Path(path),
        story,
        title=translate("CustomerCard", "Customer archive card"),
        period=translate("CustomerCard", "{name} · printed {date}").format(
            name=customer.name, date=today.isoformat()
        ),
    )
