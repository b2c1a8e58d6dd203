"""The compiled code's wide matrix product: BLAS on fixed blocks of output rows or
columns, in turn or on Numba's threads, equal to NumPy's product and the same bits
either way; arrays BLAS would read wrong are refused when compiling."""

import numba
import numpy as np
import pytest
from numba import njit
from numba.core.errors import TypingError

from ae_desktop.engine.compiled_layers import THREADED, ZERO, blas_gemm, product


@njit
def run_product(x, x_t, y, y_t, out, parallel):
    product(x, x_t, y, y_t, out, parallel)


@njit
def whole_gemm(x, y, out):  # column-major out.T = y.T @ x.T: out = x @ y, C order
    blas_gemm(False, False, out.shape[1], out.shape[0], x.shape[1], y, ZERO, x, ZERO, out, ZERO)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("x_t", [False, True])
@pytest.mark.parametrize("y_t", [False, True])
@pytest.mark.parametrize("m, n", [(300, 70), (70, 300)])  # 4 blocks of 75 rows, of 75 columns
def test_product_matches_numpy_in_turn_and_threaded(dtype, x_t, y_t, m, n):
    rng = np.random.default_rng(1)
    k = 90
    x = rng.standard_normal((k, m) if x_t else (m, k)).astype(dtype)
    y = rng.standard_normal((n, k) if y_t else (k, n)).astype(dtype)
    expected = (x.T if x_t else x) @ (y.T if y_t else y)
    outs = []
    for parallel in (None, THREADED):
        out = np.full((m, n), np.nan, dtype)
        run_product(x, np.bool_(x_t), y, np.bool_(y_t), out, parallel)
        outs.append(out)
    np.testing.assert_allclose(outs[0], expected, rtol=1e-4 if dtype == np.float32 else 1e-12)
    assert outs[0].tobytes() == outs[1].tobytes()


@pytest.mark.skipif(numba.config.NUMBA_NUM_THREADS < 2, reason="Numba has one thread here")
def test_threaded_blocks_give_the_same_bits_for_any_thread_count():
    rng = np.random.default_rng(2)
    x, y = (rng.standard_normal((784, 256)).astype(np.float32) for _ in range(2))
    outs = []
    for threads in (1, 2):
        numba.set_num_threads(threads)
        out = np.empty((256, 256), np.float32)
        run_product(x, np.bool_(True), y, np.bool_(False), out, THREADED)
        outs.append(out.tobytes())
    numba.set_num_threads(numba.config.NUMBA_NUM_THREADS)
    assert outs[0] == outs[1]


def test_blas_gemm_refuses_strided_and_mixed_arrays():
    x, y, out = np.ones((4, 6)), np.ones((6, 3)), np.zeros((4, 3))
    with pytest.raises(TypingError):
        whole_gemm(x[:, ::2], y[::2], out)
    with pytest.raises(TypingError):
        whole_gemm(x.astype(np.float32), y, out)
    whole_gemm(x, y, out)
    np.testing.assert_array_equal(out, x @ y)
