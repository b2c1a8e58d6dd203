"""The Network dock: every layer's activations for the glyph in the editor, live as it
is drawn and as the model changes, and the weights of the unit under the mouse."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ae_desktop.gui.network.layer_canvas import LayerCanvas
from ae_desktop.gui.network.layer_rows import layer_rows, unit_weights
from ae_desktop.gui.network.weight_images import WeightPanel, hint

NO_MODEL = QT_TRANSLATE_NOOP(
    "NetworkView", "Train or open a model to see its layers, live as you draw."
)


class NetworkView(QWidget):
    """Follows ``editor_panel`` (an EditorPanel: its ``encoded`` signal follows every
    edit and every model it is given) and the model of ``session`` (a ModelSession).
    Hidden, it only notes that it is stale and catches up when shown."""

    def __init__(self, editor_panel, session, parent=None):
        super().__init__(parent)
        self._editor, self._session = editor_panel, session
        self._model = None
        self._stale = True
        self._pinned = (-1, -1)
        self.hint = QLabel(self.tr(NO_MODEL), self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text); padding: 6px;")
        self.canvas = LayerCanvas(self)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setWidget(self.canvas)
        self.weights = WeightPanel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.weights)
        layout.addStretch(0)
        editor_panel.encoded.connect(self.refresh)
        self.canvas.unit_hovered.connect(self._on_hovered)
        self.canvas.unit_clicked.connect(self._on_clicked)
        self._show_model(False)

    def refresh(self, *_) -> None:
        """Show the layers of the editor's glyph in the current model (or a hint)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        model, pixels = self._session.model, self._editor.active_editor().pixels()
        if model is None or model.arch.n_inputs != pixels.size:
            self._model = None
            self.hint.setText(
                self.tr(NO_MODEL)
                if model is None
                else self.tr("The model expects {0} inputs; this glyph has {1}.").format(
                    model.arch.n_inputs, pixels.size
                )
            )
            self._show_model(False)
            return
        if self._model is None or self._model.arch != model.arch:
            self._pinned = (-1, -1)
        self._model = model
        self.canvas.set_rows(layer_rows(model, pixels), pixels.shape, self._editor.kind)
        self._show_model(True)
        self._show_unit(*self._pinned)

    def _show_model(self, shown: bool) -> None:
        self.hint.setVisible(not shown)
        self.scroll.setVisible(shown)
        self.weights.setVisible(shown)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_hovered(self, row: int, unit: int) -> None:
        self._show_unit(*((row, unit) if row >= 0 else self._pinned))

    def _on_clicked(self, row: int, unit: int) -> None:
        self._pinned = (row, unit)
        self._show_unit(row, unit)

    def _show_unit(self, row: int, unit: int) -> None:
        """The caption and weight images of ``unit`` of row ``row`` (-1: none)."""
        rows = self.canvas.rows()
        self.canvas.mark(*self._pinned)
        if not (0 <= row < len(rows) and 0 <= unit < rows[row].values.size):
            self.weights.show_weights(hint(), {})
            return
        layer = rows[row]
        shape = self._editor.active_editor().pixels().shape
        images = {
            name: weights.reshape(shape)
            for name, weights in unit_weights(self._model, layer, unit).items()
        }
        caption = self.tr("{0}, unit {1} of {2} = {3}").format(
            layer.title, unit + 1, layer.values.size, f"{layer.values[unit]:.3g}"
        )
        what = {
            ("incoming",): self.tr("incoming weights"),
            ("outgoing",): self.tr("outgoing weights"),
            ("incoming", "outgoing"): self.tr("incoming and outgoing weights"),
        }.get(tuple(images))
        self.weights.show_weights(
            caption + (f": {what}" if what else f". {hint()}"),
            images,
        )
