"""Status bar for training: messages, epoch, loss, learned count, ETA, progress bar."""

from __future__ import annotations

import math
import time

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

FINAL_MESSAGES = {
    "done": "Finished",
    "target_reached": "Every glyph learned",
    "cancelled": "Stopped",
    "stopped_early": "Stopped early: the test loss stopped improving",
    "diverged": "Diverged: kept the last finite weights",
    "failed": "Training failed",
}


def format_eta(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    if seconds >= 60:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds} s"


class TrainingStatus:
    """Puts a training summary and a progress bar into ``status_bar``.

    Glyphs count as learned within 1 wrong pixel; for a set of curves, where pixels mean
    nothing, the summary gives the largest distance of a reconstructed point from its
    input in plane units (the plane spans -1 to 1) instead, as the report has it (the
    engine measures it; nothing is reconstructed here).

    Elapsed time and ETA count training time only: ``clock`` (seconds) measures it from
    the run's first report, with pauses left out.
    """

    def __init__(self, status_bar: QStatusBar, clock=time.monotonic):
        self.bar = status_bar
        self.clock = clock
        self.summary = QLabel("", status_bar)
        self.progress = QProgressBar(status_bar)
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.setFormat("%p%")
        self.progress.setVisible(False)
        status_bar.addPermanentWidget(self.summary)
        status_bar.addPermanentWidget(self.progress)
        self._last = None
        self._curves = False  # a run on a set of curves
        self._first = None  # (training time, engine seconds, epoch) at the first report
        self._paused_at: float | None = None
        self._paused = 0.0  # seconds paused so far
        self._elapsed = 0.0

    def show_message(self, text: str) -> None:
        self.bar.showMessage(text)

    def clear(self, message: str = "") -> None:
        """Forget the last run's figures (its model or glyph set is gone); show
        ``message``."""
        self._last = None
        self.summary.setText("")
        self.progress.setVisible(False)
        self.bar.showMessage(message)

    def begin(self, epochs: int, curve_run=None) -> None:
        """A run of ``epochs`` starts; ``curve_run`` is its TrainingRun if it trains on
        a set of curves."""
        self._last = self._first = self._paused_at = None
        self._paused = self._elapsed = 0.0
        self._curves = curve_run is not None
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.summary.setText(f"epoch 0/{epochs}")
        self.bar.showMessage("Training… first epoch (kernels compile on their first use)")

    def set_paused(self, paused: bool) -> None:
        if paused and self._paused_at is None:
            self._paused_at = self.clock()
        elif not paused and self._paused_at is not None:
            self._paused += self.clock() - self._paused_at
            self._paused_at = None
        self.bar.showMessage("Paused" if paused else "Training…")

    def _training_time(self) -> float:
        """Clock seconds with the pauses taken out (frozen while paused)."""
        now = self.clock() if self._paused_at is None else self._paused_at
        return now - self._paused

    def _timing(self, report) -> tuple[float, float]:
        """(seconds trained, seconds per epoch) at ``report``; the first report's time
        is the engine's (kernels compiling before it are left out)."""
        if self._first is None:
            self._first = (self._training_time(), report.seconds, report.epoch)
        start, seconds, epoch = self._first
        since = self._training_time() - start
        if report.epoch > epoch:
            return seconds + since, since / (report.epoch - epoch)
        return seconds, report.seconds / max(report.epoch, 1)

    def update(self, report) -> None:
        """Show a TrainReport: epoch, loss, "31/32 within 1 px" (or a curve set's
        largest point error), held-out test, ETA."""
        self._last = report
        self._elapsed, rate = self._timing(report)
        eta = format_eta(rate * (report.epochs - report.epoch))
        if not self._curves:
            learned = f"{report.learned}/{report.n_glyphs} within 1 px{_margin_text(report)}"
            test = _test_text(report)
        else:
            sampled = " (sample)" if report.errors_sampled else ""
            learned = f"max error {report.max_point_error:.3f}{sampled}"
            test = (
                f"test loss {report.test_loss:.4g}, max error {report.test_max_point_error:.3f}   "
                if report.n_test
                else ""
            )
        timing = f"elapsed {format_eta(self._elapsed)}   ETA {eta}"
        self.summary.setText(
            f"epoch {report.epoch}/{report.epochs}   loss {report.loss:.4g}"
            f"   {learned}   {test}{timing}"
        )
        self.progress.setValue(round(1000 * report.epoch / max(report.epochs, 1)))
        if report.status == "running" and self.bar.currentMessage().startswith("Training…"):
            self.bar.showMessage("Training…")

    def finish(self, status: str) -> None:
        self.progress.setVisible(False)
        text = FINAL_MESSAGES.get(status, status)
        report = self._last
        if report is not None:
            text += f" at epoch {report.epoch}: {self._result_text(report)}"
            self.summary.setText(f"epoch {report.epoch}/{report.epochs}   loss {report.loss:.4g}")
        self.bar.showMessage(text)

    def _result_text(self, report) -> str:
        """How well the final model reconstructs the training (and held-out) glyphs."""
        if not self._curves:
            text = (
                f"{report.learned}/{report.n_glyphs} glyphs within 1 px"
                f"{_margin_text(report)}, at most {report.max_errors} wrong, "
                f"{self._elapsed:.1f} s"
            )
            if report.n_test:
                text += f"; held out: {report.test_learned}/{report.n_test} within 1 px"
            return text
        text = (
            f"points within {report.max_point_error:.3f} of their input (plane -1..1), "
            f"{self._elapsed:.1f} s"
        )
        return text + (
            f"; held out: within {report.test_max_point_error:.3f}" if report.n_test else ""
        )


def _test_text(report) -> str:
    """The held-out glyphs' part of the summary, or nothing without a test split."""
    if not report.n_test:
        return ""
    return f"test loss {report.test_loss:.4g}, {report.test_learned}/{report.n_test} ok   "


def _margin_text(report) -> str:
    """ ", margin 0.27": the report's smallest pixel margin (negative: a wrong pixel),
    or nothing when it was not measured (NaN)."""
    margin = report.min_margin
    return "" if math.isnan(margin) else f", margin {margin:.2f}"
