"""One pxMode scatter for every latent code, coloured by label class, with a colour key.

Restyling (new points or labels) goes through ``setData`` once; moving the points during
training writes the positions in place, which skips pyqtgraph's per-point symbol lookup
(about 150 ms for 60,000 points) since every point keeps its symbol.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

# tab20's strong colours first, then its light ones: 20 classes stay distinguishable
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896",
           "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5")
SINGLE = "#268bd2"


def label_classes(labels: list[str]) -> tuple[list[str], np.ndarray | None]:
    """(class names, class index (n,) of each label) when labels name classes: some
    repeat and there are at most len(PALETTE) distinct; else ([], None)."""
    if not labels:
        return [], None
    names, index = np.unique(np.asarray(labels, dtype=str), return_inverse=True)
    if len(names) == len(labels) or len(names) > len(PALETTE):
        return [], None
    return names.tolist(), index


def point_size(n: int) -> int:
    """Pixel size of a point among ``n``: big enough to click few, small enough to see
    the density of many."""
    return 9 if n <= 200 else 5 if n <= 5000 else 3


class CodeScatter(pg.ScatterPlotItem):
    """Points (n,) whose brushes are shared QBrush objects, one per class."""

    def __init__(self):
        super().__init__(pxMode=True)
        self._brushes = np.array([pg.mkBrush(c) for c in PALETTE] + [pg.mkBrush(SINGLE)],
                                 dtype=object)
        self._outline = pg.mkPen("w", width=1)

    def mouseClickEvent(self, ev) -> None:
        """Leave clicks to the view (it decodes there): pyqtgraph's point lookup would
        make a Python object per point under the pointer and swallow the click."""
        ev.ignore()

    def restyle(self, n: int, classes: np.ndarray | None) -> None:
        """``n`` hidden points at the origin, coloured by ``classes`` (n,) or all alike."""
        brush = self._brushes[-1] if classes is None else self._brushes[classes]
        self.setData(np.zeros(n), np.zeros(n), brush=brush, size=point_size(n),
                     pen=self._outline if n <= 200 else None)
        self.data["visible"] = False

    def move(self, codes: np.ndarray, shown: int) -> None:
        """Place the points at ``codes`` (n, 2); only the first ``shown`` are visible."""
        self.data["x"] = codes[:, 0]
        self.data["y"] = codes[:, 1]
        self.data["visible"][:shown] = True
        self.data["visible"][shown:] = False
        self.prepareGeometryChange()
        self.informViewBoundsChanged()
        self.bounds = [None, None]
        self.invalidate()
        self.sigPlotChanged.emit(self)


def fill_key(legend: pg.LegendItem, names: list[str]) -> None:
    """Show one coloured sample per class name in ``legend`` (empty: hide it)."""
    legend.clear()
    for name, color in zip(names, PALETTE):
        sample = pg.ScatterPlotItem(size=8, brush=pg.mkBrush(color), pen=None)
        legend.addItem(sample, name)
    legend.setVisible(bool(names))
