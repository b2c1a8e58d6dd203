"""Compile (or load from Numba's disk cache) the engine's kernels off the GUI thread, so
the window appears at once and the first Start or latent click does not stall."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal

from ae_desktop.engine import TrainConfig, TrainingRun, compile_progress, layer_activations
from ae_desktop.gui.background import BackgroundTask


def warm_up_kernels() -> None:
    """Touch every kernel the GUI uses, the default configuration's first: a Start
    right after the first launch waits only for those (Numba compiles one kernel at a
    time, and a kernel already compiled runs at once while the others compile), then the
    Network dock's per-layer activations, the latent map's and the points' decoding, then
    a variational model with a test split and a quasi-Newton run."""
    data = np.random.default_rng(0).integers(0, 2, size=(4, 35)).astype(np.float64)
    runs = (
        TrainConfig(arch="35-4-2", epochs=2),  # the settings' defaults
        TrainConfig(model="vae", arch="35-4-2", epochs=2, test_fraction=0.25),
        TrainConfig(arch="35-4-2", optimizer="lbfgs", epochs=2),
    )
    for index, config in enumerate(runs):
        run = TrainingRun(config, data)
        # the default's first: on an empty cache a helper process compiles part of it
        ahead = (config, data.shape[1]) if index == 0 else None
        with compile_progress(lambda *_: None, ahead=ahead):
            for _ in run.reports():
                pass
        if index == 0:
            layer_activations(run.model, data[0])  # the Network dock's first update
            for precision, rows in (("float32", 64), ("float64", 1), ("float64", 64)):
                run.model.decode(np.zeros((rows, 2)), precision)  # maps, points


class KernelWarmup(QObject):
    """Runs warm_up_kernels in a BackgroundTask; ``finished`` carries an error message
    or ""."""

    finished = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._task = BackgroundTask(self)
        self._task.returned.connect(lambda _: self.finished.emit(""))
        self._task.errored.connect(self.finished.emit)

    def is_running(self) -> bool:
        return self._task.is_running()

    def start(self) -> None:
        if not self._task.is_running():
            self._task.start(warm_up_kernels)

    def wait(self) -> None:
        """Block until the warm-up is over (closing the window); it cannot be cut short."""
        self._task.shutdown()
