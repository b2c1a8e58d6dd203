"""An MNIST-like IDX pair of typeset digits, for trying the app at MNIST scale offline.

    python benchmarks/make_digits.py OUT_DIR [--count 5000] [--seed 0] [--gzip]

Writes ``train-images-idx3-ubyte`` and ``train-labels-idx1-ubyte`` (``.gz`` with
--gzip) to OUT_DIR: ``count`` grey 28x28 digits 0-9, drawn with Qt's text outlines in the
installed fonts (regular, bold, italic, condensed, serif, mono), each with its own size,
stroke width, rotation, slant and shift, then prepared as MNIST's were: fitted into a
20x20 box, centred on its centre of mass in 28x28. Labels cycle through 0-9 in a
shuffled order. 60,000 images take about a minute.
"""

from __future__ import annotations

import argparse
import gzip
import os
import struct
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QTransform,
)

SIDE, BOX = 28, 20  # MNIST: digits fitted into 20x20, centred in 28x28
CANVAS = 96  # drawn this big, then scaled down (anti-aliased)
FAMILIES = ("DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono", "DejaVu Sans Condensed")
STYLES = ((QFont.Normal, False), (QFont.Bold, False), (QFont.Normal, True), (QFont.Light, False))


def digit_outlines() -> list[list[QPainterPath]]:
    """For each installed font style, the outline of each digit 0-9, centred on 0."""
    installed = set(QFontDatabase.families())
    families = [f for f in FAMILIES if f in installed] or [QFont().defaultFamily()]
    outlines = []
    for family in families:
        for weight, italic in STYLES:
            font = QFont(family, 10)
            font.setPixelSize(60)
            font.setWeight(weight)
            font.setItalic(italic)
            paths = []
            for digit in range(10):
                path = QPainterPath()
                path.addText(0, 0, font, str(digit))
                centre = path.boundingRect().center()
                paths.append(path.translated(-centre))
            outlines.append(paths)
    return outlines


def render(path: QPainterPath, rng: np.random.Generator) -> np.ndarray:
    """One digit outline drawn with a random stroke, rotation, slant and shift, as a
    (28, 28) uint8 image prepared like MNIST's."""
    transform = QTransform()
    transform.rotate(rng.normal(0, 8))
    transform.shear(rng.normal(0, 0.15), 0)
    transform.scale(rng.uniform(0.8, 1.15), rng.uniform(0.9, 1.1))
    image = QImage(CANVAS, CANVAS, QImage.Format_Grayscale8)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.translate(CANVAS / 2, CANVAS / 2)
    painter.setTransform(transform, combine=True)
    white = QColor(255, 255, 255)
    painter.setPen(QPen(white, rng.uniform(0.5, 7), Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
    painter.setBrush(QBrush(white))
    painter.drawPath(path)
    painter.end()
    big = _as_array(image)
    rows, cols = np.nonzero(big > 20)
    if len(rows) == 0:
        return np.zeros((SIDE, SIDE), np.uint8)
    crop = image.copy(
        cols.min(), rows.min(), cols.max() - cols.min() + 1, rows.max() - rows.min() + 1
    )
    small = _as_array(crop.scaled(BOX, BOX, Qt.KeepAspectRatio, Qt.SmoothTransformation))
    return _centre_of_mass_placed(small, rng.normal(0, 0.7, 2))


def _as_array(image: QImage) -> np.ndarray:
    """A Grayscale8 QImage as a (height, width) uint8 copy (rows are 32-bit aligned)."""
    raw = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
    return raw.reshape(image.height(), image.bytesPerLine())[:, : image.width()].copy()


def _centre_of_mass_placed(glyph: np.ndarray, shift: np.ndarray) -> np.ndarray:
    """``glyph`` in a 28x28 image with its centre of mass at the centre (+ ``shift``)."""
    weights = glyph.astype(np.float64)
    rows, cols = np.indices(glyph.shape)
    centre = np.array([(rows * weights).sum(), (cols * weights).sum()]) / weights.sum()
    top, left = np.round(SIDE / 2 - centre + shift).astype(int)
    out = np.zeros((SIDE, SIDE), np.uint8)
    h, w = glyph.shape
    r0, c0 = max(top, 0), max(left, 0)
    r1, c1 = min(top + h, SIDE), min(left + w, SIDE)
    out[r0:r1, c0:c1] = glyph[r0 - top : r1 - top, c0 - left : c1 - left]
    return out


def make_digits(count: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(images (count, 28, 28) uint8, labels (count,) uint8)."""
    rng = np.random.default_rng(seed)
    outlines = digit_outlines()
    labels = np.concatenate([rng.permutation(10) for _ in range(-(-count // 10))])[:count]
    styles = rng.integers(0, len(outlines), count)
    images = np.empty((count, SIDE, SIDE), np.uint8)
    for i, (label, style) in enumerate(zip(labels, styles)):
        images[i] = render(outlines[style][label], rng)
    return images, labels.astype(np.uint8)


def write_idx(path: Path, array: np.ndarray, compress: bool) -> None:
    """An IDX file of unsigned bytes: magic 0x0000080N, the sides, then the data."""
    header = struct.pack(">HBB", 0, 0x08, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    payload = header + np.ascontiguousarray(array, np.uint8).tobytes()
    if compress:
        path = path.with_name(path.name + ".gz")
        payload = gzip.compress(payload, compresslevel=6)
    path.write_bytes(payload)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--gzip", action="store_true")
    args = parser.parse_args()
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - fonts need it
    began = time.perf_counter()
    images, labels = make_digits(args.count, args.seed)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    write_idx(args.out_dir / "train-images-idx3-ubyte", images, args.gzip)
    write_idx(args.out_dir / "train-labels-idx1-ubyte", labels, args.gzip)
    print(f"{args.count:,} digits in {time.perf_counter() - began:.1f} s -> {args.out_dir}")


if __name__ == "__main__":
    main()
