"""A folder of images (PNG, JPEG, BMP, GIF) as a glyph set, through Qt's image classes.

Images are composited over white, converted to grey and scaled to the set's size
(smooth scaling, aspect ratio ignored). Ink is 1: on a light background (mean brightness
over one half) dark pixels become ink, otherwise light ones do, as in MNIST.

Only regular files are read (a FIFO, device or socket in the folder is skipped with a
logged note), each at most MAX_IMAGE_BYTES, and Qt decodes the bytes read, never the
path. A PNG is checked in Python first (png_check); every image's size from its header
is refused past MAX_PIXELS before it is decoded.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from ae_desktop.data.glyph_set import MAX_SIDE, GlyphSet, GlyphSetError
from ae_desktop.data.png_check import MAX_PIXELS, png_damage
from ae_desktop.data.steps import Steps, run_to_end
from ae_desktop.safe_io.bounded_json import quote
from ae_desktop.safe_io.regular_file import MIB, is_regular, read_regular

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif")
DEFAULT_SIDE = 28
MAX_IMAGE_BYTES = 64 * MIB
LOG = logging.getLogger(__name__)


def image_files(folder: Path) -> tuple[list[Path], list[str]]:
    """The folder's image files that are regular files, sorted by name, and the names
    of those skipped as not regular (a FIFO named x.png, a socket, a device)."""
    try:
        named = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
    except OSError as exc:
        raise GlyphSetError(f"cannot read folder {folder}: {exc.strerror or exc}") from None
    files = [p for p in named if is_regular(p)]
    return files, [p.name for p in named if p not in files]


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


@contextmanager
def _image_reader(path: Path):
    """(QImageReader over the bytes of ``path``, Qt's messages), once the file is
    found regular, under MAX_IMAGE_BYTES, a sound PNG (if a PNG) and of at most
    MAX_PIXELS pixels by its header."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImageReader

    data = read_regular(path, MAX_IMAGE_BYTES, GlyphSetError, "image")
    damage = png_damage(data)
    if damage:
        raise _unreadable(path, damage)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    with _qt_messages() as messages:
        reader = QImageReader(buffer)
        size = reader.size()
        if size.width() * size.height() > MAX_PIXELS:
            raise _unreadable(
                path, f"{size.width()}x{size.height()} pixels: at most {MAX_PIXELS} pixels are read"
            )
        yield reader, messages


def _grey(path: Path, width: int, height: int) -> np.ndarray:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QImage, QPainter

    with _image_reader(path) as (reader, messages):
        image = reader.read()
        if image.isNull():
            raise _unreadable(path, messages[-1] if messages else reader.errorString())
    canvas = QImage(width, height, QImage.Format.Format_RGB32)
    canvas.fill(QColor("white"))
    painter = QPainter(canvas)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(
        canvas.rect(),
        image.scaled(
            width,
            height,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        ),
    )
    painter.end()
    grey = canvas.convertToFormat(QImage.Format.Format_Grayscale8)
    stride = grey.bytesPerLine()
    rows = np.frombuffer(grey.constBits(), np.uint8, stride * height).reshape(height, stride)
    return rows[:, :width] / 255.0


def default_size(first: Path) -> tuple[int, int]:
    """The first image's size when it fits MAX_SIDE, else 28 on its longer side."""
    with _image_reader(first) as (reader, messages):
        size = reader.size()
        width, height = size.width(), size.height()
        if width < 1 or height < 1:
            raise _unreadable(first, messages[-1] if messages else reader.errorString())
    if max(width, height) <= MAX_SIDE:
        return width, height
    scale = DEFAULT_SIDE / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def load_image_folder(
    folder: str | Path, size: tuple[int, int] | None = None, limit: int | None = None
) -> GlyphSet:
    """Every image of ``folder`` (first ``limit``), labelled by file name without suffix."""
    return run_to_end(image_folder_steps(folder, size, limit))


def image_folder_steps(
    folder: str | Path, size: tuple[int, int] | None = None, limit: int | None = None
) -> Steps[GlyphSet]:
    """``load_image_folder`` in steps: yields (images read, total) after each image and
    returns the GlyphSet."""
    folder = Path(folder)
    files, skipped = image_files(folder)
    files = files[:limit]
    note = f"{len(skipped)} skipped as not regular files ({quote(', '.join(skipped))[1:-1]})"
    if not files:
        raise GlyphSetError(
            f"{folder}: no images ({', '.join(IMAGE_SUFFIXES)})" + (f"; {note}" if skipped else "")
        )
    if skipped:
        LOG.warning("%s: %s", folder.name, note)
    width, height = size or default_size(files[0])
    grey = np.empty((len(files), height, width), np.float32)  # 8-bit sources
    for i, path in enumerate(files):
        grey[i] = _grey(path, width, height)
        yield i + 1, len(files)
    ink = 1.0 - grey if grey.mean() > 0.5 else grey
    return GlyphSet(folder.name, width, height, [p.stem for p in files], ink)
