"""Training off the GUI thread: a QObject worker moved to a QThread drives the engine's
report generator; the controller lives in the GUI thread and filters stale runs."""

from __future__ import annotations

import threading

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from ae_desktop.engine import TrainConfig, TrainingRun
from ae_desktop.gui.worker_thread import WorkerThreadOwner


class TrainingWorker(QObject):
    """Iterates ``run.reports()``; cancel and pause are checked between reports."""

    reported = Signal(int, object)  # run id, TrainReport
    failed = Signal(int, str)       # run id, message
    finished = Signal(int)          # run id

    def __init__(self, run_id: int, run: TrainingRun, cancel: threading.Event,
                 resume: threading.Event):
        super().__init__()
        self._run_id = run_id
        self._run = run
        self._cancel = cancel
        self._resume = resume

    @Slot()
    def run(self) -> None:
        try:
            for report in self._run.reports(cancel=self._cancel, report_seconds=0.03):
                self.reported.emit(self._run_id, report)
                self._resume.wait()  # paused: block here until resumed or stopped
        except Exception as exc:  # noqa: BLE001 - any engine failure becomes a dialog
            self.failed.emit(self._run_id, f"{type(exc).__name__}: {exc}")
        finally:
            # hand the worker back to the GUI thread so it is deleted there
            self.moveToThread(QCoreApplication.instance().thread())
            self.finished.emit(self._run_id)


class TrainingController(WorkerThreadOwner):
    """Starts, pauses, resumes and stops training runs; one run at a time.

    Signals carry only the current run's results: a generation counter drops
    anything still queued from a run that was stopped or replaced.
    """

    reported = Signal(object)       # TrainReport
    finished = Signal(str)          # final status: done, target_reached, cancelled, ...
    failed = Signal(str)            # message
    paused_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._resume = threading.Event()
        self._last_status = "cancelled"
        self.run: TrainingRun | None = None

    def is_paused(self) -> bool:
        return self.is_running() and not self._resume.is_set()

    def start(self, config: TrainConfig, data: np.ndarray, model=None) -> TrainingRun:
        """Train ``config`` on ``data`` (n, P), continuing ``model`` if given.

        Raises ConfigError (before any thread starts) for settings that do not fit.
        """
        if self.is_running():
            raise RuntimeError("a training run is already in progress")
        run = TrainingRun(config, data, model)
        self._run_id += 1
        self._cancel = threading.Event()
        self._resume = threading.Event()
        self._resume.set()
        self._last_status = "cancelled"
        self.run = run
        worker = TrainingWorker(self._run_id, run, self._cancel, self._resume)
        worker.reported.connect(self._on_worker_reported)
        worker.failed.connect(self._on_worker_failed)
        worker.finished.connect(self._on_worker_finished)
        self._launch(worker)
        return run

    def pause(self) -> None:
        if self.is_running() and self._resume.is_set():
            self._resume.clear()
            self.paused_changed.emit(True)

    def resume(self) -> None:
        if self.is_running() and not self._resume.is_set():
            self._resume.set()
            self.paused_changed.emit(False)

    def stop(self) -> None:
        """Ask the worker to stop after its current chunk; ``finished`` follows."""
        super().stop()
        self._resume.set()

    @Slot(int, object)
    def _on_worker_reported(self, run_id: int, report) -> None:
        if run_id == self._run_id:
            self._last_status = report.status
            self.reported.emit(report)

    @Slot(int, str)
    def _on_worker_failed(self, run_id: int, message: str) -> None:
        if run_id == self._run_id:
            self._last_status = "failed"
            self.failed.emit(message)

    @Slot(int)
    def _on_worker_finished(self, run_id: int) -> None:
        if not self._release_finished(run_id):
            return
        self.finished.emit(self._last_status)
