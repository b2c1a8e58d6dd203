"""The loss plot: appended chunks, VAE terms, the log-scale toggle."""

import numpy as np
from PySide6.QtGui import QImage, QPainter

from ae_desktop.gui.training.loss_plot import LossPlot, envelope


def test_chunks_append_and_the_log_toggle_redraws(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.reset(split_terms=True)
    rng = np.random.default_rng(0)
    chunks = [np.c_[rng.random((k, 2)) + 0.5, np.zeros(k)] for k in (1, 7, 3000)]
    for chunk in chunks:
        plot.append(chunk)
    drawn = plot.curves["total"].getOriginalDataset
    qtbot.waitUntil(
        lambda: drawn()[0] is not None and len(drawn()[0]) == 3008, timeout=1000
    )  # throttled redraw
    everything = np.concatenate(chunks)
    np.testing.assert_array_equal(plot.losses(), everything)
    assert plot.point_count() == 3008
    x, y = plot.curves["kl"].getOriginalDataset()
    assert x[-1] == 3008 and np.all(y == 1e-12)  # zero KL drawn at the floor of the log axis
    assert plot.plot.getAxis("left").logMode
    plot.log_scale.setChecked(False)
    assert not plot.plot.getAxis("left").logMode
    np.testing.assert_array_equal(plot.curves["kl"].getOriginalDataset()[1], np.zeros(3008))
    np.testing.assert_array_equal(plot.curves["recon"].getOriginalDataset()[1], everything[:, 1])
    assert plot.summary.text().startswith("epoch 3008   loss ")


def test_plain_models_show_only_the_total(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.set_history(np.ones((5, 3)))
    assert plot.curves["total"].isVisible() and not plot.curves["kl"].isVisible()
    assert [label.text for _, label in plot.legend.items] == ["Loss"]
    plot.append(np.ones((2, 3)))
    plot.flush()
    assert plot.point_count() == 7
    plot.reset(split_terms=False)
    assert plot.point_count() == 0 and plot.losses().shape == (0, 3)


def shown_plot(qtbot, width: int, height: int) -> LossPlot:
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(width, height)
    plot.show()
    qtbot.waitExposed(plot)
    return plot


def test_a_long_history_is_drawn_downsampled(qtbot):
    plot = shown_plot(qtbot, 400, 300)
    plot.set_history(np.linspace(2, 1, 600_000)[:, None] * np.ones((1, 3)))
    qtbot.wait(50)  # the view takes the data's range
    x, _ = plot.curves["total"].getData()  # what is drawn
    assert plot.point_count() == 600_000 and len(x) < 20_000


def drawn_labels(plot: LossPlot, axis: str) -> list[str]:
    """The tick labels ``axis`` paints at its current range and size."""
    image = QImage(10, 10, QImage.Format_ARGB32)
    painter = QPainter(image)
    try:
        _, _, texts = plot.plot.getAxis(axis).generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _, _, text in texts]


def test_a_short_vae_run_has_whole_epochs_and_plain_log_labels(qtbot):
    plot = shown_plot(qtbot, 440, 260)
    plot.reset(split_terms=True)
    plot.set_history(
        np.array(
            [
                [263.2, 240, 20],
                [187.8, 180, 8],
                [179.4, 173, 6.2],
                [175.1, 169, 5.5],
                [172.4, 167.5, 4.9],
            ]
        )
    )
    qtbot.waitUntil(lambda: plot.plot.getViewBox().viewRange()[0][1] >= 5)  # autorange
    epochs = drawn_labels(plot, "bottom")
    assert len(epochs) >= 3 and all(label.isdigit() for label in epochs)  # no 1.5, 2.5
    losses = drawn_labels(plot, "left")
    assert {"10", "100"} <= set(losses)
    assert all(label.lstrip("0.").rstrip("0")[:1] in "125" for label in losses)
    assert not any("·" in label for label in losses)  # not 2·10², 3·10², ...
    plot.log_scale.setChecked(False)
    assert drawn_labels(plot, "left")  # linear labels are pyqtgraph's own


def test_the_envelope_keeps_every_peak_and_the_last_epochs():
    values = np.linspace(2, 1, 100_003)
    values[31_337] = 50.0  # a spike
    values[77_777] = -1.0
    epochs, drawn = envelope(values, buckets=1000)
    assert len(drawn) == 2 * 1000 + 3 and np.all(np.diff(epochs) > 0)  # spans of 100
    assert drawn.max() == 50.0 and drawn.min() == -1.0
    np.testing.assert_array_equal(drawn[-3:], values[-3:])
    assert epochs[-1] == 100_003
    spike_epoch = epochs[np.argmax(drawn)]
    assert abs(spike_epoch - 31_338) <= 100  # within its span of 100 epochs
    short = np.arange(10.0)
    np.testing.assert_array_equal(envelope(short, buckets=1000)[1], short)


def tick_label_rects(plot: LossPlot):
    """The left axis' tick labels as (text, rect in the plot widget's viewport)."""
    axis = plot.plot.getAxis("left")
    image = QImage(10, 10, QImage.Format_ARGB32)
    painter = QPainter(image)
    try:
        _, _, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    view = plot.plot_widget
    return [
        (text, view.mapFromScene(axis.mapRectToScene(rect)).boundingRect())
        for rect, _, text in texts
    ]


def test_the_empty_plot_shows_its_top_tick_label_whole(qtbot):
    plot = shown_plot(qtbot, 360, 220)
    labels = tick_label_rects(plot)
    assert labels and "10" in [text for text, _ in labels]
    viewport = plot.plot_widget.viewport().rect()
    for text, rect in labels:
        assert viewport.contains(rect), (text, rect, viewport)


def test_the_vae_legend_hides_no_curve(qtbot):
    plot = shown_plot(qtbot, 360, 260)
    plot.reset(split_terms=True)
    epochs = np.arange(1, 3001)
    plot.set_history(
        np.c_[20 / epochs**0.3, 10 / epochs**0.5, 4 - 3 / epochs],
        np.c_[epochs[::100], 20 / epochs[::100] ** 0.3],
    )
    qtbot.wait(50)
    names = [label.text for _, label in plot.legend.items]
    assert names == ["Loss", "Reconstruction", "KL", "Test loss"]
    legend = plot.legend.sceneBoundingRect()
    assert legend.height() > 0 and legend.width() > 0
    assert not legend.intersects(plot.plot.vb.sceneBoundingRect())  # the curves' area
    assert plot.plot_widget.sceneRect().contains(legend)


def test_values_it_cannot_draw_show_a_note_and_the_next_history_draws(qtbot):
    plot = shown_plot(qtbot, 400, 300)
    plot.reset(split_terms=True)
    bad = np.array(
        [
            [0.5, 0.4, 0.1],
            [1e300, 0.4, 0.1],
            [np.inf, 0.4, 0.1],
            [np.nan, 0.4, 0.1],
            [0.3, 0.2, 0.1],
        ]
    )
    plot.set_history(bad, np.array([[1e300, 0.5], [2, np.inf], [3, 0.4]]))
    plot.grab()  # paints: pyqtgraph raised "Maximum allowed dimension exceeded" here
    qtbot.wait(50)
    assert plot.note.isVisible() and plot.note.text().startswith("5 values not drawn")
    x, y = plot.curves["total"].getOriginalDataset()
    np.testing.assert_array_equal(x, [1, 5])
    np.testing.assert_array_equal(plot.test_curve.getOriginalDataset()[0], [3])
    plot.reset(split_terms=False)
    plot.set_history(np.linspace(2, 1, 50)[:, None] * np.ones((1, 3)))
    plot.grab()
    qtbot.wait(50)
    assert not plot.note.isVisible()
    assert len(plot.curves["total"].getData()[0]) == 50
    (x0, x1), (y0, y1) = plot.plot.vb.viewRange()
    assert x0 <= 1 and 50 <= x1 and y0 <= 0 <= y1  # log10 of the losses 1..2
