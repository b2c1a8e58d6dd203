"""Quasi-Newton, conjugate-gradient and Powell training (scipy.optimize on the flat
parameters).

The course's report 003 trained with BFGS, CG and Powell; L-BFGS-B keeps BFGS's
behaviour in memory linear in the number of parameters, full BFGS and Powell hold n x n
matrices (config.DENSE_MAX_PARAMS). Powell uses no gradient: an iteration is a line
search along every parameter's direction, seconds for a big network. scipy runs one
uninterrupted optimisation in a worker thread that pauses after every iteration until
the trainer asks for the next, so progress reports and cancellation never restart its
search; a cancel also ends an iteration midway (the objective raises). Weight decay adds
its L2 penalty to the objective.
"""

from __future__ import annotations

import queue
import threading

import numpy as np

from ae_desktop.engine import compiled_train
from ae_desktop.engine.batch_plan import BatchPlan
from ae_desktop.engine.compute_threads import parallel_call
from ae_desktop.engine.config import TrainConfig
from ae_desktop.engine.metrics import pixel_margins, wrong_pixels
from ae_desktop.engine.model import Autoencoder
from ae_desktop.engine.train_records import StopRule, TrainSettings

SCIPY_METHODS = {"lbfgs": "L-BFGS-B", "cg": "CG", "bfgs": "BFGS", "powell": "Powell"}
THREAD_NAME = "ae-desktop scipy optimizer"
WAIT_SECONDS = 0.05  # how often a trainer waiting for an iteration looks at its cancel


class _Stop(Exception):
    """Raised inside scipy's callback to end the optimisation."""


class QuasiNewton:
    """Advances ``model`` by iterations of scipy's optimizer; one iteration = one epoch.

    A denoising model's corrupted inputs are drawn once, so scipy minimises one fixed,
    deterministic objective. ``cancel`` set, ``advance`` returns without waiting for
    the iteration under way.
    """

    max_chunk = 5000
    pass_errors = None  # no wrong pixels counted in its passes: reports reconstruct

    def __init__(
        self,
        model: Autoencoder,
        data: np.ndarray,
        config: TrainConfig,
        rng: np.random.Generator,
        cancel: threading.Event | None = None,
    ):
        self.model = model
        self.data = data
        self.plan = BatchPlan(data, config, model.arch, rng)
        self.inputs = self.plan.draw(1)[0][0]
        self.method = SCIPY_METHODS[config.optimizer]
        self.settings = TrainSettings.of(config)._replace(beta=0.0)
        self.max_iterations = config.epochs
        self.stop = StopRule.of(config, data)
        self._go = threading.Semaphore(0)
        self._messages: queue.Queue = queue.Queue()
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._cancel = cancel or threading.Event()

    def _objective(self, x: np.ndarray):
        if self._stopping:
            raise _Stop
        grad = np.empty_like(x)
        table = self.model.arch.layout.table
        with parallel_call(table) as parallel:
            value = compiled_train.loss_gradient(
                table,
                x,
                grad,
                self.settings,
                self.inputs,
                self.plan.targets,
                np.zeros((len(self.inputs), 0)),
                np.zeros(2),
                parallel,
            )
        return value, grad

    def _optimise(self) -> None:
        from scipy.optimize import minimize  # 0.5 s to import: only when used

        def on_iteration(intermediate_result):  # scipy passes x and its loss by this name
            self._go.acquire()
            if self._stopping:
                raise _Stop
            self._messages.put(("iteration", intermediate_result))

        gradient = self.method != "Powell"
        try:
            result = minimize(
                self._objective if gradient else lambda x: self._objective(x)[0],
                self.model.theta.copy(),
                jac=gradient,
                method=self.method,
                callback=on_iteration,
                options={"maxiter": self.max_iterations},
            )
            self._messages.put(("finished", result))
        except _Stop:
            pass
        except Exception as exc:  # noqa: BLE001 - handed to the trainer's thread
            self._messages.put(("error", exc))

    def advance(self, n_epochs: int) -> tuple[np.ndarray, str]:
        """Run up to ``n_epochs`` iterations; returns (per-iteration losses, running |
        done | diverged | target_reached)."""
        if n_epochs == 0:
            self._objective(self.model.theta)  # compiles or loads the kernel
            return np.zeros((0, 3)), "running"
        if self._thread is None:
            self._thread = threading.Thread(target=self._optimise, name=THREAD_NAME, daemon=True)
            self._thread.start()
        losses: list[float] = []
        status = "running"
        while len(losses) < n_epochs and status == "running":
            self._go.release()
            while True:
                try:
                    kind, payload = self._messages.get(timeout=WAIT_SECONDS)
                    break
                except queue.Empty:
                    if self._cancel.is_set():
                        return self._losses(losses), "running"  # the run reports cancelled
            if kind == "error":
                raise payload
            x, value = payload.x.copy(), float(payload.fun)
            if not (np.isfinite(value) and np.all(np.isfinite(x))):
                return self._losses(losses), "diverged"
            self.model.theta[:] = x
            if kind == "iteration" or not losses:
                losses.append(value)
            if kind == "finished":
                status = "done"
            elif self.stop.target >= 0 and self._target_reached():
                status = "target_reached"
        return self._losses(losses), status

    def _target_reached(self) -> bool:
        output = self.model.reconstruct(self.data)
        return self.stop.reached(
            int(wrong_pixels(output, self.data).max()), pixel_margins(output, self.data)[1]
        )

    @staticmethod
    def _losses(values: list[float]) -> np.ndarray:
        column = np.array(values, dtype=float)
        return np.column_stack([column, column, np.zeros_like(column)])

    def close(self) -> None:
        """End the worker thread (if scipy is still paused inside an iteration)."""
        if self._thread is not None and self._thread.is_alive():
            self._stopping = True
            self._go.release()
            self._thread.join()
