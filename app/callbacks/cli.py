"""Command-line targets: ``print callbacks`` (回访清单) and ``export callbacks``."""

from __future__ import annotations

import argparse
import datetime as dt

from app.callbacks import documents
from app.callbacks.kinds import KINDS
from app.callbacks.labels import kind_label, status_label
from app.callbacks.lists import TaskFilter
from app.callbacks.workflow import STATUSES
from app.cli import CliError, Registry, Target
from app.cli_language import add_output_option, whole_number
from app.i18n import translate


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            translate("Cli", "not a date (YYYY-MM-DD): {text}").format(text=text)
        ) from exc


def _print_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--date",
        type=_date,
        required=True,
        metavar="YYYY-MM-DD",
        help=translate("Cli", "the first day"),
    )
    parser.add_argument(
        "--days",
        type=whole_number,
        default=1,
        metavar="N",
        help=translate("Cli", "how many days (7 for a week)"),
    )
    parser.add_argument(
        "--agent", metavar="LOGIN", help=translate("Cli", "only this agent's callbacks (login)")
    )
    add_output_option(parser, translate("Cli", "the PDF to write"))


def _print_run(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() != ".pdf":
        raise CliError(translate("Cli", "the output file must end in .pdf"))
    agent = documents.agent_by_login(args.agent)
    count = documents.print_list(args.output, args.date, args.days, agent)
    print(translate("Cli", "{file}: {count} callback(s)").format(file=args.output, count=count))
    return 0


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--date", type=_date, metavar="YYYY-MM-DD", help=translate("Cli", "the first due day")
    )
    parser.add_argument(
        "--days",
        type=whole_number,
        metavar="N",
        help=translate("Cli", "how many days from --date (default: 1)"),
    )
    parser.add_argument(
        "--agent", metavar="LOGIN", help=translate("Cli", "only this agent's callbacks (login)")
    )
    parser.add_argument(
        "--status",
        choices=(*STATUSES, "open"),
        help=translate("Cli", "only this status: {values}").format(
            values=_explained({**{s: status_label(s) for s in STATUSES}, "open": _open_label()})
        ),
    )
    parser.add_argument(
        "--kind",
        choices=KINDS,
        help=translate("Cli", "only this kind: {values}").format(
            values=_explained({k: kind_label(k) for k in KINDS})
        ),
    )
    add_output_option(parser, translate("Cli", "a .csv or .xlsx file"))


def _open_label() -> str:
    return translate("Cli", "not finished ({pending} or {rescheduled})").format(
        pending=status_label("pending"), rescheduled=status_label("rescheduled")
    )


def _explained(labels: dict[str, str]) -> str:
    """The values an option takes, each with its label: ``done 已完成, …``."""
    return translate("Cli", ", ").join(f"{code} {label}" for code, label in labels.items())


def _export_run(args: argparse.Namespace) -> int:
    if args.days is not None and args.date is None:
        raise CliError(translate("Cli", "--days needs --date"))
    if args.days is not None and args.days < 1:
        raise CliError(translate("Cli", "--days must be at least 1"))
    agent = documents.agent_by_login(args.agent)
    date_to = None
    if args.date is not None:
        date_to = args.date + dt.timedelta(days=(args.days or 1) - 1)
    flt = TaskFilter(
        assignee_id=agent.id if agent else None,
        kind=args.kind,
        status=args.status,
        date_from=args.date,
        date_to=date_to,
    )
    count = documents.export_tasks(args.output, flt)
    print(translate("Cli", "{file}: {count} callback(s)").format(file=args.output, count=count))
    return 0


def register(registry: Registry) -> None:
    registry.add_print(
        Target(
            "callbacks",
            translate("Cli", "the callback list of a day or a week"),
            _print_arguments,
            _print_run,
        )
    )
    registry.add_export(
        Target(
            "callbacks",
            translate("Cli", "callback tasks with their outcomes"),
            _export_arguments,
            _export_run,
        )
    )
