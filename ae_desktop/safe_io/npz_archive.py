"""Reading ``.npz`` archives that may be damaged or forged: never pickles, never
allocates or decompresses what a header merely claims, and every failure is one error
naming the file.

Limits, each checked before the work it bounds: the file's size (the caller's limit),
at most MAX_MEMBERS members and MAX_DIRECTORY bytes of zip central directory (from the
end record, before the directory is parsed), and per array the caller's byte limit and
expected shape, checked against the ``.npy`` header before its data is decompressed.
Data is then decompressed through a stream that stops at the size the header declares.
Members the caller never asks for (an unexpected extra one included) are ignored and
never decompressed."""

from __future__ import annotations

import math
import os
import struct
import zipfile
from pathlib import Path

import numpy as np

from ae_desktop.safe_io.regular_file import open_regular, size_text

MAX_MEMBERS = 64
MAX_DIRECTORY = 64 * 1024  # bytes of central directory: 64 members with long names
_END_RECORD = b"PK\x05\x06"
_END_SIZE = 22
_CHUNK = 1 << 20


class NpzArchive:
    """An open ``.npz``: ``names`` maps its arrays to their members; ``array`` reads one."""

    def __init__(self, path: str | Path, error: type[Exception], what: str, file_limit: int):
        self.path, self.error, self.what = Path(path), error, what
        self._handle = open_regular(self.path, error, what)
        try:
            self._open_zip(file_limit)
        except BaseException:
            self._handle.close()
            raise

    def _open_zip(self, file_limit: int) -> None:
        name = self.path.name
        size = os.fstat(self._handle.fileno()).st_size
        if size > file_limit:
            raise self.error(
                f"{name}: {self.what} of {size_text(size)} is over the limit "
                f"of {size_text(file_limit)}"
            )
        if self._handle.read(2) != b"PK":
            raise self.error(f"{name} is not a {self.what}: not a .npz (zip) archive")
        count, directory = _directory_size(self._handle, size)
        if count is None:
            raise self.error(
                f"{name} is not a {self.what}: damaged or truncated .npz (no zip end record)"
            )
        if count > MAX_MEMBERS or directory > MAX_DIRECTORY:
            raise self.error(
                f"{name}: a .npz of {count} members ({size_text(directory)} "
                f"of directory) is over the limit of {MAX_MEMBERS} members"
            )
        self._handle.seek(0)
        self._zip = self._guard(zipfile.ZipFile, self._handle)
        members = self._zip.infolist()
        if len(members) > MAX_MEMBERS:
            raise self.error(
                f"{name}: a .npz of {len(members)} members is over the limit of {MAX_MEMBERS}"
            )
        self.names = {m.filename.removesuffix(".npy"): m for m in members}

    def __enter__(self) -> NpzArchive:
        return self

    def __exit__(self, *exc) -> None:
        self._handle.close()

    def _guard(self, function, *args):
        """``function(*args)``, any zip, zlib or header failure turned into ``error``."""
        try:
            return function(*args)
        except self.error:
            raise
        except Exception as exc:  # noqa: BLE001 - zip, zlib, header parsing: all "damaged"
            text = str(exc).encode("ascii", "backslashreplace").decode()[:80]
            raise self.error(
                f"{self.path.name} is not a {self.what}: damaged or truncated .npz ({text})"
            ) from None

    def _header(self, name: str):
        info = self.names[name]
        handle = self._zip.open(info)
        try:
            magic = handle.read(8)
            if not info.filename.endswith(".npy") or magic[:6] != b"\x93NUMPY":
                raise self.error(
                    f"{self.path.name} is not a {self.what}: a zip archive "
                    f"whose entry {name!r} is not a NumPy array"
                )
            if magic[6:7] not in (b"\x01", b"\x02"):
                raise ValueError(f"unsupported .npy format version {magic[6:8].hex()}")
            read = (
                np.lib.format.read_array_header_1_0
                if magic[6] == 1
                else np.lib.format.read_array_header_2_0
            )
            shape, fortran, dtype = read(handle)
        except BaseException:
            handle.close()
            raise
        if dtype.hasobject:
            handle.close()
            raise self.error(
                f"{self.path.name}: entry {name!r} holds pickled Python "
                "objects, which are never loaded"
            )
        return shape, dtype, fortran, handle

    def array(self, name: str, limit: int, shape: tuple[int, ...] | None = None) -> np.ndarray:
        """Array ``name``, refused before any data is decompressed when its header
        declares more than ``limit`` bytes or a shape other than ``shape``."""
        declared, dtype, fortran, handle = self._guard(self._header, name)
        with handle:
            where = f"{self.path.name}: entry {name!r}"
            if shape is not None and tuple(declared) != tuple(shape):
                raise self.error(
                    f"{where} has shape {_shape_text(declared)}, expected {_shape_text(shape)}"
                )
            n_bytes = math.prod(declared) * dtype.itemsize
            if n_bytes > limit:
                raise self.error(
                    f"{where} declares {size_text(n_bytes)} of data, over the "
                    f"limit of {size_text(limit)}"
                )
            data = self._guard(_read_exactly, handle, n_bytes)
            self._guard(handle.read, 1)  # at the member's end: checks its CRC
        if len(data) < n_bytes:
            raise self.error(
                f"{where} declares {n_bytes} bytes of data but holds "
                f"{len(data)}: truncated or forged"
            )
        flat = np.frombuffer(data, dtype, math.prod(declared))
        return flat.reshape(declared[::-1]).T if fortran else flat.reshape(declared)


def _shape_text(shape) -> str:
    return str(tuple(int(s) for s in shape)) if len(shape) <= 4 else f"of {len(shape)} dims"


def _read_exactly(handle, n_bytes: int) -> bytearray:
    """Up to ``n_bytes`` from ``handle``, in chunks: the output stops at ``n_bytes``
    whatever the stream would inflate to."""
    data = bytearray(n_bytes)
    view, pos = memoryview(data), 0
    while pos < n_bytes:
        part = handle.read(min(_CHUNK, n_bytes - pos))
        if not part:
            return data[:pos]
        view[pos : pos + len(part)] = part
        pos += len(part)
    return data


def _directory_size(handle, size: int) -> tuple[int | None, int]:
    """(members, central directory bytes) from the zip end record, or (None, 0)."""
    tail_size = min(size, _END_SIZE + 65535)
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    at = tail.rfind(_END_RECORD)
    if at < 0 or at + _END_SIZE > len(tail):
        return None, 0
    _, _, _, _, count, directory, _, _ = struct.unpack("<4s4H2LH", tail[at : at + _END_SIZE])
    return count, directory
