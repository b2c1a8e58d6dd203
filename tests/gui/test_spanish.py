"""The window in Spanish: every menu, dock title, widget text, dialog and status line
differs from its English text (or is a name, a number or a term the reports use as is),
and nothing is clipped at the default window size."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDockWidget,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabBar,
    QToolButton,
    QWidget,
)

from ae_desktop.engine import CURVE, PIXELS, Architecture, Autoencoder, TrainConfig
from ae_desktop.gui import language
from ae_desktop.gui.glyphs.circles_dialog import CirclesDialog
from ae_desktop.gui.glyphs.new_set_dialog import NewSetDialog

# The same in both languages: names, units and the reports' own terms.
ALLOWLIST = {
    "ae-desktop",
    "Autoencoder",
    "Dropout",
    "KL",
    "min-max",
    "± std",
    "vae (β {0})",
    "English",
    "Español",
    "Language / Idioma",
    language.RESTART_NOTE,
    "leaky relu",
    "float64",
    "MIT",
    "OK",
}
NAME = re.compile(
    r"^(\S{1,3}|font\d|[\w.+-]+ [\d.]+|[a-z_]+|[\d\s.,:/%×x±−+-]*|tcp://HOST:8786"
    r"|z\d+ × z\d+"  # the latent plane's views of two code axes
    r"|\d+ px)$"  # a size or a count of pixels
)


@pytest.fixture(autouse=True)
def keep_locale():
    """Installing a language sets the default locale: give the next test the one it had."""
    before = QLocale()
    yield
    language.remove_translators()
    QLocale.setDefault(before)


@pytest.fixture
def spanish(qapp):
    """The app in Spanish (the stored setting, as View > Language leaves it)."""
    QSettings().setValue(language.KEY, language.SPANISH)
    assert language.install_translators(language.language_in_use()) == [
        "ae_desktop_es",
        "qtbase_es",
    ]


def texts(widget: QWidget) -> list[str]:
    """The user-visible texts of ``widget`` and its children, in a fixed order."""
    found = [widget.windowTitle()] if isinstance(widget, (QDialog, QDockWidget)) else []
    for child in [widget, *widget.findChildren(QWidget)]:
        found.append(child.toolTip())
        if isinstance(child, (QLabel, QAbstractButton)):
            found.append(child.text())
        elif isinstance(child, QAbstractSpinBox):  # the number with its prefix and suffix
            found.append(child.text())
        elif isinstance(child, QGroupBox):
            found.append(child.title())
        elif isinstance(child, QLineEdit):
            found.append(child.placeholderText())
        elif isinstance(child, QComboBox):
            found += [child.itemText(i) for i in range(child.count())]
        elif isinstance(child, QTabBar) and not isinstance(child.parent(), QMainWindow):
            # (the dock area's tab bars, made as Qt lays out, repeat the dock titles)
            found += [child.tabText(i) for i in range(child.count())]
        elif isinstance(child, QDockWidget):
            found.append(child.windowTitle())
    return [text for text in found if text]  # (scroll bars come and go with the text)


def menu_texts(menu: QMenu) -> list[str]:
    """Every action of ``menu`` and its submenus, recursively, with its tooltip."""
    found = [menu.title()]
    for action in menu.actions():
        if action.menu() is not None:
            found += menu_texts(action.menu())
        elif not action.isSeparator():
            found += [action.text(), action.statusTip()]
    return found


def window_texts(window, answer_dialog, qtbot) -> list[str]:
    """Menus, docks, widgets, then the dialogs, opened by their actions; the glyph
    editor's and grid's edits, the latent plane, a short training's status lines."""
    found = []
    for action in window.menuBar().actions():
        found += menu_texts(action.menu())
    found += texts(window)
    window.actions["file.export_font"].trigger()
    dialog = window.file_menu.font_dialog
    found += texts(dialog)
    dialog.close()
    window.actions["help.guide"].trigger()
    found += texts(window.help.guide) + [window.help.guide.browser.toPlainText()[:40]]
    window.help.guide.close()
    for action_id in ("help.about", "file.save_model", "view.language.en"):
        shown = []
        answer_dialog(
            QMessageBox, lambda box, shown=shown: (shown.extend(texts(box)), box.accept())
        )
        window.actions[action_id].trigger()
        qtbot.waitUntil(lambda shown=shown: bool(shown))
        found += shown
    QSettings().setValue(language.KEY, language.active_language())
    found += glyph_texts(window, answer_dialog, qtbot)
    found += latent_texts(window, answer_dialog, qtbot)
    return found + training_texts(window, qtbot)


