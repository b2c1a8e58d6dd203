"""A metric vs a parameter: the mean over repeats with min-max (or std) bars, one line per
series.

``draw_summary`` fills any pyqtgraph PlotItem (a window's or an offscreen one);
``summary_image`` renders offscreen to PNG or SVG bytes, with no display needed; ``plot_bytes``
gives any PlotItem as PNG or SVG bytes, for the one atomic writer
(``ae_desktop.safe_io.atomic``) to save. Texts go through Qt's translation: the window's
chart follows its language; the command line installs none (English).
"""

from __future__ import annotations

import os
import sys

import numpy as np
import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter, SVGExporter
from pyqtgraph.Qt.QtCore import QBuffer, QCoreApplication, QIODevice, Qt

COLORS = ("#268bd2", "#dc322f", "#859900", "#d33682", "#b58900", "#2aa198", "#6c71c4", "#cb4b16")
SERIES_SPREAD = 0.15  # horizontal offset between series, so their bars do not overlap
BARS = ("min-max", "std")


def draw_summary(
    plot: pg.PlotItem,
    summary: list[dict],
    x: str,
    metric: str,
    series: str | None = None,
    bars: str = "min-max",
) -> None:
    """Plot ``summary`` rows (``aggregate`` output) of ``metric`` against column ``x``;
    one line per value of column ``series``. The x values are shown evenly spaced, in
    order of first appearance, labelled with their values. ``bars``: ``min-max`` or
    ``std`` (mean ± standard deviation)."""
    if bars not in BARS:
        raise ValueError(f"bars must be one of {', '.join(BARS)}, got {bars!r}")
    x_values = list(dict.fromkeys(row[x] for row in summary))
    names = list(dict.fromkeys(row[series] for row in summary)) if series else [None]
    plot.clear()
    plot.setLabel("bottom", x)
    plot.setLabel(
        "left",
        (
            QCoreApplication.translate("SummaryChart", "{0} (mean, ± std)")
            if bars == "std"
            else QCoreApplication.translate("SummaryChart", "{0} (mean, min-max)")
        ).format(metric),
    )
    plot.showGrid(x=False, y=True, alpha=0.25)
    ticks = [(i, value_label(v)) for i, v in enumerate(x_values)]
    # every other label on a second level, which pyqtgraph drops when the axis is crowded
    plot.getAxis("bottom").setTicks([ticks[::2], ticks[1::2]])
    if series:
        plot.addLegend(offset=(-10, 10), labelTextColor="k")
    for k, name in enumerate(names):
        rows = [row for row in summary if series is None or row[series] == name]
        shift = (k - (len(names) - 1) / 2) * SERIES_SPREAD / max(len(names) - 1, 1)
        xs = np.array([x_values.index(row[x]) for row in rows]) + shift
        mean = np.array([row["mean"] for row in rows])
        color = COLORS[k % len(COLORS)]
        if bars == "std":
            std = np.array([row["std"] for row in rows])
            low, high = mean - std, mean + std
        else:
            low = np.array([row["min"] for row in rows])
            high = np.array([row["max"] for row in rows])
        plot.plot(*_bar_segments(xs, low, high), connect="pairs", pen=pg.mkPen(color, width=1.5))
        plot.plot(
            xs,
            mean,
            pen=pg.mkPen(color, width=2),
            symbol="o",
            symbolSize=7,
            symbolBrush=color,
            symbolPen=color,
            name=None if name is None else f"{series}={value_label(name)}",
        )
    plot.setXRange(-0.5, len(x_values) - 0.5, padding=0)


def summary_image(
    summary: list[dict],
    x: str,
    metric: str,
    series: str | None = None,
    title: str | None = None,
    svg: bool = False,
    size: tuple[int, int] = (800, 500),
) -> bytes:
    """``draw_summary`` rendered offscreen as an SVG document or a PNG image of ``size``
    pixels."""
    app = _application()
    widget = pg.PlotWidget(background="w")
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)  # laid out, never seen
    widget.resize(*size)
    plot = widget.getPlotItem()
    draw_summary(plot, summary, x, metric, series)
    if title:
        plot.setTitle(title, color="k")
    for side in ("left", "bottom"):
        plot.getAxis(side).setTextPen("k")
        plot.getAxis(side).setPen("k")
    widget.show()
    app.processEvents()
    try:
        return plot_bytes(plot, svg, width=size[0])
    finally:
        widget.close()
        widget.deleteLater()


def plot_bytes(plot: pg.PlotItem, svg: bool, width: int = 1200, height: int | None = None) -> bytes:
    """The plot as an SVG document or a PNG image ``width`` pixels wide (and ``height``
    high, else in the plot's proportions); OSError when it cannot be rendered."""
    if svg:
        return bytes(SVGExporter(plot).export(toBytes=True))
    exporter = ImageExporter(plot)
    exporter.parameters()["width"] = width
    if height is not None:
        exporter.parameters().param("height").setValue(height, blockSignal=exporter.heightChanged)
    return png_bytes(exporter.export(toBytes=True))


def png_bytes(image) -> bytes:
    """A QImage or QPixmap encoded as PNG in memory (then saved atomically like any
    output); OSError when it cannot be encoded."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if image is None or image.isNull() or not image.save(buffer, "PNG"):
        raise OSError("cannot encode the image as PNG")
    return bytes(buffer.data())


def _application():
    """The running QApplication, or a new one (offscreen when there is no display)."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return pg.mkQApp()


def _bar_segments(
    xs: np.ndarray, low: np.ndarray, high: np.ndarray, beam: float = 0.04
) -> tuple[np.ndarray, np.ndarray]:
    """Line segments (pairs of points) of a min-max bar with end caps at each x."""
    segments = [((x, lo), (x, hi)) for x, lo, hi in zip(xs, low, high)]
    segments += [
        ((x - beam, y), (x + beam, y)) for x, lo, hi in zip(xs, low, high) for y in (lo, hi)
    ]
    points = np.array(segments, dtype=float).reshape(-1, 2)
    return points[:, 0], points[:, 1]


def value_label(value) -> str:
    """A setting's value as axes and legends show it."""
    if value is None:
        return QCoreApplication.translate("SummaryChart", "none")
    return f"{value:g}" if isinstance(value, float) else str(value)
