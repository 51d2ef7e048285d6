"""Can this machine open the window? Checked before Qt starts, because Qt itself aborts the process
(exit status 134) when there is no display, and names only one of the missing libraries.

Only the window needs this: the commands that write files or change the database, ``screenshots``
and the tests run without a display (``QT_QPA_PLATFORM=offscreen``).
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from app.i18n import translate

# What Qt's X11 platform plugin (libqxcb) loads from the system, with the Debian/Ubuntu package
# that provides each library. The first three are the ones a fresh desktop most often lacks.
XCB_LIBRARIES: tuple[tuple[str, str], ...] = (
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb.so.1", "libxcb1"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-render.so.0", "libxcb-render0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-shm.so.0", "libxcb-shm0"),
    ("libxcb-sync.so.1", "libxcb-sync1"),
    ("libxcb-util.so.1", "libxcb-util1"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libfontconfig.so.1", "libfontconfig1"),
    ("libEGL.so.1", "libegl1"),
    ("libGL.so.1", "libgl1"),
)


def loadable(library: str) -> bool:
    """Whether the dynamic loader finds ``library`` (a soname), as Qt's plugin would."""
    try:
        ctypes.CDLL(library)
    except OSError:
        bundled = Path(getattr(sys, "_MEIPASS", "")) / library
        return bool(getattr(sys, "_MEIPASS", None)) and bundled.is_file()
    return True


def missing_packages(libraries: Iterable[tuple[str, str]] = XCB_LIBRARIES) -> list[str]:
    """The packages providing the libraries the loader cannot find, in the order given."""
    return [package for library, package in libraries if not loadable(library)]


def display_opens(display: str) -> bool:
    """Whether the X server named by ``display`` accepts a connection (libxcb's own check)."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return False
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.restype = ctypes.c_int
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.restype = None
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return bool(connection) and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection:
            xcb.xcb_disconnect(connection)


def wayland_reachable(environ: Mapping[str, str]) -> bool:
    """Whether ``WAYLAND_DISPLAY`` names a compositor's socket that exists."""
    name = environ.get("WAYLAND_DISPLAY", "")
    if not name:
        return False
    socket = Path(name)
    if not socket.is_absolute():
        socket = Path(environ.get("XDG_RUNTIME_DIR", "")) / name
    return socket.is_socket()


def window_problem(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    libraries: Iterable[tuple[str, str]] = XCB_LIBRARIES,
) -> str | None:
    """One line saying what this machine lacks to open the window, or None when nothing is
    known to be missing. Only Linux's X11 is checked; elsewhere (Windows, macOS, Wayland, or a
    platform chosen with ``QT_QPA_PLATFORM``) Qt is left to start as it does."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip().lower()
    if chosen and chosen != "xcb":
        return None
    display = environ.get("DISPLAY", "")
    wayland = not chosen and wayland_reachable(environ)
    if wayland and (not display or environ.get("XDG_SESSION_TYPE") == "wayland"):
        return None  # Qt opens the window on Wayland
    if not display:
        return translate(
            "Cli",
            "no display: the window needs a desktop session (DISPLAY is not set); "
            "commands such as init, demo, import, export and print run without one",
        )
    missing = missing_packages(libraries)
    if missing:
        names = " ".join(missing)
        return translate(
            "Cli",
            "missing system libraries: the window needs {names}; "
            "on Debian or Ubuntu: sudo apt-get install {names}",
        ).format(names=names)
    if not display_opens(display):
        return translate(
            "Cli", "cannot open the display {display}: is the desktop running?"
        ).format(display=display)
    return None
