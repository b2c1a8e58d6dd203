"""Training from the window: Start, live updates, Pause, Stop, closing mid-run."""

import numpy as np
from PySide6.QtCore import Qt

from ae_desktop.engine import TrainConfig

LONG = dict(arch="35-10-2", epochs=1_000_000, target_errors=None)


def start(window, qtbot, **settings):
    window.training_panel.set_config(TrainConfig(**settings))
    with qtbot.waitSignal(window.controller.reported, timeout=60_000):
        qtbot.mouseClick(window.training_panel.start_button, Qt.LeftButton)


def test_start_trains_and_the_loss_curve_receives_points(window, qtbot, train):
    status = train(arch="35-10-2", epochs=300, target_errors=None)
    assert status == "done"
    assert window.loss_plot.point_count() == 300
    assert window.session.history.shape == (300, 3)
    assert window.session.model is not None and window.session.model.arch.text == "35-10-2-10-35"
    outputs = window.session.model.reconstruct(window.document.glyphs.matrix())
    assert window.glyph_grid.text(0).startswith("`  ·  ")
    errors = ((outputs >= 0.5) != window.document.glyphs.matrix()).sum(axis=1)
    assert window.glyph_grid.text(1) == f"a  ·  {errors[1]}"
    assert window.training_panel.start_button.isEnabled()
    assert "within 1 px" in window.statusBar().currentMessage()


def test_vae_shows_reconstruction_and_kl_curves(window, qtbot, train):
    train(model="vae", arch="35-10-2", epochs=50, target_errors=None)
    curves = window.loss_plot.curves
    assert all(curves[k].isVisible() for k in ("total", "recon", "kl"))
    assert len(curves["kl"].getOriginalDataset()[0]) == 50


def test_stop_returns_within_a_second_and_the_model_stays_usable(window, qtbot):
    start(window, qtbot, **LONG)
    assert window.training_panel.stop_button.isEnabled()
    # while it trains: status line, progress bar, and the grid's live reconstructions
    qtbot.waitUntil(lambda: "·" in window.glyph_grid.text(1))
    summary = window.status.summary.text()
    assert "/1000000" in summary and "/32 within 1 px" in summary and "ETA" in summary
    assert window.status.progress.isVisible()
    with qtbot.waitSignal(window.controller.finished, timeout=1000) as blocker:
        qtbot.mouseClick(window.training_panel.stop_button, Qt.LeftButton)
    assert blocker.args == ["cancelled"]
    assert not window.controller.is_running()
    model = window.session.model
    np.testing.assert_array_equal(model.theta, window.controller.run.model.theta)
    assert model.decode(np.zeros((1, 2))).shape == (1, 35)
    assert window.training_panel.start_button.isEnabled()
    assert "Stopped" in window.statusBar().currentMessage()


def test_pause_holds_the_worker_and_resume_continues(window, qtbot):
    start(window, qtbot, **LONG)
    panel, controller = window.training_panel, window.controller
    qtbot.mouseClick(panel.pause_button, Qt.LeftButton)
    assert controller.is_paused() and panel.pause_button.text() == "Resume"
    assert window.statusBar().currentMessage() == "Paused"
    # reports already queued when the pause began still arrive: drain them
    while True:
        with qtbot.waitSignal(controller.reported, timeout=200, raising=False) as blocker:
            pass
        if not blocker.signal_triggered:
            break
    epoch = controller.run.epoch
    with qtbot.assertNotEmitted(controller.reported, wait=300):
        pass
    assert controller.run.epoch == epoch
    with qtbot.waitSignal(controller.reported, timeout=5000):
        qtbot.mouseClick(panel.pause_button, Qt.LeftButton)
    assert controller.run.epoch > epoch
    with qtbot.waitSignal(controller.finished, timeout=1000):
        qtbot.mouseClick(panel.stop_button, Qt.LeftButton)


def test_stop_while_paused(window, qtbot):
    start(window, qtbot, **LONG)
    qtbot.mouseClick(window.training_panel.pause_button, Qt.LeftButton)
    with qtbot.waitSignal(window.controller.finished, timeout=1000):
        qtbot.mouseClick(window.training_panel.stop_button, Qt.LeftButton)
    assert window.training_panel.pause_button.text() == "Pause"


def test_closing_mid_training_stops_the_worker(window, qtbot):
    from ae_desktop.gui.background import running_tasks

    start(window, qtbot, **LONG)
    window.session.saved = True  # no "save the model?" question (test_window_session)
    window.close()
    assert not window.controller.is_running() and running_tasks() == []


