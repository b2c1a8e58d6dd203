"""Dataset imports off the GUI thread: a BackgroundTask drives a loader's steps (a
generator of ``(done, total)`` returning a GlyphSet), closes them at the next step
after a cancel and sends progress at most every 30 ms."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ae_desktop.data import GlyphSetError
from ae_desktop.data.steps import Steps
from ae_desktop.gui.background import BackgroundTask

PROGRESS_SECONDS = 0.03


def _import(steps: Steps):
    """Run ``steps``; a loader's own error is returned, so that its message shows alone."""
    try:
        return (yield from steps)
    except GlyphSetError as exc:
        return exc


class ImportController(QObject):
    """One import at a time; ``finished`` follows ``imported``, ``failed`` or a cancel
    (after which nothing else of that import arrives)."""

    progressed = Signal(int, int)  # done, total
    imported = Signal(object)  # GlyphSet
    failed = Signal(str)
    finished = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._task = BackgroundTask(self, interval_s=PROGRESS_SECONDS)
        self._task.yielded.connect(lambda step: self.progressed.emit(*step))
        self._task.returned.connect(self._on_returned)
        self._task.errored.connect(self.failed)
        self._task.finished.connect(self.finished)

    def is_running(self) -> bool:
        return self._task.is_running()

    def start(self, steps: Steps) -> None:
        """Run ``steps`` in the background (an import already running is an error)."""
        if self.is_running():
            raise RuntimeError("an import is already in progress")
        self._task.start(_import, steps)

    def stop(self) -> None:
        self._task.stop()

    def shutdown(self) -> None:
        """Cancel and wait for the import (closing the window); nothing more arrives."""
        self._task.shutdown()

    def _on_returned(self, result) -> None:
        if isinstance(result, GlyphSetError):
            self.failed.emit(str(result))
        else:
            self.imported.emit(result)
