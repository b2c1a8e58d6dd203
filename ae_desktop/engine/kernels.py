"""Numba kernels: whole chunks of training epochs, and inference, in compiled code.

Each call runs many epochs (forward pass, backpropagation and optimizer update over every
batch) with preallocated buffers, so Python's per-call overhead is paid once per chunk.
``nogil=True`` lets the GUI thread run while a worker thread trains. The maths is that
of ``reference.py``; tests compare the two.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

# Reassociation lets LLVM vectorise dot products; no "nnan"/"ninf", so the
# divergence checks (isfinite) keep working.
FAST = {"reassoc", "contract", "nsz", "arcp"}
BLAS_MIN_FLOPS = 64 * 64 * 64
LINEAR, SIGMOID, TANH, RELU, LEAKY_RELU = range(5)
LEAKY_SLOPE = 0.01
MSE = 0
SGD, MOMENTUM, ADAM = range(3)
# hyper-parameter vector layout
LR, MOMENTUM_RATE, BETA1, BETA2, EPSILON, BETA_KL = range(6)

jit = njit(cache=True, nogil=True, fastmath=FAST)


@jit
def _sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@jit
def _activate(code, z):
    """Apply activation ``code`` to the 2-D array ``z`` in place."""
    rows, cols = z.shape
    if code == LINEAR:
        return
    for r in range(rows):
        for c in range(cols):
            v = z[r, c]
            if code == SIGMOID:
                z[r, c] = _sigmoid(v)
            elif code == TANH:
                z[r, c] = math.tanh(v)
            elif code == RELU:
                z[r, c] = v if v > 0 else 0.0
            else:
                z[r, c] = v if v > 0 else LEAKY_SLOPE * v


@jit
def _times_derivative(code, a, delta):
    """delta *= f'(z), with f' written in terms of the output a = f(z)."""
    rows, cols = a.shape
    if code == LINEAR:
        return
    for r in range(rows):
        for c in range(cols):
            v = a[r, c]
            if code == SIGMOID:
                delta[r, c] *= v * (1.0 - v)
            elif code == TANH:
                delta[r, c] *= 1.0 - v * v
            elif code == RELU:
                if v <= 0:
                    delta[r, c] = 0.0
            elif v <= 0:
                delta[r, c] *= LEAKY_SLOPE


@jit
def _dense(x, w, b, out):
    """out = x @ w + b for x (rows, n_in), w (n_in, n_out)."""
    rows, n_in = x.shape
    n_out = w.shape[1]
    if rows * n_in * n_out >= BLAS_MIN_FLOPS:
        out[:, :] = np.dot(x, w)
        for r in range(rows):
            for c in range(n_out):
                out[r, c] += b[c]
        return
    for r in range(rows):
        for c in range(n_out):
            out[r, c] = b[c]
        for i in range(n_in):
            xi = x[r, i]
            if xi != 0.0:
                for c in range(n_out):
                    out[r, c] += xi * w[i, c]


@jit
def _weight_gradient(x, delta, gw, gb):
    """gw = x.T @ delta, gb = delta summed over rows."""
    rows, n_in = x.shape
    n_out = delta.shape[1]
    if rows * n_in * n_out >= BLAS_MIN_FLOPS:
        gw[:, :] = np.dot(x.T, delta)
    else:
        gw[:, :] = 0.0
        for r in range(rows):
            for i in range(n_in):
                xi = x[r, i]
                if xi != 0.0:
                    for c in range(n_out):
                        gw[i, c] += xi * delta[r, c]
    gb[:] = 0.0
    for r in range(rows):
        for c in range(n_out):
            gb[c] += delta[r, c]


@jit
def _input_gradient(delta, w, out):
    """out = delta @ w.T, the loss gradient with respect to a layer's input."""
    rows, n_out = delta.shape
    n_in = w.shape[0]
    if rows * n_in * n_out >= BLAS_MIN_FLOPS:
        out[:, :] = np.dot(delta, w.T)
        return
    for r in range(rows):
        for i in range(n_in):
            acc = 0.0
            for c in range(n_out):
                acc += delta[r, c] * w[i, c]
            out[r, i] = acc


@jit
def _view(buf, start, rows, cols):
    return buf[start:start + rows * cols].reshape((rows, cols))


