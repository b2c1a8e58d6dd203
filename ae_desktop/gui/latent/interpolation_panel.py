"""Interpolation between two glyphs' codes: N glyphs in a strip, both ends included (as
``ae-desktop interpolate --steps N``); a click on one decodes its code in the preview."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QStringListModel, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
)

from ae_desktop.engine import PIXELS, GlyphKind, interpolate
from ae_desktop.gui.latent.glyph_strip import StripPanel, empty_strip, fill_strip


class InterpolationPanel(StripPanel):
    """Pick two glyphs and a number of steps; shows the decoded path."""

    path_changed = Signal(object)  # codes (steps, latent) or None
    code_picked = Signal(object)  # (latent,) code of the strip glyph clicked

    def __init__(self, parent=None):
        super().__init__(parent)
        self.labels = QStringListModel(self)  # shared: 60,000 labels are set once, fast
        self.start = QComboBox(self)
        self.end = QComboBox(self)
        for combo in (self.start, self.end):
            combo.setModel(self.labels)
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(2)
        self.steps = QSpinBox(self)
        self.steps.setRange(2, 32)
        self.steps.setValue(10)
        self.steps.setSuffix(self.tr(" steps, both ends"))
        self.steps.setToolTip(
            self.tr(
                "Glyphs in the strip, both ends included (as ae-desktop "
                "interpolate --steps); click one to decode it in the preview"
            )
        )
        self.run_button = QToolButton(self)
        self.run_button.setText(self.tr("Interpolate"))
        self.run_button.setToolTip(
            self.tr("Decode the codes on the line between the two glyphs' codes")
        )
        self.run_button.clicked.connect(self._on_run_clicked)
        clear = QToolButton(self)
        clear.setText(self.tr("Clear"))
        clear.setToolTip(self.tr("Remove the strip and its path from the plane"))
        clear.clicked.connect(self.clear)
        self.start.setToolTip(self.tr("The glyph the path starts from"))
        self.end.setToolTip(self.tr("The glyph the path ends at"))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("From"), self))
        row.addWidget(self.start)
        row.addWidget(QLabel(self.tr("to"), self))
        row.addWidget(self.end)
        row.addWidget(self.steps)
        row.addWidget(self.run_button)
        row.addWidget(clear)
        row.addStretch(1)
        self.strip = QHBoxLayout()
        self.strip.setSpacing(3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(row)
        layout.addLayout(self.strip)

    def set_glyphs(
        self,
        matrix: np.ndarray,
        labels: list[str],
        shape: tuple[int, int],
        kind: GlyphKind = PIXELS,
    ) -> None:
        """Glyphs (n, height*width) with their labels and the set's kind (a CURVE set is
        drawn as curves); keeps the chosen pair if present."""
        self._matrix, self._shape, self._kind = np.asarray(matrix), shape, kind
        combos = ((self.start, 0), (self.end, len(labels) - 1))
        previous = [combo.currentIndex() for combo, _ in combos]
        for combo, _ in combos:
            combo.blockSignals(True)
        self.labels.setStringList(list(labels))
        for (combo, default), index in zip(combos, previous):
            combo.setCurrentIndex(index if 0 <= index < len(labels) else default)
            combo.blockSignals(False)
        self._update_enabled()
        self.clear()

    def set_model(self, model) -> None:
        self._model = model
        self._update_enabled()
        if self.codes is not None:
            self._on_run_clicked()

    def _update_enabled(self) -> None:
        self.run_button.setEnabled(self._model_fits())

    def clear(self) -> None:
        self.codes = self.images = None
        empty_strip(self.strip)
        self.path_changed.emit(None)

    def _on_run_clicked(self) -> None:
        if not self.run_button.isEnabled():
            return
        ends = self._model.encode(
            self._matrix[[self.start.currentIndex(), self.end.currentIndex()]]
        )
        codes, images = interpolate(self._model, ends[0], ends[1], self.steps.value())
        self.codes = codes
        self.images = images.reshape(len(images), *self._shape)
        fill_strip(
            self,
            self.strip,
            len(self.images),
            lambda i: self.code_picked.emit(self.codes[i].copy()),
        )
        last = len(self.images) - 1
        for i, image in enumerate(self.images):
            canvas = self.strip.itemAt(i).widget()
            canvas.set_kind(self._kind)
            canvas.set_glyph(image)
            name = (
                self.start.currentText()
                if i == 0
                else self.end.currentText()
                if i == last
                else self.tr("step {0} of {1}").format(i + 1, last + 1)
            )
            canvas.setToolTip(self.tr("{0}: click to decode it in the preview").format(name))
        self.path_changed.emit(codes)
