"""The latent plane with 60,000 MNIST-like codes: coloured by label, a colour key, no
text labels, bounded training ticks, a click decodes a 28x28 preview, the map grid size."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QLocale, QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton

from ae_desktop.engine import Architecture, Autoencoder, latent_extent
from ae_desktop.gui.latent.code_scatter import PALETTE
from ae_desktop.gui.latent.latent_canvas import LatentCanvas

N = 60_000


@pytest.fixture(scope="module")
def digits():
    """N random 28x28 images as float32 rows, and labels "0".."9"."""
    rng = np.random.default_rng(0)
    return rng.random((N, 784), dtype=np.float32), [str(d) for d in rng.integers(0, 10, N)]


def small_model(seed=0):
    return Autoencoder.initialize(Architecture.parse("784-4-2"), rng=np.random.default_rng(seed))


@pytest.fixture
def canvas(qtbot, digits):
    canvas = LatentCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(760, 520)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.set_glyphs(*digits, (28, 28))
    canvas.set_model(small_model(), reframe=True)
    qtbot.waitUntil(lambda: not canvas.encoding(), timeout=30_000)
    return canvas


def test_sixty_thousand_codes_are_one_scatter_coloured_by_label(canvas, digits):
    matrix, labels = digits
    model = canvas._model
    np.testing.assert_allclose(canvas.codes, model.encode(matrix), rtol=1e-12, atol=1e-12)
    x, y = canvas.points.getData()
    np.testing.assert_array_equal(np.c_[x, y], canvas.codes)
    assert canvas.points.data["visible"].all()
    assert canvas._texts == []  # no text labels at this size
    assert [label.text for _, label in canvas.key.items] == [str(d) for d in range(10)]
    brushes = canvas.points.data["brush"]
    assert len({id(b) for b in brushes}) == 10  # ten shared QBrush objects
    for i in (0, 1, 12345, N - 1):
        assert brushes[i].color().name() == PALETTE[int(labels[i])]
    # each point's symbol is the atlas entry of its own style (the grouped lookup)
    points = canvas.points
    styles = list(zip(*points._style(["symbol", "size", "pen", "brush"])))
    for i in range(0, N, 997):
        assert tuple(points.data["sourceRect"][i]) == tuple(points.fragmentAtlas[[styles[i]]][0])
    image = canvas.plot_widget.grab().toImage()
    seen = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    }
    assert len(seen & set(PALETTE[:10])) >= 8  # the classes show on screen
    # the count in the locale's digits: 60,000 in the app's English (60000 in C)
    assert canvas.count_label.text() == f"{QLocale().toString(60_000)} points"


def spy(monkeypatch, model, method: str) -> list[int]:
    """Rows passed to each call of ``model.method`` from now on."""
    rows, original = [], getattr(model, method)

    def counted(points, *args, **kwargs):
        rows.append(len(points))
        return original(points, *args, **kwargs)

    monkeypatch.setattr(model, method, counted)
    return rows


def test_a_click_decodes_one_28x28_preview(qtbot, canvas, monkeypatch):
    target = canvas.codes[:100].mean(axis=0)
    pos = canvas.plot_widget.mapFromScene(canvas.view.mapViewToScene(QPointF(*target)))
    decoded = spy(monkeypatch, canvas._model, "decode")
    encoded = spy(monkeypatch, canvas._model, "encode")
    qtbot.mouseClick(canvas.plot_widget.viewport(), Qt.LeftButton, pos=pos)
    canvas.plot_widget.viewport().repaint()
    assert decoded == [1] and encoded == []  # one point, no re-encoding
    z = canvas.picked_z
    assert np.hypot(*(z - target)) < 0.05 * np.ptp(canvas.codes, axis=0).max()
    expected = canvas._model.decode(z[None]).reshape(28, 28)
    np.testing.assert_array_equal(canvas.preview_pixels, expected)
    np.testing.assert_array_equal(canvas.preview.pixels(), expected)
    preview = canvas.preview.grab().toImage()
    greys = {
        QColor(preview.pixelColor(x, y)).lightness()
        for x in range(0, preview.width(), 2)
        for y in range(0, preview.height(), 2)
    }
    assert len(greys) > 20  # a grey image, not blank


def test_pan_and_zoom_repaint_without_model_work(qtbot, canvas, monkeypatch):
    """Moving the view only repaints (benchmarks/bench_latent_canvas.py times it)."""
    viewport = canvas.plot_widget.viewport()
    encoded = spy(monkeypatch, canvas._model, "encode")
    points = canvas.points.data
    for _ in range(5):
        canvas.view.translateBy(x=0.02)
        viewport.repaint()
        canvas.view.scaleBy((1.02, 1.02))
        viewport.repaint()
    assert encoded == [] and canvas.points.data is points


def test_a_training_tick_is_bounded_and_codes_catch_up(qtbot, canvas, digits, monkeypatch):
    matrix, _ = digits
    newer = small_model(seed=1)
    encoded = spy(monkeypatch, newer, "encode")
    canvas.set_model(newer)
    assert sum(encoded) < N  # a slice now, not 60,000 rows
    assert canvas.encoding() and len(canvas.codes) == N  # older codes stay meanwhile
    qtbot.waitUntil(lambda: not canvas.encoding(), timeout=30_000)
    np.testing.assert_allclose(canvas.codes, newer.encode(matrix), rtol=1e-12, atol=1e-12)


def test_map_grid_size_is_chosen_with_the_spin_box(qtbot, canvas):
    canvas.show_map.setChecked(True)
    canvas.map_columns.selectAll()
    qtbot.keyClicks(canvas.map_columns, "20")
    qtbot.keyClick(canvas.map_columns, Qt.Key_Return)
    qtbot.waitUntil(
        lambda: canvas.map_image.image is not None and canvas.map_image.image.shape[1] == 20 * 29,
        timeout=5000,
    )
    columns, rows = canvas.map_tiles()
    assert columns == 20 and canvas.map_image.image.shape == (rows * 29, 20 * 29)


def test_editing_one_glyph_keeps_the_points_and_their_colours(qtbot, canvas, digits):
    matrix, labels = digits
    edited = matrix.copy()
    edited[7] = 0
    points = canvas.points.data  # setData (a restyle) would make a new array
    canvas.set_glyphs(edited, labels, (28, 28))
    assert canvas.points.data is points and len(canvas.codes) == N
    qtbot.waitUntil(lambda: not canvas.encoding(), timeout=30_000)
    np.testing.assert_allclose(canvas.codes[7], canvas._model.encode(edited[7:8])[0], rtol=1e-12)


def test_frame_button_frames_a_big_set_at_once(qtbot, canvas, monkeypatch):
    monkeypatch.setitem(pg.CONFIG_OPTIONS, "mouseRateLimit", 0)
    framed = latent_extent(canvas.codes)
    assert canvas.view.viewRange()[0] == pytest.approx(framed[0])
    viewport = canvas.plot_widget.viewport()
    qtbot.mousePress(viewport, Qt.MiddleButton, pos=QPoint(100, 100))
    for x in range(120, 600, 40):  # pan by most of the width
        qtbot.mouseMove(viewport, QPoint(x, 100 + x // 2))
    qtbot.mouseRelease(viewport, Qt.MiddleButton, pos=QPoint(580, 390))
    assert canvas.view.viewRange()[0][0] < framed[0][0] - 0.5 * np.diff(framed[0])[0]
    frame = next(b for b in canvas.findChildren(QPushButton) if b.text() == "Frame glyphs")
    qtbot.mouseClick(frame, Qt.LeftButton)
    (x_range, y_range) = canvas.view.viewRange()
    assert x_range == pytest.approx(framed[0]) and y_range == pytest.approx(framed[1])


def test_hiding_the_points_shows_the_whole_map_in_full_contrast(qtbot, canvas, digits):
    qtbot.mouseClick(canvas.show_map, Qt.LeftButton)
    assert canvas.map_image.image is not None and canvas.map_image.opacity() < 0.5
    assert canvas.points.isVisible() and canvas.key.isVisible()
    qtbot.mouseClick(canvas.show_points, Qt.LeftButton)
    assert not canvas.points.isVisible() and not canvas.key.isVisible()
    assert canvas.map_image.opacity() == 1.0
    matrix, labels = digits
    canvas.set_glyphs(matrix, [str((int(d) + 1) % 10) for d in labels], (28, 28))
    assert not canvas.key.isVisible()  # new labels refill the key, still hidden
    qtbot.mouseClick(canvas.show_points, Qt.LeftButton)
    assert canvas.points.isVisible() and canvas.key.isVisible()
    assert canvas.map_image.opacity() < 0.5


def test_a_3d_model_while_its_codes_are_encoded_keeps_map_and_clicks_working(qtbot, canvas):
    """A model of another latent size arrives (its codes come in slices): the map, turned
    on now, and a click use the new model's dimensions, before any code is shown."""
    canvas.show_map.setChecked(True)
    qtbot.waitUntil(lambda: canvas.map_image.image is not None, timeout=5000)
    canvas.show_map.setChecked(False)
    three = Autoencoder.initialize(Architecture.parse("784-4-3"), rng=np.random.default_rng(2))
    canvas.set_model(three)
    assert canvas.encoding() and canvas.projection.dim == 3
    canvas.show_map.setChecked(True)  # drew with the 2-D plane's projection: ValueError
    qtbot.mouseClick(canvas.plot_widget.viewport(), Qt.LeftButton, pos=QPoint(200, 200))
    assert canvas.picked_z is not None and canvas.picked_z.shape == (3,)
    np.testing.assert_array_equal(
        canvas.preview_pixels, three.decode(canvas.picked_z[None]).reshape(28, 28)
    )
    qtbot.waitUntil(lambda: not canvas.encoding(), timeout=30_000)
    assert canvas.map_image.image is not None
