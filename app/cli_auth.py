"""The user a command of the command line acts as: one who has authenticated, as in the window.

Every command that writes calls :func:`acting_user` (or :func:`acting_user_unless_first`): the
login and password come from ``KEFU_USER`` and ``KEFU_PASSWORD``, or from ``--user LOGIN`` with
the password typed on the terminal. Without them the command refuses in one line. The user's
permission is checked as in the window, and the audit rows name that user.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from app import auth
from app.errors import KefuError
from app.i18n import translate
from models import User


def add_user_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user",
        metavar="LOGIN",
        help=translate(
            "Cli", "act as this user, who types the password (default: $KEFU_USER, $KEFU_PASSWORD)"
        ),
    )


def credentials(args: argparse.Namespace) -> tuple[str, str]:
    """The login and password: ``--user`` with the password typed (or ``KEFU_PASSWORD`` when
    ``KEFU_USER`` names the same user), else ``KEFU_USER`` and ``KEFU_PASSWORD``."""
    env_user = os.environ.get("KEFU_USER") or None
    login = getattr(args, "user", None) or env_user
    if not login:
        raise KefuError(
            translate(
                "Cli",
                "This command acts as a user: set KEFU_USER and KEFU_PASSWORD, or give "
                "--user LOGIN and type the password.",
            )
        )
    password = os.environ.get("KEFU_PASSWORD")
    if password is None or (env_user is not None and env_user != login):
        password = _typed_password(login)
    return login, password


def _typed_password(login: str) -> str:
    if not sys.stdin.isatty():
        raise KefuError(
            translate("Cli", "No password: set KEFU_PASSWORD or run in a terminal to type it.")
        )
    try:
        return getpass.getpass(translate("Cli", "Password for {login}: ").format(login=login))
    except EOFError:
        print(file=sys.stderr)  # the prompt's line was left open
        raise KefuError(translate("Cli", "No password was typed.")) from None


def acting_user(args: argparse.Namespace, permission: str | None = None) -> User:
    """The authenticated user the command acts as; with ``permission``, one who has it."""
    user = auth.authenticate(*credentials(args))
    if permission is not None:
        auth.require(user, permission)
    return user


def acting_user_unless_first(args: argparse.Namespace, permission: str) -> User | None:
    """As :func:`acting_user`, except on a database without any user yet (None: the command
    creates the first administrator)."""
    if not User.select().exists():
        return None
    return acting_user(args, permission)
