"""Glyph sets: labelled grey/binary images of one size, and their JSON file format.

File format (UTF-8 JSON)::

    {"name": str, "width": int, "height": int, "kind": "pixels" | "curve",
     "glyphs": [{"label": str, "pixels": [[width values in 0..1] x height]}, ...]}

``kind`` is optional and defaults to "pixels" (grey images). A "curve" set holds closed
plane curves, not images: each glyph is ``height`` points, one per row, and ``width`` is 2
(x, y); a coordinate c in [-1, 1] is stored as (c + 1) / 2 so it fits a sigmoid output.
In memory the kind is an ``engine.glyph_kinds.GlyphKind`` (PIXELS or CURVE).

Files are read through the bounded JSON reader (at most MAX_FILE_BYTES, refused from the
file's size before reading; depth, huge integers and lone surrogates refused), and a
file must hold at least one glyph.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ae_desktop.engine.glyph_kinds import CURVE, PIXELS, GlyphKind, glyph_kind
from ae_desktop.safe_io.atomic import write_atomic
from ae_desktop.safe_io.bounded_json import quote, read_json
from ae_desktop.safe_io.regular_file import MIB

MAX_FILE_BYTES = 256 * MIB
MAX_SIDE = 64


class GlyphSetError(ValueError):
    """A glyph-set file or object that cannot be used; the message names the problem."""


@dataclass
class GlyphSet:
    """``pixels`` has shape (n, height, width), values in [0, 1]; for a CURVE set it is
    (n, points, 2) with (x, y) mapped from [-1, 1] to [0, 1]. They are float64, or float32
    when given so (8-bit image datasets: half the memory). ``kind`` may be given by its
    name in files; it is kept as the GlyphKind."""

    name: str
    width: int
    height: int
    labels: list[str] = field(default_factory=list)
    pixels: np.ndarray = field(default_factory=lambda: np.zeros((0, 0, 0)))  # no glyphs
    kind: GlyphKind = PIXELS

    def __post_init__(self):
        self.kind = glyph_kind(self.kind, GlyphSetError)
        if self.kind is CURVE and self.width != 2:
            raise GlyphSetError(f"a curve set has width 2 (x, y), got {self.width}")
        if self.pixels is None or (not self.labels and np.size(self.pixels) == 0):
            self.pixels = np.zeros((0, self.height, self.width))
        single = getattr(self.pixels, "dtype", None) == np.float32
        self.pixels = np.asarray(self.pixels, dtype=np.float32 if single else np.float64)
        if self.pixels.shape != (len(self.labels), self.height, self.width):
            raise GlyphSetError(
                f"pixels have shape {self.pixels.shape}, expected "
                f"{(len(self.labels), self.height, self.width)}"
            )

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def n_pixels(self) -> int:
        return self.width * self.height

    def matrix(self) -> np.ndarray:
        """All glyphs as rows of a (n, height*width) matrix (a copy in the pixels' dtype),
        row-major pixels."""
        return self.pixels.reshape(len(self), self.n_pixels).copy()

    def index_of(self, label: str) -> int:
        """Position of the first glyph labelled ``label``; GlyphSetError if none."""
        try:
            return self.labels.index(label)
        except ValueError:
            raise GlyphSetError(
                f"no glyph labelled {quote(label)} in {quote(self.name)[1:-1]}"
            ) from None

    def copy(self) -> GlyphSet:
        return GlyphSet(
            self.name, self.width, self.height, list(self.labels), self.pixels.copy(), self.kind
        )

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "width": self.width,
            "height": self.height,
            "kind": self.kind.value,
            "glyphs": [
                {"label": label, "pixels": _rows(glyph)}
                for label, glyph in zip(self.labels, self.pixels)
            ],
        }


def _rows(glyph: np.ndarray) -> list[list]:
    """A glyph's rows for JSON: integers when it is binary, else floats to 6 decimals."""
    if np.all((glyph == 0) | (glyph == 1)):
        return glyph.astype(np.int64).tolist()
    return np.round(glyph.astype(np.float64), 6).tolist()


def check_size(value, key: str) -> int:
    """``value`` as a glyph side (1..MAX_SIDE); GlyphSetError naming ``key`` if not."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_SIDE:
        raise GlyphSetError(f"'{key}' must be an integer from 1 to {MAX_SIDE}, got {quote(value)}")
    return value


def _check_glyph(entry, index: int, width: int, height: int) -> tuple[str, np.ndarray]:
    where = f"glyph {index}"
    if not isinstance(entry, dict):
        raise GlyphSetError(f"{where}: expected an object with 'label' and 'pixels'")
    label = entry.get("label")
    if not isinstance(label, str):
        raise GlyphSetError(f"{where}: 'label' must be a string, got {quote(label)}")
    where = f"glyph {index} ({quote(label)})"
    rows = entry.get("pixels")
    if not isinstance(rows, list) or len(rows) != height:
        got = len(rows) if isinstance(rows, list) else type(rows).__name__
        raise GlyphSetError(f"{where}: 'pixels' must be {height} rows, got {got}")
    for r, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != width:
            got = len(row) if isinstance(row, list) else type(row).__name__
            raise GlyphSetError(f"{where}: row {r} must have {width} values, got {got}")
        for v in row:
            if (
                isinstance(v, bool)
                or not isinstance(v, (int, float))
                or not (math.isfinite(v) and 0 <= v <= 1)
            ):
                raise GlyphSetError(
                    f"{where}: row {r} has value {quote(v)}, expected a number in 0..1"
                )
    return label, np.array(rows, dtype=np.float64)


def glyph_set_from_dict(data) -> GlyphSet:
    """Validate a decoded JSON document; the error names the first bad field or glyph."""
    if not isinstance(data, dict):
        raise GlyphSetError("a glyph set must be a JSON object")
    for key in ("name", "width", "height", "glyphs"):
        if key not in data:
            raise GlyphSetError(f"missing key '{key}'")
    if not isinstance(data["name"], str):
        raise GlyphSetError("'name' must be a string")
    width = check_size(data["width"], "width")
    height = check_size(data["height"], "height")
    kind = glyph_kind(data.get("kind", PIXELS.value), GlyphSetError)
    if not isinstance(data["glyphs"], list):
        raise GlyphSetError("'glyphs' must be a list")
    checked = [_check_glyph(g, i, width, height) for i, g in enumerate(data["glyphs"])]
    pixels = np.stack([p for _, p in checked]) if checked else np.zeros((0, height, width))
    return GlyphSet(data["name"], width, height, [label for label, _ in checked], pixels, kind)


def load_glyph_set(path: str | Path) -> GlyphSet:
    """Read and validate a glyph-set JSON file of at least one glyph."""
    path = Path(path)
    data = read_json(path, GlyphSetError, "glyph set", MAX_FILE_BYTES)
    try:
        glyphs = glyph_set_from_dict(data)
    except GlyphSetError as exc:
        raise GlyphSetError(f"{path.name}: {exc}") from None
    if not len(glyphs):
        raise GlyphSetError(f"{path.name}: no glyphs: a glyph set holds at least one")
    return glyphs


def save_glyph_set(glyphs: GlyphSet, path: str | Path) -> None:
    """Write ``glyphs`` as JSON, atomically (temporary file, fsync, rename)."""
    document = glyphs.to_dict()
    entries = "".join(f"\n  {json.dumps(entry)}," for entry in document.pop("glyphs"))
    head = json.dumps(document)[:-1]  # one glyph per line: readable, and C-speed encoding
    text = f'{head}, "glyphs": [{entries[:-1]}\n]}}\n'
    write_atomic(Path(path), text.encode("utf-8"))
