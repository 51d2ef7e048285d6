"""Command-line targets of this feature: ``import customers``, ``export customers`` and
``print customer-card``."""

from __future__ import annotations

import argparse
import sys

from app.cli import Registry, Target, add_import_arguments
from app.cli_auth import acting_user
from app.cli_language import add_output_option, error_line, whole_number
from app.i18n import translate


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    add_import_arguments(parser, translate("Cli", "a .csv (UTF-8) or .xlsx file"))


def _run_import(args: argparse.Namespace) -> int:
    from app.customers.transfer import import_customers
    from app.tabular import AGAIN_HINT, AlreadyImported

    try:  # a refused file (ImportFailed) is told by the command line's one-line errors
        result = import_customers(
            acting_user(args), args.file, skip_invalid=args.skip_invalid, again=args.again
        )
    except AlreadyImported as exc:
        print(error_line(f"{exc} {translate('Cli', AGAIN_HINT)}"), file=sys.stderr)
        return 1
    print(result.summary())
    return 0


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    add_output_option(parser, translate("Cli", "FILE.csv or FILE.xlsx"))


def _run_export(args: argparse.Namespace) -> int:
    from app.customers.transfer import export_customers

    count = export_customers(args.output)
    print(
        translate("Cli", "exported {count} customer(s) to {file}").format(
            count=count, file=args.output
        )
    )
    return 0


def _card_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--id",
        type=whole_number,
        required=True,
        metavar="N",
        help=translate("Cli", "the customer's number"),
    )
    add_output_option(parser, translate("Cli", "FILE.pdf"))


def _run_card(args: argparse.Namespace) -> int:
    from app.customers.card import print_customer_card

    path = print_customer_card(args.id, args.output)
    print(translate("Cli", "wrote {file}").format(file=path))
    return 0


def register(registry: Registry) -> None:
    registry.add_import(
        Target(
            "customers",
            translate("Cli", "customers from CSV/XLSX"),
            _import_arguments,
            _run_import,
        )
    )
    registry.add_export(
        Target(
            "customers", translate("Cli", "customers to CSV/XLSX"), _export_arguments, _run_export
        )
    )
    registry.add_print(
        Target(
            "customer-card",
            translate("Cli", "a customer's archive card (PDF)"),
            _card_arguments,
            _run_card,
        )
    )
