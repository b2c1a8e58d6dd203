"""What the latent plane costs the window's thread, for 32 glyphs and 60,000 MNIST-like codes.

    python benchmarks/bench_latent_canvas.py [--points 60000]

Offscreen Qt, a 640x480 plane. Reports, in milliseconds (median of repeats):
1. scatter: ``setData`` of all points with per-class brushes (a new set), and the
   in-place move that training ticks use;
2. pan and zoom: one view change plus a synchronous repaint of the plot;
3. a training tick: ``set_model`` with a new model of the same architecture, the
   slices that follow it, and the whole time until every code is fresh;
4. the latent map at 20x20 and 40x40.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import ae_desktop.runtime_env  # noqa: F401 - first, as in the app: Numba cache, BLAS threads

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication
from timing import median_ms

from ae_desktop.data import bundled_font
from ae_desktop.engine import Architecture, Autoencoder
from ae_desktop.gui.latent.code_scatter import label_classes
from ae_desktop.gui.latent.latent_canvas import LatentCanvas


def mnist_like(n: int, rng) -> tuple[np.ndarray, list[str]]:
    """``n`` random 28x28 images (rows of 784) and labels "0".."9"."""
    return rng.random((n, 784), dtype=np.float32), [str(d) for d in rng.integers(0, 10, n)]


def jiggled(model: Autoencoder, rng) -> Autoencoder:
    """A model as the next training tick would bring: same shape, slightly moved."""
    return Autoencoder(model.arch, model.theta + rng.normal(0, 1e-3, model.theta.shape))


def timed_slices(canvas) -> list[float]:
    """Seconds of each later encoding slice (the timer's handler, without repaints)."""
    seconds = []
    handler = canvas._on_slice_timeout

    def timed():
        began = time.perf_counter()
        handler()
        seconds.append(time.perf_counter() - began)

    canvas._slice_timer.timeout.disconnect()
    canvas._slice_timer.timeout.connect(timed)
    return seconds


def tick(app, canvas, model, slices) -> tuple[float, float, float, float]:
    """(set_model ms, median and slowest later slice ms, ms until every code is fresh)."""
    slices.clear()
    began = time.perf_counter()
    canvas.set_model(model)
    first = time.perf_counter() - began
    while canvas.encoding():
        app.processEvents()
    total = time.perf_counter() - began
    return (
        1000 * first,
        1000 * statistics.median(slices or [0]),
        1000 * max(slices, default=0),
        1000 * total,
    )


def run(name: str, canvas, app, matrix, labels, shape, arch: str, rng) -> None:
    model = Autoencoder.initialize(Architecture.parse(arch), rng=rng)
    n = len(matrix)
    canvas.set_glyphs(matrix, labels, shape)
    began = time.perf_counter()
    canvas.set_model(model, reframe=True)
    while canvas.encoding():
        app.processEvents()
    print(
        f"{name}: {n:,} points, {arch}; first encoding "
        f"{1000 * (time.perf_counter() - began):.0f} ms"
    )
    points = canvas.points
    codes = canvas.codes
    classes = label_classes(labels)[1]
    print(
        f"  scatter setData (new set)   {median_ms(lambda: points.restyle(n, classes), 3):8.1f} ms"
    )
    print(f"  scatter move (in place)     {median_ms(lambda: points.move(codes, n)):8.1f} ms")
    viewport = canvas.plot_widget.viewport()
    view = canvas.view
    print(
        f"  pan + repaint               "
        f"{median_ms(lambda: (view.translateBy(x=0.05), viewport.repaint())):8.1f} ms"
    )
    print(
        f"  zoom + repaint              "
        f"{median_ms(lambda: (view.scaleBy((1.05, 1.05)), viewport.repaint())):8.1f} ms"
    )
    slices = timed_slices(canvas)
    ticks = [tick(app, canvas, jiggled(model, rng), slices) for _ in range(3)]
    first, typical, longest, total = (statistics.median(t[i] for t in ticks) for i in range(4))
    print(
        f"  tick: set_model {first:.1f} ms; later slices {typical:.1f} ms median, "
        f"{longest:.1f} ms slowest; all codes fresh after {total:.0f} ms"
    )
    canvas.show_map.setChecked(True)
    for columns in (20, 40):
        canvas.map_columns.setValue(columns)
        print(f"  map {columns} columns            {median_ms(canvas._draw_map, 3):8.1f} ms")
    canvas.show_map.setChecked(False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=60000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    canvas = LatentCanvas()
    canvas.resize(760, 520)
    canvas.show()
    app.processEvents()
    rng = np.random.default_rng(0)
    font = bundled_font("font3")
    run("font3", canvas, app, font.matrix(), font.labels, (7, 5), "35-30-15-2", rng)
    matrix, labels = mnist_like(args.points, rng)
    run("MNIST-like", canvas, app, matrix, labels, (28, 28), "784-256-2", rng)
    canvas.close()


if __name__ == "__main__":
    main()
