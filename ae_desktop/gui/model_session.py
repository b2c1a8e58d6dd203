"""The window's current model: one object that owns it, its settings, its loss
histories, where it came from and whether a file holds it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal

from ae_desktop.engine import Autoencoder, TrainConfig, model_metadata

FILE, TRAINED, CONTINUED, RECOVERED = "file", "trained", "continued", "recovered"


def _history(values, columns: int) -> np.ndarray:
    return np.zeros((0, columns)) if values is None else values


class ModelSession(QObject):
    """The current model (or None) with its TrainConfig, training history (epochs, 3),
    test history (k, 2), ``origin`` (FILE, TRAINED, CONTINUED, RECOVERED), ``path`` (the
    file that holds it, if any) and ``saved``. ``changed`` follows every change;
    ``replaced`` also follows a whole new model (opened, recovered, closed)."""

    changed = Signal()
    replaced = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model: Autoencoder | None = None
        self.config: TrainConfig | None = None
        self.history = np.zeros((0, 3))
        self.test_history = np.zeros((0, 2))
        self.origin = FILE
        self.path: Path | None = None
        self.saved = True

    @property
    def unsaved(self) -> bool:
        """Whether a model is held that no file holds (trained, or recovered)."""
        return self.model is not None and not self.saved

    def replace(
        self,
        model: Autoencoder | None,
        config: TrainConfig | None = None,
        history: np.ndarray | None = None,
        test_history: np.ndarray | None = None,
        origin: str = FILE,
        path: str | Path | None = None,
    ) -> None:
        """Hold ``model`` (None: close it); one from a file the user chose (``path``)
        counts as saved, a recovered one as unsaved."""
        self.model, self.config = model, config
        self.history, self.test_history = _history(history, 3), _history(test_history, 2)
        self.origin = origin
        self.path = None if path is None else Path(path)
        self.saved = origin == FILE and (path is not None or model is None)
        self.replaced.emit()
        self.changed.emit()

    def clear(self) -> None:
        self.replace(None)

    def trained(self, model: Autoencoder, config: TrainConfig, continued: bool) -> None:
        """A training report's weights (a run that ``continued`` the earlier model)."""
        self.model, self.config = model, config
        self.origin = CONTINUED if continued else TRAINED
        self.path, self.saved = None, False
        self.changed.emit()

    def set_histories(self, history: np.ndarray, test_history: np.ndarray) -> None:
        """The loss curves of the model, once its run has finished."""
        self.history, self.test_history = history, test_history
        self.changed.emit()

    def mark_saved(self, path: str | Path) -> None:
        self.path, self.saved = Path(path), True
        self.changed.emit()

    def metadata(self, dataset: str, image_shape: tuple[int, int]) -> dict:
        """``save_model``'s metadata for the model; ``image_shape`` (height, width) of
        the glyphs is stored only when they fit the model."""
        fits = self.model is not None and (
            image_shape[0] * image_shape[1] == self.model.arch.n_inputs
        )
        return model_metadata(
            self.config, self.history, self.test_history, dataset, image_shape if fits else None
        )
