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
from typing import TextIO

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
    counter = _Counter(sys.stdout) if sys.stdout.isatty() else None  # not in apt's log
    warm_up_kernels(big_sets=True, progress=counter)
    if counter is not None:
        counter.finish()
    return 0


class _Counter:
    """One line rewritten in place: how many kernels compiled so far, and the last one."""

    def __init__(self, stream: TextIO):
        self.stream, self.count, self.width = stream, 0, 0

    def __call__(self, name: str | None, done: int, total: int) -> None:
        if name is not None:
            self.count += 1
            self._show(f"  compiling {self.count}: {name}")

    def finish(self) -> None:
        self._show(f"  done ({self.count} compiled)")
        self.stream.write("\n")

    def _show(self, line: str) -> None:
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()
        self.width = len(line)
