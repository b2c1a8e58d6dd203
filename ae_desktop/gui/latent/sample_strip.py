"""Sampling in the window: N glyphs generated from the model in a strip (as ``ae-desktop
sample -n N --seed S``); click one to select it (and decode it on the plane), type a
label and Keep it into the glyph set. Their codes are marked on the latent plane (projected
on it for a code above 2-D)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
)

from ae_desktop.engine import PIXELS, GlyphKind, latent_gaussian, sample_glyphs
from ae_desktop.gui.latent.glyph_strip import StripPanel, empty_strip, fill_strip, keep_glyph

FIT_GLYPHS = 10_000  # a plain autoencoder's Gaussian is fitted to at most the first ones
MARK_LIMIT = 1e9  # codes beyond this (or not finite) are not marked: pyqtgraph raises


class SampleStrip(StripPanel):
    """A Sample button with count and seed, the samples, and Keep for the selected one."""

    glyph_kept = Signal(str, object)  # label, (height, width) pixels
    code_picked = Signal(object)  # (latent,) code of the sample clicked

    def __init__(self, parent=None):
        super().__init__(parent)
        self._seed: int | None = None  # of the samples shown
        self.selected: int | None = None
        self.projection = None  # the latent plane's (engine Projection), once known
        self.marks = pg.ScatterPlotItem(  # add to the latent plane's plot
            size=11, symbol="o", brush=None, pen=pg.mkPen("#6c71c4", width=2)
        )
        self.sample_button = QToolButton(self)
        self.sample_button.setText(self.tr("Sample"))
        self.sample_button.setToolTip(
            self.tr(
                "Decode codes drawn from a VAE's prior N(0, I), or for a plain autoencoder "
                "from the Gaussian fitted to the glyphs' codes (as ae-desktop sample); each "
                "click takes the next seed"
            )
        )
        self.sample_button.clicked.connect(self._on_sample_clicked)
        self.count = QSpinBox(self, minimum=1, maximum=32, value=12)
        self.count.setSuffix(self.tr(" samples"))
        self.count.setToolTip(self.tr("Glyphs drawn per click"))
        self.seed = QSpinBox(self, minimum=0, maximum=2**31 - 1, value=0)
        self.seed.setPrefix(self.tr("seed "))
        self.seed.setToolTip(self.tr("The seed of the next draw (same seed, same samples)"))
        self.note = QLabel("", self)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        self.label_edit = QLineEdit(self)
        self.label_edit.setPlaceholderText(self.tr("label"))
        self.label_edit.setMaximumWidth(90)
        self.label_edit.returnPressed.connect(self._on_keep_clicked)
        self.keep_button = QPushButton(self.tr("Keep"), self)
        self.keep_button.setToolTip(
            self.tr("Add the selected sample (pixels thresholded at 0.5) to the set")
        )
        self.keep_button.clicked.connect(self._on_keep_clicked)
        row = QHBoxLayout()
        for widget in (self.sample_button, self.count, self.seed):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.label_edit)
        row.addWidget(self.keep_button)
        self.strip = QHBoxLayout()
        self.strip.setSpacing(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addLayout(self.strip)
        self._update_enabled()

    def set_glyphs(
        self, matrix: np.ndarray, labels, shape: tuple[int, int], kind: GlyphKind = PIXELS
    ) -> None:
        """The glyph set (n, height*width): a plain autoencoder samples around its codes.
        The samples shown stay while the glyphs keep their shape (one was just kept)."""
        same = (tuple(shape), kind) == (self._shape, self._kind)
        self._matrix, self._shape, self._kind = np.asarray(matrix), tuple(shape), kind
        if not same:
            self.clear()
        self._update_enabled()

    def set_model(self, model) -> None:
        """Use ``model`` (or None); samples shown are drawn again from a new one (each
        training tick), same seed."""
        if model is self._model:
            return
        self._model = model
        self._update_enabled()
        if self._seed is not None and self.sample_button.isEnabled():
            self._sample(self._seed)
        elif not self.sample_button.isEnabled():
            self.clear()

    def clear(self) -> None:
        self.codes = self.images = self._seed = self.selected = None
        empty_strip(self.strip)
        self.marks.setData([], [])
        self.note.clear()
        self.note.setVisible(False)
        self._update_enabled()

    def _update_enabled(self) -> None:
        self.sample_button.setEnabled(self._model_fits())
        self.keep_button.setEnabled(self.selected is not None)
        self.keep_button.setText(
            self.tr("Keep")
            if self.selected is None
            else self.tr("Keep #{0}").format(self.selected + 1)
        )

    def _on_sample_clicked(self) -> None:
        if self.sample_button.isEnabled():
            self._sample(self.seed.value())
            self.seed.setValue((self.seed.value() + 1) % (self.seed.maximum() + 1))

    def _sample(self, seed: int) -> None:
        model = self._model
        training = None if model.arch.kind == "vae" else self._matrix[:FIT_GLYPHS]
        try:
            gaussian = latent_gaussian(model, training)
        except ValueError:  # codes that are not finite: nothing to fit
            self.clear()
            self.note.setText(
                self.tr("Cannot sample: the model's codes of the glyphs are not all finite.")
            )
            self.note.setVisible(True)
            return
        self._seed = seed
        self.codes, images = sample_glyphs(model, gaussian, self.count.value(), seed)
        self.images = images.reshape(len(images), *self._shape)
        self.note.setText(
            (
                self.tr("Samples of seed {0}, from the VAE's prior N(0, I)")
                if model.arch.kind == "vae"  # sampled from its prior
                else self.tr(
                    "Samples of seed {0}, from a Gaussian fitted to the training codes "
                    "(a plain autoencoder has no prior)"
                )
            ).format(seed)
        )
        self.note.setVisible(True)
        self._fill_strip()
        self._mark()

    def set_projection(self, projection) -> None:
        """Mark the samples on the latent plane of ``projection`` (engine Projection)."""
        self.projection = projection
        self._mark()

    def _mark(self) -> None:
        view, codes = self.projection, self.codes
        if codes is None or view is None or codes.shape[1] != view.dim:
            self.marks.setData([], [])
            return
        drawable = np.abs(np.nan_to_num(codes, nan=np.inf)) <= MARK_LIMIT
        self.marks.setData(*view.project(codes[drawable.all(axis=1)]).reshape(-1, 2).T)

    def _fill_strip(self) -> None:
        if fill_strip(self, self.strip, len(self.images), self.select):
            self.selected = None
        for i, image in enumerate(self.images):
            canvas = self.strip.itemAt(i).widget()
            canvas.set_kind(self._kind)
            canvas.set_glyph(image)
            canvas.setToolTip(self.tr("Sample {0}: click to select it, then Keep it").format(i + 1))
        self._update_enabled()

    def select(self, index: int) -> None:
        """Select sample ``index`` for Keep and decode its code on the plane."""
        self.selected = index
        self._fill_strip()
        self.code_picked.emit(self.codes[index].copy())

    def _on_keep_clicked(self) -> None:
        if self.selected is None:
            return
        image = self.images[self.selected]
        keep_glyph(
            self.label_edit,
            self.tr("type a label"),
            lambda label: self.glyph_kept.emit(label, self._kind.kept(image)),
        )
