"""File > New glyph set…: the dialog's presets and sizes, and what a new size changes."""

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from ae_desktop.engine import Architecture, Autoencoder
from ae_desktop.gui.glyphs.new_set_dialog import NewSetDialog


def choose(
    qtbot, name: str, presses: int = 0, width: str | None = None, button=QDialogButtonBox.Ok
):
    """Dialog answer: type ``name``, press Down ``presses`` times in the size presets,
    optionally type a width, then click ``button``."""

    def act(dialog: NewSetDialog):
        qtbot.keyClick(dialog.name, Qt.Key_A, Qt.ControlModifier)
        qtbot.keyClicks(dialog.name, name)
        for _ in range(presses):
            qtbot.keyClick(dialog.preset, Qt.Key_Down)
        if width is not None:
            qtbot.keyClick(dialog.width_box, Qt.Key_A, Qt.ControlModifier)
            qtbot.keyClicks(dialog.width_box, width)
        qtbot.mouseClick(dialog.buttons.button(button), Qt.LeftButton)

    return act


def test_ctrl_n_makes_a_28x28_set_with_a_fitting_architecture(window, qtbot, answer_dialog):
    window.session.replace(Autoencoder.initialize(Architecture.parse("35-6-2")))
    answer_dialog(NewSetDialog, choose(qtbot, "digits", presses=4))  # 5x7 -> 28x28
    qtbot.keyClick(window, Qt.Key_N, Qt.ControlModifier)
    g = window.document.glyphs
    assert (g.name, g.width, g.height, len(g)) == ("digits", 28, 28, 0)
    assert window.session.model is None  # a 35-pixel model does not fit 784 pixels
    panel = window.training_panel
    assert panel.arch.text() == "784-256-2" and panel.error.text() == ""
    editor = window.editor_panel.editor
    assert editor.pixels().shape == (28, 28)
    assert editor.sizeHint().width() <= 420  # not 40 px per cell
    qtbot.mouseClick(editor, Qt.LeftButton, pos=editor.cell_center(27, 27))
    assert editor.pixels()[27, 27] == 1.0


def test_typed_size_and_add_glyphs_then_train(window, qtbot, answer_dialog, train):
    answer_dialog(NewSetDialog, choose(qtbot, "wide", width="12"))
    window.file_menu.new_set()
    g = window.document.glyphs
    assert (g.width, g.height) == (12, 7)
    for i in range(3):
        window.document.add(str(i), np.eye(7, 12) * (i + 1) / 3)
    assert window.glyph_grid.count() == 3
    assert window.training_panel.arch.text() == "84-42-2"
    assert train(epochs=20, arch="84-42-2", target_errors=None) == "done"
    assert window.session.model.arch.n_inputs == 84 and "·" in window.glyph_grid.text(0)


def test_cancel_keeps_the_set_and_unsaved_edits_are_asked_about(
    window, qtbot, answer_dialog, monkeypatch
):
    before = window.document.glyphs
    answer_dialog(NewSetDialog, choose(qtbot, "x", presses=2, button=QDialogButtonBox.Cancel))
    window.file_menu.new_set()
    assert window.document.glyphs is before
    window.document.relabel(0, "edited")
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[1]) or QMessageBox.Cancel
    )
    answer_dialog(NewSetDialog, choose(qtbot, "y"))
    window.file_menu.new_set()
    assert asked == ["Unsaved glyphs"] and window.document.glyphs is before


def test_the_presets_follow_typed_sizes():
    dialog = NewSetDialog(5, 7)
    assert dialog.preset.currentText() == "5 × 7"
    dialog.width_box.setValue(9)
    assert dialog.preset.currentText() == "Other size"
    dialog.preset.setCurrentIndex(dialog.preset.findText("20 × 20"))
    assert (dialog.width_box.value(), dialog.height_box.value()) == (20, 20)
    assert dialog.glyph_set().pixels.shape == (0, 20, 20)
    dialog.deleteLater()
