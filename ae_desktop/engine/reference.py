"""Plain NumPy forward pass, backpropagation and optimizer steps.

This is the readable statement of the maths; the compiled code (``compiled_train.py``,
``compiled_evaluate.py``) must agree with it to rounding error, and tests hold them to
that.
"""

from __future__ import annotations

import math

import numpy as np

from ae_desktop.engine.activations import SIGMOID, activate, derivative_from_output
from ae_desktop.engine.architecture import Architecture
from ae_desktop.engine.losses import MSE, kl_divergence, reconstruction_loss
from ae_desktop.engine.schedules import COSINE, STEP
from ae_desktop.engine.train_records import (
    ADAM,
    MOMENT_FLOOR,
    MOMENTUM,
    SGD,
    Batches,
    OptimizerState,
    TrainSettings,
)


def forward(
    arch: Architecture,
    theta: np.ndarray,
    x: np.ndarray,
    eps: np.ndarray | None = None,
    scales: np.ndarray | None = None,
):
    """Run the network on ``x`` (B, n_inputs).

    Returns (inputs, zs, out): the input of every layer, every layer's pre-activation and
    the final output. For a VAE with ``eps`` (B, latent) the decoder gets the sample
    mu + exp(logvar/2) * eps; without ``eps`` it gets the mean. ``scales`` (B, units)
    are dropout's factors (0 or 1/keep) for the units of ``arch.dropout_layers``.
    """
    layers = arch.unflatten(theta)
    inputs, zs = [], []
    masks = _layer_scales(arch, scales)
    a = x
    for index, ((w, b), code) in enumerate(zip(layers, arch.activation_codes)):
        if arch.kind == "vae" and index == arch.n_encoder_layers:
            d = arch.latent_dim
            a = a[:, :d] if eps is None else a[:, :d] + np.exp(0.5 * a[:, d:]) * eps
        inputs.append(a)
        z = a @ w + b
        zs.append(z)
        a = activate(code, z) * masks.get(index, 1.0)
    return inputs, zs, a


def _layer_scales(arch: Architecture, scales: np.ndarray | None) -> dict[int, np.ndarray]:
    """Dropout factors per layer index, split from the (B, units) columns."""
    if scales is None or scales.shape[1] == 0:
        return {}
    out, col = {}, 0
    for index in arch.dropout_layers:
        width = arch.layer_shapes[index][1]
        out[index] = scales[:, col : col + width]
        col += width
    return out


def loss_and_gradient(
    arch: Architecture,
    theta: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    loss: int,
    beta: float = 1.0,
    eps: np.ndarray | None = None,
    scales: np.ndarray | None = None,
):
    """(total, reconstruction, kl, gradient) of the batch loss at ``theta``."""
    layers = arch.unflatten(theta)
    codes = arch.activation_codes
    masks = _layer_scales(arch, scales)
    inputs, zs, out = forward(arch, theta, x, eps, scales)
    fused = codes[-1] == SIGMOID and loss != MSE
    recon, delta = reconstruction_loss(loss, out, y, zs[-1], fused)
    if not fused:
        delta = delta * derivative_from_output(codes[-1], out)
    kl = 0.0
    grad = np.zeros_like(theta)
    grads = arch.unflatten(grad)
    batch = x.shape[0]
    for index in range(len(layers) - 1, -1, -1):
        w = layers[index][0]
        gw, gb = grads[index]
        gw[...] = inputs[index].T @ delta
        gb[...] = delta.sum(axis=0)
        if index == 0:
            break
        da = delta @ w.T
        if arch.kind == "vae" and index == arch.n_encoder_layers:
            d = arch.latent_dim
            h = activate(codes[index - 1], zs[index - 1])
            mu, logvar = h[:, :d], h[:, d:]
            kl = kl_divergence(mu, logvar)
            std = np.exp(0.5 * logvar)
            dmu = da + beta * mu / batch
            dlogvar = da * eps * 0.5 * std + beta * 0.5 * (std * std - 1.0) / batch
            delta = np.concatenate([dmu, dlogvar], axis=1)
        else:
            unmasked = activate(codes[index - 1], zs[index - 1])
            delta = (
                da * masks.get(index - 1, 1.0) * derivative_from_output(codes[index - 1], unmasked)
            )
    return recon + beta * kl, recon, kl, grad


