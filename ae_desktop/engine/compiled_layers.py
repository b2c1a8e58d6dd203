"""Numba building blocks of the compiled code: activations, dense layers (small matrix
products), their gradients, views into flat buffers and a layer's weights by layout.

Activations are stored transposed, (units, batch rows), so every inner loop runs over
the batch: contiguous and equally long in every layer, which LLVM vectorises.
"""

from __future__ import annotations

import math

import numpy as np
from llvmlite import ir
from numba import njit, prange
from numba.core import cgutils, types
from numba.core.errors import TypingError
from numba.extending import intrinsic
from numba.np.linalg import check_blas_return, ensure_blas, get_blas_kind, make_constant_slot

from ae_desktop.engine import compiled_math as fm
from ae_desktop.engine.activations import LEAKY_RELU, LEAKY_SLOPE, RELU, SIGMOID, TANH
from ae_desktop.engine.jit_options import inner, jit, threaded
from ae_desktop.engine.layout import B_OFFSET, N_IN, N_OUT, W_OFFSET

BLAS_MIN_SIDE = 64  # BLAS pays off when both matrix sides are wide; loops win below
PRODUCT_BLOCK_ROWS = 128  # the most output rows (or columns) of one block of a wide product
ROW_BLOCK = 512
# arguments typed as plain values: a literal 0 or True would compile a form of its own
ZERO = np.int64(0)
TRANSPOSED, AS_IS = np.bool_(True), np.bool_(False)
THREADED = np.bool_(True)  # a kernel's ``parallel`` argument; None: blocks in turn


@njit(cache=True, nogil=True)
def finite(x):
    """True for a finite number. Compiled without fastmath, which may fold such checks."""
    return abs(x) < math.inf


@intrinsic
def blas_gemm(typingctx, trans_a, trans_b, m, n, k, a, a_start, b, b_start, c, c_start):
    """BLAS's column-major C (m, n) = op(A) @ op(B), with op a transpose where ``trans_``;
    A, B and C start at element ``*_start`` of C-contiguous 2-D arrays of one float dtype
    and have those arrays' row lengths as leading dimensions. No shape checks: np.dot's
    checks and error messages took about a third of the first run's compile time."""
    ensure_blas()
    if any(x.layout != "C" or x.ndim != 2 or x.dtype != c.dtype for x in (a, b, c)) or (
        c.dtype not in (types.float32, types.float64)
    ):
        raise TypingError("blas_gemm takes C-contiguous 2-D float arrays of one dtype")

    def codegen(context, builder, signature, args):
        ta, tb, m_, n_, k_, a_, a0, b_, b0, c_, c0 = args
        pointer, char = ir.IntType(8).as_pointer(), ir.IntType(8)
        size = context.get_value_type(types.intp)
        function = cgutils.get_or_insert_function(
            builder.module,
            ir.FunctionType(
                ir.IntType(32),
                [char] * 3
                + [size] * 3
                + [pointer, pointer, size, pointer, size, pointer, pointer, size],
            ),
            "numba_xxgemm",
        )

        def matrix(ty, value, start):  # (pointer to element start, leading dimension)
            array = context.make_array(ty)(context, builder, value)
            row_length = cgutils.unpack_tuple(builder, array.shape, 2)[1]
            return builder.bitcast(builder.gep(array.data, [start]), pointer), row_length

        def transpose(flag):
            chosen = builder.icmp_unsigned("!=", flag, ir.Constant(flag.type, 0))
            return builder.select(chosen, ir.Constant(char, ord("t")), ir.Constant(char, ord("n")))

        dtype = signature.args[-2].dtype
        one, zero = (make_constant_slot(context, builder, dtype, v) for v in (1.0, 0.0))
        status = builder.call(
            function,
            (
                ir.Constant(char, ord(get_blas_kind(dtype))),
                transpose(ta),
                transpose(tb),
                m_,
                n_,
                k_,
                builder.bitcast(one, pointer),
                *matrix(signature.args[5], a_, a0),
                *matrix(signature.args[7], b_, b0),
                builder.bitcast(zero, pointer),
                *matrix(signature.args[9], c_, c0),
            ),
        )
        check_blas_return(context, builder, status)
        return context.get_dummy_value()

    sig = types.none(trans_a, trans_b, m, n, k, a, a_start, b, b_start, c, c_start)
    return sig, codegen


