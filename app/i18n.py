"""Translation for ``app/``: the one place where the rules layer touches Qt (QtCore only).

Messages are written in English and marked for ``pyside6-lupdate`` with
``translate("Context", "text")``; the translations load from ``resources/translations``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.resources import QT, resource_path

TRANSLATIONS_DIR = resource_path("translations")
LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

_installed: list[QTranslator] = []


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate knows
    """Marks ``text`` for translation in ``context`` where it is defined; translated when shown."""
    return text


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate(context, text, disambiguation, n)


def install_language(language: str) -> str:
    """Load every ``*_<language>.qm`` into the running Qt application; returns the language used."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; use one of {', '.join(LANGUAGES)}")
    app = QCoreApplication.instance()
    if app is None:
        app = QCoreApplication([])
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return language
    qt_own = [resource_path(QT, "translations", f"qtbase_{language}.qm")]  # Qt's buttons, dialogs
    for qm in [*qt_own, *sorted(TRANSLATIONS_DIR.glob(f"*_{language}.qm"))]:
        if not qm.exists():
            continue
        translator = QTranslator(app)
        if translator.load(str(qm)):
            app.installTranslator(translator)
            _installed.append(translator)
    return language
