"""The held-out test split in the window: the Test split spin box, the Test loss curve
while training, continued runs, a model's saved test history, and the setting kept."""

import numpy as np
from PySide6.QtCore import Qt

from ae_desktop.engine import TrainConfig, TrainingRun
from ae_desktop.gui.main_window import MainWindow
from ae_desktop.gui.training.loss_plot import LossPlot

SETTINGS = dict(arch="35-10-2", epochs=1500, target_errors=None, seed=2)


def type_percent(qtbot, spin, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key_Return)


def test_spin_box_split_trains_and_draws_the_test_curve(window, qtbot, monkeypatch):
    panel = window.training_panel
    panel.set_config(TrainConfig(**SETTINGS))
    masks = []
    monkeypatch.setattr(window.glyph_grid, "set_training_mask", masks.append)
    type_percent(qtbot, panel.test_split, "25")
    assert panel.test_split.text() == "25 %" and panel.config().test_fraction == 0.25
    with qtbot.waitSignal(window.controller.finished, timeout=60_000):
        qtbot.mouseClick(panel.start_button, Qt.LeftButton)

    run = window.controller.run
    assert len(run.test_indices) == 8 and len(run.data) == 24
    held_out = np.ones(32, dtype=bool)
    held_out[run.test_indices] = False
    np.testing.assert_array_equal(masks[-1], held_out)  # the test glyphs are shaded
    plot = window.loss_plot
    x, y = plot.test_curve.getOriginalDataset()
    assert plot.test_curve.isVisible() and x[-1] == 1500 and len(x) >= 1
    np.testing.assert_array_equal(plot.test_losses(), run.test_history)
    np.testing.assert_array_equal(window.session.test_history, run.test_history)
    assert [label.text for _, label in plot.legend.items] == ["Loss", "Test loss"]
    assert f"test {run.test_history[-1, 1]:.4g}" in plot.summary.text()
    assert "held out: " in window.statusBar().currentMessage()
    assert "/8 within 1 px" in window.statusBar().currentMessage()


def test_continued_run_counts_test_epochs_on(window, qtbot, train):
    assert train(**{**SETTINGS, "epochs": 300, "test_fraction": 0.2}) == "done"
    first = window.session.test_history.copy()
    window.training_panel.continue_training.setChecked(True)
    assert train(**{**SETTINGS, "epochs": 200, "test_fraction": 0.2}) == "done"
    epochs = window.session.test_history[:, 0]
    np.testing.assert_array_equal(window.session.test_history[: len(first)], first)
    assert epochs[-1] == 500 and np.all(np.diff(epochs) > 0)
    x, _ = window.loss_plot.test_curve.getOriginalDataset()
    assert x[-1] == 500 and window.loss_plot.point_count() == 500


def test_a_model_with_a_test_history_shows_it(window):
    config = TrainConfig(**{**SETTINGS, "epochs": 100, "test_fraction": 0.2})
    run = TrainingRun(config, window.document.glyphs.matrix())
    list(run.reports(report_every=25))
    window.session.replace(run.model, config, run.history, run.test_history)
    x, y = window.loss_plot.test_curve.getOriginalDataset()
    assert x.tolist() == [25, 50, 75, 100] and np.array_equal(y, run.test_history[:, 1])
    window.session.replace(run.model, config, run.history)  # an older file: no test curve
    assert not window.loss_plot.test_curve.isVisible()
    assert [label.text for _, label in window.loss_plot.legend.items] == ["Loss"]


def test_test_curve_appears_with_its_first_point_and_goes_on_reset(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.append(np.ones((10, 3)))
    plot.append_test(np.zeros((0, 2)))
    plot.flush()
    assert not plot.test_curve.isVisible()
    plot.append_test([[5, 0.5]])
    plot.append_test([[10, 0.25]])
    plot.flush()
    assert plot.test_curve.isVisible()
    np.testing.assert_array_equal(plot.test_curve.getOriginalDataset()[1], [0.5, 0.25])
    plot.reset(split_terms=True)
    assert not plot.test_curve.isVisible() and plot.test_losses().shape == (0, 2)
    assert "Test loss" not in [label.text for _, label in plot.legend.items]


def test_split_setting_is_kept_across_sessions(qtbot):
    first = MainWindow()
    first.show()
    qtbot.waitExposed(first)
    type_percent(qtbot, first.training_panel.test_split, "30")
    first.close()
    second = MainWindow()
    try:
        assert second.training_panel.test_split.value() == 30
        assert second.training_panel.config().test_fraction == 0.3
    finally:
        second.close()
