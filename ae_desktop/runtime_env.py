"""Environment the app sets before NumPy and Numba are imported (import this module first).

Numba caches compiled kernels beside their source by default; a frozen bundle or a system
install cannot write there, so the cache goes to the user's cache directory instead, in a
folder named by a hash of the engine's sources (kernel_cache.py), first filled with the
kernels the installation compiled, where it has some. Numba only checks whether the file of the
cached function itself changed, so a kernel calling code from an edited module (another
version of the app) would otherwise keep running the old code.
OpenBLAS runs one thread in every process (the window, the command line, sweep workers),
whatever the environment says: the compiled code's wide matrix products go through BLAS,
and OpenBLAS's float32 results depend on its thread count (the same VAE settings and seed
gave different weights on the command line, with a thread per core, than in the window),
so one thread is what makes the same seed give the same weights everywhere. In the
window it also leaves the other core to the GUI, and sweep workers do not oversubscribe
the cores (a thread per core made a busy machine's VAE epoch 5x slower). Training's own
threads (engine/compute_threads.py) split wide products in blocks fixed by the shapes, so
they change no result. Those threads sleep while they wait (OMP_WAIT_POLICY=PASSIVE unless
the environment sets it): spinning, they took the core from the thread with work whenever
another program was busy (a 2-core machine's VAE epoch 2.2x slower on 2 threads than on one).
Libraries using the engine directly import this module first to get the same results."""

from __future__ import annotations

import os
from pathlib import Path

from ae_desktop.kernel_cache import numba_cache_dir, seed_user_cache, sources_hash, system_cache_dir

BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def configure() -> None:
    """Numba's cache directory (seeded from the machine's, see kernel_cache) and
    OpenMP's sleeping wait (unless already set) and one BLAS thread, for NumPy, SciPy
    and Numba to read when they load: called when this module is imported."""
    if "NUMBA_CACHE_DIR" not in os.environ:
        digest = sources_hash()
        user_dir = numba_cache_dir(digest)
        seed_user_cache(Path(user_dir), system_cache_dir(digest))
        os.environ["NUMBA_CACHE_DIR"] = user_dir
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    for name in BLAS_THREAD_VARIABLES:
        os.environ[name] = "1"


configure()
