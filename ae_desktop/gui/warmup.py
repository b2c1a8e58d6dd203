"""Compile (or load from Numba's disk cache) the engine's kernels off the GUI thread, so
the window appears at once and the first Start or latent click does not stall."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from ae_desktop.engine import TrainConfig, TrainingRun


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


class _WarmupWorker(QObject):
    finished = Signal(str)  # "" on success, else the error message

    @Slot()
    def run(self) -> None:
        message = ""
        try:
            warm_up_kernels()
        except Exception as exc:  # noqa: BLE001 - reported in the status bar, not fatal
            message = f"{type(exc).__name__}: {exc}"
        finally:
            self.moveToThread(QCoreApplication.instance().thread())
            self.finished.emit(message)


class KernelWarmup(QObject):
    """Runs warm_up_kernels in a QThread; ``finished`` carries an error message or ""."""

    finished = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: _WarmupWorker | None = None

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread, self._worker = QThread(), _WarmupWorker()
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.finished.connect(self._on_worker_finished)
        self._thread.start()

    def wait(self) -> None:
        """Block until the warm-up is over (closing the window); it cannot be cut short."""
        if self._thread is not None:
            thread, self._thread, self._worker = self._thread, None, None
            thread.quit()
            thread.wait()

    @Slot(str)
    def _on_worker_finished(self, message: str) -> None:
        if self._thread is None:
            return
        self.wait()
        self.finished.emit(message)
