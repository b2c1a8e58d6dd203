"""The latent plane: glyph codes as points coloured by label; click or drag to decode.
A code above 2-D is shown projected on a plane chosen in ProjectionControls, the other
coordinates set by its sliders.

Small sets get a text label per point; big ones (60,000 MNIST codes) are one pxMode
scatter with a colour key, encoded a slice at a time (see latent_codes) so that neither
a training tick nor a newly opened set holds up the window.
"""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLocale, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ae_desktop.engine import (
    PIXELS,
    GlyphKind,
    axis_projection,
    decode_grid,
    latent_extent,
    offset_ranges,
    projection_named,
)
from ae_desktop.gui.glyphs.glyph_view import GlyphCanvas
from ae_desktop.gui.glyphs.kind_views import kind_view
from ae_desktop.gui.latent.code_scatter import CodeScatter, fill_key, label_classes
from ae_desktop.gui.latent.glyph_strip import keep_glyph
from ae_desktop.gui.latent.latent_codes import LatentCodes
from ae_desktop.gui.latent.latent_labels import place_labels
from ae_desktop.gui.latent.latent_map import MapLayer
from ae_desktop.gui.latent.pick_view_box import PickViewBox
from ae_desktop.gui.latent.projection_controls import ProjectionControls, pretty

FRAME_FILL = 0.8  # while following training, a view the glyphs fill this much stays
FRAME_SLACK = 0.05  # and a new one leaves this much room on each side
MAP_TILES = 13  # default columns of the latent map
TEXT_LIMIT = 64  # more points than this get no text labels (a colour key if classes)
SYNC_WORK = 10_000_000  # sets that encode in fewer multiply-adds are encoded at once
SLICE_SECONDS = 0.010  # a big set is encoded 10 ms at a time, every 50 ms while
SLICE_INTERVAL_MS = 50  # models keep coming (training), every 20 ms once they stop
IDLE_INTERVAL_MS = 20
IDLE_SECONDS = 0.5
SHOW_SECONDS = 0.25  # and its points move (a repaint of them all) at most this often
MAP_PAUSE = 4  # after a map taking t, wait 4 t before the next: at most 20% busy
TOP_MARGIN = 8  # pixels above the plot: half a tick label sticks out there
CODE_LIMIT = 1e9  # codes beyond this (or not finite) cannot be drawn: a note instead


