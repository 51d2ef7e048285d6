"""Smoke test of the built bundle (``.ci/bundle`` runs it after ``./kefu bundle``).

  python tools/bundle_smoke.py [dist/KefuDesk] [--timings N]

Runs the bundled executable as an administrator would on a fresh SQLite file, without a display:
``init``, ``demo --complaints 200``, ``--check-startup`` with ``KEFU_USER``/``KEFU_PASSWORD``,
``print complaint-sheet`` (read back with pdftotext, the font embedded per pdffonts) and
``screenshots`` (every screen rendered). With a PostgreSQL server at ``KEFU_TEST_PG`` (default
``postgresql://postgres@127.0.0.1:5432/test``) it also sets up a throwaway schema there, which
proves the PostgreSQL driver is in the bundle. Any command that fails or prints a traceback fails
the smoke test. Then it prints the bundle's size and its start-up time against the source's
(median of N runs of ``--check-startup``, whole process, and the time the app itself reports).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ADMIN = {"KEFU_USER": "admin", "KEFU_PASSWORD": "demo1234"}
MANAGER = {"KEFU_USER": "manager", "KEFU_PASSWORD": "demo1234"}  # a user the demo creates


class SmokeFailure(Exception):
    pass


def headless_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a desk with no display: commands must not need one."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("KEFU_USER", None)
    env.pop("KEFU_PASSWORD", None)
    env.update(extra or {})
    return env


def run(command: list[str], env: dict[str, str] | None = None) -> str:
    shown = " ".join(Path(command[0]).name if i == 0 else part for i, part in enumerate(command))
    print(f"$ {shown}", flush=True)
    done = subprocess.run(
        command, env=headless_env(env), capture_output=True, text=True, timeout=600
    )
    output = done.stdout + done.stderr
    if done.returncode != 0 or "Traceback" in output:
        raise SmokeFailure(f"{shown} exited with {done.returncode}:\n{output}")
    return done.stdout


def previous_month() -> str:
    """The month before the current one: the demo has filled it whole."""
    now = time.localtime()
    year, month = (now.tm_year, now.tm_mon - 1) if now.tm_mon > 1 else (now.tm_year - 1, 12)
    return f"{year:04d}-{month:02d}"


def check_pdf(pdf: Path) -> None:
    try:
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        fonts = subprocess.run(
            ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
    except FileNotFoundError as exc:
        raise SmokeFailure("pdftotext/pdffonts not found: install poppler-utils") from exc
    if "月度投诉登记表" not in text or not re.search(r"\b\d{8}-\d{3}\b", text):
        raise SmokeFailure(f"{pdf.name}: the Chinese title or complaint numbers do not read back")
    embedded = [
        line for line in fonts.splitlines() if "WenQuanYi" in line and line.split()[-5] == "yes"
    ]
    if not embedded:
        raise SmokeFailure(f"{pdf.name}: the Chinese font is not embedded:\n{fonts}")
    print(f"  {pdf.name}: Chinese text reads back, font embedded ({embedded[0].split()[0]})")


def check_screenshots(folder: Path, printed: str) -> None:
    from PIL import Image

    from ui.pages import AREAS

    listed = [Path(line.strip()) for line in printed.splitlines() if line.strip()]
    missing = [
        f"{index:02d}-{area.key}.png"
        for index, area in enumerate(AREAS, start=1)
        if not (folder / f"{index:02d}-{area.key}.png").is_file()
    ]
    if missing:
        raise SmokeFailure(f"screens not rendered: {', '.join(missing)}")
    for path in listed:
        with Image.open(path) as image:
            extrema = image.convert("L").getextrema()
        if extrema[0] == extrema[1]:
            raise SmokeFailure(f"{path.name} is blank")
    print(f"  {len(listed)} screens rendered, none blank")


def check_bundled_files(bundle: Path) -> None:
    """The files found by pattern at run time: the icon font and the PDF renderer."""
    internal = bundle / "_internal"
    wanted = {
        "the icon font (ui/icons.py)": "qtawesome/fonts/phosphor-*.ttf",
        "its character map": "qtawesome/fonts/phosphor-charmap-*.json",
        "pdfium (print preview and printing)": "pypdfium2_raw/*pdfium*",
    }
    missing = [what for what, pattern in wanted.items() if not list(internal.glob(pattern))]
    if missing:
        raise SmokeFailure(f"not in the bundle: {', '.join(missing)}")
    print("  icon font and pdfium bundled")


def postgres_url() -> str | None:
    url = os.environ.get("KEFU_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
    try:
        import psycopg

        psycopg.connect(url, connect_timeout=3).close()
    except Exception as exc:
        if os.environ.get("CI"):
            raise SmokeFailure(f"no PostgreSQL server at {url}: {exc}") from exc
        print(f"  (no PostgreSQL server at {url}: skipped)")
        return None
    return url


def check_postgres(exe: Path, password_file: Path) -> None:
    import psycopg

    url = postgres_url()
    if url is None:
        return
    schema = f"bundle_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    try:
        separator = "&" if "?" in url else "?"
        db = f"{url}{separator}schema={schema}"
        roster = str(password_file.parent / "roster.pdf")
        run([str(exe), "init", "--db", db, "--password-file", str(password_file)])
        run(
            [str(exe), "print", "roster", "--db", db, "--month", previous_month(), "-o", roster],
            ADMIN,
        )
    finally:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")


def folder_size(folder: Path) -> float:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 1e6


def startup(command: list[str], runs: int) -> tuple[float, float]:
    """Median whole-process seconds and median milliseconds reported by the app."""
    walls, reported = [], []
    for _ in range(runs):
        started = time.perf_counter()
        out = run(command, MANAGER)
        walls.append(time.perf_counter() - started)
        reported.append(float(out.split()[-2]))  # the last line is "<n> ms"
    return statistics.median(walls), statistics.median(reported)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=ROOT / "dist" / "KefuDesk")
    parser.add_argument("--timings", type=int, default=3, help="runs per start-up figure")
    args = parser.parse_args(argv)
    exe = args.bundle / ("KefuDesk.exe" if sys.platform == "win32" else "KefuDesk")
    if not exe.is_file():
        print(f"error: no bundle at {exe}: run ./kefu bundle first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="kefu-bundle-") as tmp:
        work = Path(tmp)
        db = str(work / "smoke.sqlite3")
        password_file = work / "password"
        password_file.write_text("demo1234\n", encoding="utf-8")
        try:
            kefu = [str(exe), "--db", db]
            check_bundled_files(args.bundle)
            run([*kefu, "init", "--password-file", str(password_file)])
            run([*kefu, "demo", "--complaints", "200"], ADMIN)
            ms = run([*kefu, "--check-startup"], MANAGER).split()[-2]  # "<n> ms"
            print(f"  --check-startup: {ms} ms")
            pdf = work / "sheet.pdf"
            month = previous_month()
            run([*kefu, "print", "complaint-sheet", "--month", month, "-o", str(pdf)], MANAGER)
            check_pdf(pdf)
            shots = work / "shots"
            check_screenshots(shots, run([*kefu, "screenshots", "-o", str(shots)], MANAGER))
            check_postgres(exe, password_file)
            if args.timings > 0:
                source = [sys.executable, str(ROOT / "main.py"), "--db", db]
                bundle_wall, bundle_ms = startup([*kefu, "--check-startup"], args.timings)
                source_wall, source_ms = startup([*source, "--check-startup"], args.timings)
        except SmokeFailure as failure:
            print(f"bundle smoke test FAILED: {failure}", file=sys.stderr)
            return 1
    print(f"bundle smoke test passed: {exe}")
    print(f"size: {folder_size(args.bundle):.1f} MB unpacked")
    if args.timings > 0:
        print(
            f"start-up (--check-startup, median of {args.timings}, demo data): bundle "
            f"{bundle_wall:.2f} s whole process ({bundle_ms:.0f} ms in the app), source "
            f"{source_wall:.2f} s ({source_ms:.0f} ms in the app)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
