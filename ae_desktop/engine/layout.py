"""NetworkLayout: a network as the compiled code takes it, one int64 table.

Row ``i`` describes dense layer ``i`` (encoder first) by the columns below: its sizes,
activation code, where its W (n_in x n_out, row-major) and b start in the flat parameter
vector, and its part of the model. A VAE's first decoder layer is SAMPLED: its input is
drawn from the mean and log-variance the encoder outputs (2 x its n_in values), or is the
mean when no draws are given. Consecutive rows are a layout too: the encoder's rows
encode, the decoder's rows decode a latent point (a SAMPLED first row then reads it as
its mean).
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

N_IN, N_OUT, ACTIVATION, W_OFFSET, B_OFFSET, PART = range(6)
ENCODER, DECODER, SAMPLED = range(3)  # values of the PART column


class NetworkLayout:
    """The table (n_layers, 6) of a network, with the facts the Python side asks of it."""

    def __init__(self, shapes, activation_codes, n_encoder_layers: int, variational: bool):
        table = np.zeros((len(shapes), 6), dtype=np.int64)
        pos = 0
        for i, ((n_in, n_out), code) in enumerate(zip(shapes, activation_codes)):
            table[i, :5] = n_in, n_out, code, pos, pos + n_in * n_out
            pos += n_in * n_out + n_out
        table[n_encoder_layers:, PART] = DECODER
        if variational:
            table[n_encoder_layers, PART] = SAMPLED
        table.flags.writeable = False
        self.table = table
        self.n_encoder_layers = n_encoder_layers
        self.variational = variational

    @cached_property
    def encoder(self) -> np.ndarray:
        """The encoder's rows: input -> code (a VAE's: mean then log-variance)."""
        return self.table[: self.n_encoder_layers]

    @cached_property
    def decoder(self) -> np.ndarray:
        """The decoder's rows: latent point -> output."""
        return self.table[self.n_encoder_layers :]
