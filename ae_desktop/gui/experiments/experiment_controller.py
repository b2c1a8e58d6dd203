"""Experiments off the GUI thread: a BackgroundTask calls an engine experiment
(``run_sweep``, ``denoising_study``, ...) with a cancel event and a progress callback;
the controller lives in the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from ae_desktop.engine.experiments import ResultTable, on_scheduler
from ae_desktop.gui.background import BackgroundTask

# experiment(progress=..., cancel=...) -> ResultTable; other arguments already bound
Experiment = Callable[..., ResultTable]


def _run(experiment: Experiment, report: Callable, cancel: threading.Event) -> ResultTable:
    """``experiment``, reporting (runs done, runs planned) as each run finishes."""
    return experiment(
        progress=lambda done, total, index, outcome: report((done, total)), cancel=cancel
    )


def on_cluster(
    address: str, experiment: Experiment, progress: Callable, cancel: threading.Event
) -> ResultTable:
    """``experiment`` with its runs on the Dask scheduler at ``address`` (connected here,
    in the worker thread: an unreachable one fails within seconds)."""
    with on_scheduler(address):
        return experiment(progress=progress, cancel=cancel)


class ExperimentController(QObject):
    """Starts and stops experiments, one at a time; signals carry the current one's.
    ``shutdown`` returns once the engine's pool has stopped its worker processes."""

    progressed = Signal(int, int)  # runs done, runs planned
    finished = Signal(object)  # ResultTable (``cancelled`` when cut short)
    failed = Signal(str)  # message

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._task = BackgroundTask(self)
        self._task.yielded.connect(lambda runs: self.progressed.emit(*runs))
        self._task.returned.connect(self.finished)
        self._task.errored.connect(self.failed)

    def is_running(self) -> bool:
        return self._task.is_running()

    def start(self, experiment: Experiment) -> None:
        """Run ``experiment(progress=..., cancel=...)`` in the background."""
        if self.is_running():
            raise RuntimeError("an experiment is already running")
        self._task.start(_run, experiment)

    def stop(self) -> None:
        """Ask the experiment to stop; it returns the runs it finished."""
        self._task.stop()

    def shutdown(self) -> None:
        """Stop and wait for the experiment (closing the window); its result is dropped."""
        self._task.shutdown()
