"""File > New circles set: report 003's parametric curves as the glyph set."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from ae_desktop.data.circles import circles
from ae_desktop.data.glyph_set import MAX_SIDE, GlyphSet
from ae_desktop.gui.actions import ActionRegistry
from ae_desktop.gui.glyphs.glyph_document import GlyphDocument


class CirclesDialog(QDialog):
    """Asks for the circle count, radius range and points per circle."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New circles set"))
        self.count = QSpinBox(self, minimum=1, maximum=10000, value=100)
        self.r_min = QDoubleSpinBox(self, minimum=0.0, maximum=1.0, value=0.1, singleStep=0.05)
        self.r_max = QDoubleSpinBox(self, minimum=0.0, maximum=1.0, value=0.9, singleStep=0.05)
        self.points = QSpinBox(self, minimum=3, maximum=MAX_SIDE, value=21)
        self.r_min.valueChanged.connect(self._on_radius_changed)
        self.r_max.valueChanged.connect(self._on_radius_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.Ok)
        form = QFormLayout(self)
        form.addRow(self.tr("Circles"), self.count)
        form.addRow(self.tr("Smallest radius"), self.r_min)
        form.addRow(self.tr("Largest radius"), self.r_max)
        form.addRow(self.tr("Points per circle"), self.points)
        form.addRow(buttons)

    def glyph_set(self) -> GlyphSet:
        """The curve set the fields describe (centred at the origin, equal spacing)."""
        return circles(
            self.count.value(), self.r_min.value(), self.r_max.value(), self.points.value()
        )

    def _on_radius_changed(self) -> None:
        self.ok_button.setEnabled(self.r_min.value() <= self.r_max.value())


def add_circles_action(
    actions: ActionRegistry,
    parent: QWidget,
    document: GlyphDocument,
    confirm_discard: Callable[[], bool],
) -> QAction:
    """Register ``file.new_circles`` ("New circles set…"): it replaces ``document``'s set
    after asking about unsaved edits (``confirm_discard``)."""

    def new_circles() -> None:
        dialog = CirclesDialog(parent)
        if dialog.exec() != QDialog.Accepted:
            return
        if document.modified and not confirm_discard():
            return
        document.set_glyphs(dialog.glyph_set())

    text = QCoreApplication.translate("CirclesDialog", "New &circles set…")
    return actions.add("file.new_circles", text, new_circles)
