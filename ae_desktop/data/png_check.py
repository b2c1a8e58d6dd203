"""A PNG's chunk structure checked in Python before Qt decodes it: libpng prints its
errors (a truncated file, a damaged chunk) straight to stderr, beyond Qt's message
handler, so damaged files are caught here and reported as one clear error."""

from __future__ import annotations

import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_damage(data: bytes) -> str | None:
    """Why ``data`` (a whole file) is a damaged PNG, or None if its chunks are whole and
    their CRCs match up to IEND (or it is not a PNG at all)."""
    if not data.startswith(SIGNATURE):
        return None
    pos = len(SIGNATURE)
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        end = pos + 12 + length
        if end > len(data):
            break
        kind = data[pos + 4:pos + 8]
        if zlib.crc32(data[pos + 4:end - 4]) != int.from_bytes(data[end - 4:end], "big"):
            return f"damaged PNG: chunk {kind.decode('latin-1')!r} fails its checksum"
        if kind == b"IEND":
            return None
        pos = end
    return "truncated PNG: it ends before its IEND chunk"
