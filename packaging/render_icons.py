"""Render resources/ae-desktop.svg to resources/icons/ae-desktop-SIZE.png with Qt's SVG renderer.

Run after editing the SVG: python packaging/render_icons.py (the PNGs are committed)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: cannot read {svg}")
    image = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv[:1] + ["-platform", "offscreen"])  # noqa: F841 - fonts
    out = RESOURCES / "icons"
    out.mkdir(exist_ok=True)
    for size in SIZES:
        path = out / f"ae-desktop-{size}.png"
        if not render(RESOURCES / "ae-desktop.svg", size).save(str(path)):
            raise SystemExit(f"render_icons: cannot write {path}")
    print(f"render_icons: {len(SIZES)} PNGs in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
