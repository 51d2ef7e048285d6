"""Command-line target of the work log: ``print work-summary`` (工作月报)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import CliError, Registry, Target, month_option
from app.worklog import documents


def _print_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--month", required=True, help="YYYY-MM")
    parser.add_argument("--agent", help="only this agent (login); default: every agent")
    parser.add_argument("-o", "--output", type=Path, required=True, help="FILE.pdf")


def _print_run(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() != ".pdf":
        raise CliError(f"the output must be a .pdf file: {args.output}")
    month = month_option(args.month)
    agent = documents.agent_by_login(args.agent)
    count = documents.print_work_summary(args.output, month, agent)
    print(f"wrote {args.output}: {count} agent(s)")
    return 0


def register(registry: Registry) -> None:
    registry.add_print(
        Target(
            "work-summary",
            "the month's work summary of one agent or of every agent (工作月报)",
            _print_arguments,
            _print_run,
        )
    )
