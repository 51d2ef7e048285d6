"""``main.py backup [-o FILE]``, ``main.py restore FILE [--to URL]`` and ``main.py check``: the
administrator's backups on the command line, as on the database screen.

The backup code itself (:mod:`app.backup.service`, the archive) is loaded when one of these
commands runs, not when ``main.py`` builds its parser to start the window."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import peewee

from app.cli_auth import acting_user, add_user_option, credentials
from app.cli_language import database_url
from app.i18n import translate
from app.startup import open_desk
from models.db import describe

COMMANDS = ("backup", "restore", "check")


def add_commands(
    command: Callable[[str, str, Callable[[argparse.ArgumentParser], None]], None],
) -> None:
    """The three commands, each given to ``command(name, help, add_arguments)``, the command
    line's own way of adding one (its options only when it is the command named)."""
    commands = (
        (
            "backup",
            translate("Cli", "back up the database (verified; into the backup folder)"),
            _backup_arguments,
        ),
        (
            "restore",
            translate("Cli", "restore a backup (the database is backed up first)"),
            _restore_arguments,
        ),
        (
            "check",
            translate("Cli", "check the database: integrity, references, numbering"),
            add_user_option,
        ),
    )
    for name, text, add_arguments in commands:
        command(name, text, add_arguments)


def _backup_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help=translate("Cli", "the file to write instead"),
    )
    add_user_option(p)


def _restore_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "file", type=Path, metavar="FILE", help=translate("Cli", "a backup made by Kefu Desk")
    )
    p.add_argument(
        "--to",
        metavar="URL",
        type=database_url,
        help=translate("Cli", "restore into this other, empty database instead"),
    )
    add_user_option(p)


def run(args: argparse.Namespace, db_url: str) -> int:
    if args.command == "backup":
        return cmd_backup(args, db_url)
    if args.command == "restore":
        return cmd_restore(args, db_url)
    return cmd_check(args, db_url)


def cmd_backup(args: argparse.Namespace, db_url: str) -> int:
    from app.backup import service
    from app.backup.archive import note_text

    open_desk(db_url)
    admin = acting_user(args, "database.manage")
    result = service.backup_now(admin, args.output)
    manifest = result.manifest
    print(
        translate(
            "Cli", "backed up to {path}: {size} bytes, {rows} records in {tables} tables, verified"
        ).format(
            path=result.path,
            size=result.size,
            rows=manifest.total_rows,
            tables=len(manifest.tables),
        )
    )
    for note in manifest.notes:
        print(note_text(note))
    return 0


def cmd_check(args: argparse.Namespace, db_url: str) -> int:
    from app.backup import service

    open_desk(db_url, check=False)
    admin = acting_user(args, "database.manage")
    results = service.check_database(admin)
    for check in results:
        print(check.line())
    return 0 if all(check.ok for check in results) else 1


def cmd_restore(args: argparse.Namespace, db_url: str) -> int:
    from app.backup import service
    from app.backup.archive import Archive, BackupError

    open_desk(db_url, check=False, damaged_ok=True)
    login, password = credentials(args)
    admin = service.authenticate_for_restore(login, password, args.file)
    with Archive.open(args.file) as archive:
        manifest = archive.manifest
    print(
        translate(
            "Cli", "restoring {file}: made {when}, schema version {version}, {rows} records"
        ).format(
            file=args.file,
            when=manifest.created_at,
            version=manifest.schema_version,
            rows=manifest.total_rows,
        ),
        flush=True,
    )
    try:
        report = service.restore_backup(admin, args.file, db_url, to_url=args.to)
    except peewee.DatabaseError as exc:
        raise BackupError(str(exc).splitlines()[0]) from exc
    if report.safety_backup is not None:
        print(
            translate("Cli", "the database as it was is kept in {file}").format(
                file=report.safety_backup
            )
        )
    print(
        translate("Cli", "restored into {target}, schema version {version}").format(
            target=report.target if args.to else describe(db_url), version=report.schema
        )
    )
    for check in report.checks:
        print(check.line())
    return 0 if report.ok else 1
