"""Error measures the engine reports for the window: a curve run's largest point
distances (the status bar only shows them), from a fixed sample on big sets and exact at
the end; a float32 run's wrong pixels counted in float32, as its stop rule counts them."""

import threading

import numpy as np
import pytest

from ae_desktop.data import bundled_font
from ae_desktop.data.circles import circles
from ae_desktop.engine import CURVE, ConfigError, TrainConfig, TrainingRun, training
from ae_desktop.engine.metrics import pixel_margins, wrong_pixels

CIRCLES = circles(40).matrix()


def largest(run, rows):
    return CURVE.errors(run.model.reconstruct(rows), rows).max()


def test_a_curve_run_reports_its_largest_point_distances():
    config = TrainConfig(arch="42-8-2", epochs=40, test_fraction=0.25, loss="mse")
    run = TrainingRun(config, CIRCLES, kind=CURVE)
    reports = list(run.reports(report_every=20))
    final = reports[-1]
    assert final.max_point_error == largest(run, run.data)
    assert final.test_max_point_error == largest(run, run.held_out.data)
    assert not any(r.errors_sampled for r in reports)


def test_pixel_runs_report_no_point_distance():
    run = TrainingRun(TrainConfig(arch="42-8-2", epochs=2), CIRCLES)
    report = list(run.reports(report_every=1))[-1]
    assert np.isnan(report.max_point_error) and np.isnan(report.test_max_point_error)


def test_a_big_curve_run_samples_fixed_rows_until_the_last_report(monkeypatch):
    monkeypatch.setattr(training, "BIG_SET_WORK", 0)
    monkeypatch.setattr(training, "SAMPLE_ROWS", 5)
    sampled_rows = []
    reconstruct = training.Autoencoder.reconstruct
    monkeypatch.setattr(
        training.Autoencoder,
        "reconstruct",
        lambda self, x: sampled_rows.append(len(x)) or reconstruct(self, x),
    )
    config = TrainConfig(arch="42-8-2", epochs=3, batch_size=10, test_fraction=0.25, loss="mse")
    run = TrainingRun(config, CIRCLES, kind=CURVE)
    reports = list(run.reports(report_seconds=1e9))
    assert [r.errors_sampled for r in reports] == [True, True, False]
    # each report: 5 training rows and 5 test rows, the last one every row of both
    assert sampled_rows == [5, 5, 5, 5, 30, 10]
    assert reports[-1].max_point_error == largest(run, run.data)
    assert reports[-1].test_max_point_error == largest(run, run.held_out.data)


def test_a_float32_run_counts_its_errors_in_float32(monkeypatch):
    dtypes = []
    check = training.stop_check
    monkeypatch.setattr(
        training,
        "stop_check",
        lambda theta, *args: dtypes.append((theta.dtype, args[1].dtype)) or check(theta, *args),
    )
    data = np.random.default_rng(0).random((30, 42)).astype(np.float32)
    for precision in ("float32", "float64"):
        config = TrainConfig(arch="42-8-2", epochs=1, precision=precision, target_errors=None)
        TrainingRun(config, data).errors()
    assert dtypes == [(np.float32, np.float32), (np.float64, np.float64)]


@pytest.mark.parametrize("big, allowed", [(True, 3), (False, 3), (True, 1)])
def test_a_set_of_several_blocks_is_counted_in_threads_as_in_one(monkeypatch, big, allowed):
    """A big set's count runs a block per training thread (a sweep worker has one: it
    counts in its own thread), a small set's in the caller's."""
    monkeypatch.setattr(training, "ERROR_ROWS", 7)
    monkeypatch.setattr(training, "training_threads", lambda: allowed)
    monkeypatch.setattr(training, "BIG_SET_WORK", 0 if big else 2**24)
    threads = []
    check = training.stop_check
    monkeypatch.setattr(
        training,
        "stop_check",
        lambda *args: threads.append(threading.current_thread()) or check(*args),
    )
    data = bundled_font("font3").matrix()
    run = TrainingRun(TrainConfig(arch="35-8-2", epochs=30, target_errors=None), data)
    list(run.reports(report_every=30))
    threads.clear()
    output = run.model.reconstruct(data)
    np.testing.assert_array_equal(run.errors(), wrong_pixels(output, data))
    assert tuple(run.margins) == pixel_margins(output, data)
    assert len(threads) == 5  # blocks of 7 of the 32 glyphs
    assert (threading.main_thread() not in threads) == (big and allowed > 1)


def test_values_outside_0_1_are_refused():
    for bad in (np.nan, np.inf, -np.inf, -0.5, 1.5):
        data = np.full((3, 4), 0.5)
        data[1, 2] = bad
        with pytest.raises(ConfigError, match="0..1"):
            TrainingRun(TrainConfig(arch="4-2"), data)
