"""Glyph grid (model/view): big sets load at once, only visible rows are reconstructed,
selection, keys, double click and wrong-pixel marks."""

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QInputDialog

from ae_desktop.data import GlyphSet
from ae_desktop.gui.glyphs.glyph_view import WRONG

N_BIG = 60_000


def big_set() -> GlyphSet:
    pixels = np.zeros((N_BIG, 28, 28))
    pixels[:, 10:18, 10:18] = 1.0
    return GlyphSet("big", 28, 28, [str(i % 10) for i in range(N_BIG)], pixels)


class CountingReconstructor:
    """Identity 'model' that counts the rows it was asked to reconstruct."""

    def __init__(self):
        self.rows = 0

    def __call__(self, x):
        self.rows += len(x)
        return x.copy()


def test_a_60k_set_shows_at_once_and_reconstructs_only_visible_rows(grid, qtbot):
    glyphs = big_set()
    grid.document.set_glyphs(glyphs)
    grid.list.viewport().repaint()
    assert grid.count() == N_BIG and grid.selected_index() == 0
    model = CountingReconstructor()
    grid.set_reconstructor(model)
    grid.list.viewport().repaint()
    assert 0 < model.rows <= 512  # a few blocks of rows in sight, not 60,000
    assert grid.text(0) == "0  ·  0"
    before = model.rows
    grid.set_reconstructor(model)  # a training tick
    grid.list.viewport().repaint()
    assert model.rows - before == before


def test_scrolling_to_a_late_glyph_and_clicking_selects_it(grid, qtbot):
    grid.document.set_glyphs(big_set())
    chosen = []
    grid.glyph_selected.connect(chosen.append)
    index = grid.model.index(N_BIG - 5)
    grid.list.scrollTo(index)
    qtbot.mouseClick(grid.list.viewport(), Qt.LeftButton, pos=grid.list.visualRect(index).center())
    assert chosen == [N_BIG - 5] and grid.selected_index() == N_BIG - 5
    qtbot.keyClick(grid.list, Qt.Key_Right)
    assert chosen == [N_BIG - 5, N_BIG - 4]


def test_double_click_relabels_and_keeps_the_selection_silent(grid, qtbot, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ω", True))
    chosen = []
    grid.glyph_selected.connect(chosen.append)
    pos = grid.list.visualRect(grid.model.index(3)).center()
    qtbot.mouseClick(grid.list.viewport(), Qt.LeftButton, pos=pos)  # a double click's
    qtbot.mouseDClick(grid.list.viewport(), Qt.LeftButton, pos=pos)  # first press
    assert grid.document.glyphs.labels[3] == "Ω" and grid.text(3) == "Ω"
    assert chosen == [3]  # the click selected it; the relabel did not select again


def test_wrong_pixels_are_marked_red_and_counted(grid, qtbot):
    def red_pixels():
        image = grid.list.viewport().grab().toImage()
        return sum(
            image.pixelColor(x, y) == _red_on_ink()
            for x in range(0, image.width(), 1)
            for y in range(0, 90)
        )

    grid.set_reconstructor(lambda x: x.copy())
    assert red_pixels() == 0
    grid.set_reconstructor(np.zeros_like)  # every ink pixel is lost
    ink = int((grid.document.glyphs.pixels[1] >= 0.5).sum())
    assert grid.text(1) == f"a  ·  {ink}"
    assert red_pixels() > 0
    grid.set_reconstructor(None)
    assert grid.text(1) == "a" and red_pixels() == 0


def _red_on_ink() -> QColor:
    """WRONG at 75% over paper: how a wrong pixel of an all-paper output looks."""
    alpha = 0xC0 / 255
    return QColor(*(round(c * alpha + 255 * (1 - alpha)) for c in WRONG.getRgb()[:3]))


def test_curve_sets_show_curves_and_no_pixel_counts(grid, qtbot):
    from ae_desktop.data.circles import circles
    from ae_desktop.gui.glyphs.glyph_view import INK

    grid.document.set_glyphs(circles(6, 0.2, 0.8, 21))
    grid.set_reconstructor(lambda x: x.copy())
    assert grid.text(0) == grid.document.glyphs.labels[0]  # no "· wrong pixels"
    image = grid.list.viewport().grab().toImage()
    rect = grid.list.visualRect(grid.model.index(0))
    ink = sum(
        image.pixelColor(x, y) == INK
        for x in range(rect.left(), rect.right())
        for y in range(rect.top(), rect.bottom())
    )
    assert ink > 20  # two drawn circles
