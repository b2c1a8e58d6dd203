"""The one way the window runs work off the GUI thread: training, the kernel warm-up,
imports, experiments and autosave writes all go through ``BackgroundTask``.

It wraps superqt's workers (``GeneratorWorker`` / ``FunctionWorker``, napari's, built
for this). Each task owns a one-thread pool, so ``shutdown`` joins exactly its own
worker, and the worker is deleted only after that join, in the GUI thread. Signals carry results of the
current run only: a run that was replaced or shut down is stale and its late signals
are dropped. Pause and stop are ours rather than superqt's: its ``resume`` is ignored
while a pause request is still pending, which left a quickly resumed run paused."""

from __future__ import annotations

import inspect
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable
from functools import partial

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal
from superqt.utils import FunctionWorker, GeneratorWorker

_LIVE_TASKS: weakref.WeakSet[BackgroundTask] = weakref.WeakSet()


class _Failure:
    """What a guarded run returns when its work raised: the message for ``errored``. The
    app's own errors are written for users and show as they are; anything else (a bug, a
    library's error) keeps its class name."""

    def __init__(self, exc: BaseException):
        ours = type(exc).__module__.startswith("ae_desktop.")
        self.message = str(exc) if ours else f"{type(exc).__name__}: {exc}"


class _Run:
    """One run's controls, shared with its worker thread, and its outcome once joined."""

    def __init__(self, obeys_cancel: bool, interval_s: float):
        self.cancel = threading.Event()
        self.going = threading.Event()  # cleared while paused
        self.going.set()
        self.obeys_cancel = obeys_cancel
        self.interval_s = interval_s
        self.outcome = None

    def dropped(self) -> bool:
        """Stopped work that does not take ``cancel`` sends nothing more."""
        return self.cancel.is_set() and not self.obeys_cancel


def _drive(run: _Run, work: Callable, args, kwargs):
    """``work``'s generator, its values sent at most every ``interval_s``, held after
    each while paused and closed at the next value once stopped (unless it takes
    ``cancel``: then it ends itself). Any exception becomes a _Failure (superqt would
    swallow a RuntimeError as "worker deleted" and never emit ``finished``)."""
    try:
        steps = work(*args, **kwargs)
        try:
            last = -float("inf")
            while not run.dropped():
                try:
                    value = next(steps)
                except StopIteration as end:
                    run.outcome = end.value
                    return
                if time.monotonic() - last >= run.interval_s:
                    last = time.monotonic()
                    yield value
                    run.going.wait()
        finally:
            steps.close()
    except Exception as exc:  # noqa: BLE001 - reported through ``errored``
        run.outcome = _Failure(exc)


