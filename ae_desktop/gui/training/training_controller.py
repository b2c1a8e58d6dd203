"""Training off the GUI thread: a BackgroundTask drives the engine's report generator
(stopped through its ``cancel``, so the final report still comes); the controller lives
in the GUI thread and keeps the current run's status."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal

from ae_desktop.engine import PIXELS, GlyphKind, TrainConfig, TrainingRun
from ae_desktop.gui.background import BackgroundTask


class TrainingController(QObject):
    """Starts, pauses, resumes and stops training runs; one run at a time. Signals carry
    only the current run's results (BackgroundTask drops those of replaced runs)."""

    reported = Signal(object)  # TrainReport
    finished = Signal(str)  # final status: done, target_reached, cancelled, ...
    failed = Signal(str)  # message
    paused_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._task = BackgroundTask(self)
        self._task.yielded.connect(self._on_reported)
        self._task.errored.connect(self._on_failed)
        self._task.paused_changed.connect(self.paused_changed)
        self._task.finished.connect(lambda: self.finished.emit(self._last_status))
        self._last_status = "cancelled"
        self.run: TrainingRun | None = None

    def is_running(self) -> bool:
        return self._task.is_running()

    def is_paused(self) -> bool:
        return self._task.is_paused()

    def start(
        self,
        config: TrainConfig,
        data: np.ndarray,
        model=None,
        history=None,
        test_history=None,
        kind: GlyphKind = PIXELS,
    ) -> TrainingRun:
        """Train ``config`` on ``data`` (n, P) of glyph ``kind``, continuing ``model`` and
        its loss curves ``history`` and ``test_history`` if given (see TrainingRun).

        Raises ConfigError (before any thread starts) for settings that do not fit.
        """
        if self.is_running():
            raise RuntimeError("a training run is already in progress")
        run = TrainingRun(config, data, model, history, test_history, kind)
        self._last_status = "cancelled"
        self.run = run
        self._task.start(run.reports, report_seconds=0.03)  # gets cancel: ends itself
        return run

    def pause(self) -> None:
        self._task.pause()

    def resume(self) -> None:
        self._task.resume()

    def stop(self) -> None:
        """Ask the run to stop after its current chunk; its final report and
        ``finished`` follow."""
        self._task.stop()

    def shutdown(self) -> None:
        """Stop and wait for the run (closing the window); what it still sends is dropped."""
        self._task.shutdown()

    def _on_reported(self, report) -> None:
        self._last_status = report.status
        self.reported.emit(report)

    def _on_failed(self, message: str) -> None:
        self._last_status = "failed"
        self.failed.emit(message)
