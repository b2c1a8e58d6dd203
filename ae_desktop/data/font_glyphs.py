"""The glyphs of a set that can become a font: a glyph whose label is one character
is that character's bitmap (grey thresholded at 0.5); other labels (``DEL``), lone
surrogates and repeated characters are skipped and listed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ae_desktop.data.glyph_set import GlyphSet, GlyphSetError
from ae_desktop.engine.glyph_kinds import PIXELS
from ae_desktop.safe_io.bounded_json import quote

THRESHOLD = 0.5
MAX_GLYPHS = 65_000  # a TrueType font holds at most 65,535 glyphs, .notdef included


class FontError(GlyphSetError):
    """A glyph set that cannot become a font, or a bad font setting; the message says why."""


@dataclass(frozen=True)
class FontGlyphs:
    """``bitmaps`` (n, height, width) booleans, True = ink, row 0 on top; ``chars`` their
    characters, in the set's order; ``skipped`` the labels left out."""

    name: str
    chars: list[str]
    bitmaps: np.ndarray
    skipped: list[str]

    @property
    def height(self) -> int:
        return self.bitmaps.shape[1]

    @property
    def width(self) -> int:
        return self.bitmaps.shape[2]


def is_character(label: str) -> bool:
    """True when ``label`` names one character a font can map (not a lone surrogate)."""
    return len(label) == 1 and not 0xD800 <= ord(label) <= 0xDFFF


def font_glyphs(
    glyphs: GlyphSet, reconstruct: Callable[[np.ndarray], np.ndarray] | None = None
) -> FontGlyphs:
    """The exportable glyphs of ``glyphs``; with ``reconstruct`` (a model's: (n, P) rows to
    (n, P) rows), their reconstructions instead of the drawn pixels. FontError for a curve
    set or a set with no exportable glyph."""
    if glyphs.kind is not PIXELS:
        raise FontError(f"{quote(glyphs.name)} is a set of curves, not pixel glyphs")
    keep: list[int] = []
    seen: set[str] = set()
    skipped: list[str] = []
    for i, label in enumerate(glyphs.labels):
        if is_character(label) and label not in seen:
            seen.add(label)
            keep.append(i)
        else:
            skipped.append(label)
    if not keep:
        raise FontError(
            f"{quote(glyphs.name)} has no glyph labelled with a single character to export"
        )
    if len(keep) > MAX_GLYPHS:
        raise FontError(f"{len(keep)} characters: a font holds at most {MAX_GLYPHS}")
    pixels = glyphs.pixels[keep]
    if reconstruct is not None:
        rows = reconstruct(pixels.reshape(len(keep), glyphs.n_pixels))
        pixels = np.asarray(rows).reshape(pixels.shape)
    chars = [glyphs.labels[i] for i in keep]
    return FontGlyphs(glyphs.name, chars, pixels >= THRESHOLD, skipped)


MAX_FAMILY = 63


def family_name(text: str) -> str:
    """``text`` stripped, as a font's family name: 1 to MAX_FAMILY printable characters,
    no lone surrogate; FontError if not."""
    name = text.strip()
    if not name or len(name) > MAX_FAMILY or not name.isprintable():
        raise FontError(
            f"a family name is 1 to {MAX_FAMILY} printable characters, got {quote(text)}"
        )
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in name):
        raise FontError(f"the family name {quote(text)} holds a lone surrogate")
    return name


def glyph_name(char: str) -> str:
    """The PostScript name of ``char``'s glyph: ``uni0041``, ``u1F600``."""
    code = ord(char)
    return f"uni{code:04X}" if code < 0x10000 else f"u{code:05X}"


def default_family(set_name: str) -> str:
    """A family name made from a glyph set's name (its printable characters, cut to
    MAX_FAMILY), or ``ae-desktop glyphs`` when none is left."""
    kept = "".join(ch for ch in set_name if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF)
    return kept.strip()[:MAX_FAMILY].strip() or "ae-desktop glyphs"
