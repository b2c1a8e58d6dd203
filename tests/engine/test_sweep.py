"""Sweeps and studies: plan shape, seeds, reproducibility across worker counts, cancel."""

import subprocess
import sys
import threading

import numpy as np
import pytest

from ae_desktop.data import bundled_font
from ae_desktop.engine import ConfigError, TrainConfig
from ae_desktop.engine.experiments import (
    aggregate,
    denoising_study,
    generalization_study,
    parse_variation,
    run_sweep,
    training_subset,
)

DATA = bundled_font("font3").matrix()
TINY = TrainConfig(arch="35-8-2", epochs=60, target_errors=None, seed=3)


def without_timing(rows):
    return [{k: v for k, v in row.items() if k != "seconds"} for row in rows]


def test_grid_rows_seeds_and_summary():
    result = run_sweep(
        TINY,
        [parse_variation("lr=0.001,0.01"), parse_variation("model=ae,dae")],
        DATA,
        repeats=2,
        workers=1,
    )
    assert not result.cancelled and result.planned == len(result.rows) == 8
    assert [(r["lr"], r["model"], r["seed"]) for r in result.rows[:4]] == [
        (0.001, "ae", 3),
        (0.001, "ae", 4),
        (0.001, "dae", 3),
        (0.001, "dae", 4),
    ]
    assert all(r["epochs_run"] == 60 == len(c) for r, c in zip(result.rows, result.loss_curves))
    assert all(("denoise_exact_rate" in r) == (r["model"] == "dae") for r in result.rows)
    summary = result.summary("final_loss")
    assert [(s["lr"], s["model"], s["n"]) for s in summary] == [
        (0.001, "ae", 2),
        (0.001, "dae", 2),
        (0.01, "ae", 2),
        (0.01, "dae", 2),
    ]
    losses = [r["final_loss"] for r in result.rows[:2]]
    assert summary[0]["mean"] == pytest.approx(np.mean(losses))
    assert summary[0]["min"] == min(losses) and summary[0]["max"] == max(losses)


def test_same_numbers_with_one_and_two_workers():
    """Also when a run stops at its target, and for scipy's optimizers, whose chunks of
    epochs (sized by time in TrainingRun.reports) could change the result."""
    base = TrainConfig(arch="35-10-2", epochs=60, lr=0.03, target_errors=0)
    variations = [parse_variation("optimizer=adam,lbfgs"), parse_variation("target_errors=0,none")]
    one = run_sweep(base, variations, DATA[:6], repeats=2, workers=1)
    two = run_sweep(base, variations, DATA[:6], repeats=2, workers=2)
    assert without_timing(one.rows) == without_timing(two.rows)
    for a, b in zip(one.loss_curves + one.thetas, two.loss_curves + two.thetas):
        np.testing.assert_array_equal(a, b)


def returns_before_a_hang(function, *args, **kwargs):
    """``function``'s result, run in a thread; fails if it has not returned within a
    minute (a cancel that is not honoured would train 10 million epochs)."""
    result = []
    thread = threading.Thread(target=lambda: result.append(function(*args, **kwargs)), daemon=True)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "the cancelled sweep did not return"
    return result[0]


def test_cancel_stops_running_runs_promptly_in_the_pool():
    """Two short runs, then two endless ones: cancel once the short ones are done."""
    cancel = threading.Event()

    def progress(done, total, index, outcome):
        if done == 2:
            cancel.set()

    endless = TrainConfig(arch="35-8-2", target_errors=None)
    result = returns_before_a_hang(
        run_sweep,
        endless,
        [parse_variation("epochs=5,10000000")],
        DATA,
        repeats=2,
        workers=2,
        progress=progress,
        cancel=cancel,
    )
    assert result.cancelled and [r["epochs_run"] for r in result.rows] == [5, 5]


def test_cancel_stops_a_run_in_this_process_promptly():
    cancel = threading.Event()
    threading.Timer(0.5, cancel.set).start()
    result = returns_before_a_hang(
        run_sweep,
        TrainConfig(arch="35-8-2", epochs=10_000_000, target_errors=None),
        [parse_variation("lr=0.01,0.02")],
        DATA,
        workers=1,
        cancel=cancel,
    )
    assert result.cancelled and result.rows == []


def test_progress_reports_every_run_in_the_callers_thread():
    calls = []
    run_sweep(
        TINY,
        [parse_variation("epochs=20,30")],
        DATA,
        repeats=1,
        workers=1,
        progress=lambda done, total, index, outcome: calls.append(
            (
                done,
                total,
                index,
                outcome.metrics["epochs_run"],
                threading.current_thread() is threading.main_thread(),
            )
        ),
    )
    assert calls == [(1, 2, 0, 20, True), (2, 2, 1, 30, True)]


@pytest.mark.parametrize(
    "text, message",
    [
        ("speed=1,2", "cannot vary unknown setting 'speed'"),
        ("lr=", "no values after '='"),
        ("lr=0.1,,0.2", "empty value in the list"),
        ("lr=fast", "cannot vary lr: 'fast' is not a number"),
        ("epochs=1.5", "cannot vary epochs: '1.5' is not a whole number"),
        ("seed=1,2", "cannot vary seed"),
        ("lr", "expected SETTING=V1,V2"),
        ("lr=0.1,0.1", "a value is repeated"),
    ],
)
def test_bad_variations(text, message):
    with pytest.raises(ConfigError, match=message):
        parse_variation(text)


