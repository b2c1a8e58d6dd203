"""The sweep form: one or two settings to vary and their values (parsed as typed, with the
engine's message shown inline), repeats, and where the runs go: worker processes on this
computer or a Dask scheduler's workers (remembered in the settings)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QSpinBox, QWidget

from ae_desktop.engine import ConfigError
from ae_desktop.engine.experiments import (
    Variation,
    default_workers,
    parse_variation,
    variable_fields,
)
from ae_desktop.gui.stored_settings import MAX_TEXT, stored_flag
from ae_desktop.gui.training.training_panel import combo_box

NO_SECOND = "(none)"  # the second field's key for no second field
EXAMPLES = {
    "lr": "0.0005, 0.005, 0.05",
    "arch": "35-16-2, 35-30-15-2",
    "epochs": "1000, 5000, 20000",
    "activation": "tanh, sigmoid, relu",
    "optimizer": "sgd, momentum, adam",
    "loss": "bce, mse",
    "batch_size": "0, 8",
    "noise": "saltpepper:0.05, saltpepper:0.2",
}
LOCAL, SCHEDULER = "local", "scheduler"
ON_SCHEDULER_KEY, ADDRESS_KEY = "experiments/on_scheduler", "experiments/scheduler"


class ExperimentSetup(QWidget):
    """Builds the sweep's Variations; ``edited`` after every change."""

    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        fields = variable_fields()
        self.field = combo_box(self, [(f, f) for f in fields])
        self.field.setCurrentText("lr")
        self.values = QLineEdit("0.0005, 0.005", self)
        none = QT_TRANSLATE_NOOP("ExperimentSetup", "(none)")
        self.second_field = combo_box(
            self, [(NO_SECOND, none), *((f, f) for f in fields)], "ExperimentSetup"
        )
        self.second_values = QLineEdit(self)
        self.repeats = QSpinBox(self, minimum=1, maximum=100, value=3)
        self.repeats.setToolTip(self.tr("Runs per point, with seeds seed, seed+1, …"))
        self.workers = QSpinBox(
            self, minimum=1, maximum=max(64, default_workers()), value=default_workers()
        )
        self.workers.setToolTip(self.tr("Training processes in parallel (one per core is fastest)"))
        self.run_on = combo_box(
            self,
            [
                (LOCAL, QT_TRANSLATE_NOOP("ExperimentSetup", "this computer")),
                (SCHEDULER, QT_TRANSLATE_NOOP("ExperimentSetup", "a Dask scheduler")),
            ],
            "ExperimentSetup",
        )
        self.run_on.setToolTip(
            self.tr(
                "Where the runs train: worker processes here, or the workers of a Dask "
                "scheduler (needs the 'cluster' extra; see docs/CLUSTER.md)"
            )
        )
        self.address = QLineEdit(self)
        self.address.setPlaceholderText("tcp://HOST:8786")
        self.address.setToolTip(self.tr("The Dask scheduler's address"))
        self._restore_run_on()
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #dc322f;")

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(self.tr("Vary"), self), 0, 0)
        grid.addWidget(self.field, 0, 1)
        grid.addWidget(self.values, 0, 2, 1, 3)
        grid.addWidget(QLabel(self.tr("and"), self), 1, 0)
        grid.addWidget(self.second_field, 1, 1)
        grid.addWidget(self.second_values, 1, 2, 1, 3)
        grid.addWidget(QLabel(self.tr("Repeats"), self), 2, 0)
        grid.addWidget(self.repeats, 2, 1)
        grid.addWidget(QLabel(self.tr("Workers"), self), 2, 3)
        grid.addWidget(self.workers, 2, 4)
        grid.addWidget(QLabel(self.tr("Run on"), self), 3, 0)
        grid.addWidget(self.run_on, 3, 1)
        grid.addWidget(self.address, 3, 2, 1, 3)
        grid.addWidget(self.error, 4, 0, 1, 5)
        grid.setColumnStretch(2, 1)

        self.field.currentTextChanged.connect(self._on_field_changed)
        self.second_field.currentTextChanged.connect(self._on_field_changed)
        self.values.textChanged.connect(self.edited)
        self.second_values.textChanged.connect(self.edited)
        self.repeats.valueChanged.connect(self.edited)
        self.run_on.currentIndexChanged.connect(self._on_run_on_changed)
        self.address.textChanged.connect(self.edited)
        self._on_field_changed()
        self._on_run_on_changed()

    def variations(self) -> list[Variation]:
        """The varied settings and their values, or ConfigError naming the problem."""
        rows = [(self.field.currentText(), self.values.text())]
        if self.second_field.currentData() != NO_SECOND:
            rows.append((self.second_field.currentData(), self.second_values.text()))
        return [parse_variation(f"{field}={text}") for field, text in rows]

    def scheduler_address(self) -> str | None:
        """The Dask scheduler to run on, None for this computer; ConfigError when the
        scheduler is chosen but its address is missing."""
        if self.run_on.currentData() == LOCAL:
            return None
        address = self.address.text().strip()
        if not address:
            raise ConfigError(self.tr("type the Dask scheduler's address, e.g. tcp://HOST:8786"))
        return address

    def remember_run_on(self) -> None:
        """Store the Run on choice and address in the settings."""
        settings = QSettings()
        settings.setValue(ON_SCHEDULER_KEY, self.run_on.currentData() == SCHEDULER)
        settings.setValue(ADDRESS_KEY, self.address.text().strip())

    def _restore_run_on(self) -> None:
        settings = QSettings()
        address = settings.value(ADDRESS_KEY, "")
        if isinstance(address, str) and len(address) <= MAX_TEXT and address.isprintable():
            self.address.setText(address)
        on_scheduler = stored_flag(settings.value(ON_SCHEDULER_KEY), False)
        self.run_on.setCurrentIndex(self.run_on.findData(SCHEDULER if on_scheduler else LOCAL))

    def _on_run_on_changed(self, *args) -> None:
        local = self.run_on.currentData() == LOCAL
        self.workers.setEnabled(local)
        self.address.setEnabled(not local)
        self.edited.emit()

    def show_error(self, message: str) -> None:
        """An inline message under the form; empty to clear it."""
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _on_field_changed(self, *args) -> None:
        for combo, edit in ((self.field, self.values), (self.second_field, self.second_values)):
            field = combo.currentData()
            edit.setEnabled(field != NO_SECOND)
            edit.setPlaceholderText(
                self.tr("e.g. {0}").format(EXAMPLES.get(field, "v1, v2, …"))
                if field != NO_SECOND
                else ""
            )
        self.edited.emit()
