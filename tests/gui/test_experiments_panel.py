"""The Experiments panel: a sweep through its buttons, cancel, bad values, exports."""

import csv
import multiprocessing
import socket
import threading

import numpy as np
import pytest
from distributed import Client, LocalCluster
from PySide6.QtCore import QObject, QPoint, QSettings, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QWidget

from ae_desktop.engine import TrainConfig
from ae_desktop.engine.experiments import ResultTable
from ae_desktop.gui.experiments.experiment_setup import ExperimentSetup
from ae_desktop.gui.experiments.experiments_panel import ExperimentsPanel
from ae_desktop.gui.training.training_panel import TrainingPanel

TINY = dict(arch="35-8-2", epochs=30, target_errors=None)
# a sweep's worker processes may compile the kernels first (a fresh clone: cold cache)
RUN_TIMEOUT = 120_000


@pytest.fixture
def panel(window, qtbot):
    """The window's Experiments panel, shown, with tiny training settings and one worker."""
    window.training_panel.set_config(TrainConfig(**TINY))
    window.findChild(QDockWidget, "experiments_dock").raise_()
    panel = window.experiments
    qtbot.waitUntil(panel.isVisible)
    panel.setup.workers.setValue(1)
    panel.setup.repeats.setValue(1)
    return panel


def type_values(qtbot, edit, text):
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def test_a_2x2_sweep_through_the_buttons_charts_the_table_means(panel, qtbot):
    setup = panel.setup
    setup.field.setCurrentText("lr")
    type_values(qtbot, setup.values, "0.01, 0.05")
    setup.second_field.setCurrentText("loss")
    type_values(qtbot, setup.second_values, "bce,mse")
    assert panel.run_button.text() == "Run sweep (4 runs)"
    with qtbot.waitSignal(panel.controller.finished, timeout=RUN_TIMEOUT) as blocker:
        qtbot.mouseClick(panel.run_button, Qt.LeftButton)
    table = blocker.args[0]
    assert len(table.rows) == 4 and not table.cancelled
    assert panel.progress.value() == 4 and panel.progress.text() == "4/4 runs"
    results = panel.results
    results.metric.setCurrentText("final_loss")
    means = results.chart.plotted_means()
    expected = table.summary("final_loss")
    assert set(means) == {"loss=bce", "loss=mse"}
    for name in ("bce", "mse"):
        np.testing.assert_allclose(
            means[f"loss={name}"], [row["mean"] for row in expected if row["loss"] == name]
        )
    assert results.loss_curves.curve_count() == 4
    view = results.view
    qtbot.mouseClick(
        results.tabs.tabBar(), Qt.LeftButton, pos=results.tabs.tabBar().tabRect(2).center()
    )
    header = view.horizontalHeader()
    column = next(
        c
        for c in range(results.model.columnCount())
        if results.model.headerData(c, Qt.Horizontal) == "final_loss"
    )
    qtbot.mouseClick(
        header.viewport(), Qt.LeftButton, pos=QPoint(header.sectionViewportPosition(column) + 5, 5)
    )
    shown = [float(view.model().index(r, column).data()) for r in range(4)]
    assert shown == sorted(shown) or shown == sorted(shown, reverse=True)
    assert sorted(shown) == sorted(float(f"{row['final_loss']:.4g}") for row in table.rows)
    assert "Done: 4 runs" in panel.status.text()
    assert panel.run_button.isEnabled() and not panel.cancel_button.isEnabled()


def test_cancel_stops_promptly(window, panel, qtbot):
    window.training_panel.set_config(
        TrainConfig(arch="35-8-2", epochs=1_000_000, target_errors=None)
    )
    type_values(qtbot, panel.setup.values, "0.01,0.02,0.03")
    with qtbot.waitSignal(panel.controller.finished, timeout=5_000) as blocker:
        qtbot.mouseClick(panel.run_button, Qt.LeftButton)
        assert panel.cancel_button.isEnabled() and not panel.run_button.isEnabled()
        qtbot.mouseClick(panel.cancel_button, Qt.LeftButton)
    assert blocker.args[0].cancelled and blocker.args[0].rows == []
    assert not panel.controller.is_running()
    assert panel.status.text().startswith("Cancelled: 0 of 3")
    assert panel.results.chart.plotted_means() == {}


