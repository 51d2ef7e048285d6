"""The command line: one parser for ``main.py``, with targets for import, export and print that
each feature registers from its own ``cli`` module."""

from __future__ import annotations

import argparse
import getpass
import importlib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import peewee

from app.backup import cli as backup_cli
from app.cli_auth import acting_user, acting_user_unless_first, add_user_option
from app.clock import Month
from app.errors import KefuError
from app.i18n import DEFAULT_LANGUAGE, LANGUAGES, install_language, translate
from app.startup import damaged_error, open_desk
from models import User
from models.db import DatabaseUrlError, first_line, resolve_url

T = TypeVar("T")

FEATURE_CLI_MODULES = (
    "app.complaints.cli",
    "app.customers.cli",
    "app.roster.cli",
    "app.callbacks.cli",
    "app.calls.cli",
    "app.worklog.cli",
    "app.reports",
)


class CliError(KefuError):
    """A user's mistake on the command line: printed as one line, exit status 1."""


@dataclass
class Target:
    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


@dataclass
class Registry:
    imports: dict[str, Target] = field(default_factory=dict)
    exports: dict[str, Target] = field(default_factory=dict)
    prints: dict[str, Target] = field(default_factory=dict)
    finds: dict[str, Target] = field(default_factory=dict)

    def add_import(self, target: Target) -> None:
        self.imports[target.name] = target

    def add_export(self, target: Target) -> None:
        self.exports[target.name] = target

    def add_print(self, target: Target) -> None:
        self.prints[target.name] = target

    def add_find(self, target: Target) -> None:
        self.finds[target.name] = target


def month_option(text: str) -> Month:
    """The value of ``--month YYYY-MM``; a mistake is a :class:`CliError` (one line, exit 1)."""
    try:
        return Month.parse(text)
    except ValueError:
        raise CliError(
            translate("Cli", "not a month (use YYYY-MM): {text}").format(text=text)
        ) from None


def month_argument(text: str) -> Month:
    """``--month YYYY-MM`` checked by argparse itself (usage and exit status 2 on a mistake)."""
    try:
        return month_option(text)
    except CliError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def size_argument(text: str) -> tuple[int, int]:
    """``--size WIDTHxHEIGHT`` (e.g. ``1366x768``), checked by argparse itself."""
    match = re.fullmatch(r"\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(
            translate("Cli", "{text!r} is not a size: write WIDTHxHEIGHT, e.g. 1366x768").format(
                text=text
            )
        )
    return int(match.group(1)), int(match.group(2))


def add_import_arguments(parser: argparse.ArgumentParser, file_help: str) -> None:
    """The arguments of every ``import`` target: the file, who acts, --skip-invalid, --again."""
    parser.add_argument("file", type=Path, help=file_help)
    add_user_option(parser)
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the valid rows; write the invalid ones to FILE.rejects.csv",
    )
    parser.add_argument(
        "--again", action="store_true", help="import a file that was imported before once more"
    )


def import_with(importer: Callable[..., T], args: argparse.Namespace) -> T | None:
    """Run an import as the acting user; a refused file is told on stderr and gives None."""
    from app.tabular import AGAIN_HINT, AlreadyImported, ImportFailed

    try:
        return importer(
            acting_user(args), args.file, skip_invalid=args.skip_invalid, again=args.again
        )
    except ImportFailed as exc:
        print(str(exc), file=sys.stderr)
    except AlreadyImported as exc:
        print(f"error: {exc} {AGAIN_HINT}", file=sys.stderr)
    return None


def feature_registry() -> Registry:
    registry = Registry()
    for module_name in FEATURE_CLI_MODULES:
        module = importlib.import_module(module_name)
        module.register(registry)
    return registry


def add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help="database: a file path, sqlite:///path or postgresql://user:pass@host:port/db "
        "(default: $KEFU_DB, else kefu.sqlite3 in the user's data folder)",
    )
    parser.add_argument(
        "--lang", default=argparse.SUPPRESS, choices=LANGUAGES, help="zh_CN (default) or en"
    )


