"""The one way the window runs work off the GUI thread: training, the kernel warm-up,
imports, experiments and autosave writes all go through ``BackgroundTask``.

It wraps superqt's workers (``GeneratorWorker`` / ``FunctionWorker``, napari's, built
for this): a generator checks for stop and pause between yields; a plain function gets
``cancel`` (a ``threading.Event``) when it asks for it. Each task owns a one-thread
pool, so ``shutdown`` joins exactly its own worker, and the worker is released only
after that join. Signals carry results of the current run only: a run that was replaced
or shut down is stale and its late signals are dropped."""

from __future__ import annotations

import inspect
import threading
import weakref
from functools import partial
from typing import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal
from superqt.utils import FunctionWorker, GeneratorWorker

_LIVE_TASKS: weakref.WeakSet[BackgroundTask] = weakref.WeakSet()


class _Failure:
    """What a guarded run returns when its work raised: the message for ``errored``."""

    def __init__(self, exc: BaseException):
        self.message = f"{type(exc).__name__}: {exc}"


def _guarded_generator(work: Callable, args, kwargs):
    """``work``'s generator, with any exception turned into a returned _Failure (superqt
    would swallow a RuntimeError as "worker deleted" and never emit ``finished``)."""
    try:
        return (yield from work(*args, **kwargs))
    except Exception as exc:  # noqa: BLE001 - reported through ``errored``
        return _Failure(exc)


def _guarded_function(work: Callable, args, kwargs):
    try:
        return work(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - reported through ``errored``
        return _Failure(exc)


class BackgroundTask(QObject):
    """Runs one generator function or plain function at a time off the GUI thread.

    ``yielded`` carries each value the generator yields; then exactly one of
    ``returned`` (its return value, or the function's result) or ``errored`` (a one-line
    message), unless stopped; ``finished`` always comes last, after the worker's thread
    is joined."""

    yielded = Signal(object)
    returned = Signal(object)
    errored = Signal(str)
    paused_changed = Signal(bool)
    finished = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._run_id = 0
        self._worker: GeneratorWorker | FunctionWorker | None = None
        self._cancel = threading.Event()
        _LIVE_TASKS.add(self)

    def is_running(self) -> bool:
        return self._worker is not None

    def is_paused(self) -> bool:
        return isinstance(self._worker, GeneratorWorker) and self._worker.is_paused

    def start(self, work: Callable, *args, **kwargs) -> None:
        """Run ``work(*args, **kwargs)``; a plain function that takes a ``cancel``
        argument gets this task's stop event."""
        if self._worker is not None:
            raise RuntimeError("background work is already running")
        self._run_id += 1
        self._cancel = threading.Event()
        if inspect.isgeneratorfunction(work):
            worker = GeneratorWorker(_guarded_generator, work, args, kwargs)
            worker.yielded.connect(partial(self._on_yielded, self._run_id))
            worker.paused.connect(partial(self._on_paused, self._run_id, True))
            worker.resumed.connect(partial(self._on_paused, self._run_id, False))
        else:
            if "cancel" in inspect.signature(work).parameters:
                kwargs = {**kwargs, "cancel": self._cancel}
            worker = FunctionWorker(_guarded_function, work, args, kwargs)
        worker.returned.connect(partial(self._on_returned, self._run_id))
        worker.finished.connect(partial(self._on_finished, self._run_id))
        worker.setAutoDelete(False)  # released by us, after the join
        self._worker = worker
        self._pool.start(worker)

    def stop(self) -> None:
        """Ask the work to stop at its next check (a yield, or ``cancel``); ``finished``
        follows. Values already yielded still arrive."""
        self._cancel.set()
        if isinstance(self._worker, GeneratorWorker):  # a function returns what it has
            self._worker.quit()
            if self._worker.is_paused:
                self._worker.resume()

    def pause(self) -> None:
        if isinstance(self._worker, GeneratorWorker) and not self._cancel.is_set():
            self._worker.pause()

    def resume(self) -> None:
        if isinstance(self._worker, GeneratorWorker):
            self._worker.resume()

    def shutdown(self) -> None:
        """Stop and join the worker (closing the window); its queued signals are
        dropped and ``finished`` is not emitted."""
        if self._worker is None:
            return
        self.stop()
        self._run_id += 1
        self._join()

    def _join(self) -> None:
        worker, self._worker = self._worker, None
        self._pool.waitForDone()
        del worker

    def _on_yielded(self, run_id: int, value) -> None:
        if run_id == self._run_id:
            self.yielded.emit(value)

    def _on_paused(self, run_id: int, paused: bool) -> None:
        if run_id == self._run_id:
            self.paused_changed.emit(paused)

    def _on_returned(self, run_id: int, value) -> None:
        if run_id != self._run_id:
            return
        if isinstance(value, _Failure):
            self.errored.emit(value.message)
        else:
            self.returned.emit(value)

    def _on_finished(self, run_id: int) -> None:
        if run_id != self._run_id or self._worker is None:
            return
        self._join()
        self.finished.emit()


def shutdown_all() -> None:
    """Stop and join every task's worker (the application is quitting)."""
    for task in list(_LIVE_TASKS):
        task.shutdown()


def running_tasks() -> list[BackgroundTask]:
    """Tasks whose worker has not been joined yet (tests check none is left behind)."""
    return [task for task in list(_LIVE_TASKS) if task.is_running()]
