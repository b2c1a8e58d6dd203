"""Curve glyph sets (report 003's circles): created from the File menu, previewed and
mapped as closed curves, kept as coordinates."""

import numpy as np
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu

from ae_desktop.data import bundled_font
from ae_desktop.data.circles import circles
from ae_desktop.engine import Architecture, Autoencoder
from ae_desktop.gui.circles_dialog import CirclesDialog
from ae_desktop.gui.glyph_view import GlyphCanvas
from ae_desktop.gui.latent_canvas import LatentCanvas


def dark(color: QColor) -> bool:
    return color.lightness() < 120


def test_curve_preview_draws_the_circle_not_pixels(qtbot):
    view = GlyphCanvas()
    qtbot.addWidget(view)
    view.resize(200, 200)
    view.set_kind("curve")
    view.set_glyph(circles(count=1, r_min=0.8, r_max=0.8, points=40).pixels[0])
    image = view.grab().toImage()
    side = 200
    centre = side / 2
    for angle in np.linspace(0, 2 * np.pi, 12, endpoint=False):
        # on the circle of radius 0.8 (of the half side): ink nearby
        x, y = centre + 0.8 * centre * np.cos(angle), centre - 0.8 * centre * np.sin(angle)
        near = [image.pixelColor(int(x) + dx, int(y) + dy) for dx in (-2, 0, 2)
                for dy in (-2, 0, 2)]
        assert any(dark(c) for c in near), f"no ink at angle {angle:.2f}"
    for x, y in ((centre + 20, centre + 20), (centre - 0.4 * centre, centre - 20)):
        assert not dark(image.pixelColor(int(x), int(y)))  # inside the ring: paper
    view.set_kind("pixels")  # the same values as pixels: a 2-column strip, no ring
    strip = view.grab().toImage()
    assert not any(dark(strip.pixelColor(int(centre + 0.8 * centre), y))
                   for y in range(90, 110))


def test_circles_dialog_makes_the_set_it_describes(qtbot):
    dialog = CirclesDialog()
    qtbot.addWidget(dialog)
    for box, text in ((dialog.count, "12"), (dialog.points, "9")):
        box.selectAll()
        qtbot.keyClicks(box, text)
    dialog.r_max.selectAll()
    qtbot.keyClicks(dialog.r_max, "0.05")
    assert not dialog.ok_button.isEnabled()  # smallest radius above the largest
    dialog.r_max.selectAll()
    qtbot.keyClicks(dialog.r_max, "0.5")
    assert dialog.ok_button.isEnabled()
    curves = dialog.glyph_set()
    assert (len(curves), curves.height, curves.kind) == (12, 9, "curve")
    radii = np.linalg.norm(curves.pixels * 2 - 1, axis=2)
    np.testing.assert_allclose(radii[[0, -1], 0], [0.1, 0.5])


def test_file_menu_replaces_the_set_with_circles(window, qtbot):
    file_menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&File")
    action = next(a for a in file_menu.actions() if "circles" in a.text())

    def accept_dialog():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CirclesDialog)
        dialog.count.setValue(30)
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok),
                         Qt.LeftButton)

    QTimer.singleShot(0, accept_dialog)
    action.trigger()
    glyphs = window.document.glyphs
    assert (len(glyphs), glyphs.kind, glyphs.n_pixels) == (30, "curve", 42)
    assert window.latent_canvas.preview.kind == "curve"


def curve_canvas(qtbot):
    curves = circles(count=40)
    model = Autoencoder.initialize(Architecture.parse("42-8-2"), rng=np.random.default_rng(3))
    canvas = LatentCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(700, 500)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.set_glyphs(curves.matrix(), curves.labels, (21, 2), curves.kind)
    canvas.set_model(model, reframe=True)
    return canvas, model


def test_latent_plane_of_curves_maps_curves_and_keeps_coordinates(qtbot):
    canvas, model = curve_canvas(qtbot)
    canvas.show_map.setChecked(True)
    x, y = canvas.map_curves.getData()
    columns, rows = canvas.map_tiles()
    assert canvas.map_image.image is None
    assert np.isnan(x).sum() == columns * rows            # one closed curve per grid point
    z = canvas.codes.mean(axis=0)
    point = canvas.plot_widget.mapFromScene(canvas.view.mapViewToScene(QPointF(*z)))
    qtbot.mouseClick(canvas.plot_widget.viewport(), Qt.LeftButton, pos=point)
    assert canvas.preview_pixels.shape == (21, 2) and canvas.preview.kind == "curve"
    qtbot.keyClicks(canvas.label_edit, "new")
    with qtbot.waitSignal(canvas.glyph_kept) as blocker:
        qtbot.keyClick(canvas.label_edit, Qt.Key_Return)
    np.testing.assert_array_equal(blocker.args[1], canvas.preview_pixels)  # not thresholded


def test_editor_reconstruction_of_a_curve_set_is_a_curve(window, qtbot, train):
    window.document.set_glyphs(circles(count=20))
    train(arch="42-8-2", epochs=50, target_errors=None, loss="mse")
    panel = window.editor_panel
    assert panel.reconstruction.kind == "curve"
    assert not panel.thresholded.isVisible() and not panel.wrong.isVisible()
    np.testing.assert_array_equal(panel.reconstruction.pixels(),
                                  window.model.reconstruct(panel.curve_editor.pixels().reshape(1, -1))
                                  .reshape(21, 2))
    window.document.set_glyphs(bundled_font("font1"))
    assert panel.reconstruction.kind == "pixels" and panel.thresholded.isVisible()


def test_interpolation_strip_of_a_curve_set_shows_curves(window, qtbot, train):
    window.document.set_glyphs(circles(count=20))
    train(arch="42-8-2", epochs=50, target_errors=None, loss="mse")
    panel = window.interpolation
    panel.steps.setValue(3)
    qtbot.mouseClick(panel.run_button, Qt.LeftButton)
    views = [panel.strip.itemAt(i).widget() for i in range(panel.strip.count())]
    assert len(views) == 5 and all(v.kind == "curve" for v in views)
    np.testing.assert_array_equal(views[2].pixels(), panel.images[2])
