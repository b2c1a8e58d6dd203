"""The live loss curves: total loss, for a VAE its reconstruction and KL terms, and the
held-out test loss when the run has a test split."""

from __future__ import annotations

from math import ceil, floor

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ae_desktop.gui.number_text import significant

REDRAW_MS = 100  # reports arrive every ~30 ms; repainting the plot that often is wasted
ENVELOPE_BUCKETS = 4096  # a longer history is drawn as the min and max of this many spans
CURVES = (  # names translated where drawn
    ("total", QT_TRANSLATE_NOOP("LossPlot", "Loss"), "#268bd2"),
    ("recon", QT_TRANSLATE_NOOP("LossPlot", "Reconstruction"), "#859900"),
    ("kl", "KL", "#d33682"),
)
TEST_CURVE = (QT_TRANSLATE_NOOP("LossPlot", "Test loss"), "#cb4b16")
DRAWABLE = 1e30  # larger values (and inf, nan) cannot be drawn: pyqtgraph raises on them
MAX_EPOCH = 1e12
NOTE_STYLE = "color: #dc322f;"


class EpochAxis(pg.AxisItem):
    """Whole epochs only: a 5-epoch run is not labelled 1.5, 2.5, ..."""

    def tickValues(self, minVal, maxVal, size):  # noqa: N802,N803 - pyqtgraph override
        return [
            (spacing, [v for v in values if v == round(v)])
            for spacing, values in super().tickValues(minVal, maxVal, size)
            if spacing >= 1
        ]


class LossAxis(pg.AxisItem):
    """On the log scale, ticks at 1, 2 and 5 per decade labelled as plain numbers (50,
    200), the other mantissas unlabelled: pyqtgraph labels all nine as 2·10¹, 3·10¹, ...
    which pile up when the curves span a decade or two."""

    LEVELS = ((1,), (2, 5), (3, 4, 6, 7, 8, 9))

    def logTickValues(self, minVal, maxVal, size, stdTicks):  # noqa: N802,N803 - override
        decades = np.arange(floor(minVal), ceil(maxVal) + 1)[:, None]
        levels = []
        for mantissas in self.LEVELS:
            values = (decades + np.log10(mantissas)).ravel()
            levels.append((None, values[(values >= minVal) & (values <= maxVal)].tolist()))
        return levels

    def logTickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph override
        numbers = 10 ** np.asarray(values, dtype=float) * scale
        mantissas = np.round(numbers / 10 ** np.floor(np.log10(numbers) + 1e-9))
        return [significant(v, 3) if m in (1, 2, 5) else "" for v, m in zip(numbers, mantissas)]


