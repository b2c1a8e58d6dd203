"""Thumbnails of the glyph set: each glyph, its current reconstruction and wrong pixels.

A QListView over a GlyphListModel: only the rows in sight are painted, so sets of tens
of thousands of glyphs load at once and a training tick costs the visible rows only.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ae_desktop.engine import TrainConfig
from ae_desktop.gui.glyphs.glyph_delegate import GlyphDelegate
from ae_desktop.gui.glyphs.glyph_document import GlyphDocument
from ae_desktop.gui.glyphs.glyph_list_model import GlyphListModel, Reconstructor
from ae_desktop.gui.glyphs.glyph_set_edits import AddGlyph, DeleteGlyph, RedrawGlyph, RelabelGlyph


class GlyphGrid(QWidget):
    """Shows ``document``'s glyphs; add, delete and relabel them, undoably (Ctrl+Z and
    Ctrl+Shift+Z or Ctrl+Y while the grid has the focus, or ``undo_action``)."""

    glyph_selected = Signal(int)  # index into the document's glyphs, -1 for none

    def __init__(self, document: GlyphDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self._select_first = True
        self._silent = False  # rebuilding: a relabel or an added glyph must not reload the editor
        self.undo_stack = QUndoStack(self)
        self.undo_action = self._stack_action(
            self.tr("Undo glyph edit"), self.undo_stack.createUndoAction, [QKeySequence("Ctrl+Z")]
        )
        self.redo_action = self._stack_action(
            self.tr("Redo glyph edit"),
            self.undo_stack.createRedoAction,
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")],
        )
        self.model = GlyphListModel(document.glyphs, self)
        self.delegate = GlyphDelegate(self.model, self)
        self.list = _GlyphListView(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(self.delegate)
        self.list.setFlow(QListView.LeftToRight)
        self.list.setWrapping(True)
        self.list.setResizeMode(QListView.Adjust)
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.NoEditTriggers)  # double click relabels
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.list.setContextMenuPolicy(Qt.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._on_context_menu_requested)
        self.list.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.list.doubleClicked.connect(self._on_item_double_clicked)

        buttons = QHBoxLayout()
        actions = (
            (self.tr("Add"), self.tr("Add a blank glyph"), self._on_add_clicked),
            (self.tr("Delete"), self.tr("Delete the selected glyph"), self.delete_selected),
            (self.tr("Relabel…"), self.tr("Rename the selected glyph"), self.relabel_selected),
        )
        for text, tip, slot in actions:
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self._target_margin = TrainConfig.target_margin
        self.shade_margin = QCheckBox(self.tr("Shade by margin"), self)
        self.shade_margin.setToolTip(
            self.tr(
                "Shade the model's output pixels within the target "
                "margin of 0.5: the closer, the stronger"
            )
        )
        self.shade_margin.toggled.connect(self._update_shading)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.legend = QLabel(
            self.tr(
                "Each glyph, then the model's output and its wrong pixels; "
                "shaded glyphs are held out of training."
            ),
            self,
        )
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: palette(placeholder-text);")
        self.legend.setVisible(False)
        layout.addLayout(buttons)
        layout.addWidget(self.shade_margin, 0, Qt.AlignLeft)  # own row: the dock stays narrow
        layout.addWidget(self.list, 1)
        layout.addWidget(self.legend)
        document.changed.connect(self._on_document_changed)
        document.replaced.connect(self._on_document_replaced)
        self._on_document_changed()

    def _stack_action(self, prefix: str, create, keys):
        """An undo or redo action of the set's edits, for keys pressed in the grid."""
        action = create(self, prefix)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        self.addAction(action)
        return action

    def count(self) -> int:
        return self.model.rowCount()

    def text(self, row: int) -> str:
        """The caption under glyph ``row``: its label, then its wrong pixels if shown."""
        return self.model.index(row).data()

    def selected_index(self) -> int:
        return self.list.currentIndex().row()

    def select(self, index: int) -> None:
        self.list.setCurrentIndex(self.model.index(index))

    def set_reconstructor(self, reconstruct: Reconstructor | None) -> None:
        """Show the outputs of ``reconstruct`` ((k, pixels) -> (k, pixels), e.g. a model's
        ``reconstruct``) beside each glyph, computed only for the rows in sight; None hides
        them."""
        self.model.set_reconstructor(reconstruct)
        self.legend.setVisible(reconstruct is not None)
        self._update_item_size()

    def set_training_mask(self, training: np.ndarray) -> None:
        """(n,) bool: glyphs the model trains on; the others are shaded as held out."""
        self.model.set_training_mask(training)

    def set_target_margin(self, margin: float) -> None:
        """Output pixels within ``margin`` of 0.5 are shaded when "Shade by margin" is on."""
        self._target_margin = margin
        self._update_shading()

    def _update_shading(self, *args) -> None:
        self.delegate.shade_margin = self._target_margin if self.shade_margin.isChecked() else None
        self.list.viewport().update()

    def _on_document_replaced(self) -> None:
        self._select_first = True
        self.undo_stack.clear()  # its edits were of another set
        self.model.set_reconstructor(None)
        self.model.set_training_mask(None)

    def _on_document_changed(self) -> None:
        glyphs = self.document.glyphs
        row = 0 if self._select_first else self.selected_index()
        self._select_first = False
        scroll = self.list.verticalScrollBar().value()
        self._silent = True
        try:
            self.model.set_glyphs(glyphs)
            self._update_item_size()
            self.select(min(row, len(glyphs) - 1))
        finally:
            self._silent = False
        self.list.verticalScrollBar().setValue(scroll)

    def _update_item_size(self) -> None:
        size = self.delegate.item_size()
        if self.list.gridSize() != size:
            self.list.setGridSize(size)

    def _on_current_row_changed(self, current, previous) -> None:
        if not self._silent:
            self.glyph_selected.emit(current.row())

    def add_glyph(self, label: str, pixels: np.ndarray) -> None:
        """Append a glyph (height, width) as an undoable edit and select it."""
        self.undo_stack.push(AddGlyph(self.document, self._show, label, pixels))

    def redraw_selected(self, pixels: np.ndarray) -> None:
        """Store the drawing (height, width) in the selected glyph, undoably."""
        index = self.selected_index()
        if index >= 0:
            self.undo_stack.push(RedrawGlyph(self.document, self.select, index, pixels))

    def _on_add_clicked(self) -> None:
        g = self.document.glyphs
        self.add_glyph("?", np.zeros((g.height, g.width)))
        self.list.setFocus()  # Ctrl+Z now undoes the add

    def delete_selected(self) -> None:
        index = self.selected_index()
        if index >= 0:
            self.undo_stack.push(DeleteGlyph(self.document, self._show, index))
            self.list.setFocus()

    def relabel_selected(self) -> None:
        index = self.selected_index()
        if index < 0:
            return
        label, ok = QInputDialog.getText(
            self,
            self.tr("Relabel glyph"),
            self.tr("Label:"),
            text=self.document.glyphs.labels[index],
        )
        if ok and label and label != self.document.glyphs.labels[index]:
            self.undo_stack.push(RelabelGlyph(self.document, self.select, index, label))

    def _show(self, index: int) -> None:
        """Select glyph ``index`` after an edit or its undo, and report it even if it was
        selected already: the editor shows the glyph the edit touched."""
        if index == self.selected_index():
            self.glyph_selected.emit(index)
        elif index >= 0:
            self.select(index)  # which reports it

    def _on_item_double_clicked(self, index) -> None:
        self.relabel_selected()

    def _on_context_menu_requested(self, pos) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("Add blank glyph"), self._on_add_clicked)
        menu.addActions([self.undo_action, self.redo_action])
        if self.list.indexAt(pos).isValid():
            menu.addAction(self.tr("Relabel…"), self.relabel_selected)
            menu.addAction(self.tr("Delete"), self.delete_selected)
        menu.exec(self.list.viewport().mapToGlobal(pos))


class _GlyphListView(QListView):
    """A QListView that repaints on data changes without laying its rows out again: all
    rows have the grid's size, and a relayout walks every row (60,000 model calls)."""

    def dataChanged(self, top_left, bottom_right, roles=()) -> None:  # noqa: N802 - Qt override
        self.viewport().update()
