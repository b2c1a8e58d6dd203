"""A PNG's structure checked in Python before Qt decodes it: libpng prints its errors (a
truncated file, a damaged or missing chunk, broken image data) straight to stderr, beyond
Qt's message handler, so damaged files are caught here and reported as one clear error.
So are absurd sizes: an IHDR of zero or over MAX_PIXELS pixels never reaches libpng."""

from __future__ import annotations

import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_PIXELS = 2**26  # 256 MiB as 32-bit pixels: Qt's own allocation limit


def _inflates(stream, body: bytes) -> bool:
    """Feed ``body`` to the zlib ``stream``, discarding the output 1 MiB at a time."""
    try:
        while body:
            stream.decompress(body, 2**20)
            body = stream.unconsumed_tail
    except zlib.error:
        return False
    return True


def png_damage(data: bytes) -> str | None:
    """Why ``data`` (a whole file) is a damaged PNG, or None if it is sound up to IEND
    (or not a PNG at all): every chunk whole with its CRC, IHDR first, and the image data
    one complete zlib stream."""
    if not data.startswith(SIGNATURE):
        return None
    pos, image_data = len(SIGNATURE), zlib.decompressobj()
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        end = pos + 12 + length
        if end > len(data):
            break
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : end - 4]
        if zlib.crc32(kind + body) != int.from_bytes(data[end - 4 : end], "big"):
            return f"damaged PNG: chunk {kind.decode('latin-1')!r} fails its checksum"
        if pos == len(SIGNATURE):
            if kind != b"IHDR" or length != 13:
                return "damaged PNG: it does not start with its header chunk"
            width, height = int.from_bytes(body[:4], "big"), int.from_bytes(body[4:8], "big")
            if not 0 < width * height <= MAX_PIXELS:
                return f"PNG of {width}x{height} pixels: at most {MAX_PIXELS} pixels are read"
        if kind == b"IDAT" and not _inflates(image_data, body):
            return "damaged PNG: its image data does not decompress"
        if kind == b"IEND":
            return None if image_data.eof else "damaged PNG: its image data is incomplete"
        pos = end
    return "truncated PNG: it ends before its IEND chunk"