def dialog_texts(answer_dialog, qtbot, kind, act) -> list[str]:
    """The texts of the modal ``kind`` dialog ``act()`` opens, then cancelled."""
    shown = []
    answer_dialog(kind, lambda box: (shown.extend(texts(box)), box.reject()))
    act()
    qtbot.waitUntil(lambda: bool(shown))
    return shown


def glyph_texts(window, answer_dialog, qtbot) -> list[str]:
    """The editor's views (painted titles and details, the nearest glyph's tooltip), its
    undo tooltip after Clear, the Edit menu's glyph undo after a glyph is added, the
    new-set, circles and relabel dialogs."""
    panel, grid = window.editor_panel, window.glyph_grid
    found = []
    for kind, action_id in ((NewSetDialog, "file.new_set"), (CirclesDialog, "file.new_circles")):
        found += dialog_texts(answer_dialog, qtbot, kind, window.actions[action_id].trigger)
    found += dialog_texts(answer_dialog, qtbot, QInputDialog, grid.relabel_selected)
    model = Autoencoder.initialize(Architecture.parse("35-8-2"), rng=np.random.default_rng(0))
    window.session.replace(model)
    panel.editor.add_noise(2, np.random.default_rng(0))
    for view in (panel.reconstruction, panel.thresholded, panel.nearest, panel.wrong):
        found += [view.title(), view.detail(), view.toolTip()]
    panel.set_kind(CURVE)  # (the set stays one of pixels: the model expects other values)
    found += [panel.model_note.text(), panel.noise_button.toolTip(), panel.curve_editor.toolTip()]
    panel.set_kind(PIXELS)
    qtbot.mouseClick(next(b for b in panel.pixel_tools.findChildren(QToolButton)), Qt.LeftButton)
    found.append(panel.undo_action.toolTip())
    qtbot.mouseClick(next(b for b in grid.findChildren(QToolButton)), Qt.LeftButton)
    found += [grid.undo_action.text(), grid.redo_action.text()]  # as the Edit menu has them
    grid.undo_stack.undo()
    window.document.modified = False
    window.session.clear()
    return found


def training_texts(window, qtbot) -> list[str]:
    """A short training with a test split: its status summary while running and when
    done, its final message and a held-out glyph's tooltip."""
    summaries = []
    window.controller.reported.connect(lambda _: summaries.append(window.status.summary.text()))
    window.training_panel.set_config(TrainConfig(arch="35-8-2", epochs=3, test_fraction=0.25))
    with qtbot.waitSignal(window.controller.finished, timeout=60_000):
        qtbot.mouseClick(window.training_panel.start_button, Qt.LeftButton)
    grid = window.glyph_grid.model
    held_out = next(
        grid.index(row).data(Qt.ToolTipRole)
        for row in range(grid.rowCount())
        if grid.index(row).data(Qt.BackgroundRole) is not None
    )
    message = window.statusBar().currentMessage()
    return [summaries[-1], window.status.summary.text(), message, held_out]


