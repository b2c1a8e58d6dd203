"""One pxMode scatter for every latent code, coloured by label class, with a colour key.

Restyling (new points or labels) goes through ``setData`` once, with the symbol atlas
looked up once per distinct style rather than per point; moving the points during
training writes the positions in place, skipping the lookup altogether since every point
keeps its symbol. Both lean on pyqtgraph internals (``data``, ``_style``,
``fragmentAtlas``; pyqtgraph is pinned to 0.14.0); tests/gui/test_latent_scale.py checks
them.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

# tab20's strong colours first, then its light ones: 20 classes stay distinguishable
PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#aec7e8",
    "#ffbb78",
    "#98df8a",
    "#ff9896",
    "#c5b0d5",
    "#c49c94",
    "#f7b6d2",
    "#c7c7c7",
    "#dbdb8d",
    "#9edae5",
)
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
        self._brushes = np.array(
            [pg.mkBrush(c) for c in PALETTE] + [pg.mkBrush(SINGLE)], dtype=object
        )
        self._outline = pg.mkPen("w", width=1)

    def mouseClickEvent(self, ev) -> None:
        """Leave clicks to the view (it decodes there): pyqtgraph's point lookup would
        make a Python object per point under the pointer and swallow the click."""
        ev.ignore()

    def restyle(self, n: int, classes: np.ndarray | None) -> None:
        """``n`` hidden points at the origin, coloured by ``classes`` (n,) or all alike."""
        self.setData(
            np.zeros(n),
            np.zeros(n),
            brush=self._brushes[-1],
            size=point_size(n),
            pen=self._outline if n <= 200 else None,
        )
        if classes is not None:  # setData(brush=array) would call mkBrush once per point
            self.data["brush"] = self._brushes[classes]
            self.data["sourceRect"] = 0
            self.updateSpots()
        self.data["visible"] = False

    def updateSpots(self, dataSet=None) -> None:
        """pyqtgraph's own version looks every point's style up in its symbol atlas one
        by one (about 0.3 s for 60,000 points); here each distinct style is looked up
        once and its atlas rectangle spread to the points that share it."""
        data = self.data if dataSet is None else dataSet
        if not (self.opts["pxMode"] and self.opts["useCache"]):
            super().updateSpots(dataSet)
            return
        todo = data["sourceRect"]["w"] == 0
        if todo.any():
            styles = list(self._style(["symbol", "size", "pen", "brush"], data=data, idx=todo))
            style_code = np.zeros(int(todo.sum()), dtype=np.int64)
            for column in styles:  # number each distinct style, column by column
                ids = (
                    np.fromiter(map(id, column), dtype=np.int64, count=len(column))
                    if column.dtype == object
                    else column
                )
                values, codes = np.unique(ids, return_inverse=True)
                style_code = style_code * len(values) + codes
            _, first, which = np.unique(style_code, return_index=True, return_inverse=True)
            rects = self.fragmentAtlas[[tuple(column[i] for column in styles) for i in first]]
            data["sourceRect"][todo] = np.array(rects, dtype=data["sourceRect"].dtype)[which]
            self._maybeRebuildAtlas()
            self.invalidate()
        self._updateMaxSpotSizes(data=data)

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
