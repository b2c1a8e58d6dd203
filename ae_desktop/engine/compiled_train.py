"""Numba training kernels: whole chunks of epochs in compiled code.

Each call runs many epochs (forward pass, backpropagation and optimizer update over every
batch) with preallocated buffers, so Python's per-call overhead is paid once per chunk.
``nogil=True`` lets the GUI thread run while a worker thread trains. The maths is that
of ``reference.py``; tests compare the two.
"""

from __future__ import annotations

import math

import numpy as np

from ae_desktop.engine import fast_math as fm
from ae_desktop.engine.activations import SIGMOID
from ae_desktop.engine.inference import max_wrong_pixels
from ae_desktop.engine.losses import BCE_CLIP, MSE
from ae_desktop.engine.kernel_ops import (
    _activate, _dense, _finite, _input_gradient, _layer, _times_derivative, _view,
    _weight_gradient, jit)

SGD, MOMENTUM, ADAM = range(3)
RUNNING, DIVERGED, TARGET_REACHED = range(3)
TARGET_CHECK = 10
# hyper-parameter vector layout
LR, MOMENTUM_RATE, BETA1, BETA2, EPSILON, BETA_KL = range(6)


@jit
def _act_offsets(shapes, batch):
    """Start of each layer's output block (and of the input, index 0) in one buffer."""
    n_layers = shapes.shape[0]
    offsets = np.empty(n_layers + 2, dtype=np.int64)
    offsets[0] = 0
    offsets[1] = batch * shapes[0, 0]
    for i in range(n_layers):
        offsets[i + 2] = offsets[i + 1] + batch * shapes[i, 1]
    return offsets


@jit
def _loss_delta(loss, fused, a, z, y, delta, scale):
    """Summed loss of outputs ``a`` (pre-activations ``z``) against ``y``; fills
    ``delta`` with dLoss/da (dLoss/dz when ``fused``: BCE on a sigmoid) times ``scale``."""
    total = 0.0
    n = a.shape[0]
    if loss == MSE:
        for i in range(n):
            diff = a[i] - y[i]
            total += diff * diff
            delta[i] = 2.0 * diff * scale
    elif fused:
        for i in range(n):
            zi = z[i]
            total += (zi if zi > 0 else 0.0) + fm.log1p_unit(fm.exp_nonpositive(-abs(zi))) \
                - y[i] * zi
            delta[i] = (a[i] - y[i]) * scale
    else:
        for i in range(n):
            p = min(max(a[i], BCE_CLIP), 1.0 - BCE_CLIP)
            total -= y[i] * math.log(p) + (1.0 - y[i]) * math.log(1.0 - p)
            inside = BCE_CLIP < a[i] < 1.0 - BCE_CLIP
            delta[i] = (p - y[i]) / (p * (1.0 - p)) * scale if inside else 0.0
    return total


@jit
def _dropout_rows(shapes, n_enc, first_row, n_draws):
    """Where each layer's dropout scales start among the draws, or -1: hidden layers
    only (not the latent/mean layer, not the output), and only if draws hold them."""
    n_layers = shapes.shape[0]
    start = np.full(n_layers, -1, dtype=np.int64)
    if n_draws <= first_row:
        return start
    row = first_row
    for index in range(n_layers - 1):
        if index != n_enc - 1:
            start[index] = row
            row += shapes[index, 1]
    return start


