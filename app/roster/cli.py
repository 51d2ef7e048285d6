"""Command-line targets of the roster: print the month's roster and a swap form, export swaps."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import CliError, Registry, Target, month_option
from app.roster import documents


def _month(text: str) -> tuple[int, int]:
    month = month_option(text)
    return month.year, month.month


def _pdf(path: Path) -> Path:
    if path.suffix.lower() != ".pdf":
        raise CliError(f"the output must be a .pdf file: {path}")
    return path


def _roster_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--month", required=True, help="YYYY-MM")
    parser.add_argument("-o", "--output", type=Path, required=True, help="FILE.pdf")


def run_roster(args: argparse.Namespace) -> int:
    year, month = _month(args.month)
    path = documents.print_roster(year, month, _pdf(args.output))
    print(f"wrote {path}")
    return 0


def _swap_form_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--id", type=int, required=True, help="the swap's number")
    parser.add_argument("-o", "--output", type=Path, required=True, help="FILE.pdf")


def run_swap_form(args: argparse.Namespace) -> int:
    path = documents.print_swap_form(args.id, _pdf(args.output))
    print(f"wrote {path}")
    return 0


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--month", help="YYYY-MM (default: every month)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="FILE.csv or FILE.xlsx")


def run_export(args: argparse.Namespace) -> int:
    year, month = _month(args.month) if args.month else (None, None)
    count = documents.export_swaps(args.output, year, month)
    print(f"exported {count} swap(s) to {args.output}")
    return 0


def register(registry: Registry) -> None:
    registry.add_print(
        Target("roster", "the duty roster of a month (PDF)", _roster_arguments, run_roster)
    )
    registry.add_print(
        Target(
            "swap-form", "a shift swap registration form (PDF)", _swap_form_arguments, run_swap_form
        )
    )
    registry.add_export(Target("swaps", "shift swaps to CSV/XLSX", _export_arguments, run_export))
