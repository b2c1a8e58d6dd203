"""The editor's nearest-glyph preview beside the Denoised view, through real clicks."""

from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import Qt

from ae_desktop.data import bundled_font
from ae_desktop.engine import CURVE, nearest_glyphs
from ae_desktop.gui.glyphs.editor_panel import EditorPanel

FONT = bundled_font("font3")


class IdentityModel:
    """Returns the drawing unchanged: Denoised is the drawing itself."""

    arch = SimpleNamespace(n_inputs=35)

    def encode(self, x):
        return np.asarray(x, dtype=float)

    def decode(self, code):
        return code


@pytest.fixture
def panel(qtbot):
    panel = EditorPanel(5, 7)
    qtbot.addWidget(panel)
    panel.resize(520, 600)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def click_cell(qtbot, editor, row, col):
    qtbot.mouseClick(editor, Qt.LeftButton, Qt.NoModifier, editor.cell_center(row, col))


def test_nearest_glyph_agrees_then_differs_after_a_click(qtbot, panel):
    rows = FONT.matrix()
    panel.set_glyphs(rows, FONT.labels)
    panel.set_model(IdentityModel())
    glyph = FONT.pixels[5]
    panel.load(glyph)
    np.testing.assert_array_equal(panel.nearest.pixels(), glyph)
    assert panel.nearest.detail() == f"{FONT.labels[5]}: agrees"
    # one pixel off: still nearest to glyph 5 or tied; the identity keeps the wrong pixel
    row, col = next((r, c) for r in range(7) for c in range(5) if glyph[r, c] == 0)
    click_cell(qtbot, panel.editor, row, col)
    drawing = panel.editor.pixels()
    tied = np.flatnonzero(nearest_glyphs(drawing.reshape(1, -1), rows)[0])
    np.testing.assert_array_equal(panel.nearest.pixels(), FONT.pixels[tied[0]])
    apart = int((FONT.pixels[tied[0]] != drawing).sum())
    assert apart >= 1 and panel.nearest.detail().endswith(f"{apart} px off")


def test_no_glyph_set_or_other_size_shows_nothing(qtbot, panel):
    panel.set_model(IdentityModel())
    assert panel.nearest.pixels() is None
    panel.set_glyphs(np.ones((3, 16)), ["a", "b", "c"])  # 4x4 glyphs, a 5x7 drawing
    assert panel.nearest.pixels() is None
    panel.set_kind(CURVE)
    assert not panel.nearest.isVisible()


def test_window_shows_the_nearest_glyph_of_its_set(window, train, qtbot):
    assert train(seed=0) == "target_reached"
    panel = window.editor_panel
    glyphs = window.document.glyphs
    qtbot.mouseClick(panel.editor, Qt.LeftButton, Qt.NoModifier, panel.editor.cell_center(0, 0))
    drawing = panel.editor.pixels()
    rows = glyphs.pixels.reshape(len(glyphs), -1)
    first = np.flatnonzero(nearest_glyphs(drawing.reshape(1, -1), rows)[0])[0]
    np.testing.assert_array_equal(panel.nearest.pixels(), glyphs.pixels[first])
    denoised = panel.thresholded.pixels()
    agrees = np.array_equal(denoised, glyphs.pixels[first])
    assert panel.nearest.detail().endswith("agrees") == agrees
    assert "nearest to the drawing" in panel.nearest.toolTip()
