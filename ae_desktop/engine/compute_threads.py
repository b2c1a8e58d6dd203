"""How many threads training uses in this process, and when it uses them.

A wide product (both sides of BLAS_MIN_SIDE units or more) is split into blocks of output
rows that depend on the shapes alone, each one single-threaded BLAS call
(compiled_layers.product), so the weights are the same bits for any thread count:
threads only decide how many blocks run at once. Networks without a wide product train
in one thread (the threaded code is then not even compiled). The command line uses
every core, the window all but one (the interface's); sweep workers use one each (the
workers fill the cores). Waiting threads sleep rather than spin (OMP_WAIT_POLICY, set by
runtime_env): with another program busy on a 2-core machine, spinning made 2 threads
2.2x slower than one, sleeping 1.2x faster (README "Many cores"). One call per process
at a time runs threaded (the others run their blocks in turn), so any Numba threading
layer is safe, the ones that are not thread-safe included.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import numba
import numpy as np

from ae_desktop.engine.compiled_layers import BLAS_MIN_SIDE, THREADED
from ae_desktop.engine.layout import N_IN, N_OUT

_limit: int | None = None  # set by limit_threads; None: see training_threads
_threaded = threading.Lock()  # held by the call running threaded


def available_cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def limit_threads(threads: int | None) -> None:
    """Train on ``threads`` threads (at most) from now on in this process; None: as
    training_threads chooses by itself."""
    global _limit
    _limit = None if threads is None else max(1, int(threads))


def training_threads() -> int:
    """The threads a training started now may use: as limit_threads set, else every
    core (at most Numba's pool)."""
    wanted = available_cores() if _limit is None else _limit
    pool = numba.config.NUMBA_NUM_THREADS  # type: ignore[attr-defined]  # set from the environment
    return max(1, min(wanted, pool))


def has_wide_product(layout: np.ndarray) -> bool:
    """Whether a layer of the NetworkLayout table ``layout`` multiplies by BLAS."""
    return bool(np.any(np.minimum(layout[:, N_IN], layout[:, N_OUT]) >= BLAS_MIN_SIDE))


def parallel_argument(layout: np.ndarray) -> np.bool_ | None:
    """The kernels' ``parallel`` argument for training the network ``layout`` here:
    THREADED where it has a wide product and more than one thread is allowed, else None."""
    return THREADED if has_wide_product(layout) and training_threads() > 1 else None


@contextmanager
def parallel_call(layout: np.ndarray) -> Iterator[np.bool_ | None]:
    """The ``parallel`` argument for a kernel called in this block to train ``layout``:
    None unless threaded work pays and no other call of this process holds the threads."""
    threads = training_threads()
    wide = has_wide_product(layout)
    if not wide or threads == 1 or not _threaded.acquire(blocking=False):
        yield None
        return
    try:
        numba.set_num_threads(threads)
        numba.set_parallel_chunksize(1)  # blocks go to whichever thread is free
        yield THREADED
    finally:
        _threaded.release()
