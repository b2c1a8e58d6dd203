"""The Training panel's rows for the training aids: weight decay, learning-rate
schedule, KL warm-up and early stopping (TrainConfig's fields of the same names)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QHBoxLayout, QSpinBox, QWidget

from ae_desktop.engine import SETTING_LIMITS, STEP_EVERY, parse_schedule

SCHEDULES = (  # by code
    ("constant", QT_TRANSLATE_NOOP("TrainingAids", "Constant")),
    ("step", QT_TRANSLATE_NOOP("TrainingAids", "Step decay")),
    ("cosine", QT_TRANSLATE_NOOP("TrainingAids", "Cosine")),
)


class TrainingAids:
    """Builds the widgets into ``form``; ``changed`` is connected to every edit."""

    FIELDS = ("weight_decay", "lr_schedule", "kl_warmup", "early_stop")  # of TrainConfig

    def __init__(self, parent: QWidget, form: QFormLayout, changed, combo_box):
        self.weight_decay = QDoubleSpinBox(
            parent, decimals=5, minimum=0.0, maximum=SETTING_LIMITS["weight_decay"].high
        )
        self.weight_decay.setSingleStep(0.0001)
        self.weight_decay.setSpecialValueText(QCoreApplication.translate("TrainingAids", "none"))
        self.weight_decay.setToolTip(
            QCoreApplication.translate(
                "TrainingAids",
                "L2 weight decay: AdamW's decoupled decay with adam, an L2 term in the "
                "gradient with sgd and momentum, an L2 penalty with the scipy optimizers",
            )
        )
        self.schedule = combo_box(parent, SCHEDULES, "TrainingAids")
        self.schedule.setToolTip(
            QCoreApplication.translate(
                "TrainingAids",
                "Learning rate over the epochs: constant; times the factor every N epochs; "
                "or down to 0 along half a cosine",
            )
        )
        self.step_every = QSpinBox(
            parent,
            minimum=STEP_EVERY.low,
            maximum=STEP_EVERY.high,
            prefix=QCoreApplication.translate("TrainingAids", "every "),
        )
        self.step_every.setSingleStep(100)
        self.step_factor = QDoubleSpinBox(
            parent, decimals=3, minimum=0.001, maximum=1.0, singleStep=0.05, prefix="× "
        )
        self.kl_warmup = QSpinBox(parent, minimum=0, maximum=SETTING_LIMITS["kl_warmup"].high)
        self.kl_warmup.setSingleStep(100)
        self.kl_warmup.setSpecialValueText(QCoreApplication.translate("TrainingAids", "none"))
        self.kl_warmup.setToolTip(
            QCoreApplication.translate(
                "TrainingAids", "Epochs over which β rises linearly from 0 (VAE)"
            )
        )
        self.early_stop = QSpinBox(parent, minimum=0, maximum=SETTING_LIMITS["early_stop"].high)
        self.early_stop.setSingleStep(50)
        self.early_stop.setSpecialValueText(QCoreApplication.translate("TrainingAids", "never"))
        self.early_stop.setToolTip(
            QCoreApplication.translate(
                "TrainingAids",
                "Stop once the test loss has not improved for this many epochs (needs a test split)",
            )
        )
        schedule = QHBoxLayout()
        schedule.addWidget(self.schedule, 1)
        schedule.addWidget(self.step_every)
        schedule.addWidget(self.step_factor)
        form.addRow(QCoreApplication.translate("TrainingAids", "Weight decay"), self.weight_decay)
        form.addRow(QCoreApplication.translate("TrainingAids", "LR schedule"), schedule)
        form.addRow(QCoreApplication.translate("TrainingAids", "KL warm-up"), self.kl_warmup)
        form.addRow(QCoreApplication.translate("TrainingAids", "Early stop"), self.early_stop)
        self.set_values("constant", 0.0, 0, 0)
        self.step_every.setValue(1000)
        self.step_factor.setValue(0.5)
        self.schedule.currentIndexChanged.connect(changed)
        for widget in (
            self.weight_decay,
            self.step_every,
            self.step_factor,
            self.kl_warmup,
            self.early_stop,
        ):
            widget.valueChanged.connect(changed)

    def widgets(self) -> tuple:
        return (
            self.weight_decay,
            self.schedule,
            self.step_every,
            self.step_factor,
            self.kl_warmup,
            self.early_stop,
        )

    def values(self, model: str, test_fraction: float) -> dict:
        """The TrainConfig fields; the warm-up only for a VAE, early stopping only with
        a test split (their widgets are disabled otherwise)."""
        schedule = self.schedule.currentData()
        if schedule == "step":
            schedule = f"step:{self.step_every.value()}:{self.step_factor.value():g}"
        return {
            "weight_decay": self.weight_decay.value(),
            "lr_schedule": schedule,
            "kl_warmup": self.kl_warmup.value() if model == "vae" else 0,
            "early_stop": self.early_stop.value() if test_fraction > 0 else 0,
        }

    def set_values(self, schedule: str, weight_decay: float, kl_warmup: int, early_stop: int):
        """Show a validated config's values."""
        code, every, factor = parse_schedule(schedule)
        self.schedule.setCurrentIndex(code)  # SCHEDULES in schedules.py's code order
        if SCHEDULES[code][0] == "step":
            self.step_every.setValue(every)
            self.step_factor.setValue(factor)
        self.weight_decay.setValue(weight_decay)
        self.kl_warmup.setValue(kl_warmup)
        self.early_stop.setValue(early_stop)

    def enable(self, idle: bool, model: str, test_split: bool) -> None:
        """Enable the rows that apply: all while idle, each where it has an effect."""
        step = self.schedule.currentData() == "step"
        for widget, applies in (
            (self.weight_decay, True),
            (self.schedule, True),
            (self.step_every, step),
            (self.step_factor, step),
            (self.kl_warmup, model == "vae"),
            (self.early_stop, test_split),
        ):
            widget.setEnabled(idle and applies)
        self.step_every.setVisible(step)
        self.step_factor.setVisible(step)
