"""The window's state by design: the model session, actions looked up by id, the Help
menu, closing with an unsaved model, and the desktop's memory of files."""

import os

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QWidget,
)

from ae_desktop.engine import Architecture, Autoencoder, TrainConfig
from ae_desktop.engine.model_metadata import model_metadata
from ae_desktop.gui.actions import ActionRegistry
from ae_desktop.gui.help_menu import GuideDialog, package_version
from ae_desktop.gui.model_session import RECOVERED, TRAINED, ModelSession


def small_model(arch="35-6-2"):
    return Autoencoder.initialize(Architecture.parse(arch), rng=np.random.default_rng(0))


# -- ModelSession ----------------------------------------------------------------------
def test_the_session_signals_every_change_and_knows_what_is_saved(qtbot, tmp_path):
    session = ModelSession()
    changes = []
    session.changed.connect(lambda: changes.append(session.unsaved))
    model = small_model()
    session.replace(model, path=tmp_path / "m.npz")
    assert not session.unsaved and session.path.name == "m.npz"
    session.trained(model, TrainConfig(), continued=False)
    assert session.unsaved and session.origin == TRAINED and session.path is None
    session.mark_saved(tmp_path / "n.npz")
    session.replace(model, origin=RECOVERED)
    assert session.unsaved
    session.clear()
    assert changes == [False, True, False, True, False] and session.model is None


def test_the_session_metadata_is_the_command_lines(qtbot):
    session, config = ModelSession(), TrainConfig(lr=0.01)
    history, tests = np.ones((4, 3)), np.ones((2, 2))
    session.replace(small_model(), config, history, tests)
    metadata = session.metadata("font3", (7, 5))
    assert metadata == model_metadata(config, history, tests, "font3", (7, 5))
    assert metadata["optimizer_settings"]["lr"] == 0.01
    assert "image_shape" not in session.metadata("big", (16, 16))  # does not fit the model


# -- ActionRegistry --------------------------------------------------------------------
def test_the_registry_makes_each_action_once_and_fills_menus(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    actions, fired = ActionRegistry(host), []
    open_action = actions.add(
        "file.open",
        "&Open",
        lambda: fired.append("open"),
        (QKeySequence.Open, "Ctrl+O"),
        tip="Open a file",
    )
    assert actions["file.open"] is open_action and "file.open" in actions
    assert open_action.objectName() == "file.open" and open_action in host.actions()
    assert [k.toString() for k in open_action.shortcuts()].count("Ctrl+O") == 1
    assert open_action.statusTip() == "Open a file"
    with pytest.raises(KeyError):
        actions.add("file.open", "Again")
    panel = QWidget(host)
    elsewhere = actions.register("edit.undo", panel.addAction("Undo"))
    assert elsewhere not in host.actions() and actions.ids() == ["file.open", "edit.undo"]
    menu = QMenu(host)
    actions.fill(menu, ["file.open", None, "edit.undo"])
    assert [a.isSeparator() for a in menu.actions()] == [False, True, False]
    open_action.trigger()
    assert fired == ["open"]


def test_every_menu_entry_is_a_registered_action(window):
    def entries(menu):
        for action in menu.actions():
            if action.menu() is not None:
                yield from entries(action.menu())
            elif not action.isSeparator():
                yield action

    recent = window.file_menu.recent_menu
    for top in window.menuBar().actions():
        for action in entries(top.menu()):
            if action not in recent.actions():  # the recent files themselves change
                assert window.actions[action.objectName()] is action
    file_menu = next(
        o for o in window.actions["file.new_set"].associatedObjects() if isinstance(o, QMenu)
    )
    assert file_menu.actions()[1] is window.actions["file.new_circles"]


# -- Help ------------------------------------------------------------------------------
def test_f1_opens_the_guide(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.editor_panel.editor, Qt.Key_F1)
    guide = window.findChild(GuideDialog)
    assert guide is not None and guide.isVisible()
    assert "ae-desktop guide" in guide.browser.toPlainText()
    guide.close()


def test_about_lists_the_version_licence_and_libraries(window, answer_dialog):
    shown = []
    answer_dialog(QMessageBox, lambda box: (shown.append(box.text()), box.accept()))
    window.actions["help.about"].trigger()
    assert f"ae-desktop {package_version('ae-desktop')}" in shown[0]
    assert "MIT" in shown[0] and "numpy" in shown[0] and "pyqtgraph" in shown[0]


def test_getting_started_shows_its_dock(window, qtbot):
    dock = window.findChild(QDockWidget, "getting_started_dock")
    assert dock.isHidden()
    window.actions["help.getting_started"].trigger()
    assert dock.isVisible() and "Draw" in dock.widget().toPlainText()


# -- closing with an unsaved model -----------------------------------------------------
def test_closing_the_window_asks_about_an_unsaved_model(window, qtbot, monkeypatch):
    window.session.trained(small_model(), TrainConfig(), continued=False)
    answers = [QMessageBox.Cancel, QMessageBox.Discard]
    monkeypatch.setattr(QMessageBox, "question", lambda *a: answers.pop(0))
    window.close()
    assert window.isVisible() and answers == [QMessageBox.Discard]
    window.close()
    assert not window.isVisible() and answers == []


# -- files -----------------------------------------------------------------------------
@pytest.fixture
def chooser(monkeypatch):
    """Scripted file dialogs recording the folder each one opened in."""

    class Chooser:
        path, folders = "", []

    c = Chooser()
    c.folders = []

    def choose(parent, caption, folder, *args, **kwargs):
        c.folders.append(folder)
        return c.path, ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    return c


def test_dialogs_open_in_the_last_folder_and_recent_lists_models(
    window, chooser, tmp_path, monkeypatch
):
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: pytest.fail(a[2]))
    (tmp_path / "sets").mkdir()
    (tmp_path / "models").mkdir()
    chooser.path = str(tmp_path / "sets" / "mine.json")
    window.actions["file.save_set_as"].trigger()
    window.session.replace(small_model(), TrainConfig(arch="35-6-2"), origin=TRAINED)
    chooser.path = str(tmp_path / "models" / "m.npz")
    window.actions["file.save_model"].trigger()
    chooser.path = str(tmp_path / "sets" / "mine.json")
    window.actions["file.open_set"].trigger()
    chooser.path = str(tmp_path / "models" / "m.npz")
    window.actions["file.open_model"].trigger()
    assert chooser.folders[2:] == [str(tmp_path / "sets"), str(tmp_path / "models")]
    assert chooser.folders[1] == "model.npz"  # nothing remembered for models yet
    names = [a.text() for a in window.file_menu.recent_menu.actions()]
    assert names == ["mine.json", "", "m.npz (model)"]
    window.session.clear()
    window.file_menu.recent_menu.actions()[2].trigger()
    assert window.session.path.name == "m.npz" and not window.session.unsaved


