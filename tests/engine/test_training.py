"""Training runs end to end: quality, reproducibility, cancel, divergence, every optimizer."""

import subprocess
import sys
import threading

import numpy as np
import pytest

from ae_desktop.data import bundled_font
from ae_desktop.engine import ConfigError, TrainConfig, TrainingRun, train, wrong_pixels

FONT3 = bundled_font("font3").matrix()


def test_defaults_learn_font3_exactly():
    model, report, history = train(TrainConfig(seed=1), FONT3)
    assert report.status == "target_reached"
    assert report.max_errors == 0 and report.learned == 32
    assert wrong_pixels(model.reconstruct(FONT3), FONT3).max() == 0
    assert history.shape == (report.epoch, 3)
    assert history[-1, 0] < history[0, 0] / 5


def test_same_seed_same_result_and_other_seed_differs():
    config = TrainConfig(model="dae", noise="flip:2", epochs=300, batch_size=8, seed=4)
    a = train(config, FONT3)
    b = train(config, FONT3)
    np.testing.assert_array_equal(a[0].theta, b[0].theta)
    np.testing.assert_array_equal(a[2], b[2])
    config.seed = 5
    assert not np.array_equal(train(config, FONT3)[0].theta, a[0].theta)


def test_reports_arrive_and_carry_copies():
    run = TrainingRun(TrainConfig(epochs=3000, target_errors=None), FONT3)
    reports = list(run.reports(report_seconds=0.005))
    assert len(reports) > 3
    assert [r.epoch for r in reports] == sorted(r.epoch for r in reports)
    assert sum(len(r.new_losses) for r in reports) == 3000
    assert reports[-1].status == "done" and reports[-1].epoch == 3000
    assert not np.shares_memory(reports[-1].theta, run.model.theta)
    assert not np.array_equal(reports[0].theta, reports[-1].theta)


def test_reports_every_n_epochs():
    run = TrainingRun(TrainConfig(epochs=1000, target_errors=None), FONT3)
    assert [r.epoch for r in run.reports(report_every=250)] == [250, 500, 750, 1000]


def test_cancel_stops_between_chunks():
    cancel = threading.Event()
    run = TrainingRun(TrainConfig(epochs=1_000_000, target_errors=None), FONT3)
    reports = run.reports(cancel=cancel, report_seconds=0.01)
    first = next(reports)
    cancel.set()
    rest = list(reports)
    assert rest[-1].status == "cancelled"
    assert rest[-1].epoch < 100_000
    assert first.epoch <= rest[-1].epoch


def test_divergence_keeps_last_finite_weights():
    config = TrainConfig(
        optimizer="sgd",
        lr=100.0,
        loss="mse",
        output_activation="linear",
        epochs=1000,
        target_errors=None,
    )
    model, report, history = train(config, FONT3)
    assert report.status == "diverged"
    assert report.epoch < 1000
    assert np.all(np.isfinite(model.theta))
    assert np.all(np.isfinite(history))


def test_vae_reports_reconstruction_and_kl_separately():
    config = TrainConfig(model="vae", arch="35-24-2", epochs=400, beta=0.5, batch_size=8)
    _, report, history = train(config, FONT3)
    assert report.kl_loss > 0
    np.testing.assert_allclose(history[:, 0], history[:, 1] + 0.5 * history[:, 2])


@pytest.mark.parametrize(
    "optimizer,lr", [("sgd", 0.5), ("momentum", 0.05), ("lbfgs", 1.0), ("cg", 1.0)]
)
def test_every_optimizer_reduces_the_loss(optimizer, lr):
    config = TrainConfig(optimizer=optimizer, lr=lr, arch="35-20-2", epochs=300, target_errors=None)
    _, report, history = train(config, FONT3)
    assert report.status in ("done", "target_reached")
    assert history[-1, 0] < 0.6 * history[0, 0]


@pytest.mark.parametrize(
    "change,message",
    [
        (dict(lr=0), "learning rate"),
        (dict(arch="35-x-2"), "malformed"),
        (dict(arch="30-10-2"), "takes 30 inputs"),
        (dict(noise="blur:2", model="dae"), "noise"),
        (dict(optimizer="rmsprop"), "optimizer"),
        (dict(model="vae", optimizer="lbfgs"), "VAE"),
        (dict(epochs=0), "epochs"),
        (dict(init="normal:-1"), "init"),
    ],
)
def test_bad_settings_name_the_problem(change, message):
    with pytest.raises(ConfigError, match=message):
        TrainingRun(TrainConfig(**change), FONT3)


def test_engine_imports_no_qt():
    code = (
        "import sys, ae_desktop.engine, ae_desktop.data; "
        "print([m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_float32_training_follows_float64():
    config = TrainConfig(model="vae", arch="35-16-2", epochs=50, batch_size=8, target_errors=None)
    _, _, history64 = train(config, FONT3)
    config.precision = "float32"
    model32, _, history32 = train(config, FONT3)
    assert model32.theta.dtype == np.float64
    np.testing.assert_allclose(history32, history64, rtol=1e-3)


def test_where_training_stops_does_not_depend_on_report_cadence():
    config = TrainConfig(seed=3)
    stops = {
        report_every: [r for r in TrainingRun(config, FONT3).reports(report_every=report_every)][-1]
        for report_every in (7, 1000)
    }
    assert {r.status for r in stops.values()} == {"target_reached"}
    assert stops[7].epoch == stops[1000].epoch
    assert stops[7].epoch % 10 == 0
    np.testing.assert_array_equal(stops[7].theta, stops[1000].theta)


@pytest.mark.parametrize("optimizer", ["lbfgs", "cg"])
def test_quasi_newton_is_one_search_whatever_the_chunks(optimizer):
    config = TrainConfig(optimizer=optimizer, arch="35-10-2", epochs=60, target_errors=None)
    histories = []
    for report_every in (7, 60):
        run = TrainingRun(config, FONT3)
        list(run.reports(report_every=report_every))
        histories.append(run.history)
    np.testing.assert_array_equal(histories[0], histories[1])


def test_abandoned_quasi_newton_run_leaves_no_thread():
    before = threading.active_count()
    reports = TrainingRun(
        TrainConfig(optimizer="lbfgs", epochs=10_000, target_errors=None), FONT3
    ).reports(report_every=5)
    next(reports)
    assert threading.active_count() == before + 1
    reports.close()
    assert threading.active_count() == before
