"""MNIST / Fashion-MNIST IDX files (``*-images-idx3-ubyte`` and ``*-labels-idx1-ubyte``,
raw or ``.gz``) as glyph sets. Nothing is downloaded: the user supplies the files.

Only regular files are opened. The header's dimensions are checked (sides at most
MAX_SIDE, items at most MAX_BYTES in all) before anything else is read, a raw file's
against its actual size too; a .gz file is decompressed through a capped stream that
never inflates past the declared items plus one chunk."""

from __future__ import annotations

import gzip
import math
import os
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import numpy as np

from ae_desktop.data.glyph_set import MAX_SIDE, GlyphSet, GlyphSetError
from ae_desktop.data.steps import Steps, run_to_end
from ae_desktop.safe_io.regular_file import open_regular

UBYTE = 0x08
CHUNK = 4096  # images scaled between two progress steps
IMAGES_DIMS, LABELS_DIMS = 3, 1
MAX_BYTES = 256 * 2**20  # of 8-bit pixels: 1 GiB once scaled to float32
READ_CHUNK = 2**20  # bytes; a header's claim costs at most this before data arrives


@contextmanager
def _open(path: Path) -> Iterator[BinaryIO | gzip.GzipFile]:
    with open_regular(path, GlyphSetError, "IDX file") as raw:
        if path.suffix != ".gz":
            yield raw
            return
        with gzip.GzipFile(fileobj=raw, mode="rb") as handle:
            yield handle


def _read(handle: BinaryIO | gzip.GzipFile, size: int) -> bytearray:
    """Up to ``size`` bytes, read in chunks: memory follows what the file holds, not what
    its header claims."""
    data = bytearray()
    while len(data) < size:
        part = handle.read(min(size - len(data), READ_CHUNK))
        if not part:
            break
        data += part
    return data


def read_idx(path: str | Path, dims: int, limit: int | None = None) -> np.ndarray:
    """The uint8 array of an IDX file with ``dims`` dimensions (first ``limit`` items).

    Items are at most MAX_SIDE on each side and all of them at most MAX_BYTES, checked
    before anything past the header is read. Bytes after the items are ignored, but a
    .gz file is decompressed to its end: that checks its CRC."""
    path = Path(path)
    try:
        with _open(path) as handle:
            magic = _read(handle, 4)
            if len(magic) < 4:
                raise GlyphSetError(f"{path.name}: too short to be an IDX file")
            zero, dtype, ndim = struct.unpack(">HBB", magic)
            if zero != 0 or dtype != UBYTE or ndim != dims:
                raise GlyphSetError(
                    f"{path.name}: wrong magic number 0x{magic.hex()}: expected "
                    f"0x00000{UBYTE:x}0{dims} (unsigned bytes, {dims}-D)"
                )
            header = _read(handle, 4 * ndim)
            if len(header) < 4 * ndim:
                raise GlyphSetError(f"{path.name}: truncated header")
            shape = struct.unpack(f">{ndim}I", header)
            _check_shape(path, shape, limit)
            count = shape[0] if limit is None else min(shape[0], limit)
            item = math.prod(shape[1:])
            if isinstance(handle, gzip.GzipFile):
                data = _read(handle, count * item)
                _check_gzip_end(path, handle, (shape[0] - count) * item)
            else:
                _check_raw_size(path, handle, count, item, 4 + 4 * ndim)
                data = _read(handle, count * item)
    except (OSError, EOFError, zlib.error) as exc:
        raise GlyphSetError(f"cannot read {path.name}: {exc}") from None
    if len(data) < count * item:
        raise GlyphSetError(
            f"{path.name}: truncated: the header promises {count} items, "
            f"the file holds {len(data) // item}"
        )
    return np.frombuffer(data, np.uint8).reshape((count,) + shape[1:])


def _check_gzip_end(path: Path, handle: gzip.GzipFile, rest: int) -> None:
    """Decompress to the end, which checks the stream's CRC: at most the ``rest`` of
    the declared items (up to MAX_BYTES) and one chunk more, a bomb is refused there."""
    for _ in range(min(rest, MAX_BYTES) // READ_CHUNK + 2):
        if not handle.read(READ_CHUNK):
            return
    raise GlyphSetError(
        f"{path.name}: the compressed file holds more than its header "
        "declares (a decompression bomb?)"
    )


def _check_raw_size(path: Path, handle: BinaryIO, count: int, item: int, header: int) -> None:
    """A raw file's declared items checked against its size before they are read."""
    size = os.fstat(handle.fileno()).st_size
    if header + count * item > size:
        raise GlyphSetError(
            f"{path.name}: truncated: the header promises {count} items, "
            f"the file holds {max(size - header, 0) // item}"
        )


def _check_shape(path: Path, shape: tuple[int, ...], limit: int | None) -> None:
    if shape[0] == 0:
        raise GlyphSetError(f"{path.name}: the header declares no items")
    if not all(1 <= side <= MAX_SIDE for side in shape[1:]):
        raise GlyphSetError(
            f"{path.name}: images of {'x'.join(map(str, shape[:0:-1]))}; at "
            f"most {MAX_SIDE}x{MAX_SIDE} are supported"
        )
    count, item = (shape[0] if limit is None else min(shape[0], limit)), math.prod(shape[1:])
    if count * item > MAX_BYTES:
        raise GlyphSetError(
            f"{path.name}: {count} items of {item} bytes are more than "
            f"{MAX_BYTES // 2**20} MiB: take fewer with a limit"
        )


def labels_path_for(images: Path) -> Path | None:
    """The labels file beside an images file (``train-images-idx3-ubyte`` ->
    ``train-labels-idx1-ubyte``, same compression), if it exists."""
    candidate = images.with_name(images.name.replace("images-idx3", "labels-idx1"))
    return candidate if candidate != images and candidate.is_file() else None


def load_idx_images(path: str | Path, limit: int | None = None) -> GlyphSet:
    """Images scaled to 0..1 in float32 (enough for 8-bit sources, half the memory),
    labelled from the labels file beside them (else by index)."""
    return run_to_end(idx_image_steps(path, limit))


def idx_image_steps(
    path: str | Path, limit: int | None = None, labels_path: str | Path | None = None
) -> Steps[GlyphSet]:
    """``load_idx_images`` in steps: yields (images scaled, total) every CHUNK images and
    returns the GlyphSet; ``labels_path`` overrides the labels file found beside ``path``."""
    path = Path(path)
    images = read_idx(path, IMAGES_DIMS, limit)
    n, height, width = images.shape
    labels_file = labels_path_for(path) if labels_path is None else Path(labels_path)
    if labels_file is None:
        labels = [str(i) for i in range(n)]
    else:
        values = read_idx(labels_file, LABELS_DIMS, limit)
        if len(values) != n:
            raise GlyphSetError(
                f"{labels_file.name} holds {len(values)} labels for {n} images in {path.name}"
            )
        labels = [str(v) for v in values]
    pixels = np.empty((n, height, width), np.float32)
    for start in range(0, n, CHUNK):
        block = pixels[start : start + CHUNK]
        block[...] = images[start : start + CHUNK]  # a cast, then a division in place: the
        block /= np.float32(255)  # values of one mixed-type division, without its slow cast
        yield min(start + CHUNK, n), n
    return GlyphSet(path.name.removesuffix(".gz"), width, height, labels, pixels)


def is_idx_images(path: Path) -> bool:
    return "idx3" in path.name
