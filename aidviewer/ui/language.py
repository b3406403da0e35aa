"""The window's language: aidviewer's translation and Qt's own, installed at start-up.

The language is the one chosen in Edit > Preferences > Language or, while the person
follows the system, the first of the system's languages that aidviewer speaks. English,
the language of the code, is what remains when aidviewer speaks none of them or its
translation file is missing. Widgets take their texts when they are made, so a change
of language takes effect at the next start.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from aidviewer.resources import resource

SOURCE_LANGUAGE = "en"
# The object name of the translators installed here, so that they can be found again.
TRANSLATOR_NAME = "aidviewer_translator"


def available_languages() -> list[str]:
    """English and each language aidviewer has a compiled translation (.qm) of."""
    folder = resource("translations")
    found = sorted(path.stem.removeprefix("aidviewer_") for path in folder.glob("aidviewer_*.qm"))
    return [SOURCE_LANGUAGE, *found]


def _code(tag: str) -> str:
    """The language of a tag such as "fr-CA", "fr_FR" or "fr": "fr"."""
    return tag.replace("_", "-").split("-")[0].lower()


def choose_language(
    choice: str, system: Iterable[str] | None = None, available: Iterable[str] | None = None
) -> str:
    """The language to show: `choice` when aidviewer speaks it, else (when `choice` is "")
    the first of the system's languages it speaks, else English."""
    speaks = set(available_languages() if available is None else available)
    if choice:
        return choice if choice in speaks else SOURCE_LANGUAGE
    for tag in QLocale.system().uiLanguages() if system is None else system:
        if _code(tag) in speaks:
            return _code(tag)
    return SOURCE_LANGUAGE


def install_translators(
    app: QCoreApplication, choice: str, system: Iterable[str] | None = None
) -> str:
    """Install aidviewer's translation and Qt's (the texts of Qt's own dialogs and buttons)
    for the language `choice` asks for ("" follows the system's languages, or `system`'s
    when given); return that language.

    A chosen language also becomes the default locale, for numbers, dates and money, unless
    the system's locale already speaks it (French of Belgium keeps its own formats). Missing
    files are no error: the window then stays in English."""
    language = choose_language(choice, system)
    if language != SOURCE_LANGUAGE and not _install(app, f"aidviewer_{language}",
                                                    str(resource("translations"))):  # fmt: skip
        language = SOURCE_LANGUAGE
    if language != SOURCE_LANGUAGE:
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        _install(app, f"qtbase_{language}", qt_folder)
    if choice == language:  # chosen, and spoken
        own = QLocale.system()
        QLocale.setDefault(own if _code(own.name()) == language else QLocale(language))
    return language


def _install(app: QCoreApplication, name: str, folder: str) -> bool:
    translator = QTranslator(app)
    translator.setObjectName(TRANSLATOR_NAME)
    if not translator.load(name, folder):
        translator.deleteLater()
        return False
    app.installTranslator(translator)
    return True


def remove_translators(app: QCoreApplication) -> None:
    """Take out the translators install_translators() put in: English again."""
    for translator in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(translator)
        translator.setParent(None)
        translator.deleteLater()
