"""Session-wide setup: the app's Numba cache folder, before any test imports Numba, so that
kernels compiled here are the ones that spawned worker processes load."""

import ae_desktop.runtime_env  # noqa: F401 - sets NUMBA_CACHE_DIR as the app does
