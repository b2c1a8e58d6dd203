"""Glyph sets as compact ``.npz`` archives, for sets too big to write as JSON quickly
(the autosave of 60,000 imported images). Read with ``allow_pickle=False`` and checked
like the JSON format: a bad archive raises GlyphSetError naming the problem.

Arrays: ``name`` and ``kind`` (0-d strings), ``labels`` (n strings), ``pixels``
(n, height, width) float32 or float64 in [0, 1]. Limits, from each array's header before
its data is decompressed: MAX_PIXEL_BYTES of pixels, MAX_LABEL_BYTES of labels, and the
archive limits of npz_archive; other entries are ignored.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from ae_desktop.data.glyph_set import GlyphSet, GlyphSetError, check_size
from ae_desktop.safe_io.atomic import write_atomic
from ae_desktop.safe_io.npz_archive import NpzArchive
from ae_desktop.safe_io.regular_file import MIB

KEYS = ("name", "kind", "labels", "pixels")
MAX_PIXEL_BYTES = 1024 * MIB
MAX_LABEL_BYTES = 256 * MIB
MAX_TEXT_BYTES = 64 * 1024
LIMITS = dict(
    name=MAX_TEXT_BYTES, kind=MAX_TEXT_BYTES, labels=MAX_LABEL_BYTES, pixels=MAX_PIXEL_BYTES
)


def save_glyph_set_npz(glyphs: GlyphSet, path: str | Path) -> None:
    """Write ``glyphs`` uncompressed (fast), atomically."""
    buffer = io.BytesIO()
    np.savez(
        buffer,
        name=np.array(glyphs.name),
        kind=np.array(glyphs.kind.value),
        labels=np.array(glyphs.labels, dtype=str).reshape(len(glyphs)),
        pixels=glyphs.pixels,
    )
    write_atomic(Path(path), buffer.getbuffer())


def load_glyph_set_npz(path: str | Path) -> GlyphSet:
    """Read and validate an archive written by ``save_glyph_set_npz``."""
    path = Path(path)
    with NpzArchive(path, GlyphSetError, "glyph archive", sum(LIMITS.values())) as npz:
        missing = [key for key in KEYS if key not in npz.names]
        if missing:
            raise GlyphSetError(f"{path.name}: missing {', '.join(missing)}")
        arrays = {key: npz.array(key, LIMITS[key]) for key in KEYS}
    return _checked(arrays, path.name)


def _checked(arrays: dict, where: str) -> GlyphSet:
    name, kind, labels, pixels = (arrays[key] for key in KEYS)
    for key, array in (("name", name), ("kind", kind), ("labels", labels)):
        if array.dtype.kind != "U":
            raise GlyphSetError(f"{where}: {key} must be text, got {array.dtype}")
    if pixels.dtype not in (np.float32, np.float64) or pixels.ndim != 3:
        raise GlyphSetError(
            f"{where}: pixels must be a 3-D float array, got {pixels.dtype} of shape {pixels.shape}"
        )
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
    texts = [str(name), str(kind), *labels.tolist()]
    try:
        "".join(texts).encode("utf-8")
    except UnicodeEncodeError:
        raise GlyphSetError(f"{where}: a name or label holds a lone surrogate") from None
    return GlyphSet(texts[0], width, height, texts[2:], pixels, texts[1])
