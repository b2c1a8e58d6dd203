"""Atomic file writes: a crash or kill mid-save leaves the old file intact."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def write_atomic(path: Path, payload: bytes) -> None:
    """Write ``payload`` to a temporary file beside ``path``, fsync it, then rename.

    Temporary files left by an earlier save that was killed are removed first.
    """
    path = Path(path)
    folder = path.parent
    for stale in folder.glob(f"{_temp_prefix(path)}*.tmp"):
        stale.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable
        dir_fd = os.open(folder, os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
