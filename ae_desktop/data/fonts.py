"""The three bundled 5x7 fonts of the course (font1, font2, font3, 32 glyphs each)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import numpy as np

from ae_desktop.data.glyph_set import GlyphSet

FONT_NAMES = ("font1", "font2", "font3")
WIDTH, HEIGHT = 5, 7


@cache
def _font_table() -> dict:
    text = resources.files("ae_desktop.data").joinpath("fonts.json").read_text("utf-8")
    return json.loads(text)["fonts"]


def rows_to_pixels(rows: list[int]) -> np.ndarray:
    """Rows of 5-bit integers (most significant bit = leftmost pixel) as a (7, 5) 0/1 array."""
    bits = [[(row >> (WIDTH - 1 - col)) & 1 for col in range(WIDTH)] for row in rows]
    return np.array(bits, dtype=np.float64)


def bundled_font(name: str) -> GlyphSet:
    """A fresh copy of bundled font ``name`` (one of FONT_NAMES)."""
    glyphs = _font_table()[name]["glyphs"]
    pixels = np.stack([rows_to_pixels(g["rows"]) for g in glyphs])
    return GlyphSet(name, WIDTH, HEIGHT, [g["char"] for g in glyphs], pixels)
