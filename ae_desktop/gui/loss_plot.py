"""The live loss curve: total loss, and for a VAE its reconstruction and KL terms."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget)

CURVES = (("total", "Loss", "#268bd2"), ("recon", "Reconstruction", "#859900"),
          ("kl", "KL", "#d33682"))


class LossPlot(QWidget):
    """Appends per-epoch losses (k, 3) [total, recon, kl] and redraws with setData."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._losses = np.zeros((0, 3))
        self._split_terms = False
        self.plot_widget = pg.PlotWidget(self, background="w")
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setLabel("bottom", "epoch")
        self.plot.setLabel("left", "loss")
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.legend = self.plot.addLegend(offset=(-10, 10), brush=pg.mkBrush(255, 255, 255, 210))
        self.curves = {key: self.plot.plot([], [], name=name, pen=pg.mkPen(color, width=2))
                       for key, name, color in CURVES}
        self.log_scale = QCheckBox("Log scale", self)
        self.log_scale.setChecked(True)
        self.log_scale.toggled.connect(self._on_log_scale_toggled)
        self.summary = QLabel("", self)
        self.summary.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.log_scale)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.plot_widget, 1)
        layout.addLayout(row)
        self._on_log_scale_toggled(True)
        self.reset(split_terms=False)

    def reset(self, split_terms: bool) -> None:
        """Empty the plot; ``split_terms`` shows the VAE's reconstruction and KL curves."""
        self._losses = np.zeros((0, 3))
        self._split_terms = split_terms
        self.legend.clear()
        for key, curve in self.curves.items():
            curve.setData([], [])
            visible = key == "total" or split_terms
            curve.setVisible(visible)
            if visible:
                self.legend.addItem(curve, curve.name())
        self.summary.setText("")

    def set_history(self, losses: np.ndarray) -> None:
        """Show a whole history (epochs, 3), e.g. of a model just opened."""
        self._losses = np.zeros((0, 3))
        self.append(losses)

    def append(self, new_losses: np.ndarray) -> None:
        """Add per-epoch losses (k, 3) and redraw."""
        new_losses = np.asarray(new_losses, dtype=np.float64).reshape(-1, 3)
        if len(new_losses) == 0:
            return
        self._losses = np.concatenate([self._losses, new_losses])
        epochs = np.arange(1, len(self._losses) + 1)
        for column, (key, _, _) in enumerate(CURVES):
            if self.curves[key].isVisible():
                y = self._losses[:, column]
                if self.log_scale.isChecked():
                    y = np.maximum(y, 1e-12)  # log of a zero KL term is -inf
                self.curves[key].setData(epochs, y)
        last = self._losses[-1]
        text = f"epoch {len(self._losses)}   loss {last[0]:.4g}"
        if self._split_terms:
            text += f"   recon {last[1]:.4g}   KL {last[2]:.4g}"
        self.summary.setText(text)

    def point_count(self) -> int:
        """Points on the total-loss curve (tests and status)."""
        x, _ = self.curves["total"].getData()
        return 0 if x is None else len(x)

    def _on_log_scale_toggled(self, checked: bool) -> None:
        self.plot.setLogMode(x=False, y=checked)
        if len(self._losses):
            losses, self._losses = self._losses, np.zeros((0, 3))
            self.append(losses)