@jit
def _batch_loss_gradient(theta, grad, shapes, codes, w_off, b_off, n_enc, is_vae, loss, beta,
                         rows, y, draws, drop, acts, act_off, zbuf, sample, buf_a, buf_b,
                         out_kl):
    """Forward and backward pass for one batch; fills ``grad``, returns the recon loss.

    The batch input is already in ``acts`` (block 0, (P, rows)); ``y`` is (P, rows).
    ``draws`` (k, rows) holds a VAE's eps (its first ``latent`` rows), then any dropout
    scales (0 or 1/keep) of each hidden layer, from row ``drop[layer]`` (-1: none; see
    _dropout_rows). The KL term goes into ``out_kl[0]``.
    ``acts`` holds every layer's output; ``zbuf`` the output layer's pre-activation (for
    a stable BCE); ``sample`` the VAE's decoder input.
    """
    n_layers = shapes.shape[0]
    latent = shapes[n_enc, 0]
    for index in range(n_layers):
        w, b = _layer(theta, shapes, w_off, b_off, index)
        if is_vae and index == n_enc:
            h = _view(acts, act_off[index], 2 * latent, rows)
            inp = _view(sample, 0, latent, rows)
            for c in range(latent):
                for r in range(rows):
                    inp[c, r] = h[c, r] + math.exp(0.5 * h[latent + c, r]) * draws[c, r]
        else:
            inp = _view(acts, act_off[index], shapes[index, 0], rows)
        out = _view(acts, act_off[index + 1], shapes[index, 1], rows)
        _dense(inp, w, b, out)
        if index == n_layers - 1:
            _view(zbuf, 0, shapes[index, 1], rows)[:, :] = out
        _activate(codes[index], out)
        if drop[index] >= 0:
            scales = draws[drop[index]:drop[index] + shapes[index, 1]]
            for c in range(shapes[index, 1]):
                for r in range(rows):
                    out[c, r] *= scales[c, r]

    n_out = shapes[n_layers - 1, 1]
    a = _view(acts, act_off[n_layers], n_out, rows)
    z = _view(zbuf, 0, n_out, rows)
    delta = _view(buf_a, 0, n_out, rows)
    fused = codes[n_layers - 1] == SIGMOID and loss != MSE
    recon = _loss_delta(loss, fused, a.reshape(a.size), z.reshape(z.size),
                        y.reshape(y.size), delta.reshape(delta.size), 1.0 / rows)
    inv_rows = 1.0 / rows
    recon *= inv_rows
    if not fused:
        _times_derivative(codes[n_layers - 1], a, delta)

    out_kl[0] = 0.0
    cur, nxt = buf_a, buf_b
    for index in range(n_layers - 1, -1, -1):
        n_in, n_o = shapes[index, 0], shapes[index, 1]
        w, _ = _layer(theta, shapes, w_off, b_off, index)
        gw, gb = _layer(grad, shapes, w_off, b_off, index)
        d = _view(cur, 0, n_o, rows)
        if is_vae and index == n_enc:
            inp = _view(sample, 0, latent, rows)
        else:
            inp = _view(acts, act_off[index], n_in, rows)
        _weight_gradient(inp, d, gw, gb)
        if index == 0:
            break
        da = _view(nxt, 0, n_in, rows)
        _input_gradient(d, w, da)
        if is_vae and index == n_enc:
            h = _view(acts, act_off[index], 2 * latent, rows)
            dh = _view(cur, 0, 2 * latent, rows)
            kl = 0.0
            for c in range(latent):
                for r in range(rows):
                    mu = h[c, r]
                    logvar = h[latent + c, r]
                    var = math.exp(logvar)
                    std = math.sqrt(var)
                    kl += -0.5 * (1.0 + logvar - mu * mu - var)
                    dh[c, r] = da[c, r] + beta * mu * inv_rows
                    dh[latent + c, r] = (da[c, r] * draws[c, r] * 0.5 * std
                                         + beta * 0.5 * (var - 1.0) * inv_rows)
            out_kl[0] = kl * inv_rows
        else:
            a_in = _view(acts, act_off[index], n_in, rows)
            if drop[index - 1] >= 0:
                _undo_dropout(draws[drop[index - 1]:drop[index - 1] + n_in], a_in, da)
            _times_derivative(codes[index - 1], a_in, da)
            cur, nxt = nxt, cur
    return recon


@jit
def _undo_dropout(scales, a, da):
    """Backward through a = f(z) * scale: da *= scale, and a back to f(z) where kept
    (dropped units have da = 0, so their a does not matter)."""
    for c in range(a.shape[0]):
        for r in range(a.shape[1]):
            s = scales[c, r]
            da[c, r] *= s
            if s != 0.0:
                a[c, r] /= s


@jit
def _optimizer_step(kind, theta, grad, state1, state2, step, hyper):
    lr = hyper[LR]
    n = theta.shape[0]
    if kind == SGD:
        for i in range(n):
            theta[i] -= lr * grad[i]
    elif kind == MOMENTUM:
        mom = hyper[MOMENTUM_RATE]
        for i in range(n):
            state1[i] = mom * state1[i] - lr * grad[i]
            theta[i] += state1[i]
    else:
        b1, b2, epsilon = hyper[BETA1], hyper[BETA2], hyper[EPSILON]
        c1 = 1.0 / (1.0 - b1 ** step)
        c2 = 1.0 / (1.0 - b2 ** step)
        for i in range(n):
            g = grad[i]
            state1[i] = b1 * state1[i] + (1.0 - b1) * g
            state2[i] = b2 * state2[i] + (1.0 - b2) * g * g
            theta[i] -= lr * (state1[i] * c1) / (math.sqrt(state2[i] * c2) + epsilon)


@jit
def _buffers(shapes, batch, latent, dtype):
    act_off = _act_offsets(shapes, batch)
    widest = 0
    for i in range(shapes.shape[0]):
        widest = max(widest, shapes[i, 0], shapes[i, 1])
    n_out = shapes[shapes.shape[0] - 1, 1]
    return (act_off, np.empty(act_off[-1], dtype), np.empty(batch * n_out, dtype),
            np.empty(batch * latent, dtype), np.empty(batch * widest, dtype),
            np.empty(batch * widest, dtype))


@jit
def _gather_transposed(src, start, count, perms, e, out):
    """out[:, r] = src[row r of this batch] for the batch's ``count`` rows."""
    for r in range(count):
        row = perms[e, start + r] if perms.shape[0] > 0 else start + r
        for c in range(src.shape[1]):
            out[c, r] = src[row, c]


