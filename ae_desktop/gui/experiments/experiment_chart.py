"""The experiment's charts: a metric vs the varied setting (``draw_summary``), and every
run's loss curve overlaid, coloured by grid point."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ae_desktop.engine.experiments import ResultTable
from ae_desktop.plots.summary_chart import COLORS, draw_summary, value_label

EMPTY_TEXT = QT_TRANSLATE_NOOP("ExperimentChart", "Run a sweep or a study to see its chart here.")


class ChartSpec(NamedTuple):
    """What the chart shows: ``metric`` against column ``x``, a line per ``series`` value."""

    x: str
    series: str | None
    metric: str
    title: str


class _Chart(pg.PlotWidget):
    """A white plot with grey axes and a small legend on a translucent background (which
    ``draw_summary`` reuses)."""

    def __init__(self, parent=None):
        super().__init__(parent, background="w")
        self.setMinimumSize(200, 150)
        self.plot_item = self.getPlotItem()
        for side in ("left", "bottom"):
            self.plot_item.getAxis(side).setTextPen("#333")
            self.plot_item.getAxis(side).setPen("#888")
        self.legend = self.plot_item.addLegend(
            offset=(-10, 10),
            labelTextColor="#333",
            labelTextSize="8pt",
            verSpacing=-6,
            brush=pg.mkBrush(255, 255, 255, 190),
        )


class SummaryChart(_Chart):
    """Mean of a metric over repeats, with min-max or std bars, per value of a setting."""

    def __init__(self, parent=None):
        super().__init__(parent)
        empty = QCoreApplication.translate("ExperimentChart", EMPTY_TEXT)
        self._message = pg.TextItem(empty, color="#777", anchor=(0.5, 0.5))
        self.clear_chart(empty)

    def draw(self, table: ResultTable, chart: ChartSpec, bars: str) -> None:
        """Plot ``table`` as ``chart`` (a ChartSpec) says, with ``bars`` over repeats."""
        self.plot_item.setTitle(chart.title, size="9pt", color="#333")
        if not table.rows:
            self.clear_chart(QCoreApplication.translate("ExperimentChart", "No run finished."))
            return
        draw_summary(
            self.plot_item, table.summary(chart.metric), chart.x, chart.metric, chart.series, bars
        )
        self.legend.setVisible(chart.series is not None)
        self.plot_item.setLabel("left", chart.metric)  # the bars are named beside the chart
        self.plot_item.enableAutoRange(axis="y")

    def clear_chart(self, message: str) -> None:
        """An empty chart saying ``message``."""
        self.plot_item.clear()
        self.plot_item.getAxis("bottom").setTicks(None)
        self.legend.setVisible(False)
        self.plot_item.addItem(self._message)
        self._message.setText(message)
        self._message.setPos(0.5, 0.5)
        self.plot_item.setRange(xRange=(0, 1), yRange=(0, 1))

    def plotted_means(self) -> dict[str | None, np.ndarray]:
        """Series name -> plotted means, in x order (the mean lines carry the symbols)."""
        return {
            item.name(): np.asarray(item.getOriginalDataset()[1])
            for item in self.plot_item.listDataItems()
            if item.opts["symbol"] is not None
        }


class LossCurvesChart(_Chart):
    """Every run's total loss per epoch (log scale); one colour per grid point."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot_item.setLabel("bottom", QCoreApplication.translate("ExperimentChart", "epoch"))
        self.plot_item.setLabel("left", QCoreApplication.translate("ExperimentChart", "loss"))
        self.plot_item.setLogMode(x=False, y=True)
        self.plot_item.showGrid(x=True, y=True, alpha=0.25)

    def draw(self, rows: list[dict], curves: list[np.ndarray], group_by: list[str]) -> None:
        """``curves[i]`` (epochs,) of the run ``rows[i]``; runs alike in ``group_by``
        share a colour and a legend entry (the varied values)."""
        self.plot_item.clear()
        run_points = [tuple(row[name] for name in group_by) for row in rows]
        points = list(dict.fromkeys(run_points))
        self.legend.setColumnCount(2 if len(points) > 4 else 1)
        named = set()
        for point, curve in zip(run_points, curves):
            k = points.index(point)
            y = np.maximum(np.asarray(curve, dtype=float), 1e-12)  # log of 0 is -inf
            self.plot_item.plot(
                np.arange(1, len(y) + 1),
                y,
                pen=pg.mkPen(COLORS[k % len(COLORS)], width=1),
                name=None if k in named else ", ".join(map(value_label, point)),
            )
            named.add(k)

    def curve_count(self) -> int:
        return len(self.plot_item.listDataItems())
