"""Command-line targets of the contact register: ``import contacts`` and ``export contacts``."""

from __future__ import annotations

import argparse
import sys

from app.calls import transfer
from app.cli import Registry, Target, add_import_arguments, import_with, month_option
from app.cli_language import add_output_option
from app.i18n import translate


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    add_import_arguments(
        parser, translate("Cli", "a .csv or .xlsx file with the register's headers")
    )


def run_import(args: argparse.Namespace) -> int:
    report = import_with(transfer.import_contacts, args)
    if report is None:
        return 1
    print(translate("Cli", "imported {count} contact(s)").format(count=report.imported))
    if report.rejected:
        skipped = translate("Cli", "skipped {count} invalid row(s); see {file}")
        print(skipped.format(count=report.rejected, file=report.rejects_file), file=sys.stderr)
    return 0


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--month", metavar="YYYY-MM", help=translate("Cli", "the month (default: every month)")
    )
    add_output_option(parser, translate("Cli", "FILE.csv or FILE.xlsx"))


def run_export(args: argparse.Namespace) -> int:
    count = transfer.export_contacts(args.output, month_option(args.month) if args.month else None)
    print(
        translate("Cli", "exported {count} contact(s) to {file}").format(
            count=count, file=args.output
        )
    )
    return 0


def register(registry: Registry) -> None:
    registry.add_import(
        Target(
            "contacts",
            translate("Cli", "import the contact register from CSV/XLSX"),
            _import_arguments,
            run_import,
        )
    )
    registry.add_export(
        Target(
            "contacts",
            translate("Cli", "export the contact register to CSV/XLSX"),
            _export_arguments,
            run_export,
        )
    )
