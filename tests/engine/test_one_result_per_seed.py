"""Same settings and seed, same weights, whatever the thread counts: the app (window,
command line, sweep workers) runs the engine after ``ae_desktop.runtime_env``, which
pins BLAS to one thread (OpenBLAS's float32 products with a 784 x 256 layer differ
between 1 and 2 threads otherwise), and training's own threads run fixed blocks
(engine/compute_threads.py): the window trains on all cores but one, the command line
on all, sweep workers on one each."""

import os
import subprocess
import sys

import numba
import numpy as np
import pytest

from ae_desktop.engine import TrainConfig, compute_threads, train
from ae_desktop.engine.compiled_layers import THREADED
from ae_desktop.engine.experiments import RunTask, run_tasks

TRAIN = """
import ae_desktop.runtime_env
import hashlib, numpy as np
from ae_desktop.engine import TrainConfig, train
data = np.random.default_rng(0).random((200, 784)).astype(np.float32)
config = TrainConfig(model="vae", arch="784-256-2", activation="relu", batch_size=100,
                     precision="float32", epochs=1, target_errors=None)
print(hashlib.sha256(train(config, data)[0].theta.tobytes()).hexdigest())
"""
# wide enough for threaded products (both sides of a layer 64 or more) and Adam chunks
WIDE = TrainConfig(
    model="vae",
    arch="300-128-2",
    activation="relu",
    batch_size=50,
    precision="float32",
    epochs=3,
    target_errors=None,
    seed=5,
)
two_threads = pytest.mark.skipif(
    numba.config.NUMBA_NUM_THREADS < 2, reason="one core: training runs one thread anyway"
)


def weights_digest(threads: str) -> str:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": threads, "MKL_NUM_THREADS": threads}
    done = subprocess.run(
        [sys.executable, "-c", TRAIN],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout.strip()


@pytest.mark.skipif(os.cpu_count() == 1, reason="one core: BLAS runs one thread anyway")
def test_float32_vae_weights_do_not_depend_on_blas_threads():
    assert weights_digest("1") == weights_digest("2")


def wide_data() -> np.ndarray:
    return (np.random.default_rng(3).random((400, 300)) < 0.3).astype(np.float32)


@two_threads
def test_float32_vae_weights_do_not_depend_on_training_threads(monkeypatch):
    table = WIDE.architecture(300).layout.table
    weights = {}
    for threads in (1, 2):
        monkeypatch.setattr(compute_threads, "_limit", threads)
        assert (compute_threads.parallel_argument(table) is THREADED) == (threads == 2)
        weights[threads] = train(WIDE, wide_data())[0].theta
    assert np.isfinite(weights[1]).all()
    assert weights[1].tobytes() == weights[2].tobytes()


@two_threads
def test_sweep_workers_train_the_same_weights_as_the_command_line(monkeypatch):
    monkeypatch.setattr(compute_threads, "_limit", 2)  # the command line of a 2-core machine
    here = train(WIDE, wide_data())[0].theta
    outcomes, cancelled = run_tasks([RunTask(WIDE, wide_data())] * 2, workers=2)
    assert not cancelled
    for outcome in outcomes:  # each in a worker process that trains on one thread
        assert outcome is not None and outcome.theta.tobytes() == here.tobytes()


def test_one_call_at_a_time_runs_threaded(monkeypatch):
    monkeypatch.setattr(compute_threads, "_limit", 2)
    monkeypatch.setattr(numba.config, "NUMBA_NUM_THREADS", 2)
    table = WIDE.architecture(300).layout.table
    narrow = TrainConfig(arch="35-10-2").architecture(35).layout.table
    with compute_threads.parallel_call(narrow) as parallel:
        assert parallel is None  # nothing wide to split: the threaded code is not compiled
    with compute_threads.parallel_call(table) as first:
        with compute_threads.parallel_call(table) as second:
            assert first is THREADED and second is None
    with compute_threads.parallel_call(table) as again:
        assert again is THREADED
    monkeypatch.setattr(compute_threads, "_limit", None)
    monkeypatch.setattr(compute_threads, "available_cores", lambda: 8)
    assert compute_threads.training_threads() == 2  # every core, within Numba's pool
    compute_threads.limit_threads(1)
    assert compute_threads.training_threads() == 1


CONCURRENT = """
import ae_desktop.runtime_env
import hashlib, threading, numba, numpy as np
from ae_desktop.engine import TrainConfig, limit_threads, train
config = TrainConfig(model="vae", arch="300-128-2", activation="relu", batch_size=50,
                     precision="float32", epochs=3, target_errors=None, seed=5)
data = (np.random.default_rng(3).random((400, 300)) < 0.3).astype(np.float32)
digests = []
def run():
    digests.append(hashlib.sha256(train(config, data)[0].theta.tobytes()).hexdigest())
limit_threads(1)
run()
limit_threads(2)
runs = [threading.Thread(target=run) for _ in range(3)]
for thread in runs:
    thread.start()
for thread in runs:
    thread.join()
print(numba.threading_layer(), len(set(digests)), len(digests))
"""


@two_threads
def test_concurrent_trainings_are_safe_with_a_thread_unsafe_threading_layer():
    """Numba's workqueue layer must not be entered from two threads at once: one
    training at a time runs threaded, the others in turn, all to the same weights."""
    done = subprocess.run(
        [sys.executable, "-c", CONCURRENT],
        env={**os.environ, "NUMBA_THREADING_LAYER": "workqueue"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["workqueue", "1", "4"]
