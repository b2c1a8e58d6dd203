"""A unit's weights drawn in the glyph's shape: its incoming weights (from every input
pixel) and outgoing weights (to every output pixel), coloured by sign, with a key."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ae_desktop.gui.network.layer_canvas import colour_image, paint_key
from ae_desktop.gui.network.layer_rows import nice_ceiling, value_colours

TITLES = {  # translated where drawn
    "incoming": QT_TRANSLATE_NOOP("WeightImages", "Incoming weights"),
    "outgoing": QT_TRANSLATE_NOOP("WeightImages", "Outgoing weights"),
}
KEY_H, TITLE_H, SIDE = 26, 18, 110
HINT = QT_TRANSLATE_NOOP(
    "WeightImages",
    "Point at a unit of the first hidden layer (or of the layer before the output) to "
    "see its weights; click to keep it.",
)


def hint() -> str:
    """HINT in the language in use."""
    return QCoreApplication.translate("WeightImages", HINT)


class WeightImages(QWidget):
    """Paints {"incoming"/"outgoing": (height, width) weights} side by side, each scaled
    to fit with square cells, one colour key over ±(their largest magnitude)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._images: dict[str, np.ndarray] = {}
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setFixedHeight(SIDE + KEY_H + TITLE_H)

    def set_images(self, images: dict[str, np.ndarray]) -> None:
        self._images = images
        self.update()

    def images(self) -> dict[str, np.ndarray]:
        return {name: image.copy() for name, image in self._images.items()}

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(2 * SIDE + 24, self.height())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        if not self._images:
            return
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        top = nice_ceiling(max(float(np.abs(w).max()) for w in self._images.values()))
        x = 0.0
        for name, weights in self._images.items():
            height, width = weights.shape
            scale = min(SIDE / height, SIDE / width)
            painter.drawText(QRectF(x, 0, 2 * SIDE, TITLE_H), self.tr(TITLES[name]))
            rect = QRectF(x, TITLE_H, width * scale, height * scale)
            painter.drawImage(rect, colour_image(value_colours(weights, -top, top)))
            x += max(rect.width(), SIDE) + 16
        key = QRectF(0, TITLE_H + SIDE + 2, min(SIDE, self.width()), KEY_H)
        paint_key(painter, key, f"{-top:g}", f"{top:g}")


class WeightPanel(QWidget):
    """A caption naming the unit and layer, above its weight images."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.caption = QLabel(hint(), self)
        self.caption.setWordWrap(True)
        self.images = WeightImages(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 6)
        layout.addWidget(self.caption)
        layout.addWidget(self.images)

    def show_weights(self, caption: str, images: dict[str, np.ndarray]) -> None:
        self.caption.setText(caption)
        self.images.set_images(images)
        self.images.setVisible(bool(images))
