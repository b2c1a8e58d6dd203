"""Numba building blocks of the compiled code: activations, dense layers (small matrix
products), their gradients, views into flat buffers and a layer's weights by layout.

Activations are stored transposed, (units, batch rows), so every inner loop runs over
the batch: contiguous and equally long in every layer, which LLVM vectorises.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit
from numba.core import cgutils, types
from numba.core.errors import TypingError
from numba.extending import intrinsic
from numba.np.linalg import call_xxgemm, ensure_blas

from ae_desktop.engine import compiled_math as fm
from ae_desktop.engine.activations import LEAKY_RELU, LEAKY_SLOPE, RELU, SIGMOID, TANH
from ae_desktop.engine.layout import B_OFFSET, N_IN, N_OUT, W_OFFSET

# Reassociation lets LLVM vectorise dot products; no "nnan"/"ninf" flags.
FAST = {"reassoc", "contract", "nsz", "arcp"}
BLAS_MIN_SIDE = 64  # BLAS pays off when both matrix sides are wide; loops win below
ROW_BLOCK = 512
# arguments typed as plain values: a literal 0 or True would compile a form of its own
ZERO = np.int64(0)
TRANSPOSED, AS_IS = np.bool_(True), np.bool_(False)

jit = njit(cache=True, nogil=True, fastmath=FAST, error_model="numpy")
# functions only compiled code calls: no Python or C wrapper (building one for each took
# about a sixth of the first run's compile time)
inner = njit(  # type: ignore[call-overload]  # the stubs lack the wrapper options
    cache=True,
    nogil=True,
    fastmath=FAST,
    error_model="numpy",
    no_cpython_wrapper=True,
    no_cfunc_wrapper=True,
)


@njit(cache=True, nogil=True)
def finite(x):
    """True for a finite number. Compiled without fastmath, which may fold such checks."""
    return abs(x) < math.inf


@intrinsic
def gemm(typingctx, x, y, out):
    """out = x @ y by BLAS for contiguous ('C' or 'F') 2-D arrays of one float dtype, with
    no shape checks: np.dot's checks and error messages took about a third of the first
    run's compile time."""
    ensure_blas()
    if (
        any(
            array.layout not in "CF" or array.ndim != 2 or array.dtype != out.dtype
            for array in (x, y)
        )
        or out.layout not in "CF"
        or out.ndim != 2
        or out.dtype not in (types.float32, types.float64)
    ):
        raise TypingError("gemm takes contiguous 2-D float arrays of one dtype")

    def codegen(context, builder, signature, args):
        arrays = [
            context.make_array(ty)(context, builder, value)
            for ty, value in zip(signature.args, args)
        ]
        call_xxgemm(
            context,
            builder,
            *[
                part
                for ty, array in zip(signature.args, arrays)
                for part in (ty, cgutils.unpack_tuple(builder, array.shape, 2), array.data)
            ],
        )
        return context.get_dummy_value()

    return types.none(x, y, out), codegen


@inner
def activate(code, z):
    """Apply activation ``code`` to the 2-D array ``z`` in place."""
    flat = z.reshape(z.size)
    n = flat.shape[0]
    if code == SIGMOID:
        for i in range(n):
            flat[i] = fm.sigmoid(flat[i])
    elif code == TANH:
        for i in range(n):
            flat[i] = fm.tanh(flat[i])
    elif code == RELU:
        for i in range(n):
            flat[i] = flat[i] if flat[i] > 0 else 0.0
    elif code == LEAKY_RELU:
        for i in range(n):
            flat[i] = flat[i] if flat[i] > 0 else LEAKY_SLOPE * flat[i]


@inner
def times_derivative(code, a, delta):
    """delta *= f'(z), with f' written in terms of the output a = f(z)."""
    av = a.reshape(a.size)
    dv = delta.reshape(delta.size)
    n = av.shape[0]
    if code == SIGMOID:
        for i in range(n):
            dv[i] *= av[i] * (1.0 - av[i])
    elif code == TANH:
        for i in range(n):
            dv[i] *= 1.0 - av[i] * av[i]
    elif code == RELU:
        for i in range(n):
            dv[i] = dv[i] if av[i] > 0 else 0.0
    elif code == LEAKY_RELU:
        for i in range(n):
            dv[i] = dv[i] if av[i] > 0 else LEAKY_SLOPE * dv[i]