def test_bad_values_show_the_engine_message_and_disable_run(panel, qtbot):
    type_values(qtbot, panel.setup.values, "0.01,fast")
    assert "'fast' is not a number" in panel.setup.error.text()
    assert panel.setup.error.isVisible()
    assert not panel.run_button.isEnabled()
    qtbot.keyClick(panel.setup.values, Qt.Key_Return)  # Enter does not run either
    assert not panel.controller.is_running()
    type_values(qtbot, panel.setup.values, "0.01,0.02")
    assert not panel.setup.error.isVisible() and panel.run_button.isEnabled()
    type_values(qtbot, panel.setup.values, "-1")
    assert "learning rate must be a number > 0" in panel.setup.error.text()
    assert not panel.run_button.isEnabled()


def test_export_csv_writes_the_rows_and_png_the_chart(panel, qtbot, tmp_path):
    type_values(qtbot, panel.setup.values, "0.01")
    with qtbot.waitSignal(panel.controller.finished, timeout=RUN_TIMEOUT) as blocker:
        qtbot.keyClick(panel.setup.values, Qt.Key_Return)
    assert panel.results.export_csv(str(tmp_path / "runs.csv"))
    with open(tmp_path / "runs.csv", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [float(row["lr"]) for row in rows] == [0.01]
    assert float(rows[0]["final_loss"]) == pytest.approx(blocker.args[0].rows[0]["final_loss"])
    assert panel.results.export_chart(str(tmp_path / "chart.png"))
    assert panel.results.export_chart(str(tmp_path / "chart.svg"))
    assert (tmp_path / "chart.png").stat().st_size > 0


def test_a_failing_experiment_shows_its_message_inline(panel, qtbot, monkeypatch):
    def failing_sweep(*args, **kwargs):
        raise RuntimeError("a worker process died\nwith more detail")

    monkeypatch.setattr("ae_desktop.gui.experiments.experiments_panel.run_sweep", failing_sweep)
    with qtbot.waitSignal(panel.controller.failed, timeout=5_000):
        qtbot.mouseClick(panel.run_button, Qt.LeftButton)
    assert panel.status.text() == (
        "The experiment failed: RuntimeError: a worker process died with more detail"
    )
    assert panel.run_button.isEnabled() and panel.denoise_button.isEnabled()


def test_closing_the_window_mid_sweep_stops_it_and_its_processes(window, panel, qtbot):
    window.training_panel.set_config(
        TrainConfig(arch="35-8-2", epochs=1_000_000, target_errors=None)
    )
    type_values(qtbot, panel.setup.values, "0.01,0.02")
    panel.setup.workers.setValue(2)
    qtbot.mouseClick(panel.run_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: len(multiprocessing.active_children()) == 2, timeout=20_000)
    window.close()
    assert not panel.controller.is_running()
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize(
    "button, x, series, metric",
    [
        ("generalize_button", "train_size", None, "held_out_mean_errors"),
        ("denoise_button", "noise", "model", "mean_errors"),
    ],
)
def test_a_study_button_charts_its_table(panel, qtbot, button, x, series, metric):
    with qtbot.waitSignal(panel.controller.finished, timeout=RUN_TIMEOUT) as blocker:
        qtbot.mouseClick(getattr(panel, button), Qt.LeftButton)
    table = blocker.args[0]
    assert panel.results.metric.currentText() == metric
    summary = table.summary(metric)
    means = panel.results.chart.plotted_means()
    names = list(dict.fromkeys(row[series] for row in summary)) if series else [None]
    assert set(means) == {None if name is None else f"{series}={name}" for name in names}
    for name in names:
        key = None if name is None else f"{series}={name}"
        np.testing.assert_allclose(
            means[key], [row["mean"] for row in summary if series is None or row[series] == name]
        )
    assert not panel.results.tabs.isTabEnabled(1)  # studies keep no loss curves


def test_the_view_menu_hides_and_shows_the_panel(window, qtbot):
    toggle = window.actions["view.experiments_dock"]
    dock = window.findChild(QDockWidget, "experiments_dock")
    toggle.trigger()
    assert dock.isHidden()
    toggle.trigger()
    assert not dock.isHidden()


def test_the_summary_follows_every_change_of_the_training_settings(qtbot):
    """Defect 4: with both panels in sight, the summary read stale settings."""

    class Settings(QObject):  # what the window connects: "the training settings changed"
        changed = Signal()

    host, settings = QWidget(), Settings()
    qtbot.addWidget(host)
    training = TrainingPanel(host)
    data = np.zeros((26, 35))
    panel = ExperimentsPanel(
        lambda: (training.config(), data, data), host, settings_changed=settings.changed
    )
    training.epochs.valueChanged.connect(settings.changed)
    training.model.currentIndexChanged.connect(settings.changed)
    row = QHBoxLayout(host)
    row.addWidget(training)
    row.addWidget(panel)
    host.show()
    qtbot.waitExposed(host)
    assert "ae 35-30-15-2" in panel.base_label.text()
    training.model.setFocus()
    qtbot.keyClick(training.model, Qt.Key_Down)  # ae -> dae
    type_values(qtbot, training.epochs, "200000")
    assert panel.base_label.text().startswith("From the training settings: dae (noise ")
    assert "200000 epochs" in panel.base_label.text()


def test_the_progress_label_counts_the_finished_runs(panel, qtbot, monkeypatch):
    """Defect 5: the label said "Starting…" until the end of the sweep."""
    step = threading.Event()

    def slow_sweep(*args, progress, cancel):
        for done in (1, 2, 3):
            progress(done, 3, done - 1, None)
            step.wait(5)
            step.clear()
        return ResultTable([], ["lr"], cancelled=False)

    monkeypatch.setattr("ae_desktop.gui.experiments.experiments_panel.run_sweep", slow_sweep)
    qtbot.mouseClick(panel.run_button, Qt.LeftButton)
    for done in (1, 2, 3):
        qtbot.waitUntil(lambda d=done: panel.status.text() == f"{d}/3 runs finished…")
        assert panel.progress.value() == done
        step.set()
    qtbot.waitUntil(lambda: not panel.controller.is_running())


@pytest.fixture(scope="module")
def scheduler():
    """A Dask LocalCluster's address (two worker processes, loopback only)."""
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def run_on(qtbot, setup, key: str, address: str = "") -> None:
    setup.run_on.setFocus()
    qtbot.keyClick(setup.run_on, Qt.Key_Down if key == "scheduler" else Qt.Key_Up)
    assert setup.run_on.currentData() == key
    if key == "scheduler":
        type_values(qtbot, setup.address, address)


def without_seconds(rows):
    return [{k: v for k, v in row.items() if k != "seconds"} for row in rows]


def test_run_on_a_dask_scheduler_gives_the_local_results_and_stop_cancels(
    window, panel, qtbot, scheduler
):
    setup = panel.setup
    type_values(qtbot, setup.values, "0.01,0.02")
    with qtbot.waitSignal(panel.controller.finished, timeout=RUN_TIMEOUT) as local:
        qtbot.mouseClick(panel.run_button, Qt.LeftButton)
    run_on(qtbot, setup, "scheduler")
    assert not setup.workers.isEnabled() and not panel.run_button.isEnabled()
    assert "type the Dask scheduler's address" in setup.error.text()
    type_values(qtbot, setup.address, scheduler)
    with qtbot.waitSignal(panel.controller.finished, timeout=RUN_TIMEOUT) as remote:
        qtbot.mouseClick(panel.run_button, Qt.LeftButton)
    assert len(remote.args[0].rows) == 2 and not remote.args[0].cancelled
    assert without_seconds(remote.args[0].rows) == without_seconds(local.args[0].rows)
    assert QSettings().value("experiments/scheduler") == scheduler

    window.training_panel.set_config(
        TrainConfig(arch="35-8-2", epochs=1_000_000, target_errors=None)
    )
    with Client(scheduler, set_as_default=False) as client:
        with qtbot.waitSignal(panel.controller.finished, timeout=20_000) as blocker:
            qtbot.mouseClick(panel.run_button, Qt.LeftButton)
            qtbot.waitUntil(lambda: any(client.processing().values()), timeout=10_000)
            qtbot.mouseClick(panel.cancel_button, Qt.LeftButton)
        assert blocker.args[0].cancelled and blocker.args[0].rows == []
        qtbot.waitUntil(lambda: not any(client.processing().values()), timeout=10_000)


def test_an_unreachable_scheduler_fails_in_seconds_and_the_choice_is_kept(panel, qtbot):
    with socket.socket() as closed:  # bound, not listening: connections are refused
        closed.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{closed.getsockname()[1]}"
        run_on(qtbot, panel.setup, "scheduler", address)
        with qtbot.waitSignal(panel.controller.failed, timeout=15_000):
            qtbot.mouseClick(panel.run_button, Qt.LeftButton)
            assert panel.status.text() == f"Starting on {address}…"
    assert f"cannot reach the Dask scheduler at {address}" in panel.status.text()
    assert panel.run_button.isEnabled()
    again = ExperimentSetup()
    assert again.run_on.currentData() == "scheduler" and again.address.text() == address
    again.deleteLater()