@jit
def _layer(theta, shapes, w_off, b_off, index):
    n_in, n_out = shapes[index, 0], shapes[index, 1]
    w = theta[w_off[index]:w_off[index] + n_in * n_out].reshape((n_in, n_out))
    return w, theta[b_off[index]:b_off[index] + n_out]


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
def _batch_loss_gradient(theta, grad, shapes, codes, w_off, b_off, n_enc, is_vae, loss, beta,
                         x, y, eps, acts, act_off, zbuf, sample, buf_a, buf_b, out_kl):
    """Forward and backward pass for one batch; fills ``grad``, returns the recon loss.

    ``x``/``y`` are (rows, P); ``eps`` (rows, latent) for a VAE. The KL term goes into
    ``out_kl[0]``. ``acts`` holds the input and every layer's output; ``zbuf`` the output
    layer's pre-activation (for a stable BCE); ``sample`` the VAE's decoder input.
    """
    rows = x.shape[0]
    n_layers = shapes.shape[0]
    latent = shapes[n_enc, 0]
    a_in = _view(acts, act_off[0], rows, shapes[0, 0])
    a_in[:, :] = x
    for index in range(n_layers):
        w, b = _layer(theta, shapes, w_off, b_off, index)
        if is_vae and index == n_enc:
            h = _view(acts, act_off[index], rows, 2 * latent)
            inp = _view(sample, 0, rows, latent)
            for r in range(rows):
                for c in range(latent):
                    inp[r, c] = h[r, c] + math.exp(0.5 * h[r, latent + c]) * eps[r, c]
        else:
            inp = _view(acts, act_off[index], rows, shapes[index, 0])
        out = _view(acts, act_off[index + 1], rows, shapes[index, 1])
        _dense(inp, w, b, out)
        if index == n_layers - 1:
            _view(zbuf, 0, rows, shapes[index, 1])[:, :] = out
        _activate(codes[index], out)

    n_out = shapes[n_layers - 1, 1]
    a = _view(acts, act_off[n_layers], rows, n_out)
    z = _view(zbuf, 0, rows, n_out)
    delta = _view(buf_a, 0, rows, n_out)
    fused = codes[n_layers - 1] == SIGMOID and loss != MSE
    recon = 0.0
    for r in range(rows):
        for c in range(n_out):
            t = y[r, c]
            v = a[r, c]
            if loss == MSE:
                diff = v - t
                recon += diff * diff
                delta[r, c] = 2.0 * diff / rows
            elif fused:
                zv = z[r, c]
                recon += max(zv, 0.0) + math.log1p(math.exp(-abs(zv))) - t * zv
                delta[r, c] = (v - t) / rows
            else:
                p = min(max(v, 1e-7), 1.0 - 1e-7)
                recon -= t * math.log(p) + (1.0 - t) * math.log(1.0 - p)
                delta[r, c] = (p - t) / (p * (1.0 - p)) / rows
    recon /= rows
    if not fused:
        _times_derivative(codes[n_layers - 1], a, delta)

    out_kl[0] = 0.0
    cur, nxt = buf_a, buf_b
    for index in range(n_layers - 1, -1, -1):
        n_in, n_o = shapes[index, 0], shapes[index, 1]
        w, _ = _layer(theta, shapes, w_off, b_off, index)
        gw, gb = _layer(grad, shapes, w_off, b_off, index)
        d = _view(cur, 0, rows, n_o)
        if is_vae and index == n_enc:
            inp = _view(sample, 0, rows, latent)
        else:
            inp = _view(acts, act_off[index], rows, n_in)
        _weight_gradient(inp, d, gw, gb)
        if index == 0:
            break
        da = _view(nxt, 0, rows, n_in)
        _input_gradient(d, w, da)
        if is_vae and index == n_enc:
            h = _view(acts, act_off[index], rows, 2 * latent)
            dh = _view(cur, 0, rows, 2 * latent)
            kl = 0.0
            for r in range(rows):
                for c in range(latent):
                    mu = h[r, c]
                    logvar = h[r, latent + c]
                    var = math.exp(logvar)
                    std = math.sqrt(var)
                    kl += -0.5 * (1.0 + logvar - mu * mu - var)
                    dh[r, c] = da[r, c] + beta * mu / rows
                    dh[r, latent + c] = (da[r, c] * eps[r, c] * 0.5 * std
                                         + beta * 0.5 * (var - 1.0) / rows)
            out_kl[0] = kl / rows
        else:
            _times_derivative(codes[index - 1], _view(acts, act_off[index], rows, n_in), da)
            cur, nxt = nxt, cur
    return recon


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
        c1 = 1.0 - b1 ** step
        c2 = 1.0 - b2 ** step
        for i in range(n):
            g = grad[i]
            state1[i] = b1 * state1[i] + (1.0 - b1) * g
            state2[i] = b2 * state2[i] + (1.0 - b2) * g * g
            theta[i] -= lr * (state1[i] / c1) / (math.sqrt(state2[i] / c2) + epsilon)


@jit
def _buffers(shapes, batch, latent):
    act_off = _act_offsets(shapes, batch)
    widest = 0
    for i in range(shapes.shape[0]):
        widest = max(widest, shapes[i, 0], shapes[i, 1])
    n_out = shapes[shapes.shape[0] - 1, 1]
    return (act_off, np.empty(act_off[-1]), np.empty(batch * n_out), np.empty(batch * latent),
            np.empty(batch * widest), np.empty(batch * widest))


