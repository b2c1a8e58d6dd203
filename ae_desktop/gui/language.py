"""The window's language: Spanish or English, by the system locale or View > Language
(stored, applied at the next start). The command line stays English."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from ae_desktop.gui.actions import ActionRegistry
from ae_desktop.gui.stored_settings import stored_choice

KEY = "ui/language"
SYSTEM, ENGLISH, SPANISH = "system", "en", "es"
CHOICES = (SYSTEM, ENGLISH, SPANISH)
# each language named in itself; "system" in the language in use
NAMES = {ENGLISH: "English", SPANISH: "Español"}
RESTART_NOTE = (
    "The language changes when ae-desktop starts again.\n"
    "El idioma cambia cuando ae-desktop se vuelve a abrir."
)
_installed: list[QTranslator] = []
_active = [ENGLISH]


def chosen_language() -> str:
    """The stored choice: SYSTEM (the default), ENGLISH or SPANISH."""
    return stored_choice(QSettings().value(KEY), CHOICES, SYSTEM)


def language_in_use(choice: str | None = None) -> str:
    """ENGLISH or SPANISH for ``choice`` (default: the stored one); SYSTEM follows
    the system locale (``es_*`` gives Spanish)."""
    choice = chosen_language() if choice is None else choice
    if choice == SYSTEM:
        return SPANISH if QLocale.system().language() == QLocale.Spanish else ENGLISH
    return choice


def install_translators(language: str) -> list[str]:
    """Install the app's and Qt's own translations for ``language`` (replacing any
    installed before: English has the app's plural forms only); returns the names of
    the files loaded."""
    remove_translators()
    app = QCoreApplication.instance()
    _active[0] = language
    spanish = language == SPANISH
    QLocale.setDefault(
        QLocale(QLocale.Spanish, QLocale.Spain)
        if spanish
        else QLocale(QLocale.English, QLocale.UnitedStates)
    )
    files = [(f"ae_desktop_{language}", str(resources.files("ae_desktop") / "resources" / "i18n"))]
    if spanish:  # QDialogButtonBox, QFileDialog, QMessageBox: Qt's own translation
        files.append((f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)))
    loaded = []
    for name, folder in files:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(name)
    return loaded


def remove_translators() -> None:
    """Back to the source texts (English, without its plural forms)."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _active[0] = ENGLISH


def active_language() -> str:
    """The language of the translations installed last (ENGLISH before any)."""
    return _active[0]


def language_menu(parent: QWidget, actions: ActionRegistry) -> QMenu:
    """View > Language: English, Español, or the system's (actions registered as
    ``view.language.*``); the choice is stored and a dialog says it applies at the next
    start."""
    menu = QMenu(QCoreApplication.translate("Language", "&Language"), parent)
    menu.setObjectName("language_menu")
    group = QActionGroup(menu)
    texts = {SYSTEM: QCoreApplication.translate("Language", "System language"), **NAMES}
    chosen = chosen_language()
    for choice in CHOICES:
        action = QAction(texts[choice], menu, checkable=True, checked=choice == chosen)
        action.triggered.connect(lambda _=False, c=choice: _choose(parent, c))
        group.addAction(action)
        menu.addAction(actions.register(f"view.language.{choice}", action))
    return menu


def _choose(parent: QWidget, choice: str) -> None:
    if choice == chosen_language():
        return
    QSettings().setValue(KEY, choice)
    QMessageBox.information(parent, "Language / Idioma", RESTART_NOTE)
