"""Dataset readers never crash on damaged input: IDX files (raw and .gz, images and
labels) and image folders (PNG, JPEG, BMP) get the seeded mutator of tests/conftest.py
and hand-made headers declaring huge sizes. Every outcome is a load or a GlyphSetError,
nothing is printed on stderr (no libpng or Qt messages), and no reader allocates more
than a few MiB for a file declaring gigabytes."""

import gzip
import struct
import tracemalloc

import numpy as np
import pytest

from ae_desktop.data import GlyphSetError, resolve_dataset
from ae_desktop.data.idx import load_idx_images

IMAGES, LABELS = "x-images-idx3-ubyte", "x-labels-idx1-ubyte"
N, SIDE = 12, 28


def idx_bytes(array: np.ndarray, dtype_code: int = 8) -> bytes:
    header = struct.pack(">HBB", 0, dtype_code, array.ndim)
    return header + struct.pack(f">{array.ndim}I", *array.shape) + array.astype(np.uint8).tobytes()


def idx_header(*shape: int) -> bytes:
    return struct.pack(">HBB", 0, 8, len(shape)) + struct.pack(f">{len(shape)}I", *shape)


def check_loaded(glyphs, n_max: int) -> None:
    """What any successful load must give: consistent shapes, values in 0..1."""
    assert 1 <= len(glyphs) <= n_max and len(glyphs.labels) == len(glyphs)
    assert glyphs.pixels.shape == (len(glyphs), glyphs.height, glyphs.width)
    assert glyphs.pixels.dtype == np.float32
    assert np.all((glyphs.pixels >= 0) & (glyphs.pixels <= 1))


def outcome(load, n_max: int) -> str:
    try:
        glyphs = load()
    except GlyphSetError as exc:
        assert str(exc)
        return "rejected"
    check_loaded(glyphs, n_max)
    return "loaded"


def images_array() -> np.ndarray:
    return np.random.default_rng(0).integers(0, 256, (N, SIDE, SIDE))


