"""Command-line targets: ``print callbacks`` (回访清单) and ``export callbacks``."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from app.callbacks import documents
from app.callbacks.service import KINDS, STATUSES, TaskFilter
from app.cli import CliError, Registry, Target


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


def _print_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", type=_date, required=True, help="first day, YYYY-MM-DD")
    parser.add_argument("--days", type=int, default=1, help="how many days (7 for a week)")
    parser.add_argument("--agent", help="only this agent's callbacks (login)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the PDF to write")


def _print_run(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() != ".pdf":
        raise CliError("the output file must end in .pdf")
    agent = documents.agent_by_login(args.agent)
    count = documents.print_list(args.output, args.date, args.days, agent)
    print(f"{args.output}: {count} callback(s)")
    return 0


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", type=_date, help="first due day, YYYY-MM-DD")
    parser.add_argument("--days", type=int, help="how many days from --date (default: 1)")
    parser.add_argument("--agent", help="only this agent's callbacks (login)")
    parser.add_argument("--status", choices=(*STATUSES, "open"), help="only this status")
    parser.add_argument("--kind", choices=KINDS, help="only this kind")
    parser.add_argument("-o", "--output", type=Path, required=True, help="a .csv or .xlsx file")


def _export_run(args: argparse.Namespace) -> int:
    if args.days is not None and args.date is None:
        raise CliError("--days needs --date")
    if args.days is not None and args.days < 1:
        raise CliError("--days must be at least 1")
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
    print(f"{args.output}: {count} callback(s)")
    return 0


def register(registry: Registry) -> None:
    registry.add_print(
        Target(
            "callbacks",
            "the callback list of a day or a week (回访清单)",
            _print_arguments,
            _print_run,
        )
    )
    registry.add_export(
        Target("callbacks", "callback tasks with their outcomes", _export_arguments, _export_run)
    )
