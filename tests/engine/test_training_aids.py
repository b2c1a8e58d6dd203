"""Learning-rate schedules and KL warm-up across chunks of epochs, their rules, and the
training aids' validation (the kernel against the reference per setting:
test_kernels_vs_reference.py; weight decay's gradient: test_gradients.py)."""

import dataclasses

import numpy as np
import pytest

from ae_desktop.data import bundled_font
from ae_desktop.engine import ConfigError, TrainConfig, TrainingRun, compiled_train
from ae_desktop.engine.batch_plan import BatchPlan
from ae_desktop.engine.model import Autoencoder
from ae_desktop.engine.reference import epoch_beta, epoch_rate, run_epochs
from ae_desktop.engine.schedules import COSINE, STEP
from ae_desktop.engine.train_records import OptimizerState, StopRule, TrainSettings

FONT = bundled_font("font3").matrix()


def test_schedules_and_warm_up_count_epochs_across_chunks():
    """Two chunks of 75 epochs (first_epoch 0 and 75) are one run of 150."""
    config = TrainConfig(model="vae", arch="35-16-2", batch_size=16, kl_warmup=100)
    config.lr_schedule = "cosine"
    arch = config.architecture(35)
    rng = np.random.default_rng(0)
    model = Autoencoder.initialize(arch, config.init, rng)
    batches = BatchPlan(FONT, config, arch, rng).batches(150)
    settings = TrainSettings.of(config)
    whole = model.theta.copy()
    expected = run_epochs(arch, whole, OptimizerState.zeros(whole), settings, batches, 150)
    theta, state = model.theta.copy(), OptimizerState.zeros(model.theta)
    losses = np.zeros((150, 3))
    for start in (0, 75):
        part = batches._replace(
            inputs=batches.inputs[start : start + 75]
            if len(batches.inputs) > 1
            else batches.inputs,
            perms=batches.perms[start : start + 75],
            draws=batches.draws[start : start + 75],
        )
        compiled_train.train_epochs(
            arch.layout.table,
            theta,
            state,
            settings._replace(first_epoch=start),
            part,
            losses[start : start + 75],
            StopRule(len(FONT)),
            np.zeros(0, dtype=np.int64),
            None,
        )
    np.testing.assert_allclose(losses, expected, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(theta, whole, rtol=1e-9, atol=1e-9)


def test_rules_of_the_schedules_and_the_warm_up():
    step = TrainSettings(0, 0, 0, 0.1, schedule=STEP, step_every=10, step_factor=0.5)
    assert [epoch_rate(step, e) for e in (0, 9, 10, 25)] == [0.1, 0.1, 0.05, 0.025]
    cosine = TrainSettings(0, 0, 0, 0.1, schedule=COSINE, epochs=100)
    assert epoch_rate(cosine, 0) == 0.1 and epoch_rate(cosine, 50) == pytest.approx(0.05)
    assert epoch_rate(cosine, 99) == pytest.approx(0.1 * 0.5 * (1 + np.cos(np.pi * 0.99)))
    warm = TrainSettings(0, 0, 0, 0.1, beta=2.0, kl_warmup=4)
    assert [epoch_beta(warm, e) for e in range(6)] == [0.0, 0.5, 1.0, 1.5, 2.0, 2.0]


@pytest.mark.parametrize(
    "change, message",
    [
        ({"weight_decay": -0.1}, "weight_decay must be"),
        ({"weight_decay": 2.0}, "weight_decay must be"),
        ({"lr_schedule": "linear"}, "unknown lr schedule 'linear'"),
        ({"lr_schedule": "step:0:0.5"}, "EVERY a whole number from 1"),
        ({"lr_schedule": "step:10:1.5"}, "FACTOR a finite number > 0 and <= 1"),
        ({"lr_schedule": "step:10"}, "step:EVERY:FACTOR"),
        ({"kl_warmup": 10}, "KL warm-up is for a variational"),
        ({"kl_warmup": -1, "model": "vae"}, "kl_warmup must be"),
        ({"early_stop": 5}, "give a test fraction"),
        ({"early_stop": 1.5, "test_fraction": 0.2}, "early_stop must be a whole number"),
        ({"optimizer": "bfgs", "arch": "35-80-2"}, "at most 4,000 weights and biases"),
        ({"optimizer": "powell", "arch": "35-80-2"}, "powell holds an n x n matrix"),
    ],
)
def test_bad_training_aid_settings_name_the_problem(change, message):
    config = dataclasses.replace(TrainConfig(), **change)
    with pytest.raises(ConfigError, match=message):
        config.architecture(35)


def test_defaults_leave_the_aids_off():
    settings = TrainSettings.of(TrainConfig())
    assert (settings.weight_decay, settings.kl_warmup, settings.first_epoch) == (0.0, 0, 0)
    assert epoch_rate(settings, 12345) == settings.lr
    assert TrainConfig.from_dict({"lr": 0.01}).lr_schedule == "constant"


def test_early_stop_ends_when_the_test_loss_stops_improving():
    config = TrainConfig(test_fraction=0.25, early_stop=30, target_errors=None, seed=1)
    finals = [list(TrainingRun(config, FONT).reports(report_every=e))[-1] for e in (7, None)]
    first, timed = finals
    assert first.status == "stopped_early" and first.epoch < config.epochs
    assert first.epoch - first.best_test_epoch >= 30 and first.epoch % 3 == 0
    assert first.best_test_loss < first.test_loss
    assert (timed.status, timed.epoch, timed.best_test_epoch) == (
        first.status,
        first.epoch,
        first.best_test_epoch,
    )
    np.testing.assert_array_equal(timed.theta, first.theta)


def test_without_early_stop_the_best_test_epoch_is_still_reported():
    config = TrainConfig(test_fraction=0.25, epochs=50, target_errors=None)
    final = list(TrainingRun(config, FONT).reports(report_every=10))[-1]
    assert final.status == "done" and final.best_test_epoch in (10, 20, 30, 40, 50)
