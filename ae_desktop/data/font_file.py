"""Font files of a glyph set, the format chosen by the file's extension: ``.ttf``
(TrueType), ``.otf`` (OpenType CFF) or ``.bdf`` (X11 bitmap); written atomically."""

from __future__ import annotations

from pathlib import Path

from ae_desktop.data.font_bdf import bdf_bytes
from ae_desktop.data.font_glyphs import FontError, FontGlyphs, family_name
from ae_desktop.safe_io.atomic import write_atomic
from ae_desktop.safe_io.bounded_json import quote

FONT_FORMATS = {
    ".ttf": "TrueType font",
    ".otf": "OpenType font",
    ".bdf": "BDF bitmap font",
}


def font_format(path: str | Path) -> str:
    """The extension of ``path`` (lower case) when it names a font format; else FontError."""
    suffix = Path(path).suffix.lower()
    if suffix not in FONT_FORMATS:
        raise FontError(
            f"unknown font format {quote(Path(path).suffix or Path(path).name)}: "
            f"name the file {', '.join('*' + s for s in FONT_FORMATS)}"
        )
    return suffix


def font_bytes(glyphs: FontGlyphs, suffix: str, family: str) -> bytes:
    """The font file of ``glyphs`` in the format of ``suffix`` (from ``font_format``)."""
    family = family_name(family)
    if suffix == ".bdf":
        return bdf_bytes(glyphs, family)
    # imported here: fontTools takes about 50 ms to import, which every command paid
    from ae_desktop.data.font_truetype import outline_font_bytes

    return outline_font_bytes(glyphs, family, cff=suffix == ".otf")


def save_font(glyphs: FontGlyphs, path: str | Path, family: str) -> None:
    """Write the font of ``glyphs`` to ``path`` atomically (FontError for a bad name or
    extension, OSError when it cannot be written)."""
    write_atomic(path, font_bytes(glyphs, font_format(path), family))
