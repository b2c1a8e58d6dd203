"""Training in compiled code: whole chunks of epochs per call.

Each call runs many epochs (forward pass, backpropagation and optimizer update over every
batch) with preallocated buffers, so Python's per-call overhead is paid once per chunk.
``nogil=True`` lets the GUI thread run while a worker thread trains. The maths is that
of ``reference.py``; tests compare the two. Arguments: a NetworkLayout table, the flat
parameters and the records of ``train_records.py``.
"""

from __future__ import annotations

import math

import numpy as np
from numba import prange

from ae_desktop.engine.compiled_evaluate import count_wrong, fused_output, loss_delta, stop_check
from ae_desktop.engine.compiled_forward import activation_offsets, forward, gather_transposed
from ae_desktop.engine.compiled_layers import (
    AS_IS,
    ZERO,
    copy_into,
    finite,
    mix_rows,
    times_derivative,
    view,
    weight_gradient,
    weights,
)
from ae_desktop.engine.jit_options import inline, inner, jit, threaded
from ae_desktop.engine.layout import ACTIVATION, ENCODER, N_IN, N_OUT, PART, SAMPLED
from ae_desktop.engine.schedules import COSINE, STEP
from ae_desktop.engine.train_records import ADAM, MOMENT_FLOOR, MOMENTUM, SGD

RUNNING, DIVERGED, TARGET_REACHED = range(3)
TARGET_CHECK = 10
# parameters per block of Adam's step on Numba's threads (about 10 us of work per block:
# a serial step of 404,000 float32 parameters took 0.27 ms, a parallel call a few us)
STEP_BLOCK = 1 << 14


@inner
def dropout_rows(layout, n_draws):
    """Where each layer's dropout scales start among the draws (after a VAE's eps), or
    -1: hidden layers only (not the code layer, not the output), and only if draws hold
    them."""
    n_layers = layout.shape[0]
    start = np.empty(n_layers, np.int64)
    start[:] = -1
    n_enc, row = 0, 0
    for index in range(n_layers):
        n_enc += layout[index, PART] == ENCODER
        if layout[index, PART] == SAMPLED:
            row = layout[index, N_IN]
    if n_draws <= row:
        return start
    for index in range(n_layers - 1):
        if index != n_enc - 1:
            start[index] = row
            row += layout[index, N_OUT]
    return start


@inner
def _batch_loss_gradient(
    theta,
    grad,
    layout,
    loss,
    beta,
    rows,
    y,
    draws,
    drop,
    acts,
    offsets,
    buf_a,
    buf_b,
    out_kl,
    parallel,
):
    """Forward and backward pass for one batch; fills ``grad``, returns the recon loss.

    The batch input is already in ``acts`` (block 0, (P, rows)); ``y`` is (P, rows).
    ``draws`` (k, rows) holds a VAE's eps (its first ``latent`` rows), then any dropout
    scales (0 or 1/keep) of each hidden layer, from row ``drop[layer]`` (-1: none; see
    dropout_rows). The KL term goes into ``out_kl[0]``. ``parallel``: see forward.
    """
    forward(theta, layout, acts, offsets, rows, draws, drop, parallel)
    n_layers = layout.shape[0]
    n_out = layout[n_layers - 1, N_OUT]
    a = view(acts, offsets[n_layers], n_out, rows)
    z = view(acts, offsets[n_layers + 1], n_out, rows)
    delta = view(buf_a, ZERO, n_out, rows)
    fused = fused_output(layout, loss)
    inv_rows = 1.0 / rows
    recon = (
        loss_delta(
            loss,
            fused,
            a.reshape(a.size),
            z.reshape(z.size),
            y.reshape(y.size),
            delta.reshape(delta.size),
            inv_rows,
        )
        * inv_rows
    )
    if not fused:
        times_derivative(layout[n_layers - 1, ACTIVATION], a, delta)

    out_kl[0] = 0.0
    cur, nxt = buf_a, buf_b
    for index in range(n_layers - 1, -1, -1):
        n_in, n_o = layout[index, N_IN], layout[index, N_OUT]
        w, _ = weights(theta, layout, index)
        gw, gb = weights(grad, layout, index)
        d = view(cur, ZERO, n_o, rows)
        sampled = layout[index, PART] == SAMPLED
        if sampled:
            inp = view(acts, offsets[n_layers + 2], n_in, rows)
        else:
            inp = view(acts, offsets[index], n_in, rows)
        weight_gradient(inp, d, gw, gb, parallel)
        if index == 0:
            break
        da = view(nxt, ZERO, n_in, rows)
        mix_rows(w, AS_IS, d, da, parallel)
        if sampled:
            h = view(acts, offsets[index], 2 * n_in, rows)
            dh = view(cur, ZERO, 2 * n_in, rows)
            kl = 0.0
            for c in range(n_in):
                for r in range(rows):
                    mu = h[c, r]
                    logvar = h[n_in + c, r]
                    var = math.exp(logvar)
                    std = math.sqrt(var)
                    kl += -0.5 * (1.0 + logvar - mu * mu - var)
                    dh[c, r] = da[c, r] + beta * mu * inv_rows
                    dh[n_in + c, r] = (
                        da[c, r] * draws[c, r] * 0.5 * std + beta * 0.5 * (var - 1.0) * inv_rows
                    )
            out_kl[0] = kl * inv_rows
        else:
            a_in = view(acts, offsets[index], n_in, rows)
            if drop[index - 1] >= 0:
                _undo_dropout(draws[drop[index - 1] : drop[index - 1] + n_in], a_in, da)
            times_derivative(layout[index - 1, ACTIVATION], a_in, da)
            cur, nxt = nxt, cur
    return recon


