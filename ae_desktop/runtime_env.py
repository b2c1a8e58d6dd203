"""Environment the app sets before NumPy and Numba are imported (import this module first).

Numba caches compiled kernels beside their source by default; a frozen bundle or a system
install cannot write there, so the cache goes to the user's cache directory instead, in a
folder named by a hash of the engine's sources. Numba only checks whether the file of the
cached function itself changed, so a kernel calling code from an edited module (another
version of the app) would otherwise keep running the old code.
OpenBLAS runs one thread, except in the single-run commands (``ae-desktop train``, ...):
in the window, the training thread's matrix products then leave the other core to the
GUI, and sweep workers do not oversubscribe the cores; on a busy machine a thread per
core made a 60,000-image VAE epoch 5x slower (15.5 s against 3.2 s). A command-line
training run keeps OpenBLAS's default, a thread per core (1.4 s against 2.0 s on an
idle 2-core machine). Values already set in the environment are kept."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from platformdirs import user_cache_dir

APP_NAME = "ae-desktop"
SINGLE_RUN_COMMANDS = ("train", "eval", "encode", "decode", "interpolate")  # cli.RUNNERS
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


os.environ.setdefault("NUMBA_CACHE_DIR", numba_cache_dir())
if not (len(sys.argv) > 1 and sys.argv[1] in SINGLE_RUN_COMMANDS):
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