def test_a_new_run_drops_stale_reports(qtbot):
    from ae_desktop.data import bundled_font
    from ae_desktop.gui.training.training_controller import TrainingController

    controller = TrainingController()
    data = bundled_font("font1").matrix()
    with qtbot.waitSignal(controller.reported, timeout=60_000):
        controller.start(TrainConfig(**LONG), data)
    controller.shutdown()  # its last reports stay queued, tagged with the old run id
    received = []
    controller.reported.connect(received.append)
    with qtbot.waitSignal(controller.finished, timeout=60_000) as blocker:
        controller.start(TrainConfig(arch="35-10-2", epochs=20, target_errors=None), data)
    assert blocker.args == ["done"]
    assert received and all(r.epochs == 20 for r in received)


def test_architecture_is_validated_as_typed(window, qtbot):
    panel = window.training_panel
    panel.arch.clear()
    qtbot.keyClicks(panel.arch, "35-20-x")
    assert "malformed" in panel.error.text() and not panel.start_button.isEnabled()
    panel.arch.clear()
    qtbot.keyClicks(panel.arch, "30-10-2")
    assert "35 pixels" in panel.error.text() and not panel.start_button.isEnabled()
    panel.arch.clear()
    qtbot.keyClicks(panel.arch, "35-12-2")
    assert panel.error.text() == ""
    assert panel.decoder.text() == "2-12-35 (mirrored)"
    assert panel.decoder.toolTip() == "35-12-2-12-35: 949 weights and biases"
    assert panel.start_button.isEnabled()


def test_train_on_a_subset_shades_held_out_glyphs(window, qtbot, train):
    window.training_panel.set_subset_size(8)
    train(arch="35-10-2", epochs=30, target_errors=None)
    assert window.controller.run.data.shape == (8, 35)
    model = window.glyph_grid.model
    assert "held out" not in model.index(7).data(Qt.ToolTipRole)
    assert "held out" in model.index(8).data(Qt.ToolTipRole)
    assert model.index(8).data(Qt.BackgroundRole) is not None


def test_training_panel_settings_survive_a_restart(window, qtbot):
    from ae_desktop.gui.main_window import MainWindow

    window.training_panel.set_config(
        TrainConfig(model="dae", arch="35-16-2", lr=0.005, noise="flip:2", epochs=777)
    )
    window.training_panel.set_subset_size(16)
    window._docks[2].hide()  # the loss dock
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    assert [d.isVisible() for d in again._docks] == [True, True, False]
    config = again.training_panel.config()
    assert (config.model, config.arch, config.lr, config.noise, config.epochs) == (
        "dae",
        "35-16-2",
        0.005,
        "flip:2",
        777,
    )
    assert again.training_panel.subset_size() == 16
    again.close()


def test_kernel_warmup_runs_in_the_background(window, qtbot):
    with qtbot.waitSignal(window.warmup.finished, timeout=120_000) as blocker:
        window.start_warmup()
        assert window.statusBar().currentMessage() == "Compiling kernels…"
    assert blocker.args == [""]
    assert window.statusBar().currentMessage() == "Ready"


def test_an_engine_error_shows_a_dialog_and_keeps_the_last_model(window, qtbot, train, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ae_desktop.engine import TrainingRun

    train(arch="35-10-2", epochs=30, target_errors=None)
    good = window.session.model
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda p, title, text, *a: shown.append(text))

    def broken_reports(self, cancel=None, report_seconds=0.03):
        raise FloatingPointError("kernel exploded")
        yield  # a generator, like the real one

    monkeypatch.setattr(TrainingRun, "reports", broken_reports)
    status = train(arch="35-10-2", epochs=30, target_errors=None)
    assert status == "failed"
    assert shown == ["FloatingPointError: kernel exploded"]
    assert window.session.model is good
    assert window.training_panel.start_button.isEnabled()


def test_a_diverged_run_says_so_and_keeps_the_finite_weights(window, qtbot, train, monkeypatch):
    import dataclasses

    from ae_desktop.engine import TrainingRun

    real_reports = TrainingRun.reports

    def diverging(self, cancel=None, report_seconds=0.03):
        for report in real_reports(self, cancel, report_seconds):
            yield dataclasses.replace(report, status="diverged")
            return

    monkeypatch.setattr(TrainingRun, "reports", diverging)
    status = train(arch="35-10-2", epochs=30, target_errors=None)
    assert status == "diverged"
    assert "diverged" in window.training_panel.error.text()
    np.testing.assert_array_equal(window.session.model.theta, window.controller.run.model.theta)
    assert "Diverged" in window.statusBar().currentMessage()


