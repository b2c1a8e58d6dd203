"""The open glyph set: its file, its unsaved changes, and the edits widgets make to it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal

from ae_desktop.data import GlyphSet, load_glyph_set, save_glyph_set


class GlyphDocument(QObject):
    """Holds a GlyphSet (pixels (n, height, width)); every edit emits ``changed``."""

    changed = Signal()
    replaced = Signal()  # a different set was loaded (sizes may differ)
    modified_changed = Signal(bool)

    def __init__(self, glyphs: GlyphSet, parent=None):
        super().__init__(parent)
        self.glyphs = glyphs
        self.path: Path | None = None
        self.modified = False

    @property
    def title(self) -> str:
        return self.path.name if self.path else self.glyphs.name

    def set_glyphs(
        self, glyphs: GlyphSet, path: Path | None = None, modified: bool = False
    ) -> None:
        """Replace the whole set (New, Open, a bundled font; a recovered autosave is
        ``modified``: it differs from ``path``)."""
        self.glyphs = glyphs
        self.path = path
        self._set_modified(modified)
        self.replaced.emit()
        self.changed.emit()

    def open(self, path: str | Path) -> None:
        """Load ``path``; on GlyphSetError nothing changes."""
        self.set_glyphs(load_glyph_set(path), Path(path))

    def save(self, path: str | Path) -> None:
        """Write the set to ``path`` (atomically); it becomes the document's file."""
        save_glyph_set(self.glyphs, path)
        self.path = Path(path)
        self._set_modified(False)

    def add(self, label: str, pixels: np.ndarray) -> int:
        """Append a glyph (height, width); returns its index."""
        return self.insert(len(self.glyphs), label, pixels)

    def insert(self, index: int, label: str, pixels: np.ndarray) -> int:
        """Put a glyph (height, width) at ``index`` (the ones from there move on one);
        returns ``index``."""
        g = self.glyphs
        pixels = np.clip(np.asarray(pixels, dtype=g.pixels.dtype), 0, 1)  # float32 stays
        self.glyphs = GlyphSet(
            g.name,
            g.width,
            g.height,
            g.labels[:index] + [label] + g.labels[index:],
            np.insert(g.pixels, index, pixels, axis=0),
            g.kind,
        )
        self._edited()
        return index

    def remove(self, index: int) -> None:
        g = self.glyphs
        self.glyphs = GlyphSet(
            g.name,
            g.width,
            g.height,
            g.labels[:index] + g.labels[index + 1 :],
            np.delete(g.pixels, index, axis=0),
            g.kind,
        )
        self._edited()

    def relabel(self, index: int, label: str) -> None:
        self.glyphs.labels[index] = label
        self._edited()

    def redraw(self, index: int, pixels: np.ndarray) -> None:
        self.glyphs.pixels[index] = np.clip(pixels, 0, 1)
        self._edited()

    def _edited(self) -> None:
        self._set_modified(True)
        self.changed.emit()

    def _set_modified(self, modified: bool) -> None:
        if modified != self.modified:
            self.modified = modified
            self.modified_changed.emit(modified)