class LegendRow(pg.GraphicsWidget):
    """A legend in a layout cell: its entries in as many columns as the width holds, the
    row as tall as they need."""

    def __init__(self):
        super().__init__()
        self.legend = pg.LegendItem()
        self.legend.setParentItem(self)

    def fit(self) -> None:
        entries = max(1, len(self.legend.items))
        for columns in range(entries, 0, -1):
            self.legend.setColumnCount(columns)
            if self.legend.width() <= self.width():
                break
        self.setFixedHeight(self.legend.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.oldSize().width() != event.newSize().width():
            self.fit()


class _Rows:
    """A growing (count, width) array: appends are amortised O(1) (the buffer doubles)."""

    def __init__(self, width: int):
        self._buffer = np.empty((0, width))
        self.count = 0

    def rows(self) -> np.ndarray:
        """The rows appended so far (a view)."""
        return self._buffer[: self.count]

    def append(self, rows: np.ndarray) -> None:
        end = self.count + len(rows)
        if end > len(self._buffer):
            grown = np.empty((max(end, 2 * len(self._buffer), 1024), self._buffer.shape[1]))
            grown[: self.count] = self._buffer[: self.count]
            self._buffer = grown
        self._buffer[self.count : end] = rows
        self.count = end


class LossPlot(QWidget):
    """Appends per-epoch losses (k, 3) [total, recon, kl] and test losses (k, 2)
    [epoch, loss], and redraws with setData."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._losses = _Rows(3)
        self._test = _Rows(2)
        self._split_terms = False
        self._redraw_timer = QTimer(self, singleShot=True, interval=REDRAW_MS)
        self._redraw_timer.timeout.connect(self._redraw)
        self.plot_widget = pg.PlotWidget(
            self,
            background="w",
            axisItems={"bottom": EpochAxis("bottom"), "left": LossAxis("left")},
        )
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setLabel("bottom", self.tr("epoch"))
        self.plot.setLabel("left", self.tr("loss"))
        # No axis grid: while training the range moves on every redraw, and pyqtgraph's
        # axis grid then costs ~15 ms a repaint, against ~4 ms for the rest (bench_soak.py)
        # in a row of its own above the curves (the title's), so it never hides them, and
        # it gives the top tick label room (it was clipped at the plot's top edge)
        self.legend_row = LegendRow()
        self.legend = self.legend_row.legend
        self.plot.layout.removeItem(self.plot.titleLabel)  # untitled: its row is free
        self.plot.layout.addItem(self.legend_row, 0, 1)
        self.curves = {
            key: self.plot.plot([], [], name=self.tr(name), pen=pg.mkPen(color, width=1))
            for key, name, color in CURVES
        }
        for curve in self.curves.values():
            # a long run has a million epochs: draw a few thousand peak-preserving points,
            # or every redraw costs hundreds of milliseconds of GUI time (bench_soak.py)
            curve.setDownsampling(auto=True, method="peak")
            curve.setClipToView(True)
        name, color = TEST_CURVE
        self.test_curve = self.plot.plot([], [], name=self.tr(name), pen=pg.mkPen(color, width=2))
        self.log_scale = QCheckBox(self.tr("Log scale"), self)
        self.log_scale.setChecked(True)
        self.log_scale.toggled.connect(self._on_log_scale_toggled)
        self.summary = QLabel("", self)
        self.summary.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.summary.setWordWrap(True)  # a narrow dock wraps it rather than cut the KL
        self.note = QLabel("", self)  # values that cannot be drawn
        self.note.setStyleSheet(NOTE_STYLE)
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        self._undrawable = 0
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.log_scale)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.note)
        layout.addLayout(row)
        self._on_log_scale_toggled(True)
        self.reset(split_terms=False)

    def reset(self, split_terms: bool) -> None:
        """Empty the plot; ``split_terms`` shows the VAE's reconstruction and KL curves.
        The test curve appears with its first point."""
        self._losses.count = self._test.count = 0
        self._split_terms = split_terms
        self.legend.clear()
        for key, curve in self.curves.items():
            curve.setData([], [])
            visible = key == "total" or split_terms
            curve.setVisible(visible)
            if visible:
                self._add_to_legend(curve)
        self.test_curve.setData([], [])
        self.test_curve.setVisible(False)
        self.summary.setText("")
        self._set_undrawable(0)
        self.plot.enableAutoRange()

    def clear(self) -> None:
        """No model: empty, with the axes back to their first range (not the last run's)."""
        self.reset(split_terms=False)
        self.plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
        self.plot.enableAutoRange()

    def _add_to_legend(self, curve) -> None:
        self.legend.addItem(curve, curve.name())
        self.legend_row.fit()

    def set_history(self, losses: np.ndarray, test_losses: np.ndarray | None = None) -> None:
        """Show a whole history (epochs, 3), and the test losses (k, 2) [epoch, loss] if
        any, e.g. of a model just opened."""
        self._losses.count = 0
        self._set_undrawable(0)
        self.append(losses)
        if self._test.count:
            self.test_curve.setVisible(False)
            self.legend.removeItem(self.test_curve)
        self._test.count = 0
        if test_losses is not None:
            self.append_test(test_losses)
        self.flush()

    def losses(self) -> np.ndarray:
        """Everything plotted so far, (epochs, 3) [total, recon, kl]."""
        return self._losses.rows().copy()

    def test_losses(self) -> np.ndarray:
        """The test losses plotted so far, (k, 2) [epoch, loss]."""
        return self._test.rows().copy()

    def append_test(self, points: np.ndarray) -> None:
        """Add test losses (k, 2) [epoch, loss] and redraw; the first shows the curve."""
        points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        if len(points) == 0:
            return
        if self._test.count == 0:
            self.test_curve.setVisible(True)
            self._add_to_legend(self.test_curve)
        self._test.append(points)
        ok = drawable(points[:, 1]) & drawable(points[:, 0], MAX_EPOCH)
        self._set_undrawable(self._undrawable + int((~ok).sum()))
        if not self._redraw_timer.isActive():
            self._redraw_timer.start()

    def append(self, new_losses: np.ndarray) -> None:
        """Add per-epoch losses (k, 3) and redraw."""
        new_losses = np.asarray(new_losses, dtype=np.float64).reshape(-1, 3)
        if len(new_losses) == 0:
            return
        self._losses.append(new_losses)
        columns = len(CURVES) if self._split_terms else 1
        bad = int((~drawable(new_losses[:, :columns])).any(axis=1).sum())
        self._set_undrawable(self._undrawable + bad)
        if not self._redraw_timer.isActive():  # redraw at most every REDRAW_MS
            self._redraw_timer.start()

    def flush(self) -> None:
        """Draw what was appended now instead of at the next timer tick."""
        self._redraw_timer.stop()
        self._redraw()

    def _redraw(self) -> None:
        losses, count = self._losses.rows(), self._losses.count
        for column, (key, _, _) in enumerate(CURVES):
            curve = self.curves[key]
            if not curve.isVisible():
                continue
            if count == 0:
                curve.setData([], [])
                continue
            epochs, values = envelope(losses[:, column])
            ok = drawable(values)
            curve.setData(epochs[ok], self._shown(values[ok]))
        test = self._test.rows()
        if len(test):
            ok = drawable(test[:, 1]) & drawable(test[:, 0], MAX_EPOCH)
            self.test_curve.setData(test[ok, 0], self._shown(test[ok, 1]))
        if count:
            last = losses[-1]
            text = self.tr("epoch {0}   loss {1}").format(count, significant(last[0], 4))
            if self._split_terms:
                text += self.tr("   recon {0}   KL {1}").format(
                    significant(last[1], 4), significant(last[2], 4)
                )
            if len(test):
                text += self.tr("   test {0}").format(significant(test[-1, 1], 4))
            self.summary.setText(text)

    def _set_undrawable(self, count: int) -> None:
        """Count the epochs with a value left out of the curves, and say so."""
        self._undrawable = count
        self.note.setVisible(count > 0)
        self.note.setText(
            self.tr("%Ln values not drawn: not finite or beyond ±{0}.", "", count).format(
                f"{DRAWABLE:g}"
            )
            if count
            else ""
        )

    def _shown(self, y: np.ndarray) -> np.ndarray:
        """Values as plotted: on the log axis zeros sit at 1e-12 (log 0 is -inf)."""
        return np.maximum(y, 1e-12) if self.log_scale.isChecked() else y

    def point_count(self) -> int:
        """Epochs plotted (a long history is drawn as their envelope)."""
        return self._losses.count

    def _on_log_scale_toggled(self, checked: bool) -> None:
        self.plot.setLogMode(x=False, y=checked)
        self._redraw()


def drawable(values: np.ndarray, limit: float = DRAWABLE) -> np.ndarray:
    """Mask of the values a plot can draw: finite and within ±``limit``."""
    return np.abs(np.nan_to_num(values, nan=np.inf)) <= limit


def envelope(values: np.ndarray, buckets: int = ENVELOPE_BUCKETS) -> tuple[np.ndarray, np.ndarray]:
    """(epochs, values) to draw for per-epoch ``values``: all of them when few, else the
    minimum and maximum of each of ``buckets`` equal spans (at the span's first and middle
    epoch) followed by the last partial span as is. Peaks survive; a million epochs cost
    a few milliseconds instead of a few tens on every redraw."""
    count = len(values)
    if count <= 2 * buckets:
        return np.arange(1, count + 1), values
    span = count // buckets
    whole = buckets * span
    spans = values[:whole].reshape(buckets, span)
    starts = np.arange(1, whole + 1, span)
    epochs = np.concatenate(
        [np.column_stack([starts, starts + span // 2]).ravel(), np.arange(whole + 1, count + 1)]
    )
    drawn = np.concatenate(
        [np.column_stack([spans.min(axis=1), spans.max(axis=1)]).ravel(), values[whole:]]
    )
    return epochs, drawn
