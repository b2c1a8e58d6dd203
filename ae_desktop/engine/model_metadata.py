"""What a model file stores beside the weights, built in one place for the window and
the command line (``save_model``'s ``metadata``)."""

from __future__ import annotations

import numpy as np

from ae_desktop.engine.config import TrainConfig


def model_metadata(
    config: TrainConfig | None,
    history: np.ndarray,
    test_history: np.ndarray,
    dataset: str,
    image_shape: tuple[int, int] | None = None,
) -> dict:
    """``save_model``'s metadata: the loss ``history`` (epochs, 3), ``test_history``
    (k, 2), the ``dataset`` name, the glyphs' (height, width) when known, and the
    training ``config`` with its optimizer settings when known."""
    metadata = {"history": history, "test_history": test_history, "dataset": dataset}
    if image_shape is not None:
        metadata["image_shape"] = tuple(image_shape)
    if config is not None:
        metadata.update(
            optimizer=config.optimizer,
            config=config.to_dict(),
            optimizer_settings={
                "lr": config.lr,
                "momentum": config.momentum,
                "batch_size": config.batch_size,
                "weight_decay": config.weight_decay,
                "lr_schedule": config.lr_schedule,
            },
        )
    return metadata