@inner
def _undo_dropout(scales, a, da):
    """Backward through a = f(z) * scale: da *= scale, and a back to f(z) where kept
    (dropped units have da = 0, so their a does not matter)."""
    for c in range(a.shape[0]):
        for r in range(a.shape[1]):
            s = scales[c, r]
            da[c, r] *= s
            if s != 0.0:
                a[c, r] /= s


@inline
def epoch_rate(settings, epoch):
    """The learning rate of the run's 0-based ``epoch`` (schedules.py)."""
    if settings.schedule == STEP:
        return settings.lr * settings.step_factor ** (epoch // settings.step_every)
    if settings.schedule == COSINE:
        return settings.lr * 0.5 * (1.0 + math.cos(math.pi * epoch / settings.epochs))
    return settings.lr


@inline
def epoch_beta(settings, epoch):
    """A VAE's KL weight in ``epoch``: rising from 0 over the warm-up epochs."""
    if epoch < settings.kl_warmup:
        return settings.beta * epoch / settings.kl_warmup
    return settings.beta


@inner
def _optimizer_step(settings, lr, theta, grad, state, parallel):
    """One update at rate ``lr``. Weight decay: Adam shrinks theta by lr * decay
    (AdamW), SGD and momentum add decay * theta to the gradient (L2). Adam computes in
    the training precision, as NumPy's reference does: float32 runs update in float32
    (float64 took 2.7x as long for a 784-256-2 VAE), on Numba's threads where
    ``parallel`` is THREADED and there are more than STEP_BLOCK parameters.
    Moments below MOMENT_FLOOR are stored as 0 (train_records.py)."""
    n = theta.shape[0]
    first, second = state.first, state.second
    decay = settings.weight_decay
    if decay > 0.0:
        for i in range(n):
            if settings.optimizer == ADAM:
                theta[i] -= lr * decay * theta[i]
            else:
                grad[i] += decay * theta[i]
    if settings.optimizer == SGD:
        for i in range(n):
            theta[i] -= lr * grad[i]
    elif settings.optimizer == MOMENTUM:
        mom = settings.momentum
        for i in range(n):
            first[i] = mom * first[i] - lr * grad[i]
            if abs(first[i]) < MOMENT_FLOOR:
                first[i] = 0.0
            theta[i] += first[i]
    else:
        real = theta.dtype.type
        c1 = real(1.0 / (1.0 - settings.beta1 ** state.step[0]))
        c2 = real(1.0 / (1.0 - settings.beta2 ** state.step[0]))
        if parallel is not None and n > STEP_BLOCK:
            _adam_blocks_parallel(settings, real(lr), theta, grad, first, second, c1, c2)
        else:
            _adam(settings, real(lr), theta, grad, first, second, c1, c2)


@inner
def _adam(settings, rate, theta, grad, first, second, c1, c2):
    """Adam's update of ``theta`` and its moments by ``grad`` (bias corrections ``c1``,
    ``c2``). Callers pass slices rather than a start: indices from a start LLVM cannot
    prove non-negative keep Numba's wraparound check in the loop, which then is not
    vectorised (4.5x slower)."""
    real = theta.dtype.type
    b1, b2, epsilon = real(settings.beta1), real(settings.beta2), real(settings.epsilon)
    k1, k2 = real(1.0 - settings.beta1), real(1.0 - settings.beta2)
    floor, zero = real(MOMENT_FLOOR), real(0.0)
    for i in range(theta.shape[0]):
        g = grad[i]
        f = b1 * first[i] + k1 * g
        s = b2 * second[i] + k2 * g * g
        first[i] = f if abs(f) >= floor else zero
        second[i] = s if s >= floor else zero
        theta[i] -= rate * (first[i] * c1) / (math.sqrt(second[i] * c2) + epsilon)


@threaded
def _adam_blocks_parallel(settings, rate, theta, grad, first, second, c1, c2):
    """``_adam`` on blocks of STEP_BLOCK parameters, on Numba's threads: an update
    element by element, so the same bits however many threads there are."""
    n = theta.shape[0]
    for block in prange((n + STEP_BLOCK - 1) // STEP_BLOCK):
        s0, s1 = block * STEP_BLOCK, min(n, (block + 1) * STEP_BLOCK)
        _adam(settings, rate, theta[s0:s1], grad[s0:s1], first[s0:s1], second[s0:s1], c1, c2)


@inner
def _buffers(layout, batch, dtype):
    """A forward buffer for ``batch`` rows, its offsets, and two backward buffers."""
    offsets = activation_offsets(layout, batch)
    widest = 0
    for i in range(layout.shape[0]):
        widest = max(widest, max(layout[i, N_IN], layout[i, N_OUT]))
    return (
        offsets,
        np.empty(offsets[-1], dtype),
        np.empty(batch * widest, dtype),
        np.empty(batch * widest, dtype),
    )


@jit
def train_epochs(layout, theta, state, settings, batches, losses, stop, pass_errors, parallel):
    """Run up to ``losses.shape[0]`` epochs in place; return (epochs run, status):
    RUNNING, DIVERGED (a non-finite loss) or TARGET_REACHED (see StopRule).
    ``pass_errors`` (n,) or (0,) gets the wrong pixels of target rows 0..n-1 in the
    last epoch's own forward passes (with its noise, samples and dropout, before each
    batch's update): progress for big sets at no extra pass over the data.

    ``state`` an OptimizerState, ``settings`` TrainSettings, ``batches`` Batches (draws
    per row: VAE eps then dropout scales, see _batch_loss_gradient), ``stop`` StopRule;
    ``losses`` (E, 3) receives each epoch's mean [total, reconstruction, kl]. On a
    non-finite loss, theta is restored to the weights at the start of that epoch.
    Where training stops does not depend on how epochs are chunked. ``parallel``: None
    or THREADED (compute_threads.parallel_call), the same weights either way.
    """
    inputs, targets, perms, draws = batches
    n_epochs = losses.shape[0]
    m, n_pixels = targets.shape
    batch_size = settings.batch_size
    batch = min(batch_size, m) if batch_size > 0 else m
    offsets, acts, buf_a, buf_b = _buffers(layout, batch, theta.dtype)
    grad = np.empty(theta.shape[0], theta.dtype)
    theta_good = np.empty(theta.shape[0], theta.dtype)
    same_rows = inputs.shape[0] == 1 and inputs.ctypes.data == targets.ctypes.data
    ybuf = np.empty(0 if same_rows else n_pixels * batch, theta.dtype)
    n_draws = draws.shape[2]
    dbuf = np.empty(n_draws * batch, theta.dtype)
    drop = dropout_rows(layout, n_draws)
    no_perm = np.empty(0, dtype=np.int64)
    kl = np.empty(1, losses.dtype)  # float64: np.zeros(1) would compile one more form
    n_layers = layout.shape[0]
    wrong = np.empty(batch, np.int64)
    check = np.empty(stop.n_glyphs if stop.target >= 0 else 0, np.int64)
    margins = np.empty(2, losses.dtype)
    for e in range(n_epochs):
        lr = epoch_rate(settings, settings.first_epoch + e)
        beta = epoch_beta(settings, settings.first_epoch + e)
        copy_into(theta, theta_good)
        slab = inputs[min(e, inputs.shape[0] - 1)]
        perm = perms[e] if perms.shape[0] > 0 else no_perm
        total = 0.0
        recon_sum = 0.0
        kl_sum = 0.0
        for start in range(0, m, batch):
            rows = min(batch, m - start)
            xb = view(acts, offsets[0], n_pixels, rows)
            gather_transposed(slab, start, rows, perm, xb)
            yb = xb  # the inputs are the targets (no noise): nothing writes the input block
            if not same_rows:
                yb = view(ybuf, ZERO, n_pixels, rows)
                gather_transposed(targets, start, rows, perm, yb)
            db = view(dbuf, ZERO, n_draws, rows)
            if n_draws:
                gather_transposed(draws[e], start, rows, perm, db)
            recon = _batch_loss_gradient(
                theta,
                grad,
                layout,
                settings.loss,
                beta,
                rows,
                yb,
                db,
                drop,
                acts,
                offsets,
                buf_a,
                buf_b,
                kl,
                parallel,
            )
            if e == n_epochs - 1 and pass_errors.shape[0] > 0:
                count_wrong(view(acts, offsets[n_layers], n_pixels, rows), yb, wrong[:rows])
                for r in range(rows):
                    row = perm[start + r] if perm.shape[0] > 0 else start + r
                    if row < pass_errors.shape[0]:
                        pass_errors[row] = wrong[r]
            total += (recon + beta * kl[0]) * rows
            if not finite(total):
                copy_into(theta_good, theta)
                return e, DIVERGED
            recon_sum += recon * rows
            kl_sum += kl[0] * rows
            state.step[0] += 1
            _optimizer_step(settings, lr, theta, grad, state, parallel)
        losses[e, 0] = total / m
        losses[e, 1] = recon_sum / m
        losses[e, 2] = kl_sum / m
        for i in range(theta.shape[0]):
            if not finite(theta[i]):
                copy_into(theta_good, theta)
                return e, DIVERGED
        if (
            stop.target >= 0
            and (stop.first_epoch + e + 1) % TARGET_CHECK == 0
            and stop_check(theta, layout, targets[: stop.n_glyphs], check, margins) <= stop.target
            and margins[1] >= stop.margin
        ):
            return e + 1, TARGET_REACHED
    return n_epochs, RUNNING


@jit
def loss_gradient(layout, theta, grad, settings, x, y, draws, parts, parallel):
    """Full-batch loss at ``theta`` with its gradient in ``grad``; x, y (rows, P),
    draws (rows, k) as in train_epochs; parts (2,) gets [reconstruction, kl]. Weight
    decay adds its L2 penalty, decay / 2 * |theta|^2, to the loss and the gradient;
    ``parallel`` as in train_epochs."""
    rows, n_pixels = x.shape
    offsets, acts, buf_a, buf_b = _buffers(layout, rows, theta.dtype)
    no_perm = np.empty(0, dtype=np.int64)
    gather_transposed(x, 0, rows, no_perm, view(acts, offsets[0], n_pixels, rows))
    yb = np.empty((n_pixels, rows), theta.dtype)
    gather_transposed(y, 0, rows, no_perm, yb)
    db = np.zeros((draws.shape[1], rows), theta.dtype)
    gather_transposed(draws, 0, rows, no_perm, db)
    kl = np.zeros(1)
    drop = dropout_rows(layout, draws.shape[1])
    recon = _batch_loss_gradient(
        theta,
        grad,
        layout,
        settings.loss,
        settings.beta,
        rows,
        yb,
        db,
        drop,
        acts,
        offsets,
        buf_a,
        buf_b,
        kl,
        parallel,
    )
    parts[0] = recon
    parts[1] = kl[0]
    penalty = 0.0
    decay = settings.weight_decay
    if decay > 0.0:
        for i in range(theta.shape[0]):
            penalty += theta[i] * theta[i]
            grad[i] += decay * theta[i]
    return recon + settings.beta * kl[0] + 0.5 * decay * penalty
