"""The navigation's icons: one set (Phosphor), each a real icon, drawn at the screen's pixel ratio
(crisp at 200 %, not a small picture blown up), white on the selected row."""

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from ui import icons
from ui.pages import AREAS


def test_every_area_has_an_icon_of_the_set_drawn_sharp_at_200_percent(qapp):
    names = [area.icon for area in AREAS]
    assert len(set(names)) == len(names)  # one icon per area
    for name in names:
        icon = icons.icon(name)
        assert not icon.isNull(), name
        sharp = icon.pixmap(QSize(20, 20), 2.0)
        assert sharp.devicePixelRatio() == 2.0
        assert (sharp.width(), sharp.height()) == (40, 40)
        drawn_large = icon.pixmap(QSize(40, 40)).toImage()
        assert sharp.toImage() == drawn_large, f"{name} is scaled up, not drawn at 200 %"
        image = drawn_large.convertToFormat(drawn_large.Format.Format_ARGB32)
        inked = sum(1 for x in range(40) for y in range(40) if image.pixelColor(x, y).alpha() > 128)
        assert 20 < inked < 40 * 40 // 2, f"{name} draws nothing like an outline icon"


def test_selected_rows_draw_the_icon_in_white(qapp):
    icon = icons.icon("gear")
    image = icon.pixmap(QSize(32, 32), QIcon.Mode.Selected).toImage()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(32)
        for y in range(32)
        if image.pixelColor(x, y).alpha() == 255
    }
    assert colours == {"#ffffff"}
    normal = icon.pixmap(QSize(32, 32)).toImage()
    assert any(
        normal.pixelColor(x, y).name() == icons.COLOUR
        for x in range(32)
        for y in range(32)
        if normal.pixelColor(x, y).alpha() == 255
    )


def test_the_main_window_navigation_uses_the_set(qtbot, sqlite_url, manager):
    from ui.context import UiContext
    from ui.main_window import MainWindow

    window = MainWindow(UiContext(user=manager, db_description="test", language="en"))
    qtbot.addWidget(window)
    for row, area in enumerate(AREAS):
        shown = window.nav.item(row).icon().pixmap(QSize(20, 20)).toImage()
        assert shown == icons.icon(area.icon).pixmap(QSize(20, 20)).toImage(), area.key