@inner
def mix_rows(w, transposed, src, out):
    """out = w.T @ src if ``transposed`` else w @ src, for rows of (units, batch) blocks:
    out[k] = sum_j coef[k, j] * src[j] with coef = w.T or w (one compiled form for both).

    Batches are walked in blocks of ROW_BLOCK columns so that an output row and the four
    source rows it is accumulated from stay in L1 cache.
    """
    n_out, n_src = (w.shape[1], w.shape[0]) if transposed else (w.shape[0], w.shape[1])
    rows = src.shape[1]
    if min(n_src, n_out) >= BLAS_MIN_SIDE:
        if transposed:
            gemm(w.T, src, out)
        else:
            gemm(w, src, out)
        return
    for r0 in range(0, rows, ROW_BLOCK):
        r1 = min(r0 + ROW_BLOCK, rows)
        for k in range(n_out):
            o = out[k, r0:r1]
            o[:] = 0.0
            j = 0
            while j + 4 <= n_src:  # four sources per pass: a quarter of the loads/stores of o
                if transposed:
                    c0, c1, c2, c3 = w[j, k], w[j + 1, k], w[j + 2, k], w[j + 3, k]
                else:
                    c0, c1, c2, c3 = w[k, j], w[k, j + 1], w[k, j + 2], w[k, j + 3]
                s0, s1 = src[j, r0:r1], src[j + 1, r0:r1]
                s2, s3 = src[j + 2, r0:r1], src[j + 3, r0:r1]
                for r in range(r1 - r0):
                    o[r] += c0 * s0[r] + c1 * s1[r] + c2 * s2[r] + c3 * s3[r]
                j += 4
            for i in range(j, n_src):
                ci, si = (w[i, k] if transposed else w[k, i]), src[i, r0:r1]
                for r in range(r1 - r0):
                    o[r] += ci * si[r]


@inner
def dense(x, w, b, out):
    """out = w.T @ x + b for x (n_in, rows), w (n_in, n_out); out (n_out, rows)."""
    mix_rows(w, TRANSPOSED, x, out)
    for c in range(out.shape[0]):
        bias = b[c]
        o = out[c]
        for r in range(o.shape[0]):
            o[r] += bias


@inner
def weight_gradient(x, delta, gw, gb):
    """gw = x @ delta.T (n_in, n_out), gb = delta summed over rows."""
    n_in, rows = x.shape
    n_out = delta.shape[0]
    if min(n_in, n_out) >= BLAS_MIN_SIDE:
        gemm(x, delta.T, gw)
    else:
        for i in range(n_in):
            for c in range(n_out):
                acc = 0.0
                for r in range(rows):
                    acc += x[i, r] * delta[c, r]
                gw[i, c] = acc
    for c in range(n_out):
        acc = 0.0
        for r in range(rows):
            acc += delta[c, r]
        gb[c] = acc


@jit
def copy_into(src, dst):
    """dst[i] = src[i] for 1-D arrays of one length: a loop, as slice assignment compiles
    a shape check with its error message (seconds of the first run's compile time)."""
    for i in range(dst.shape[0]):
        dst[i] = src[i]


@inner
def view(buf, start, units, rows):
    """A (units, rows) block of the flat buffer ``buf``."""
    return buf[start : start + units * rows].reshape((units, rows))


@inner
def weights(theta, layout, index):
    """Views (W (n_in, n_out), b (n_out,)) of layer ``index`` of ``layout`` in ``theta``."""
    n_in, n_out = layout[index, N_IN], layout[index, N_OUT]
    w_off, b_off = layout[index, W_OFFSET], layout[index, B_OFFSET]
    return theta[w_off : w_off + n_in * n_out].reshape((n_in, n_out)), theta[b_off : b_off + n_out]
