"""Atomic file writes: a crash or kill mid-save leaves the old file intact.

The payload goes to a temporary file beside the target, named ``.ae-desktop-save-``
plus a random token of this save, then is renamed over the target. A save removes only
its own temporary, by its exact name: never any other file. The target must be absent
or a regular file (a device, a FIFO or a folder is refused). Saved files get mode 0644
less the umask, like any file the user creates."""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from ae_desktop.safe_io.regular_file import file_kind

TEMP_PREFIX = ".ae-desktop-save-"
TEMP_SUFFIX = ".tmp"
FILE_MODE = 0o644


def check_target(path: str | Path) -> Path:
    """``path`` as a Path when a save there can succeed: a non-empty name, in an existing
    folder this process may write, naming nothing or a regular file. Else OSError with a
    short ``strerror``."""
    if str(path) == "":
        raise OSError(errno.ENOENT, "empty file name")
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror) from None
    if mode is not None and not stat.S_ISREG(mode):
        raise OSError(errno.EEXIST, f"it is {file_kind(mode)}, not a regular file")
    folder = path.parent
    if not folder.is_dir():
        raise OSError(errno.ENOENT, f"folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OSError(errno.EACCES, f"folder {folder} is not writable")
    return path


def write_atomic(path: str | Path, payload: bytes | memoryview) -> None:
    """Write ``payload`` to a temporary file beside ``path``, fsync it, then rename it
    over ``path`` (see the module docstring); OSError when it cannot."""
    path = check_target(path)
    tmp = path.parent / f"{TEMP_PREFIX}{secrets.token_hex(8)}{TEMP_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # our own temporary, by its exact name
        raise
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
