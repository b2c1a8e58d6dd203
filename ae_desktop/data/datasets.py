"""Turn a ``--dataset`` value (a bundled font name or a glyph-set file path) into a GlyphSet."""

from __future__ import annotations

from pathlib import Path

from ae_desktop.data.fonts import FONT_NAMES, bundled_font
from ae_desktop.data.glyph_set import GlyphSet, GlyphSetError, load_glyph_set


def resolve_dataset(spec: str) -> GlyphSet:
    """A bundled font by name, or a glyph-set JSON file by path."""
    if spec in FONT_NAMES:
        return bundled_font(spec)
    path = Path(spec)
    if path.suffix.lower() == ".json" or path.exists():
        if not path.is_file():
            raise GlyphSetError(f"dataset file not found: {spec}")
        return load_glyph_set(path)
    raise GlyphSetError(
        f"unknown dataset {spec!r}: use one of {', '.join(FONT_NAMES)} or a glyph-set .json file")
