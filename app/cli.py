"""The command line: one parser for ``main.py``, with targets for import, export and print that
each feature registers from its own ``cli`` module."""

from __future__ import annotations

import argparse
import getpass
import importlib
import re
import sys
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import peewee

from app.backup import cli as backup_cli
from app.cli_auth import acting_user, acting_user_unless_first, add_user_option
from app.cli_language import (
    Parser,
    add_output_option,
    database_url,
    error_line,
    warning_line,
    whole_number,
)
from app.clock import Month
from app.errors import KefuError
from app.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    QT_TRANSLATE_NOOP,
    install_language,
    language_asked,
    translate,
)
from app.startup import damaged_error, open_desk, url_problem
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
    parser.add_argument("file", type=Path, metavar="FILE", help=file_help)
    add_user_option(parser)
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help=translate("Cli", "import the valid rows; write the invalid ones to FILE.rejects.csv"),
    )
    parser.add_argument(
        "--again",
        action="store_true",
        help=translate("Cli", "import a file that was imported before once more"),
    )


def import_with(importer: Callable[..., T], args: argparse.Namespace) -> T | None:
    """Run an import as the acting user; a refused file is told on stderr and gives None."""
    from app.tabular import AGAIN_HINT, AlreadyImported, ImportFailed

    try:
        return importer(
            acting_user(args), args.file, skip_invalid=args.skip_invalid, again=args.again
        )
    except ImportFailed as exc:
        print(error_line(exc), file=sys.stderr)
    except AlreadyImported as exc:
        print(error_line(f"{exc} {translate('Cli', AGAIN_HINT)}"), file=sys.stderr)
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
        type=database_url,
        help=translate(
            "Cli",
            "database: a file path, sqlite:///path or postgresql://user:pass@host:port/db "
            "(default: $KEFU_DB, else kefu.sqlite3 in the user's data folder)",
        ),
    )
    parser.add_argument(
        "--lang",
        default=argparse.SUPPRESS,
        choices=LANGUAGES,
        help=translate("Cli", "the language of messages: zh_CN (default) or en"),
    )


