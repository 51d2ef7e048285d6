"""Build the one-folder application: ``./kefu bundle`` (PyInstaller, packaging/KefuDesk.spec).

Writes ``dist/KefuDesk/`` (the executable ``KefuDesk``, on Windows also ``KefuDeskW.exe``, and
``_internal/``) and ``dist/KefuDesk-<version>-<platform>.zip``, the file an administrator copies
to a desk, then prints the folder's size.

  python tools/bundle.py [--no-zip]
"""

from __future__ import annotations

import argparse
import os
import platform
import stat
import sys
import time
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
SPEC = ROOT / "packaging" / "KefuDesk.spec"


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files under ``folder`` (what the unpacked bundle takes on disk)."""
    files = [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    return sum(path.stat().st_size for path in files), len(files)


def write_zip(folder: Path, archive: Path) -> None:
    """Zip ``folder`` with its symbolic links kept as links (the Linux bundle links its Qt
    libraries into ``_internal``; following them would store those libraries twice)."""
    partial = archive.with_name(archive.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder.parent).as_posix()
            if path.is_symlink():
                info = zipfile.ZipInfo(name, time.localtime(path.lstat().st_mtime)[:6])
                info.create_system = 3  # Unix: unzip restores the link
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                bundle.writestr(info, os.readlink(path))
            else:
                bundle.write(path, name)
    partial.replace(archive)


def archive_name() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        version = tomllib.load(handle)["project"]["version"]
    machine = platform.machine().lower() or "unknown"
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"KefuDesk-{version}-{system}-{machine}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kefu bundle", description=__doc__.splitlines()[0])
    parser.add_argument("--no-zip", action="store_true", help="build the folder only")
    args = parser.parse_args(argv)

    import PyInstaller.__main__

    started = time.perf_counter()
    PyInstaller.__main__.run(
        [
            "--noconfirm",
            "--log-level=WARN",
            f"--distpath={DIST}",
            f"--workpath={ROOT / 'build' / 'pyinstaller'}",
            str(SPEC),
        ]
    )
    folder = DIST / "KefuDesk"
    size, count = folder_size(folder)
    print(f"{folder}: {size / 1e6:.1f} MB in {count} files", flush=True)
    if not args.no_zip:
        archive = DIST / f"{archive_name()}.zip"
        write_zip(folder, archive)
        print(f"{archive}: {archive.stat().st_size / 1e6:.1f} MB")
    print(f"built in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
