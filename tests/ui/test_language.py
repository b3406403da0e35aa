"""Edit > Preferences > Language: the strings are extracted, translated into French and
shown in French when French is chosen (or is the system's language); English otherwise."""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from window_helpers import WindowFactory

from aidviewer.resources import resource
from aidviewer.store import Catalogue, Organisation
from aidviewer.ui import language
from aidviewer.ui.directory_forms import OrganisationForm
from aidviewer.ui.language import install_translators, remove_translators
from aidviewer.ui.main_window import MainWindow
from aidviewer.ui.preferences import LANGUAGES, PreferencesDialog
from aidviewer.ui.settings import Settings

REPO = Path(__file__).resolve().parents[2]
TRANSLATIONS = REPO / "resources" / "translations"
FRENCH_TS = TRANSLATIONS / "aidviewer_fr.ts"
RUN = "run `make translations` and translate what it marks unfinished in aidviewer_fr.ts"


def _load_extractor() -> ModuleType:
    spec = importlib.util.spec_from_file_location("aidviewer_extract", TRANSLATIONS / "extract.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


extract = _load_extractor()


@pytest.fixture(scope="module")
def found() -> list[Any]:
    return list(extract.extract(REPO))


@pytest.fixture(scope="module")
def messages() -> list[Any]:
    _, messages = extract.read_ts(FRENCH_TS)
    return [message for message in messages if message.current]


@pytest.fixture
def translated(qapp: QApplication) -> Iterator[QApplication]:
    """The application, its translators taken out afterwards and the default locale put
    back, so that the tests after this one are in English again."""
    before = QLocale()
    yield qapp
    remove_translators(qapp)
    QLocale.setDefault(before)


# -- extraction ---------------------------------------------------------------------------


def _keys(found: list[Any]) -> dict[tuple[str, str], bool]:
    return {(item.context, item.source): item.plural for item in found}


def test_the_extractor_finds_each_kind_of_call(found: list[Any]) -> None:
    keys = _keys(found)
    # self.tr() in a QObject subclass: the class's name.
    assert keys[("MainWindow", "&File")] is False
    # self.tr() with a count: plural.
    assert keys[("MainWindow", "%Ln meetings")] is True
    # self.tr() in a method inherited by the three directory forms: the defining class.
    assert ("_DirectoryForm", "&Save") in keys
    # QCoreApplication.translate("ctx", "…").
    assert ("DirectoryPage", "Filter tags") in keys
    # A module's _tr() wrapper: the context it passes to translate().
    assert ("Preferences", "Keyboard Shortcuts") in keys
    assert ("Welcome", "Welcome to aidviewer") in keys
    # A wrapper given a count, through a function that hands its text on (_more).
    assert keys[("DetailPane", "… and %Ln older notes")] is True
    # A translator handed over as an argument (self.tr to _short_euros).
    assert ("Dashboard", "€{value}M") in keys
    # Tables marked with QT_TRANSLATE_NOOP or aidviewer.i18n.N_.
    assert ("RecordTableModel", "Value (EUR)") in keys
    assert ("Preferences", "Follow the system") in keys
    assert ("Reports", "donor {names}") in keys
    # The rules' problems, translated under "Rules", and the report templates' words.
    assert ("Rules", "An aid record needs a title.") in keys
    assert ("Reports", "Meetings held") in keys
    # A language's own name is never translated.
    assert ("Preferences", "Français") not in keys


def test_the_extractor_follows_wrappers_and_contexts(tmp_path: Path) -> None:
    source = tmp_path / "aidviewer" / "sample_module.py"
    source.parent.mkdir()
    source.write_text(
        "from PySide6.QtCore import QCoreApplication, QObject\n"
        'CONTEXT = "Constant"\n'
        "def _tr(text, n=-1):\n"
        '    return QCoreApplication.translate("Wrapped", str(text), None, n)\n'
        "def _more(count, text):\n"
        "    return _tr(text, count)\n"
        "class Base(QObject):\n"
        "    def label(self):\n"
        '        return self.tr("Inherited words")\n'
        "    def count(self, n):\n"
        '        return self.tr("%n things", "", n)\n'
        "class Thing(Base):\n"
        "    def _say(self, text):\n"
        '        return QCoreApplication.translate("Methods", text)\n'
        "    def words(self, painter, name):\n"
        "        painter.translate(0, 1)  # not Qt's translate()\n"
        '        return [self._say("Method words"), _tr("Module words"), _tr(name),\n'
        '                _more(3, "%n more"), QCoreApplication.translate(CONTEXT, "Direct")]\n',
        encoding="utf-8",
    )
    extractor = extract.Extractor(tmp_path)
    extractor.add(source)
    keys = _keys(extractor.found())
    assert keys == {
        ("Base", "Inherited words"): False,
        ("Base", "%n things"): True,
        ("Thing", "%n things"): True,  # a plural is looked up under the instance's class
        ("Methods", "Method words"): False,
        ("Wrapped", "Module words"): False,
        ("Wrapped", "%n more"): True,
        ("Constant", "Direct"): False,
    }


def test_updating_a_file_keeps_translations_and_marks_what_came_and_went(
    tmp_path: Path,
) -> None:
    ts = tmp_path / "aidviewer_xx.ts"

    def found(*sources: str) -> list[Any]:
        return [extract.Found("Ctx", text, False, "aidviewer/a.py", 1) for text in sources]

    extract.update(ts, found("Kept", "Gone"))
    language_code, messages = extract.read_ts(ts)
    assert language_code == "xx"
    assert [(m.source, m.type) for m in messages] == [
        ("Kept", "unfinished"),
        ("Gone", "unfinished"),
    ]
    for message in messages:
        message.translation, message.type = f"{message.source}!", ""
    ts.write_text(extract.render_ts("xx", messages), encoding="utf-8")

    extract.update(ts, found("Kept", "New"))
    _, messages = extract.read_ts(ts)
    assert [(m.source, m.translation, m.type) for m in messages] == [
        ("Kept", "Kept!", ""),
        ("New", "", "unfinished"),
        ("Gone", "Gone!", "vanished"),
    ]
    assert extract.compare(messages, found("Kept", "New")).new == []

    extract.update(ts, found("Kept", "New", "Gone"))  # it came back, translated
    _, messages = extract.read_ts(ts)
    assert [(m.source, m.type) for m in messages][-1] == ("Gone", "")
    assert extract.compare(messages, found("Kept")).vanished == [("Ctx", "Gone"), ("Ctx", "New")]


def test_an_inherited_tr_finds_the_defining_class_at_run_time(
    translated: QApplication, qtbot: QtBot, sample_path: Path
) -> None:
    # The extractor files self.tr() under the class whose body holds it; PySide6 looks a
    # string up under the instance's class, then under each base class in turn.
    install_translators(translated, "fr")
    with Catalogue.open(sample_path) as catalogue:
        form = OrganisationForm(None, catalogue, Organisation(name=""), "Organisation")
        qtbot.addWidget(form)
    assert form.save_button.text() == "&Enregistrer"  # _DirectoryForm's self.tr("&Save")
    assert form.kind.itemText(0) == "Gouvernement"  # a QT_TRANSLATE_NOOP table


# -- the French file ----------------------------------------------------------------------


def test_the_french_file_is_up_to_date_with_the_code(found: list[Any], messages: list[Any]) -> None:
    difference = extract.compare(messages, found)
    assert not difference.new, f"strings not in aidviewer_fr.ts yet ({RUN}): {difference.new}"
    assert not difference.vanished, f"strings gone from the code ({RUN}): {difference.vanished}"


_PLACEHOLDERS = re.compile(r"\{[A-Za-z_]*\}|%L?n|%\d")


def _mnemonics(text: str) -> int:
    return len(re.findall(r"&[^&\s]", text.replace("&&", "")))


def test_every_string_has_a_french_translation_that_keeps_its_placeholders(
    messages: list[Any],
) -> None:
    problems = []
    for message in messages:
        source = message.source
        where = f"{message.context}: {source!r}"
        if not message.finished:
            problems.append(f"{where} is unfinished ({RUN})")
            continue
        texts = message.forms if message.plural else [message.translation]
        if message.plural and len(texts) != 2:
            problems.append(f"{where} needs French's two plural forms")
        for text in texts:
            if not text.strip():
                problems.append(f"{where} has an empty translation")
            elif sorted(_PLACEHOLDERS.findall(text)) != sorted(_PLACEHOLDERS.findall(source)):
                problems.append(f"{where}: the placeholders of {text!r} differ")
            elif _mnemonics(text) != _mnemonics(source):
                problems.append(f"{where}: {text!r} has not the one & mnemonic it needs")
            elif re.search(r"<[A-Za-z/]", text) and not re.search(r"<[A-Za-z/]", source):
                problems.append(f"{where}: {text!r} has markup")
            elif text[:1].isspace() != source[:1].isspace():
                problems.append(f"{where}: {text!r} begins unlike its source")
    assert not problems, "\n".join(problems)


def test_the_compiled_file_has_every_translation(qapp: QApplication, messages: list[Any]) -> None:
    """aidviewer_fr.qm is compiled from the aidviewer_fr.ts of the source tree."""
    translator = QTranslator()
    assert translator.load("aidviewer_fr", str(resource("translations")))
    stale = []
    for message in messages:
        plural = message.plural
        context, source = message.context, message.source
        got = translator.translate(context, source, None, 2 if plural else -1)
        wanted = message.forms[1] if plural else message.translation
        if got != wanted:
            stale.append(f"{context}: {source!r}")
    assert not stale, f"aidviewer_fr.qm is older than aidviewer_fr.ts ({RUN}): {stale}"


# -- choosing and loading -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("choice", "system", "expected"),
    [
        ("fr", ["en-US"], "fr"),
        ("en", ["fr-FR"], "en"),
        ("", ["fr-CA", "en-US"], "fr"),
        ("", ["de-DE", "fr-CH"], "fr"),  # the first language aidviewer speaks
        ("", ["en-GB", "fr-FR"], "en"),
        ("", ["C"], "en"),
        ("xx", ["fr-FR"], "en"),  # a language aidviewer does not speak (any more)
    ],
)
def test_the_language_is_the_choice_else_the_systems(
    choice: str, system: list[str], expected: str
) -> None:
    assert language.choose_language(choice, system, ["en", "fr"]) == expected


