"""Full BFGS and Powell through scipy.optimize.minimize: they learn, report every
iteration, and a cancel ends Powell's slow iterations midway."""

import threading

import numpy as np
import pytest

from ae_desktop.data import bundled_font
from ae_desktop.engine import TrainConfig, TrainingRun, train
from ae_desktop.engine.quasi_newton import THREAD_NAME

FONT3 = bundled_font("font3").matrix()


@pytest.mark.parametrize("optimizer, epochs", [("bfgs", 40), ("powell", 3)])
def test_bfgs_and_powell_learn_a_tiny_set(optimizer, epochs):
    config = TrainConfig(optimizer=optimizer, arch="35-3-2", epochs=epochs, target_errors=None)
    run = TrainingRun(config, FONT3[:4])
    reports = list(run.reports(report_every=1))
    assert [r.epoch for r in reports] == list(range(1, len(reports) + 1))  # every iteration
    assert reports[-1].status in ("done", "target_reached")
    assert run.history[-1, 0] < 0.7 * run.history[0, 0]


def test_weight_decay_shrinks_the_bfgs_solution():
    config = TrainConfig(optimizer="bfgs", arch="35-3-2", epochs=30, target_errors=None)
    plain, _, _ = train(config, FONT3[:4])
    config.weight_decay = 0.1
    decayed, _, _ = train(config, FONT3[:4])
    assert np.linalg.norm(decayed.theta) < np.linalg.norm(plain.theta)


def test_powell_is_cancelled_in_the_middle_of_an_iteration():
    """An iteration of 35-30-2 is thousands of line searches; the cancel, set while
    the first one runs, ends the run and its worker thread without waiting for it."""
    cancel = threading.Event()
    config = TrainConfig(optimizer="powell", arch="35-30-2", epochs=1000, target_errors=None)
    run = TrainingRun(config, FONT3)
    finals = []

    def consume():
        finals.append(list(run.reports(cancel, report_every=1))[-1])

    worker = threading.Thread(target=consume)
    worker.start()
    threading.Timer(0.5, cancel.set).start()
    worker.join(timeout=60)
    assert not worker.is_alive()
    assert finals[0].status == "cancelled" and finals[0].epoch < 1000
    assert THREAD_NAME not in [thread.name for thread in threading.enumerate()]
