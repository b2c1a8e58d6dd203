"""What the network view shows, without Qt: one row per layer (input, hidden layers,
code or mean and log-variance, output) with its value range, the weights a unit's image
shows, and a diverging colour map from values to ARGB."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication

from ae_desktop.engine import Autoencoder, layer_activations

BOUNDED = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}
NEGATIVE, ZERO, POSITIVE = (33, 102, 172), (247, 247, 247), (178, 24, 43)


@dataclass(frozen=True)
class LayerRow:
    """A layer's ``title``, ``detail`` (its activation, or "code") and ``values``: units ``start:start + len(values)`` of the output of layer ``layer`` (-1: the
    input), coloured over ``lo..hi``; ``glyph`` rows (input, output) are drawn as glyphs."""

    title: str
    detail: str
    values: np.ndarray
    lo: float
    hi: float
    layer: int
    start: int = 0
    glyph: bool = False


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5 times a power of ten at or above ``value`` (a colour key
    that does not change with every stroke)."""
    if not value > 1e-12 or not math.isfinite(value):
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value * (1 - 1e-9))


def value_range(values: np.ndarray, activation: str) -> tuple[float, float]:
    """The colour key's range: an activation's own bounds, else 0 or -top .. top."""
    if activation in BOUNDED:
        return BOUNDED[activation]
    finite = values[np.isfinite(values)]
    top = nice_ceiling(float(np.abs(finite).max()) if finite.size else 0.0)
    return (0.0, top) if activation == "relu" else (-top, top)


def layer_rows(model: Autoencoder, x: np.ndarray) -> list[LayerRow]:
    """The rows of the network view for input ``x`` (n_inputs values)."""
    arch = model.arch
    values = layer_activations(model, x)
    n_enc, n_layers = arch.n_encoder_layers, len(arch.layer_shapes)
    rows = [
        LayerRow(
            QCoreApplication.translate("LayerRows", "Input"),
            QCoreApplication.translate("LayerRows", "values 0…1"),
            values[0],
            0.0,
            1.0,
            -1,
            glyph=True,
        )
    ]
    for layer in range(n_layers):
        out, name = values[layer + 1], arch.activations[layer]
        if layer == n_layers - 1:
            rows.append(
                LayerRow(
                    QCoreApplication.translate("LayerRows", "Output"),
                    name,
                    out,
                    0.0,
                    1.0,
                    layer,
                    glyph=True,
                )
            )
        elif layer == n_enc - 1 and arch.kind == "vae":
            d = arch.latent_dim
            for title, start in (
                (QCoreApplication.translate("LayerRows", "Mean"), 0),
                (QCoreApplication.translate("LayerRows", "Log-variance"), d),
            ):
                part = out[start : start + d]
                rows.append(
                    LayerRow(
                        title,
                        QCoreApplication.translate("LayerRows", "code"),
                        part,
                        *value_range(part, name),
                        layer,
                        start,
                    )
                )
        else:
            code = layer == n_enc - 1
            hidden = QCoreApplication.translate("LayerRows", "Hidden {0}").format(
                layer + 1 - (layer >= n_enc)
            )
            title = QCoreApplication.translate("LayerRows", "Code") if code else hidden
            detail = QCoreApplication.translate("LayerRows", "code") if code else name
            rows.append(LayerRow(title, detail, out, *value_range(out, name), layer))
    return rows


def unit_weights(model: Autoencoder, row: LayerRow, unit: int) -> dict[str, np.ndarray]:
    """{"incoming": weights from every input to ``unit`` of a first-layer row,
    "outgoing": weights from ``unit`` of the last layer's input row to every output},
    as flat (n_inputs,) arrays; a row with neither gives {}."""
    layers = model.arch.unflatten(model.theta)
    index, found = row.start + unit, {}
    if row.layer == 0:
        found["incoming"] = layers[0][0][:, index]
    last = layers[-1][0]
    if row.layer == len(layers) - 2 and index < last.shape[0]:
        found["outgoing"] = last[index, :]
    return found


def _lut() -> np.ndarray:
    """256 ARGB colours: NEGATIVE at 0, ZERO at 127.5, POSITIVE at 255."""
    t = np.linspace(-1.0, 1.0, 256)[:, None]
    neg, zero, pos = (np.array(c, dtype=np.float64) for c in (NEGATIVE, ZERO, POSITIVE))
    rgb = np.where(t < 0, zero + (neg - zero) * -t, zero + (pos - zero) * t)
    rgb = np.rint(rgb).astype(np.uint32)
    return 0xFF000000 | rgb[:, 0] << 16 | rgb[:, 1] << 8 | rgb[:, 2]


LUT = _lut()


def value_colours(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """ARGB (uint32) of ``values``: a range from 0 uses the map's positive half; a range
    across 0 the whole map, 0 in the middle. Values outside the range are clamped, NaN
    shows as the low end."""
    if lo >= 0:
        t = 0.5 + 0.5 * np.asarray(values, dtype=np.float64) / hi
    else:
        t = (np.asarray(values, dtype=np.float64) - lo) / (hi - lo)
    t = np.fmin(np.fmax(t, 0.0), 1.0)  # fmax/fmin drop a NaN: it shows as the low end
    return LUT[(t * 255.0).astype(np.intp)]
