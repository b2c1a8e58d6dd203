"""The Experiments panel: a sweep set up from the current training settings, or one of the
reports' studies, run in the background with progress; results below."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

import numpy as np
from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ae_desktop.engine import ConfigError, TrainConfig
from ae_desktop.engine.experiments import (
    DEFAULT_LEVELS,
    denoising_study,
    generalization_study,
    plan_sweep,
    run_sweep,
)
from ae_desktop.gui.experiments.experiment_chart import ChartSpec
from ae_desktop.gui.experiments.experiment_controller import ExperimentController, on_cluster
from ae_desktop.gui.experiments.experiment_results import ExperimentResults
from ae_desktop.gui.experiments.experiment_setup import ExperimentSetup

# () -> (base config, glyphs it trains on (n, P), every glyph of the set (N, P)); the
# arrays may be read-only views of the set: an experiment gets copies (the set can change)
TrainingSource = Callable[[], tuple[TrainConfig, np.ndarray, np.ndarray]]
DENOISE_DRAWS = 100
ERROR_STYLE = "color: #dc322f;"
MAX_STATUS_CHARS = 200  # the full message is in the tooltip


class ExperimentsPanel(QWidget):
    """Set-up form, Run / study / Cancel buttons, progress, and ExperimentResults."""

    def __init__(
        self,
        training_source: TrainingSource,
        parent=None,
        settings_changed: SignalInstance | None = None,
    ):
        """``settings_changed``: emitted on every change of the training settings, so the
        summary shows what a sweep would use (``refresh`` is the same as a slot)."""
        super().__init__(parent)
        self._training_source = training_source
        self._chart = ChartSpec("", None, "", "")
        self._started = 0.0
        self.controller = ExperimentController(self)
        self.base_label = QLabel(self)
        self.base_label.setWordWrap(True)
        self.base_label.setStyleSheet("color: #586e75;")
        self.setup = ExperimentSetup(self)
        self.run_button = QPushButton(self.tr("Run sweep"), self)
        self.run_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.denoise_button = QPushButton(self.tr("Denoising"), self)
        self.denoise_button.setToolTip(
            self.tr(
                "Wrong pixels vs noise level (0-50 %): denoising model, plain autoencoder "
                "and the nearest clean glyph, trained from these settings"
            )
        )
        self.generalize_button = QPushButton(self.tr("Generalization"), self)
        self.generalize_button.setToolTip(
            self.tr(
                "Train on random subsets of 1/8, 1/4, 1/2 and all of the glyphs and measure "
                "the held-out ones"
            )
        )
        self.progress = QProgressBar(self)
        self.progress.setFormat(self.tr("%v/%m runs"))
        self.progress.setValue(0)
        self.progress.setMaximumWidth(140)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.results = ExperimentResults(self)

        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        studies = QHBoxLayout()
        studies.addWidget(QLabel(self.tr("Studies"), self))
        studies.addWidget(self.denoise_button)
        studies.addWidget(self.generalize_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.base_label)
        layout.addWidget(self.setup)
        layout.addLayout(buttons)
        layout.addLayout(studies)
        progress = QHBoxLayout()
        progress.addWidget(self.progress)
        progress.addWidget(self.status, 1)
        layout.addLayout(progress)
        layout.addWidget(self.results, 1)

        self.setup.edited.connect(self._on_setup_edited)
        self.setup.values.returnPressed.connect(self._on_run_clicked)
        self.run_button.clicked.connect(self._on_run_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.denoise_button.clicked.connect(self._on_denoise_clicked)
        self.generalize_button.clicked.connect(self._on_generalize_clicked)
        self.controller.progressed.connect(self._on_progressed)
        self.controller.finished.connect(self._on_finished)
        self.controller.failed.connect(self._on_failed)
        if settings_changed is not None:
            settings_changed.connect(self.refresh)
        self._set_running(False)

    def shutdown(self) -> None:
        """Cancel a running experiment and wait for it (closing the window)."""
        self.controller.shutdown()
        self._set_running(False)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Show the training settings as they are now: call on any change of them (a
        hidden panel waits for its showEvent: reading the set copies every glyph)."""
        if self.isVisible() and not self.controller.is_running():
            self._on_setup_edited()

    def _sweep_plan(self):
        """(base, variations, data, runs) of the sweep as set up, or ConfigError."""
        base, data, _ = self._training_source()
        if len(data) == 0:
            raise ConfigError(self.tr("the glyph set is empty: add glyphs to train on"))
        variations = self.setup.variations()
        self.setup.scheduler_address()  # a missing address disables Run too
        plan = plan_sweep(base, variations, self.setup.repeats.value(), data.shape[1])
        return base, variations, data, len(plan)

    def _on_setup_edited(self) -> None:
        base, data, _ = self._training_source()
        model = {
            "dae": self.tr("dae (noise {0})").format(base.noise or self.tr("none")),
            "vae": self.tr("vae (β {0})").format(f"{base.beta:g}"),
        }.get(base.model, base.model)
        self.base_label.setText(
            self.tr(
                "From the training settings: {0} {1}, {2}, {3} lr {4}, {5} epochs, %n glyphs",
                "",
                len(data),
            ).format(model, base.arch, base.activation, base.optimizer, f"{base.lr:g}", base.epochs)
        )
        try:
            runs = self._sweep_plan()[3]
        except ConfigError as exc:
            self.setup.show_error(str(exc))
            self.run_button.setEnabled(False)
            return
        self.setup.show_error("")
        self.run_button.setText(self.tr("Run sweep (%n runs)", "", runs))
        self.run_button.setEnabled(not self.controller.is_running())

    def _on_run_clicked(self) -> None:
        if not self.run_button.isEnabled():
            return
        try:
            base, variations, data, runs = self._sweep_plan()
        except ConfigError as exc:
            self.setup.show_error(str(exc))
            return
        fields = [v.field for v in variations]
        repeats = self.setup.repeats.value()
        experiment = partial(
            run_sweep, base, variations, data.copy(), repeats, self.setup.workers.value()
        )
        self._start(
            experiment,
            runs,
            ChartSpec(
                fields[0],
                fields[1] if len(fields) > 1 else None,
                "learned",
                self.tr("Sweep of {0}, %n seeds", "", repeats).format(" × ".join(fields)),
            ),
        )

    def _on_denoise_clicked(self) -> None:
        base, data, _ = self._training_source()
        repeats = self.setup.repeats.value()
        experiment = partial(
            denoising_study,
            base,
            data.copy(),
            DEFAULT_LEVELS,
            "saltpepper",
            DENOISE_DRAWS,
            repeats,
            self.setup.workers.value(),
        )
        self._start(
            experiment,
            2 * repeats,
            ChartSpec(
                "noise",
                "model",
                "mean_errors",
                self.tr(
                    "Denoising vs salt & pepper noise, %n seeds, {0} draws", "", repeats
                ).format(DENOISE_DRAWS),
            ),
        )

    def _on_generalize_clicked(self) -> None:
        base, _, glyphs = self._training_source()
        n, repeats = len(glyphs), self.setup.repeats.value()
        sizes = sorted({max(1, n * k // 8) for k in (1, 2, 4, 8)})
        experiment = partial(
            generalization_study, base, glyphs.copy(), sizes, repeats, self.setup.workers.value()
        )
        self._start(
            experiment,
            len(sizes) * repeats,
            ChartSpec(
                "train_size",
                None,
                "held_out_mean_errors",
                self.tr("Held-out glyphs vs training-set size, %n seeds", "", repeats),
            ),
        )

    def _start(self, experiment, runs: int, chart: ChartSpec) -> None:
        try:
            address = self.setup.scheduler_address()
        except ConfigError as exc:
            self._show_status(str(exc), error=True)
            return
        self.setup.remember_run_on()
        if address is not None:
            experiment = partial(on_cluster, address, experiment)
        self._chart = chart
        self._started = time.monotonic()
        self.progress.setRange(0, runs)
        self.progress.setValue(0)
        self._show_status(
            self.tr("Starting…") if address is None else self.tr("Starting on {0}…").format(address)
        )
        self._set_running(True)
        self.controller.start(experiment)

    def _on_cancel_clicked(self) -> None:
        self.controller.stop()
        self.cancel_button.setEnabled(False)
        self._show_status(self.tr("Cancelling…"))

    def _on_progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        if done == total and self._chart.x == "noise":
            self._show_status(self.tr("Measuring %n noise levels…", "", len(DEFAULT_LEVELS)))
        elif self.cancel_button.isEnabled():  # else "Cancelling…" stays
            self._show_status(self.tr("{0}/{1} runs finished…").format(done, total))

    def _on_finished(self, table) -> None:
        self._set_running(False)
        self.results.show_table(table, self._chart, getattr(table, "loss_curves", None))
        seconds = time.monotonic() - self._started
        done = self.progress.value()
        if table.cancelled:
            self._show_status(
                self.tr("Cancelled: {0} of {1} runs finished.").format(
                    done, self.progress.maximum()
                )
            )
        else:
            self._show_status(self.tr("Done: %n runs in {0} s.", "", done).format(f"{seconds:.1f}"))

    def _on_failed(self, message: str) -> None:
        self._set_running(False)
        short = " ".join(message.split())  # engine messages can span many lines
        if len(short) > MAX_STATUS_CHARS:
            short = short[: MAX_STATUS_CHARS - 1] + "…"
        self._show_status(self.tr("The experiment failed: {0}").format(short), error=True)
        self.status.setToolTip(message)

    def _show_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setToolTip("")
        self.status.setStyleSheet(ERROR_STYLE if error else "")

    def _set_running(self, running: bool) -> None:
        self.setup.setEnabled(not running)
        for button in (self.denoise_button, self.generalize_button):
            button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        if running:
            self.run_button.setEnabled(False)
        else:
            self._on_setup_edited()
