"""Command-line targets of the roster: print the month's roster and a swap form, export swaps."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import CliError, Registry, Target, month_option
from app.cli_language import add_output_option, whole_number
from app.i18n import translate
from app.roster import documents


def _month(text: str) -> tuple[int, int]:
    month = month_option(text)
    return month.year, month.month


def _pdf(path: Path) -> Path:
    if path.suffix.lower() != ".pdf":
        raise CliError(translate("Cli", "the output must be a .pdf file: {file}").format(file=path))
    return path


def _roster_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--month", required=True, metavar="YYYY-MM", help=translate("Cli", "the month")
    )
    add_output_option(parser, translate("Cli", "FILE.pdf"))


def run_roster(args: argparse.Namespace) -> int:
    year, month = _month(args.month)
    path = documents.print_roster(year, month, _pdf(args.output))
    print(translate("Cli", "wrote {file}").format(file=path))
    return 0


def _swap_form_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--id",
        type=whole_number,
        required=True,
        metavar="N",
        help=translate("Cli", "the swap's number"),
    )
    add_output_option(parser, translate("Cli", "FILE.pdf"))


def run_swap_form(args: argparse.Namespace) -> int:
    path = documents.print_swap_form(args.id, _pdf(args.output))
    print(translate("Cli", "wrote {file}").format(file=path))
    return 0


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--month", metavar="YYYY-MM", help=translate("Cli", "the month (default: every month)")
    )
    add_output_option(parser, translate("Cli", "FILE.csv or FILE.xlsx"))


def run_export(args: argparse.Namespace) -> int:
    year, month = _month(args.month) if args.month else (None, None)
    count = documents.export_swaps(args.output, year, month)
    print(
        translate("Cli", "exported {count} swap(s) to {file}").format(count=count, file=args.output)
    )
    return 0


def register(registry: Registry) -> None:
    registry.add_print(
        Target(
            "roster",
            translate("Cli", "the duty roster of a month (PDF)"),
            _roster_arguments,
            run_roster,
        )
    )
    registry.add_print(
        Target(
            "swap-form",
            translate("Cli", "a shift swap registration form (PDF)"),
            _swap_form_arguments,
            run_swap_form,
        )
    )
    registry.add_export(
        Target("swaps", translate("Cli", "shift swaps to CSV/XLSX"), _export_arguments, run_export)
    )
