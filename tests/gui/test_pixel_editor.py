"""The pixel editor through real mouse and key events, and the views beside it."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from ae_desktop.engine import Architecture, Autoencoder
from ae_desktop.gui.glyphs.editor_panel import EditorPanel


@pytest.fixture
def model():
    arch = Architecture.parse("35-8-2")
    return Autoencoder.initialize(arch, rng=np.random.default_rng(1))


@pytest.fixture
def panel(qtbot, model):
    panel = EditorPanel(5, 7)
    qtbot.addWidget(panel)
    panel.resize(420, 600)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_model(model)
    return panel


def click_cell(qtbot, editor, row, col, button=Qt.LeftButton, modifier=Qt.NoModifier):
    qtbot.mouseClick(editor, button, modifier, editor.cell_center(row, col))


def test_painting_a_cell_changes_the_glyph_and_the_reconstruction(qtbot, panel, model):
    editor = panel.editor
    before = panel.reconstruction.pixels()
    with qtbot.waitSignal(editor.pixels_changed):
        click_cell(qtbot, editor, 2, 3)
    expected = np.zeros((7, 5))
    expected[2, 3] = 1
    np.testing.assert_array_equal(editor.pixels(), expected)
    shown = panel.reconstruction.pixels()
    np.testing.assert_array_equal(shown, model.reconstruct(expected.reshape(1, -1)).reshape(7, 5))
    assert not np.array_equal(shown, before)
    np.testing.assert_array_equal(panel.thresholded.pixels(), shown >= 0.5)


def test_drag_paints_a_stroke_that_undoes_in_one_step(qtbot, panel):
    editor = panel.editor
    qtbot.mousePress(editor, Qt.LeftButton, pos=editor.cell_center(1, 0))
    for col in range(1, 5):
        qtbot.mouseMove(editor, editor.cell_center(1, col))
    qtbot.mouseRelease(editor, Qt.LeftButton, pos=editor.cell_center(1, 4))
    assert editor.pixels()[1].tolist() == [1, 1, 1, 1, 1]
    assert editor.undo_stack.count() == 1
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key_Z, Qt.ControlModifier)
    assert editor.pixels().sum() == 0
    qtbot.keyClick(editor, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert editor.pixels()[1].tolist() == [1, 1, 1, 1, 1]


def test_right_click_and_shift_click_erase(qtbot, panel):
    editor = panel.editor
    editor.load(np.ones((7, 5)))
    click_cell(qtbot, editor, 0, 0, Qt.RightButton)
    click_cell(qtbot, editor, 6, 4, Qt.LeftButton, Qt.ShiftModifier)
    pixels = editor.pixels()
    assert pixels[0, 0] == 0 and pixels[6, 4] == 0 and pixels.sum() == 33


def test_arrow_keys_move_the_cursor_and_space_toggles(qtbot, panel):
    editor = panel.editor
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key_Right)
    qtbot.keyClick(editor, Qt.Key_Right)
    qtbot.keyClick(editor, Qt.Key_Down)
    qtbot.keyClick(editor, Qt.Key_Space)
    assert editor.cursor_cell() == (1, 2)
    assert np.argwhere(editor.pixels()).tolist() == [[1, 2]]
    qtbot.keyClick(editor, Qt.Key_Space)
    assert editor.pixels().sum() == 0
    qtbot.keyClick(editor, Qt.Key_Up)
    qtbot.keyClick(editor, Qt.Key_Up)  # stops at the border
    assert editor.cursor_cell() == (0, 2)


def test_undo_and_redo_buttons_follow_the_stack(qtbot, panel):
    editor = panel.editor
    click_cell(qtbot, editor, 3, 3)
    qtbot.mouseClick(_button(panel, "Invert"), Qt.LeftButton)
    assert editor.pixels().sum() == 34
    assert panel.undo_action.isEnabled() and not panel.redo_action.isEnabled()
    panel.undo_action.trigger()
    assert editor.pixels().sum() == 1
    panel.undo_action.trigger()
    assert editor.pixels().sum() == 0 and not panel.undo_action.isEnabled()
    panel.redo_action.trigger()
    panel.redo_action.trigger()
    assert editor.pixels().sum() == 34


def test_clear_and_shift(qtbot, panel):
    editor = panel.editor
    click_cell(qtbot, editor, 0, 0)
    qtbot.mouseClick(_button(panel, "→"), Qt.LeftButton)
    qtbot.mouseClick(_button(panel, "↓"), Qt.LeftButton)
    assert np.argwhere(editor.pixels()).tolist() == [[1, 1]]
    qtbot.mouseClick(_button(panel, "←"), Qt.LeftButton)
    qtbot.mouseClick(_button(panel, "←"), Qt.LeftButton)  # falls off the edge
    assert editor.pixels().sum() == 0
    editor.load(np.ones((7, 5)))
    qtbot.mouseClick(_button(panel, "Clear"), Qt.LeftButton)
    assert editor.pixels().sum() == 0


def test_add_noise_flips_k_pixels_and_counts_wrong_pixels_against_the_clean_glyph(
    qtbot, panel, model
):
    glyph = np.zeros((7, 5))
    glyph[1:6, 2] = 1
    panel.load(glyph)
    panel.noise_amount.setValue(4)
    qtbot.mouseClick(_button(panel, "Add noise"), Qt.LeftButton)
    noisy = panel.editor.pixels()
    assert (noisy != glyph).sum() == 4
    np.testing.assert_array_equal(panel.editor.clean_pixels(), glyph)
    output = model.reconstruct(noisy.reshape(1, -1)).reshape(7, 5)
    wrong = ((output >= 0.5) != glyph).sum()
    assert panel.wrong.detail() == f"{wrong} px vs clean"
    panel.noise_unit.setCurrentIndex(1)  # percent of 35 pixels
    panel.noise_amount.setValue(20)
    assert panel.noise_count() == 7
    panel.undo_action.trigger()
    np.testing.assert_array_equal(panel.editor.pixels(), glyph)


def test_editor_takes_any_glyph_size(qtbot, panel):
    panel.load(np.eye(4))
    click_cell(qtbot, panel.editor, 0, 3)
    assert panel.editor.pixels().shape == (4, 4) and panel.editor.pixels()[0, 3] == 1
    assert "expects 35 pixels" in panel.model_note.text()


def _button(panel, text):
    from PySide6.QtWidgets import QToolButton

    return next(b for b in panel.findChildren(QToolButton) if b.text() == text)