@inner
def _product_block(x, x_t, y, y_t, out, block, n_blocks, by_rows):
    """Block ``block`` of ``n_blocks`` of out = op(x) @ op(y) (see product): a run of
    out's rows ``by_rows``, else of its columns."""
    m, n = out.shape
    k = x.shape[0] if x_t else x.shape[1]
    side = m if by_rows else n
    size = (side + n_blocks - 1) // n_blocks
    s0 = block * size
    s1 = min(side, s0 + size)
    if s1 <= s0:
        return
    if by_rows:  # out's rows s0:s1, as BLAS's column-major out.T = op(y).T @ op(x)[s0:s1].T
        x_start = s0 if x_t else s0 * x.shape[1]
        blas_gemm(y_t, x_t, n, s1 - s0, k, y, ZERO, x, x_start, out, s0 * n)
    else:  # out's columns s0:s1: out.T[s0:s1] = op(y)[:, s0:s1].T @ op(x).T
        y_start = s0 * k if y_t else s0
        blas_gemm(y_t, x_t, s1 - s0, m, k, y, y_start, x, ZERO, out, s0)


@threaded
def _product_blocks_parallel(x, x_t, y, y_t, out, n_blocks, by_rows):
    """product's blocks, one per thread at a time (Numba's threading layer)."""
    for block in prange(n_blocks):
        _product_block(x, x_t, y, y_t, out, block, n_blocks, by_rows)


@inner
def product(x, x_t, y, y_t, out, parallel):
    """out = op(x) @ op(y), op(a) = a.T where ``a_t``, for C-contiguous arrays: BLAS on one
    thread per block of out's rows, or of its columns where it has more columns (a
    batch's forward pass: 100 rows, 784 columns gives 8 blocks, not 2, for many cores).
    The blocks (even in number, at most PRODUCT_BLOCK_ROWS rows or columns) depend on
    the shapes alone, so the result is the same bits whether they run in turn
    (``parallel`` None) or on Numba's threads (THREADED), however many there are.
    Numba drops the branch a None rules out, so serial callers never compile the
    threaded code."""
    by_rows = out.shape[0] >= out.shape[1]
    side = out.shape[0] if by_rows else out.shape[1]
    n_blocks = 2 * ((side + 2 * PRODUCT_BLOCK_ROWS - 1) // (2 * PRODUCT_BLOCK_ROWS))
    if parallel is not None:
        _product_blocks_parallel(x, x_t, y, y_t, out, n_blocks, by_rows)
    else:
        for block in range(n_blocks):
            _product_block(x, x_t, y, y_t, out, block, n_blocks, by_rows)


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
def mix_rows(w, transposed, src, out, parallel):
    """out = w.T @ src if ``transposed`` else w @ src, for rows of (units, batch) blocks:
    out[k] = sum_j coef[k, j] * src[j] with coef = w.T or w (one compiled form for both).

    Batches are walked in blocks of ROW_BLOCK columns so that an output row and the four
    source rows it is accumulated from stay in L1 cache. Wide products go to ``product``.
    """
    n_out, n_src = (w.shape[1], w.shape[0]) if transposed else (w.shape[0], w.shape[1])
    rows = src.shape[1]
    if min(n_src, n_out) >= BLAS_MIN_SIDE:
        product(w, transposed, src, AS_IS, out, parallel)
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
def dense(x, w, b, out, parallel):
    """out = w.T @ x + b for x (n_in, rows), w (n_in, n_out); out (n_out, rows)."""
    mix_rows(w, TRANSPOSED, x, out, parallel)
    for c in range(out.shape[0]):
        bias = b[c]
        o = out[c]
        for r in range(o.shape[0]):
            o[r] += bias


@inner
def weight_gradient(x, delta, gw, gb, parallel):
    """gw = x @ delta.T (n_in, n_out), gb = delta summed over rows."""
    n_in, rows = x.shape
    n_out = delta.shape[0]
    if min(n_in, n_out) >= BLAS_MIN_SIDE:
        product(x, AS_IS, delta, TRANSPOSED, gw, parallel)
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
