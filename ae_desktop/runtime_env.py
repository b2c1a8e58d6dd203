"""Environment the app sets before NumPy and Numba are imported (import this module first).

Numba caches compiled kernels beside their source by default; a frozen bundle or a system
install cannot write there, so the cache goes to the user's cache directory instead, in a
folder named by a hash of the engine's sources. Numba only checks whether the file of the
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

import hashlib
import os
from pathlib import Path

from platformdirs import user_cache_dir

APP_NAME = "ae-desktop"
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
ENGINE_DIR = Path(__file__).parent / "engine"


def sources_hash(folder: Path = ENGINE_DIR) -> str:
    """Twelve hex digits that change whenever any ``*.py`` file of ``folder`` changes."""
    digest = hashlib.sha256()
    for source in sorted(folder.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def numba_cache_dir() -> str:
    """The per-user directory for Numba's compiled kernels of this engine,
    e.g. ~/.cache/ae-desktop/numba/3f2a9c01b7de."""
    return os.path.join(user_cache_dir(APP_NAME, appauthor=False), "numba", sources_hash())


def configure() -> None:
    """Numba's cache directory and OpenMP's sleeping wait (unless already set) and one
    BLAS thread, for NumPy, SciPy and Numba to read when they load: called when this
    module is imported."""
    os.environ.setdefault("NUMBA_CACHE_DIR", numba_cache_dir())
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    for name in BLAS_THREAD_VARIABLES:
        os.environ[name] = "1"


configure()
