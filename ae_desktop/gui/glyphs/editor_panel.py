"""The glyph editor with its tools, and what the model makes of the drawing beside it:
a pixel editor for images, a curve editor for sets of curves."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ae_desktop.engine import CURVE, PIXELS, GlyphKind, nearest_glyphs
from ae_desktop.gui.glyphs.curve_editor import CurveEditor
from ae_desktop.gui.glyphs.glyph_view import GlyphCanvas
from ae_desktop.gui.glyphs.pixel_editor import PixelEditor
from ae_desktop.gui.number_text import fixed
from ae_desktop.gui.shortcuts import redo_keys


class EditorPanel(QWidget):
    """Draw a glyph; see its reconstruction, denoised result, the nearest glyph of the set
    (the best any decoder can answer) and wrong pixels live. A set of curves is edited as a
    curve, its reconstruction drawn over it and beside it."""

    glyph_added = Signal(object)  # (height, width) pixels to append to the set
    glyph_replaced = Signal(object)  # (height, width) pixels for the selected glyph
    encoded = Signal(object)  # (latent,) code of the drawing, or None without model

    def __init__(self, width: int = 5, height: int = 7, parent=None):
        super().__init__(parent)
        self._model = None
        self._glyphs: tuple[np.ndarray, list[str]] | None = None  # rows (n, P), labels
        self._rng = np.random.default_rng(0)
        self.kind = PIXELS
        self.editor = PixelEditor(width, height, self)
        self.curve_editor = CurveEditor(parent=self)
        self.editors = QStackedWidget(self)
        self.undo_group = QUndoGroup(self)
        for editor in (self.editor, self.curve_editor):
            editor.pixels_changed.connect(self._on_pixels_changed)
            self.editors.addWidget(editor)
            self.undo_group.addStack(editor.undo_stack)
        self.undo_group.setActiveStack(self.editor.undo_stack)
        self.reconstruction = GlyphCanvas(self, title=self.tr("Reconstruction"))
        self.thresholded = GlyphCanvas(self, title=self.tr("Denoised"))
        self.nearest = GlyphCanvas(self, title=self.tr("Nearest"))
        self.wrong = GlyphCanvas(self, title=self.tr("Wrong pixels"))
        self.model_note = QLabel(self.tr("Train or open a model to see its reconstruction."), self)
        self.model_note.setWordWrap(True)
        self.model_note.setStyleSheet("color: palette(placeholder-text);")

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_tools())
        layout.addWidget(self.editors, 3)
        views = QHBoxLayout()
        for view in self._pixel_views():
            views.addWidget(view, 1)
        layout.addLayout(views, 2)
        layout.addWidget(self.model_note)
        layout.addLayout(self._build_noise_row())
        self._on_pixels_changed(self.editor.pixels())

    def _button(self, text: str, slot, tip: str = "") -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        if len(text) == 1:  # arrows: square buttons
            button.setFixedWidth(button.sizeHint().height())
        button.setToolTip(tip or text)
        button.clicked.connect(slot)
        return button

    def _build_tools(self) -> QHBoxLayout:
        row = QHBoxLayout()
        stack = self.undo_group
        undo = QAction(
            self.tr("Undo"),
            self,
            shortcut=QKeySequence.Undo,
            enabled=False,
            shortcutContext=Qt.WidgetWithChildrenShortcut,
        )
        redo = QAction(
            self.tr("Redo"), self, enabled=False, shortcutContext=Qt.WidgetWithChildrenShortcut
        )
        redo.setShortcuts(redo_keys())
        undo.triggered.connect(stack.undo)
        redo.triggered.connect(stack.redo)
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(
            lambda text: undo.setToolTip(self.tr("Undo {0}").format(text) if text else undo.text())
        )
        stack.redoTextChanged.connect(
            lambda text: redo.setToolTip(self.tr("Redo {0}").format(text) if text else redo.text())
        )
        self.addActions([undo, redo])
        self.undo_action, self.redo_action = undo, redo
        for action in (undo, redo):
            button = QToolButton(self)
            button.setDefaultAction(action)
            row.addWidget(button)
        self.pixel_tools = QWidget(self)  # meaningless for a curve: hidden then
        tools = QHBoxLayout(self.pixel_tools)
        tools.setContentsMargins(8, 0, 0, 0)
        tools.addWidget(self._button(self.tr("Clear"), self.editor.clear))
        tools.addWidget(self._button(self.tr("Invert"), self.editor.invert))
        for text, move, tip in (
            ("←", (0, -1), self.tr("Shift left")),
            ("→", (0, 1), self.tr("Shift right")),
            ("↑", (-1, 0), self.tr("Shift up")),
            ("↓", (1, 0), self.tr("Shift down")),
        ):
            tools.addWidget(self._button(text, lambda _=False, m=move: self.editor.shift(*m), tip))
        row.addWidget(self.pixel_tools)
        row.addStretch(1)
        return row

    def _build_noise_row(self) -> QVBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(4)
        self.noise_amount = QSpinBox(self)
        self.noise_amount.setRange(1, 100)
        self.noise_amount.setValue(3)
        self.noise_unit = QComboBox(self)
        self.noise_unit.addItems([self.tr("pixels"), self.tr("% of pixels")])
        self.noise_sigma = QDoubleSpinBox(self)
        self.noise_sigma.setRange(0.01, 0.5)
        self.noise_sigma.setSingleStep(0.01)
        self.noise_sigma.setValue(0.05)
        self.noise_sigma.setPrefix("σ ")
        self.noise_sigma.setToolTip(
            self.tr("Standard deviation per coordinate, in plane units (the plane spans -1 to 1)")
        )
        self.noise_sigma.setVisible(False)
        self.noise_button = self._button(
            self.tr("Add noise"), self._on_add_noise_clicked, self.tr("Flip randomly chosen pixels")
        )
        row.addWidget(self.noise_button)
        for box in (self.noise_amount, self.noise_unit, self.noise_sigma):
            row.addWidget(box)
        row.addStretch(1)
        store = QHBoxLayout()
        store.addStretch(1)
        add = QPushButton(self.tr("Add to set"), self)
        add.setToolTip(self.tr("Append the drawing to the glyph set"))
        add.clicked.connect(self._on_add_clicked)
        replace = QPushButton(self.tr("Replace selected"), self)
        replace.setToolTip(self.tr("Store the drawing in the selected glyph"))
        replace.clicked.connect(self._on_replace_clicked)
        store.addWidget(add)
        store.addWidget(replace)
        rows = QVBoxLayout()
        rows.addLayout(row)
        rows.addLayout(store)
        return rows

    def noise_count(self) -> int:
        """Pixels "Add noise" flips: the count, or the percentage of the grid rounded."""
        amount = self.noise_amount.value()
        if self.noise_unit.currentIndex() == 0:
            return amount
        return max(1, round(amount / 100 * self.editor.pixels().size))

    def active_editor(self) -> PixelEditor | CurveEditor:
        """The editor of the current kind: the curve editor for a set of curves."""
        return self.curve_editor if self.kind is CURVE else self.editor

    def load(self, pixels: np.ndarray) -> None:
        """Show ``pixels`` (height, width) in the editor; an edited drawing stays a Ctrl+Z
        away (see EditableGlyph.load)."""
        self.active_editor().load(pixels)

    def set_kind(self, kind: GlyphKind) -> None:
        """The glyph set's kind: a set of curves is edited and reconstructed as a curve;
        pixel tools, thresholded and wrong pixels, meaningless for coordinates, hide."""
        self.kind = kind
        pixels = kind is PIXELS
        editor = self.active_editor()
        self.editors.setCurrentWidget(editor)
        self.undo_group.setActiveStack(editor.undo_stack)
        self.reconstruction.set_kind(kind)
        for widget in (
            self.thresholded,
            self.nearest,
            self.wrong,
            self.pixel_tools,
            self.noise_amount,
            self.noise_unit,
        ):
            widget.setVisible(pixels)
        self.noise_sigma.setVisible(not pixels)
        self.noise_button.setToolTip(
            self.tr("Flip randomly chosen pixels")
            if pixels
            else self.tr("Move every point by Gaussian noise")
        )
        self._on_pixels_changed(editor.pixels())

    def set_model(self, model) -> None:
        """Use ``model`` (an Autoencoder or None) for the views beside the editor."""
        self._model = model
        self._on_pixels_changed(self.active_editor().pixels())

    def set_glyphs(self, rows: np.ndarray, labels: list[str]) -> None:
        """The glyph set (n, P) rows (kept, not copied) and labels, for the nearest glyph."""
        self._glyphs = (rows, labels) if len(rows) else None
        self._on_pixels_changed(self.active_editor().pixels())

    def _pixel_views(self) -> tuple[GlyphCanvas, ...]:
        return (self.reconstruction, self.thresholded, self.nearest, self.wrong)

    def _on_add_noise_clicked(self) -> None:
        if self.kind is CURVE:
            self.curve_editor.add_noise(self.noise_sigma.value(), self._rng)
        else:
            self.editor.add_noise(self.noise_count(), self._rng)

    def _on_add_clicked(self) -> None:
        self.glyph_added.emit(self.active_editor().pixels())

    def _on_replace_clicked(self) -> None:
        self.glyph_replaced.emit(self.active_editor().pixels())

    def _on_pixels_changed(self, pixels: np.ndarray) -> None:
        model = self._model
        n_inputs = 0 if model is None else model.arch.n_inputs
        if model is None or n_inputs != pixels.size:
            for view in self._pixel_views():
                view.set_glyph(None)
            self.curve_editor.set_reconstruction(None)
            self.model_note.setVisible(True)
            if model is not None:
                expects = (
                    self.tr("The model expects %Ln values; this glyph has {0}.", "", n_inputs)
                    if self.kind is CURVE
                    else self.tr("The model expects %Ln pixels; this glyph has {0}.", "", n_inputs)
                )
                self.model_note.setText(expects.format(QLocale().toString(pixels.size)))
            self.encoded.emit(None)
            return
        self.model_note.setVisible(False)
        x = pixels.reshape(1, -1)
        code = model.encode(x)
        output = model.decode(code).reshape(pixels.shape)
        if self.kind is CURVE:
            self._show_curve(pixels, output)
        else:
            self._show_pixels(pixels, output)
        self.encoded.emit(code[0])

    def _show_curve(self, pixels: np.ndarray, output: np.ndarray) -> None:
        """The output curve (points, 2) over the drawing and beside it, with its largest
        point distance from the clean curve (the denoising target)."""
        clean = self.curve_editor.clean_pixels()
        error = CURVE.errors(output[None], clean[None])[0]
        detail = (
            self.tr("max error {0} vs clean")
            if not np.array_equal(clean, pixels)
            else self.tr("max error {0}")
        )
        self.curve_editor.set_reconstruction(output)
        self.reconstruction.set_glyph(output, detail=detail.format(fixed(error, 3)))

    def _show_pixels(self, pixels: np.ndarray, output: np.ndarray) -> None:
        """The output (height, width) in grey, thresholded, and its wrong pixels."""
        binary = (output >= 0.5).astype(np.float64)
        clean = self.editor.clean_pixels()
        wrong = binary != (clean >= 0.5)
        self.reconstruction.set_glyph(output, detail=self.tr("grey levels"))
        self.thresholded.set_glyph(binary, detail=self.tr("output ≥ 0.5"))
        noisy = not np.array_equal(clean, pixels)
        detail = self.tr("{0} px vs clean") if noisy else self.tr("{0} px")
        self.wrong.set_glyph(binary, wrong, detail.format(int(wrong.sum())))
        self._show_nearest(pixels, binary)

    def _show_nearest(self, pixels: np.ndarray, binary: np.ndarray) -> None:
        """The set's glyph nearest to the drawing beside the denoised output, and whether
        the two agree (the first of tied glyphs; the count of ties is named)."""
        if self._glyphs is None or self._glyphs[0].shape[1] != pixels.size:
            self.nearest.set_glyph(None)
            self.nearest.setToolTip("")
            return
        rows, labels = self._glyphs
        tied = np.flatnonzero(nearest_glyphs(pixels.reshape(1, -1), rows)[0])
        glyph = (rows[tied[0]] >= 0.5).reshape(pixels.shape)
        apart = int((glyph != binary).sum())
        label = labels[tied[0]][:12]
        ties = self.tr(", the first of %n equally near", "", len(tied)) if len(tied) > 1 else ""
        if apart == 0:
            detail = self.tr("{0}: agrees").format(label)
            tip = self.tr(
                "The set's glyph nearest to the drawing ({0}{1}), the best any denoiser can "
                "answer: it agrees with Denoised"
            )
        else:
            detail = self.tr("{0}: {1} px off").format(label, apart)
            tip = self.tr(
                "The set's glyph nearest to the drawing ({0}{1}), the best any denoiser can "
                "answer: {2} px from Denoised"
            )
        self.nearest.set_glyph(glyph, detail=detail)
        self.nearest.setToolTip(tip.format(label, ties, apart))