def build_parser(
    registry: Registry, only: Collection[str] | None = None
) -> argparse.ArgumentParser:
    """The parser of ``main.py``. With ``only`` (the words of the command line), a command not
    named there is given its name and help alone, as ``main.py --help`` lists it: it is not what
    is parsed, so the window's start builds no command's options."""
    prog = "KefuDesk" if getattr(sys, "frozen", False) else "main.py"
    parser = Parser(prog=prog, description=translate("Cli", "Kefu Desk: the window, or a command"))
    add_common(parser)
    parser.add_argument(
        "--check-startup",
        action="store_true",
        help=translate(
            "Cli",
            "open the window logged in as $KEFU_USER/$KEFU_PASSWORD, print the start-up time, exit",
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(
        name: str, text: str, add_arguments: Callable[[argparse.ArgumentParser], None]
    ) -> None:
        p = sub.add_parser(name, help=text, description=text)
        if only is None or name in only:
            add_common(p)
            add_arguments(p)

    command("init", translate("Cli", "create or upgrade the database schema"), _init_arguments)
    command("demo", translate("Cli", "fill the database with demo data"), _demo_arguments)
    command("user", translate("Cli", "manage users"), _user_arguments)
    text = translate("Cli", "the figures of a month (the reports page's)")
    command("report", text, _report_arguments)
    backup_cli.add_commands(command)
    text = translate("Cli", "save one PNG per main screen")
    command("screenshots", text, _screenshots_arguments)
    for verb, targets, helptext in (
        ("import", registry.imports, QT_TRANSLATE_NOOP("Cli", "import records from CSV or XLSX")),
        ("export", registry.exports, QT_TRANSLATE_NOOP("Cli", "export records to CSV or XLSX")),
        ("print", registry.prints, QT_TRANSLATE_NOOP("Cli", "print a document to PDF")),
        ("find", registry.finds, QT_TRANSLATE_NOOP("Cli", "search records (reads only)")),
    ):
        command(verb, translate("Cli", helptext), _targets_arguments(targets))
    return parser


def _init_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--company", help=translate("Cli", "company name (first run)"))
    p.add_argument(
        "--admin", default="admin", help=translate("Cli", "the administrator's login (first run)")
    )
    p.add_argument(
        "--password-file",
        type=Path,
        help=translate("Cli", "file holding the administrator's password"),
    )
    add_user_option(p)


def _demo_arguments(p: argparse.ArgumentParser) -> None:
    for option, default, text in (
        ("--seed", 1, QT_TRANSLATE_NOOP("Cli", "the same seed makes the same data (default 1)")),
        ("--customers", 500, QT_TRANSLATE_NOOP("Cli", "how many customers (default 500)")),
        ("--complaints", 2000, QT_TRANSLATE_NOOP("Cli", "how many complaints (default 2000)")),
        ("--months", 6, QT_TRANSLATE_NOOP("Cli", "over how many months (default 6)")),
        ("--agents", 6, QT_TRANSLATE_NOOP("Cli", "how many agents (default 6)")),
    ):
        p.add_argument(
            option, type=whole_number, default=default, metavar="N", help=translate("Cli", text)
        )
    p.add_argument(
        "--force",
        action="store_true",
        help=translate(
            "Cli",
            "add the demo data even though the database already holds customers or complaints",
        ),
    )
    add_user_option(p)


def _user_arguments(p: argparse.ArgumentParser) -> None:
    user_sub = p.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    u = user_sub.add_parser(
        "add", help=translate("Cli", "add a user"), description=translate("Cli", "add a user")
    )
    add_common(u)
    u.add_argument("login", metavar="LOGIN", help=translate("Cli", "the new user's login"))
    u.add_argument(
        "--role",
        required=True,
        choices=("agent", "manager", "admin"),
        help=translate("Cli", "agent: an agent; manager: a manager; admin: the administrator"),
    )
    u.add_argument(
        "--name", required=True, metavar="NAME", help=translate("Cli", "the user's name")
    )
    u.add_argument(
        "--employee-no", required=True, metavar="NO", help=translate("Cli", "employee number")
    )
    u.add_argument(
        "--password-file",
        type=Path,
        metavar="F",
        help=translate("Cli", "file holding the new user's password (else it is typed)"),
    )
    add_user_option(u)


def _report_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--month",
        required=True,
        type=month_argument,
        metavar="YYYY-MM",
        help=translate("Cli", "the month"),
    )
    p.add_argument(
        "--json",
        action="store_true",
        help=translate(
            "Cli", "print one JSON object (rates as fractions, hours with two decimals)"
        ),
    )


def _screenshots_arguments(p: argparse.ArgumentParser) -> None:
    add_output_option(p, translate("Cli", "the folder to save the pictures in"), metavar="DIR")
    p.add_argument(
        "--size",
        type=size_argument,
        default=None,
        metavar="WIDTHxHEIGHT",
        help=translate(
            "Cli", "the screen to render on, e.g. 1366x768 (default: a 1400x860 window)"
        ),
    )


def _targets_arguments(targets: dict[str, Target]) -> Callable[[argparse.ArgumentParser], None]:
    """The targets of ``import``, ``export``, ``print`` or ``find`` (WHAT), each with its own
    arguments."""

    def add(p: argparse.ArgumentParser) -> None:
        target_sub = p.add_subparsers(dest="target", metavar="WHAT", required=True)
        for target in targets.values():
            t = target_sub.add_parser(target.name, help=target.help, description=target.help)
            add_common(t)
            target.add_arguments(t)
            t.set_defaults(run=target.run)

    return add


def _read_reason(exc: OSError) -> str:
    """Why a file could not be read, in the user's words."""
    if isinstance(exc, FileNotFoundError):
        return translate("Cli", "the file does not exist")
    if isinstance(exc, PermissionError):
        return translate("Cli", "no permission to read it")
    if isinstance(exc, IsADirectoryError):
        return translate("Cli", "it is a folder")
    return exc.strerror or str(exc)


def read_password(password_file: Path | None, prompt: str) -> str:
    if password_file is not None:
        try:
            password = password_file.read_text(encoding="utf-8").strip("\r\n")
        except OSError as exc:
            raise CliError(
                translate("Cli", "cannot read the password file {file}: {reason}").format(
                    file=password_file, reason=_read_reason(exc)
                )
            ) from exc
        return password
    if not sys.stdin.isatty():
        raise CliError(
            translate("Cli", "no password: give --password-file, or run in a terminal to type it")
        )
    try:
        first = getpass.getpass(prompt)
        again = getpass.getpass(translate("Cli", "Again: "))
    except EOFError:
        print(file=sys.stderr)  # the prompt's line was left open
        raise CliError(translate("Cli", "no password given")) from None
    if again != first:
        raise CliError(translate("Cli", "the two passwords differ"))
    return first


def require_schema() -> None:
    from models.migrations import LATEST, current_version

    version = current_version()
    if version == 0:
        raise CliError(
            translate("Cli", "the database has no Kefu Desk schema: run `main.py init` first")
        )
    if version < LATEST:
        raise CliError(
            translate(
                "Cli", "the database schema is version {version}: run `main.py init` to upgrade"
            ).format(version=version)
        )


def cmd_init(args: argparse.Namespace) -> int:
    from app import setup
    from models.migrations import current_version

    before = current_version()
    password = None
    if not User.table_exists() or not User.select().exists():
        password = read_password(args.password_file, translate("Cli", "Administrator password: "))
    else:  # a database in use: only its administrator upgrades it
        acting_user(args, "database.manage")

    def progress(done: int, total: int) -> None:
        if total:
            line = translate("Cli", "building the search index: {done}/{total}")
            print(line.format(done=done, total=total), file=sys.stderr, flush=True)

    version = setup.initialise(
        company=args.company, admin_login=args.admin, admin_password=password, progress=progress
    )
    from app.backup.service import backup_folder_state

    folder, problem = backup_folder_state()
    if folder is not None and problem is not None:
        warning = translate("Cli", "backups cannot be written to {folder}: {problem}")
        print(warning_line(warning.format(folder=folder, problem=problem)), file=sys.stderr)
    from models import search_index

    if search_index.trigrams_missing():
        warning = translate(
            "Cli",
            "PostgreSQL's pg_trgm extension could not be created in this database: a search for "
            "a word of three or more letters or digits reads every complaint (let the database's "
            "owner create it, or create it as a superuser, then run init again)",
        )
        print(warning_line(warning), file=sys.stderr)
    if before == 0:
        print(translate("Cli", "created the schema, version {version}").format(version=version))
    elif before < version:
        print(
            translate("Cli", "upgraded the schema from version {before} to {version}").format(
                before=before, version=version
            )
        )
    else:
        print(translate("Cli", "schema version {version}, nothing to do").format(version=version))
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
    prompt = translate("Cli", "Password for {login}: ").format(login=args.login)
    password = read_password(args.password_file, prompt)
    user = auth.create_user(
        admin,
        args.login,
        name=args.name,
        employee_no=args.employee_no,
        role=args.role,
        password=password,
    )
    print(
        translate("Cli", "added {login} ({role}, employee number {number})").format(
            login=user.login, role=auth.role_label(user.role), number=user.employee_no
        )
    )
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from app import figures

    if args.json:
        print(figures.report_json(args.month))
        return 0
    computed = figures.compute(args.month)
    print(args.month)
    line = translate("Cli", "{label}: {value}")
    for row in figures.rows(computed, figures.SUMMARY):
        print(line.format(label=row.label, value=row.value))
    for f in figures.figures_for(figures.JSON):
        if f.kind == figures.BREAKDOWN:
            print(translate("Cli", "{title}:").format(title=f.title()))
            for code, n in computed[f.key].items():
                print("  " + line.format(label=figures.breakdown_label(f.key, code), value=n))
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
    # the language first: the parser's help and argparse's own messages are written in it
    install_language(language_asked(words) or DEFAULT_LANGUAGE, application=False)
    wanted = any(word in TARGET_VERBS for word in words)
    registry = feature_registry() if wanted else Registry()
    parser = build_parser(registry, only=set(words))  # the window's start: no command's options
    args = parser.parse_args(argv)
    return Invocation(args, resolve_url(getattr(args, "db", None)), getattr(args, "lang", None))


def one_line_errors(run: Callable[[], int]) -> int:
    """Run a command; a user's mistake or an unreachable database is one line on stderr."""
    try:
        return run()
    except KefuError as exc:
        print(error_line(exc), file=sys.stderr)
        return 1
    except DatabaseUrlError as exc:
        print(error_line(url_problem(exc)), file=sys.stderr)
        return 1
    except FileNotFoundError as exc:
        missing = translate("Cli", "file not found: {file}").format(file=exc.filename)
        print(error_line(missing), file=sys.stderr)
        return 1
    except (peewee.OperationalError, peewee.InterfaceError, peewee.ProgrammingError) as exc:
        problem = translate("Cli", "database: {problem}").format(problem=first_line(exc))
        print(error_line(problem), file=sys.stderr)
        return 1
    except peewee.DatabaseError as exc:
        damaged = damaged_error(exc)
        if damaged is None:
            raise
        print(error_line(damaged), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(translate("Cli", "interrupted"), file=sys.stderr)
        return 130


def run(invocation: Invocation) -> int:
    """Run a command of the command line (not the window)."""
    args = invocation.args
    if invocation.wants_window:
        print(error_line(translate("Cli", "the window is started by main.py")), file=sys.stderr)
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
