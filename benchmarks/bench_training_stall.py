"""How long the window's event loop stalls while the main window trains a VAE on an
MNIST-like set, as a student would run it.

    python benchmarks/bench_training_stall.py [--glyphs 60000] [--epochs 3]

Offscreen Qt. Typeset digits from make_digits.py are written as an IDX pair, imported
with File > Import MNIST / IDX…, then a 784-256-2 relu VAE is trained with the settings
the training panel proposes for the set (mini-batches of 100, float32) with the latent
map shown. Reports seconds per epoch and the gaps between the ticks of a 10 ms timer:
the longest, the 99th percentile and how many exceed 100 ms. ``--stacks FILE`` has
faulthandler write every thread's stack to FILE whenever the loop stalls for 150 ms (a
sampling thread of our own would run the garbage collector beside the painting).
"""

from __future__ import annotations

import argparse
import faulthandler
import os
import tempfile
import time
from pathlib import Path

import ae_desktop.runtime_env  # noqa: F401 - first, as in the app: Numba cache, BLAS threads

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from make_digits import make_digits, write_idx
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def run_until(app: QApplication, done) -> None:
    while not done():
        app.processEvents()
        time.sleep(0.001)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--glyphs", type=int, default=60_000)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--stacks", type=Path, help="dump stalled stacks to this file")
    args = parser.parse_args()
    app = QApplication([])
    from ae_desktop.gui.main_window import MainWindow

    folder = Path(tempfile.mkdtemp())
    images, labels = make_digits(args.glyphs)
    write_idx(folder / "train-images-idx3-ubyte", images, compress=False)
    write_idx(folder / "train-labels-idx1-ubyte", labels, compress=False)
    window = MainWindow(use_settings=False)
    window.resize(1480, 900)
    window.show()
    window.file_menu.importer.import_idx_file(str(folder / "train-images-idx3-ubyte"))
    run_until(app, lambda: not window.file_menu.importer.is_running())
    panel = window.training_panel
    panel.model.setCurrentIndex(panel.model.findData("vae"))
    panel.activation.setCurrentIndex(panel.activation.findData("relu"))
    panel.epochs.setValue(args.epochs)
    window.latent_canvas.show_map.setChecked(True)
    print(f"{args.glyphs:,} glyphs, {panel.config()}")

    stacks = args.stacks.open("w") if args.stacks else None
    gaps, last = [], [time.perf_counter()]

    def on_tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now
        if stacks:
            faulthandler.dump_traceback_later(0.15, file=stacks)

    timer = QTimer(interval=10)
    timer.timeout.connect(on_tick)
    timer.start()
    finished = []
    window.controller.finished.connect(finished.append)
    began = time.perf_counter()
    panel.start_button.click()
    run_until(app, lambda: bool(finished))
    seconds = time.perf_counter() - began
    run_until(app, lambda: not window.latent_canvas.encoding())
    timer.stop()
    if stacks:
        faulthandler.cancel_dump_traceback_later()
        stacks.close()
    history = window.controller.run.history
    ms = 1000 * np.array(gaps[1:])
    print(
        f"{finished[0]} after {len(history)} epochs in {seconds:.1f} s "
        f"({seconds / max(len(history), 1):.1f} s per epoch incl. compiling), "
        f"final loss {history[-1, 0]:.1f}"
    )
    print(
        f"event-loop gaps: longest {ms.max():.0f} ms, p99 {np.percentile(ms, 99):.0f} ms, "
        f"{(ms > 100).sum()} over 100 ms, {(ms > 50).sum()} over 50 ms"
    )
    window.document.modified = False
    window.close()


if __name__ == "__main__":
    main()
