"""Command-line targets of this feature: ``import customers``, ``export customers`` and
``print customer-card``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli import Registry, Target, add_import_arguments
from app.cli_auth import acting_user


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    add_import_arguments(parser, "a .csv (UTF-8) or .xlsx file")


def _run_import(args: argparse.Namespace) -> int:
    from app.customers.transfer import import_customers
    from app.tabular import AGAIN_HINT, AlreadyImported

    try:  # a refused file (ImportFailed) is told by the command line's one-line errors
        result = import_customers(
            acting_user(args), args.file, skip_invalid=args.skip_invalid, again=args.again
        )
    except AlreadyImported as exc:
        print(f"error: {exc} {AGAIN_HINT}", file=sys.stderr)
        return 1
    print(result.summary())
    return 0


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", type=Path, required=True, help="FILE.csv or FILE.xlsx")


def _run_export(args: argparse.Namespace) -> int:
    from app.customers.transfer import export_customers

    count = export_customers(args.output)
    print(f"exported {count} customer(s) to {args.output}")
    return 0


def _card_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--id", type=int, required=True, help="the customer's number")
    parser.add_argument("-o", "--output", type=Path, required=True, help="FILE.pdf")


def _run_card(args: argparse.Namespace) -> int:
    from app.customers.card import print_customer_card

    path = print_customer_card(args.id, args.output)
    print(f"wrote {path}")
    return 0


def register(registry: Registry) -> None:
    registry.add_import(
        Target("customers", "customers from CSV/XLSX", _import_arguments, _run_import)
    )
    registry.add_export(
        Target("customers", "customers to CSV/XLSX", _export_arguments, _run_export)
    )
    registry.add_print(
        Target("customer-card", "a customer's archive card (PDF)", _card_arguments, _run_card)
    )
