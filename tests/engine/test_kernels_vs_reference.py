"""The Numba training kernel follows the NumPy reference epoch by epoch."""

import numpy as np
import pytest
from numba import njit

from ae_desktop.data import bundled_font
from ae_desktop.engine import TrainConfig, compiled_train
from ae_desktop.engine.batch_plan import BatchPlan
from ae_desktop.engine.compiled_math import log1p_unit, sigmoid, tanh
from ae_desktop.engine.layout import N_OUT, W_OFFSET
from ae_desktop.engine.model import Autoencoder
from ae_desktop.engine.reference import forward, run_epochs
from ae_desktop.engine.train_records import (
    MOMENT_FLOOR,
    Batches,
    OptimizerState,
    StopRule,
    TrainSettings,
)

FONT = bundled_font("font3").matrix()


def run_both(config: TrainConfig, epochs: int):
    arch = config.architecture(FONT.shape[1])
    rng = np.random.default_rng(config.seed)
    model = Autoencoder.initialize(arch, config.init, rng)
    plan = BatchPlan(FONT, config, arch, rng)
    batches = plan.batches(epochs)
    settings = TrainSettings.of(config)

    theta_ref = model.theta.astype(config.precision)
    losses_ref = run_epochs(
        arch, theta_ref, OptimizerState.zeros(theta_ref), settings, batches, epochs
    )

    theta = model.theta.astype(config.precision)
    losses = np.zeros((epochs, 3))
    done, status = compiled_train.train_epochs(
        arch.layout.table,
        theta,
        OptimizerState.zeros(theta),
        settings,
        batches,
        losses,
        StopRule(len(FONT)),
        np.zeros(0, dtype=np.int64),
        None,
    )
    assert (done, status) == (epochs, compiled_train.RUNNING)
    return theta_ref, losses_ref, theta, losses


CASES = [
    TrainConfig(loss="mse", target_errors=None),
    TrainConfig(loss="bce", activation="relu", optimizer="momentum", lr=0.01),
    TrainConfig(loss="bce", activation="sigmoid", optimizer="sgd", lr=0.5, batch_size=8),
    TrainConfig(model="dae", noise="flip:2", augment=3, activation="leaky_relu", batch_size=10),
    TrainConfig(
        model="dae",
        noise="saltpepper:0.2",
        augment=3,
        batch_size=16,
        activation="relu",
        redraw_ambiguous=True,  # noisy copies nearer another glyph drawn again
    ),
    TrainConfig(model="vae", arch="35-16-2", beta=0.5, batch_size=16),
    TrainConfig(
        model="ae",
        arch="35-40-2",
        decoder="2-12-35",
        loss="mse",
        output_activation="linear",
        activation="tanh",
    ),
    TrainConfig(arch="35-20-10-2", dropout=0.2, batch_size=8, activation="relu"),
    TrainConfig(model="vae", arch="35-16-8-2", dropout=0.1, batch_size=16, precision="float64"),
    # the training aids: weight decay, learning-rate schedules, KL warm-up
    TrainConfig(weight_decay=0.01, target_errors=None),
    TrainConfig(optimizer="sgd", lr=0.1, weight_decay=0.02, lr_schedule="step:40:0.5"),
    TrainConfig(optimizer="momentum", lr=0.01, weight_decay=0.05, lr_schedule="cosine", epochs=150),
    TrainConfig(model="vae", arch="35-16-2", batch_size=16, kl_warmup=100, lr_schedule="cosine"),
    TrainConfig(model="dae", batch_size=8, weight_decay=0.1, lr_schedule="step:7:0.9"),
]


