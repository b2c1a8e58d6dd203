"""The latent plane of a code above 2-D: a chosen view (two axes, or the first two
principal components) with a slider per other direction, decoding live."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QAbstractSlider

from ae_desktop.data import bundled_font
from ae_desktop.engine import Architecture, Autoencoder, latent_extent
from ae_desktop.engine.latent import grid_points
from ae_desktop.gui.latent.latent_canvas import LatentCanvas
from ae_desktop.gui.latent.latent_map import pixel_mosaic

GLYPHS = bundled_font("font1")


def make_canvas(qtbot, latent: int) -> tuple[LatentCanvas, Autoencoder]:
    model = Autoencoder.initialize(
        Architecture.parse(f"35-8-{latent}"), rng=np.random.default_rng(latent)
    )
    canvas = LatentCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(700, 560)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.set_glyphs(GLYPHS.matrix(), GLYPHS.labels, (7, 5))
    canvas.set_model(model, reframe=True)
    return canvas, model


def click_plane(qtbot, canvas, x, y) -> None:
    scene = canvas.view.mapViewToScene(QPointF(x, y))
    pos = canvas.plot_widget.mapFromScene(scene)
    qtbot.mouseClick(canvas.plot_widget.viewport(), Qt.LeftButton, pos=pos)


def pixel_size(canvas):
    (x0, x1), (y0, y1) = canvas.view.viewRange()
    rect = canvas.view.sceneBoundingRect()
    return (x1 - x0) / rect.width(), (y1 - y0) / rect.height()


def choose_view(qtbot, canvas, name: str) -> None:
    combo = canvas.controls.view
    while combo.currentText() != name:
        qtbot.keyClick(combo, Qt.Key_Down)


def move_slider(qtbot, slider, fraction: float) -> None:
    """Click the slider's groove at ``fraction`` of its length (superqt jumps there)."""
    inner = slider.findChild(QAbstractSlider)
    rect = inner.rect()
    qtbot.mouseClick(
        inner, Qt.LeftButton, pos=QPoint(int(rect.width() * fraction), rect.center().y())
    )


def test_a_3d_code_shows_an_axis_plane_and_decodes_the_lifted_click(qtbot):
    canvas, model = make_canvas(qtbot, 3)
    controls = canvas.controls
    assert controls.isVisible() and not canvas.message.isVisible()
    assert [controls.view.itemText(i) for i in range(controls.view.count())] == [
        "z1 × z2",
        "z1 × z3",
        "z2 × z3",
        "principal components 1 × 2",
    ]
    choose_view(qtbot, canvas, "z1 × z3")
    codes = model.encode(GLYPHS.matrix())
    np.testing.assert_array_equal(canvas.plane_codes, codes[:, [0, 2]])
    x, y = canvas.points.getData()
    np.testing.assert_array_equal(np.c_[x, y], codes[:, [0, 2]])
    (slider,) = controls.sliders
    assert slider.value() == pytest.approx(codes[:, 1].mean())  # z2 at the codes' mean
    span = np.ptp(codes[:, 1])
    assert slider.minimum() == pytest.approx(codes[:, 1].min() - 0.1 * span)
    assert canvas.plot.getAxis("left").labelText == "z₃"

    target = canvas.plane_codes.mean(axis=0)
    click_plane(qtbot, canvas, *target)
    z = canvas.picked_z
    dx, dy = pixel_size(canvas)
    assert abs(z[0] - target[0]) <= 1.5 * dx and abs(z[2] - target[1]) <= 1.5 * dy
    lifted = np.array([z[0], slider.value(), z[2]])  # the plane point at the slider's z2
    np.testing.assert_array_equal(z, lifted)
    np.testing.assert_array_equal(canvas.preview_pixels, model.decode(lifted[None]).reshape(7, 5))

    before = canvas.preview_pixels.copy()
    move_slider(qtbot, slider, 0.9)
    moved = np.array([lifted[0], slider.value(), lifted[2]])
    assert slider.value() > codes[:, 1].mean()
    np.testing.assert_array_equal(canvas.picked_z, moved)
    np.testing.assert_array_equal(canvas.preview_pixels, model.decode(moved[None]).reshape(7, 5))
    np.testing.assert_array_equal(canvas.preview.pixels(), canvas.preview_pixels)
    assert not np.array_equal(canvas.preview_pixels, before)


def test_the_map_of_a_3d_code_decodes_the_lifted_grid(qtbot, monkeypatch):
    canvas, model = make_canvas(qtbot, 3)
    monkeypatch.setattr("ae_desktop.gui.latent.latent_canvas.MAP_PAUSE", 0)
    canvas.show_map.setChecked(True)
    (slider,) = canvas.controls.sliders

    def expected():
        (x0, x1), (y0, y1) = latent_extent(canvas.plane_codes)
        nx, ny = canvas.map_tiles()
        points = grid_points((x0, x1), (y0, y1), nx, ny).reshape(-1, 2)
        codes = np.c_[points, np.full(len(points), slider.value())]  # z3 from the slider
        tiles = model.decode(codes, "float32").reshape(ny, nx, 7, 5)
        return pixel_mosaic(tiles)

    np.testing.assert_array_equal(canvas.map_image.image, expected())
    first = canvas.map_image.image.copy()
    move_slider(qtbot, slider, 0.05)
    np.testing.assert_array_equal(canvas.map_image.image, expected())
    assert not np.array_equal(canvas.map_image.image, first)


