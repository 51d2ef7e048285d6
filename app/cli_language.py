"""The command line in the user's language: argparse's own messages (usage, help headings, its
errors) go through the project's translation, and every error line starts with the translated
prefix (``错误：`` in Chinese, ``error: `` in English)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from app.i18n import QT_TRANSLATE_NOOP, translate

CONTEXT = "Argparse"

# the messages of Python's argparse a user can meet, marked for translation in CONTEXT (argparse
# looks them up through gettext; :func:`translated_argparse` hands them to the Qt translation)
ARGPARSE_MESSAGES = (
    QT_TRANSLATE_NOOP("Argparse", "usage: "),
    QT_TRANSLATE_NOOP("Argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("Argparse", "options"),
    QT_TRANSLATE_NOOP("Argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("Argparse", "%(prog)s: error: %(message)s"),
    QT_TRANSLATE_NOOP("Argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("Argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("Argparse", "one of the arguments %s is required"),
    QT_TRANSLATE_NOOP("Argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("Argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("Argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("Argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("Argparse", "expected at most one argument"),
    QT_TRANSLATE_NOOP("Argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("Argparse", "expected %s argument"),
    QT_TRANSLATE_NOOP("Argparse", "expected %s arguments"),
    QT_TRANSLATE_NOOP("Argparse", "not allowed with argument %s"),
    QT_TRANSLATE_NOOP("Argparse", "ignored explicit argument %r"),
    QT_TRANSLATE_NOOP("Argparse", "ambiguous option: %(option)s could match %(matches)s"),
    QT_TRANSLATE_NOOP("Argparse", "unexpected option string: %s"),
)


def _gettext(text: str | None) -> str | None:
    if text is None:  # argparse asks for a missing description too
        return None
    body = text.rstrip("\n")  # "%(prog)s: error: %(message)s\n": the message without its newline
    return translate(CONTEXT, body) + text[len(body) :]


def _ngettext(singular: str, plural: str, n: int) -> str:
    return translate(CONTEXT, singular if n == 1 else plural)


@contextmanager
def translated_argparse() -> Iterator[None]:
    """While inside, argparse's own messages are in the loaded language."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` (and its subcommands') speaking the loaded language: its headings,
    usage line, help option and errors are translated where argparse makes them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with translated_argparse():  # the "options" heading and the --help option's help
            super().__init__(*args, **kwargs)

    def add_subparsers(self, *args: Any, **kwargs: Any) -> Any:
        with translated_argparse():
            return super().add_subparsers(*args, **kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        with translated_argparse():  # "unrecognized arguments" is said here
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        with translated_argparse():
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        with translated_argparse():
            return super().format_usage()

    def format_help(self) -> str:
        with translated_argparse():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with translated_argparse():
            super().error(message)


def error_line(message: object) -> str:
    """``message`` as the one line of a failed command: ``错误：…`` / ``error: …``."""
    return translate("Cli", "error: {message}").format(message=message)


def warning_line(message: object) -> str:
    return translate("Cli", "warning: {message}").format(message=message)


def whole_number(text: str) -> int:
    """An option's whole number (``--seed 3``), refused by argparse in the user's words."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("Cli", "not a whole number: {text}").format(text=text)
        ) from None
