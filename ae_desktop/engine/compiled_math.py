"""Vectorisable exp, tanh and sigmoid for the compiled code (1-2 ulp, no libm calls).

Numba calls libm's scalar ``tanh``/``exp`` one element at a time (about 20 ns each);
these polynomial versions let LLVM vectorise whole activation loops (about 1 ns each).
``tanh`` and ``sigmoid`` dispatch on the argument's type: float32 arguments get float32
arithmetic throughout (twice the SIMD lanes), float64 ones float64.
"""

from __future__ import annotations

import math

import numpy as np
from llvmlite import ir
from numba.core import types
from numba.extending import intrinsic, overload

from ae_desktop.engine.jit_options import inner

LOG2E = 1.4426950408889634
LN2_HI = 6.93147180369123816490e-01
LN2_LO = 1.90821492927058770002e-10
EXP_FLOOR = -700.0
TANH_SATURATION = 30.0  # tanh(30) rounds to 1.0 in float64


@intrinsic
def _int_bits_as_float(typingctx, bits):
    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.DoubleType())

    return types.float64(types.int64), codegen


@intrinsic
def _int32_bits_as_float32(typingctx, bits):
    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.FloatType())

    return types.float32(types.int32), codegen


@inner
def _exp_parts(x):
    """e^x = scale * (1 + p) for x in [-700, 0], with scale = 2^k."""
    k = math.floor(x * LOG2E + 0.5)
    r = (x - k * LN2_HI) - k * LN2_LO
    p = r * (
        1.0
        + r
        * (
            1 / 2
            + r
            * (
                1 / 6
                + r
                * (
                    1 / 24
                    + r
                    * (
                        1 / 120
                        + r
                        * (
                            1 / 720
                            + r
                            * (
                                1 / 5040
                                + r
                                * (
                                    1 / 40320
                                    + r
                                    * (
                                        1 / 362880
                                        + r
                                        * (
                                            1 / 3628800
                                            + r
                                            * (1 / 39916800 + r * (1 / 479001600 + r / 6227020800))
                                        )
                                    )
                                )
                            )
                        )
                    )
                )
            )
        )
    )
    return _int_bits_as_float(np.int64(k + 1023) << 52), p


@inner
def exp_nonpositive(x):
    """e^x for x <= 0 (clamped at -700)."""
    scale, p = _exp_parts(x if x > EXP_FLOOR else EXP_FLOOR)
    return scale * (1.0 + p)


@inner
def _tanh64(x):
    a = abs(x)
    a = a if a < TANH_SATURATION else TANH_SATURATION
    scale, p = _exp_parts(-2.0 * a)
    em1 = scale * p + (scale - 1.0)  # e^(-2a) - 1, accurate near 0
    t = -em1 / (2.0 + em1)
    return t if x >= 0 else -t


@inner
def _sigmoid64(x):
    e = exp_nonpositive(-abs(x))
    inv = 1.0 / (1.0 + e)
    return inv if x >= 0 else e * inv


F32 = np.float32
LN2_HI_32, LN2_LO_32 = F32(0.693359375), F32(-2.12194440e-4)
LOG2E_32, HALF_32, ONE_32, TWO_32 = F32(LOG2E), F32(0.5), F32(1.0), F32(2.0)
EXP_FLOOR_32 = F32(-87.0)
TANH_SATURATION_32 = F32(9.0)  # tanh(9) rounds to 1.0 in float32
C2, C3, C4, C5, C6, C7 = (F32(1 / math.factorial(n)) for n in range(2, 8))


@inner
def _exp_parts32(x):
    """e^x = scale * (1 + p) for float32 x in [-87, 0], with scale = 2^k."""
    k = np.floor(x * LOG2E_32 + HALF_32)
    r = (x - k * LN2_HI_32) - k * LN2_LO_32
    p = r * (ONE_32 + r * (C2 + r * (C3 + r * (C4 + r * (C5 + r * (C6 + r * C7))))))
    return _int32_bits_as_float32((np.int32(k) + np.int32(127)) << np.int32(23)), p


@inner
def _tanh32(x):
    a = abs(x)
    a = a if a < TANH_SATURATION_32 else TANH_SATURATION_32
    scale, p = _exp_parts32(-TWO_32 * a)
    em1 = scale * p + (scale - ONE_32)
    t = -em1 / (TWO_32 + em1)
    return t if x >= 0 else -t


@inner
def _sigmoid32(x):
    a = -abs(x)
    scale, p = _exp_parts32(a if a > EXP_FLOOR_32 else EXP_FLOOR_32)
    e = scale * (ONE_32 + p)
    inv = ONE_32 / (ONE_32 + e)
    return inv if x >= 0 else e * inv


def tanh(x):
    """tanh in compiled code, float32 or float64 by the argument's type."""
    raise TypeError("compiled_math.tanh is only callable from Numba-compiled code")


def sigmoid(x):
    """The logistic function in compiled code, float32 or float64 by the argument's type."""
    raise TypeError("compiled_math.sigmoid is only callable from Numba-compiled code")


@overload(tanh)
def _tanh_by_type(x):
    return (lambda x: _tanh32(x)) if x == types.float32 else (lambda x: _tanh64(x))


@overload(sigmoid)
def _sigmoid_by_type(x):
    return (lambda x: _sigmoid32(x)) if x == types.float32 else (lambda x: _sigmoid64(x))


@inner
def log1p_unit(x):
    """log(1 + x) for x in [0, 1], as 2 atanh(x / (2 + x)) by its series (1 ulp)."""
    s = x / (2.0 + x)
    s2 = s * s
    acc = 1.0 / 33.0
    for k in range(31, 0, -2):
        acc = acc * s2 + 1.0 / k
    return 2.0 * s * acc
