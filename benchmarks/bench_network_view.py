"""What one update of the Network dock costs the window's thread: every layer of the
editor's glyph computed (``layer_activations``) and painted, with a first-layer unit's
weight image shown, for the default network and a 784-256-2 VAE.

    python benchmarks/bench_network_view.py [--repeats 200]

Offscreen Qt, models built by the engine (no training). Prints the median milliseconds
per update (target: at most 5 ms) beside references timed in the same run: the editor's
``reconstruct`` call for the glyph, and the editor panel's own update for one edit
(encode, decode and its three previews repainted).
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

from ae_desktop.engine import Architecture, Autoencoder, TrainConfig
from ae_desktop.gui.glyphs.editor_panel import EditorPanel
from ae_desktop.gui.model_session import ModelSession
from ae_desktop.gui.network.network_view import NetworkView


def median_update_ms(update, prepare, repeats: int) -> float:
    """Median time of ``update()`` after an untimed ``prepare(i)`` each time."""
    times = []
    for i in range(repeats):
        prepare(i)
        began = time.perf_counter()
        update()
        times.append(time.perf_counter() - began)
    return 1000 * statistics.median(times)


def bench(app: QApplication, text: str, kind: str, side: int, size, repeats: int) -> None:
    model = Autoencoder.initialize(
        Architecture.parse(text, kind=kind), rng=np.random.default_rng(0)
    )
    height, width = (7, 5) if side == 5 else (side, side)
    glyphs = (np.random.default_rng(1).random((repeats, height, width)) > 0.6).astype(np.float64)
    panel, session = EditorPanel(width, height), ModelSession()
    panel.resize(420, 700)
    panel.show()
    view = NetworkView(panel, session)
    panel.encoded.disconnect(view.refresh)  # timed on its own below
    view.resize(*size)
    view.show()
    session.replace(model)
    panel.set_model(model)
    view.refresh()
    view.canvas.unit_clicked.emit(1, 0)  # a first-layer unit's weights on show
    app.processEvents()

    def load(i):
        panel.editor.load(glyphs[i])

    def network_update():
        view.refresh()
        view.canvas.repaint()
        view.weights.images.repaint()

    def editor_update():
        panel._on_pixels_changed(panel.editor.pixels())
        for canvas in (panel.reconstruction, panel.thresholded, panel.wrong):
            canvas.repaint()

    network = median_update_ms(network_update, load, repeats)
    reconstruct = median_update_ms(
        lambda: model.reconstruct(panel.editor.pixels().reshape(1, -1)), load, repeats
    )
    editor = median_update_ms(editor_update, load, repeats)
    print(
        f"{model.arch.text} {kind}: network view update {network:.2f} ms "
        f"(target <= 5 ms); references: reconstruct {reconstruct:.3f} ms, "
        f"editor panel update {editor:.2f} ms"
    )
    view.close()
    panel.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    bench(app, TrainConfig().arch, "ae", 5, (300, 560), args.repeats)
    bench(app, "784-256-2", "vae", 28, (420, 800), args.repeats)


if __name__ == "__main__":
    main()
