"""A pyqtgraph ViewBox whose left button picks latent points instead of panning."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal


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
