"""The latent plane: glyph codes as labelled points; click or drag anywhere to decode."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget)

from ae_desktop.engine import decode_grid, latent_extent
from ae_desktop.gui.glyph_view import GlyphCanvas, ink_rgb

MAP_TILES = 13


class PickViewBox(pg.ViewBox):
    """A ViewBox where the left button picks points; right-drag zooms, wheel zooms,
    middle-drag pans."""

    point_picked = Signal(float, float)  # view (latent) coordinates

    def mouseClickEvent(self, ev) -> None:
        if ev.button() == Qt.LeftButton:
            ev.accept()
            self._pick(ev.scenePos())
        else:
            super().mouseClickEvent(ev)

    def mouseDragEvent(self, ev, axis=None) -> None:
        if ev.button() == Qt.LeftButton:
            ev.accept()
            self._pick(ev.scenePos())
        else:
            super().mouseDragEvent(ev, axis)

    def _pick(self, scene_pos) -> None:
        point = self.mapSceneToView(scene_pos)
        self.point_picked.emit(point.x(), point.y())


class LatentCanvas(QWidget):
    """Plots codes (n, 2) of the glyphs; decodes the picked point into a preview."""

    glyph_kept = Signal(str, object)  # label, (height, width) 0/1 pixels

    def __init__(self, parent=None):
        super().__init__(parent)
        self._model = None
        self._matrix = np.zeros((0, 0))
        self._labels: list[str] = []
        self._shape = (7, 5)
        self._frame_to_glyphs = True
        self.codes = np.zeros((0, 2))
        self._log_var: np.ndarray | None = None  # (n, 2) for a VAE, else None
        self.picked_z: np.ndarray | None = None
        self.preview_pixels: np.ndarray | None = None

        self.view = PickViewBox()
        self.plot_widget = pg.PlotWidget(self, viewBox=self.view, background="w")
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setLabel("bottom", "z₁")
        self.plot.setLabel("left", "z₂")
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot_widget.setToolTip("Click or drag: decode that point · wheel or right-drag: "
                                    "zoom · middle-drag: pan")
        self.view.setRange(xRange=(-3, 3), yRange=(-3, 3), padding=0)
        self.map_image = pg.ImageItem(axisOrder="row-major")
        self.map_image.setOpacity(0.35)
        self.map_image.setZValue(-10)
        self.map_image.setLookupTable(_ink_lut())
        self.plot.addItem(self.map_image)
        self.path = pg.PlotDataItem([], [], pen=pg.mkPen("#cb4b16", width=2), symbol="o",
                                    symbolSize=6, symbolBrush="#cb4b16", symbolPen=None)
        self.points = pg.ScatterPlotItem(size=9, brush=pg.mkBrush("#268bd2"),
                                         pen=pg.mkPen("w", width=1))
        self.drawn = pg.ScatterPlotItem(size=16, symbol="star", brush=pg.mkBrush("#859900"),
                                        pen=pg.mkPen("#2e3b00", width=1))
        self.marker = pg.ScatterPlotItem(size=14, symbol="+", pen=pg.mkPen("#dc322f", width=3))
        for item in (self.path, self.points, self.drawn, self.marker):
            self.plot.addItem(item)
        self._texts: list[pg.TextItem] = []
        self.view.point_picked.connect(self._on_point_picked)
        self.view.sigRangeChangedManually.connect(self._on_range_changed_manually)
        self.view.sigResized.connect(self._on_view_resized)

        self.message = QLabel("Train or open a model with a 2-D latent space.", self)
        self.message.setStyleSheet("color: palette(placeholder-text);")
        self.message.setWordWrap(True)
        self.show_map = QCheckBox("Latent map", self)
        self.show_map.setToolTip("Decoded glyphs on a grid behind the points")
        self.show_map.toggled.connect(self._on_show_map_toggled)
        frame = QPushButton("Frame glyphs", self)
        frame.clicked.connect(self._on_frame_clicked)
        self.preview = GlyphCanvas(self, min_cell=6, title="Decoded point")
        self.label_edit = QLineEdit(self)
        self.label_edit.setPlaceholderText("label")
        self.label_edit.setMaximumWidth(90)
        self.keep_button = QPushButton("Keep", self)
        self.keep_button.setToolTip("Add the decoded glyph (thresholded at 0.5) to the set")
        self.keep_button.clicked.connect(self._on_keep_clicked)
        self.keep_button.setEnabled(False)
        self.label_edit.returnPressed.connect(self._on_keep_clicked)

        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.show_map)
        top.addWidget(frame)
        side_widget = QWidget(self)
        side_widget.setFixedWidth(110)
        side = QVBoxLayout(side_widget)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.preview, 1)
        side.addWidget(self.label_edit)
        side.addWidget(self.keep_button)
        body = QHBoxLayout()
        body.addWidget(self.plot_widget, 1)
        body.addWidget(side_widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addLayout(body, 1)

    def set_glyphs(self, matrix: np.ndarray, labels: list[str], shape: tuple[int, int]) -> None:
        """Glyphs to place: rows of ``matrix`` (n, height*width), labels, (height, width)."""
        self._matrix = np.asarray(matrix, dtype=np.float64)
        self._labels = list(labels)
        self._shape = shape
        self._refresh()

    def set_model(self, model, reframe: bool = False) -> None:
        """Use ``model`` (Autoencoder or None); ``reframe`` fits the view to its codes."""
        self._model = model
        if reframe:
            self._frame_to_glyphs = True
        self._refresh()

    def usable(self) -> bool:
        m = self._model
        return (m is not None and m.arch.latent_dim == 2
                and m.arch.n_inputs == self._shape[0] * self._shape[1])

    def decode(self, z: np.ndarray) -> np.ndarray:
        """Decoded glyph (height, width) of code ``z`` (2,)."""
        return self._model.decode(np.asarray(z, dtype=np.float64)[None, :]).reshape(self._shape)

    def set_drawn_point(self, z: np.ndarray | None) -> None:
        """Mark the editor's glyph at code ``z`` (latent,), or hide the mark."""
        if z is None or not self.usable():
            self.drawn.setData([], [])
        else:
            self.drawn.setData([z[0]], [z[1]])

    def show_path(self, codes: np.ndarray | None) -> None:
        """Draw an interpolation path through ``codes`` (k, 2), or remove it."""
        if codes is None:
            self.path.setData([], [])
        else:
            self.path.setData(codes[:, 0], codes[:, 1])

    def pick(self, z) -> None:
        """Decode ``z`` (2,) into the preview, as a click there does."""
        if not self.usable():
            return
        self.picked_z = np.array(z, dtype=np.float64)
        self._update_preview()

    def _refresh(self) -> None:
        usable = self.usable() and len(self._matrix) > 0
        self.message.setVisible(not usable)
        self.keep_button.setEnabled(usable and self.picked_z is not None)
        if not usable:
            self.message.setText(self._unusable_reason())
            self.codes = np.zeros((0, 2))
            self._log_var = None
            for item in (self.points, self.drawn, self.marker, self.path):
                item.setData([], [])
            self.map_image.clear()
            self._place_labels()
            self.preview.set_glyph(None)
            return
        mean, log_var = self._model.encode_distribution(self._matrix)
        self.codes = mean
        self._log_var = log_var if self._model.arch.kind == "vae" else None
        self.points.setData(mean[:, 0], mean[:, 1])
        self._place_labels()
        if self._frame_to_glyphs:
            self._frame()
        if self.show_map.isChecked():
            self._draw_map()
        if self.picked_z is not None:
            self._update_preview()

    def _unusable_reason(self) -> str:
        m = self._model
        if m is None:
            return "Train or open a model with a 2-D latent space."
        if m.arch.latent_dim != 2:
            return f"This model has a {m.arch.latent_dim}-D latent space; the plane needs 2-D."
        if len(self._matrix) == 0:
            return "The glyph set is empty."
        return (f"The model takes {m.arch.n_inputs} pixels; "
                f"these glyphs have {self._matrix.shape[1]}.")

    def _frame_ranges(self):
        """Where the glyphs lie; for a VAE, also +-3 sigma of each code and of the prior."""
        return latent_extent(self.codes, log_var=self._log_var)

    def _frame(self) -> None:
        x_range, y_range = self._frame_ranges()
        self.view.setRange(xRange=x_range, yRange=y_range, padding=0)

    def _place_labels(self) -> None:
        while len(self._texts) > len(self.codes):
            self.plot.removeItem(self._texts.pop())
        while len(self._texts) < len(self.codes):
            text = pg.TextItem(color="#073642", anchor=(0.5, 1.15))
            self.plot.addItem(text)
            self._texts.append(text)
        for text, label, (x, y) in zip(self._texts, self._labels, self.codes):
            if text.toPlainText() != label:  # setText re-lays out the HTML every time
                text.setText(label)
            text.setPos(x, y)

    def map_tiles(self) -> tuple[int, int]:
        """(columns, rows) of the latent map: MAP_TILES columns, and as many rows as keep
        each thumbnail's on-screen shape that of a glyph."""
        (x0, x1), (y0, y1) = self._frame_ranges()
        (vx0, vx1), (vy0, vy1) = self.view.viewRange()
        screen = self.view.sceneBoundingRect()
        px_x = screen.width() / max(vx1 - vx0, 1e-12)   # screen pixels per latent unit
        px_y = screen.height() / max(vy1 - vy0, 1e-12)
        height, width = self._shape
        tile_w = (x1 - x0) / MAP_TILES * px_x
        tile_h = tile_w * (height + 1) / (width + 1)
        rows = round((y1 - y0) * px_y / max(tile_h, 1e-12)) if tile_h > 0 else MAP_TILES
        return MAP_TILES, int(np.clip(rows, 3, 4 * MAP_TILES))

    def _draw_map(self) -> None:
        """Decoded thumbnails on a grid over the glyphs' frame, one per grid point."""
        (x0, x1), (y0, y1) = self._frame_ranges()
        nx, ny = self.map_tiles()
        height, width = self._shape
        tiles = decode_grid(self._model, (x0, x1), (y0, y1), nx, ny, precision="float32")
        tiles = tiles.reshape(ny, nx, height, width)
        # one blank pixel between tiles; row 0 of the mosaic at the top (y max)
        padded = np.zeros((ny, nx, height + 1, width + 1))
        padded[:, :, :height, :width] = tiles
        mosaic = padded.transpose(0, 2, 1, 3).reshape(ny * (height + 1), nx * (width + 1))
        dx, dy = (x1 - x0) / (nx - 1), (y1 - y0) / (ny - 1)
        self.map_image.setImage(mosaic[::-1], levels=(0.0, 1.0), autoLevels=False)
        self.map_image.setRect(QRectF(x0 - dx / 2, y0 - dy / 2, nx * dx, ny * dy))

    def _update_preview(self) -> None:
        self.preview_pixels = self.decode(self.picked_z)
        z = self.picked_z
        self.marker.setData([z[0]], [z[1]])
        self.preview.set_glyph(self.preview_pixels, detail=f"({z[0]:.2f}, {z[1]:.2f})")
        self.keep_button.setEnabled(True)

    def _on_point_picked(self, x: float, y: float) -> None:
        self.pick((x, y))

    def _on_range_changed_manually(self, *args) -> None:
        self._frame_to_glyphs = False

    def _on_view_resized(self, *args) -> None:
        if self.show_map.isChecked() and self.usable() and len(self._matrix):
            self._draw_map()  # keep the thumbnails glyph-shaped

    def _on_frame_clicked(self) -> None:
        self._frame_to_glyphs = True
        self._refresh()

    def _on_show_map_toggled(self, checked: bool) -> None:
        if checked and self.usable() and len(self._matrix):
            self._draw_map()
        else:
            self.map_image.clear()

    def _on_keep_clicked(self) -> None:
        if self.preview_pixels is None:
            return
        label = self.label_edit.text().strip()
        if not label:
            self.label_edit.setPlaceholderText("type a label")
            self.label_edit.setFocus()
            return
        self.glyph_kept.emit(label, (self.preview_pixels >= 0.5).astype(np.float64))
        self.label_edit.clear()


def _ink_lut() -> np.ndarray:
    """(256, 3) uint8 ramp from paper to ink for the latent map."""
    return ink_rgb(np.linspace(0.0, 1.0, 256))
