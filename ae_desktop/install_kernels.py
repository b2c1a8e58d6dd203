"""``ae-desktop --install-kernels [--user]``: compile the app's kernels ahead of its first
launch. Without ``--user``, into the machine-wide folder (kernel_cache.system_cache_dir),
from which each user's first launch copies them instead of compiling (the .deb's install
script runs it as root); with ``--user``, into this user's own cache folder, no root
needed (the README's set-up command runs it after ``pip install``). Run before NumPy and
Numba load (``__main__``), since it chooses Numba's cache folder."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from ae_desktop.kernel_cache import numba_cache_dir, system_cache_dir

FLAG = "--install-kernels"
USER = "--user"


def main(argv: list[str]) -> int:
    """Compile into the machine's folder (``--user``: the user's); 2 with one line where
    it cannot be written."""
    if argv not in ([], [USER]):
        print(f"ae-desktop: {FLAG} takes no arguments but {USER}", file=sys.stderr)
        return 2
    target = Path(numba_cache_dir()) if argv else system_cache_dir()
    if not argv:
        os.umask(0o022)  # readable by every user, whatever umask the install script runs with
    try:
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=target):
            pass
    except OSError as exc:
        print(
            f"ae-desktop: cannot write kernels to {target}: {exc.strerror or exc}", file=sys.stderr
        )
        return 2
    os.environ["NUMBA_CACHE_DIR"] = str(target)
    from ae_desktop import runtime_env  # noqa: F401 - BLAS threads, OpenMP's wait
    from ae_desktop.engine import warm_up_kernels

    print(f"ae-desktop: compiling kernels for this machine into {target}", flush=True)
    warm_up_kernels(big_sets=True)
    return 0
