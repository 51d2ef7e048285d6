"""Kefu Desk 客服台: ``python main.py`` opens the window; ``python main.py --help`` lists commands.

This is where the window and the command line meet: ``app/`` knows nothing of the window, so the
choice between them is made here.

Python's collector of reference cycles is off while the program starts: loading the modules and
building the window make tens of thousands of objects that live as long as the process and
almost no garbage, and each collection would go through all of them again. A command turns it
on before it runs; the window once its first screen is up, keeping what the start made out of
every later collection (``ui.application.collect_from_now_on``).
"""

import gc
import sys


def main(argv: list[str] | None = None) -> int:
    gc.disable()
    try:
        return start(argv)
    finally:
        gc.enable()


def start(argv: list[str] | None) -> int:
    from app import cli, subscriptions
    from app.cli_language import error_line

    subscriptions.connect()
    invocation = cli.parse(argv)
    if not invocation.wants_window:
        gc.enable()  # a command may run long and make garbage
        return cli.run(invocation)
    args = invocation.args
    if not (args.check_startup or args.command):
        from app.display import window_problem

        problem = window_problem()
        if problem:  # no display, or Qt's libraries missing: one line instead of Qt aborting
            print(error_line(problem), file=sys.stderr)
            return 1
    from ui.application import run_gui

    return cli.one_line_errors(
        lambda: run_gui(invocation.args, invocation.db_url, invocation.language)
    )


if __name__ == "__main__":
    sys.exit(main())
