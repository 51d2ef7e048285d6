"""Command-line targets of the contact register: ``import contacts`` and ``export contacts``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.calls import transfer
from app.cli import Registry, Target, add_import_arguments, import_with, month_option


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    add_import_arguments(parser, "a .csv or .xlsx file with the register's headers")


def run_import(args: argparse.Namespace) -> int:
    report = import_with(transfer.import_contacts, args)
    if report is None:
        return 1
    print(f"imported {report.imported} contact(s)")
    if report.rejected:
        print(
            f"skipped {report.rejected} invalid row(s); see {report.rejects_file}",
            file=sys.stderr,
        )
    return 0


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--month", help="YYYY-MM (default: every month)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="FILE.csv or FILE.xlsx")


def run_export(args: argparse.Namespace) -> int:
    count = transfer.export_contacts(args.output, month_option(args.month) if args.month else None)
    print(f"exported {count} contact(s) to {args.output}")
    return 0


def register(registry: Registry) -> None:
    registry.add_import(
        Target(
            "contacts", "import the contact register from CSV/XLSX", _import_arguments, run_import
        )
    )
    registry.add_export(
        Target("contacts", "export the contact register to CSV/XLSX", _export_arguments, run_export)
    )
