"""Training as a generator of progress reports: what the CLI prints and the GUI's worker drives."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from ae_desktop.engine import compiled_train as kernel
from ae_desktop.engine.batch_plan import BatchPlan
from ae_desktop.engine.compiled_evaluate import CHECK_ROWS, stop_check
from ae_desktop.engine.compute_threads import parallel_call, training_threads
from ae_desktop.engine.config import QUASI_NEWTON_OPTIMIZERS, ConfigError, TrainConfig
from ae_desktop.engine.glyph_kinds import CURVE, PIXELS, GlyphKind
from ae_desktop.engine.held_out import HeldOutSet, split_rows
from ae_desktop.engine.metrics import learned_count
from ae_desktop.engine.model import Autoencoder
from ae_desktop.engine.quasi_newton import QuasiNewton
from ae_desktop.engine.train_records import OptimizerState, StopRule, TrainSettings

MAX_CHUNK_EPOCHS = 5000
ERROR_ROWS = 4 * CHECK_ROWS  # rows per task of the whole-set count: four stop-check blocks
# the compiled stop check releases the GIL: a big set's count (once, at the end) runs a
# block per training thread (compute_threads: a sweep worker has one; BLAS runs one
# thread, see runtime_env), at most this many at once; smaller sets, counted at every
# report, keep one thread
MAX_ERROR_THREADS = 8
KERNEL_STATUS = {
    kernel.RUNNING: "running",
    kernel.DIVERGED: "diverged",
    kernel.TARGET_REACHED: "target_reached",
}
TEST_TIME_SHARE = 0.1  # timed reports skip the test loss while it would cost more than this
# A big set (rows x parameters at least this: an epoch of about 10 ms or more) gets a
# timed report after every epoch, with the test loss, and wrong pixels counted in the
# epoch's own passes (a curve set's point errors in a fixed sample of SAMPLE_ROWS rows);
# the whole set is reconstructed once, for the last report.
BIG_SET_WORK = 2**24
SAMPLE_ROWS = 1024


@dataclass
class TrainReport:
    """Progress after ``epoch`` of ``epochs`` epochs (a copy: safe to keep or send).

    Errors, ``learned`` and ``n_glyphs`` count the training rows; the ``test_`` fields
    the held-out rows (NaN loss and no rows without a test split), as of the last test
    evaluation; ``new_test_losses`` (0 or 1, 2) is [epoch, test loss] if this report
    evaluated the test rows. ``errors_exact`` is False when the errors were counted in
    the last epoch's own training passes (big sets, before the last report; then the
    margins are NaN and False). ``min_margin`` is metrics.pixel_margins's signed margin.
    ``max_point_error`` (``test_``: of the held-out rows, as of the last test evaluation)
    is a curve run's largest plane distance of an output point from its input (NaN for
    pixel sets); ``errors_sampled`` says it came from a fixed sample of rows (big sets,
    before the last report). A float32 run's errors are counted in float32, as its stop
    rule counts them.
    ``best_test_epoch`` is the epoch of the lowest test loss so far (-1: none); status
    ``stopped_early`` says config.early_stop epochs passed without a lower one.
    """

    epoch: int
    epochs: int
    loss: float
    recon_loss: float
    kl_loss: float
    errors_per_glyph: np.ndarray
    learned: int
    n_glyphs: int
    max_errors: int
    seconds: float
    status: str
    new_losses: np.ndarray
    theta: np.ndarray
    test_loss: float = math.nan
    test_errors_per_glyph: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    test_learned: int = 0
    n_test: int = 0
    new_test_losses: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    errors_exact: bool = True  # False: counted in the last epoch's training passes
    min_margin: float = math.nan  # smallest |output - 0.5|, negative when wrong (exact errors)
    margin_reached: bool = False  # every right pixel at least config.target_margin from 0.5
    best_test_epoch: int = -1
    best_test_loss: float = math.nan
    max_point_error: float = math.nan
    test_max_point_error: float = math.nan
    errors_sampled: bool = False

    @property
    def finished(self) -> bool:
        return self.status != "running"


class TrainingRun:
    """One training run of ``config`` on ``data`` (n, P) in [0, 1], float64 or float32.

    ``model`` starts from a given Autoencoder (continued training) or a fresh one drawn
    from ``config.seed``. All randomness (test split, weights, noise, shuffling, VAE
    samples) comes from one ``np.random.Generator`` seeded with ``config.seed``; the split
    is drawn first, so the same seed, fraction and data give the same split.
    ``config.test_fraction`` of the rows (``test_indices`` into ``data``) are held out:
    never trained on, their loss recorded in ``test_history`` (see held_out.py).
    Continuing ``model``, ``history`` (k, 3) and ``test_history`` (j, 2) are its earlier
    loss curves: this run's ``history`` and ``test_history`` carry them on, and its test
    epochs (in reports too) count on from them. ``kind`` is the glyph set's (CURVE:
    reports give the largest point distances).
    """

    def __init__(
        self,
        config: TrainConfig,
        data: np.ndarray,
        model: Autoencoder | None = None,
        history: np.ndarray | None = None,
        test_history: np.ndarray | None = None,
        kind: GlyphKind = PIXELS,
    ):
        data = np.asarray(data)
        # float32 data (8-bit image sets) stays float32: 60,000 MNIST rows are 188 MB so
        data = np.ascontiguousarray(data, np.float32 if data.dtype == np.float32 else np.float64)
        if data.ndim != 2 or len(data) == 0:
            raise ConfigError(
                f"training data must be a non-empty (n, pixels) array, got shape {data.shape}"
            )
        if not (data.min() >= 0 and data.max() <= 1):  # NaN fails both: one pass each
            raise ConfigError("training data must hold values in 0..1")
        arch = config.architecture(data.shape[1])
        if model is not None and model.arch != arch:
            raise ConfigError(
                f"the model is {model.arch.text} ({model.arch.kind}) but the "
                f"settings ask for {arch.text} ({arch.kind})"
            )
        self.config = config
        self.kind = kind
        self.rng = np.random.default_rng(config.seed)
        self.train_indices, self.test_indices = split_rows(
            len(data), config.test_fraction, self.rng
        )
        self.data = data[self.train_indices] if len(self.test_indices) else data
        self.held_out = HeldOutSet(
            data[self.test_indices], arch, config.loss, config.beta, config.precision
        )
        self.model = (
            model.copy()
            if model is not None
            else Autoencoder.initialize(arch, config.init, self.rng)
        )
        self._earlier = np.zeros((0, 3)) if history is None else np.asarray(history, float)
        self._earlier_test = (
            np.zeros((0, 2)) if test_history is None else np.asarray(test_history, float)
        )
        if (
            self._earlier.ndim != 2
            or self._earlier.shape[1] != 3
            or self._earlier_test.ndim != 2
            or self._earlier_test.shape[1] != 2
        ):
            raise ConfigError("earlier histories must be (k, 3) and (j, 2) arrays")
        self._losses: list[np.ndarray] = [self._earlier]
        self._last_losses = np.full(3, np.nan)
        self._test_losses: list[tuple[int, float]] = []
        self._test_cost = 0.0  # seconds of the last test evaluation
        self._test_done_at = -math.inf  # perf_counter() when it ended
        self.epoch = 0
        self.big = len(self.data) * arch.n_params >= BIG_SET_WORK
        self.margins = np.full(2, np.nan)  # of the last errors()
        self.early_stop = EarlyStop(config.early_stop)
        self._test_point_error = math.nan  # at the last test evaluation (curve runs)

    @property
    def history(self) -> np.ndarray:
        """(earlier epochs + epochs run, 3) per-epoch mean [total, reconstruction, kl]."""
        return np.concatenate(self._losses)

    @property
    def test_history(self) -> np.ndarray:
        """(evaluations, 2) [epoch, mean total loss of the held-out rows]."""
        return np.concatenate([self._earlier_test, self._on_earlier(self._test_losses)])

    def _on_earlier(self, test_losses) -> np.ndarray:
        """[epoch of this run, loss] rows with epochs counted on from the earlier runs."""
        return np.array(test_losses, dtype=np.float64).reshape(-1, 2) + [len(self._earlier), 0]

    def errors(self) -> np.ndarray:
        """Wrong pixels per training glyph of the current model on the clean data, as
        ``metrics.wrong_pixels`` of its reconstruction counts them, computed in the
        training precision, as the stop rule counts them (float32: about a quarter less
        CPU than float64 for the VAE on 60,000 digits); ``margins`` gets [signed,
        right-pixel] margins of it, as metrics.pixel_margins has them."""
        errors = np.zeros(len(self.data), dtype=np.int64)
        starts = range(0, len(self.data), ERROR_ROWS)
        margins = np.zeros((len(starts), 2))  # of each block
        dtype = np.dtype(self.config.precision)
        layout, theta = self.model.arch.layout.table, self.model.theta.astype(dtype)

        def check(i: int) -> None:  # copies the block, unless already in ``dtype``
            rows = np.asarray(self.data[starts[i] : starts[i] + ERROR_ROWS], dtype=dtype)
            stop_check(theta, layout, rows, errors[starts[i] : starts[i] + ERROR_ROWS], margins[i])

        threads = min(MAX_ERROR_THREADS, training_threads(), len(starts)) if self.big else 1
        if threads == 1:
            for i in range(len(starts)):
                check(i)
        else:
            with ThreadPoolExecutor(threads) as pool:
                list(pool.map(check, range(len(starts))))
        self.margins = margins.min(axis=0)
        return errors

    def largest_point_error(self, rows: np.ndarray, whole: bool) -> float:
        """The largest plane distance of a reconstructed point of ``rows`` (curves) from
        its input; unless ``whole``, in SAMPLE_ROWS rows spread evenly over them (NaN
        without rows)."""
        if not len(rows):
            return math.nan
        if not whole and len(rows) > SAMPLE_ROWS:
            rows = rows[np.linspace(0, len(rows) - 1, SAMPLE_ROWS).astype(np.int64)]
        return float(CURVE.errors(self.model.reconstruct(rows), rows).max())

    def reports(
        self,
        cancel: threading.Event | None = None,
        report_seconds: float = 0.03,
        report_every: int | None = None,
    ) -> Iterator[TrainReport]:
        """Train, yielding a report every ``report_every`` epochs if given, else about
        every ``report_seconds``; the last one has a final status: done, target_reached,
        cancelled or diverged."""
        config = self.config
        stepper: QuasiNewton | _GradientStepper
        if config.optimizer in QUASI_NEWTON_OPTIMIZERS:
            stepper = QuasiNewton(self.model, self.data, config, self.rng, cancel)
        else:
            stepper = _GradientStepper(self.model, self.data, config, self.rng)
        try:
            yield from self._train(stepper, cancel, report_seconds, report_every)
        finally:
            stepper.close()

    def _train(self, stepper, cancel, report_seconds, report_every) -> Iterator[TrainReport]:
        stepper.advance(0)  # compiles or loads the kernels before the clock starts
        self.held_out.prepare(self.model.theta)
        start = time.perf_counter()
        chunk, status = report_every or 1, "running"
        check = self.early_stop.check_every if len(self.held_out) else 0
        while status == "running":
            if cancel is not None and cancel.is_set():
                new_test = self._evaluate_test(True, True)
                yield self._report(np.zeros((0, 3)), start, "cancelled", new_test, None)
                return
            n = min(chunk, self.config.epochs - self.epoch, stepper.max_chunk)
            if check:  # chunks end at the epochs where the test loss is checked
                n = min(n, check - self.epoch % check)
            t0 = time.perf_counter()
            losses, status = stepper.advance(n)
            elapsed = time.perf_counter() - t0
            self.epoch += len(losses)
            self._losses.append(losses)
            if len(losses):
                self._last_losses = losses[-1]
            if status == "running" and self.epoch >= self.config.epochs:
                status = "done"
            checkpoint = bool(check) and self.epoch % check == 0
            new_test = self._evaluate_test(
                report_every is not None or self.big or checkpoint, status != "running"
            )
            if self.early_stop.update(new_test) and status == "running":
                status = "stopped_early"
            yield self._report(
                losses, start, status, new_test, stepper.pass_errors if self.big else None
            )
            if report_every is None and not self.big:
                per_epoch = elapsed / max(n, 1)
                chunk = int(np.clip(report_seconds / max(per_epoch, 1e-9), 1, MAX_CHUNK_EPOCHS))

    def _evaluate_test(self, every_report: bool, final: bool) -> np.ndarray:
        """[[epoch, test loss]] if the test rows are evaluated now, else (0, 2): at the
        end, at every report when reports are counted in epochs, otherwise while it
        costs at most TEST_TIME_SHARE of the time."""
        now = time.perf_counter()
        due = (
            final or every_report or (now - self._test_done_at) * TEST_TIME_SHARE >= self._test_cost
        )
        fresh = not self._test_losses or self._test_losses[-1][0] != self.epoch
        if not (len(self.held_out) and due and fresh):
            return np.zeros((0, 2))
        loss = float(self.held_out.evaluate(self.model.theta)[0])
        self._test_done_at = time.perf_counter()
        self._test_cost = self._test_done_at - now
        self._test_losses.append((self.epoch, loss))
        return self._on_earlier([(self.epoch, loss)])

    def _report(
        self,
        new_losses: np.ndarray,
        start: float,
        status: str,
        new_test: np.ndarray,
        pass_errors: np.ndarray | None,
    ) -> TrainReport:
        """The report of ``status`` after the epochs of ``new_losses``; ``new_test`` the
        test losses evaluated for it (see _evaluate_test)."""
        final = status != "running"
        exact = final or pass_errors is None or not len(pass_errors)
        if exact or pass_errors is None:
            errors, margins = self.errors(), self.margins
        else:
            errors, margins = pass_errors.copy(), np.full(2, np.nan)
        last = self._last_losses
        held_out = self.held_out
        sampled = self.kind is CURVE and self.big and not final
        point_error = math.nan
        if self.kind is CURVE:
            point_error = self.largest_point_error(self.data, not sampled)
            if len(new_test) or final:
                self._test_point_error = self.largest_point_error(held_out.data, not sampled)
        return TrainReport(
            epoch=self.epoch,
            epochs=self.config.epochs,
            loss=float(last[0]),
            recon_loss=float(last[1]),
            kl_loss=float(last[2]),
            errors_per_glyph=errors,
            learned=learned_count(errors),
            n_glyphs=len(errors),
            max_errors=int(errors.max()),
            seconds=time.perf_counter() - start,
            status=status,
            new_losses=new_losses.copy(),
            theta=self.model.theta.copy(),
            test_loss=self._test_losses[-1][1] if self._test_losses else math.nan,
            test_errors_per_glyph=held_out.errors.copy(),
            test_learned=held_out.learned(),
            n_test=len(held_out),
            new_test_losses=new_test,
            errors_exact=exact,
            min_margin=float(margins[0]),
            margin_reached=bool(margins[1] >= self.config.target_margin),
            best_test_epoch=self.early_stop.best_epoch,
            best_test_loss=self.early_stop.best_loss
            if self.early_stop.best_epoch >= 0
            else math.nan,
            max_point_error=point_error,
            test_max_point_error=self._test_point_error,
            errors_sampled=sampled,
        )


class EarlyStop:
    """Early stopping on the test loss: stops once the test loss has not gone below its
    lowest for ``patience`` epochs (0: never), checked every ``check_every`` epochs
    (a tenth of the patience, at least 1) so that where a run stops does not depend on
    the timing of its reports."""

    def __init__(self, patience: int):
        self.patience = patience
        self.check_every = max(1, math.ceil(patience / 10)) if patience else 0
        self.best_loss, self.best_epoch = math.inf, -1

    def update(self, new_test: np.ndarray) -> bool:
        """Take the [epoch, loss] rows just evaluated; True when it is time to stop."""
        for epoch, loss in new_test:
            if loss < self.best_loss:
                self.best_loss, self.best_epoch = float(loss), int(epoch)
        return bool(self.patience and len(new_test)) and (
            new_test[-1, 0] - self.best_epoch >= self.patience
        )


class _GradientStepper:
    """Runs chunks of first-order epochs (SGD, momentum, Adam) in the Numba kernel."""

    def __init__(
        self, model: Autoencoder, data: np.ndarray, config: TrainConfig, rng: np.random.Generator
    ):
        self.model = model
        arch = model.arch
        self.plan = BatchPlan(data, config, arch, rng)
        # float32 trains a working copy; the model keeps float64 parameters
        self.theta = (
            model.theta if config.precision == "float64" else model.theta.astype(config.precision)
        )
        self.state = OptimizerState.zeros(self.theta)
        self.settings = TrainSettings.of(config)
        self.max_chunk = self.plan.max_epochs()
        # the plan's first targets (the data) are the glyphs of the stop check
        self.stop = StopRule.of(config, data)
        self.epochs_run = 0
        self.pass_errors = np.zeros(len(data), dtype=np.int64)

    def advance(self, n_epochs: int) -> tuple[np.ndarray, str]:
        """Train up to ``n_epochs``; returns (per-epoch losses, running | diverged |
        target_reached)."""
        theta = self.theta
        losses = np.zeros((n_epochs, 3))
        batches = self.plan.batches(n_epochs)
        table = self.model.arch.layout.table
        with parallel_call(table) as parallel:
            done, code = kernel.train_epochs(
                table,
                theta,
                self.state,
                self.settings,
                batches,
                losses,
                self.stop._replace(first_epoch=self.epochs_run),
                self.pass_errors,
                parallel,
            )
        self.epochs_run += done
        if theta is not self.model.theta:
            self.model.theta[:] = theta
        return losses[:done], KERNEL_STATUS[code]

    def close(self) -> None:
        """Nothing to release: the kernel returns between chunks."""


def train(
    config: TrainConfig,
    data: np.ndarray,
    model: Autoencoder | None = None,
    cancel: threading.Event | None = None,
) -> tuple[Autoencoder, TrainReport, np.ndarray]:
    """Run training to the end: (model, final report, loss history (epochs, 3))."""
    run = TrainingRun(config, data, model)
    report = deque(run.reports(cancel), maxlen=1).pop()  # the final one
    return run.model, report, run.history
