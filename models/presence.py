"""Which processes have a SQLite database file open, told through a file beside it.

A desk (the window, a command) marks itself by locking one byte of ``NAME-desks`` beside the
database file; the operating system drops the lock when the process ends, however it ends. A
restore takes the whole range: it succeeds only when no other process holds a byte, and while
it holds the range no desk can start. The locks are the byte-range locks every SMB/NFS share
offers (SQLite relies on the same ones). The file itself stays empty.

SQLite's own locks cannot say this: a desk between two transactions holds none, yet it would
go on writing into a file the restore has replaced.
"""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

RANGE = 4096  # byte 0: "a restore is under way"; bytes 1..RANGE-1: one per desk
SUFFIX = "-desks"

_fds: dict[Path, int] = {}  # one descriptor per file for the life of the process (see below)
_offsets: dict[Path, int] = {}

# POSIX drops every lock a process holds on a file when it closes any descriptor of that file,
# so each marker file is opened once and kept open.


class DatabaseInUse(Exception):
    """Another process has the database open (or is restoring it)."""


def marker_file(db_path: str | Path) -> Path:
    path = Path(db_path).resolve()
    return path.with_name(path.name + SUFFIX)


def _fd(db_path: str | Path) -> int | None:
    marker = marker_file(db_path)
    if marker not in _fds:
        try:
            _fds[marker] = os.open(marker, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError:  # a read-only folder: nobody can write there, nothing to mark
            return None
    return _fds[marker]


if sys.platform == "win32":  # pragma: no cover - exercised on Windows desks
    import msvcrt

    def _lock(fd: int, start: int, length: int) -> bool:
        os.lseek(fd, start, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, length)
        except OSError:
            return False
        return True

    def _unlock(fd: int, start: int, length: int) -> None:
        os.lseek(fd, start, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, length)
        except OSError:
            pass

else:
    import fcntl

    def _lock(fd: int, start: int, length: int) -> bool:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, length, start, os.SEEK_SET)
        except OSError:
            return False
        return True

    def _unlock(fd: int, start: int, length: int) -> None:
        fcntl.lockf(fd, fcntl.LOCK_UN, length, start, os.SEEK_SET)


def hold(db_path: str | Path) -> None:
    """Mark this process as having the database open, until it ends or calls :func:`release`.

    Raises :class:`DatabaseInUse` while a restore of the database is under way.
    """
    marker = marker_file(db_path)
    if marker in _offsets:
        return
    fd = _fd(db_path)
    if fd is None:
        return
    if not _lock(fd, 0, 1):
        raise DatabaseInUse("restoring")
    _unlock(fd, 0, 1)
    chooser = random.SystemRandom()
    for _ in range(64):
        offset = chooser.randrange(1, RANGE)
        if _lock(fd, offset, 1):
            _offsets[marker] = offset
            return
    raise DatabaseInUse("restoring")  # every byte taken: the whole range is a restore's


def release(db_path: str | Path) -> None:
    marker = marker_file(db_path)
    offset = _offsets.pop(marker, None)
    if offset is not None and marker in _fds:
        _unlock(_fds[marker], offset, 1)


@contextmanager
def exclusive(db_path: str | Path) -> Iterator[None]:
    """Hold the database alone: :class:`DatabaseInUse` when another process has it open.

    While the block runs no other desk can mark itself (:func:`hold` refuses). This process's
    own mark is set aside for the block and put back after it.
    """
    marker = marker_file(db_path)
    was_held = marker in _offsets
    release(db_path)
    fd = _fd(db_path)
    if fd is None:
        yield
        return
    if not _lock(fd, 0, RANGE):
        if was_held:
            hold(db_path)
        raise DatabaseInUse("open elsewhere")
    try:
        yield
    finally:
        _unlock(fd, 0, RANGE)
        if was_held:
            hold(db_path)