@pytest.mark.parametrize(
    "config",
    CASES,
    ids=lambda c: (
        f"{c.model}-{c.optimizer}-{c.loss}-drop{c.dropout}-wd{c.weight_decay}-"
        f"{c.lr_schedule}-warm{c.kl_warmup}-redraw{c.redraw_ambiguous}"
    ),
)
def test_numba_epochs_match_numpy_reference(config):
    theta_ref, losses_ref, theta, losses = run_both(config, 150)
    np.testing.assert_allclose(losses, losses_ref, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(theta, theta_ref, rtol=1e-9, atol=1e-9)


def test_inference_matches_reference_forward():
    config = TrainConfig(model="vae", arch="35-12-3")
    arch = config.architecture(35)
    model = Autoencoder.initialize(arch, "he", np.random.default_rng(5))
    _, zs, _ = forward(arch, model.theta, FONT)
    np.testing.assert_allclose(model.encode(FONT), zs[arch.n_encoder_layers - 1][:, :3], rtol=1e-12)
    _, _, out = forward(arch, model.theta, FONT)  # VAE reference decodes the mean
    np.testing.assert_allclose(model.reconstruct(FONT), out, rtol=1e-12, atol=1e-15)


@njit
def _apply(kind, x, out):
    for i in range(x.size):
        out[i] = tanh(x[i]) if kind == 0 else sigmoid(x[i]) if kind == 1 else log1p_unit(x[i])


def test_fast_math_agrees_with_numpy_to_rounding():
    x = np.concatenate([np.linspace(-40, 40, 20001), [0.0, 1e-300, -1e-12, 750, -750]])
    out = np.empty_like(x)
    _apply(0, x, out)
    np.testing.assert_allclose(out, np.tanh(x), rtol=4e-16, atol=1e-300)
    _apply(1, x, out)
    expected = np.exp(-np.logaddexp(0, -x))
    np.testing.assert_allclose(out, expected, rtol=1e-14, atol=1e-300)
    unit = np.linspace(0, 1, 10001)
    out = np.empty_like(unit)
    _apply(2, unit, out)
    np.testing.assert_allclose(out, np.log1p(unit), rtol=1e-15)


def test_float32_decoding_matches_float64():
    config = TrainConfig(arch="35-20-10-5-2")
    model = Autoencoder.initialize(config.architecture(35), "glorot", np.random.default_rng(2))
    axis = np.linspace(-3, 3, 70)  # more rows than one cache block of the kernel
    points = np.stack(np.meshgrid(axis, axis), axis=-1).reshape(-1, 2)
    single = model.decode(points, "float32")
    assert single.dtype == np.float32
    np.testing.assert_allclose(single, model.decode(points), atol=2e-6)


def test_float32_training_follows_the_float32_reference():
    """A float32 run computes in float32 throughout, Adam's step included, as NumPy's
    reference does with float32 arrays: the two agree to float32 rounding."""
    config = TrainConfig(model="vae", arch="35-16-2", batch_size=16, precision="float32")
    theta_ref, losses_ref, theta, losses = run_both(config, 30)
    assert theta.dtype == theta_ref.dtype == np.float32
    np.testing.assert_allclose(losses, losses_ref, rtol=1e-6)
    np.testing.assert_allclose(theta, theta_ref, rtol=1e-6, atol=5e-7)


@pytest.mark.parametrize("precision", ["float32", "float64"])
@pytest.mark.parametrize("optimizer, lr", [("adam", 0.0005), ("momentum", 0.01)])
def test_moments_of_weights_no_longer_learning_end_at_zero(optimizer, lr, precision):
    """Pixel 0 is lit in the first epoch only: its weights' moments then shrink every
    step (by 0.6 here: below float32's smallest normal number after about 170 steps)
    and would stick among the subnormal numbers (0.6 times the smallest rounds back to
    it), where arithmetic is about 100x slower. The kernel and the reference store such
    moments as 0, and still agree."""
    config = TrainConfig(precision=precision, optimizer=optimizer, lr=lr, target_errors=None)
    epochs = 250
    arch = config.architecture(FONT.shape[1])
    model = Autoencoder.initialize(arch, config.init, np.random.default_rng(0))
    _, targets, perms, draws = BatchPlan(FONT, config, arch, np.random.default_rng(0)).batches(1)
    inputs = np.repeat(targets[None], 2, axis=0)
    inputs[0, :, 0] = 1.0  # epoch 0; the later epochs use the last slab: pixel 0 dark
    inputs[1, :, 0] = 0.0
    batches = Batches(inputs, targets, perms, np.zeros((epochs, len(FONT), 0), precision))
    settings = TrainSettings.of(config)._replace(beta1=0.6, momentum=0.6)
    runs = []
    for train in (run_epochs, _kernel_epochs):
        theta = model.theta.astype(precision)
        state = OptimizerState.zeros(theta)
        train(arch, theta, state, settings, batches, epochs)
        runs.append((theta, state))
    (theta_ref, state_ref), (theta, state) = runs
    w0 = arch.layout.table[0, W_OFFSET]
    pixel_0 = slice(w0, w0 + arch.layout.table[0, N_OUT])  # layer 0's weights from input 0
    for moments in (state.first, state.second, state_ref.first, state_ref.second):
        assert not ((moments != 0) & (np.abs(moments) < MOMENT_FLOOR)).any()
    assert (state.first[pixel_0] == 0).all() and (state_ref.first[pixel_0] == 0).all()
    tolerance = 1e-9 if precision == "float64" else 2e-5
    np.testing.assert_allclose(theta, theta_ref, rtol=tolerance, atol=tolerance)


def _kernel_epochs(arch, theta, state, settings, batches, epochs):
    done, status = compiled_train.train_epochs(
        arch.layout.table,
        theta,
        state,
        settings,
        batches,
        np.zeros((epochs, 3)),
        StopRule(len(FONT)),
        np.zeros(0, dtype=np.int64),
        None,
    )
    assert (done, status) == (epochs, compiled_train.RUNNING)
