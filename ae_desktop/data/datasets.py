"""Turn a ``--dataset`` value into a GlyphSet: a bundled font name, ``circles`` (report
003's generated curves), a glyph-set JSON file, an MNIST-style IDX images file, or a
folder of images."""

from __future__ import annotations

import os
from pathlib import Path

from ae_desktop.data.circles import circles
from ae_desktop.data.fonts import FONT_NAMES, bundled_font
from ae_desktop.data.glyph_set import GlyphSet, GlyphSetError, load_glyph_set
from ae_desktop.data.idx import is_idx_images, load_idx_images
from ae_desktop.data.image_folder import load_image_folder
from ae_desktop.safe_io.bounded_json import quote

BUILTIN_NAMES = FONT_NAMES + ("circles",)


def _first(glyphs: GlyphSet, limit: int | None) -> GlyphSet:
    if limit is None or limit >= len(glyphs):
        return glyphs
    return GlyphSet(
        glyphs.name,
        glyphs.width,
        glyphs.height,
        glyphs.labels[:limit],
        glyphs.pixels[:limit],
        glyphs.kind,
    )


def resolve_dataset(spec: str, limit: int | None = None) -> GlyphSet:
    """The glyph set ``spec`` names; with ``limit``, only its first ``limit`` glyphs."""
    if limit is not None and limit < 1:
        raise GlyphSetError(f"--limit must be at least 1, got {limit}")
    if spec in FONT_NAMES:
        return _first(bundled_font(spec), limit)
    if spec == "circles":
        return _first(circles(), limit)
    path = Path(spec)
    if path.is_dir():
        return load_image_folder(path, limit=limit)
    if os.path.lexists(path):  # FIFOs, devices and sockets are refused by the readers
        if is_idx_images(path):
            return load_idx_images(path, limit)
        return _first(load_glyph_set(path), limit)
    if is_idx_images(path) or path.suffix.lower() == ".json":
        raise GlyphSetError(f"dataset file not found: {quote(spec)[1:-1]}")
    raise GlyphSetError(
        f"unknown dataset {quote(spec)}: use one of {', '.join(BUILTIN_NAMES)}, a glyph-set .json "
        "file, an IDX images file (*-images-idx3-ubyte[.gz]) or a folder of images"
    )
