"""The view of a latent space above 2-D: which plane (two axes of the code, or the first
two principal components of the glyphs' codes) and a slider per other direction, which
sets the code's coordinate along it. Hidden for a 2-D code. The chosen view is kept
while the window is open (a new model of the same size keeps it)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from superqt import QLabeledDoubleSlider

from ae_desktop.engine import axis_names

SLIDER_STEPS = 200  # single steps across a slider's range
VISIBLE_SLIDERS = 3  # more scroll
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def pretty(label: str) -> str:
    """ "z12" -> "z₁₂"; other labels ("PC 3") as they are."""
    return label.translate(SUBSCRIPTS) if label.startswith("z") else label


class ProjectionControls(QWidget):
    """A view combo and the offsets' sliders, for a code of ``dim`` > 2 dimensions."""

    view_changed = Signal(str)  # the view's name (an entry of engine.axis_names)
    offsets_changed = Signal()  # a slider moved

    def __init__(self, parent=None):
        super().__init__(parent)
        self.dim = 2
        self._chosen = ""  # the last view picked, offered again where it exists
        self.sliders: list[QLabeledDoubleSlider] = []
        self._names: list[QLabel] = []
        self.view = QComboBox(self)
        self.view.setToolTip(
            self.tr(
                "The plane shown: two axes of the code, or the first two principal "
                "components of the glyphs' codes"
            )
        )
        self.view.currentIndexChanged.connect(self._on_view_changed)
        self._rows = QWidget(self)
        self._grid = QGridLayout(self._rows)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setVerticalSpacing(0)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self._rows)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("View"), self))
        top.addWidget(self.view, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addLayout(top)
        layout.addWidget(self.scroll)
        self.setVisible(False)

    def name(self) -> str:
        """The chosen view ("z1 × z2" for a 2-D code)."""
        return self.view.currentData() if self.dim > 2 else "z1 × z2"

    def choose(self, name: str) -> None:
        """Show the view ``name`` (one of engine.axis_names), as picking it does."""
        self.view.setCurrentIndex(self.view.findData(name))

    def set_dim(self, dim: int) -> bool:
        """Offer the views of a ``dim``-D code, keeping the chosen one where it exists;
        whether anything changed."""
        if dim == self.dim:
            return False
        self.dim = dim
        self.view.blockSignals(True)
        self.view.clear()
        if dim > 2:
            names = axis_names(dim)
            for name in names[:-1]:
                self.view.addItem(name, name)
            # the last: the principal components' view, the one name in words
            self.view.addItem(self.tr("principal components 1 × 2"), names[-1])
            self.view.setCurrentIndex(names.index(self._chosen) if self._chosen in names else 0)
        self.view.blockSignals(False)
        while self.sliders:
            self._grid.removeWidget(self.sliders[-1])
            self._grid.removeWidget(self._names[-1])
            self.sliders.pop().deleteLater()
            self._names.pop().deleteLater()
        for row in range(max(dim - 2, 0)):
            name = QLabel(self._rows)
            slider = QLabeledDoubleSlider(Qt.Orientation.Horizontal, self._rows)
            slider.setToolTip(
                self.tr("The code's coordinate along this direction (over the codes' span)")
            )
            slider.valueChanged.connect(self._on_slider_moved)
            self._grid.addWidget(name, row, 0)
            self._grid.addWidget(slider, row, 1)
            self._names.append(name)
            self.sliders.append(slider)
        height = self.sliders[0].sizeHint().height() if self.sliders else 0
        self.scroll.setFixedHeight(min(len(self.sliders), VISIBLE_SLIDERS) * height + 2)
        return True

    def set_directions(self, labels, ranges) -> None:
        """Name each slider (labels of the other directions) and give it the range
        (d - 2, 2) widened to hold its value; no signal."""
        for slider, name, label, (lo, hi) in zip(self.sliders, self._names, labels, ranges):
            name.setText(pretty(label))
            value = slider.value()
            slider.blockSignals(True)
            slider.setRange(min(lo, value), max(hi, value))
            slider.setSingleStep((hi - lo) / SLIDER_STEPS)
            slider.setValue(value)
            slider.blockSignals(False)

    def offsets(self) -> np.ndarray:
        """The sliders' values (d - 2,)."""
        return np.array([slider.value() for slider in self.sliders], dtype=np.float64)

    def set_offsets(self, values) -> None:
        """Put the sliders at ``values`` (d - 2,), widening their ranges; no signal."""
        for slider, value in zip(self.sliders, np.asarray(values, dtype=np.float64)):
            value = float(value)
            slider.blockSignals(True)
            slider.setRange(min(slider.minimum(), value), max(slider.maximum(), value))
            slider.setValue(value)
            slider.blockSignals(False)

    def _on_view_changed(self, index: int) -> None:
        name = self.view.itemData(index)
        if name:
            self._chosen = name
            self.view_changed.emit(name)

    def _on_slider_moved(self, value: float) -> None:
        self.offsets_changed.emit()
