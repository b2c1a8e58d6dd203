"""IDX (MNIST-style) files and image folders as datasets; small files written here."""

import gzip
import struct

import numpy as np
import pytest

from ae_desktop.data import GlyphSetError, resolve_dataset
from ae_desktop.data.idx import load_idx_images


def write_idx(path, array: np.ndarray, compress: bool = False) -> None:
    header = struct.pack(">HBB", 0, 8, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    payload = header + array.astype(np.uint8).tobytes()
    path.write_bytes(gzip.compress(payload) if compress else payload)


@pytest.fixture
def mnist_like(tmp_path):
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (12, 28, 28))
    labels = rng.integers(0, 10, 12)
    write_idx(tmp_path / "train-images-idx3-ubyte.gz", images, compress=True)
    write_idx(tmp_path / "train-labels-idx1-ubyte.gz", labels, compress=True)
    return tmp_path, images, labels


def test_idx_images_with_labels_beside_them(mnist_like):
    folder, images, labels = mnist_like
    glyphs = resolve_dataset(str(folder / "train-images-idx3-ubyte.gz"))
    assert (len(glyphs), glyphs.height, glyphs.width) == (12, 28, 28)
    np.testing.assert_allclose(glyphs.pixels, images / 255.0)
    assert glyphs.labels == [str(v) for v in labels]
    limited = resolve_dataset(str(folder / "train-images-idx3-ubyte.gz"), limit=5)
    assert len(limited) == 5 and limited.labels == glyphs.labels[:5]


def test_idx_without_labels_is_numbered(tmp_path):
    write_idx(tmp_path / "x-images-idx3-ubyte", np.zeros((3, 4, 5)))
    glyphs = load_idx_images(tmp_path / "x-images-idx3-ubyte")
    assert glyphs.labels == ["0", "1", "2"] and (glyphs.width, glyphs.height) == (5, 4)


def test_idx_errors_are_clear(tmp_path, mnist_like):
    folder, images, _ = mnist_like
    bad_magic = tmp_path / "bad-images-idx3-ubyte"
    write_idx(bad_magic, np.zeros((2, 3)))
    with pytest.raises(GlyphSetError, match="wrong magic number"):
        load_idx_images(bad_magic)
    truncated = tmp_path / "cut-images-idx3-ubyte"
    write_idx(truncated, images)
    truncated.write_bytes(truncated.read_bytes()[:-100])
    with pytest.raises(GlyphSetError, match="truncated"):
        load_idx_images(truncated)
    write_idx(folder / "train-labels-idx1-ubyte.gz", np.zeros(7), compress=True)
    with pytest.raises(GlyphSetError, match="7 labels for 12 images"):
        load_idx_images(folder / "train-images-idx3-ubyte.gz")
    garbage = tmp_path / "g-images-idx3-ubyte.gz"
    garbage.write_bytes(b"not gzip at all")
    with pytest.raises(GlyphSetError, match="cannot read"):
        load_idx_images(garbage)


def test_image_folder_is_grey_scaled_and_ink_is_one(tmp_path):
    from PySide6.QtGui import QColor, QImage

    for name, dark in (("a", True), ("b", False)):
        image = QImage(40, 20, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        if dark:
            for x in range(20):
                for y in range(20):
                    image.setPixelColor(x, y, QColor("black"))
        image.save(str(tmp_path / f"{name}.png"))
    (tmp_path / "notes.txt").write_text("ignored")
    glyphs = resolve_dataset(str(tmp_path))
    assert glyphs.labels == ["a", "b"]
    assert (glyphs.width, glyphs.height) == (40, 20)
    np.testing.assert_allclose(glyphs.pixels[0][:, :19], 1.0)
    np.testing.assert_allclose(glyphs.pixels[0][:, 21:], 0.0)
    np.testing.assert_allclose(glyphs.pixels[1], 0.0)


def test_empty_folder_and_bad_limit(tmp_path):
    with pytest.raises(GlyphSetError, match="no images"):
        resolve_dataset(str(tmp_path))
    with pytest.raises(GlyphSetError, match="at least 1"):
        resolve_dataset("font3", limit=0)
    assert len(resolve_dataset("font3", limit=4)) == 4


def test_idx_pixels_are_exact_float32(tmp_path):
    """8-bit images load as float32 (half the memory of float64), every value v/255."""
    images = np.arange(256).reshape(4, 8, 8)
    write_idx(tmp_path / "all-images-idx3-ubyte", images)
    glyphs = load_idx_images(tmp_path / "all-images-idx3-ubyte")
    assert glyphs.pixels.dtype == np.float32 and glyphs.pixels.shape == (4, 8, 8)
    np.testing.assert_array_equal(glyphs.pixels, (images / 255.0).astype(np.float32))
    assert glyphs.matrix().dtype == np.float32 and glyphs.copy().pixels.dtype == np.float32
    assert resolve_dataset("font3").pixels.dtype == np.float64
