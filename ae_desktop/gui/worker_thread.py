"""One background worker at a time: a QObject worker moved to its own QThread, started
and released from the GUI thread, with a run id that marks results of stopped runs stale."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread


class WorkerThreadOwner(QObject):
    """Base of the controllers: ``_launch`` a worker (its ``run`` slot does the work),
    ``stop`` it cooperatively through ``_cancel``, ``shutdown`` to stop and wait."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._run_id = 0
        self._thread: QThread | None = None
        self._worker: QObject | None = None
        self._cancel = threading.Event()

    def is_running(self) -> bool:
        return self._thread is not None

    def stop(self) -> None:
        """Ask the worker to stop at its next check; its results still arrive."""
        self._cancel.set()

    def shutdown(self) -> None:
        """Stop and wait for the thread (closing the window); queued results are dropped."""
        if self._thread is None:
            return
        self.stop()
        self._run_id += 1
        self._release_thread()

    def _launch(self, worker: QObject) -> None:
        """Move ``worker`` (signals already connected) to a new thread and start it."""
        thread = QThread()
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        self._thread, self._worker = thread, worker
        thread.start()

    def _release_thread(self) -> None:
        """Quit and join the thread; the worker is let go only after the join, so that it
        is deleted here, never by the last reference vanishing while its thread runs (a
        crash seen when closing the window mid-import)."""
        thread, worker = self._thread, self._worker
        self._thread = self._worker = None
        thread.quit()
        thread.wait()
        del worker

    def _release_finished(self, run_id: int) -> bool:
        """On a worker's ``finished``: release the thread if ``run_id`` is the current
        run (not one already replaced or shut down); True when it was."""
        if run_id != self._run_id or self._thread is None:
            return False
        self._release_thread()
        return True
