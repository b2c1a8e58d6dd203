"""The Help menu: Getting started (a dock that walks through draw, train, click the
plane), the user guide shipped with the app (F1) and About (version, licence, libraries)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ae_desktop.gui.actions import ActionRegistry
from ae_desktop.gui.language import active_language
from ae_desktop.help import help_text

LIBRARIES = (
    "PySide6-Essentials",
    "pyqtgraph",
    "superqt",
    "numpy",
    "numba",
    "scipy",
    "platformdirs",
)
LICENCE = "MIT"  # pyproject.toml's licence


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return QCoreApplication.translate("HelpMenu", "not installed")


def about_text() -> str:
    """The About box: version, licence and the libraries with their versions."""
    libraries = "".join(f"<li>{name} {package_version(name)}</li>" for name in LIBRARIES)
    text = QCoreApplication.translate(
        "HelpMenu",
        "<p>Learn how autoencoders work by touching them.</p>"
        "<p>Licence: {0}.</p><p>Built with:</p>",
    )
    return f"<h3>ae-desktop {package_version('ae-desktop')}</h3>{text.format(LICENCE)}<ul>{libraries}</ul>"


def _browser(parent, name: str) -> QTextBrowser:
    browser = QTextBrowser(parent)
    browser.setOpenExternalLinks(False)
    browser.setMarkdown(help_text(name, active_language()))
    return browser


class GuideDialog(QDialog):
    """The user guide, shown in the app (no web browser, nothing downloaded)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("ae-desktop guide"))
        self.browser = _browser(self, "guide")
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 560)


class HelpMenu:
    """Registers ``help.getting_started``, ``help.guide`` (F1) and ``help.about``; the
    window places ``getting_started`` (a hidden dock) and fills its Help menu with
    ``MENU``. Dialogs open over ``parent``."""

    MENU = ["help.getting_started", "help.guide", None, "help.about"]

    def __init__(self, parent: QWidget, actions: ActionRegistry):
        self._parent = parent
        self.getting_started = QDockWidget(
            QCoreApplication.translate("HelpMenu", "Getting started"), parent
        )
        self.getting_started.setObjectName("getting_started_dock")
        self.getting_started.setWidget(_browser(self.getting_started, "getting_started"))
        self.getting_started.hide()
        self.guide: GuideDialog | None = None
        actions.add(
            "help.getting_started",
            QCoreApplication.translate("HelpMenu", "&Getting started"),
            self.show_getting_started,
        )
        guide = actions.add(
            "help.guide",
            QCoreApplication.translate("HelpMenu", "ae-desktop &guide"),
            self.show_guide,
            shortcuts=(QKeySequence.HelpContents, "F1"),
        )
        guide.setShortcutContext(Qt.ApplicationShortcut)  # F1 in any of the app's windows
        actions.add(
            "help.about",
            QCoreApplication.translate("HelpMenu", "&About ae-desktop"),
            self.show_about,
        )

    def show_getting_started(self) -> None:
        self.getting_started.show()
        self.getting_started.raise_()

    def show_guide(self) -> None:
        if self.guide is None:
            self.guide = GuideDialog(self._parent)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()

    def show_about(self) -> None:
        title = QCoreApplication.translate("HelpMenu", "About ae-desktop")
        QMessageBox.about(self._parent, title, about_text())
