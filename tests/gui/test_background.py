"""BackgroundTask: results arrive in the GUI thread, stop and pause are honoured between
yields, failures become messages, stale runs are dropped, shutdown joins."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread

from ae_desktop.engine import ConfigError
from ae_desktop.gui.background import BackgroundTask, running_tasks, shutdown_all


@pytest.fixture
def task(qtbot):
    task = BackgroundTask()
    yield task
    task.shutdown()


def count_to(n, gate: threading.Event | None = None, step_s: float = 0.0):
    for i in range(n):
        if gate is not None:
            gate.wait(5)
        time.sleep(step_s)
        yield i
    return "done"


def test_generator_yields_then_returns_in_the_gui_thread(task, qtbot):
    seen, threads = [], []
    task.yielded.connect(lambda v: (seen.append(v), threads.append(QThread.currentThread())))
    returned = []
    task.returned.connect(returned.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start(count_to, 5)
    assert seen == [0, 1, 2, 3, 4]
    assert returned == ["done"]
    assert set(threads) == {QThread.currentThread()}
    assert not task.is_running()


@pytest.mark.parametrize("error", [ValueError("bad value"), RuntimeError("kernel gone")])
def test_an_exception_becomes_one_message_and_finished_follows(task, qtbot, error):
    def fails():
        yield 1
        raise error

    messages = []
    task.errored.connect(messages.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start(fails)
    assert messages == [f"{type(error).__name__}: {error}"]


def test_the_apps_own_error_shows_its_message_alone(task, qtbot):
    """Errors of ae_desktop are written for users: no class name in front."""

    def fails():
        yield 1
        raise ConfigError("lr must be positive")

    messages = []
    task.errored.connect(messages.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start(fails)
    assert messages == ["lr must be positive"]


def test_function_gets_the_cancel_event_and_returns_what_it_has(task, qtbot):
    started = threading.Event()

    def until_cancelled(cancel):
        started.set()
        cancel.wait(5)
        return "partial" if cancel.is_set() else "timed out"

    results = []
    task.returned.connect(results.append)
    task.start(until_cancelled)
    assert started.wait(5)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.stop()
    assert results == ["partial"]


def test_stop_ends_a_generator_at_its_next_yield(task, qtbot):
    gate = threading.Event()
    seen = []
    task.yielded.connect(seen.append)
    returned = []
    task.returned.connect(returned.append)
    task.start(count_to, 1000, gate, 0.002)
    gate.set()
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=5000)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.stop()
    assert len(seen) < 1000 and returned == []


def test_pause_holds_the_generator_until_resume(task, qtbot):
    seen = []
    task.yielded.connect(seen.append)
    gate = threading.Event()
    task.start(count_to, 100_000, gate)
    gate.set()
    qtbot.waitUntil(lambda: len(seen) >= 1, timeout=5000)
    with qtbot.waitSignal(task.paused_changed, timeout=5000) as paused:
        task.pause()
    assert paused.args == [True] and task.is_paused()
    qtbot.wait(50)
    held = len(seen)
    qtbot.wait(100)
    assert len(seen) == held
    with qtbot.waitSignal(task.paused_changed, timeout=5000) as resumed:
        task.resume()
    assert resumed.args == [False]
    qtbot.waitUntil(lambda: len(seen) > held, timeout=5000)


def test_shutdown_joins_and_drops_the_stale_run(task, qtbot):
    gate = threading.Event()
    finished = []
    task.finished.connect(lambda: finished.append(True))
    task.start(count_to, 10, gate)
    gate.set()
    task.shutdown()
    assert not task.is_running()
    qtbot.wait(50)
    assert finished == []
    with qtbot.waitSignal(task.finished, timeout=5000):  # usable again afterwards
        task.start(count_to, 2)


def test_one_run_at_a_time(task, qtbot):
    gate = threading.Event()
    task.start(count_to, 3, gate)
    with pytest.raises(RuntimeError, match="already running"):
        task.start(count_to, 3)
    with qtbot.waitSignal(task.finished, timeout=5000):
        gate.set()


def test_shutdown_all_leaves_no_running_task(qtbot):
    tasks = [BackgroundTask() for _ in range(3)]
    gate = threading.Event()
    for task in tasks:
        task.start(count_to, 10_000, gate)
    gate.set()
    assert len(running_tasks()) >= 3
    shutdown_all()
    assert running_tasks() == []


def test_a_generator_taking_cancel_ends_itself_and_its_last_values_arrive(task, qtbot):
    def train(cancel):
        i = 0
        while not cancel.is_set():
            i += 1
            yield i
            time.sleep(0.001)
        yield "final report"
        return "cancelled"

    seen, returned = [], []
    task.yielded.connect(seen.append)
    task.returned.connect(returned.append)
    task.start(train)
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=5000)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.stop()
    assert seen[-1] == "final report" and returned == ["cancelled"]


def test_a_stopped_generator_is_closed_in_its_thread_and_sends_nothing_more(task, qtbot):
    closed_in = []

    def steps():
        try:
            yield from count_to(100_000, step_s=0.001)
        finally:
            closed_in.append(threading.current_thread())

    seen, outcome = [], []
    task.yielded.connect(seen.append)
    task.returned.connect(outcome.append)
    task.errored.connect(outcome.append)
    task.start(steps)
    qtbot.waitUntil(lambda: len(seen) >= 1, timeout=5000)
    task.stop()
    stopped_at = len(seen)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert len(seen) == stopped_at and outcome == []
    assert closed_in and closed_in[0] is not threading.main_thread()


def test_interval_drops_values_in_the_worker_thread(qtbot):
    task = BackgroundTask(interval_s=60)
    seen, returned = [], []
    task.yielded.connect(seen.append)
    task.returned.connect(returned.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start(count_to, 10_000)
    assert seen == [0] and returned == ["done"]


def test_a_function_reports_from_any_thread_to_the_gui_thread(task, qtbot):
    def sweep(report, cancel):
        helper = threading.Thread(target=lambda: [report(i) for i in range(3)])
        helper.start()
        helper.join()
        return "table"

    seen, threads = [], []
    task.yielded.connect(lambda v: (seen.append(v), threads.append(QThread.currentThread())))
    returned = []
    task.returned.connect(returned.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start(sweep)
    assert seen == [0, 1, 2] and returned == ["table"]
    assert set(threads) == {QThread.currentThread()}


def test_resuming_at_once_after_pause_leaves_the_run_going(task, qtbot):
    seen = []
    task.yielded.connect(seen.append)
    task.start(count_to, 100_000, None, 0.001)
    task.pause()
    task.resume()
    assert not task.is_paused()
    qtbot.waitUntil(lambda: len(seen) >= 20, timeout=5000)


def test_wait_delivers_the_outcome_and_finished_at_once(task, qtbot):
    gate = threading.Event()
    events = []
    task.returned.connect(lambda v: events.append(("returned", v)))
    task.finished.connect(lambda: events.append("finished"))
    task.start(lambda: gate.wait(5) and "written")
    threading.Timer(0.05, gate.set).start()
    task.wait()
    assert events == [("returned", "written"), "finished"] and not task.is_running()
    qtbot.wait(50)  # the worker's own late signals are dropped
    assert events == [("returned", "written"), "finished"]


def test_the_worker_is_released_in_the_gui_thread_after_the_join(task, qtbot, monkeypatch):
    """The pattern that segfaulted: a worker whose last reference vanished in its own
    thread, because its owner had dropped it before joining the thread."""
    import weakref

    from PySide6.QtCore import QThreadPool

    running, gate = threading.Event(), threading.Event()
    task.start(lambda: (running.set(), gate.wait(10)))
    assert running.wait(10)
    released_in = []
    weakref.finalize(task._worker, lambda: released_in.append(threading.current_thread()))
    join = QThreadPool.waitForDone

    def finish_then_join(pool, *args):
        gate.set()  # the work ends while the window waits for it
        return join(pool, *args)

    monkeypatch.setattr(QThreadPool, "waitForDone", finish_then_join)
    task.shutdown()
    assert not task.is_running()
    assert released_in == [threading.main_thread()]


def test_a_call_queue_runs_calls_one_at_a_time_in_order(qtbot):
    from ae_desktop.gui.background import CallQueue

    queue = CallQueue()
    done, overlapping, busy = [], [], threading.Lock()

    def write(i):
        if not busy.acquire(blocking=False):
            overlapping.append(i)
            return
        time.sleep(0.002)
        done.append((i, threading.current_thread() is threading.main_thread()))
        busy.release()

    messages = []
    queue.errored.connect(messages.append)
    for i in range(5):
        queue.submit(write, i)
    queue.submit(lambda: 1 / 0)
    queue.submit(write, 5)
    queue.wait()
    assert done == [(i, False) for i in range(6)] and overlapping == []
    assert messages == ["ZeroDivisionError: division by zero"]
    assert running_tasks() == []


def test_a_call_queue_finishes_its_calls_after_a_shutdown(qtbot):
    from ae_desktop.gui.background import CallQueue

    queue, done = CallQueue(), []
    for i in range(3):
        queue.submit(done.append, i)
    shutdown_all()
    queue.wait()
    assert done == [0, 1, 2]
