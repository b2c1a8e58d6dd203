"""A folder of images (PNG, JPEG, BMP, GIF) as a glyph set, through Qt's image classes.

Images are composited over white, converted to grey and scaled to the set's size
(smooth scaling, aspect ratio ignored). Ink is 1: on a light background (mean brightness
over one half) dark pixels become ink, otherwise light ones do, as in MNIST.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from ae_desktop.data.glyph_set import MAX_SIDE, GlyphSet, GlyphSetError
from ae_desktop.data.png_check import png_damage
from ae_desktop.data.steps import Steps, run_to_end

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif")
DEFAULT_SIDE = 28


def image_files(folder: Path) -> list[Path]:
    """The folder's image files, sorted by name."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
    except OSError as exc:
        raise GlyphSetError(f"cannot read folder {folder}: {exc.strerror or exc}") from None


@contextmanager
def _qt_messages() -> Iterator[list[str]]:
    """Collects Qt's messages (libpng and libjpeg errors, allocation limits) instead of
    printing them: a damaged image is reported once, as a GlyphSetError."""
    from PySide6.QtCore import qInstallMessageHandler

    messages: list[str] = []
    previous = qInstallMessageHandler(lambda mode, context, text: messages.append(text))
    try:
        yield messages
    finally:
        qInstallMessageHandler(previous)


def _unreadable(path: Path, why: str) -> GlyphSetError:
    return GlyphSetError(f"{path.name}: not an image Qt can read ({why})")


def _check_png(path: Path) -> None:
    try:
        damage = png_damage(path.read_bytes())
    except OSError as exc:
        raise GlyphSetError(f"cannot read {path.name}: {exc.strerror or exc}") from None
    if damage:
        raise _unreadable(path, damage)


def _grey(path: Path, width: int, height: int) -> np.ndarray:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QImage, QImageReader, QPainter

    _check_png(path)
    with _qt_messages() as messages:
        reader = QImageReader(str(path))
        image = reader.read()
    if image.isNull():
        raise _unreadable(path, messages[-1] if messages else reader.errorString())
    canvas = QImage(width, height, QImage.Format.Format_RGB32)
    canvas.fill(QColor("white"))
    painter = QPainter(canvas)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(canvas.rect(), image.scaled(width, height, Qt.AspectRatioMode.IgnoreAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation))
    painter.end()
    grey = canvas.convertToFormat(QImage.Format.Format_Grayscale8)
    stride = grey.bytesPerLine()
    rows = np.frombuffer(grey.constBits(), np.uint8, stride * height).reshape(height, stride)
    return rows[:, :width] / 255.0


def default_size(first: Path) -> tuple[int, int]:
    """The first image's size when it fits MAX_SIDE, else 28 on its longer side."""
    from PySide6.QtGui import QImageReader

    _check_png(first)
    with _qt_messages() as messages:
        reader = QImageReader(str(first))
        size = reader.size()
    width, height = size.width(), size.height()
    if width < 1 or height < 1:
        raise _unreadable(first, messages[-1] if messages else reader.errorString())
    if max(width, height) <= MAX_SIDE:
        return width, height
    scale = DEFAULT_SIDE / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def load_image_folder(folder: str | Path, size: tuple[int, int] | None = None,
                      limit: int | None = None) -> GlyphSet:
    """Every image of ``folder`` (first ``limit``), labelled by file name without suffix."""
    return run_to_end(image_folder_steps(folder, size, limit))


def image_folder_steps(folder: str | Path, size: tuple[int, int] | None = None,
                       limit: int | None = None) -> Steps[GlyphSet]:
    """``load_image_folder`` in steps: yields (images read, total) after each image and
    returns the GlyphSet."""
    folder = Path(folder)
    files = image_files(folder)[:limit]
    if not files:
        raise GlyphSetError(f"{folder}: no images ({', '.join(IMAGE_SUFFIXES)})")
    width, height = size or default_size(files[0])
    grey = np.empty((len(files), height, width), np.float32)  # 8-bit sources
    for i, path in enumerate(files):
        grey[i] = _grey(path, width, height)
        yield i + 1, len(files)
    ink = 1.0 - grey if grey.mean() > 0.5 else grey
    return GlyphSet(folder.name, width, height, [p.stem for p in files], ink)
