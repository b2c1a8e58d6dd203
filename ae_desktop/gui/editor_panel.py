"""The pixel editor with its tools, and what the model makes of the drawing beside it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QToolButton,
    QVBoxLayout, QWidget)

from ae_desktop.gui.glyph_view import GlyphCanvas
from ae_desktop.gui.pixel_editor import PixelEditor


class EditorPanel(QWidget):
    """Draw a glyph; see its reconstruction, denoised result and wrong pixels live."""

    glyph_added = Signal(object)     # (height, width) pixels to append to the set
    glyph_replaced = Signal(object)  # (height, width) pixels for the selected glyph
    encoded = Signal(object)         # (latent,) code of the drawing, or None without model

    def __init__(self, width: int = 5, height: int = 7, parent=None):
        super().__init__(parent)
        self._model = None
        self._rng = np.random.default_rng(0)
        self.editor = PixelEditor(width, height, self)
        self.editor.pixels_changed.connect(self._on_pixels_changed)
        self.reconstruction = GlyphCanvas(self, title="Reconstruction")
        self.thresholded = GlyphCanvas(self, title="Denoised")
        self.wrong = GlyphCanvas(self, title="Wrong pixels")
        self.model_note = QLabel("Train or open a model to see its reconstruction.", self)
        self.model_note.setWordWrap(True)
        self.model_note.setStyleSheet("color: palette(placeholder-text);")

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_tools())
        layout.addWidget(self.editor, 3)
        views = QHBoxLayout()
        for view in (self.reconstruction, self.thresholded, self.wrong):
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
        stack = self.editor.undo_stack
        undo = QAction("Undo", self, shortcut=QKeySequence.Undo, enabled=False,
                       shortcutContext=Qt.WidgetWithChildrenShortcut)
        redo = QAction("Redo", self, enabled=False,
                       shortcutContext=Qt.WidgetWithChildrenShortcut)
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.Redo])
        undo.triggered.connect(stack.undo)
        redo.triggered.connect(stack.redo)
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(lambda text: undo.setToolTip(f"Undo {text}".strip()))
        stack.redoTextChanged.connect(lambda text: redo.setToolTip(f"Redo {text}".strip()))
        self.addActions([undo, redo])
        self.undo_action, self.redo_action = undo, redo
        for action in (undo, redo):
            button = QToolButton(self)
            button.setDefaultAction(action)
            row.addWidget(button)
        row.addSpacing(8)
        row.addWidget(self._button("Clear", self.editor.clear))
        row.addWidget(self._button("Invert", self.editor.invert))
        for text, move, tip in (("←", (0, -1), "Shift left"), ("→", (0, 1), "Shift right"),
                                ("↑", (-1, 0), "Shift up"), ("↓", (1, 0), "Shift down")):
            row.addWidget(self._button(text, lambda _=False, m=move: self.editor.shift(*m), tip))
        row.addStretch(1)
        return row

    def _build_noise_row(self) -> QVBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(4)
        self.noise_amount = QSpinBox(self)
        self.noise_amount.setRange(1, 100)
        self.noise_amount.setValue(3)
        self.noise_unit = QComboBox(self)
        self.noise_unit.addItems(["pixels", "% of pixels"])
        row.addWidget(self._button("Add noise", self._on_add_noise_clicked,
                                   "Flip randomly chosen pixels"))
        row.addWidget(self.noise_amount)
        row.addWidget(self.noise_unit)
        row.addStretch(1)
        store = QHBoxLayout()
        store.addStretch(1)
        add = QPushButton("Add to set", self)
        add.setToolTip("Append the drawing to the glyph set")
        add.clicked.connect(self._on_add_clicked)
        replace = QPushButton("Replace selected", self)
        replace.setToolTip("Store the drawing in the selected glyph")
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

    def load(self, pixels: np.ndarray) -> None:
        """Show ``pixels`` (height, width) in the editor, with a fresh undo history."""
        self.editor.load(pixels)

    def set_kind(self, kind: str) -> None:
        """The glyph set's kind: a "curve" set's reconstruction is drawn as a curve, and
        thresholded or wrong pixels, meaningless for coordinates, are hidden."""
        self.reconstruction.set_kind(kind)
        for view in (self.thresholded, self.wrong):
            view.setVisible(kind == "pixels")

    def set_model(self, model) -> None:
        """Use ``model`` (an Autoencoder or None) for the views beside the editor."""
        self._model = model
        self._on_pixels_changed(self.editor.pixels())

    def _on_add_noise_clicked(self) -> None:
        self.editor.add_noise(self.noise_count(), self._rng)

    def _on_add_clicked(self) -> None:
        self.glyph_added.emit(self.editor.pixels())

    def _on_replace_clicked(self) -> None:
        self.glyph_replaced.emit(self.editor.pixels())

    def _on_pixels_changed(self, pixels: np.ndarray) -> None:
        model = self._model
        if model is None or model.arch.n_inputs != pixels.size:
            for view in (self.reconstruction, self.thresholded, self.wrong):
                view.set_glyph(None)
            self.model_note.setVisible(True)
            if model is not None:
                self.model_note.setText(f"The model expects {model.arch.n_inputs} pixels; "
                                        f"this glyph has {pixels.size}.")
            self.encoded.emit(None)
            return
        self.model_note.setVisible(False)
        x = pixels.reshape(1, -1)
        code = model.encode(x)
        output = model.decode(code).reshape(pixels.shape)
        binary = (output >= 0.5).astype(np.float64)
        clean = self.editor.clean_pixels()
        wrong = binary != (clean >= 0.5)
        self.reconstruction.set_glyph(output, detail="grey levels")
        self.thresholded.set_glyph(binary, detail="output ≥ 0.5")
        noisy = not np.array_equal(clean, pixels)
        detail = f"{int(wrong.sum())} px" + (" vs clean" if noisy else "")
        self.wrong.set_glyph(binary, wrong, detail)
        self.encoded.emit(code[0])