def test_french_is_available() -> None:
    assert "fr" in language.available_languages()
    assert LANGUAGES["fr"] == "Français"


def _menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_the_window_is_in_french_when_french_is_chosen(
    translated: QApplication, make_window: WindowFactory, sample_path: Path
) -> None:
    assert install_translators(translated, "fr") == "fr"
    assert QLocale().language() == QLocale.Language.French
    window = make_window()
    assert set(_menu_titles(window)) == {"&Fichier", "É&dition", "&Affichage", "Aid&e"}
    assert window.open_catalogue(sample_path)
    model = window.catalogue_view.records_view.model()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Titre"
    summary = window.records_summary(10, 10, 50_000_000_000)
    assert re.sub(r"[\u00a0\u202f]", " ", summary) == "10 fiches · 500 000 000,00 €"
    assert window.meetings_summary(1, 2) == "1 sur 2 réunions"


def test_french_menus_have_distinct_mnemonics(
    translated: QApplication, make_window: WindowFactory
) -> None:
    install_translators(translated, "fr")
    window = make_window()
    menus = [(window.menuBar().actions(), "menu bar")]
    menus += [(action.menu().actions(), action.text()) for action in window.menuBar().actions()]
    menus.append((window.recent_menu.actions(), "recent"))
    for actions, where in menus:
        seen: dict[str, str] = {}
        for action in actions:
            text = action.text()
            if "&" not in text:
                continue
            letter = text[text.index("&") + 1].casefold()
            assert letter not in seen, (where, seen[letter], text)
            seen[letter] = text
    assert window.recent_menu.title() == "Catalogues &récents"


