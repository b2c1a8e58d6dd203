"""Curve glyph sets (report 003's circles): created from the File menu, previewed and
mapped as closed curves, kept as coordinates."""

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton, QToolButton

from ae_desktop.data import bundled_font
from ae_desktop.data.circles import circles
from ae_desktop.engine import CURVE, PIXELS, Architecture, Autoencoder
from ae_desktop.gui.glyphs.circles_dialog import CirclesDialog
from ae_desktop.gui.glyphs.curve_editor import CurveEditor
from ae_desktop.gui.glyphs.glyph_view import GlyphCanvas
from ae_desktop.gui.latent.latent_canvas import LatentCanvas


def dark(color: QColor) -> bool:
    return color.lightness() < 120


def test_curve_preview_draws_the_circle_not_pixels(qtbot):
    view = GlyphCanvas()
    qtbot.addWidget(view)
    view.resize(200, 200)
    view.set_kind(CURVE)
    view.set_glyph(circles(count=1, r_min=0.8, r_max=0.8, points=40).pixels[0])
    image = view.grab().toImage()
    side = 200
    centre = side / 2
    for angle in np.linspace(0, 2 * np.pi, 12, endpoint=False):
        # on the circle of radius 0.8 (of the half side): ink nearby
        x, y = centre + 0.8 * centre * np.cos(angle), centre - 0.8 * centre * np.sin(angle)
        near = [
            image.pixelColor(int(x) + dx, int(y) + dy) for dx in (-2, 0, 2) for dy in (-2, 0, 2)
        ]
        assert any(dark(c) for c in near), f"no ink at angle {angle:.2f}"
    for x, y in ((centre + 20, centre + 20), (centre - 0.4 * centre, centre - 20)):
        assert not dark(image.pixelColor(int(x), int(y)))  # inside the ring: paper
    view.set_kind(PIXELS)  # the same values as pixels: a 2-column strip, no ring
    strip = view.grab().toImage()
    assert not any(dark(strip.pixelColor(int(centre + 0.8 * centre), y)) for y in range(90, 110))


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
    action = window.actions["file.new_circles"]

    def accept_dialog():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CirclesDialog)
        dialog.count.setValue(30)
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok), Qt.LeftButton
        )

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
    assert np.isnan(x).sum() == columns * rows  # one closed curve per grid point
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
    np.testing.assert_array_equal(
        panel.reconstruction.pixels(),
        window.session.model.reconstruct(panel.curve_editor.pixels().reshape(1, -1)).reshape(21, 2),
    )
    window.document.set_glyphs(bundled_font("font1"))
    assert panel.reconstruction.kind == "pixels" and panel.thresholded.isVisible()


def test_interpolation_strip_of_a_curve_set_shows_curves(window, qtbot, train):
    window.document.set_glyphs(circles(count=20))
    train(arch="42-8-2", epochs=50, target_errors=None, loss="mse")
    panel = window.interpolation
    panel.steps.setValue(5)
    qtbot.mouseClick(panel.run_button, Qt.LeftButton)
    views = [panel.strip.itemAt(i).widget() for i in range(panel.strip.count())]
    assert len(views) == 5 and all(v.kind == "curve" for v in views)
    np.testing.assert_array_equal(views[2].pixels(), panel.images[2])


def circle_panel(window, count=20):
    window.document.set_glyphs(circles(count=count))
    return window.editor_panel


def test_curve_set_is_edited_as_a_curve_and_pixel_sets_get_the_pixel_editor_back(window, qtbot):
    panel = circle_panel(window)
    curves = window.document.glyphs
    assert panel.editors.currentWidget() is panel.curve_editor
    np.testing.assert_array_equal(panel.curve_editor.pixels(), curves.pixels[0])
    assert not panel.pixel_tools.isVisible() and not panel.noise_unit.isVisible()
    assert panel.noise_sigma.isVisible()
    window.glyph_grid.select(5)
    np.testing.assert_array_equal(panel.curve_editor.pixels(), curves.pixels[5])

    font = bundled_font("font1")
    window.document.set_glyphs(font)
    assert panel.editors.currentWidget() is panel.editor
    assert panel.pixel_tools.isVisible() and panel.noise_unit.isVisible()
    assert not panel.noise_sigma.isVisible() and panel.thresholded.isVisible()
    np.testing.assert_array_equal(panel.editor.pixels(), font.pixels[0])
    clear = next(b for b in panel.pixel_tools.findChildren(QToolButton) if b.text() == "Clear")
    qtbot.mouseClick(clear, Qt.LeftButton)
    assert not panel.editor.pixels().any()
    qtbot.mouseClick(undo_button(panel), Qt.LeftButton)
    np.testing.assert_array_equal(panel.editor.pixels(), font.pixels[0])


def undo_button(panel) -> QToolButton:
    return next(
        b for b in panel.findChildren(QToolButton) if b.defaultAction() is panel.undo_action
    )


