"""File > New glyph set…: a name and a glyph size, from presets or typed."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QSpinBox

from ae_desktop.data import GlyphSet
from ae_desktop.data.glyph_set import MAX_SIDE

PRESETS = ((5, 7), (8, 8), (16, 16), (20, 20), (28, 28))


class NewSetDialog(QDialog):
    """Asks for the new set's name, width and height (1..MAX_SIDE)."""

    def __init__(self, width: int, height: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New glyph set"))
        self.name = QLineEdit(self.tr("untitled"), self)
        self.preset = QComboBox(self)
        self.preset.addItems([f"{w} × {h}" for w, h in PRESETS] + [self.tr("Other size")])
        self.width_box = QSpinBox(self, minimum=1, maximum=MAX_SIDE, value=width)
        self.height_box = QSpinBox(self, minimum=1, maximum=MAX_SIDE, value=height)
        for box in (self.width_box, self.height_box):
            box.setSuffix(" px")
            box.valueChanged.connect(self._on_size_edited)
        self.preset.currentIndexChanged.connect(self._on_preset_chosen)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Size"), self.preset)
        form.addRow(self.tr("Width"), self.width_box)
        form.addRow(self.tr("Height"), self.height_box)
        form.addRow(buttons)
        self._on_size_edited()

    def glyph_set(self) -> GlyphSet:
        """An empty set of the chosen name and size."""
        return GlyphSet(
            self.name.text().strip() or "untitled", self.width_box.value(), self.height_box.value()
        )

    def _on_preset_chosen(self, index: int) -> None:
        if index < len(PRESETS):
            width, height = PRESETS[index]
            self.width_box.setValue(width)
            self.height_box.setValue(height)

    def _on_size_edited(self, *args) -> None:
        size = (self.width_box.value(), self.height_box.value())
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(PRESETS.index(size) if size in PRESETS else len(PRESETS))
        self.preset.blockSignals(False)


def ask_new_set(parent, width: int, height: int) -> GlyphSet | None:
    """Show the dialog (starting at ``width`` x ``height``); the new set, or None."""
    dialog = NewSetDialog(width, height, parent)
    try:
        return dialog.glyph_set() if dialog.exec() == QDialog.Accepted else None
    finally:
        dialog.deleteLater()