def test_continue_training_starts_from_the_current_model(window, qtbot, train, monkeypatch):
    panel = window.training_panel
    assert not panel.continue_training.isEnabled()
    train(arch="35-10-2", epochs=40, target_errors=None)
    first = window.session.model
    panel.continue_training.setChecked(True)
    window.training_panel.set_config(TrainConfig(arch="35-10-2", epochs=25, target_errors=None))
    with qtbot.waitSignal(window.controller.finished, timeout=60_000):
        qtbot.mouseClick(panel.start_button, Qt.LeftButton)
    assert window.session.history.shape == (65, 3) and window.loss_plot.point_count() == 65
    assert not np.array_equal(window.session.model.theta, first.theta)
    # a different architecture cannot continue: a dialog says why, nothing starts
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, title, text, *a: shown.append(text))
    window.training_panel.set_config(TrainConfig(arch="35-12-2", epochs=25))
    qtbot.mouseClick(panel.start_button, Qt.LeftButton)
    assert shown and "35-10-2" in shown[0] and not window.controller.is_running()


def test_function_keys_start_pause_and_stop(window, qtbot):
    window.training_panel.set_config(TrainConfig(**LONG))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.controller.reported, timeout=60_000):
        qtbot.keyClick(window, Qt.Key_F5)
    qtbot.keyClick(window, Qt.Key_F6)
    qtbot.waitUntil(window.controller.is_paused)  # a shortcut "animates" the click
    qtbot.keyClick(window, Qt.Key_F6)  # relabelled "Resume", the button keeps its key
    qtbot.waitUntil(lambda: not window.controller.is_paused())
    qtbot.keyClick(window, Qt.Key_F6)
    qtbot.waitUntil(window.controller.is_paused)
    with qtbot.waitSignal(window.controller.finished, timeout=1000):
        qtbot.keyClick(window, Qt.Key_F5, Qt.ShiftModifier)


def test_a_worker_error_mid_run_keeps_the_reported_model_and_training_works_again(
    window, qtbot, train, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    from ae_desktop.engine import TrainingRun

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda p, title, text, *a: shown.append(text))
    real_reports = TrainingRun.reports

    def failing_after_one_report(self, cancel=None, report_seconds=0.03):
        yield next(real_reports(self, cancel, report_seconds))
        raise MemoryError("out of memory")

    monkeypatch.setattr(TrainingRun, "reports", failing_after_one_report)
    assert train(arch="35-8-2", epochs=300, target_errors=None) == "failed"
    assert shown == ["MemoryError: out of memory"]
    assert window.session.model is not None and np.isfinite(window.session.model.theta).all()
    monkeypatch.setattr(TrainingRun, "reports", real_reports)
    assert train(arch="35-8-2", epochs=300, target_errors=None) == "done"
    assert window.session.history.shape == (300, 3)


class FakeClock:
    """An injected clock: seconds move only when the test says so."""

    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_paused_time_counts_neither_in_elapsed_time_nor_in_the_eta(window, qtbot):
    from ae_desktop.gui.training.training_status import format_eta

    clock = window.status.clock = FakeClock()
    panel, controller = window.training_panel, window.controller
    reports = []
    controller.reported.connect(reports.append)
    start(window, qtbot, **LONG)
    first = reports[0]
    clock.now = 10.0
    qtbot.mouseClick(panel.pause_button, Qt.LeftButton)
    clock.now = 1000.0  # paused for 990 s
    with qtbot.waitSignal(controller.reported, timeout=5000):
        qtbot.mouseClick(panel.pause_button, Qt.LeftButton)
    clock.now = 1010.0  # 10 s more of training: 20 s in all
    with qtbot.waitSignal(controller.reported, timeout=5000):
        pass
    last = reports[-1]
    rate = 20.0 / (last.epoch - first.epoch)
    summary = window.status.summary.text()
    assert f"elapsed {format_eta(first.seconds + 20)}" in summary
    assert summary.endswith(f"ETA {format_eta(rate * (last.epochs - last.epoch))}")
    qtbot.mouseClick(panel.pause_button, Qt.LeftButton)
    clock.now = 5000.0  # stopped while paused: the pause does not count either
    with qtbot.waitSignal(controller.finished, timeout=5000):
        qtbot.mouseClick(panel.stop_button, Qt.LeftButton)
    message = window.statusBar().currentMessage()
    assert message.startswith("Stopped at epoch")
    assert message.endswith(f"wrong, {first.seconds + 20:.1f} s")
