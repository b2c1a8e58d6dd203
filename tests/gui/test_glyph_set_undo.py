"""Adding, deleting and relabelling glyphs undo with Ctrl+Z in the glyph panel, and no
action throws away a drawing (defect 8 of issue 11)."""

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QToolButton


def button(grid, text):
    return next(b for b in grid.findChildren(QToolButton) if b.text() == text)


def undo(qtbot, widget):
    qtbot.keyClick(widget, Qt.Key_Z, Qt.ControlModifier)


def test_add_undoes_and_redoes(grid, qtbot):
    before = grid.document.glyphs
    qtbot.mouseClick(button(grid, "Add"), Qt.LeftButton)
    assert grid.count() == len(before) + 1 and grid.selected_index() == len(before)
    undo(qtbot, grid.list)
    assert grid.document.glyphs.labels == before.labels and grid.count() == len(before)
    qtbot.keyClick(grid.list, Qt.Key_Y, Qt.ControlModifier)
    assert grid.document.glyphs.labels == before.labels + ["?"]
    undo(qtbot, grid.list)
    qtbot.keyClick(grid.list, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert grid.count() == len(before) + 1


def test_delete_undoes_back_into_its_place(grid, qtbot):
    labels = list(grid.document.glyphs.labels)
    pixels = grid.document.glyphs.pixels.copy()
    qtbot.mouseClick(
        grid.list.viewport(), Qt.LeftButton, pos=grid.list.visualRect(grid.model.index(3)).center()
    )
    qtbot.mouseClick(button(grid, "Delete"), Qt.LeftButton)
    assert grid.document.glyphs.labels == labels[:3] + labels[4:]
    undo(qtbot, grid.list)
    assert grid.document.glyphs.labels == labels and grid.text(3) == labels[3]
    np.testing.assert_array_equal(grid.document.glyphs.pixels, pixels)
    assert grid.selected_index() == 3


def test_relabel_undoes(grid, qtbot, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ω", True))
    grid.select(2)
    old = grid.document.glyphs.labels[2]
    qtbot.mouseClick(button(grid, "Relabel…"), Qt.LeftButton)
    assert grid.document.glyphs.labels[2] == "Ω"
    grid.list.setFocus()
    undo(qtbot, grid.list)
    assert grid.document.glyphs.labels[2] == old and grid.text(2) == old


def test_add_in_the_glyph_panel_keeps_the_drawing_a_ctrl_z_away(window, qtbot):
    editor, grid = window.editor_panel.editor, window.glyph_grid
    n = len(window.document.glyphs)
    qtbot.mouseClick(editor, Qt.LeftButton, pos=editor.cell_center(0, 0))
    qtbot.mouseClick(editor, Qt.LeftButton, pos=editor.cell_center(6, 4))
    drawing = editor.pixels()
    qtbot.mouseClick(button(grid, "Add"), Qt.LeftButton)
    assert len(window.document.glyphs) == n + 1 and editor.pixels().sum() == 0
    editor.setFocus()
    undo(qtbot, editor)  # the editor's Ctrl+Z: the drawing is back
    np.testing.assert_array_equal(editor.pixels(), drawing)
    grid.list.setFocus()
    undo(qtbot, grid.list)  # the glyph panel's Ctrl+Z: the blank glyph is gone
    assert len(window.document.glyphs) == n


def test_add_glyph_and_redraw_selected_undo(grid, qtbot):
    labels = list(grid.document.glyphs.labels)
    grid.select(1)
    old = grid.document.glyphs.pixels[1].copy()
    grid.redraw_selected(np.ones((7, 5)))
    grid.add_glyph("new", np.ones((7, 5)))
    assert grid.document.glyphs.labels == labels + ["new"]
    grid.list.setFocus()
    undo(qtbot, grid.list)
    undo(qtbot, grid.list)
    assert grid.document.glyphs.labels == labels
    np.testing.assert_array_equal(grid.document.glyphs.pixels[1], old)
