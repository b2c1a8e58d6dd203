"""Glyph sets as compact ``.npz`` archives, for sets too big to write as JSON quickly
(the autosave of 60,000 imported images). Read with ``allow_pickle=False`` and checked
like the JSON format: a bad archive raises GlyphSetError naming the problem.

Arrays: ``name`` and ``kind`` (0-d strings), ``labels`` (n strings), ``pixels``
(n, height, width) float32 or float64 in [0, 1].
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from ae_desktop.data.atomic import write_atomic
from ae_desktop.data.glyph_set import GlyphSet, GlyphSetError, check_size
from ae_desktop.data.npz_archive import read_npz

KEYS = ("name", "kind", "labels", "pixels")


def save_glyph_set_npz(glyphs: GlyphSet, path: str | Path) -> None:
    """Write ``glyphs`` uncompressed (fast), atomically."""
    buffer = io.BytesIO()
    np.savez(buffer, name=np.array(glyphs.name), kind=np.array(glyphs.kind),
             labels=np.array(glyphs.labels, dtype=str).reshape(len(glyphs)),
             pixels=glyphs.pixels)
    write_atomic(Path(path), buffer.getbuffer())


def load_glyph_set_npz(path: str | Path) -> GlyphSet:
    """Read and validate an archive written by ``save_glyph_set_npz``."""
    path = Path(path)
    arrays = read_npz(path, GlyphSetError, "glyph archive")
    missing = [key for key in KEYS if key not in arrays]
    if missing:
        raise GlyphSetError(f"{path.name}: missing {', '.join(missing)}")
    return _checked(arrays, path.name)


def _checked(arrays: dict, where: str) -> GlyphSet:
    name, kind, labels, pixels = (arrays[key] for key in KEYS)
    for key, array in (("name", name), ("kind", kind), ("labels", labels)):
        if array.dtype.kind != "U":
            raise GlyphSetError(f"{where}: {key} must be text, got {array.dtype}")
    if pixels.dtype not in (np.float32, np.float64) or pixels.ndim != 3:
        raise GlyphSetError(f"{where}: pixels must be a 3-D float array, got {pixels.dtype} "
                            f"of shape {pixels.shape}")
    n, height, width = pixels.shape
    if labels.shape != (n,):
        raise GlyphSetError(f"{where}: {labels.size} labels for {n} glyphs")
    try:
        check_size(width, "width")
        check_size(height, "height")
    except GlyphSetError as exc:
        raise GlyphSetError(f"{where}: {exc}") from None
    if not np.all((pixels >= 0) & (pixels <= 1)):  # also False for NaN
        raise GlyphSetError(f"{where}: pixel values outside 0..1")
    return GlyphSet(str(name), width, height, labels.tolist(), pixels, str(kind))