def test_the_last_set_and_model_reopen_at_launch(window, qtbot, chooser, tmp_path):
    from ae_desktop.gui.main_window import MainWindow

    chooser.path = str(tmp_path / "mine.json")
    window.actions["file.save_set_as"].trigger()
    window.session.replace(small_model(), origin=TRAINED)
    chooser.path = str(tmp_path / "m.npz")
    window.actions["file.save_model"].trigger()
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.document.path.name == "mine.json" and again.session.path.name == "m.npz"
    np.testing.assert_array_equal(again.session.model.theta, small_model().theta)
    again.close()


def test_a_last_file_gone_or_bad_is_skipped_with_a_status_message(
    window, qtbot, chooser, tmp_path, monkeypatch
):
    from ae_desktop.gui.main_window import MainWindow

    chooser.path = str(tmp_path / "mine.json")
    window.actions["file.save_set_as"].trigger()
    window.session.replace(small_model(), origin=TRAINED)
    chooser.path = str(tmp_path / "M.npz")
    window.actions["file.save_model"].trigger()
    window.close()
    os.remove(tmp_path / "mine.json")
    (tmp_path / "M.npz").write_bytes(b"not a model")
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: pytest.fail("a dialog"))
    again = MainWindow()
    qtbot.addWidget(again)
    message = again.statusBar().currentMessage()
    assert message.startswith("Could not reopen the last glyph set mine.json")
    assert "the last model M.npz" in message and again.session.model is None
    again.close()


def test_reopening_at_launch_can_be_turned_off(window, qtbot, chooser, tmp_path):
    from ae_desktop.gui.main_window import MainWindow

    chooser.path = str(tmp_path / "mine.json")
    window.actions["file.save_set_as"].trigger()
    reopen = window.actions["file.reopen_last"]
    assert reopen.isChecked()
    reopen.trigger()
    window.close()
    assert QSettings().value("startup/reopen_last") in (False, "false")
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.document.path is None and not again.actions["file.reopen_last"].isChecked()
    again.close()