@jit
def train_epochs(theta, state1, state2, step, shapes, codes, w_off, b_off, n_enc, is_vae,
                 loss, optimizer, hyper, inputs, targets, perms, draws, batch_size, losses,
                 theta_good, n_glyphs, target, first_epoch):
    """Run up to ``losses.shape[0]`` epochs in place; return (epochs run, status):
    RUNNING, DIVERGED (a non-finite loss) or TARGET_REACHED.

    inputs (1 or E, M, P): each epoch's inputs (one shared slab when noise-free);
    targets (M, P); perms (E, M) row order per epoch, or (0, 0) to keep the order;
    draws (E, M, k) random draws per row: VAE eps then dropout scales (see
    _batch_loss_gradient), or (0, 0, 0); losses (E, 3) receives the epoch's mean
    [total, reconstruction, kl]. ``step`` (1,) counts optimizer updates. On a non-finite
    loss, theta is restored from ``theta_good`` (the weights at the start of that epoch).
    With ``target`` >= 0, every TARGET_CHECK epochs (counted from the run's start, given
    by ``first_epoch``) training stops once no glyph reconstructs with more than
    ``target`` wrong pixels (the glyphs: the first ``n_glyphs`` targets): where it stops
    does not depend on how epochs are chunked.
    """
    n_epochs = losses.shape[0]
    m, n_pixels = targets.shape
    batch = min(batch_size, m) if batch_size > 0 else m
    latent = shapes[n_enc, 0]
    act_off, acts, zbuf, sample, buf_a, buf_b = _buffers(shapes, batch, latent, theta.dtype)
    grad = np.empty_like(theta)
    ybuf = np.empty(n_pixels * batch, theta.dtype)
    n_draws = draws.shape[2]
    dbuf = np.zeros(n_draws * batch, theta.dtype)
    drop = _dropout_rows(shapes, n_enc, latent if is_vae else 0, n_draws)
    kl = np.zeros(1)
    beta = hyper[BETA_KL]
    for e in range(n_epochs):
        theta_good[:] = theta
        slab = inputs[min(e, inputs.shape[0] - 1)]
        total = 0.0
        recon_sum = 0.0
        kl_sum = 0.0
        for start in range(0, m, batch):
            rows = min(batch, m - start)
            _gather_transposed(slab, start, rows, perms, e,
                               _view(acts, 0, n_pixels, rows))
            yb = _view(ybuf, 0, n_pixels, rows)
            _gather_transposed(targets, start, rows, perms, e, yb)
            db = _view(dbuf, 0, n_draws, rows)
            if n_draws:
                _gather_transposed(draws[e], start, rows, perms, e, db)
            recon = _batch_loss_gradient(theta, grad, shapes, codes, w_off, b_off, n_enc,
                                         is_vae, loss, beta, rows, yb, db, drop, acts, act_off,
                                         zbuf, sample, buf_a, buf_b, kl)
            total += (recon + beta * kl[0]) * rows
            if not _finite(total):
                theta[:] = theta_good
                return e, DIVERGED
            recon_sum += recon * rows
            kl_sum += kl[0] * rows
            step[0] += 1
            _optimizer_step(optimizer, theta, grad, state1, state2, step[0], hyper)
        losses[e, 0] = total / m
        losses[e, 1] = recon_sum / m
        losses[e, 2] = kl_sum / m
        for i in range(theta.shape[0]):
            if not _finite(theta[i]):
                theta[:] = theta_good
                return e, DIVERGED
        if target >= 0 and (first_epoch + e + 1) % TARGET_CHECK == 0 and max_wrong_pixels(
                theta, shapes, codes, w_off, b_off, n_enc, is_vae,
                targets[:n_glyphs]) <= target:
            return e + 1, TARGET_REACHED
    return n_epochs, RUNNING


@jit
def loss_gradient(theta, grad, shapes, codes, w_off, b_off, n_enc, is_vae, loss, beta,
                  x, y, draws, parts):
    """Full-batch loss at ``theta`` with its gradient in ``grad``; x, y (rows, P),
    draws (rows, k) as in train_epochs; parts (2,) gets [reconstruction, kl]."""
    rows, n_pixels = x.shape
    latent = shapes[n_enc, 0]
    act_off, acts, zbuf, sample, buf_a, buf_b = _buffers(shapes, rows, latent, theta.dtype)
    no_perms = np.zeros((0, 0), dtype=np.int64)
    _gather_transposed(x, 0, rows, no_perms, 0, _view(acts, 0, n_pixels, rows))
    yb = np.empty((n_pixels, rows), theta.dtype)
    _gather_transposed(y, 0, rows, no_perms, 0, yb)
    db = np.zeros((draws.shape[1], rows), theta.dtype)
    _gather_transposed(draws, 0, rows, no_perms, 0, db)
    kl = np.zeros(1)
    drop = _dropout_rows(shapes, n_enc, latent if is_vae else 0, draws.shape[1])
    recon = _batch_loss_gradient(theta, grad, shapes, codes, w_off, b_off, n_enc, is_vae,
                                 loss, beta, rows, yb, db, drop, acts, act_off, zbuf, sample,
                                 buf_a, buf_b, kl)
    parts[0] = recon
    parts[1] = kl[0]
    return recon + beta * kl[0]
