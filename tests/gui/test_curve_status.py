"""The status bar of a curve run shows the point errors the engine measured in the
worker: nothing is reconstructed on the GUI thread at a report."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStatusBar

from ae_desktop.data.circles import circles
from ae_desktop.engine import CURVE, Autoencoder, TrainConfig, TrainingRun, training
from ae_desktop.gui.training.training_status import TrainingStatus


def test_a_curve_report_is_shown_as_measured_without_reconstructing(qtbot, monkeypatch):
    run = TrainingRun(
        TrainConfig(arch="42-8-2", epochs=4, test_fraction=0.25, loss="mse"),
        circles(40).matrix(),
        kind=CURVE,
    )
    reports = list(run.reports(report_every=2))
    bar = QStatusBar()
    qtbot.addWidget(bar)
    status = TrainingStatus(bar)
    monkeypatch.setattr(Autoencoder, "reconstruct", lambda *a: 1 / 0)
    status.begin(4, run)
    status.update(reports[0])
    summary = status.summary.text()
    assert f"max error {reports[0].max_point_error:.3f}   " in summary
    assert f"max error {reports[0].test_max_point_error:.3f}   " in summary
    status.update(reports[-1])
    status.finish(reports[-1].status)
    assert f"points within {reports[-1].max_point_error:.3f} of" in bar.currentMessage()
    assert f"held out: within {reports[-1].test_max_point_error:.3f}" in bar.currentMessage()


def test_a_big_curve_set_says_its_point_error_comes_from_a_sample(window, qtbot, monkeypatch):
    monkeypatch.setattr(training, "BIG_SET_WORK", 0)
    monkeypatch.setattr(training, "SAMPLE_ROWS", 5)
    window.document.set_glyphs(circles(30))
    window.training_panel.set_config(
        TrainConfig(arch="42-8-2", epochs=3, batch_size=10, target_errors=None, loss="mse")
    )
    summaries = []
    window.controller.reported.connect(lambda r: summaries.append(window.status.summary.text()))
    with qtbot.waitSignal(window.controller.finished, timeout=60_000):
        qtbot.mouseClick(window.training_panel.start_button, Qt.LeftButton)
    assert [" (sample)" in s for s in summaries] == [True, True, False]
    assert "points within" in window.statusBar().currentMessage()