def build_parser(registry: Registry) -> argparse.ArgumentParser:
    prog = "KefuDesk" if getattr(sys, "frozen", False) else "main.py"
    parser = argparse.ArgumentParser(prog=prog, description="Kefu Desk 客服台")
    add_common(parser)
    parser.add_argument(
        "--check-startup",
        action="store_true",
        help="open the GUI logged in as $KEFU_USER/$KEFU_PASSWORD, print the start-up time, exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("init", help="create or upgrade the database schema")
    add_common(p)
    p.add_argument("--company", help="company name (first run)")
    p.add_argument("--admin", default="admin", help="the administrator's login (first run)")
    p.add_argument("--password-file", type=Path, help="file holding the administrator's password")
    add_user_option(p)

    p = sub.add_parser("demo", help="fill the database with demo data")
    add_common(p)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--customers", type=int, default=500)
    p.add_argument("--complaints", type=int, default=2000)
    p.add_argument("--months", type=int, default=6)
    p.add_argument("--agents", type=int, default=6)
    p.add_argument(
        "--force",
        action="store_true",
        help="add the demo data even though the database already holds customers or complaints",
    )
    add_user_option(p)

    p = sub.add_parser("user", help="manage users")
    add_common(p)
    user_sub = p.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    u = user_sub.add_parser("add", help="add a user")
    add_common(u)
    u.add_argument("login")
    u.add_argument("--role", required=True, choices=("agent", "manager", "admin"))
    u.add_argument("--name", required=True)
    u.add_argument("--employee-no", required=True)
    u.add_argument("--password-file", type=Path)
    add_user_option(u)

    p = sub.add_parser("report", help="the figures of a month (the reports page's)")
    add_common(p)
    p.add_argument("--month", required=True, type=month_argument, help="YYYY-MM")
    p.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object (rates as fractions, hours with two decimals)",
    )

    backup_cli.add_commands(sub, add_common)

    p = sub.add_parser("screenshots", help="save one PNG per main screen")
    add_common(p)
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument(
        "--size",
        type=size_argument,
        default=None,
        metavar="WIDTHxHEIGHT",
        help="the screen to render on, e.g. 1366x768 (default: a 1400x860 window)",
    )

    for verb, targets, helptext in (
        ("import", registry.imports, "import records from CSV or XLSX"),
        ("export", registry.exports, "export records to CSV or XLSX"),
        ("print", registry.prints, "print a document to PDF"),
        ("find", registry.finds, "search records (reads only)"),
    ):
        p = sub.add_parser(verb, help=helptext)
        add_common(p)
        target_sub = p.add_subparsers(dest="target", metavar="WHAT", required=True)
        for target in targets.values():
            t = target_sub.add_parser(target.name, help=target.help)
            add_common(t)
            target.add_arguments(t)
            t.set_defaults(run=target.run)
    return parser


def read_password(password_file: Path | None, prompt: str) -> str:
    if password_file is not None:
        try:
            password = password_file.read_text(encoding="utf-8").strip("\r\n")
        except OSError as exc:
            raise CliError(
                f"cannot read the password file {password_file}: {exc.strerror}"
            ) from exc
        return password
    if not sys.stdin.isatty():
        raise CliError("no password: give --password-file, or run in a terminal to type it")
    try:
        first = getpass.getpass(prompt)
        again = getpass.getpass("Again / 再输入一次: ")
    except EOFError:
        print(file=sys.stderr)  # the prompt's line was left open
        raise CliError("no password given") from None
    if again != first:
        raise CliError("the two passwords differ")
    return first


def require_schema() -> None:
    from models.migrations import LATEST, current_version

    version = current_version()
    if version == 0:
        raise CliError("the database has no Kefu Desk schema: run `main.py init` first")
    if version < LATEST:
        raise CliError(f"the database schema is version {version}: run `main.py init` to upgrade")