def latent_texts(window, answer_dialog, qtbot) -> list[str]:
    """The latent plane of a 3-D model (view combo, slider, map controls), its
    interpolation strip and samples, and the main window's texts on the way: the set's
    status line, "Add glyph", "Cannot train", a glyph kept from the plane."""
    found = [window.statusBar().currentMessage()]
    model = Autoencoder.initialize(Architecture.parse("35-8-3"), rng=np.random.default_rng(0))
    window.session.replace(model)
    canvas = window.latent_canvas
    canvas.show_map.setChecked(True)
    canvas.pick(np.zeros(3))
    qtbot.mouseClick(window.interpolation.run_button, Qt.LeftButton)
    qtbot.mouseClick(window.samples.sample_button, Qt.LeftButton)
    window.samples.select(0)
    found += texts(canvas.parentWidget())
    qtbot.keyClicks(canvas.label_edit, "k")
    qtbot.mouseClick(canvas.keep_button, Qt.LeftButton)
    found.append(window.statusBar().currentMessage())
    window.document.modified = False
    # "Cannot train" says the engine's message (English: the CLI's) under its title
    for kind, act, read in (
        (QInputDialog, lambda: window.editor_panel.glyph_added.emit(np.zeros((7, 5))), texts),
        (QMessageBox, window.start_training, lambda box: [box.windowTitle()]),
    ):
        shown = []
        answer_dialog(kind, lambda box, s=shown, r=read: (s.extend(r(box)), box.reject()))
        window.training_panel.arch.setText("35-x-2")  # (Start is disabled: checked live)
        act()
        qtbot.waitUntil(lambda shown=shown: bool(shown))
        found += shown
    window.training_panel.arch.setText("35-8-3")
    return found


def untranslated(english: list[str], spanish: list[str]) -> list[str]:
    assert len(english) == len(spanish), "the two windows differ in structure"
    return sorted(
        {
            text
            for text, other in zip(english, spanish)
            if text == other
            and text.replace("&", "") not in ALLOWLIST
            and not NAME.match(text.replace("&", ""))
        }
    )


@pytest.fixture
def english_texts(qtbot, answer_dialog):
    from ae_desktop.gui.main_window import MainWindow

    language.install_translators(language.ENGLISH)
    window = MainWindow()
    window.show()
    qtbot.waitExposed(window)
    found = window_texts(window, answer_dialog, qtbot)
    window.session.saved = True  # no "save the model?" question
    window.close()
    language.remove_translators()
    return found


def test_every_string_of_the_translated_files_is_spanish(
    english_texts, spanish, window, answer_dialog, qtbot
):
    spanish_texts = window_texts(window, answer_dialog, qtbot)
    assert untranslated(english_texts, spanish_texts) == []
    for expected in (
        "&Nuevo conjunto de glifos…",
        "Tasa de aprendizaje",
        "Exportar fuente",
        "Guardar",
        "Cerrar",
        "&Archivo",
        "Mapa latente",
        "Conservar #1",
        "Interpolar",
        "Muestras de la semilla 0",
        "font3: 32 glifos de 5x7",
        "No se puede entrenar",
        "Etiqueta del glifo nuevo:",
        "Sombrear por margen",
        "Agregar al conjunto",
        "Sin ruido",
        "Deshacer «Limpiar»",
        "Deshacer edición de glifos (agregar el glifo '?')",
        "Nuevo conjunto de círculos",
        "Renombrar glifo",
        "época 3/3   pérdida",
        "Terminado en la época 3: ",
        "(afuera del entrenamiento)",
    ):
        assert any(expected in text for text in spanish_texts), expected


def test_the_walk_fails_on_an_untranslated_string(qtbot, monkeypatch):
    """The editor panel with "Add to set" left out of the translation: the walk names it."""
    from ae_desktop.gui.glyphs.editor_panel import EditorPanel

    def tr(self, text, *args):
        return (
            text if text == "Add to set" else QCoreApplication.translate("EditorPanel", text, *args)
        )

    monkeypatch.setattr(EditorPanel, "tr", tr)
    walked = []
    for used in (language.ENGLISH, language.SPANISH):
        language.install_translators(used)
        panel = EditorPanel()
        qtbot.addWidget(panel)
        walked.append(texts(panel))
    assert "Agregar ruido" in walked[1]
    assert untranslated(*walked) == ["Add to set"]


def fitting_texts(area: QWidget, window) -> set[str]:
    """The texts of the labels, buttons and spin boxes shown in ``area``, each checked to
    fit its widget (widgets of a fixed width, the editor's square arrows, are left out)."""
    checked = set()
    for child in area.findChildren(QWidget):
        fixed = child.minimumWidth() == child.maximumWidth()
        if not child.isVisibleTo(window) or child.width() == 0 or fixed:
            continue
        labelled = isinstance(child, QLabel) and not child.wordWrap()
        if (labelled or isinstance(child, (QAbstractButton, QAbstractSpinBox))) and child.text():
            assert child.sizeHint().width() <= child.width(), child.text()
            checked.add(child.text())
    return checked


