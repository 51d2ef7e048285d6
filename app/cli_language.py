"""The command line in the user's language: argparse's own messages (usage, help headings, its
errors) go through the project's translation, and every error line starts with the translated
prefix (``错误：`` in Chinese, ``error: `` in English)."""

from __future__ import annotations

import argparse
import functools
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from app.i18n import QT_TRANSLATE_NOOP, translate
from models.db import DatabaseUrlError, check_url

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


def columns(text: str) -> int:
    """How many terminal columns ``text`` takes (a Chinese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


NO_LINE_START = set("，。、；：？！）》」』”’%")
NO_LINE_END = set("（《「『“‘")


@functools.cache
def _pieces() -> re.Pattern[str]:
    """A Chinese character, or a run of others: compiled when help is first wrapped (the two
    ranges of 53,000 characters take 3-5 ms to compile, which every start would pay)."""
    return re.compile(r"[\u2e80-\uffff]|[^\u2e80-\uffff]+")


def _breakable(before: str, after: str) -> bool:
    """A line may end between these pieces of one word: between Chinese characters, or after a
    Chinese mark, but never inside ASCII (``postgresql://用户:密码@主机``), before a closing mark
    or after an opening one."""
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    return before in NO_LINE_START or (columns(before) == 2 and columns(after) == 2)


def _units(text: str) -> list[tuple[str, bool]]:
    """The pieces a line may end after, each with whether a space comes before it."""
    units: list[tuple[str, bool]] = []
    for number, word in enumerate(text.split()):
        pieces = _pieces().findall(word)
        current, spaced = pieces[0], number > 0
        address = "://" in current  # an address stays whole, up to a Chinese mark
        for before, after in zip(pieces, pieces[1:], strict=False):
            starts = "://" in after
            address = starts or (address and after not in "（，。、；")
            if (starts or not address) and _breakable(before, after):
                units.append((current, spaced))
                current, spaced = after, False
            else:
                current += after
        units.append((current, spaced))
    return units


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns (a longer piece alone on its line), broken
    at spaces or between Chinese characters."""
    lines: list[str] = []
    line = ""
    for unit, spaced in _units(text):
        joined = line + (" " if spaced and line else "") + unit
        if line and columns(joined) > width:
            lines.append(line)
            line = unit
        else:
            line = joined
    if line:
        lines.append(line)
    return lines


class Formatter(argparse.HelpFormatter):
    """Help wrapped by the columns the text takes, so Chinese lines fit the terminal; a Chinese
    heading ends with a full-width colon."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))

    def _format_usage(self, usage: Any, actions: Any, groups: Any, prefix: Any) -> str:
        if prefix is None:
            prefix = translate(CONTEXT, "usage: ")
        stand_in = "\0" * columns(prefix)  # as wide as the prefix, so the lines wrap to fit
        return super()._format_usage(usage, actions, groups, stand_in).replace(stand_in, prefix, 1)

    def format_help(self) -> str:
        text = super().format_help()
        return re.sub(r"^(\S[^\n]*[\u4e00-\u9fff]):$", "\\1：", text, flags=re.M)


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` (and its subcommands') speaking the loaded language: its headings,
    usage line, help option and errors are translated where argparse makes them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
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


def database_url(text: str) -> str:
    """A database given on the command line (``--db``, ``restore --to``): a file path,
    ``sqlite:///path`` or ``postgresql://…``; anything else is refused by argparse in the user's
    words (exit status 2), before it could be taken for a file's name."""
    try:
        return check_url(text)
    except DatabaseUrlError as exc:
        # said as app.startup.url_problem says it (that module's imports reach back here)
        problem = translate("Database", exc.template).format(**exc.values)
        raise argparse.ArgumentTypeError(problem) from None


def add_output_option(
    parser: argparse.ArgumentParser, help_text: str, *, metavar: str = "FILE"
) -> None:
    """The ``-o/--output`` a command writes to (required)."""
    parser.add_argument("-o", "--output", type=Path, required=True, metavar=metavar, help=help_text)
