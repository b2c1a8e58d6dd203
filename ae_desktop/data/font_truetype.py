"""TrueType (.ttf, quadratic ``glyf`` outlines) and OpenType CFF (.otf) fonts of pixel
glyphs, built with fontTools.

Each glyph's outline is its lit pixels as squares, adjacent squares merged: the contours
trace the boundary of the lit region (holes included), one pixel = UNIT font units.
Units per em = height x UNIT; ascent = the glyph height, descent 0 (baseline under the
bottom row); advance = width + 1 pixels; ``cmap`` from the characters; a ``.notdef``
glyph drawn as a one-pixel frame of the glyph size."""

from __future__ import annotations

import io
import re

import numpy as np
from fontTools.fontBuilder import FontBuilder  # type: ignore[import-untyped]
from fontTools.pens.t2CharStringPen import T2CharStringPen  # type: ignore[import-untyped]
from fontTools.pens.ttGlyphPen import TTGlyphPen  # type: ignore[import-untyped]

from ae_desktop.data.font_glyphs import FontGlyphs, glyph_name

UNIT = 128  # font units per pixel: units per em stays within 16384 for 64-pixel glyphs
NOTDEF = ".notdef"

Point = tuple[int, int]


def contours(bitmap: np.ndarray) -> list[list[Point]]:
    """The boundary of the lit pixels of ``bitmap`` (row 0 on top) as closed polygons in
    pixel units, y up from the bottom row, clockwise around ink (counter-clockwise
    around holes), corners only."""
    h = bitmap.shape[0]
    edges: set[tuple[Point, Point]] = set()
    for r, c in zip(*np.nonzero(bitmap)):
        x, y = int(c), h - 1 - int(r)
        corners = ((x, y), (x, y + 1), (x + 1, y + 1), (x + 1, y))
        for a, b in zip(corners, corners[1:] + corners[:1]):
            if (b, a) in edges:  # shared with a lit neighbour: inside the region
                edges.remove((b, a))
            else:
                edges.add((a, b))
    following: dict[Point, list[Point]] = {}
    for a, b in sorted(edges):
        following.setdefault(a, []).append(b)
    loops = []
    while following:
        start = min(following)
        loop, point, heading = [start], start, None
        while True:
            nexts = following[point]
            end = _turn_right(point, heading, nexts) if len(nexts) > 1 else nexts[0]
            nexts.remove(end)
            if not nexts:
                del following[point]
            heading = (end[0] - point[0], end[1] - point[1])
            point = end
            if point == start:
                break
            loop.append(point)
        loops.append(_corners(loop))
    return loops


def _turn_right(point: Point, heading, nexts: list[Point]) -> Point:
    """Where two outlines touch at a corner, keep to the pixel on the right."""
    right = (heading[1], -heading[0]) if heading else (0, 0)
    for end in nexts:
        if (end[0] - point[0], end[1] - point[1]) == right:
            return end
    return nexts[0]


def _corners(loop: list[Point]) -> list[Point]:
    """``loop`` without the points in the middle of a straight side."""
    n = len(loop)
    kept = []
    for i, (x, y) in enumerate(loop):
        (px, py), (nx, ny) = loop[i - 1], loop[(i + 1) % n]
        if (x - px) * (ny - y) - (y - py) * (nx - x) != 0:
            kept.append((x, y))
    return kept


def _draw(pen, bitmap: np.ndarray, reverse: bool) -> None:
    for loop in contours(bitmap):
        points = [(x * UNIT, y * UNIT) for x, y in (loop[::-1] if reverse else loop)]
        pen.moveTo(points[0])
        for point in points[1:]:
            pen.lineTo(point)
        pen.closePath()


def _notdef(height: int, width: int) -> np.ndarray:
    frame = np.ones((height, width), dtype=bool)
    frame[1:-1, 1:-1] = False
    return frame


def postscript_name(family: str) -> str:
    """``family`` as a PostScript name: printable ASCII without spaces or delimiters."""
    name = re.sub(r"[^A-Za-z0-9_.-]", "", family)[:55] or "Glyphs"
    return f"{name}-Regular"


def outline_font_bytes(glyphs: FontGlyphs, family: str, cff: bool = False) -> bytes:
    """A TrueType font of ``glyphs``, or with ``cff`` an OpenType font with CFF outlines
    (``family`` from ``family_name``)."""
    h, w = glyphs.height, glyphs.width
    advance, ascent = (w + 1) * UNIT, h * UNIT
    names = [NOTDEF] + [glyph_name(ch) for ch in glyphs.chars]
    bitmaps = [_notdef(h, w), *glyphs.bitmaps]
    builder = FontBuilder(h * UNIT, isTTF=not cff)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(ch): glyph_name(ch) for ch in glyphs.chars})
    outlines = {}
    for name, bitmap in zip(names, bitmaps):
        pen = T2CharStringPen(advance, None) if cff else TTGlyphPen(None)
        _draw(pen, bitmap, reverse=cff)  # CFF contours run counter-clockwise around ink
        outlines[name] = pen.getCharString() if cff else pen.glyph()
    ps_name = postscript_name(family)
    if cff:
        builder.setupCFF(ps_name, {"FullName": f"{family} Regular"}, outlines, {})
    else:
        builder.setupGlyf(outlines)
    left = {name: int(np.argmax(bitmap.any(axis=0))) * UNIT for name, bitmap in zip(names, bitmaps)}
    builder.setupHorizontalMetrics({name: (advance, left[name]) for name in names})
    builder.setupHorizontalHeader(ascent=ascent, descent=0, lineGap=0)
    builder.setupNameTable(
        {
            "familyName": family,
            "styleName": "Regular",
            "uniqueFontIdentifier": f"ae-desktop: {ps_name}",
            "fullName": f"{family} Regular",
            "psName": ps_name,
            "version": "Version 1.000",
        },
        mac=False,
    )
    builder.setupOS2(
        sTypoAscender=ascent,
        sTypoDescender=0,
        sTypoLineGap=0,
        usWinAscent=ascent,
        usWinDescent=0,
        sxHeight=ascent,
        sCapHeight=ascent,
        fsSelection=0x40 | 0x80,  # REGULAR, USE_TYPO_METRICS
        achVendID="NONE",
        version=4,
    )
    builder.setupPost()
    buffer = io.BytesIO()
    builder.save(buffer)
    return buffer.getvalue()