def test_nothing_is_clipped_at_the_default_size(spanish, window, qtbot):
    checked = set()
    for dock in window.findChildren(QDockWidget):  # each tab of the right-hand dock area in turn
        dock.show()
        dock.raise_()
        qtbot.wait(20)
        checked |= fitting_texts(dock, window)
    checked |= fitting_texts(window.editor_panel, window)
    assert {"Tasa de aprendizaje", "Iniciar", "Correr barrido (6 corridas)"} <= checked
    assert {"Sombrear por margen", "Renombrar…", "Agregar al conjunto", "Limpiar"} <= checked
    panel = window.editor_panel  # the views' painted titles (elided where too narrow)
    for view in (panel.reconstruction, panel.thresholded, panel.nearest, panel.wrong):
        assert view.fontMetrics().horizontalAdvance(view.title()) <= view.width(), view.title()


def test_the_latent_plane_fits_at_the_default_size(spanish, window, qtbot):
    model = Autoencoder.initialize(Architecture.parse("35-8-3"), rng=np.random.default_rng(0))
    window.session.replace(model)
    qtbot.mouseClick(window.interpolation.run_button, Qt.LeftButton)
    qtbot.mouseClick(window.samples.sample_button, Qt.LeftButton)
    window.samples.select(11)
    qtbot.wait(20)
    checked = fitting_texts(window.latent_canvas.parentWidget(), window)
    assert {"Mapa latente", "Conservar #12", "13 columnas", "Interpolar", "Vista"} <= checked


def test_the_language_follows_the_system_locale_and_the_stored_choice(qapp, monkeypatch):
    monkeypatch.setattr(QLocale, "system", lambda: QLocale("es_AR"))
    assert language.language_in_use() == language.SPANISH
    for stored, used in (("en", "en"), ("es", "es"), ("klingon", "es"), (3, "es")):
        QSettings().setValue(language.KEY, stored)
        assert language.language_in_use() == used
    monkeypatch.setattr(QLocale, "system", lambda: QLocale("de_DE"))
    QSettings().setValue(language.KEY, "system")
    assert language.language_in_use() == language.ENGLISH


def test_english_plural_forms(qapp):
    from ae_desktop.gui.training.loss_plot import LossPlot

    plot = LossPlot()
    try:
        language.install_translators(language.ENGLISH)
        plot._set_undrawable(1)
        assert plot.note.text().startswith("1 value not drawn")
        language.install_translators(language.SPANISH)
        plot._set_undrawable(2)
        assert plot.note.text().startswith("2 valores sin dibujar")
    finally:
        language.remove_translators()
        plot.deleteLater()


def test_help_pages_follow_the_language():
    from ae_desktop.help import help_text

    assert help_text("guide", "es").startswith("# Guía de ae-desktop")
    assert help_text("guide", "en").startswith("# ae-desktop guide")
    assert help_text("guide", "fr") == help_text("guide", "en")


def test_view_language_stores_the_choice_and_says_when_it_applies(window, answer_dialog, qtbot):
    said = []
    answer_dialog(QMessageBox, lambda box: (said.append(box.text()), box.accept()))
    window.actions["view.language.es"].trigger()
    qtbot.waitUntil(lambda: bool(said))
    assert "restart" in said[0] or "starts again" in said[0]
    assert "se vuelve a abrir" in said[0]
    assert (
        QSettings().value(language.KEY) == "es" and window.actions["view.language.es"].isChecked()
    )
    assert language.active_language() == language.ENGLISH  # until the next start


def test_docks_keep_their_english_names_for_the_saved_state(spanish, window):
    """The saved window state and the view.* action ids name docks in English."""
    docks = {dock.objectName(): dock for dock in window.findChildren(QDockWidget)}
    for name in ("glyphs", "training", "loss", "experiments", "network"):
        assert f"{name}_dock" in docks and f"view.{name}_dock" in window.actions.ids()
    assert docks["training_dock"].windowTitle() == "Entrenamiento"
    docks["loss_dock"].hide()
    state = window.saveState()  # as an English session stored it: the same names
    docks["loss_dock"].show()
    assert window.restoreState(state) and docks["loss_dock"].isHidden()
