"""Backpropagation against central finite differences, for every activation, loss and model."""

import numpy as np
import pytest

from ae_desktop.engine import compiled_train
from ae_desktop.engine.activations import ACTIVATIONS
from ae_desktop.engine.architecture import Architecture
from ae_desktop.engine.initialization import initial_parameters
from ae_desktop.engine.losses import BCE, MSE
from ae_desktop.engine.reference import loss_and_gradient
from ae_desktop.engine.train_records import SGD, TrainSettings


def numeric_gradient(f, theta, h=1e-6):
    grad = np.zeros_like(theta)
    for i in range(theta.size):
        step = np.zeros_like(theta)
        step[i] = h
        grad[i] = (f(theta + step) - f(theta - step)) / (2 * h)
    return grad


def problem(kind, activation, output, seed=0):
    arch = Architecture.parse("6-5-3-2", kind=kind, activation=activation, output_activation=output)
    rng = np.random.default_rng(seed)
    # random biases keep every pre-activation off relu's kink at 0
    theta = initial_parameters(arch, "normal:0.5", rng) + rng.normal(0, 0.1, arch.n_params)
    x = (rng.random((4, 6)) > 0.5).astype(float)
    eps = rng.standard_normal((4, 2)) if kind == "vae" else None
    return arch, theta, x, eps


@pytest.mark.parametrize("kind", ["ae", "vae"])
@pytest.mark.parametrize("loss", [MSE, BCE])
@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("output", ["sigmoid", "linear", "tanh"])
def test_reference_gradient_matches_finite_differences(kind, loss, activation, output):
    arch, theta, x, eps = problem(kind, activation, output)
    if output != "sigmoid" and loss == BCE:
        theta = theta * 0.3  # keep clipped BCE away from its clip points

    def f(t):
        return loss_and_gradient(arch, t, x, x, loss, 0.7, eps)[0]

    analytic = loss_and_gradient(arch, theta, x, x, loss, 0.7, eps)[3]
    numeric = numeric_gradient(f, theta)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("kind", ["ae", "vae"])
@pytest.mark.parametrize("loss", [MSE, BCE])
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_kernel_gradient_matches_reference(kind, loss, activation):
    arch, theta, x, eps = problem(kind, activation, "sigmoid", seed=3)
    total, recon, kl, grad_ref = loss_and_gradient(arch, theta, x, x, loss, 0.7, eps)
    grad = np.zeros_like(theta)
    parts = np.zeros(2)
    settings = TrainSettings(loss, SGD, batch_size=0, lr=0.0, beta=0.7)
    value = compiled_train.loss_gradient(
        arch.layout.table,
        theta,
        grad,
        settings,
        x,
        x,
        eps if eps is not None else np.zeros((4, 0)),
        parts,
        None,
    )
    assert value == pytest.approx(total, rel=1e-12)
    assert parts == pytest.approx([recon, kl], rel=1e-12, abs=1e-14)
    np.testing.assert_allclose(grad, grad_ref, rtol=1e-10, atol=1e-13)


@pytest.mark.parametrize("kind", ["ae", "vae"])
def test_dropout_gradient_matches_finite_differences(kind):
    arch = Architecture.parse("6-5-4-2", kind=kind, activation="tanh")
    rng = np.random.default_rng(2)
    theta = initial_parameters(arch, "normal:0.5", rng) + rng.normal(0, 0.1, arch.n_params)
    x = (rng.random((4, 6)) > 0.5).astype(float)
    eps = rng.standard_normal((4, 2)) if kind == "vae" else None
    scales = (rng.random((4, arch.dropout_units)) < 0.7) / 0.7
    assert arch.dropout_units == 5 + 4 + 4 + 5 and 0 < scales.mean()

    def f(t):
        return loss_and_gradient(arch, t, x, x, BCE, 1.0, eps, scales)[0]

    analytic = loss_and_gradient(arch, theta, x, x, BCE, 1.0, eps, scales)[3]
    np.testing.assert_allclose(analytic, numeric_gradient(f, theta), rtol=1e-5, atol=1e-6)
    assert f(theta) != loss_and_gradient(arch, theta, x, x, BCE, 1.0, eps)[0]


def test_bce_is_finite_for_saturated_logits():
    arch = Architecture.parse("3-2", activation="linear")
    theta = np.full(arch.n_params, 400.0)
    x = np.array([[0.0, 1.0, 0.0]])
    total, _, _, grad = loss_and_gradient(arch, theta, x, x, BCE)
    assert np.isfinite(total) and np.all(np.isfinite(grad))


def test_weight_decay_penalty_gradient_matches_finite_differences():
    """The quasi-Newton objective with weight decay: loss + decay / 2 * |theta|^2."""
    arch, theta, x, _ = problem("ae", "tanh", "sigmoid", seed=4)
    settings = TrainSettings(BCE, SGD, 0, 0.0, weight_decay=0.3)
    draws, parts = np.zeros((4, 0)), np.zeros(2)

    def f(t):
        grad = np.zeros_like(t)
        return compiled_train.loss_gradient(
            arch.layout.table, t, grad, settings, x, x, draws, parts, None
        )

    grad = np.zeros_like(theta)
    value = compiled_train.loss_gradient(
        arch.layout.table, theta, grad, settings, x, x, draws, parts, None
    )
    assert value == pytest.approx(parts[0] + 0.15 * float(theta @ theta), rel=1e-12)
    np.testing.assert_allclose(grad, numeric_gradient(f, theta), rtol=1e-5, atol=1e-6)
