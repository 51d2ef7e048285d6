# Kefu Desk's own hook for PySide6.QtGui (takes the place of PyInstaller's): the same collection,
# less the Qt plugins a desk never uses. The GTK platform theme goes because it would pull GTK,
# cairo and pango into the bundle; the window keeps the X11 and Wayland platforms, the offscreen
# one (screenshots, --check-startup), the input-method plugins (Chinese input) and the image
# formats of icons (SVG, ICO; PNG is built into Qt).
from pathlib import PurePath

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

DROPPED_PLUGINS = {
    "platformthemes": None,  # every theme: the GTK theme pulls GTK, the portal theme D-Bus
    "egldeviceintegrations": None,
    "generic": None,  # evdev and touch input for kiosk devices without a window system
    "platforms": {
        "libqeglfs.so",
        "libqlinuxfb.so",
        "libqminimal.so",
        "libqminimalegl.so",
        "libqvkkhrdisplay.so",
        "libqvnc.so",
        "qdirect2d.dll",
    },
    "imageformats": {
        "libqgif.so",
        "libqjpeg.so",
        "qgif.dll",
        "qjpeg.dll",
        "libqicns.so",
        "libqtga.so",
        "libqtiff.so",
        "libqwbmp.so",
        "libqwebp.so",
        "qicns.dll",
        "qtga.dll",
        "qtiff.dll",
        "qwbmp.dll",
        "qwebp.dll",
    },
}


def kept(source: str) -> bool:
    path = PurePath(source)
    dropped = DROPPED_PLUGINS.get(path.parent.name, set())
    return path.parent.parent.name != "plugins" or (
        dropped is not None and path.name not in dropped
    )


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, destination) for source, destination in binaries if kept(source)]