def cmd_init(args: argparse.Namespace) -> int:
    from app import setup
    from models.migrations import current_version

    before = current_version()
    password = None
    if not User.table_exists() or not User.select().exists():
        password = read_password(args.password_file, "Administrator password / 管理员密码: ")
    else:  # a database in use: only its administrator upgrades it
        acting_user(args, "database.manage")

    def progress(done: int, total: int) -> None:
        if total:
            print(f"building the search index: {done}/{total}", file=sys.stderr, flush=True)

    version = setup.initialise(
        company=args.company, admin_login=args.admin, admin_password=password, progress=progress
    )
    from app.backup.service import backup_folder_state

    folder, problem = backup_folder_state()
    if folder is not None and problem is not None:
        print(f"warning: backups cannot be written to {folder}: {problem}", file=sys.stderr)
    if before == 0:
        print(f"created the schema, version {version}")
    elif before < version:
        print(f"upgraded the schema from version {before} to {version}")
    else:
        print(f"schema version {version}, nothing to do")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from app import demo

    require_schema()
    actor = acting_user(args, "users.manage")
    summary = demo.fill(
        actor,
        force=args.force,
        seed=args.seed,
        customers=args.customers,
        complaints=args.complaints,
        months=args.months,
        agents=args.agents,
        report=lambda line: print(line, flush=True),
    )
    print(summary)
    return 0


def cmd_user(args: argparse.Namespace) -> int:
    from app import auth

    require_schema()
    admin = acting_user_unless_first(args, "users.manage")
    password = read_password(args.password_file, f"Password for {args.login} / 密码: ")
    user = auth.create_user(
        admin,
        args.login,
        name=args.name,
        employee_no=args.employee_no,
        role=args.role,
        password=password,
    )
    print(f"added {user.login} ({user.role}, {user.employee_no})")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from app import figures

    if args.json:
        print(figures.report_json(args.month))
        return 0
    computed = figures.compute(args.month)
    print(args.month)
    for row in figures.rows(computed, figures.SUMMARY):
        print(f"{row.label}: {row.value}")
    for f in figures.figures_for(figures.JSON):
        if f.kind == figures.BREAKDOWN:
            print(f"{f.title()}:")
            for code, n in computed[f.key].items():
                print(f"  {figures.breakdown_label(f.key, code)}: {n}")
    return 0


@dataclass
class Invocation:
    """What the command line asked for: the parsed arguments, the database and the language."""

    args: argparse.Namespace
    db_url: str
    language: str | None  # as given with --lang; the window falls back to the remembered one

    @property
    def wants_window(self) -> bool:
        """The window (or its screenshots), which ``main.py`` starts; the rest runs here."""
        return self.args.command is None or self.args.command == "screenshots"


# the commands whose targets the features register (their modules load PDF and spreadsheet
# libraries, which the window's start does without)
TARGET_VERBS = ("import", "export", "print", "find")


def parse(argv: list[str] | None = None) -> Invocation:
    words = sys.argv[1:] if argv is None else argv
    wanted = any(word in TARGET_VERBS for word in words)
    registry = feature_registry() if wanted else Registry()
    parser = build_parser(registry)
    args = parser.parse_args(argv)
    return Invocation(args, resolve_url(getattr(args, "db", None)), getattr(args, "lang", None))


def one_line_errors(run: Callable[[], int]) -> int:
    """Run a command; a user's mistake or an unreachable database is one line on stderr."""
    try:
        return run()
    except (KefuError, DatabaseUrlError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except FileNotFoundError as exc:
        print(f"error: file not found: {exc.filename}", file=sys.stderr)
        return 1
    except (peewee.OperationalError, peewee.InterfaceError, peewee.ProgrammingError) as exc:
        print(f"error: database: {first_line(exc)}", file=sys.stderr)
        return 1
    except peewee.DatabaseError as exc:
        damaged = damaged_error(exc)
        if damaged is None:
            raise
        print(f"error: {damaged}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def run(invocation: Invocation) -> int:
    """Run a command of the command line (not the window)."""
    args = invocation.args
    if invocation.wants_window:
        print("error: the window is started by main.py", file=sys.stderr)
        return 2

    def command() -> int:
        install_language(invocation.language or DEFAULT_LANGUAGE)
        if args.command in backup_cli.COMMANDS:  # they open the database their own way
            return backup_cli.run(args, invocation.db_url)
        open_desk(invocation.db_url)
        if args.command == "init":
            return cmd_init(args)
        require_schema() if args.command != "user" else None
        if args.command == "demo":
            return cmd_demo(args)
        if args.command == "user":
            return cmd_user(args)
        if args.command == "report":
            return cmd_report(args)
        return int(args.run(args))

    return one_line_errors(command)


def main(argv: list[str] | None = None) -> int:
    """The command line's commands (``main.py`` also starts the window)."""
    return run(parse(argv))


_ = translate  # messages on the command line are printed in the language chosen with --lang
