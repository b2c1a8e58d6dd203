"""Vectorisable exp, tanh and sigmoid for Numba loops (1-2 ulp, no libm calls).

Numba calls libm's scalar ``tanh``/``exp`` one element at a time (about 20 ns each);
these polynomial versions let LLVM vectorise whole activation loops (about 1 ns each).
"""

from __future__ import annotations

import math

import numpy as np
from llvmlite import ir
from numba import njit
from numba.core import types
from numba.extending import intrinsic

LOG2E = 1.4426950408889634
LN2_HI = 6.93147180369123816490e-01
LN2_LO = 1.90821492927058770002e-10
EXP_FLOOR = -700.0
TANH_SATURATION = 30.0  # tanh(30) rounds to 1.0 in float64

inline = njit(inline="always", fastmath={"reassoc", "contract", "nsz", "arcp"},
              error_model="numpy")


@intrinsic
def _int_bits_as_float(typingctx, bits):
    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.DoubleType())
    return types.float64(types.int64), codegen


@inline
def _exp_parts(x):
    """e^x = scale * (1 + p) for x in [-700, 0], with scale = 2^k."""
    k = math.floor(x * LOG2E + 0.5)
    r = (x - k * LN2_HI) - k * LN2_LO
    p = r * (1.0 + r * (1 / 2 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (
        1 / 720 + r * (1 / 5040 + r * (1 / 40320 + r * (1 / 362880 + r * (
            1 / 3628800 + r * (1 / 39916800 + r * (1 / 479001600 + r / 6227020800))))))))))))
    return _int_bits_as_float(np.int64(k + 1023) << 52), p


@inline
def exp_nonpositive(x):
    """e^x for x <= 0 (clamped at -700)."""
    scale, p = _exp_parts(x if x > EXP_FLOOR else EXP_FLOOR)
    return scale * (1.0 + p)


@inline
def tanh(x):
    a = abs(x)
    a = a if a < TANH_SATURATION else TANH_SATURATION
    scale, p = _exp_parts(-2.0 * a)
    em1 = scale * p + (scale - 1.0)  # e^(-2a) - 1, accurate near 0
    t = -em1 / (2.0 + em1)
    return t if x >= 0 else -t


@inline
def sigmoid(x):
    e = exp_nonpositive(-abs(x))
    inv = 1.0 / (1.0 + e)
    return inv if x >= 0 else e * inv


@inline
def log1p_unit(x):
    """log(1 + x) for x in [0, 1], as 2 atanh(x / (2 + x)) by its series (1 ulp)."""
    s = x / (2.0 + x)
    s2 = s * s
    acc = 1.0 / 33.0
    for k in range(31, 0, -2):
        acc = acc * s2 + 1.0 / k
    return 2.0 * s * acc