def test_the_preferences_are_in_french_and_say_when_a_language_applies(
    translated: QApplication, qtbot: QtBot, settings: Settings
) -> None:
    install_translators(translated, "fr")
    dialog = PreferencesDialog(None, settings)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Préférences"
    assert dialog.language_note.text() == "Une nouvelle langue s’applique au prochain démarrage."
    names = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert names == ["Suivre le système", "English", "Français"]
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    dialog.save()
    assert settings.language() == "fr"
    qt_translations = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if (qt_translations / "qtbase_fr.qm").exists():
        buttons = dialog.findChild(QDialogButtonBox)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel.text() == "Annuler"  # Qt's own words, from qtbase_fr.qm


def test_the_window_stays_in_english_when_the_system_speaks_english(
    translated: QApplication, make_window: WindowFactory
) -> None:
    assert install_translators(translated, "", system=["en-US", "fr-FR"]) == "en"
    assert QLocale() == QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    window = make_window()
    assert set(_menu_titles(window)) == {"&File", "&Edit", "&View", "&Help"}
    assert not translated.findChildren(QTranslator, language.TRANSLATOR_NAME)


def test_following_a_french_system_shows_french(
    translated: QApplication, make_window: WindowFactory
) -> None:
    assert install_translators(translated, "", system=["fr-BE"]) == "fr"
    assert _menu_titles(make_window())[0] == "&Fichier"


def test_a_missing_translation_leaves_english_silently(
    translated: QApplication, make_window: WindowFactory, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(language, "resource", lambda *parts: tmp_path.joinpath(*parts))
    assert install_translators(translated, "fr") == "en"
    assert not translated.findChildren(QTranslator, language.TRANSLATOR_NAME)
    assert _menu_titles(make_window())[0] == "&File"


def test_the_translators_come_out_again(translated: QApplication) -> None:
    install_translators(translated, "fr")
    assert QCoreApplication.translate("MainWindow", "&File") == "&Fichier"
    remove_translators(translated)
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
