"""Glyph sets: the bundled fonts, the JSON file format, and dataset lookup."""

from ae_desktop.data.datasets import resolve_dataset
from ae_desktop.data.fonts import FONT_NAMES, bundled_font
from ae_desktop.data.glyph_set import (
    GlyphSet,
    GlyphSetError,
    glyph_set_from_dict,
    load_glyph_set,
    save_glyph_set,
)

__all__ = [
    "FONT_NAMES",
    "GlyphSet",
    "GlyphSetError",
    "bundled_font",
    "glyph_set_from_dict",
    "load_glyph_set",
    "resolve_dataset",
    "save_glyph_set",
]