def test_saving_an_empty_set_is_refused(window, qtbot, chooser, tmp_path, answer_dialog):
    grid = window.glyph_grid
    delete = next(b for b in grid.findChildren(QToolButton) if b.text() == "Delete")
    while len(window.document.glyphs):
        qtbot.mouseClick(delete, Qt.LeftButton)
    shown = []
    answer_dialog(QMessageBox, lambda box: (shown.append(box.text()), box.accept()))
    chooser.path = str(tmp_path / "empty.json")
    window.actions["file.save_set_as"].trigger()
    assert "no glyphs" in shown[0] and not (tmp_path / "empty.json").exists()


# -- wiring ----------------------------------------------------------------------------
def test_undoing_a_delete_puts_the_glyph_back_in_place(window, qtbot):
    grid, labels = window.glyph_grid, list(window.document.glyphs.labels)
    pixels = window.document.glyphs.pixels[3].copy()
    grid.select(3)
    delete = next(b for b in grid.findChildren(QToolButton) if b.text() == "Delete")
    qtbot.mouseClick(delete, Qt.LeftButton)
    assert window.document.glyphs.labels == labels[:3] + labels[4:]
    qtbot.keyClick(grid.list, Qt.Key_Z, Qt.ControlModifier)
    assert window.document.glyphs.labels == labels and grid.selected_index() == 3
    np.testing.assert_array_equal(window.document.glyphs.pixels[3], pixels)


def test_the_editors_add_is_undoable(window, qtbot, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("new", True))
    n = len(window.document.glyphs)
    add = next(b for b in window.editor_panel.findChildren(QPushButton) if b.text() == "Add to set")
    qtbot.mouseClick(add, Qt.LeftButton)
    assert window.document.glyphs.labels[-1] == "new"
    window.actions["edit.undo_glyphs"].trigger()
    assert len(window.document.glyphs) == n


def test_the_edit_menu_holds_both_undo_stacks(window):
    edit = window.actions["edit.undo_glyphs"].associatedObjects()
    assert any(isinstance(o, QMenu) for o in edit)
    assert window.actions["edit.redo_drawing"].shortcuts()[0] == QKeySequence("Ctrl+Shift+Z")


def test_settings_changed_follows_the_subset_and_the_stop_rule(window, qtbot):
    panel = window.training_panel
    with qtbot.waitSignal(panel.settings_changed, timeout=1000):
        panel.subset.setCurrentIndex(1)
    with qtbot.waitSignal(panel.settings_changed, timeout=1000):
        qtbot.mouseClick(panel.stop_when_exact, Qt.LeftButton)


def test_closing_the_model_clears_the_loss_axes(window, qtbot, train):
    train(arch="35-10-2", epochs=300, target_errors=None)
    qtbot.waitUntil(lambda: window.loss_plot.plot.viewRange()[0][1] > 100)
    window.session.clear()
    assert window.loss_plot.plot.viewRange()[0][1] <= 1.5


def test_a_folder_import_says_what_it_skipped(window, qtbot, monkeypatch, tmp_path):
    from PySide6.QtGui import QImage

    image = QImage(5, 7, QImage.Format_Grayscale8)
    image.fill(255)
    image.save(str(tmp_path / "a.png"))
    os.mkfifo(tmp_path / "b.png")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(tmp_path))
    window.actions["file.import_images"].trigger()
    qtbot.waitUntil(lambda: len(window.document.glyphs) == 1, timeout=10_000)
    assert "1 skipped as not regular files" in window.statusBar().currentMessage()


def test_a_strip_glyph_clicked_is_decoded_and_kept(window, qtbot, train):
    train(arch="35-10-2", epochs=100, target_errors=None)
    strip = window.interpolation
    qtbot.mouseClick(strip.run_button, Qt.LeftButton)
    canvas = strip.strip.itemAt(3).widget()
    qtbot.mouseClick(canvas, Qt.LeftButton)
    np.testing.assert_array_equal(window.latent_canvas.picked_z, strip.codes[3])
    n = len(window.document.glyphs)
    qtbot.keyClicks(window.latent_canvas.label_edit, "k")
    qtbot.mouseClick(window.latent_canvas.keep_button, Qt.LeftButton)
    assert len(window.document.glyphs) == n + 1
    window.actions["edit.undo_glyphs"].trigger()  # Keep is undoable too
    assert len(window.document.glyphs) == n
