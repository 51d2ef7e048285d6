"""Kefu Desk 客服台: ``python main.py`` opens the window; ``python main.py --help`` lists commands.

This is where the window and the command line meet: ``app/`` knows nothing of the window, so the
choice between them is made here.
"""

import sys

from app import cli, subscriptions
from app.cli_language import error_line
from app.display import window_problem


def main(argv: list[str] | None = None) -> int:
    subscriptions.connect()
    invocation = cli.parse(argv)
    if not invocation.wants_window:
        return cli.run(invocation)
    args = invocation.args
    problem = None if args.check_startup or args.command else window_problem()
    if problem:  # no display, or Qt's libraries missing: one line instead of Qt aborting
        print(error_line(problem), file=sys.stderr)
        return 1
    from ui.application import run_gui

    return cli.one_line_errors(
        lambda: run_gui(invocation.args, invocation.db_url, invocation.language)
    )


if __name__ == "__main__":
    sys.exit(main())
