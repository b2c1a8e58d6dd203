"""Experiments off the GUI thread: a QObject worker moved to a QThread calls an engine
experiment (``run_sweep``, ``denoising_study``, ...) with a cancel event and a progress
callback; the controller lives in the GUI thread and drops results of stale runs."""

from __future__ import annotations

import threading
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from ae_desktop.engine.experiments import ResultTable
from ae_desktop.gui.worker_thread import WorkerThreadOwner

# experiment(progress=..., cancel=...) -> ResultTable; other arguments already bound
Experiment = Callable[..., ResultTable]
NO_RESULT = "the experiment ended without a result"


class ExperimentWorker(QObject):
    """Runs one experiment; the engine's pool calls ``_on_run_finished`` in this thread."""

    progressed = Signal(int, int, int)  # run id, runs done, runs planned
    succeeded = Signal(int, object)     # run id, ResultTable
    failed = Signal(int, str)           # run id, message
    finished = Signal(int)              # run id

    def __init__(self, run_id: int, experiment: Experiment, cancel: threading.Event):
        super().__init__()
        self._run_id = run_id
        self._experiment = experiment
        self._cancel = cancel

    @Slot()
    def run(self) -> None:
        try:
            table = self._experiment(progress=self._on_run_finished, cancel=self._cancel)
            self.succeeded.emit(self._run_id, table)
        except Exception as exc:  # noqa: BLE001 - any failure becomes a message, not a crash
            self.failed.emit(self._run_id, f"{type(exc).__name__}: {exc}")
        finally:
            self.moveToThread(QCoreApplication.instance().thread())  # deleted in the GUI thread
            self.finished.emit(self._run_id)

    def _on_run_finished(self, done: int, total: int, index: int, outcome) -> None:
        self.progressed.emit(self._run_id, done, total)


class ExperimentController(WorkerThreadOwner):
    """Starts and stops experiments, one at a time; signals carry the current one's.
    ``shutdown`` returns once the engine's pool has stopped its worker processes."""

    progressed = Signal(int, int)   # runs done, runs planned
    finished = Signal(object)       # ResultTable (``cancelled`` when cut short)
    failed = Signal(str)            # message

    def __init__(self, parent=None):
        super().__init__(parent)
        self._outcome: tuple = (self.failed, NO_RESULT)

    def start(self, experiment: Experiment) -> None:
        """Run ``experiment(progress=..., cancel=...)`` in a background thread."""
        if self.is_running():
            raise RuntimeError("an experiment is already running")
        self._run_id += 1
        self._cancel = threading.Event()
        self._outcome = (self.failed, NO_RESULT)
        worker = ExperimentWorker(self._run_id, experiment, self._cancel)
        worker.progressed.connect(self._on_worker_progressed)
        worker.succeeded.connect(self._on_worker_succeeded)
        worker.failed.connect(self._on_worker_failed)
        worker.finished.connect(self._on_worker_finished)
        self._launch(worker)

    @Slot(int, int, int)
    def _on_worker_progressed(self, run_id: int, done: int, total: int) -> None:
        if run_id == self._run_id:
            self.progressed.emit(done, total)

    @Slot(int, object)
    def _on_worker_succeeded(self, run_id: int, table) -> None:
        if run_id == self._run_id:
            self._outcome = (self.finished, table)

    @Slot(int, str)
    def _on_worker_failed(self, run_id: int, message: str) -> None:
        if run_id == self._run_id:
            self._outcome = (self.failed, message)

    @Slot(int)
    def _on_worker_finished(self, run_id: int) -> None:
        if not self._release_finished(run_id):
            return
        signal, value = self._outcome
        signal.emit(value)
