"""What the glyph grid and File > Import cost the window's thread, for 32 glyphs and for
60,000 MNIST-sized ones.

    python benchmarks/bench_glyph_grid.py [--glyphs 60000]

Offscreen Qt. Reports, in milliseconds (median of repeats):
1. showing a set: ``set_glyphs`` on the document plus a synchronous repaint of the grid;
2. a training tick: ``set_reconstructor`` with a model's ``reconstruct`` plus the repaint
   (only the rows in sight are reconstructed and painted), for 5x7 and 28x28 glyphs;
3. an IDX import of that many 28x28 images in the main window (synthetic file): its
   duration and the longest gap between the ticks of a 5 ms timer.
"""

from __future__ import annotations

import argparse
import os
import struct
import tempfile
import time
from pathlib import Path

import ae_desktop.runtime_env  # noqa: F401 - first, as in the app: Numba cache, BLAS threads

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from timing import median_ms

from ae_desktop.data import GlyphSet, bundled_font
from ae_desktop.engine import Architecture, Autoencoder
from ae_desktop.gui.glyphs.glyph_document import GlyphDocument
from ae_desktop.gui.glyphs.glyph_grid import GlyphGrid


def tick_ms(grid: GlyphGrid, arch: str) -> float:
    model = Autoencoder.initialize(Architecture.parse(arch), rng=np.random.default_rng(0))

    def tick():
        grid.set_reconstructor(model.reconstruct)
        grid.list.viewport().repaint()

    tick()
    return median_ms(tick)


def import_stall(app: QApplication, n: int) -> tuple[float, float]:
    """(seconds, longest event-loop gap in ms) of importing ``n`` synthetic 28x28 images."""
    from ae_desktop.gui.main_window import MainWindow

    path = Path(tempfile.mkdtemp()) / "bench-images-idx3-ubyte"
    images = np.random.default_rng(0).integers(0, 256, (n, 28, 28), dtype=np.uint8)
    path.write_bytes(struct.pack(">HBB3I", 0, 8, 3, n, 28, 28) + images.tobytes())
    window = MainWindow(use_settings=False)
    window.show()
    app.processEvents()
    gaps, last = [], [time.perf_counter()]

    def on_tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer(interval=5)
    timer.timeout.connect(on_tick)
    timer.start()
    began = time.perf_counter()
    window.file_menu.importer.import_idx_file(str(path))
    while window.file_menu.importer.is_running():
        app.processEvents()
        time.sleep(0.001)
    seconds = time.perf_counter() - began
    settle = time.perf_counter()
    while time.perf_counter() - settle < 0.5:  # what the new set schedules
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    window.close()
    path.unlink()
    return seconds, 1000 * max(gaps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--glyphs", type=int, default=60_000)
    n = parser.parse_args().glyphs
    app = QApplication([])
    document = GlyphDocument(bundled_font("font3"))
    grid = GlyphGrid(document)
    grid.resize(250, 800)
    grid.show()
    app.processEvents()
    print(f"tick, 32 glyphs of 5x7 (35-30-15-2): {tick_ms(grid, '35-30-15-2'):.1f} ms")
    rng = np.random.default_rng(0)
    big = GlyphSet(
        "big", 28, 28, [str(i % 10) for i in range(n)], rng.random((n, 28, 28), dtype=np.float32)
    )
    began = time.perf_counter()
    document.set_glyphs(big)
    grid.list.viewport().repaint()
    print(f"show {n:,} glyphs of 28x28: {1000 * (time.perf_counter() - began):.1f} ms")
    print(f"tick, {n:,} glyphs (784-64-2): {tick_ms(grid, '784-64-2'):.1f} ms")
    seconds, stall = import_stall(app, n)
    print(f"import {n:,} IDX images: {seconds:.2f} s, longest event-loop gap {stall:.0f} ms")


if __name__ == "__main__":
    main()