def test_principal_components_of_a_4d_code(qtbot):
    canvas, model = make_canvas(qtbot, 4)
    controls = canvas.controls
    choose_view(qtbot, canvas, "principal components 1 × 2")
    codes = model.encode(GLYPHS.matrix())
    mean = codes.mean(axis=0)
    _, _, vt = np.linalg.svd(codes - mean)
    signs = np.sign(np.sum(vt * canvas.projection.basis, axis=1))  # up to sign
    np.testing.assert_allclose(canvas.projection.basis, vt * signs[:, None], atol=1e-9)
    scores = (codes - mean) @ (vt * signs[:, None]).T
    np.testing.assert_allclose(canvas.plane_codes, scores[:, :2], atol=1e-9)
    x, y = canvas.points.getData()
    np.testing.assert_allclose(np.c_[x, y], scores[:, :2], atol=1e-9)
    assert [s.value() for s in controls.sliders] == pytest.approx([0, 0], abs=1e-9)
    assert canvas.plot.getAxis("bottom").labelText == "PC 1"

    move_slider(qtbot, controls.sliders[1], 0.8)
    target = scores[:, :2].mean(axis=0) + 0.1
    click_plane(qtbot, canvas, *target)
    z = canvas.picked_z
    point = (z - mean) @ (vt * signs[:, None]).T
    dx, dy = pixel_size(canvas)
    assert abs(point[0] - target[0]) <= 1.5 * dx and abs(point[1] - target[1]) <= 1.5 * dy
    np.testing.assert_allclose(point[2:], [s.value() for s in controls.sliders], atol=1e-9)
    np.testing.assert_array_equal(canvas.preview_pixels, model.decode(z[None]).reshape(7, 5))


def test_the_view_is_kept_for_the_session_and_2d_hides_it(qtbot):
    canvas, _ = make_canvas(qtbot, 3)
    choose_view(qtbot, canvas, "z2 × z3")
    canvas.pick(canvas.codes[5])
    canvas.set_model(Autoencoder.initialize(Architecture.parse("35-8-5")))
    assert canvas.picked_z is None and len(canvas.controls.sliders) == 3  # a 3-D pick: gone
    assert canvas.controls.view.currentText() == "z2 × z3"
    canvas.set_model(Autoencoder.initialize(Architecture.parse("35-8-2")))
    assert not canvas.controls.isVisible() and canvas.plot.getAxis("bottom").labelText == "z₁"
    canvas.set_model(Autoencoder.initialize(Architecture.parse("35-6-3")))
    assert canvas.controls.view.currentText() == "z2 × z3"
    assert canvas.projection.labels == ("z2", "z3", "z1")


def test_window_projects_path_samples_and_keeps_a_glyph(window, qtbot, train, monkeypatch):
    monkeypatch.setitem(pg.CONFIG_OPTIONS, "mouseRateLimit", 0)
    train(arch="35-10-3", epochs=30, target_errors=None)
    canvas, model = window.latent_canvas, window.session.model
    choose_view(qtbot, canvas, "z1 × z3")
    window.interpolation.steps.setValue(4)
    qtbot.mouseClick(window.interpolation.run_button, Qt.LeftButton)
    x, y = canvas.path.getOriginalDataset()
    np.testing.assert_array_equal(np.c_[x, y], window.interpolation.codes[:, [0, 2]])
    qtbot.mouseClick(window.samples.sample_button, Qt.LeftButton)
    x, y = window.samples.marks.getData()
    np.testing.assert_allclose(np.c_[x, y], window.samples.codes[:, [0, 2]])
    qtbot.mouseClick(window.samples.strip.itemAt(1).widget(), Qt.LeftButton)
    np.testing.assert_array_equal(canvas.picked_z, window.samples.codes[1])
    assert canvas.controls.sliders[0].value() == window.samples.codes[1][1]  # its z2

    n = len(window.document.glyphs)
    click_plane(qtbot, canvas, *canvas.plane_codes[3])
    qtbot.keyClicks(canvas.label_edit, "q")
    qtbot.mouseClick(canvas.keep_button, Qt.LeftButton)
    glyphs = window.document.glyphs
    assert len(glyphs) == n + 1 and glyphs.labels[-1] == "q"
    decoded = model.decode(canvas.picked_z[None]).reshape(glyphs.pixels[-1].shape)
    np.testing.assert_array_equal(glyphs.pixels[-1], decoded >= 0.5)