def held_out_loss(
    arch: Architecture, theta: np.ndarray, x: np.ndarray, loss: int, beta: float = 1.0
) -> tuple[float, float, float]:
    """The reference for ``compiled_evaluate.held_out_loss``: (total, reconstruction, kl) of the
    rows ``x`` (B, P) reconstructing themselves, no dropout, a VAE decoding its mean."""
    codes = arch.activation_codes
    _, zs, out = forward(arch, theta, x)
    recon, _ = reconstruction_loss(loss, out, x, zs[-1], codes[-1] == SIGMOID and loss != MSE)
    kl = 0.0
    if arch.kind == "vae":
        index, d = arch.n_encoder_layers - 1, arch.latent_dim
        h = activate(codes[index], zs[index])
        kl = kl_divergence(h[:, :d], h[:, d:])
    return recon + beta * kl, recon, kl


def epoch_rate(settings: TrainSettings, epoch: int) -> float:
    """The learning rate of the run's 0-based ``epoch``: constant, times step_factor
    every step_every epochs, or half a cosine from lr to 0 over the run's epochs."""
    if settings.schedule == STEP:
        return settings.lr * settings.step_factor ** (epoch // settings.step_every)
    if settings.schedule == COSINE:
        return settings.lr * 0.5 * (1.0 + math.cos(math.pi * epoch / settings.epochs))
    return settings.lr


def epoch_beta(settings: TrainSettings, epoch: int) -> float:
    """A VAE's KL weight in ``epoch``: beta * epoch / kl_warmup during the warm-up."""
    if epoch < settings.kl_warmup:
        return settings.beta * epoch / settings.kl_warmup
    return settings.beta


def optimizer_step(
    settings: TrainSettings, theta, grad, state: OptimizerState, lr: float | None = None
) -> None:
    """Update ``theta`` and ``state`` in place at rate ``lr`` (default settings.lr);
    ``state.step`` counts updates from 1 (Adam's bias correction). Weight decay: AdamW's
    decoupled shrinking of theta for Adam, an L2 term in the gradient otherwise. Moments
    below MOMENT_FLOOR are stored as 0 (train_records.py)."""
    lr = settings.lr if lr is None else lr
    first, second = state.first, state.second
    if settings.weight_decay > 0 and settings.optimizer == ADAM:
        theta -= lr * settings.weight_decay * theta
    elif settings.weight_decay > 0:
        grad = grad + settings.weight_decay * theta
    if settings.optimizer == SGD:
        theta -= lr * grad
    elif settings.optimizer == MOMENTUM:
        first *= settings.momentum
        first -= lr * grad
        first[np.abs(first) < MOMENT_FLOOR] = 0.0
        theta += first
    else:
        b1, b2, step = settings.beta1, settings.beta2, state.step[0]
        first *= b1
        first += (1.0 - b1) * grad
        second *= b2
        second += (1.0 - b2) * grad * grad
        first[np.abs(first) < MOMENT_FLOOR] = 0.0
        second[second < MOMENT_FLOOR] = 0.0
        m_hat = first / (1.0 - b1**step)
        v_hat = second / (1.0 - b2**step)
        theta -= lr * m_hat / (np.sqrt(v_hat) + settings.epsilon)


def run_epochs(
    arch: Architecture,
    theta,
    state: OptimizerState,
    settings: TrainSettings,
    batches: Batches,
    n_epochs: int,
) -> np.ndarray:
    """The reference for ``compiled_train.train_epochs`` (same records; no stop rule).
    Updates theta and ``state`` in place; returns the losses (E, 3)."""
    inputs, targets, perms, draws = batches
    n_eps = arch.latent_dim if arch.kind == "vae" else 0
    m = len(targets)
    batch = min(settings.batch_size, m) if settings.batch_size > 0 else m
    losses = np.zeros((n_epochs, 3))
    for e in range(n_epochs):
        lr = epoch_rate(settings, settings.first_epoch + e)
        beta = epoch_beta(settings, settings.first_epoch + e)
        slab = inputs[min(e, len(inputs) - 1)]
        order = perms[e] if len(perms) else np.arange(m)
        for start in range(0, m, batch):
            rows = order[start : start + batch]
            batch_draws = draws[e][rows] if len(draws) else np.zeros((len(rows), 0))
            total, recon, kl, grad = loss_and_gradient(
                arch,
                theta,
                slab[rows],
                targets[rows],
                settings.loss,
                beta,
                batch_draws[:, :n_eps] if n_eps else None,
                batch_draws[:, n_eps:],
            )
            losses[e] += np.array([total, recon, kl]) * len(rows)
            state.step[0] += 1
            optimizer_step(settings, theta, grad, state, lr)
        losses[e] /= m
    return losses
