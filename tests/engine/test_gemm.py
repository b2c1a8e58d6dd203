"""The compiled code's BLAS product: C and Fortran order, float32 and float64, and
strided or mixed-dtype arrays refused when compiling (BLAS would read them wrong)."""

import numpy as np
import pytest
from numba import njit
from numba.core.errors import TypingError

from ae_desktop.engine.compiled_layers import gemm


@njit
def product(x, y, out):
    gemm(x, y, out)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gemm_matches_matmul_in_either_order(dtype):
    rng = np.random.default_rng(0)
    x, y = rng.random((70, 90)).astype(dtype), rng.random((90, 80)).astype(dtype)
    for a, b in ((x, y), (np.asfortranarray(x), y), (x, np.asfortranarray(y))):
        out = np.zeros((70, 80), dtype)
        product(a, b, out)
        np.testing.assert_allclose(out, x @ y, rtol=1e-5)


def test_gemm_refuses_strided_and_mixed_arrays():
    x, y, out = np.ones((4, 6)), np.ones((6, 3)), np.zeros((4, 3))
    with pytest.raises(TypingError):
        product(x[:, ::2], y[::2], out)
    with pytest.raises(TypingError):
        product(x.astype(np.float32), y, out)
