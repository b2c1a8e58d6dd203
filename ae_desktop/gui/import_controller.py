"""Dataset imports off the GUI thread: a worker drives a loader's steps (a generator of
``(done, total)`` returning a GlyphSet), checks for cancel between steps and reports
progress at most every 30 ms; the controller in the GUI thread drops stale results."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from ae_desktop.data import GlyphSetError
from ae_desktop.data.steps import Steps
from ae_desktop.gui.worker_thread import WorkerThreadOwner

PROGRESS_SECONDS = 0.03


class ImportWorker(QObject):
    """Runs ``steps`` to its end unless ``cancel`` is set first."""

    progressed = Signal(int, int, int)  # run id, done, total
    imported = Signal(int, object)      # run id, GlyphSet
    failed = Signal(int, str)           # run id, message
    finished = Signal(int)              # run id

    def __init__(self, run_id: int, steps: Steps, cancel: threading.Event):
        super().__init__()
        self._run_id, self._steps, self._cancel = run_id, steps, cancel

    @Slot()
    def run(self) -> None:
        last = 0.0
        try:
            while not self._cancel.is_set():
                try:
                    done, total = next(self._steps)
                except StopIteration as stop:
                    self.imported.emit(self._run_id, stop.value)
                    break
                if time.monotonic() - last >= PROGRESS_SECONDS:
                    last = time.monotonic()
                    self.progressed.emit(self._run_id, done, total)
        except GlyphSetError as exc:
            self.failed.emit(self._run_id, str(exc))
        except Exception as exc:  # noqa: BLE001 - any loader failure becomes a dialog
            self.failed.emit(self._run_id, f"{type(exc).__name__}: {exc}")
        finally:
            self._steps.close()
            self.moveToThread(QCoreApplication.instance().thread())
            self.finished.emit(self._run_id)


class ImportController(WorkerThreadOwner):
    """One import at a time; ``finished`` follows ``imported``, ``failed`` or a cancel."""

    progressed = Signal(int, int)  # done, total
    imported = Signal(object)      # GlyphSet
    failed = Signal(str)
    finished = Signal()

    def start(self, steps: Steps) -> None:
        """Run ``steps`` in a new thread (an import already running is an error)."""
        if self.is_running():
            raise RuntimeError("an import is already in progress")
        self._run_id += 1
        self._cancel = threading.Event()
        worker = ImportWorker(self._run_id, steps, self._cancel)
        worker.progressed.connect(self._on_worker_progressed)
        worker.imported.connect(self._on_worker_imported)
        worker.failed.connect(self._on_worker_failed)
        worker.finished.connect(self._on_worker_finished)
        self._launch(worker)

    @Slot(int, int, int)
    def _on_worker_progressed(self, run_id: int, done: int, total: int) -> None:
        if run_id == self._run_id and not self._cancel.is_set():
            self.progressed.emit(done, total)

    @Slot(int, object)
    def _on_worker_imported(self, run_id: int, glyphs) -> None:
        if run_id == self._run_id and not self._cancel.is_set():
            self.imported.emit(glyphs)

    @Slot(int, str)
    def _on_worker_failed(self, run_id: int, message: str) -> None:
        if run_id == self._run_id and not self._cancel.is_set():
            self.failed.emit(message)

    @Slot(int)
    def _on_worker_finished(self, run_id: int) -> None:
        if not self._release_finished(run_id):
            return
        self.finished.emit()