@pytest.mark.parametrize("compress", [False, True], ids=["raw", "gz"])
@pytest.mark.parametrize("damaged", [IMAGES, LABELS])
def test_idx_reader_survives_mutations(tmp_path, capfd, mutations, fuzz_rounds, compress, damaged):
    suffix = ".gz" if compress else ""
    pack = gzip.compress if compress else bytes
    good = {IMAGES: idx_bytes(images_array()), LABELS: idx_bytes(np.arange(N) % 10)}
    for name, payload in good.items():
        (tmp_path / (name + suffix)).write_bytes(pack(payload))
    rng = np.random.default_rng(17 + compress + 2 * (damaged == LABELS))
    counts = {"loaded": 0, "rejected": 0}
    tracemalloc.start()
    # mutate the file as stored: compressed bytes for .gz (CRC, deflate and header damage)
    for payload in mutations(pack(good[damaged]), rng):
        (tmp_path / (damaged + suffix)).write_bytes(payload)
        counts[outcome(lambda: load_idx_images(tmp_path / (IMAGES + suffix)), 50 * N)] += 1
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert counts["rejected"] > fuzz_rounds // 3, counts
    assert peak < 8 * 2**20, f"{peak / 2**20:.0f} MiB traced"
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize(
    "payload, message",
    [
        (b"", "too short to be an IDX file"),
        (b"\x00\x00\x08", "too short to be an IDX file"),
        (idx_header(3, 4, 5)[:9], "truncated header"),
        (b"\x00\x00\x08\x01" + bytes(20), "wrong magic number 0x00000801"),
        (b"\x00\x00\x0d\x03" + bytes(20), "wrong magic number 0x00000d03"),  # float32 data
        (b"\x01\x00\x08\x03" + bytes(20), "wrong magic number 0x01000803"),
        (idx_header(0, 28, 28), "declares no items"),
        (idx_header(2**32 - 1, 28, 28) + bytes(784), "more than 256 MiB"),
        (idx_header(400_000, 28, 28), "more than 256 MiB"),
        (idx_header(1000, 28, 28) + bytes(784 * 3), "promises 1000 items, the file holds 3"),
        (idx_header(1, 70_000, 70_000), "images of 70000x70000; at most 64x64"),
        (idx_header(2**32 - 1, 2**32 - 1, 2**32 - 1), "images of 4294967295x4294967295"),
        (idx_header(2, 28, 0), "images of 0x28"),
    ],
)
@pytest.mark.parametrize("compress", [False, True], ids=["raw", "gz"])
def test_idx_headers_are_checked_before_reading(tmp_path, payload, message, compress):
    path = tmp_path / (IMAGES + (".gz" if compress else ""))
    path.write_bytes(gzip.compress(payload) if compress else payload)
    tracemalloc.start()
    with pytest.raises(GlyphSetError, match=message.replace("(", r"\(")):
        load_idx_images(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 2 * 2**20


def test_idx_limit_reads_only_what_it_takes(tmp_path):
    """A file declaring more than the reader accepts loads its first items under a
    limit; bytes after the declared items are ignored."""
    images = images_array()
    path = tmp_path / IMAGES
    path.write_bytes(idx_header(400_000, SIDE, SIDE) + images.astype(np.uint8).tobytes())
    glyphs = resolve_dataset(str(path), limit=N)
    np.testing.assert_array_equal(glyphs.pixels, (images / 255).astype(np.float32))
    path.write_bytes(idx_bytes(images) + b"trailing bytes")
    assert len(load_idx_images(path)) == N


def test_corrupt_gzip_stream_is_a_clear_error(tmp_path):
    packed = bytearray(gzip.compress(idx_bytes(images_array())))
    packed[len(packed) // 2] ^= 0xFF  # inside the deflate stream: a zlib error
    path = tmp_path / (IMAGES + ".gz")
    path.write_bytes(bytes(packed))
    with pytest.raises(GlyphSetError, match=r"x-images-idx3-ubyte.gz"):
        load_idx_images(path)


def qt_image(width: int, height: int, seed: int):
    from PySide6.QtGui import QColor, QImage

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    rng = np.random.default_rng(seed)
    for x, y in rng.integers(0, min(width, height), (width * height // 3, 2)):
        image.setPixelColor(int(x), int(y), QColor("black"))
    return image


def image_bytes(fmt: str, tmp_path, width: int = 20, height: int = 16) -> bytes:
    path = tmp_path / f"source.{fmt}"
    assert qt_image(width, height, 1).save(str(path))
    return path.read_bytes()


@pytest.mark.parametrize("fmt", ["png", "jpg", "bmp"])
def test_image_reader_survives_mutations(tmp_path, capfd, mutations, fuzz_rounds, fmt):
    folder = tmp_path / "images"
    folder.mkdir()
    (folder / "a.png").write_bytes(image_bytes("png", tmp_path))
    rng = np.random.default_rng({"png": 23, "jpg": 29, "bmp": 31}[fmt])
    counts = {"loaded": 0, "rejected": 0}
    for payload in mutations(image_bytes(fmt, tmp_path), rng):
        (folder / f"b.{fmt}").write_bytes(payload)
        counts[outcome(lambda: resolve_dataset(str(folder)), 2)] += 1
    assert counts["rejected"] > 0 and counts["loaded"] > 0, counts
    assert capfd.readouterr().err == ""


def huge_png(tmp_path) -> bytes:
    """A valid 20x16 PNG whose header (with a correct checksum) declares 100000x100000."""
    import zlib

    data = bytearray(image_bytes("png", tmp_path))
    struct.pack_into(">II", data, 16, 100_000, 100_000)
    struct.pack_into(">I", data, 29, zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def png_without_header(tmp_path) -> bytes:
    """A PNG whose chunks are whole with good checksums but whose IHDR is cut out."""
    data = image_bytes("png", tmp_path)
    return data[:8] + data[33:]


def png_with_broken_image_data(tmp_path) -> bytes:
    """A PNG whose IDAT body is damaged but carries a recomputed, matching checksum."""
    import zlib

    data = bytearray(image_bytes("png", tmp_path))
    start = data.index(b"IDAT")
    length = int.from_bytes(data[start - 4 : start], "big")
    data[start + 4 : start + 4 + length] = bytes(length)
    crc = zlib.crc32(bytes(data[start : start + 4 + length]))
    data[start + 4 + length : start + 8 + length] = crc.to_bytes(4, "big")
    return bytes(data)


@pytest.mark.parametrize(
    "files, message",
    [
        ({}, "no images"),
        ({"notes.txt": b"text"}, "no images"),
        ({"a.png": b""}, "a.png: not an image Qt can read"),
        ({"a.png": b"not a picture"}, "a.png: not an image Qt can read"),
        ({"a.jpg": b"\xff\xd8\xff\xe0 truncated jpeg"}, "a.jpg: not an image Qt can read"),
        ({"a.png": "good", "b.png": b""}, "b.png: not an image Qt can read"),
        ({"a.png": "good", "b.png": "cut"}, "b.png: not an image Qt can read \\(truncated PNG"),
        ({"a.png": "huge"}, "a.png: not an image Qt can read"),
        ({"a.png": "no header"}, "a.png: .*does not start with its header chunk"),
        ({"a.png": "good", "b.png": "broken data"}, "b.png: .*image data does not decompress"),
        (
            {"a.png": "good", "b.png": "huge"},
            "b.png: not an image Qt can read \\(PNG of .* pixels: at most 67108864 pixels",
        ),
    ],
)
def test_bad_image_folders_are_clear_errors(tmp_path, capfd, files, message):
    folder = tmp_path / "images"
    folder.mkdir()
    good = image_bytes("png", tmp_path)
    made = {
        "good": good,
        "cut": good[: len(good) // 2],
        "huge": huge_png(tmp_path),
        "no header": png_without_header(tmp_path),
        "broken data": png_with_broken_image_data(tmp_path),
    }
    for name, content in files.items():
        (folder / name).write_bytes(
            made.get(content, content) if isinstance(content, str) else content
        )
    with pytest.raises(GlyphSetError, match=message):
        resolve_dataset(str(folder))
    assert capfd.readouterr().err == ""


def test_mixed_sizes_and_formats_load_at_the_first_size(tmp_path):
    folder = tmp_path / "images"
    folder.mkdir()
    for name, (width, height) in (("a.png", (20, 16)), ("b.jpg", (90, 40)), ("c.BMP", (5, 7))):
        assert qt_image(width, height, 2).save(str(folder / name))
    (folder / "d.png").mkdir()  # a folder named like an image is skipped, not read
    glyphs = resolve_dataset(str(folder))
    assert glyphs.labels == ["a", "b", "c"] and (glyphs.width, glyphs.height) == (20, 16)
    check_loaded(glyphs, 3)


def cli_dataset_outcome(capfd, dataset: str, n_pixels: int) -> int:
    """``ae-desktop train --dataset`` on a damaged dataset: 0 and no stderr, or 2 and
    one ``ae-desktop: error:`` line, never a traceback."""
    from ae_desktop.cli import main

    status = main(
        [
            "train",
            "--dataset",
            dataset,
            "--arch",
            f"{n_pixels}-2",
            "--epochs",
            "1",
            "--target-errors",
            "none",
            "--quiet",
        ]
    )
    err = capfd.readouterr().err.splitlines()
    assert (status, err) == (0, []) or (
        status == 2 and len(err) == 1 and err[0].startswith("ae-desktop: error: ")
    ), (status, err)
    return status


def test_cli_reports_damaged_datasets_in_one_line(tmp_path, capfd, mutations):
    folder = tmp_path / "images"
    folder.mkdir()
    (folder / "a.png").write_bytes(image_bytes("png", tmp_path))
    idx = tmp_path / (IMAGES + ".gz")
    good_idx = gzip.compress(idx_bytes(images_array()))
    idx.write_bytes(good_idx)
    assert cli_dataset_outcome(capfd, str(idx), SIDE * SIDE) == 0
    rng = np.random.default_rng(37)
    statuses = set()
    for i, (png, packed) in enumerate(
        zip(mutations(image_bytes("png", tmp_path), rng), mutations(good_idx, rng))
    ):
        if i % 10 == 0:  # a sample: each run trains when the damage leaves a loadable file
            (folder / "b.png").write_bytes(png)
            idx.write_bytes(packed)
            statuses.add(cli_dataset_outcome(capfd, str(folder), 20 * 16))
            statuses.add(cli_dataset_outcome(capfd, str(idx), SIDE * SIDE))
    assert 2 in statuses


def test_cli_process_exits_2_with_one_line(tmp_path):
    import subprocess
    import sys

    path = tmp_path / (IMAGES + ".gz")
    path.write_bytes(gzip.compress(idx_header(1000, SIDE, SIDE) + bytes(100)))
    done = subprocess.run(
        [sys.executable, "-m", "ae_desktop", "train", "--dataset", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"ae-desktop: error: {path.name}: truncated: the header promises 1000 items, "
        "the file holds 0"
    ]


CRAFTED_ROUNDS = 24


def with_ihdr(png: bytes, width: int, height: int) -> bytes:
    """``png`` with its IHDR's size replaced and the chunk's checksum recomputed."""
    import zlib

    body = struct.pack(">II", width, height) + png[24:29]
    return png[:16] + body + struct.pack(">I", zlib.crc32(b"IHDR" + body)) + png[33:]


def test_crafted_datasets_of_each_class(tmp_path, capfd):
    """Seeded crafted cases: IDX headers of random huge sizes, .gz streams inflating past
    their items, PNG headers of absurd sizes, and FIFOs or sockets among images or given
    as the dataset. Each loads or is one GlyphSetError, silently and without blocking."""
    import os
    import socket

    rng = np.random.default_rng(29)
    png = image_bytes("png", tmp_path)
    for round_ in range(CRAFTED_ROUNDS):
        folder = tmp_path / f"r{round_}"
        folder.mkdir()
        kind = round_ % 4
        if kind == 0:
            target = folder / IMAGES
            shape = [int(v) for v in rng.integers(0, 2**32, 3)]
            shape[1:] = [int(rng.choice([s % 65, s])) for s in shape[1:]]
            target.write_bytes(idx_header(*shape) + bytes(int(rng.integers(0, 5000))))
        elif kind == 1:
            target = folder / (IMAGES + ".gz")
            target.write_bytes(
                gzip.compress(
                    idx_bytes(images_array()[:2])  # a small bomb
                    + bytes(int(rng.integers(2, 40)) << 20),
                    1,
                )
            )
        elif kind == 2:
            target = folder
            width, height = (int(v) for v in rng.choice([0, 1, 2**16, 2**31 - 1], 2))
            (folder / "a.png").write_bytes(with_ihdr(png, width, height))
        else:
            target = folder
            (folder / "a.png").write_bytes(png)
            os.mkfifo(folder / "b.png")
            with socket.socket(socket.AF_UNIX) as sock:
                sock.bind(str(folder / "c.png"))
            if rng.integers(2):
                target = folder / "b.png"
        outcome(lambda t=target: resolve_dataset(str(t)), 100_000)
        assert capfd.readouterr().err.count("\n") <= 1
