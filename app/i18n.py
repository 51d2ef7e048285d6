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
    if QCoreApplication.instance() is None:  # the command line before its arguments are parsed
        for translator in reversed(_installed):
            found = translator.translate(context, text, disambiguation, n)
            if found:
                return found.replace("%n", str(n)) if n >= 0 else found
    return QCoreApplication.translate(context, text, disambiguation, n)


def reader_language() -> str:
    """The language loaded for the reader (one of ``LANGUAGES``), as :func:`install_language`
    left it: for texts that come from elsewhere in a language to choose (holiday names)."""
    return "zh_CN" if QLocale().name().startswith("zh") else "en"


def install_language(language: str, *, application: bool = True) -> str:
    """Load every ``*_<language>.qm`` into the running Qt application; returns the language used.

    Without a Qt application, ``application=False`` loads them for :func:`translate` alone: the
    command line's help and argparse's messages are translated before it is known whether the
    window (which makes its own ``QApplication``) is wanted.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; use one of {', '.join(LANGUAGES)}")
    app = QCoreApplication.instance()
    if app is None and application:
        app = QCoreApplication([])
    for old in _installed:
        if app is not None:
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
            if app is not None:
                app.installTranslator(translator)
            _installed.append(translator)
    return language


def language_asked(words: list[str]) -> str | None:
    """The language named by ``--lang X`` or ``--lang=X`` among command-line ``words`` (the last
    one, as argparse takes it), or None; read before the parser exists, so its help is in it."""
    found = None
    for i, word in enumerate(words):
        if word == "--":
            break
        value = words[i + 1] if word == "--lang" and i + 1 < len(words) else None
        if word.startswith("--lang="):
            value = word.partition("=")[2]
        if value in LANGUAGES:
            found = value
    return found