def test_dragging_a_point_moves_only_it_and_undo_puts_it_back(window, qtbot):
    panel = circle_panel(window)
    editor = panel.curve_editor
    before = editor.pixels()
    start = editor.point_position(0)
    target = start + QPoint(-40, 30)
    with qtbot.waitSignal(editor.pixels_changed):
        qtbot.mousePress(editor, Qt.LeftButton, pos=start)
        qtbot.mouseMove(editor, target)
        qtbot.mouseRelease(editor, Qt.LeftButton, pos=target)
    after = editor.pixels()
    np.testing.assert_array_equal(after[1:], before[1:])
    assert editor.point_position(0) == target
    assert after[0, 0] < before[0, 0] and after[0, 1] < before[0, 1]  # left and down
    np.testing.assert_array_equal(editor.clean_pixels(), after)  # a drawing, not noise
    qtbot.mouseClick(undo_button(panel), Qt.LeftButton)
    np.testing.assert_array_equal(editor.pixels(), before)


def test_keyboard_selects_and_nudges_points(window, qtbot):
    panel = circle_panel(window)
    editor = panel.curve_editor
    before = editor.pixels()
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key_PageDown)
    qtbot.keyClick(editor, Qt.Key_PageDown)
    qtbot.keyClick(editor, Qt.Key_Right)
    qtbot.keyClick(editor, Qt.Key_Up)
    assert editor.selected_point() == 2
    np.testing.assert_allclose(editor.pixels()[2], before[2] + [0.01, 0.01])
    np.testing.assert_array_equal(
        np.delete(editor.pixels(), 2, axis=0), np.delete(before, 2, axis=0)
    )
    qtbot.keyClick(editor, Qt.Key_PageUp)
    qtbot.keyClick(editor, Qt.Key_PageUp)
    qtbot.keyClick(editor, Qt.Key_PageUp)
    assert editor.selected_point() == 20  # wraps round the closed curve
    qtbot.keyClick(editor, Qt.Key_Z, Qt.ControlModifier)
    qtbot.keyClick(editor, Qt.Key_Z, Qt.ControlModifier)
    np.testing.assert_array_equal(editor.pixels(), before)


def test_curve_noise_is_gaussian_on_coordinates_and_errors_count_against_the_clean_curve(
    window, qtbot, train
):
    panel = circle_panel(window, count=30)
    train(arch="42-8-2", epochs=100, target_errors=None, loss="mse")
    editor = panel.curve_editor
    clean = editor.pixels()
    panel.noise_sigma.setValue(0.2)
    qtbot.mouseClick(panel.noise_button, Qt.LeftButton)
    noisy = editor.pixels()
    shift = (noisy - clean) * 2  # plane units
    assert np.all(shift != 0) and 0.1 < shift.std() < 0.3
    np.testing.assert_array_equal(editor.clean_pixels(), clean)
    output = window.session.model.reconstruct(noisy.reshape(1, -1)).reshape(21, 2)
    np.testing.assert_array_equal(panel.reconstruction.pixels(), output)
    error = 2 * np.linalg.norm(output - clean, axis=1).max()
    assert panel.reconstruction.detail() == f"max error {error:.3f} vs clean"


def test_curve_editor_draws_the_reconstruction_over_the_input(qtbot):
    editor = CurveEditor()
    qtbot.addWidget(editor)
    editor.resize(216, 216)  # a 200-pixel plane after the margins
    editor.load(circles(count=1, r_min=0.8, r_max=0.8, points=40).pixels[0])

    def blue_on_inner_ring() -> int:
        image = editor.grab().toImage()
        hits = 0
        for angle in np.linspace(0, 2 * np.pi, 24, endpoint=False):
            x, y = 108 + 40 * np.cos(angle), 108 - 40 * np.sin(angle)
            colors = [
                image.pixelColor(int(x) + dx, int(y) + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)
            ]
            hits += any(c.blue() > c.red() + 80 for c in colors)
        return hits

    assert blue_on_inner_ring() == 0
    editor.set_reconstruction(circles(count=1, r_min=0.4, r_max=0.4, points=40).pixels[0])
    assert blue_on_inner_ring() >= 12  # dashed: most angles hit a dash


def test_status_bar_of_a_curve_set_gives_the_largest_point_error(window, qtbot, train):
    circle_panel(window, count=20)
    train(arch="42-8-2", epochs=60, target_errors=None, loss="mse")
    rows = window.document.glyphs.matrix()
    worst = CURVE.errors(window.session.model.reconstruct(rows), rows).max()
    message = window.statusBar().currentMessage()
    assert f"points within {worst:.3f} of their input" in message
    assert "px" not in message and "wrong" not in message
    window.document.set_glyphs(bundled_font("font1"))
    train(arch="35-8-2", epochs=5, target_errors=None)
    assert "within 1 px" in window.statusBar().currentMessage()


def test_a_curves_error_is_in_plane_units():
    inputs = np.array([[0.5, 0.5, 1.0, 0.5]])  # (0, 0) and (1, 0) in the plane
    outputs = np.array([[0.5, 0.75, 1.0, 0.5]])  # (0, 0.5) and (1, 0)
    np.testing.assert_allclose(CURVE.errors(outputs, inputs), [0.5])


def test_replace_selected_stores_the_edited_curve(window, qtbot):
    panel = circle_panel(window)
    window.glyph_grid.select(3)
    editor = panel.curve_editor
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key_Left)
    replace = next(b for b in panel.findChildren(QPushButton) if b.text() == "Replace selected")
    qtbot.mouseClick(replace, Qt.LeftButton)
    np.testing.assert_array_equal(window.document.glyphs.pixels[3], editor.pixels())
    assert window.document.glyphs.pixels[3][0, 0] == circles(count=20).pixels[3][0, 0] - 0.01
