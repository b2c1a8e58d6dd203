"""MNIST / Fashion-MNIST IDX files (``*-images-idx3-ubyte`` and ``*-labels-idx1-ubyte``,
raw or ``.gz``) as glyph sets. Nothing is downloaded: the user supplies the files."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np

from ae_desktop.data.glyph_set import MAX_SIDE, GlyphSet, GlyphSetError
from ae_desktop.data.steps import Steps, run_to_end

UBYTE = 0x08
CHUNK = 4096  # images scaled between two progress steps
IMAGES_DIMS, LABELS_DIMS = 3, 1


def _read_bytes(path: Path) -> bytes:
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as handle:
                return handle.read()
        return path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise GlyphSetError(f"cannot read {path.name}: {exc}") from None


def read_idx(path: str | Path, dims: int, limit: int | None = None) -> np.ndarray:
    """The uint8 array of an IDX file with ``dims`` dimensions (first ``limit`` items)."""
    path = Path(path)
    data = _read_bytes(path)
    if len(data) < 4:
        raise GlyphSetError(f"{path.name}: too short to be an IDX file")
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != UBYTE or ndim != dims:
        raise GlyphSetError(f"{path.name}: wrong magic number 0x{data[:4].hex()}: expected "
                            f"0x00000{UBYTE:x}0{dims} (unsigned bytes, {dims}-D)")
    header = 4 + 4 * ndim
    if len(data) < header:
        raise GlyphSetError(f"{path.name}: truncated header")
    shape = struct.unpack(f">{ndim}I", data[4:header])
    count = shape[0] if limit is None else min(shape[0], limit)
    item = int(np.prod(shape[1:], dtype=np.int64))
    if len(data) < header + shape[0] * item:
        raise GlyphSetError(f"{path.name}: truncated: the header promises {shape[0]} items, "
                            f"the file holds {(len(data) - header) // max(item, 1)}")
    return np.frombuffer(data, np.uint8, count * item, header).reshape((count,) + shape[1:])


def labels_path_for(images: Path) -> Path | None:
    """The labels file beside an images file (``train-images-idx3-ubyte`` ->
    ``train-labels-idx1-ubyte``, same compression), if it exists."""
    candidate = images.with_name(images.name.replace("images-idx3", "labels-idx1"))
    return candidate if candidate != images and candidate.is_file() else None


def load_idx_images(path: str | Path, limit: int | None = None) -> GlyphSet:
    """Images scaled to 0..1 in float32 (enough for 8-bit sources, half the memory),
    labelled from the labels file beside them (else by index)."""
    return run_to_end(idx_image_steps(path, limit))


def idx_image_steps(path: str | Path, limit: int | None = None,
                    labels_path: str | Path | None = None) -> Steps[GlyphSet]:
    """``load_idx_images`` in steps: yields (images scaled, total) every CHUNK images and
    returns the GlyphSet; ``labels_path`` overrides the labels file found beside ``path``."""
    path = Path(path)
    images = read_idx(path, IMAGES_DIMS, limit)
    n, height, width = images.shape
    if not (1 <= height <= MAX_SIDE and 1 <= width <= MAX_SIDE):
        raise GlyphSetError(f"{path.name}: images of {width}x{height}; at most "
                            f"{MAX_SIDE}x{MAX_SIDE} are supported")
    labels_file = labels_path_for(path) if labels_path is None else Path(labels_path)
    if labels_file is None:
        labels = [str(i) for i in range(n)]
    else:
        values = read_idx(labels_file, LABELS_DIMS, limit)
        if len(values) != n:
            raise GlyphSetError(f"{labels_file.name} holds {len(values)} labels for "
                                f"{n} images in {path.name}")
        labels = [str(v) for v in values]
    pixels = np.empty((n, height, width), np.float32)
    for start in range(0, n, CHUNK):
        np.divide(images[start:start + CHUNK], 255, out=pixels[start:start + CHUNK],
                  dtype=np.float32)
        yield min(start + CHUNK, n), n
    return GlyphSet(path.name.removesuffix(".gz"), width, height, labels, pixels)


def is_idx_images(path: Path) -> bool:
    return "idx3" in path.name
