"""Runs on a Dask cluster (``distributed``, the optional ``cluster`` extra).

``on_scheduler(address)`` connects and checks that every worker runs this version; inside
it, ``pool.run_tasks`` submits each run as plain data (config dict, glyph rows as arrays)
instead of using local processes. A run is fully determined by its task, so Dask may run
it again elsewhere when a worker dies, and results do not depend on where or when it ran.
"""

from __future__ import annotations

import importlib.metadata
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import numpy as np

from ae_desktop.engine.compute_threads import limit_threads
from ae_desktop.engine.config import TrainConfig
from ae_desktop.engine.experiments.runs import RunOutcome, RunTask, execute
from ae_desktop.safe_io.bounded_json import quote

CONNECT_SECONDS = 5.0
RETRIES = 2  # more tries of a run that failed; runs of a lost worker are retried anyway
POLL_SECONDS = 0.05
STOP_POLL_SECONDS = 0.5  # how often a running task asks whether the sweep was cancelled
SCATTER_BYTES = 1 << 20  # bigger arrays go to every worker once, not with each run
INSTALL = 'pip install "ae-desktop[cluster]"'

_client: ContextVar = ContextVar("ae_desktop_dask_client", default=None)


class ClusterError(Exception):
    """The Dask scheduler cannot run the sweep: not installed, unreachable, no workers,
    another ae-desktop version on the workers, or a run lost with its workers."""


def package_version() -> str:
    """This installation's ae-desktop version."""
    try:
        return importlib.metadata.version("ae-desktop")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def worker_info() -> dict:
    """Run on each worker by ``check_workers``: its version and Numba cache folder."""
    return {"version": package_version(), "numba_cache_dir": os.environ.get("NUMBA_CACHE_DIR")}


def current_client():
    """The Client of the enclosing ``on_scheduler`` block, or None (run locally)."""
    return _client.get()


@contextmanager
def on_scheduler(address: str, timeout: float = CONNECT_SECONDS) -> Iterator:
    """Within the block, experiments in this thread run on the scheduler at ``address``
    (``tcp://HOST:PORT``); ClusterError when it cannot be used."""
    client = connect(address, timeout)
    token = _client.set(client)
    try:
        yield client
    finally:
        _client.reset(token)
        client.close()


def connect(address: str, timeout: float = CONNECT_SECONDS):
    """A distributed.Client to ``address`` whose workers run this version."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError(
            f"running on a Dask scheduler needs the distributed package: {INSTALL}"
        ) from None
    host, port = _host_port(address)
    try:  # a plain socket first: a Client that failed to connect hangs on exit
        socket.create_connection((host, port), timeout).close()
        where = f"[{host}]" if ":" in host else host
        client = Client(f"tcp://{where}:{port}", timeout=timeout, set_as_default=False)
    except (OSError, ValueError) as exc:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address}: {str(exc) or type(exc).__name__}"
        ) from None
    try:
        check_workers(client, address, timeout)
    except BaseException:
        client.close()
        raise
    return client


def check_workers(client, address: str, timeout: float = CONNECT_SECONDS) -> list[dict]:
    """``worker_info`` of every worker; ClusterError when there is none or one runs
    another ae-desktop version."""
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        raise ClusterError(
            f"the Dask scheduler at {address} has no workers: start some with "
            f"'dask worker {address}'"
        ) from None
    try:
        infos = list(client.run(worker_info).values())
    except Exception as exc:  # noqa: BLE001 - e.g. ae-desktop missing on a worker
        raise ClusterError(
            f"the workers of {address} cannot run ae-desktop ({type(exc).__name__}: {exc}): "
            "install it on every worker"
        ) from None
    local = package_version()
    others = sorted({info["version"] for info in infos} - {local})
    if others:
        raise ClusterError(
            f"workers of {address} run ae-desktop {', '.join(others)} but this is "
            f"ae-desktop {local}: install the same version everywhere"
        )
    return infos


def run_on_cluster(
    client,
    tasks: list[RunTask],
    add: Callable[[int, RunOutcome], None],
    cancel: threading.Event,
) -> None:
    """Submit every task, ``add(index, outcome)`` as each finishes; once ``cancel`` is
    set, pending runs are cancelled and running ones stop at their next check."""
    from distributed import Event, KilledWorker, as_completed

    stop_name = f"ae-desktop-stop-{uuid.uuid4().hex}"
    shared = _scatter(client, tasks)
    futures = {
        client.submit(
            _run_remote,
            task.config.to_dict(),
            shared.get(id(task.data), task.data),
            shared.get(id(task.held_out), task.held_out),
            task.denoise_draws,
            stop_name,
            key=f"ae-desktop-run-{index}-{uuid.uuid4().hex}",
            pure=False,
            retries=RETRIES,
        ): index
        for index, task in enumerate(tasks)
    }
    pending = set(futures)
    completed = as_completed(futures, loop=client.loop)
    try:
        while pending and not cancel.is_set():
            batch = completed.next_batch(block=False)
            if not batch:
                time.sleep(POLL_SECONDS)
            for future in sorted(batch, key=futures.__getitem__):
                pending.discard(future)
                try:
                    outcome = future.result()
                except KilledWorker as exc:
                    raise ClusterError(
                        f"run {futures[future] + 1} killed its workers: {exc}"
                    ) from None
                add(futures[future], outcome)
    finally:
        if pending:  # cancelled, or a run failed: stop the rest promptly
            Event(stop_name, client=client).set()
            client.cancel(list(pending))
        client.cancel(list(shared.values()))


def _scatter(client, tasks: list[RunTask]) -> dict:
    """id(array) -> future, for the big arrays of ``tasks``, sent once to every worker."""
    big = {
        id(array): array
        for task in tasks
        for array in (task.data, task.held_out)
        if array is not None and array.nbytes > SCATTER_BYTES
    }
    futures = client.scatter(list(big.values()), broadcast=True, hash=False) if big else []
    return dict(zip(big, futures))


def _run_remote(
    config: dict, data: np.ndarray, held_out: np.ndarray | None, draws: int, stop_name: str
) -> RunOutcome:
    """One run on a worker, stopped early when the client sets the Event ``stop_name``;
    on one training thread, as the workers fill the cores (docs/CLUSTER.md)."""
    from distributed import Event, get_client

    limit_threads(1)

    stop, cancel, done = Event(stop_name, get_client()), threading.Event(), threading.Event()

    def watch() -> None:
        try:
            while not done.is_set():
                if stop.wait(STOP_POLL_SECONDS):
                    cancel.set()
                    return
        except Exception:  # noqa: BLE001 - the scheduler is going away: nothing to stop
            return

    threading.Thread(target=watch, daemon=True).start()
    try:
        return execute(RunTask(TrainConfig.from_dict(config), data, held_out, draws), cancel)
    finally:
        done.set()


def _host_port(address: str) -> tuple[str, int]:
    """(host, port) of ``tcp://HOST:PORT`` or ``HOST:PORT``; ClusterError otherwise."""
    text = address.strip()
    rest = text[len("tcp://") :] if text.startswith("tcp://") else text
    host, _, port = rest.rpartition(":")
    host = host.strip("[]")
    if not host or "/" in rest or not port.isdigit() or not 0 < int(port) < 65536:
        raise ClusterError(f"bad scheduler address {quote(address)}: expected tcp://HOST:PORT")
    return host, int(port)
