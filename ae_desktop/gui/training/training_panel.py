"""Training settings, validated as they are typed, and the Start / Pause / Stop buttons."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ae_desktop.engine import ACTIVATIONS, OPTIMIZERS, ConfigError, TrainConfig
from ae_desktop.gui.training.training_aids import TrainingAids

# item texts: marked for translation here, translated by combo_box
MODELS = (
    ("ae", QT_TRANSLATE_NOOP("TrainingPanel", "Autoencoder")),
    ("dae", QT_TRANSLATE_NOOP("TrainingPanel", "Denoising autoencoder")),
    ("vae", QT_TRANSLATE_NOOP("TrainingPanel", "Variational autoencoder")),
)
NOISE_KINDS = (
    ("flip", QT_TRANSLATE_NOOP("TrainingPanel", "Flip k pixels")),
    ("saltpepper", QT_TRANSLATE_NOOP("TrainingPanel", "Salt & pepper p")),
    ("gauss", QT_TRANSLATE_NOOP("TrainingPanel", "Gaussian σ")),
    ("uniform", QT_TRANSLATE_NOOP("TrainingPanel", "Uniform ±a")),
)
SUBSETS = (
    ("all", QT_TRANSLATE_NOOP("TrainingPanel", "All glyphs")),
    ("4", QT_TRANSLATE_NOOP("TrainingPanel", "First 4")),
    ("8", QT_TRANSLATE_NOOP("TrainingPanel", "First 8")),
    ("16", QT_TRANSLATE_NOOP("TrainingPanel", "First 16")),
    ("1000", QT_TRANSLATE_NOOP("TrainingPanel", "First 1,000")),
    ("10000", QT_TRANSLATE_NOOP("TrainingPanel", "First 10,000")),
)
PRECISIONS = (
    ("float64", "float64"),
    ("float32", QT_TRANSLATE_NOOP("TrainingPanel", "float32 (faster, half the memory)")),
)
BIG_SET = 1000  # glyphs: from here on mini-batches, a few epochs and float32 are proposed
BIG_SET_SETTINGS = {
    "batch_size": 100,
    "epochs": 20,
    "lr": 0.001,
    "target_errors": None,
    "precision": "float32",
}


def default_arch(n_inputs: int) -> str:
    """An encoder for glyphs of ``n_inputs`` pixels: TrainConfig's default for 5x7
    glyphs, else one hidden layer and a 2-D code (784-256-2 for MNIST, as in Keras' VAE
    example)."""
    if _inputs_of(TrainConfig.arch) == n_inputs:
        return TrainConfig.arch
    return f"{n_inputs}-{min(256, max(4, n_inputs // 2))}-2"


def _inputs_of(arch: str) -> int | None:
    """The input size an architecture text starts with, or None."""
    first = arch.partition("-")[0].strip()
    return int(first) if first.isdigit() and len(first) <= 9 else None


def proposed_config(n_glyphs: int) -> TrainConfig:
    """Defaults for a set of ``n_glyphs``: the course's full-batch run to exactness for
    glyph fonts; mini-batches of 100 for 20 epochs in float32 for big image sets (a
    full batch of 60,000 takes one step per epoch, and no MNIST digit is ever exact)."""
    return TrainConfig(**BIG_SET_SETTINGS) if n_glyphs >= BIG_SET else TrainConfig()


def combo_box(parent, items, context: str = "TrainingPanel") -> QComboBox:
    """A compact combo box of (key, text) items, each text translated in ``context``;
    ``currentData()`` is the key."""
    combo = QComboBox(parent)
    combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    for key, text in items:
        combo.addItem(QCoreApplication.translate(context, text), key)
    return combo


class TrainingPanel(QWidget):
    """Builds a TrainConfig from its fields; Start is enabled only when it is valid."""

    start_requested = Signal()
    pause_toggled = Signal(bool)  # True: pause, False: resume
    stop_requested = Signal()
    settings_changed = Signal()  # any training setting was edited

    def __init__(self, parent=None):
        super().__init__(parent)
        self._n_inputs = 35
        self._big_set = False
        self._typed_archs: dict[int, str] = {}  # input size -> architecture the user typed
        self.model = combo_box(self, MODELS)
        self.arch = QLineEdit(self)
        self.arch.setToolTip(
            self.tr("Encoder layer sizes from input to latent; the decoder mirrors it")
        )
        self.decoder = QLabel(self)
        self.activation = combo_box(self, [(a, a.replace("_", " ")) for a in ACTIVATIONS])
        self.loss = combo_box(
            self,
            (
                ("bce", QT_TRANSLATE_NOOP("TrainingPanel", "Binary cross-entropy")),
                ("mse", QT_TRANSLATE_NOOP("TrainingPanel", "Mean squared error")),
            ),
        )
        self.optimizer = combo_box(self, [(o, o) for o in OPTIMIZERS])
        self.lr = QDoubleSpinBox(self, decimals=5, minimum=0.00001, maximum=10.0, singleStep=0.0005)
        self.epochs = QSpinBox(self, minimum=1, maximum=1_000_000, singleStep=500)
        self.batch_size = QSpinBox(self, minimum=0, maximum=100_000)
        self.batch_size.setSpecialValueText(self.tr("full batch"))
        self.batch_size.setToolTip(
            self.tr(
                "Glyphs per weight update, shuffled every epoch; full batch: one update per epoch"
            )
        )
        self.precision = combo_box(self, PRECISIONS)
        self.dropout = QDoubleSpinBox(self, decimals=2, minimum=0.0, maximum=0.9, singleStep=0.1)
        self.dropout.setSpecialValueText(self.tr("none"))
        self.dropout.setToolTip(
            self.tr(
                "Share of hidden units zeroed at random in each training "
                "step (not when encoding or decoding)"
            )
        )
        self.seed = QSpinBox(self, minimum=0, maximum=2**31 - 1)
        self.noise_kind = combo_box(self, NOISE_KINDS)
        self.noise_level = QDoubleSpinBox(
            self, decimals=2, minimum=0.0, maximum=35.0, singleStep=0.05
        )
        self.redraw = QCheckBox(self.tr("Redraw ambiguous noisy copies"), self)
        self.redraw.setToolTip(
            self.tr(
                "Draw again each noisy training copy that is nearer another glyph than its "
                "own, so that the model learns to answer the nearest glyph (sets of up to "
                "{0} glyphs)"
            ).format(TrainConfig.redraw_max_glyphs)
        )
        self.beta = QDoubleSpinBox(self, decimals=3, minimum=0.0, maximum=100.0, singleStep=0.1)
        self.subset = combo_box(self, SUBSETS)
        self.subset.setToolTip(
            self.tr("Train on these glyphs; the rest are held out as a test set")
        )
        self.test_split = QSpinBox(self, minimum=0, maximum=90, suffix=" %")
        self.test_split.setSpecialValueText(self.tr("none"))
        self.test_split.setToolTip(
            self.tr(
                "Hold out this share of the glyphs trained on as a test set, drawn from the "
                "seed (same seed, same split): never trained on, shaded in the glyph list, "
                "their loss drawn as the Test loss curve. A rising test loss while the "
                "training loss falls is overfitting."
            )
        )
        self.stop_when_exact = QCheckBox(self.tr("Stop when every glyph is exact"), self)
        self.margin = QDoubleSpinBox(self, decimals=2, minimum=0.0, maximum=0.5, singleStep=0.05)
        self.margin.setToolTip(
            self.tr(
                "With the stop when exact: also wait until every output "
                "pixel is on its side of 0.5 by at least this much"
            )
        )
        self.continue_training = QCheckBox(self.tr("Continue from the current model"), self)
        self.continue_training.setToolTip(
            self.tr("Start from the trained or opened model's weights instead of a fresh draw")
        )
        self.continue_training.setEnabled(False)
        self._model_available = False
        self.proposal = QLabel(self)
        self.proposal.setWordWrap(True)
        self.proposal.setStyleSheet("color: palette(placeholder-text);")
        self.proposal.setVisible(False)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #dc322f;")

        form = QFormLayout()
        form.addRow(self.tr("Model"), self.model)
        form.addRow(self.tr("Encoder"), self.arch)
        form.addRow(self.tr("Decoder"), self.decoder)
        form.addRow(self.tr("Activation"), self.activation)
        form.addRow(self.tr("Loss"), self.loss)
        form.addRow(self.tr("Optimizer"), self.optimizer)
        form.addRow(self.tr("Learning rate"), self.lr)
        form.addRow(self.tr("Epochs"), self.epochs)
        form.addRow(self.tr("Batch size"), self.batch_size)
        noise = QHBoxLayout()
        noise.addWidget(self.noise_kind, 1)
        noise.addWidget(self.noise_level)
        form.addRow(self.tr("Noise"), noise)
        form.addRow(self.redraw)
        form.addRow(self.tr("β (KL weight)"), self.beta)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.stop_when_exact)
        form.addRow(self.tr("Margin"), self.margin)
        form.addRow(self.continue_training)
        # the rarely changed settings fold away, so the Loss dock below keeps its room
        self.more = QToolButton(self)
        self.more.setText(self.tr("More settings"))
        self.more.setToolTip(
            self.tr("Precision, dropout, the glyphs to train on, a test split, training aids")
        )
        self.more.setCheckable(True)
        self.more.setAutoRaise(True)
        self.more.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        form.addRow(self.more)
        first_more = form.rowCount()
        form.addRow(self.tr("Precision"), self.precision)
        form.addRow(self.tr("Dropout"), self.dropout)
        form.addRow(self.tr("Train on"), self.subset)
        form.addRow(self.tr("Test split"), self.test_split)
        self.aids = TrainingAids(self, form, self._on_settings_edited, combo_box)
        self._form, self._more_rows = form, range(first_more, form.rowCount())
        self.more.toggled.connect(self._show_more)

        self.start_button = QPushButton(self.tr("Start"), self)
        self.pause_button = QPushButton(self.tr("Pause"), self)
        self.pause_button.setCheckable(True)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        for button, key, tip in (
            (self.start_button, "F5", self.tr("Start training ({0})")),
            (self.pause_button, "F6", self.tr("Pause training ({0})")),
            (self.stop_button, "Shift+F5", self.tr("Stop training ({0})")),
        ):
            button.setShortcut(QKeySequence(key))
            button.setToolTip(tip.format(key))
        self.start_button.clicked.connect(self.start_requested)
        self.pause_button.toggled.connect(self._on_pause_toggled)
        self.stop_button.clicked.connect(self.stop_requested)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.proposal)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self._show_more(False)
        self.set_config(TrainConfig())
        for widget in (
            self.model,
            self.activation,
            self.loss,
            self.optimizer,
            self.noise_kind,
            self.precision,
        ):
            widget.currentIndexChanged.connect(self._on_settings_edited)
        self.arch.textChanged.connect(self._on_settings_edited)
        self.arch.textEdited.connect(self._on_arch_typed)
        for widget in (
            self.lr,
            self.epochs,
            self.batch_size,
            self.seed,
            self.noise_level,
            self.beta,
            self.test_split,
            self.dropout,
            self.margin,
        ):
            widget.valueChanged.connect(self._on_settings_edited)
        self.subset.currentIndexChanged.connect(self.settings_changed)
        self.stop_when_exact.toggled.connect(self._on_settings_edited)
        self.redraw.toggled.connect(self._on_settings_edited)
        self.set_running(False)
        self._on_settings_edited()

    def set_input_size(self, n_inputs: int, n_glyphs: int = 0) -> None:
        """Pixels per glyph and glyphs of the current set. The architecture must start
        with the pixels, so one made for another size is replaced by the one last typed
        for this size, else ``default_arch(n_inputs)``; a set crossing BIG_SET glyphs
        (either way) gets the batch size, epochs, learning rate, precision and stop rule
        of ``proposed_config``."""
        self._n_inputs = n_inputs
        if _inputs_of(self.arch.text()) != n_inputs:
            self.arch.setText(self._typed_archs.get(n_inputs, default_arch(n_inputs)))
        big = n_glyphs >= BIG_SET
        if big != self._big_set:
            self._big_set = big
            self._propose(proposed_config(n_glyphs))
        self.proposal.setVisible(big)
        if big:
            self.proposal.setText(
                self.tr(
                    "Proposed for %Ln glyphs: mini-batches, a few epochs, float32, "
                    "no stop when exact.",
                    "",
                    n_glyphs,
                )
            )
        self._on_settings_edited()

    def typed_architectures(self) -> dict[int, str]:
        """Input size -> the architecture last typed for it (kept in the settings)."""
        return dict(self._typed_archs)

    def set_typed_architectures(self, archs: dict[int, str]) -> None:
        self._typed_archs = {n: arch for n, arch in archs.items() if _inputs_of(arch) == n}

    def _on_arch_typed(self, text: str) -> None:
        if _inputs_of(text) == self._n_inputs:
            self._typed_archs[self._n_inputs] = text.strip()

    def _propose(self, config: TrainConfig) -> None:
        """Take ``config``'s settings that depend on the set's size."""
        self.batch_size.setValue(config.batch_size)
        self.epochs.setValue(config.epochs)
        self.epochs.setSingleStep(5 if config.epochs < 1000 else 500)
        self.lr.setValue(config.lr)
        self.stop_when_exact.setChecked(config.target_errors is not None)
        _select(self.precision, config.precision)

    def config(self) -> TrainConfig:
        """The settings as a TrainConfig (not validated; see ``validated_config``)."""
        model = self.model.currentData()
        noise = None
        if model == "dae" and self.noise_level.value() > 0:
            kind, level = self.noise_kind.currentData(), self.noise_level.value()
            noise = f"flip:{round(level)}" if kind == "flip" else f"{kind}:{level:g}"
        return TrainConfig(
            model=model,
            arch=self.arch.text().strip(),
            activation=self.activation.currentData(),
            loss=self.loss.currentData(),
            optimizer=self.optimizer.currentData(),
            lr=self.lr.value(),
            epochs=self.epochs.value(),
            batch_size=self.batch_size.value(),
            seed=self.seed.value(),
            noise=noise,
            redraw_ambiguous=None if noise and self.redraw.isChecked() else False,
            beta=self.beta.value(),
            target_errors=0 if self.stop_when_exact.isChecked() else None,
            target_margin=self.margin.value(),
            precision=self.precision.currentData(),
            dropout=self.dropout.value(),
            test_fraction=self.test_split.value() / 100,
            **self.aids.values(model, self.test_split.value() / 100),
        )

    def validated_config(self) -> TrainConfig:
        """The config, or ConfigError naming the bad setting."""
        config = self.config()
        config.architecture(self._n_inputs)
        return config

    def set_config(self, config: TrainConfig) -> None:
        _select(self.model, config.model)
        self.arch.setText(config.arch)
        _select(self.activation, config.activation)
        _select(self.loss, config.loss)
        _select(self.optimizer, config.optimizer)
        self.lr.setValue(config.lr)
        self.epochs.setValue(config.epochs)
        self.batch_size.setValue(config.batch_size)
        _select(self.precision, config.precision)
        self.dropout.setValue(config.dropout)
        self.seed.setValue(config.seed)
        self.beta.setValue(config.beta)
        self.test_split.setValue(round(100 * config.test_fraction))
        self.stop_when_exact.setChecked(config.target_errors is not None)
        self.margin.setValue(config.target_margin)
        self.aids.set_values(
            config.lr_schedule, config.weight_decay, config.kl_warmup, config.early_stop
        )
        kind, _, level = (config.noise or "saltpepper:0.1").partition(":")
        _select(self.noise_kind, kind)
        self.noise_level.setValue(float(level or 0))
        # on (where the set allows) unless a DAE's settings say off: a DAE's default
        self.redraw.setChecked(config.model != "dae" or config.redraw_ambiguous is not False)
        self._unfold_if_set(config)

    def _show_more(self, shown: bool) -> None:
        self.more.setArrowType(Qt.DownArrow if shown else Qt.RightArrow)
        for row in self._more_rows:
            self._form.setRowVisible(row, shown)

    def _unfold_if_set(self, config: TrainConfig) -> None:
        """Settings in effect are never hidden: a folded setting that differs from the
        defaults (a restored or opened model's) unfolds the section."""
        defaults = TrainConfig()
        folded = ("precision", "dropout", "test_fraction", *TrainingAids.FIELDS)
        if any(getattr(config, f) != getattr(defaults, f) for f in folded):
            self.more.setChecked(True)

    def subset_size(self) -> int | None:
        """How many leading glyphs to train on; None for all."""
        key = self.subset.currentData()
        return None if key == "all" else int(key)

    def set_subset_size(self, size: int | None) -> None:
        _select(self.subset, "all" if size is None else str(size))
        if size is not None:
            self.more.setChecked(True)  # a folded setting in effect is shown

    def set_model_available(self, available: bool) -> None:
        """Whether there is a model to continue from."""
        self._model_available = available
        self.continue_training.setEnabled(available and not self.stop_button.isEnabled())
        if not available:
            self.continue_training.setChecked(False)

    def continues(self) -> bool:
        """True when the next run starts from the current model."""
        return self._model_available and self.continue_training.isChecked()

    def set_running(self, running: bool) -> None:
        """Enable the buttons and fields that fit an idle or a running trainer."""
        for widget in (
            self.model,
            self.arch,
            self.activation,
            self.loss,
            self.optimizer,
            self.lr,
            self.epochs,
            self.batch_size,
            self.precision,
            self.dropout,
            self.seed,
            self.noise_kind,
            self.noise_level,
            self.redraw,
            self.beta,
            self.subset,
            self.test_split,
            self.stop_when_exact,
            self.margin,
            *self.aids.widgets(),
        ):
            widget.setEnabled(not running)
        self.continue_training.setEnabled(self._model_available and not running)
        self.pause_button.setEnabled(running)
        self.stop_button.setEnabled(running)
        if not running:
            self.pause_button.blockSignals(True)
            self.pause_button.setChecked(False)
            self._set_pause_text(self.tr("Pause"))
            self.pause_button.blockSignals(False)
            self._on_settings_edited()
        else:
            self.start_button.setEnabled(False)

    def _on_pause_toggled(self, paused: bool) -> None:
        self._set_pause_text(self.tr("Resume") if paused else self.tr("Pause"))
        self.pause_toggled.emit(paused)

    def _set_pause_text(self, text: str) -> None:
        """Relabel the pause button, keeping F6 (a button's setText resets its
        shortcut to the text's mnemonic, none here)."""
        self.pause_button.setText(text)
        self.pause_button.setShortcut(QKeySequence("F6"))

    def _on_settings_edited(self, *args) -> None:
        model = self.model.currentData()
        self.noise_kind.setEnabled(model == "dae" and not self.stop_button.isEnabled())
        self.noise_level.setEnabled(model == "dae" and not self.stop_button.isEnabled())
        self.redraw.setEnabled(
            model == "dae" and self.noise_level.value() > 0 and not self.stop_button.isEnabled()
        )
        self.beta.setEnabled(model == "vae" and not self.stop_button.isEnabled())
        self.margin.setEnabled(
            self.stop_when_exact.isChecked() and not self.stop_button.isEnabled()
        )
        self.aids.enable(not self.stop_button.isEnabled(), model, self.test_split.value() > 0)
        try:
            arch = self.validated_config().architecture(self._n_inputs)
        except ConfigError as exc:
            self.error.setText(str(exc))
            self.decoder.setText("")
            self.start_button.setEnabled(False)
        else:
            self.error.setText("")
            decoder = "-".join(map(str, arch.decoder))
            self.decoder.setText(self.tr("{0} (mirrored)").format(decoder))
            self.decoder.setToolTip(
                self.tr("{0}: %Ln weights and biases", "", arch.n_params).format(arch.text)
            )
            self.start_button.setEnabled(not self.stop_button.isEnabled())
        self.settings_changed.emit()


def _select(combo: QComboBox, key) -> None:
    index = combo.findData(key)
    if index >= 0:
        combo.setCurrentIndex(index)
