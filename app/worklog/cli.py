"""Command-line target of the work log: ``print work-summary`` (工作月报)."""

from __future__ import annotations

import argparse

from app.cli import CliError, Registry, Target, month_option
from app.cli_language import add_output_option
from app.i18n import translate
from app.worklog import documents


def _print_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--month", required=True, metavar="YYYY-MM", help=translate("Cli", "the month")
    )
    parser.add_argument(
        "--agent",
        metavar="LOGIN",
        help=translate("Cli", "only this agent (login); default: every agent"),
    )
    add_output_option(parser, translate("Cli", "FILE.pdf"))


def _print_run(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() != ".pdf":
        raise CliError(
            translate("Cli", "the output must be a .pdf file: {file}").format(file=args.output)
        )
    month = month_option(args.month)
    agent = documents.agent_by_login(args.agent)
    count = documents.print_work_summary(args.output, month, agent)
    print(translate("Cli", "wrote {file}: {count} agent(s)").format(file=args.output, count=count))
    return 0


def register(registry: Registry) -> None:
    registry.add_print(
        Target(
            "work-summary",
            translate("Cli", "the month's work summary of one agent or of every agent"),
            _print_arguments,
            _print_run,
        )
    )