@jit
def train_epochs(theta, state1, state2, step, shapes, codes, w_off, b_off, n_enc, is_vae,
                 loss, optimizer, hyper, inputs, targets, perms, eps, batch_size, losses,
                 theta_good):
    """Run ``losses.shape[0]`` epochs in place; return how many finished with a finite loss.

    inputs (1 or E, M, P): each epoch's inputs (one shared slab when noise-free);
    targets (M, P); perms (E, M) row order per epoch, or (0, 0) to keep the order;
    eps (E, M, latent) VAE noise, or (0, 0, 0); losses (E, 3) receives the epoch's mean
    [total, reconstruction, kl]. ``step`` (1,) counts optimizer updates. On a non-finite
    loss, theta is restored from ``theta_good`` (the weights at the start of that epoch).
    """
    n_epochs = losses.shape[0]
    m = targets.shape[0]
    batch = min(batch_size, m) if batch_size > 0 else m
    latent = shapes[n_enc, 0]
    act_off, acts, zbuf, sample, buf_a, buf_b = _buffers(shapes, batch, latent)
    grad = np.empty_like(theta)
    xb = np.empty((batch, targets.shape[1]))
    yb = np.empty((batch, targets.shape[1]))
    eb = np.zeros((batch, latent))
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
            for r in range(rows):
                src = perms[e, start + r] if perms.shape[0] > 0 else start + r
                xb[r, :] = slab[src]
                yb[r, :] = targets[src]
                if is_vae:
                    eb[r, :] = eps[e, src]
            recon = _batch_loss_gradient(theta, grad, shapes, codes, w_off, b_off, n_enc,
                                         is_vae, loss, beta, xb[:rows], yb[:rows], eb[:rows],
                                         acts, act_off, zbuf, sample, buf_a, buf_b, kl)
            batch_total = recon + beta * kl[0]
            if not math.isfinite(batch_total):
                theta[:] = theta_good
                return e
            total += batch_total * rows
            recon_sum += recon * rows
            kl_sum += kl[0] * rows
            step[0] += 1
            _optimizer_step(optimizer, theta, grad, state1, state2, step[0], hyper)
        losses[e, 0] = total / m
        losses[e, 1] = recon_sum / m
        losses[e, 2] = kl_sum / m
        for i in range(theta.shape[0]):
            if not math.isfinite(theta[i]):
                theta[:] = theta_good
                return e
    return n_epochs


@jit
def loss_gradient(theta, grad, shapes, codes, w_off, b_off, n_enc, is_vae, loss, beta,
                  x, y, eps, parts):
    """Full-batch loss at ``theta`` with its gradient in ``grad``; parts (2,) gets
    [reconstruction, kl]. For quasi-Newton optimizers (scipy)."""
    rows = x.shape[0]
    latent = shapes[n_enc, 0]
    act_off, acts, zbuf, sample, buf_a, buf_b = _buffers(shapes, rows, latent)
    kl = np.zeros(1)
    recon = _batch_loss_gradient(theta, grad, shapes, codes, w_off, b_off, n_enc, is_vae,
                                 loss, beta, x, y, eps, acts, act_off, zbuf, sample, buf_a,
                                 buf_b, kl)
    parts[0] = recon
    parts[1] = kl[0]
    return recon + beta * kl[0]


@jit
def forward_layers(theta, shapes, codes, w_off, b_off, first, last, x, out):
    """Inference through layers first..last-1 (no sampling); result into ``out``."""
    rows = x.shape[0]
    widest = 0
    for i in range(first, last):
        widest = max(widest, shapes[i, 1])
    buf_a = np.empty(rows * widest)
    buf_b = np.empty(rows * widest)
    inp = x
    for index in range(first, last):
        w, b = _layer(theta, shapes, w_off, b_off, index)
        target = out if index == last - 1 else _view(buf_a, 0, rows, shapes[index, 1])
        _dense(inp, w, b, target)
        _activate(codes[index], target)
        inp = target
        buf_a, buf_b = buf_b, buf_a


def run_layers(theta: np.ndarray, arch, x: np.ndarray, first: int, last: int) -> np.ndarray:
    """Rows of ``x`` through layers ``first``..``last-1`` of ``arch``; a VAE's encoder
    output stays [mean, log-variance] and its decoder gets the rows as given."""
    w_off, b_off = arch.offsets
    shapes = arch.shapes_array
    out = np.empty((x.shape[0], shapes[last - 1, 1]))
    forward_layers(theta, shapes, arch.activation_codes, w_off, b_off, first, last, x, out)
    return out
