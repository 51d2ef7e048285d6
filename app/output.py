"""Files the app writes (exports, PDFs, reject files): whole or not at all.

:func:`replacing` gives a temporary file beside the target; only when it is complete is it
renamed over the target (an atomic rename on the same disk). A failure half way (a full disk, a
folder without write permission, an error while laying out) removes the temporary file, leaves
any earlier file of that name as it was, and is raised as :class:`OutputFailed`: one line saying
why.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from app.errors import KefuError
from app.i18n import translate


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once, at start-up: setting it is not thread-safe


class OutputFailed(KefuError):
    """A file could not be written; an earlier file of that name is untouched."""


def reason(exc: OSError) -> str:
    """Why writing failed, in the user's words (a full disk said plainly)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return translate("Output", "the disk is full")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return translate("Output", "no permission to write there")
    if exc.errno == errno.ENOENT:
        return translate("Output", "the folder does not exist")
    return exc.strerror or str(exc)


def failed(path: Path, exc: OSError) -> OutputFailed:
    return OutputFailed(
        translate("Output", "Cannot write {file}: {reason}. An earlier file is unchanged.").format(
            file=path, reason=reason(exc)
        )
    )


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """``with replacing(target) as temporary: write(temporary)``; the target appears (or is
    replaced) only when the block ends without an error."""
    path = Path(path)
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent
        )
    except OSError as exc:
        raise failed(path, exc) from exc
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        _keep_permissions(path, temporary)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise failed(path, exc) from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _keep_permissions(path: Path, temporary: Path) -> None:
    """The new file gets the old one's permissions, or the usual ones for a new file (mkstemp
    makes it readable by its owner only)."""
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = 0o666 & ~_UMASK
    with contextlib.suppress(OSError):
        os.chmod(temporary, mode)
