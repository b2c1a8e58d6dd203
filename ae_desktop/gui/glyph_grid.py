"""Thumbnails of the glyph set: each glyph, its current reconstruction and wrong pixels."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QInputDialog, QLabel, QListView, QListWidget, QListWidgetItem,
    QMenu, QToolButton, QVBoxLayout, QWidget)

from ae_desktop.gui.glyph_document import GlyphDocument
from ae_desktop.gui.glyph_view import paint_glyph

CELL = 5
GAP = 4
HELD_OUT = QColor(255, 243, 214)


class GlyphGrid(QWidget):
    """Shows ``document``'s glyphs; add, delete and relabel them."""

    glyph_selected = Signal(int)  # index into the document's glyphs, -1 for none

    def __init__(self, document: GlyphDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self._outputs: np.ndarray | None = None
        self._training = np.ones(0, dtype=bool)
        self._select_first = True
        self.list = QListWidget(self)
        self.list.setViewMode(QListView.IconMode)
        self.list.setResizeMode(QListView.Adjust)
        self.list.setMovement(QListView.Static)
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list.setUniformItemSizes(True)
        self.list.setSpacing(2)
        self.list.setContextMenuPolicy(Qt.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._on_context_menu_requested)
        self.list.currentRowChanged.connect(self.glyph_selected)
        self.list.itemDoubleClicked.connect(self._on_item_double_clicked)

        buttons = QHBoxLayout()
        actions = (("Add", "Add a blank glyph", self._on_add_clicked),
                   ("Delete", "Delete the selected glyph", self.delete_selected),
                   ("Relabel…", "Rename the selected glyph", self.relabel_selected))
        for text, tip, slot in actions:
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.legend = QLabel("Each glyph, then the model's output and its wrong pixels; "
                             "shaded glyphs are held out of training.", self)
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: palette(placeholder-text);")
        self.legend.setVisible(False)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.legend)
        document.changed.connect(self._on_document_changed)
        document.replaced.connect(self._on_document_replaced)
        self._on_document_changed()

    def selected_index(self) -> int:
        return self.list.currentRow()

    def select(self, index: int) -> None:
        self.list.setCurrentRow(index)

    def set_reconstructions(self, outputs: np.ndarray | None) -> None:
        """Model outputs (n, height, width) for every glyph, or None to hide them."""
        self._outputs = None if outputs is None else np.asarray(outputs)
        self.legend.setVisible(outputs is not None)
        self._refresh_icons()

    def set_training_mask(self, training: np.ndarray) -> None:
        """(n,) bool: glyphs the model trains on; the others are shaded as held out."""
        self._training = np.asarray(training, dtype=bool)
        self._refresh_icons()

    def _on_document_replaced(self) -> None:
        self._select_first = True
        self._outputs = None
        self._training = np.ones(len(self.document.glyphs), dtype=bool)

    def _on_document_changed(self) -> None:
        glyphs = self.document.glyphs
        row = 0 if self._select_first else self.list.currentRow()
        self._select_first = False
        if self._outputs is not None and len(self._outputs) != len(glyphs):
            self._outputs = None
        if len(self._training) != len(glyphs):
            self._training = np.ones(len(glyphs), dtype=bool)
        # rebuilt silently: a relabel or an added glyph must not reload the editor
        scroll = self.list.verticalScrollBar().value()
        self.list.blockSignals(True)
        if self.list.count() != len(glyphs):
            self.list.clear()
            for label in glyphs.labels:
                self.list.addItem(QListWidgetItem(label))
        self._refresh_icons()
        self.list.setCurrentRow(min(row, len(glyphs) - 1))
        self.list.blockSignals(False)
        self.list.verticalScrollBar().setValue(scroll)

    def _icon_size(self) -> QSize:
        g = self.document.glyphs
        if self._outputs is None:
            return QSize(g.width * CELL, g.height * CELL)
        return QSize(2 * g.width * CELL + GAP, g.height * CELL)

    def _refresh_icons(self) -> None:
        glyphs = self.document.glyphs
        size = self._icon_size()
        self.list.setIconSize(size)
        self.list.setGridSize(QSize(size.width() + 12, size.height() + 24))
        width, height = glyphs.width * CELL, glyphs.height * CELL
        for i in range(min(self.list.count(), len(glyphs))):
            pixmap = QPixmap(size)
            pixmap.fill(Qt.transparent)
            painter = QPainter(pixmap)
            paint_glyph(painter, _rect(0, width, height), glyphs.pixels[i])
            text = glyphs.labels[i]
            if self._outputs is not None:
                output = self._outputs[i]
                wrong = (output >= 0.5) != (glyphs.pixels[i] >= 0.5)
                paint_glyph(painter, _rect(width + GAP, width, height), output, wrong)
                text = f"{text}  ·  {int(wrong.sum())}"
            painter.end()
            item = self.list.item(i)
            item.setIcon(QIcon(pixmap))
            item.setText(text)
            held_out = i < len(self._training) and not self._training[i]
            item.setBackground(HELD_OUT if held_out else QColor(0, 0, 0, 0))
            item.setToolTip(f"{glyphs.labels[i]!r}" + (" (held out of training)"
                                                       if held_out else ""))

    def _on_add_clicked(self) -> None:
        g = self.document.glyphs
        index = self.document.add("?", np.zeros((g.height, g.width)))
        self.select(index)

    def delete_selected(self) -> None:
        index = self.selected_index()
        if index >= 0:
            self.document.remove(index)

    def relabel_selected(self) -> None:
        index = self.selected_index()
        if index < 0:
            return
        label, ok = QInputDialog.getText(self, "Relabel glyph", "Label:",
                                         text=self.document.glyphs.labels[index])
        if ok and label:
            self.document.relabel(index, label)

    def _on_item_double_clicked(self, item) -> None:
        self.relabel_selected()

    def _on_context_menu_requested(self, pos) -> None:
        menu = QMenu(self)
        menu.addAction("Add blank glyph", self._on_add_clicked)
        if self.list.itemAt(pos) is not None:
            menu.addAction("Relabel…", self.relabel_selected)
            menu.addAction("Delete", self.delete_selected)
        menu.exec(self.list.viewport().mapToGlobal(pos))


def _rect(x: float, width: float, height: float) -> QRectF:
    return QRectF(x, 0, width, height)
