"""Compile (or load from Numba's disk cache) the engine's kernels off the GUI thread, so
the window appears at once and the first Start or latent click does not stall."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal

from ae_desktop.engine import TrainConfig, TrainingRun
from ae_desktop.gui.background import BackgroundTask


def warm_up_kernels() -> None:
    """Tiny runs of a plain and a variational model with a gradient optimizer, and one
    quasi-Newton run, touch every kernel the GUI uses."""
    data = np.random.default_rng(0).integers(0, 2, size=(4, 35)).astype(np.float64)
    for kind, optimizer in (("ae", "adam"), ("vae", "adam"), ("ae", "lbfgs")):
        config = TrainConfig(model=kind, arch="35-4-2", optimizer=optimizer, epochs=2,
                             target_errors=None)
        run = TrainingRun(config, data)
        for _ in run.reports():
            pass
        for precision in ("float64", "float32"):  # points, and latent maps
            for rows in (1, 64):  # the per-row kernel, and the block kernel
                run.model.decode(np.zeros((rows, 2)), precision)


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