def _call(run: _Run, work: Callable, args, kwargs) -> None:
    try:
        run.outcome = work(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - reported through ``errored``
        run.outcome = _Failure(exc)


class BackgroundTask(QObject):
    """Runs one generator function or plain function at a time off the GUI thread.

    ``yielded`` carries each value the generator yields (at most one per
    ``interval_s``; the rest are dropped in the worker thread), or each value a plain
    function with a ``report`` parameter passes to it; then exactly one of ``returned``
    (the return value) or ``errored`` (a one-line message), unless stopped; ``finished``
    always comes last, after the worker's thread is joined. Work with a ``cancel``
    parameter gets a ``threading.Event`` set by ``stop`` and ends itself, its last
    values and return value still arriving; a generator without one is closed at its
    next value and sends nothing more."""

    yielded = Signal(object)
    returned = Signal(object)
    errored = Signal(str)
    paused_changed = Signal(bool)
    finished = Signal()
    _reported = Signal(int, object)  # run id, value: from ``report`` in any thread

    def __init__(self, parent: QObject | None = None, interval_s: float = 0.0):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._interval_s = interval_s
        self._run_id = 0
        self._worker: GeneratorWorker | FunctionWorker | None = None
        self._run = _Run(False, interval_s)
        self._reported.connect(self._on_yielded)
        _LIVE_TASKS.add(self)

    def is_running(self) -> bool:
        return self._worker is not None

    def is_paused(self) -> bool:
        return self.is_running() and not self._run.going.is_set()

    def start(self, work: Callable, *args, **kwargs) -> None:
        """Run ``work(*args, **kwargs)``, adding ``cancel`` and ``report`` when it takes
        them (see the class)."""
        if self._worker is not None:
            raise RuntimeError("background work is already running")
        self._run_id += 1
        parameters = inspect.signature(work).parameters
        run = self._run = _Run("cancel" in parameters, self._interval_s)
        if run.obeys_cancel:
            kwargs = {**kwargs, "cancel": run.cancel}
        if "report" in parameters:
            kwargs = {**kwargs, "report": partial(self._reported.emit, self._run_id)}
        if inspect.isgeneratorfunction(work):
            worker = GeneratorWorker(_drive, run, work, args, kwargs)
            worker.yielded.connect(partial(self._on_yielded, self._run_id))
        else:
            worker = FunctionWorker(_call, run, work, args, kwargs)
        worker.finished.connect(partial(self._on_finished, self._run_id))
        worker.setAutoDelete(False)  # released by us, after the join
        self._worker = worker
        self._pool.start(worker)

    def stop(self) -> None:
        """Ask the work to stop (see the class); ``finished`` follows."""
        self._run.cancel.set()
        self._run.going.set()

    def pause(self) -> None:
        """Hold a generator after its next value, until ``resume`` or ``stop``."""
        if (
            isinstance(self._worker, GeneratorWorker)
            and not self._run.cancel.is_set()
            and not self.is_paused()
        ):
            self._run.going.clear()
            self.paused_changed.emit(True)

    def resume(self) -> None:
        if self.is_paused():
            self._run.going.set()
            self.paused_changed.emit(False)

    def wait(self) -> None:
        """Block until the current run ends, then deliver its outcome and ``finished``
        at once (its values still queued are dropped)."""
        if self._worker is not None:
            self._settle()

    def shutdown(self) -> None:
        """Stop and join the worker (closing the window); its queued signals are
        dropped and ``finished`` is not emitted."""
        if self._worker is None:
            return
        self.stop()
        self._run_id += 1
        self._join()

    def _join(self) -> None:
        """Join the worker's thread, then delete the worker here: the pool took it over
        from Python and, as it does not auto-delete, would keep it and its data forever."""
        worker, self._worker = self._worker, None
        self._pool.waitForDone()
        shiboken6.delete(worker)

    def _settle(self) -> None:
        self._join()
        self._run_id += 1  # what this run still has queued is stale now
        outcome = self._run.outcome
        if isinstance(outcome, _Failure) and not self._run.dropped():
            self.errored.emit(outcome.message)
        elif not self._run.dropped():
            self.returned.emit(outcome)
        self.finished.emit()

    def _on_yielded(self, run_id: int, value) -> None:
        if run_id == self._run_id and not self._run.dropped():
            self.yielded.emit(value)

    def _on_finished(self, run_id: int) -> None:
        if run_id == self._run_id and self._worker is not None:
            self._settle()


class CallQueue(QObject):
    """Plain function calls run one at a time, in the order submitted, by one
    BackgroundTask (autosave writes); ``errored`` carries a failed call's message."""

    errored = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._task = BackgroundTask(self)
        self._task.errored.connect(self.errored)
        self._task.finished.connect(self._next)
        self._pending: deque[tuple[Callable, tuple]] = deque()

    def submit(self, function: Callable, *args) -> None:
        self._pending.append((function, args))
        self._next()

    def wait(self) -> None:
        """Block until every call submitted so far has run (even after a shutdown)."""
        self._next()
        while self._task.is_running():
            self._task.wait()  # its ``finished`` starts the next call

    def _next(self) -> None:
        if self._pending and not self._task.is_running():
            function, args = self._pending.popleft()
            self._task.start(function, *args)


def shutdown_all() -> None:
    """Stop and join every task's worker (the application is quitting)."""
    for task in list(_LIVE_TASKS):
        task.shutdown()


def running_tasks() -> list[BackgroundTask]:
    """Tasks whose worker has not been joined yet (tests check none is left behind)."""
    return [task for task in list(_LIVE_TASKS) if task.is_running()]
