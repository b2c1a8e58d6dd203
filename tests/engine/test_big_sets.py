"""Progress on big sets: wrong pixels counted in the epoch's own passes, a report and a
test-loss point at every epoch, the whole set reconstructed once, for the last report."""

import numpy as np
import pytest

from ae_desktop.data import bundled_font
from ae_desktop.engine import TrainConfig, TrainingRun, training, wrong_pixels
from ae_desktop.engine.training import _GradientStepper

FONT3 = bundled_font("font3").matrix()


def test_pass_errors_of_a_full_batch_epoch_are_the_starting_model_errors():
    config = TrainConfig(arch="35-8-2", epochs=1, target_errors=None)
    run = TrainingRun(config, FONT3)
    before = wrong_pixels(run.model.reconstruct(FONT3), FONT3)
    stepper = _GradientStepper(run.model, run.data, config, run.rng)
    stepper.advance(1)  # one batch: its forward pass runs the weights before the update
    np.testing.assert_array_equal(stepper.pass_errors, before)


def test_errors_count_as_the_reconstruction():
    data = np.random.default_rng(3).random((40, 35)).astype(np.float32)
    run = TrainingRun(TrainConfig(model="vae", arch="35-8-2", epochs=1), data)
    np.testing.assert_array_equal(run.errors(), wrong_pixels(run.model.reconstruct(data), data))


@pytest.mark.parametrize("model", ["ae", "vae"])
def test_big_set_reports_every_epoch_and_evaluates_once_at_the_end(monkeypatch, model):
    monkeypatch.setattr(training, "BIG_SET_WORK", 0)
    calls = []
    errors = training.TrainingRun.errors
    monkeypatch.setattr(
        training.TrainingRun, "errors", lambda self: calls.append(self.epoch) or errors(self)
    )
    config = TrainConfig(
        model=model, arch="35-12-2", epochs=6, batch_size=8, test_fraction=0.25, target_errors=None
    )
    run = TrainingRun(config, FONT3)
    reports = list(run.reports(report_seconds=1e9))  # a timed run: reports by the clock
    assert [r.epoch for r in reports] == [1, 2, 3, 4, 5, 6]
    assert run.test_history[:, 0].tolist() == [1, 2, 3, 4, 5, 6]
    assert calls == [6]
    assert [r.errors_exact for r in reports] == [False] * 5 + [True]
    assert all(len(r.errors_per_glyph) == len(run.data) for r in reports)
    final = reports[-1].errors_per_glyph
    np.testing.assert_array_equal(final, wrong_pixels(run.model.reconstruct(run.data), run.data))
    assert run.big


def test_small_sets_keep_exact_errors_at_every_report():
    run = TrainingRun(TrainConfig(epochs=300, target_errors=None), FONT3)
    assert not run.big
    assert all(r.errors_exact for r in run.reports(report_every=100))


def test_a_big_set_with_a_target_counts_the_whole_set_once_in_python(monkeypatch):
    """The stop rule's exact check runs in the kernel after each epoch; the reports still
    reconstruct the whole set only for the last one."""
    monkeypatch.setattr(training, "BIG_SET_WORK", 0)
    calls = []
    errors = training.TrainingRun.errors
    monkeypatch.setattr(
        training.TrainingRun, "errors", lambda self: calls.append(self.epoch) or errors(self)
    )
    config = TrainConfig(arch="35-12-2", epochs=4, batch_size=8, target_errors=0)
    reports = list(TrainingRun(config, FONT3).reports(report_seconds=1e9))
    assert [r.epoch for r in reports] == [1, 2, 3, 4] and calls == [4]
    assert reports[-1].status == "done" and reports[-1].max_errors > 0
