"""BDF 2.1, the X11 bitmap font format: the exact pixels of each glyph.

``FONTBOUNDINGBOX`` and every ``BBX`` are the glyph size with the baseline under the
bottom row (ascent = height, descent 0); each glyph is one ``STARTCHAR`` with its code
point as ``ENCODING``, advancing width + 1 pixels."""

from __future__ import annotations

from ae_desktop.data.font_glyphs import FontGlyphs, glyph_name

RESOLUTION = 75  # dots per inch, the X11 convention


def bdf_bytes(glyphs: FontGlyphs, family: str) -> bytes:
    """The BDF file of ``glyphs`` (``family`` from ``family_name``)."""
    w, h = glyphs.width, glyphs.height
    advance = w + 1
    xlfd_family = family.replace("-", " ").replace('"', "'")
    swidth = round(advance * 1000 * 72 / (h * RESOLUTION))
    lines = [
        "STARTFONT 2.1",
        f"FONT -ae-desktop-{xlfd_family}-Medium-R-Normal--{h}-{h * 10}-{RESOLUTION}-"
        f"{RESOLUTION}-C-{advance * 10}-ISO10646-1",
        f"SIZE {h} {RESOLUTION} {RESOLUTION}",
        f"FONTBOUNDINGBOX {w} {h} 0 0",
        "STARTPROPERTIES 4",
        f'FAMILY_NAME "{family.replace(chr(34), chr(34) * 2)}"',
        f"FONT_ASCENT {h}",
        "FONT_DESCENT 0",
        f"PIXEL_SIZE {h}",
        "ENDPROPERTIES",
        f"CHARS {len(glyphs.chars)}",
    ]
    row_bytes = (w + 7) // 8
    for char, bitmap in zip(glyphs.chars, glyphs.bitmaps):
        lines += [
            f"STARTCHAR {glyph_name(char)}",
            f"ENCODING {ord(char)}",
            f"SWIDTH {swidth} 0",
            f"DWIDTH {advance} 0",
            f"BBX {w} {h} 0 0",
            "BITMAP",
        ]
        for row in bitmap:
            bits = int("".join("1" if p else "0" for p in row), 2) << (row_bytes * 8 - w)
            lines.append(f"{bits:0{row_bytes * 2}X}")
        lines.append("ENDCHAR")
    lines.append("ENDFONT")
    return ("\n".join(lines) + "\n").encode("utf-8")
