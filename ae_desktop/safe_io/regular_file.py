"""Opening untrusted paths as data: only regular files, never more than a stated size.

A FIFO, a device (``/dev/zero``) or a socket is refused at once, before a read can block
or run forever; a file larger than the caller's limit is refused from its size, before
anything is read."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

MIB = 1 << 20


def file_kind(mode: int) -> str:
    """What a non-regular file is, for messages: ``a folder``, ``a FIFO (named pipe)``…"""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def is_regular(path: str | Path) -> bool:
    """Whether ``path`` names a regular file (links followed); never opens it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def open_regular(path: str | Path, error: type[Exception], what: str) -> BinaryIO:
    """``path`` opened for binary reading, or ``error`` naming the ``what`` when it is
    missing, unreadable or not a regular file. Opened without blocking (a FIFO would wait
    for a writer) and checked on the open descriptor, so a swap after a check is caught."""
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise error(f"cannot read {what} {path.name}: {reason}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise error(
                f"cannot read {what} {path.name}: it is {file_kind(mode)}, not a regular file"
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | Path, limit: int, error: type[Exception], what: str) -> bytes:
    """The whole content of the regular file ``path``, refused with ``error`` when its
    size (or what it grew to while read) passes ``limit`` bytes."""
    with open_regular(path, error, what) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise error(
                f"{Path(path).name}: {what} of {size_text(size)} is over the "
                f"limit of {size_text(limit)}"
            )
        payload = handle.read(limit + 1)
    if len(payload) > limit:
        raise error(
            f"{Path(path).name}: {what} grew past the limit of {size_text(limit)} while read"
        )
    return payload


def size_text(n_bytes: int) -> str:
    """A byte count for messages: ``512 bytes``, ``3.0 MiB``, ``2.0 GiB``."""
    if n_bytes < 1024:
        return f"{n_bytes} bytes"
    size = float(n_bytes)
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        size /= 1024
        if size < 1024 or unit == "TiB":
            return f"{size:.1f} {unit}"
    raise AssertionError("unreachable")
