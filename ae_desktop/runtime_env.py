"""Environment the app sets before Numba is imported (import this module first).

Numba caches compiled kernels beside their source by default; a frozen bundle or a system
install cannot write there, so the cache goes to the user's cache directory instead.
A NUMBA_CACHE_DIR already set (tests, benchmarks) is kept."""

from __future__ import annotations

import os

from platformdirs import user_cache_dir

APP_NAME = "ae-desktop"


def numba_cache_dir() -> str:
    """The per-user directory for Numba's compiled kernels, e.g. ~/.cache/ae-desktop/numba."""
    return os.path.join(user_cache_dir(APP_NAME, appauthor=False), "numba")


os.environ.setdefault("NUMBA_CACHE_DIR", numba_cache_dir())