class LatentCanvas(QWidget):
    """Plots codes (n, d) of the glyphs on a plane; decodes the picked code into a
    preview."""

    glyph_kept = Signal(str, object)  # label, (height, width) pixels
    projection_changed = Signal(object)  # the engine Projection of the plane

    def __init__(self, parent=None):
        super().__init__(parent)
        self._model = None
        self._codes = LatentCodes()
        self._labels: list[str] = []
        self._classes: np.ndarray | None = None
        self._shape = (7, 5)
        self._kind = PIXELS
        self._restyle = True
        self._frame_to_glyphs = True
        self._frame_exactly = True  # the next framing fits exactly (a new model or set)
        self._map_due = 0.0
        self._bad_codes = False  # some codes cannot be drawn: no frame, no map
        self._shown_at = 0.0
        self._model_at = 0.0
        self.picked_z: np.ndarray | None = None
        self.preview_pixels: np.ndarray | None = None
        self.projection = axis_projection(2, 0, 1)
        self._fresh_offsets = True  # sliders go to the codes' mean once they are in
        self._drawn_z: np.ndarray | None = None
        self._path_codes: np.ndarray | None = None

        self.view = PickViewBox()
        self.plot_widget = pg.PlotWidget(self, viewBox=self.view, background="w")
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setLabel("bottom", "z₁")
        self.plot.setLabel("left", "z₂")
        self.plot.layout.setContentsMargins(1, TOP_MARGIN, 1, 1)  # the top tick label, whole
        # A GridItem, not the axes' grid: that one is replayed over the whole view on every
        # paint (~15 ms while the range moves, against ~1 ms)
        self.plot.addItem(pg.GridItem(pen=pg.mkPen(0, 0, 0, 22), textPen=None))
        self.plot_widget.setToolTip(
            self.tr(
                "Click or drag: decode that point · wheel or right-drag: zoom · middle-drag: pan"
            )
        )
        self.view.setRange(xRange=(-3, 3), yRange=(-3, 3), padding=0)
        self.map_layer = MapLayer()
        self.map_image, self.map_curves = self.map_layer.image, self.map_layer.curves
        self.path = pg.PlotDataItem(
            [],
            [],
            pen=pg.mkPen("#cb4b16", width=2),
            symbol="o",
            symbolSize=6,
            symbolBrush="#cb4b16",
            symbolPen=None,
        )
        self.points = CodeScatter()
        self.drawn = pg.ScatterPlotItem(
            size=16, symbol="star", brush=pg.mkBrush("#859900"), pen=pg.mkPen("#2e3b00", width=1)
        )
        # dark and outlined: a red cross vanished among the red points of a digit class
        self.marker = pg.ScatterPlotItem(
            size=18, symbol="+", brush=pg.mkBrush("#dc322f"), pen=pg.mkPen("#002b36", width=1.5)
        )
        for item in (
            self.map_image,
            self.map_curves,
            self.path,
            self.points,
            self.drawn,
            self.marker,
        ):
            self.plot.addItem(item)
        self.key = self.plot.addLegend(
            offset=(-8, 8), labelTextColor="#073642", brush=pg.mkBrush(255, 255, 255, 210)
        )
        self.key.setVisible(False)
        self._texts: list[pg.TextItem] = []
        self.view.point_picked.connect(self._on_point_picked)
        self.view.sigRangeChangedManually.connect(self._on_range_changed_manually)
        self.view.sigResized.connect(self._on_view_resized)
        self.view.sigRangeChanged.connect(self._arrange_labels)
        self._slice_timer = QTimer(self, interval=SLICE_INTERVAL_MS)
        self._slice_timer.timeout.connect(self._on_slice_timeout)
        self._map_timer = QTimer(self, singleShot=True)
        self._map_timer.timeout.connect(self._draw_map)

        self.controls = ProjectionControls(self)
        self.controls.view_changed.connect(self._on_view_changed)
        self.controls.offsets_changed.connect(self._on_offsets_changed)
        self.message = QLabel(self.tr("Train or open a model with a 2-D latent space."), self)
        self.message.setStyleSheet("color: palette(placeholder-text);")
        self.message.setWordWrap(True)
        self.count_label = QLabel(self)
        self.show_map = QCheckBox(self.tr("Latent map"), self)
        self.show_map.setToolTip(self.tr("Decoded glyphs on a grid behind the points"))
        self.show_map.toggled.connect(self._on_show_map_toggled)
        self.map_columns = QSpinBox(self, minimum=2, maximum=60, value=MAP_TILES)
        self.map_columns.setSuffix(self.tr(" columns"))
        self.map_columns.setToolTip(
            self.tr("Grid points across the latent map (rows follow the glyph's shape)")
        )
        self.map_columns.valueChanged.connect(self._on_map_columns_changed)
        self.show_points = QCheckBox(self.tr("Points"), self)
        self.show_points.setChecked(True)
        self.show_points.setToolTip(
            self.tr(
                "The glyphs' codes; hide them to see the whole latent map, drawn in full "
                "contrast then"
            )
        )
        self.show_points.toggled.connect(self._on_show_points_toggled)
        frame = QPushButton(self.tr("Frame glyphs"), self)
        frame.setToolTip(self.tr("Fit the view to the glyphs' points"))
        frame.clicked.connect(self._on_frame_clicked)
        self.preview = GlyphCanvas(self, min_cell=6, title=self.tr("Decoded point"))
        self.label_edit = QLineEdit(self)
        self.label_edit.setPlaceholderText(self.tr("label"))
        self.label_edit.setMaximumWidth(90)
        self.keep_button = QPushButton(self.tr("Keep"), self)
        self.keep_button.setToolTip(
            self.tr("Add the decoded glyph (pixels thresholded at 0.5) to the set")
        )
        self.keep_button.clicked.connect(self._on_keep_clicked)
        self.keep_button.setEnabled(False)
        self.label_edit.returnPressed.connect(self._on_keep_clicked)

        top = QHBoxLayout()
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.show_points)
        top.addWidget(self.show_map)
        top.addWidget(self.map_columns)
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
        layout.addWidget(self.controls)
        layout.addLayout(body, 1)

    @property
    def codes(self) -> np.ndarray:
        """Codes (k, d) of the first k glyphs, all n once encoded; for a VAE, the means.
        None (shape (0, 2)) while the model cannot place these glyphs."""
        if not self.usable():
            return np.zeros((0, 2))
        return self._codes.mean[: self._codes.filled]

    @property
    def plane_codes(self) -> np.ndarray:
        """The codes' points (k, 2) on the plane: the codes themselves for a 2-D code."""
        codes = self.codes
        return self.projection.project(codes) if self._fits(codes) else np.zeros((0, 2))

    def set_glyphs(
        self,
        matrix: np.ndarray,
        labels: list[str],
        shape: tuple[int, int],
        kind: GlyphKind = PIXELS,
    ) -> None:
        """Glyphs to place: rows of ``matrix`` (n, height*width), labels, (height, width),
        and the glyph set's kind (PIXELS, or CURVE: drawn as closed curves)."""
        self._codes.set_matrix(matrix)
        labels = list(labels)
        if labels != self._labels or len(labels) != len(self.points.data):
            self._labels = labels  # restyling 60,000 points takes about 0.3 s: not per edit
            names, self._classes = label_classes(labels)
            fill_key(self.key, names)
            self.key.setVisible(bool(names) and self.show_points.isChecked())
            self._restyle = True
        self._shape = tuple(shape)
        self._kind = kind
        self.preview.set_kind(kind)
        self._refresh()

    def set_model(self, model, reframe: bool = False) -> None:
        """Use ``model`` (Autoencoder or None); ``reframe`` fits the view to its codes."""
        self._model = model
        self._model_at = time.perf_counter()
        if reframe:
            self._frame_to_glyphs = self._frame_exactly = True
        self._refresh()

    def usable(self) -> bool:
        m = self._model
        return (
            m is not None
            and m.arch.latent_dim >= 2
            and m.arch.n_inputs == self._shape[0] * self._shape[1]
        )

    def decode(self, z: np.ndarray) -> np.ndarray:
        """Decoded glyph (height, width) of code ``z`` (latent,)."""
        return self._model.decode(np.asarray(z, dtype=np.float64)[None, :]).reshape(self._shape)

    def lift(self, x: float, y: float) -> np.ndarray:
        """The code (latent,) of plane point (x, y) at the sliders' offsets."""
        return self.projection.lift([x, y], self.controls.offsets())

    def set_drawn_point(self, z: np.ndarray | None) -> None:
        """Mark the editor's glyph at code ``z`` (latent,), or hide the mark."""
        self._drawn_z = z
        if z is None or not self._fits(z) or not drawable(z).all():
            self.drawn.setData([], [])
        else:
            self.drawn.setData(*self.projection.project(z)[:, None])

    def show_path(self, codes: np.ndarray | None) -> None:
        """Draw an interpolation path through ``codes`` (k, latent), or remove it."""
        self._path_codes = codes
        if codes is None or not self._fits(codes[0]):
            self.path.setData([], [])
        else:
            self.path.setData(*self.projection.project(codes).T)

    def pick(self, z) -> None:
        """Decode ``z`` (latent,) into the preview, as a click on its point does; the
        sliders go to its other coordinates."""
        if self._set_picked(z) and self.controls.dim > 2:
            self.controls.set_offsets(self.projection.offsets(self.picked_z))
            self._request_map()

    def _set_picked(self, z) -> bool:
        """Decode ``z`` (latent,) into the preview; False for a code it cannot draw."""
        if not self.usable() or not self._fits(z) or not drawable(z).all():
            return False
        self.picked_z = np.array(z, dtype=np.float64)
        self._update_preview()
        return True

    def set_view(self, name: str, offsets=None) -> None:
        """Show the view ``name`` (one of engine.axis_names) of a code above 2-D, the
        sliders at ``offsets`` (d - 2,) or at the codes' mean."""
        self.controls.choose(name)
        if offsets is not None:
            self.controls.set_offsets(offsets)
            self._on_offsets_changed()

    def _fits(self, z) -> bool:
        """Whether code ``z`` has the plane's number of dimensions."""
        return np.shape(z)[-1] == self.projection.dim

    def encoding(self) -> bool:
        """Whether codes of the current model are still being computed in slices."""
        return self._slice_timer.isActive()

    def _refresh(self) -> None:
        usable = self.usable() and len(self._codes) > 0
        if usable:  # first: showing or hiding widgets below may resize the view (a redraw)
            self._follow_model()
        self.message.setVisible(not usable)
        self.controls.setVisible(usable and self._model.arch.latent_dim > 2)
        self.keep_button.setEnabled(usable and self.picked_z is not None)
        if not usable:
            self._clear()
            return
        if self._restyle:
            self.points.restyle(len(self._codes), self._classes)
            self._restyle = False
        if self._codes.encode_work() <= SYNC_WORK:
            self._codes.advance(np.inf)
            if not self._show_codes():
                return
        else:
            if not self._slice_timer.isActive():
                self._codes.advance(SLICE_SECONDS)
                self._slice_timer.start()
            if time.perf_counter() - self._shown_at >= SHOW_SECONDS and not self._show_codes():
                return
        self._request_map()
        if self.picked_z is not None:
            self._update_preview()

    def _follow_model(self) -> None:
        """Codes, sliders and plane for the current model; a new latent size drops the
        picked code and takes, until its codes are shown (_update_projection), the plane
        of the first two axes, so a click and the map use the model's dimensions at once."""
        if self._codes.model is not self._model:
            self._codes.set_model(self._model)
        dim = self._model.arch.latent_dim
        if not self.controls.set_dim(dim):
            return
        self._fresh_offsets = True
        self.projection = axis_projection(dim, 0, 1)
        if self.picked_z is not None and len(self.picked_z) != dim:
            self.picked_z = self.preview_pixels = None
            self.marker.setData([], [])
            self.preview.set_glyph(None)

    def _clear(self) -> None:
        self.message.setText(self._unusable_reason())
        self._slice_timer.stop()
        self._map_timer.stop()
        for item in (self.points, self.drawn, self.marker, self.path):
            item.setData([], [])
        self._restyle = True
        self.map_layer.clear()
        self.count_label.clear()
        self._place_labels()
        self.preview.set_glyph(None)

    def _show_codes(self) -> bool:
        """Draw the codes encoded so far; False (and a note instead) where some cannot
        be drawn: not finite or beyond CODE_LIMIT, pyqtgraph would raise on them."""
        self._shown_at = time.perf_counter()
        n, filled = len(self._codes), self._codes.filled
        bad = int((~drawable(self._codes.mean[:filled])).any(axis=1).sum())
        self._bad_codes = bad > 0
        if bad:
            self._clear()
            self.message.setText(
                self.tr(
                    "%Ln of the model's codes cannot be drawn (not finite or beyond ±{0}): "
                    "the plane stays empty.",
                    "",
                    bad,
                ).format(f"{CODE_LIMIT:g}")
            )
            self.message.setVisible(True)
            self.keep_button.setEnabled(False)
            return False
        self._update_projection()
        self.points.move(self.projection.project(self._codes.mean), filled)
        self._place_labels()
        self.count_label.setText(
            self.tr("%Ln points", "", n)
            if filled == n
            else self.tr("encoding… {0} of %Ln points", "", n).format(QLocale().toString(filled))
        )
        if self._frame_to_glyphs and filled:
            self._frame(following=not self._frame_exactly)
            self._frame_exactly = self._frame_exactly and filled < n  # exact once all are in
        return True

    def _unusable_reason(self) -> str:
        m = self._model
        if m is None:
            return self.tr("Train or open a model with a 2-D latent space.")
        if m.arch.latent_dim < 2:
            return self.tr("This model has a 1-D latent space; the plane needs 2-D or more.")
        if len(self._codes) == 0:
            return self.tr("The glyph set is empty.")
        return self.tr("The model takes {0} pixels; these glyphs have {1}.").format(
            m.arch.n_inputs, self._codes.matrix.shape[1]
        )

    def _frame_ranges(self):
        """Where the glyphs lie; for a VAE, also +-3 sigma of each code and of the prior."""
        log_var = self._codes.log_var
        if log_var is not None:
            log_var = self.projection.project_log_var(log_var[: self._codes.filled])
        return latent_extent(self.plane_codes, log_var=log_var)

    def _frame(self, following: bool = False) -> None:
        """Fit the view to the glyphs. ``following`` the codes of a training run: leave the
        view while it holds them all and they fill over FRAME_FILL of each axis, else
        frame them with FRAME_SLACK to spare (a new range redraws axes and grid, and the
        codes move every tick)."""
        wanted = self._frame_ranges()
        if following and all(
            lo <= w_lo and w_hi <= hi and (w_hi - w_lo) >= FRAME_FILL * (hi - lo)
            for (w_lo, w_hi), (lo, hi) in zip(wanted, self.view.viewRange())
        ):
            return
        self.view.setRange(
            xRange=wanted[0], yRange=wanted[1], padding=FRAME_SLACK if following else 0
        )

    def _place_labels(self) -> None:
        """A text label per point for small sets (none for big ones)."""
        codes = self.plane_codes if len(self._codes) <= TEXT_LIMIT else np.zeros((0, 2))
        while len(self._texts) > len(codes):
            self.plot.removeItem(self._texts.pop())
        while len(self._texts) < len(codes):
            text = pg.TextItem(color="#073642", anchor=(0.5, 1.15))
            self.plot.addItem(text)
            self._texts.append(text)
        for text, label, (x, y) in zip(self._texts, self._labels, codes):
            if text.toPlainText() != label:  # setText re-lays out the HTML every time
                text.setText(label)
            text.setPos(x, y)
        self._arrange_labels()

    def _arrange_labels(self, *args) -> None:
        """Labels beside their points where they cover nothing, else hidden."""
        codes = self.plane_codes[: len(self._texts)]  # none while the plane is cleared
        if len(codes):
            place_labels(self.view, self._texts[: len(codes)], codes)

    def map_tiles(self) -> tuple[int, int]:
        """(columns, rows) of the latent map: the chosen columns, and as many rows as keep
        each thumbnail's on-screen shape that of a glyph (square for curves)."""
        columns = self.map_columns.value()
        (x0, x1), (y0, y1) = self._frame_ranges()
        (vx0, vx1), (vy0, vy1) = self.view.viewRange()
        screen = self.view.sceneBoundingRect()
        px_x = screen.width() / max(vx1 - vx0, 1e-12)  # screen pixels per latent unit
        px_y = screen.height() / max(vy1 - vy0, 1e-12)
        height, width = kind_view(self._kind).cells(self._shape)
        tile_w = (x1 - x0) / columns * px_x
        tile_h = tile_w * (height + 1) / (width + 1)
        rows = round((y1 - y0) * px_y / max(tile_h, 1e-12)) if tile_h > 0 else columns
        return columns, int(np.clip(rows, 2, 4 * columns))

    def _request_map(self) -> None:
        """Redraw the map now, or once it has rested MAP_PAUSE times its last cost."""
        if not self.show_map.isChecked():
            return
        wait = self._map_due - time.perf_counter()
        if wait <= 0:
            self._draw_map()
        elif not self._map_timer.isActive():
            self._map_timer.start(int(wait * 1000) + 1)

    def _draw_map(self) -> None:
        """Decoded glyphs on a grid over the glyphs' frame, one per grid point."""
        if not (
            self.show_map.isChecked()
            and self.usable()
            and self._codes.filled
            and not self._bad_codes
        ):
            return
        began = time.perf_counter()
        (x0, x1), (y0, y1) = self._frame_ranges()
        nx, ny = self.map_tiles()
        tiles = decode_grid(
            self._model,
            (x0, x1),
            (y0, y1),
            nx,
            ny,
            precision="float32",
            projection=self.projection,
            offsets=self.controls.offsets(),
        )
        self.map_layer.show(tiles.reshape(ny, nx, *self._shape), (x0, x1), (y0, y1), self._kind)
        now = time.perf_counter()
        self._map_due = now + MAP_PAUSE * (now - began)

    def _update_preview(self) -> None:
        self.preview_pixels = self.decode(self.picked_z)
        x, y = self.projection.project(self.picked_z)
        self.marker.setData([x], [y])
        self.preview.set_glyph(self.preview_pixels, detail=f"({x:.2f}, {y:.2f})")
        self.keep_button.setEnabled(True)

    def _on_slice_timeout(self) -> None:
        if not self.usable() or self._codes.complete:
            self._slice_timer.stop()
            return
        self._codes.advance(SLICE_SECONDS)
        idle = time.perf_counter() - self._model_at > IDLE_SECONDS
        self._slice_timer.setInterval(IDLE_INTERVAL_MS if idle else SLICE_INTERVAL_MS)
        if self._codes.complete:
            self._slice_timer.stop()
            if self._show_codes():
                self._request_map()
        elif time.perf_counter() - self._shown_at >= SHOW_SECONDS:
            self._show_codes()

    def _on_point_picked(self, x: float, y: float) -> None:
        self._set_picked(self.lift(x, y))

    def _update_projection(self) -> None:
        """The chosen view's plane for the codes encoded so far (the principal
        components move with them); the sliders follow the picked code, else start at
        the codes' mean; the marks are drawn again on the plane."""
        codes = self.codes
        self.projection = projection = projection_named(self.controls.name(), codes)
        if self.controls.dim > 2:
            offsets = projection.offsets(codes)
            self.controls.set_directions(projection.labels[2:], offset_ranges(offsets))
            if self.picked_z is not None:
                self.controls.set_offsets(projection.offsets(self.picked_z))
            elif self._fresh_offsets:
                self.controls.set_offsets(projection.offsets(codes.mean(axis=0)))
            self._fresh_offsets = not self._codes.complete
        for side, label in (("bottom", projection.labels[0]), ("left", projection.labels[1])):
            if self.plot.getAxis(side).labelText != pretty(label):
                self.plot.setLabel(side, pretty(label))
        self.set_drawn_point(self._drawn_z)
        self.show_path(self._path_codes)
        if self.picked_z is not None:
            self.marker.setData(*projection.project(self.picked_z)[:, None])
        self.projection_changed.emit(projection)

    def _on_view_changed(self, name: str) -> None:
        self._frame_to_glyphs = self._frame_exactly = self._fresh_offsets = True
        self._shown_at = 0.0
        self._refresh()

    def _on_offsets_changed(self) -> None:
        if self.picked_z is not None:
            self._set_picked(self.lift(*self.projection.project(self.picked_z)))
        self._request_map()

    def _on_range_changed_manually(self, *args) -> None:
        self._frame_to_glyphs = False

    def _on_view_resized(self, *args) -> None:
        self._request_map()  # keep the thumbnails glyph-shaped
        self._arrange_labels()

    def _on_frame_clicked(self) -> None:
        self._frame_to_glyphs = True
        if self.usable() and self._codes.filled and not self._bad_codes:
            self._frame()
            self._request_map()

    def _on_map_columns_changed(self, columns: int) -> None:
        self._map_due = 0.0
        self._request_map()

    def _on_show_map_toggled(self, checked: bool) -> None:
        if checked:
            self._map_due = 0.0
            self._draw_map()
        else:
            self._map_timer.stop()
            self.map_layer.clear()

    def _on_show_points_toggled(self, checked: bool) -> None:
        self.points.setVisible(checked)
        self.key.setVisible(checked and bool(self.key.items))
        self.map_layer.set_faded(checked)

    def _on_keep_clicked(self) -> None:
        if self.preview_pixels is None:
            return
        keep_glyph(
            self.label_edit,
            self.tr("type a label"),
            lambda label: self.glyph_kept.emit(label, self._kind.kept(self.preview_pixels)),
        )


def drawable(codes) -> np.ndarray:
    """Mask of code values the plane can draw: finite and within ±CODE_LIMIT."""
    return np.abs(np.nan_to_num(np.asarray(codes, dtype=np.float64), nan=np.inf)) <= CODE_LIMIT
