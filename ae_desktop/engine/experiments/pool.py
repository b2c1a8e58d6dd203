"""Run many RunTasks across processes, cancellably, reporting each finished run.

Workers are never forked from the caller, which may hold Qt or other threads: where the
platform has it (Linux, macOS; not the frozen bundle), they fork from multiprocessing's
"forkserver", a process of its own that imported the engine and loaded Numba's target
once (a spawned worker imports Python's modules and NumPy, SciPy and Numba again, about
0.7 s each, and a forked one loaded Numba's registries, 0.2 s); else they
are spawned. Each run is fully determined by its task, so results do not depend on the
worker count or on the order in which runs finish.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from multiprocessing.connection import wait as wait_for

from ae_desktop.engine.compute_threads import limit_threads
from ae_desktop.engine.experiments.cluster import current_client, run_on_cluster
from ae_desktop.engine.experiments.runs import RunOutcome, RunTask, execute

# progress(done, total, task index, outcome): called in the caller's thread per finished run
ProgressCallback = Callable[[int, int, int, RunOutcome], None]
POLL_SECONDS = 0.05

_worker_cancel = None  # the pool's shared cancel event, set in each worker by _init_worker


def default_workers() -> int:
    """One worker per core."""
    return max(1, os.cpu_count() or 1)


def run_tasks(
    tasks: list[RunTask],
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> tuple[list[RunOutcome | None], bool]:
    """Run every task; returns (outcomes in task order, cancelled).

    Inside ``cluster.on_scheduler`` the runs go to that Dask scheduler (``workers`` is
    ignored); else with ``workers`` = 1 they happen one after another in this process,
    otherwise in a pool of that many processes (default: one per core). Once ``cancel`` is set,
    pending runs are dropped and running ones stop at their next progress check; runs
    that did not finish have outcome None.
    """
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    cancel = cancel or threading.Event()
    outcomes: list[RunOutcome | None] = [None] * len(tasks)
    finished = _Finished(outcomes, progress)
    client = current_client()
    if client is not None:
        run_on_cluster(client, tasks, finished.add, cancel)
    elif workers == 1 or len(tasks) <= 1:
        for index, task in enumerate(tasks):
            if cancel.is_set():
                break
            finished.add(index, execute(task, cancel))
    else:
        _run_in_pool(tasks, min(workers, len(tasks)), finished, cancel)
    return outcomes, cancel.is_set()


class _Finished:
    """Stores completed outcomes (dropping cancelled ones) and reports progress."""

    def __init__(self, outcomes: list, progress: ProgressCallback | None):
        self.outcomes = outcomes
        self.progress = progress
        self.done = 0

    def add(self, index: int, outcome: RunOutcome) -> None:
        if outcome.metrics["status"] == "cancelled":
            return
        self.outcomes[index] = outcome
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, len(self.outcomes), index, outcome)


def _run_in_pool(
    tasks: list[RunTask], workers: int, finished: _Finished, cancel: threading.Event
) -> None:
    context = _worker_context()
    worker_cancel = context.Event()
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(worker_cancel,)
    ) as pool:
        futures: dict[Future, int] = {
            pool.submit(_execute_in_worker, task): index for index, task in enumerate(tasks)
        }
        pending = set(futures)
        try:
            while pending and not cancel.is_set():
                done, pending = wait(pending, POLL_SECONDS, return_when=FIRST_COMPLETED)
                for future in sorted(done, key=futures.__getitem__):
                    finished.add(futures[future], future.result())
        finally:
            if pending:  # cancelled, or a run failed: stop the rest promptly
                worker_cancel.set()
                for future in pending:
                    future.cancel()


def _worker_context() -> multiprocessing.context.BaseContext:
    """The forkserver, with this module (and so the engine) and Numba's target loaded
    (worker_preload), or spawn."""
    if getattr(sys, "frozen", False) or "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["ae_desktop.engine.experiments.worker_preload"])
    return context


def _init_worker(event) -> None:
    global _worker_cancel
    _worker_cancel = event
    limit_threads(1)  # the workers fill the cores
    # Ctrl-C reaches the whole process group: let the caller handle it and set the event
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, daemon=True).start()


def _exit_with_parent() -> None:
    """A worker whose caller was killed would go on training queued runs: exit at once."""
    parent = multiprocessing.parent_process()
    if parent is None:  # not a worker process: nothing to watch
        return
    wait_for([parent.sentinel])
    os._exit(1)


def _execute_in_worker(task: RunTask) -> RunOutcome:
    return execute(task, _worker_cancel)
