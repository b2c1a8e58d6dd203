"""Status bar for training: messages, epoch, loss, learned count, ETA, progress bar."""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from ae_desktop.gui.number_text import fixed, significant

FINAL_MESSAGES = {
    "done": QT_TRANSLATE_NOOP("TrainingStatus", "Finished"),
    "target_reached": QT_TRANSLATE_NOOP("TrainingStatus", "Every glyph learned"),
    "cancelled": QT_TRANSLATE_NOOP("TrainingStatus", "Stopped"),
    "stopped_early": QT_TRANSLATE_NOOP(
        "TrainingStatus", "Stopped early: the test loss stopped improving"
    ),
    "diverged": QT_TRANSLATE_NOOP("TrainingStatus", "Diverged: kept the last finite weights"),
    "failed": QT_TRANSLATE_NOOP("TrainingStatus", "Training failed"),
}


def format_eta(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    if seconds >= 60:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds} s"


class TrainingStatus(QObject):
    """Puts a training summary and a progress bar into ``status_bar``.

    Glyphs count as learned within 1 wrong pixel; for a set of curves, where pixels mean
    nothing, the summary gives the largest distance of a reconstructed point from its
    input in plane units (the plane spans -1 to 1) instead, as the report has it (the
    engine measures it; nothing is reconstructed here).

    Elapsed time and ETA count training time only: ``clock`` (seconds) measures it from
    the run's first report, with pauses left out.
    """

    def __init__(self, status_bar: QStatusBar, clock=time.monotonic):
        super().__init__(status_bar)
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
        self.summary.setText(
            QCoreApplication.translate("TrainingStatus", "epoch {0}/{1}").format(0, epochs)
        )
        self.bar.showMessage(
            QCoreApplication.translate(
                "TrainingStatus", "Training… first epoch (kernels compile on their first use)"
            )
        )

    def set_paused(self, paused: bool) -> None:
        if paused and self._paused_at is None:
            self._paused_at = self.clock()
        elif not paused and self._paused_at is not None:
            self._paused += self.clock() - self._paused_at
            self._paused_at = None
        self.bar.showMessage(
            QCoreApplication.translate("TrainingStatus", "Paused")
            if paused
            else QCoreApplication.translate("TrainingStatus", "Training…")
        )

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
            learned = QCoreApplication.translate("TrainingStatus", "{0}/{1} within 1 px{2}").format(
                report.learned, report.n_glyphs, _margin_text(report)
            )
            test = _test_text(report)
        else:
            learned = (
                QCoreApplication.translate("TrainingStatus", "max error {0} (sample)")
                if report.errors_sampled
                else QCoreApplication.translate("TrainingStatus", "max error {0}")
            ).format(fixed(report.max_point_error, 3))
            test = (
                QCoreApplication.translate(
                    "TrainingStatus", "test loss {0}, max error {1}   "
                ).format(significant(report.test_loss, 4), fixed(report.test_max_point_error, 3))
                if report.n_test
                else ""
            )
        timing = QCoreApplication.translate("TrainingStatus", "elapsed {0}   ETA {1}").format(
            format_eta(self._elapsed), eta
        )
        self.summary.setText(f"{_epoch_text(report)}   {learned}   {test}{timing}")
        self.progress.setValue(round(1000 * report.epoch / max(report.epochs, 1)))
        training = QCoreApplication.translate("TrainingStatus", "Training…")
        if report.status == "running" and self.bar.currentMessage().startswith(training):
            self.bar.showMessage(training)

    def finish(self, status: str) -> None:
        self.progress.setVisible(False)
        text = (
            QCoreApplication.translate("TrainingStatus", FINAL_MESSAGES[status])
            if status in FINAL_MESSAGES
            else status
        )
        report = self._last
        if report is not None:
            text = QCoreApplication.translate("TrainingStatus", "{0} at epoch {1}: {2}").format(
                text, report.epoch, self._result_text(report)
            )
            self.summary.setText(_epoch_text(report))
        self.bar.showMessage(text)

    def _result_text(self, report) -> str:
        """How well the final model reconstructs the training (and held-out) glyphs."""
        seconds = fixed(self._elapsed, 1)
        if not self._curves:
            text = self.tr(
                "{0}/%n glyphs within 1 px{1}, at most {2} wrong, {3} s", "", report.n_glyphs
            )
            text = text.format(report.learned, _margin_text(report), report.max_errors, seconds)
            if report.n_test:
                text += QCoreApplication.translate(
                    "TrainingStatus", "; held out: {0}/{1} within 1 px"
                ).format(report.test_learned, report.n_test)
            return text
        text = QCoreApplication.translate(
            "TrainingStatus", "points within {0} of their input (plane -1..1), {1} s"
        ).format(fixed(report.max_point_error, 3), seconds)
        if report.n_test:
            text += QCoreApplication.translate("TrainingStatus", "; held out: within {0}").format(
                fixed(report.test_max_point_error, 3)
            )
        return text


def _test_text(report) -> str:
    """The held-out glyphs' part of the summary, or nothing without a test split."""
    if not report.n_test:
        return ""
    return QCoreApplication.translate("TrainingStatus", "test loss {0}, {1}/{2} ok   ").format(
        significant(report.test_loss, 4), report.test_learned, report.n_test
    )


def _epoch_text(report) -> str:
    """ "epoch 120/2000   loss 0.0123" """
    return QCoreApplication.translate("TrainingStatus", "epoch {0}/{1}   loss {2}").format(
        report.epoch, report.epochs, significant(report.loss, 4)
    )


def _margin_text(report) -> str:
    """ ", margin 0.27": the report's smallest pixel margin (negative: a wrong pixel),
    or nothing when it was not measured (NaN)."""
    margin = report.min_margin
    return (
        ""
        if math.isnan(margin)
        else QCoreApplication.translate("TrainingStatus", ", margin {0}").format(fixed(margin, 2))
    )
