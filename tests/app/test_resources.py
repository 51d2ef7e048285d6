"""Every file Kefu Desk reads at run time is found through app.resources.resource_path, from a
source checkout as from the bundle (where tools/bundle_smoke.py checks it)."""

from __future__ import annotations

import re
from pathlib import Path

from app.resources import QT, resource_path
from ui.application import FONT_FILE

ROOT = Path(__file__).resolve().parents[2]


def test_shipped_resources_are_found():
    from app import i18n, pdf

    assert resource_path("fonts", "wqy-microhei.ttc").is_file()
    assert resource_path("fonts", "LICENSE-Apache-2.0.txt").is_file()
    assert pdf.SHIPPED_FONT == FONT_FILE == resource_path("fonts", "wqy-microhei.ttc")
    parts = {path.name for path in i18n.TRANSLATIONS_DIR.glob("*_zh_CN.qm")}
    assert {"core_zh_CN.qm", "complaints_zh_CN.qm"} <= parts
    assert i18n.TRANSLATIONS_DIR == resource_path("translations")


def test_qt_own_translation_is_found_where_qt_keeps_it():
    from PySide6.QtCore import QLibraryInfo

    qt_translations = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    qm = resource_path(QT, "translations", "qtbase_zh_CN.qm")
    assert qm.is_file()
    assert qm.parent.resolve() == qt_translations.resolve()


def test_no_other_module_builds_a_path_to_resources():
    """resources/ is reached only through app/resources.py, so the bundle finds everything."""
    offenders = []
    for folder in ("app", "models", "ui"):
        for source in (ROOT / folder).rglob("*.py"):
            if source == ROOT / "app" / "resources.py":
                continue
            text = source.read_text(encoding="utf-8")
            if re.search(r"""["']resources["']|__file__\).*(fonts|translations)""", text):
                offenders.append(str(source.relative_to(ROOT)))
    assert not offenders, offenders


def test_the_icon_font_is_found_where_qtawesome_keeps_it():
    from app.resources import ICON_FONT

    folder = resource_path(ICON_FONT)
    assert list(folder.glob("phosphor-[0-9]*.ttf")) and list(folder.glob("phosphor-charmap-*"))
    spec = (ROOT / "packaging" / "KefuDesk.spec").read_text(encoding="utf-8")
    assert 'collect_data_files("qtawesome", includes=["fonts/phosphor-*"])' in spec
