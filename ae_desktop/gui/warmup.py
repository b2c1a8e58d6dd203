"""Compile (or load from Numba's disk cache) the engine's kernels off the GUI thread, so
the window appears at once and the first Start or latent click does not stall."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from ae_desktop.engine import TrainConfig, TrainingRun
from ae_desktop.gui.worker_thread import WorkerThreadOwner


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
    finished = Signal(int, str)  # run id, "" on success or the error message

    def __init__(self, run_id: int):
        super().__init__()
        self._run_id = run_id

    @Slot()
    def run(self) -> None:
        message = ""
        try:
            warm_up_kernels()
        except Exception as exc:  # noqa: BLE001 - reported in the status bar, not fatal
            message = f"{type(exc).__name__}: {exc}"
        finally:
            self.moveToThread(QCoreApplication.instance().thread())
            self.finished.emit(self._run_id, message)


class KernelWarmup(WorkerThreadOwner):
    """Runs warm_up_kernels in a QThread; ``finished`` carries an error message or "".
    The worker is held until its thread is joined (see WorkerThreadOwner)."""

    finished = Signal(str)

    def start(self) -> None:
        if self.is_running():
            return
        self._run_id += 1
        worker = _WarmupWorker(self._run_id)
        worker.finished.connect(self._on_worker_finished)
        self._launch(worker)

    def wait(self) -> None:
        """Block until the warm-up is over (closing the window); it cannot be cut short."""
        self.shutdown()

    @Slot(int, str)
    def _on_worker_finished(self, run_id: int, message: str) -> None:
        if self._release_finished(run_id):
            self.finished.emit(message)
