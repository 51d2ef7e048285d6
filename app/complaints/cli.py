"""Command-line targets of the complaint registry: import, export and the monthly sheet."""

from __future__ import annotations

import argparse
import json
import sys

from app.cli import CliError, Registry, Target, add_import_arguments, import_with, month_option
from app.cli_language import add_output_option, whole_number
from app.complaints import labels, sheet, transfer
from app.complaints import registry as complaint_registry
from app.contacts import display_contact
from app.i18n import translate


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    add_import_arguments(
        parser, translate("Cli", "a .csv or .xlsx file with the registry's headers")
    )


def run_import(args: argparse.Namespace) -> int:
    report = import_with(transfer.import_complaints, args)
    if report is None:
        return 1
    print(translate("Cli", "imported {count} complaint(s)").format(count=report.imported))
    if report.numbers:
        print(
            translate("Cli", "numbers {first} … {last}").format(
                first=report.numbers[0], last=report.numbers[-1]
            )
        )
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
    count = transfer.export_complaints(
        args.output, month_option(args.month) if args.month else None
    )
    print(
        translate("Cli", "exported {count} complaint(s) to {file}").format(
            count=count, file=args.output
        )
    )
    return 0


def _sheet_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--month", required=True, metavar="YYYY-MM", help=translate("Cli", "the month")
    )
    add_output_option(parser, translate("Cli", "FILE.pdf"))


def run_sheet(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() != ".pdf":
        raise CliError(
            translate("Cli", "the output must be a .pdf file: {file}").format(file=args.output)
        )
    path = sheet.print_monthly_sheet(args.output, month_option(args.month))
    print(translate("Cli", "wrote {file}").format(file=path))
    return 0


def _find_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "text",
        metavar="TEXT",
        help=translate("Cli", "words, a number or its beginning, a name, phone digits"),
    )
    parser.add_argument(
        "--month", metavar="YYYY-MM", help=translate("Cli", "only this month's complaints")
    )
    parser.add_argument(
        "--limit",
        type=whole_number,
        default=20,
        metavar="N",
        help=translate("Cli", "how many numbers (default 20)"),
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help=translate("Cli", 'print {"total": N, "exact": true|false, "numbers": [...], "ms": T}'),
    )


def run_find(args: argparse.Namespace) -> int:
    if args.limit < 0:
        raise CliError(
            translate("Cli", "--limit must be 0 or more: {limit}").format(limit=args.limit)
        )
    month = month_option(args.month) if args.month else None
    found = complaint_registry.find(args.text, month=month, limit=args.limit)
    if args.json:
        print(
            json.dumps(
                {
                    "total": found.total,
                    "exact": found.exact,
                    "numbers": [row["number"] for row in found.rows],
                    "ms": round(found.ms, 1),
                },
                ensure_ascii=False,
            )
        )
        return 0
    total = str(found.total) if found.exact else f"> {found.total}"
    print(
        translate("Cli", "{total} complaint(s) in {ms} ms").format(
            total=total, ms=f"{found.ms:.0f}"
        )
    )
    for row in found.rows:
        print(
            "  ".join(
                (
                    row["number"],
                    f"{row['received_at']:%Y-%m-%d %H:%M}",
                    labels.status_label(row["status"]),
                    row["complainant"],
                    display_contact(row["contact"]),
                    " ".join(row["preview"].split())[:40],
                )
            )
        )
    return 0


def register(registry: Registry) -> None:
    registry.add_import(
        Target(
            "complaints",
            translate("Cli", "import complaints from CSV/XLSX"),
            _import_arguments,
            run_import,
        )
    )
    registry.add_export(
        Target(
            "complaints",
            translate("Cli", "export complaints to CSV/XLSX"),
            _export_arguments,
            run_export,
        )
    )
    registry.add_print(
        Target(
            "complaint-sheet",
            translate("Cli", "print the monthly complaint sheet"),
            _sheet_arguments,
            run_sheet,
        )
    )
    registry.add_find(
        Target(
            "complaints",
            translate("Cli", "search the complaint registry"),
            _find_arguments,
            run_find,
        )
    )
