"""Command-line targets of the complaint registry: import, export and the monthly sheet."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli import CliError, Registry, Target, add_import_arguments, import_with, month_option
from app.complaints import labels, sheet, transfer
from app.complaints import registry as complaint_registry
from app.contacts import display_contact


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    add_import_arguments(parser, "a .csv or .xlsx file with the registry's headers")


def run_import(args: argparse.Namespace) -> int:
    report = import_with(transfer.import_complaints, args)
    if report is None:
        return 1
    print(f"imported {report.imported} complaint(s)")
    if report.numbers:
        print(f"numbers {report.numbers[0]} … {report.numbers[-1]}")
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
    count = transfer.export_complaints(
        args.output, month_option(args.month) if args.month else None
    )
    print(f"exported {count} complaint(s) to {args.output}")
    return 0


def _sheet_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--month", required=True, help="YYYY-MM")
    parser.add_argument("-o", "--output", type=Path, required=True, help="FILE.pdf")


def run_sheet(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() != ".pdf":
        raise CliError(f"the output must be a .pdf file: {args.output}")
    path = sheet.print_monthly_sheet(args.output, month_option(args.month))
    print(f"wrote {path}")
    return 0


def _find_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", help="words, a number or its beginning, a name, phone digits")
    parser.add_argument("--month", help="YYYY-MM: only this month's complaints")
    parser.add_argument("--limit", type=int, default=20, help="how many numbers (default 20)")
    parser.add_argument(
        "--json",
        action="store_true",
        help='print {"total": N, "exact": true|false, "numbers": [...], "ms": T}',
    )


def run_find(args: argparse.Namespace) -> int:
    if args.limit < 0:
        raise CliError(f"--limit must be 0 or more: {args.limit}")
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
    print(f"{total} complaint(s) in {found.ms:.0f} ms")
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
        Target("complaints", "import complaints from CSV/XLSX", _import_arguments, run_import)
    )
    registry.add_export(
        Target("complaints", "export complaints to CSV/XLSX", _export_arguments, run_export)
    )
    registry.add_print(
        Target("complaint-sheet", "print the monthly complaint sheet", _sheet_arguments, run_sheet)
    )
    registry.add_find(
        Target("complaints", "search the complaint registry", _find_arguments, run_find)
    )
