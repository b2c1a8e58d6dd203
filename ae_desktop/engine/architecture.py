"""Network shape: layer sizes, activations per layer, and the flat parameter layout."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ae_desktop.engine.activations import ACTIVATIONS, activation_code
from ae_desktop.engine.layout import B_OFFSET, N_IN, N_OUT, W_OFFSET, NetworkLayout
from ae_desktop.safe_io.bounded_json import quote

MODEL_KINDS = ("ae", "dae", "vae")


class ArchitectureError(ValueError):
    """An architecture string or combination that cannot be built."""


def parse_sizes(text: str, what: str = "architecture") -> tuple[int, ...]:
    """``"35-20-10-5-2"`` -> (35, 20, 10, 5, 2); at least two positive sizes."""
    parts = str(text).replace(",", "-").split("-")
    try:
        sizes = tuple(int(p.strip()) for p in parts)
    except ValueError:
        raise ArchitectureError(
            f"malformed {what} {quote(text)}: expected layer sizes like 35-20-10-5-2"
        ) from None
    if len(sizes) < 2 or min(sizes) < 1:
        raise ArchitectureError(
            f"malformed {what} {quote(text)}: needs at least two layer sizes, all positive"
        )
    if max(sizes) > 100_000:
        raise ArchitectureError(f"{what} {quote(text)}: layer of more than 100000 units")
    return sizes


@dataclass(frozen=True)
class Architecture:
    """A dense autoencoder.

    ``encoder`` runs from the input size to the latent size, ``decoder`` from the latent
    size to the output size. For a VAE the last encoder layer outputs 2*latent values
    (mean, then log-variance).
    """

    encoder: tuple[int, ...]
    decoder: tuple[int, ...]
    kind: str = "ae"
    activation: str = "tanh"
    output_activation: str = "sigmoid"
    latent_activation: str = "linear"

    def __post_init__(self):
        if self.kind not in MODEL_KINDS:
            raise ArchitectureError(f"unknown model kind {quote(self.kind)}: use ae, dae or vae")
        for name in (self.activation, self.output_activation, self.latent_activation):
            if name not in ACTIVATIONS:
                raise ArchitectureError(
                    f"unknown activation {quote(name)}: use one of {', '.join(ACTIVATIONS)}"
                )
        if self.encoder[-1] != self.decoder[0]:
            raise ArchitectureError(
                f"encoder ends in {self.encoder[-1]} units but decoder starts with "
                f"{self.decoder[0]}"
            )
        if self.encoder[0] != self.decoder[-1]:
            raise ArchitectureError(
                f"encoder input {self.encoder[0]} differs from decoder output {self.decoder[-1]}"
            )
        if self.kind == "vae" and self.latent_activation != "linear":
            raise ArchitectureError("a VAE's latent layer (mean and log-variance) must be linear")

    @classmethod
    def parse(cls, encoder: str, decoder: str | None = None, **kwargs) -> Architecture:
        """Encoder string like ``35-20-10-5-2``; the decoder mirrors it unless given."""
        enc = parse_sizes(encoder)
        dec = parse_sizes(decoder, "decoder") if decoder else enc[::-1]
        return cls(enc, dec, **kwargs)

    @property
    def n_inputs(self) -> int:
        return self.encoder[0]

    @property
    def latent_dim(self) -> int:
        return self.encoder[-1]

    @property
    def text(self) -> str:
        """Full layer list as the reports write it, e.g. ``35-20-2-20-35``."""
        return "-".join(map(str, self.encoder + self.decoder[1:]))

    @cached_property
    def layer_shapes(self) -> tuple[tuple[int, int], ...]:
        """(n_in, n_out) of every dense layer, encoder first."""
        enc = list(self.encoder)
        if self.kind == "vae":
            enc[-1] *= 2
        sizes = list(zip(enc[:-1], enc[1:])) + list(zip(self.decoder[:-1], self.decoder[1:]))
        return tuple(sizes)

    @property
    def n_encoder_layers(self) -> int:
        return len(self.encoder) - 1

    @cached_property
    def activations(self) -> tuple[str, ...]:
        n_enc, n_dec = self.n_encoder_layers, len(self.decoder) - 1
        return (
            (self.activation,) * (n_enc - 1)
            + (self.latent_activation,)
            + (self.activation,) * (n_dec - 1)
            + (self.output_activation,)
        )

    @cached_property
    def dropout_layers(self) -> tuple[int, ...]:
        """Layers whose outputs dropout may zero: the hidden ones (not the latent or mean
        and log-variance layer, not the output)."""
        return tuple(i for i in range(len(self.layer_shapes) - 1) if i != self.n_encoder_layers - 1)

    @property
    def dropout_units(self) -> int:
        return sum(self.layer_shapes[i][1] for i in self.dropout_layers)

    @cached_property
    def activation_codes(self) -> np.ndarray:
        return np.array([activation_code(a) for a in self.activations], dtype=np.int64)

    @cached_property
    def n_params(self) -> int:
        return sum(i * o + o for i, o in self.layer_shapes)

    @cached_property
    def layout(self) -> NetworkLayout:
        """The network as the compiled code takes it (shapes, offsets, codes, kind)."""
        return NetworkLayout(
            self.layer_shapes, self.activation_codes, self.n_encoder_layers, self.kind == "vae"
        )

    @property
    def offsets(self) -> tuple[np.ndarray, np.ndarray]:
        """Start of each layer's W (n_in x n_out, row-major) and b in the flat vector."""
        return self.layout.table[:, W_OFFSET], self.layout.table[:, B_OFFSET]

    def unflatten(self, theta: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """Views (W, b) of every layer into the flat parameter vector."""
        return [
            (theta[w : w + i * o].reshape(i, o), theta[b : b + o]) for i, o, w, b in self._slices
        ]

    @cached_property
    def _slices(self) -> list[tuple[int, int, int, int]]:
        """(n_in, n_out, W offset, b offset) of every layer as Python ints (NumPy integers
        would make every slice of ``unflatten`` slower)."""
        return self.layout.table[:, [N_IN, N_OUT, W_OFFSET, B_OFFSET]].tolist()
