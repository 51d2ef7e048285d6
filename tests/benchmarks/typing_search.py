"""Typing in the registry's search box on a big database: prints figures, asserts nothing.

    KEFU_USER=admin python tests/benchmarks/typing_search.py --db URL [--texts 电子白板 6060 ...]

Opens the registry's page offscreen on an existing database (made by ``main.py demo``), types
each text into the search box a key at a time, a key every 150 ms as a quick typist does, and
prints for each: the longest time the GUI thread stood still (a 10 ms timer on it stops ticking
while anything blocks the event loop) from the first key until the list shows the search's rows,
and how long after the last key the rows were shown (the search waits for typing to pause,
300 ms, then reads off the GUI thread).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.auth import get_user  # noqa: E402
from app.startup import open_desk  # noqa: E402
from ui import operations  # noqa: E402
from ui.complaints import page as complaints_page  # noqa: E402
from ui.context import UiContext  # noqa: E402

KEY_INTERVAL_MS = 150
TEXTS = ("电子白板", "花屏", "6060", "20260617-23")


def settle(app: QApplication) -> None:
    """Until the runner's reads are delivered and drawn."""
    for _ in range(3):
        operations.runner().wait_until_idle(60)
        app.processEvents()


def type_and_wait(app: QApplication, page, text: str) -> tuple[float, float]:  # noqa: ANN001
    """Type ``text`` into the search box; (longest stand-still, last key to rows shown) in ms."""
    page.search.clear()
    page.apply_filters()
    settle(app)
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(10)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    keys = list(text)
    last_key = [0.0]
    shown = [0.0]
    loop = QEventLoop()

    def rows_arrived() -> None:
        if not keys and last_key[0] and not shown[0] and page.search.text() == text:
            shown[0] = time.perf_counter()
            QTimer.singleShot(100, loop.quit)  # and a little of what comes after

    page.model.modelReset.connect(rows_arrived)

    def next_key() -> None:
        key = keys.pop(0)  # a key as an input method hands it over: its text (QTest knows ASCII)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                page.search, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, key)
            )
        if keys:
            QTimer.singleShot(KEY_INTERVAL_MS, next_key)
        else:
            last_key[0] = time.perf_counter()

    ticker.start()
    QTimer.singleShot(KEY_INTERVAL_MS, next_key)
    QTimer.singleShot(60_000, loop.quit)  # a search that never shows its rows ends the wait
    loop.exec()
    ticker.stop()
    page.model.modelReset.disconnect(rows_arrived)
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    longest = max(gaps, default=0.0) * 1000
    waited = (shown[0] - last_key[0]) * 1000 if shown[0] else float("nan")
    return longest, waited


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True, help="database URL of an existing database")
    parser.add_argument("--texts", nargs="*", default=list(TEXTS))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    open_desk(args.db, check=False)
    user = get_user(os.environ.get("KEFU_USER", "admin"))
    ctx = UiContext(user=user, db_description=args.db, language="zh_CN")
    ctx.refresh_badges = lambda: None
    page = complaints_page.create_page(ctx, None)
    page.resize(1300, 800)
    page.show()
    settle(app)
    for text in args.texts:
        runs = [type_and_wait(app, page, text) for _ in range(args.repeat)]
        longest = max(r[0] for r in runs)
        waited = sorted(r[1] for r in runs)[len(runs) // 2]
        print(
            f"typing [{text}]".ljust(28)
            + f"longest stand-still {longest:6.1f} ms   rows shown {waited:6.1f} ms after the last key"
            f"   ({page.shown_total()} complaints)"
        )
    page.close()
    operations.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
