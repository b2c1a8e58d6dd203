"""The latent plane: clicks and drags decode exactly, Keep, the map, interpolation."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt

from ae_desktop.data import bundled_font
from ae_desktop.engine import Architecture, Autoencoder, interpolate, latent_extent
from ae_desktop.gui.latent.latent_canvas import LatentCanvas


@pytest.fixture
def model():
    arch = Architecture.parse("35-8-2")
    return Autoencoder.initialize(arch, rng=np.random.default_rng(2))


@pytest.fixture
def canvas(qtbot, model):
    canvas = LatentCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(700, 500)
    canvas.show()
    qtbot.waitExposed(canvas)
    glyphs = bundled_font("font1")
    canvas.set_glyphs(glyphs.matrix(), glyphs.labels, (7, 5))
    canvas.set_model(model, reframe=True)
    return canvas


def widget_pos(canvas, x, y):
    """Viewport pixel of latent point (x, y)."""
    scene = canvas.view.mapViewToScene(QPointF(x, y))
    return canvas.plot_widget.mapFromScene(scene)


def pixel_size(canvas):
    (x0, x1), (y0, y1) = canvas.view.viewRange()
    rect = canvas.view.sceneBoundingRect()
    return (x1 - x0) / rect.width(), (y1 - y0) / rect.height()


def test_points_and_labels_are_the_glyph_codes(canvas, model):
    glyphs = bundled_font("font1")
    np.testing.assert_array_equal(canvas.codes, model.encode(glyphs.matrix()))
    x, y = canvas.points.getData()
    np.testing.assert_array_equal(np.c_[x, y], canvas.codes)
    assert [t.toPlainText() for t in canvas._texts] == glyphs.labels
    (x0, x1), (y0, y1) = canvas.view.viewRange()
    assert x0 <= canvas.codes[:, 0].min() and canvas.codes[:, 0].max() <= x1


def test_click_shows_exactly_the_decoding_of_the_clicked_point(qtbot, canvas, model):
    target = canvas.codes.mean(axis=0)
    qtbot.mouseClick(canvas.plot_widget.viewport(), Qt.LeftButton, pos=widget_pos(canvas, *target))
    z = canvas.picked_z
    dx, dy = pixel_size(canvas)
    assert abs(z[0] - target[0]) <= 1.5 * dx and abs(z[1] - target[1]) <= 1.5 * dy
    expected = model.decode(z[None, :]).reshape(7, 5)
    np.testing.assert_array_equal(canvas.preview_pixels, expected)
    np.testing.assert_array_equal(canvas.preview.pixels(), expected)
    assert canvas.keep_button.isEnabled()


def test_drag_moves_the_preview_with_the_pointer(qtbot, canvas, model, monkeypatch):
    # pyqtgraph drops moves closer than 10 ms apart; test events come faster than that
    monkeypatch.setitem(pg.CONFIG_OPTIONS, "mouseRateLimit", 0)
    viewport = canvas.plot_widget.viewport()
    (x0, x1), (y0, y1) = canvas.view.viewRange()
    path = [(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t) for t in (0.3, 0.45, 0.6, 0.7)]
    qtbot.mousePress(viewport, Qt.LeftButton, pos=widget_pos(canvas, *path[0]))
    seen = []
    for point in path[1:]:
        qtbot.mouseMove(viewport, widget_pos(canvas, *point))
        seen.append(canvas.picked_z.copy())
        np.testing.assert_array_equal(
            canvas.preview_pixels, model.decode(canvas.picked_z[None]).reshape(7, 5)
        )
    qtbot.mouseRelease(viewport, Qt.LeftButton, pos=widget_pos(canvas, *path[-1]))
    dx, dy = pixel_size(canvas)
    assert abs(seen[-1][0] - path[-1][0]) <= 1.5 * dx
    assert abs(seen[-1][1] - path[-1][1]) <= 1.5 * dy
    assert seen[0][0] < seen[1][0] < seen[2][0]


def test_keep_needs_a_label_and_emits_the_thresholded_glyph(qtbot, canvas):
    canvas.pick((0.1, -0.2))
    with qtbot.assertNotEmitted(canvas.glyph_kept):
        qtbot.mouseClick(canvas.keep_button, Qt.LeftButton)
    qtbot.keyClicks(canvas.label_edit, "sz")
    with qtbot.waitSignal(canvas.glyph_kept) as blocker:
        qtbot.mouseClick(canvas.keep_button, Qt.LeftButton)
    label, pixels = blocker.args
    assert label == "sz"
    np.testing.assert_array_equal(pixels, canvas.preview_pixels >= 0.5)


def test_latent_map_covers_the_glyph_frame(canvas, model):
    canvas.show_map.setChecked(True)
    image = canvas.map_image.image
    nx, ny = canvas.map_tiles()
    assert nx == 13 and 3 <= ny and image.shape == (ny * 8, 13 * 6)
    (x0, x1), (y0, y1) = latent_extent(canvas.codes)
    rect = canvas.map_image.mapRectToParent(canvas.map_image.boundingRect())
    dx, dy = (x1 - x0) / 12, (y1 - y0) / (ny - 1)
    assert rect.left() == pytest.approx(x0 - dx / 2)
    assert rect.width() == pytest.approx(13 * dx) and rect.height() == pytest.approx(ny * dy)
    # each thumbnail is glyph-shaped on screen: height / width close to 8 / 6
    view = canvas.view
    (vx0, vx1), (vy0, vy1) = view.viewRange()
    screen = view.sceneBoundingRect()
    tile_w = dx * screen.width() / (vx1 - vx0)
    tile_h = dy * screen.height() / (vy1 - vy0)
    assert tile_h / tile_w == pytest.approx(8 / 6, rel=0.25)
    # top-left tile (y max, x min) sits at the top of the image as displayed (last rows)
    top_left = model.decode(np.array([[x0, y1]])).reshape(7, 5)
    np.testing.assert_allclose(image[::-1][:7, :5], top_left)
    canvas.show_map.setChecked(False)
    assert canvas.map_image.image is None


def test_model_with_a_1d_latent_shows_a_message(canvas):
    narrow = Autoencoder.initialize(Architecture.parse("35-8-1"))
    canvas.set_model(narrow)
    assert not canvas.usable() and "1-D latent" in canvas.message.text()
    assert len(canvas.points.getData()[0]) == 0
    assert len(canvas.codes) == 0 and canvas._texts == []  # no labels left at stale codes


def test_keep_adds_a_glyph_to_the_set(window, qtbot, train):
    train(arch="35-10-2", epochs=200, target_errors=None)
    canvas = window.latent_canvas
    n = len(window.document.glyphs)
    target = canvas.codes[:2].mean(axis=0)
    qtbot.mouseClick(canvas.plot_widget.viewport(), Qt.LeftButton, pos=widget_pos(canvas, *target))
    qtbot.keyClicks(canvas.label_edit, "new")
    qtbot.mouseClick(canvas.keep_button, Qt.LeftButton)
    glyphs = window.document.glyphs
    assert len(glyphs) == n + 1 and glyphs.labels[-1] == "new"
    np.testing.assert_array_equal(glyphs.pixels[-1], canvas.preview_pixels >= 0.5)
    assert window.document.modified and window.glyph_grid.count() == n + 1
    assert len(canvas.codes) == n + 1


def test_drawn_glyph_moves_on_the_plane(window, qtbot, train):
    train(arch="35-10-2", epochs=100, target_errors=None)
    editor = window.editor_panel.editor
    x, y = window.latent_canvas.drawn.getData()
    code = window.session.model.encode(editor.pixels().reshape(1, -1))[0]
    np.testing.assert_array_equal([x[0], y[0]], code)
    qtbot.mouseClick(editor, Qt.LeftButton, pos=editor.cell_center(3, 2))
    x, y = window.latent_canvas.drawn.getData()
    code = window.session.model.encode(editor.pixels().reshape(1, -1))[0]
    np.testing.assert_array_equal([x[0], y[0]], code)


def test_interpolation_shows_n_glyphs_ends_included_and_the_path(window, qtbot, train):
    train(arch="35-10-2", epochs=100, target_errors=None)
    panel = window.interpolation
    glyphs = window.document.glyphs
    panel.start.setCurrentIndex(glyphs.index_of("a"))
    panel.end.setCurrentIndex(glyphs.index_of("o"))
    panel.steps.setValue(10)
    qtbot.mouseClick(panel.run_button, Qt.LeftButton)
    # as `ae-desktop interpolate --steps 10`: 10 glyphs, both ends included
    assert panel.images.shape == (10, 7, 5) and panel.strip.count() == 10
    assert "both ends" in panel.steps.text() and "both ends" in panel.steps.toolTip()
    ends = window.session.model.encode(
        glyphs.matrix()[[glyphs.index_of("a"), glyphs.index_of("o")]]
    )
    codes, images = interpolate(window.session.model, ends[0], ends[1], 10)
    np.testing.assert_array_equal(panel.images, images.reshape(10, 7, 5))
    x, y = window.latent_canvas.path.getOriginalDataset()
    np.testing.assert_array_equal(np.c_[x, y], codes)


def test_vae_frame_covers_three_sigma_of_the_prior(canvas):
    vae = Autoencoder.initialize(
        Architecture.parse("35-8-2", kind="vae"), rng=np.random.default_rng(0)
    )
    canvas.set_model(vae, reframe=True)
    (x0, x1), (y0, y1) = canvas.view.viewRange()
    assert x0 <= -3 and x1 >= 3 and y0 <= -3 and y1 >= 3
    glyphs = bundled_font("font1")
    np.testing.assert_array_equal(canvas.codes, vae.encode(glyphs.matrix()))


def test_the_message_says_why_the_plane_is_empty(canvas, model):
    canvas.set_model(None)
    assert canvas.message.text().startswith("Train or open a model")
    canvas.set_glyphs(np.eye(16)[:3], ["a", "b", "c"], (4, 4))
    canvas.set_model(model)
    assert canvas.message.text() == "The model takes 35 pixels; these glyphs have 16."
    assert not canvas.keep_button.isEnabled()


def test_training_ticks_keep_the_view_until_the_codes_leave_it(canvas, model):
    nudged = model.copy()
    for _ in range(3):  # training ticks: the codes move a little each time
        nudged = nudged.copy()
        nudged.theta += 1e-4
        canvas.set_model(nudged)
        if _ == 0:
            before = canvas.view.viewRange()  # framed once with room to spare
    assert not np.array_equal(canvas.codes, model.encode(bundled_font("font1").matrix()))
    assert canvas.view.viewRange() == before  # no new range: axes and grid not redrawn
    spread = model.copy()
    w_off, b_off = spread.arch.offsets
    spread.theta[w_off[1] : b_off[1] + 2] *= 4  # 8 -> 2, the linear code layer: codes x4
    canvas.set_model(spread)
    (x0, x1), (y0, y1) = canvas.view.viewRange()
    assert x0 <= canvas.codes[:, 0].min() and canvas.codes[:, 0].max() <= x1
    assert y0 <= canvas.codes[:, 1].min() and canvas.codes[:, 1].max() <= y1
    assert canvas.view.viewRange() != before


def test_a_strip_glyph_clicked_shows_in_the_preview_and_keep_adds_it(canvas, model, qtbot):
    from ae_desktop.gui.latent.interpolation_panel import InterpolationPanel

    panel = InterpolationPanel()
    qtbot.addWidget(panel)
    glyphs = bundled_font("font1")
    panel.set_glyphs(glyphs.matrix(), glyphs.labels, (7, 5))
    panel.set_model(model)
    panel.code_picked.connect(canvas.pick)  # as the window wires them
    panel.show()
    qtbot.waitExposed(panel)
    panel.steps.setValue(5)
    qtbot.mouseClick(panel.run_button, Qt.LeftButton)
    third = panel.strip.itemAt(2).widget()
    qtbot.mouseClick(third, Qt.LeftButton)
    np.testing.assert_array_equal(canvas.picked_z, panel.codes[2])
    np.testing.assert_allclose(canvas.preview.pixels(), panel.images[2], atol=1e-12)
    qtbot.keyClicks(canvas.label_edit, "mid")
    with qtbot.waitSignal(canvas.glyph_kept) as kept:
        qtbot.mouseClick(canvas.keep_button, Qt.LeftButton)
    assert kept.args[0] == "mid"
    np.testing.assert_array_equal(kept.args[1], (panel.images[2] >= 0.5).astype(float))


def visible_label_rects(canvas):
    canvas.grab()  # paints: the labels take their on-screen transform
    return [(t.toPlainText(), t.sceneBoundingRect()) for t in canvas._texts if t.isVisible()]


def test_text_labels_never_cover_each_other(canvas, qtbot):
    glyphs = bundled_font("font1")
    matrix = glyphs.matrix()
    twin = matrix[0]
    # a twin of the first glyph: the same code, so the same spot on the plane
    canvas.set_glyphs(np.vstack([matrix, twin]), glyphs.labels + ["|"], (7, 5))
    shown = visible_label_rects(canvas)
    assert len(shown) >= len(glyphs.labels) // 2
    for i, (a, rect_a) in enumerate(shown):
        for b, rect_b in shown[i + 1 :]:
            assert not rect_a.intersects(rect_b), (a, b)
    canvas.view.scaleBy((4, 4))  # zoomed out: crowded, the labels thin out
    shown = visible_label_rects(canvas)
    for i, (a, rect_a) in enumerate(shown):
        assert not any(rect_a.intersects(rect_b) for _, rect_b in shown[i + 1 :]), a


@pytest.mark.parametrize("scale", [1e300, np.inf, np.nan])
def test_codes_it_cannot_draw_show_a_note_and_the_next_model_draws(canvas, model, scale):
    bad = model.copy()
    with np.errstate(invalid="ignore", over="ignore"):
        bad.theta[:] = bad.theta * scale
    canvas.show_map.setChecked(True)
    canvas.set_model(bad, reframe=True)
    canvas.grab()  # pyqtgraph raised "Cannot set range [nan, nan]" here
    assert "codes cannot be drawn" in canvas.message.text() and canvas.message.isVisible()
    assert len(canvas.points.getData()[0]) == 0 and not canvas.keep_button.isEnabled()
    canvas.set_drawn_point(np.array([np.nan, 1.0]))
    canvas.set_model(model, reframe=True)
    canvas.grab()
    assert not canvas.message.isVisible()
    x, y = canvas.points.getData()
    np.testing.assert_array_equal(np.c_[x, y], canvas.codes)
    (x0, x1), _ = canvas.view.viewRange()
    assert x0 <= canvas.codes[:, 0].min() and canvas.codes[:, 0].max() <= x1


def test_the_top_tick_label_shows_whole(canvas):
    from PySide6.QtGui import QImage, QPainter

    canvas.set_model(None)
    canvas.view.setRange(xRange=(-3, 3), yRange=(-3, 3), padding=0)  # as an empty plane
    axis = canvas.plot.getAxis("left")
    image = QImage(10, 10, QImage.Format_ARGB32)
    painter = QPainter(image)
    try:
        texts = axis.generateDrawSpecs(painter)[2]
    finally:
        painter.end()
    viewport = canvas.plot_widget.viewport().rect()
    assert texts
    for rect, _, text in texts:
        shown = canvas.plot_widget.mapFromScene(axis.mapRectToScene(rect)).boundingRect()
        assert viewport.contains(shown), text
