"""Every layer's activations for one input, as the engine's forward pass computes them
(what the window's network view shows)."""

from __future__ import annotations

import numpy as np

from ae_desktop.engine.compiled_forward import activation_offsets, forward
from ae_desktop.engine.model import Autoencoder

_NO_DROPOUT = np.empty(0, dtype=np.int64)


def layer_activations(model: Autoencoder, x) -> list[np.ndarray]:
    """[input, output of layer 1, ..., output of the last layer] for one input ``x``
    (n_inputs values), by the compiled ``forward`` with no sampling and no dropout: a
    VAE's code layer holds the mean then the log-variance, and its decoder reads the
    mean, as ``Autoencoder.decode(encode(x))`` does."""
    table = model.arch.layout.table
    x = np.asarray(x, dtype=np.float64).reshape(-1)
    if x.size != model.arch.n_inputs:
        raise ValueError(f"input must have {model.arch.n_inputs} values, got {x.size}")
    offsets = activation_offsets(table, 1)
    acts = np.empty(offsets[-1])
    acts[: x.size] = x
    no_draws = acts[:0].reshape((0, 1))
    forward(model.theta, table, acts, offsets, 1, no_draws, _NO_DROPOUT, None)
    return [acts[offsets[i] : offsets[i + 1]].copy() for i in range(len(table) + 1)]
