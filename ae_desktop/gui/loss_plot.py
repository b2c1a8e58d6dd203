"""The live loss curve: total loss, and for a VAE its reconstruction and KL terms."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget)

REDRAW_MS = 100  # reports arrive every ~30 ms; repainting the plot that often is wasted
CURVES = (("total", "Loss", "#268bd2"), ("recon", "Reconstruction", "#859900"),
          ("kl", "KL", "#d33682"))


class LossPlot(QWidget):
    """Appends per-epoch losses (k, 3) [total, recon, kl] and redraws with setData."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._buffer = np.empty((0, 3))  # per-epoch losses; rows past _count are unused
        self._count = 0
        self._split_terms = False
        self._redraw_timer = QTimer(self, singleShot=True, interval=REDRAW_MS)
        self._redraw_timer.timeout.connect(self._redraw)
        self.plot_widget = pg.PlotWidget(self, background="w")
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setLabel("bottom", "epoch")
        self.plot.setLabel("left", "loss")
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.legend = self.plot.addLegend(offset=(-10, 10), brush=pg.mkBrush(255, 255, 255, 210))
        self.curves = {key: self.plot.plot([], [], name=name, pen=pg.mkPen(color, width=1))
                       for key, name, color in CURVES}
        for curve in self.curves.values():
            # a long run has a million epochs: draw a few thousand peak-preserving points,
            # or every redraw costs hundreds of milliseconds of GUI time (bench_soak.py)
            curve.setDownsampling(auto=True, method="peak")
            curve.setClipToView(True)
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
        self._count = 0
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
        self._count = 0
        self.append(losses)
        self.flush()

    def losses(self) -> np.ndarray:
        """Everything plotted so far, (epochs, 3) [total, recon, kl]."""
        return self._buffer[:self._count].copy()

    def append(self, new_losses: np.ndarray) -> None:
        """Add per-epoch losses (k, 3) and redraw."""
        new_losses = np.asarray(new_losses, dtype=np.float64).reshape(-1, 3)
        if len(new_losses) == 0:
            return
        end = self._count + len(new_losses)
        if end > len(self._buffer):  # grow by doubling: appends stay O(1) amortised
            grown = np.empty((max(end, 2 * len(self._buffer), 1024), 3))
            grown[:self._count] = self._buffer[:self._count]
            self._buffer = grown
        self._buffer[self._count:end] = new_losses
        self._count = end
        if not self._redraw_timer.isActive():  # redraw at most every REDRAW_MS
            self._redraw_timer.start()

    def flush(self) -> None:
        """Draw what was appended now instead of at the next timer tick."""
        self._redraw_timer.stop()
        self._redraw()

    def _redraw(self) -> None:
        losses = self._buffer[:self._count]
        epochs = np.arange(1, self._count + 1)
        for column, (key, _, _) in enumerate(CURVES):
            curve = self.curves[key]
            if not curve.isVisible():
                continue
            if self._count == 0:
                curve.setData([], [])
                continue
            y = losses[:, column]
            if self.log_scale.isChecked():
                y = np.maximum(y, 1e-12)  # log of a zero KL term is -inf
            curve.setData(epochs, y)
        if self._count:
            last = losses[-1]
            text = f"epoch {self._count}   loss {last[0]:.4g}"
            if self._split_terms:
                text += f"   recon {last[1]:.4g}   KL {last[2]:.4g}"
            self.summary.setText(text)

    def point_count(self) -> int:
        """Points on the total-loss curve (tests and status)."""
        x, _ = self.curves["total"].getOriginalDataset()
        return 0 if x is None else len(x)

    def _on_log_scale_toggled(self, checked: bool) -> None:
        self.plot.setLogMode(x=False, y=checked)
        self._redraw()