def test_variation_values_take_the_settings_types():
    assert parse_variation("batch-size=0,8").values == (0, 8)
    assert parse_variation("target_errors=none,1").values == (None, 1)
    assert parse_variation("arch=35-10-2,35-20-2").values == ("35-10-2", "35-20-2")


def test_bad_values_fail_before_any_run():
    with pytest.raises(ConfigError, match="lr=-1.0: learning rate must be a number > 0"):
        run_sweep(TINY, [parse_variation("lr=0.1,-1")], DATA, workers=1)
    with pytest.raises(ConfigError, match="takes 30 inputs"):
        run_sweep(TINY, [parse_variation("arch=35-2,30-2")], DATA, workers=1)
    with pytest.raises(ConfigError, match="vary one or two settings"):
        run_sweep(TINY, [parse_variation(t) for t in ("lr=1", "epochs=1", "init=he")], DATA)
    with pytest.raises(ConfigError, match="repeats must be"):
        run_sweep(TINY, [parse_variation("lr=1")], DATA, repeats=0)


def test_aggregate_groups_in_order_and_skips_missing():
    rows = [{"k": "b", "m": 1}, {"k": "a", "m": 4}, {"k": "b", "m": 3}, {"k": "a"}]
    assert aggregate(rows, "m", ["k"]) == [
        {"k": "b", "n": 2, "mean": 2.0, "std": 1.0, "min": 1.0, "max": 3.0},
        {"k": "a", "n": 1, "mean": 4.0, "std": 0.0, "min": 4.0, "max": 4.0},
    ]
    with pytest.raises(KeyError, match="no run has a value"):
        aggregate(rows, "other", ["k"])


def test_denoising_study_compares_dae_plain_ae_and_baseline():
    table = denoising_study(TINY, DATA, levels=(0.0, 0.2), draws=4, repeats=1, workers=1)
    assert [(r["model"], r["noise"]) for r in table.rows] == [
        ("dae", 0.0),
        ("ae", 0.0),
        ("nearest", 0.0),
        ("dae", 0.2),
        ("ae", 0.2),
        ("nearest", 0.2),
    ]
    baseline = {r["noise"]: r for r in table.rows if r["model"] == "nearest"}
    assert baseline[0.0]["exact_rate"] == 1 and baseline[0.0]["noisy_errors"] == 0
    assert baseline[0.2]["noisy_errors"] == pytest.approx(0.2 * 35, rel=0.3)
    assert len(table.summary("exact_rate")) == 6


def test_generalization_study_measures_held_out_glyphs():
    table = generalization_study(TINY, DATA, sizes=[4, 32], repeats=2, workers=1)
    small = [r for r in table.rows if r["train_size"] == 4]
    assert len(small) == 2 and small[0]["trained"] != small[1]["trained"]
    assert all(r["n_glyphs"] == 4 and r["held_out_n"] == 28 for r in small)
    full = [r for r in table.rows if r["train_size"] == 32]
    assert all("held_out_mean_errors" not in r for r in full)
    subset = training_subset(32, 8, seed=5)
    assert len(set(subset)) == 8 and np.array_equal(subset, training_subset(32, 8, seed=5))
    with pytest.raises(ConfigError, match="sizes must be from 1 to 32"):
        generalization_study(TINY, DATA, sizes=[0])


def test_experiments_import_no_qt():
    code = (
        "import sys; from ae_desktop.data import bundled_font; "
        "from ae_desktop.engine import TrainConfig; "
        "from ae_desktop.engine.experiments import parse_variation, run_sweep; "
        "run_sweep(TrainConfig(arch='35-4-2', epochs=3), [parse_variation('lr=0.1')], "
        "bundled_font('font3').matrix(), repeats=1, workers=1); "
        "assert not any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr


WORKER_PARENT = """
import os, sys
from ae_desktop.engine.experiments import pool
def origin():
    return os.getppid(), "ae_desktop.engine.experiments.pool" in sys.modules
if __name__ == "__main__":
    with pool._worker_context().Pool(1) as workers:
        parent, loaded = workers.apply(origin)
    with open(f"/proc/{parent}/cmdline", "rb") as cmdline:
        print(parent != os.getpid(), loaded, cmdline.read().replace(b"\\0", b" ").decode())
"""


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_workers_fork_from_a_server_that_imported_the_engine(tmp_path):
    """Never forked from the caller (it may hold threads): from multiprocessing's
    forkserver, which loaded the pool's module, and so the engine, once, and Numba's
    target (worker_preload)."""
    script = tmp_path / "sweep_origin.py"
    script.write_text(WORKER_PARENT)
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, check=True
    )
    not_the_caller, pool_loaded, parent = done.stdout.split(" ", 2)
    assert not_the_caller == "True" and pool_loaded == "True"
    assert "forkserver" in parent and "ae_desktop.engine.experiments.worker_preload" in parent


def test_a_frozen_bundle_spawns_its_workers(monkeypatch):
    from ae_desktop.engine.experiments import pool

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert pool._worker_context().get_start_method() == "spawn"
