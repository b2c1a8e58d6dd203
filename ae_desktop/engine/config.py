"""Training settings, their defaults, and their validation."""

from __future__ import annotations

import math
from numbers import Integral, Real
from dataclasses import asdict, dataclass, fields

from ae_desktop.data.bounded_json import quote
from ae_desktop.engine.activations import ACTIVATIONS
from ae_desktop.engine.architecture import (
    Architecture, ArchitectureError, MODEL_KINDS, parse_sizes)
from ae_desktop.engine.initialization import InitError, parse_init
from ae_desktop.engine.losses import LOSSES
from ae_desktop.engine.noise import NoiseError, NoiseSpec, parse_noise

GRADIENT_OPTIMIZERS = ("sgd", "momentum", "adam")
QUASI_NEWTON_OPTIMIZERS = ("lbfgs", "cg")
OPTIMIZERS = GRADIENT_OPTIMIZERS + QUASI_NEWTON_OPTIMIZERS
DEFAULT_DAE_NOISE = "saltpepper:0.1"
PRECISIONS = ("float64", "float32")


class ConfigError(ValueError):
    """A training setting out of range or inconsistent with the data; names the setting."""


@dataclass
class TrainConfig:
    """Everything that defines a training run. Defaults learn every bundled font exactly."""

    model: str = "ae"
    arch: str = "35-30-15-2"
    decoder: str | None = None
    activation: str = "tanh"
    output_activation: str = "sigmoid"
    latent_activation: str = "linear"
    loss: str = "bce"
    optimizer: str = "adam"
    lr: float = 0.002
    epochs: int = 20000
    batch_size: int = 0
    seed: int = 0
    init: str = "glorot"
    noise: str | None = None
    augment: int = 1
    beta: float = 1.0
    momentum: float = 0.9
    target_errors: int | None = 0
    precision: str = "float64"
    dropout: float = 0.0
    test_fraction: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "TrainConfig":
        """Build from a dict, ignoring unknown keys (files from newer versions)."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def noise_spec(self) -> NoiseSpec | None:
        """The input corruption used in training (a DAE always has one)."""
        text = self.noise or (DEFAULT_DAE_NOISE if self.model == "dae" else None)
        if text is None:
            return None
        try:
            return parse_noise(text)
        except NoiseError as exc:
            raise ConfigError(str(exc)) from None

    def architecture(self, n_inputs: int) -> Architecture:
        """The network for data with ``n_inputs`` values per sample, or ConfigError."""
        self.validate_settings()
        try:
            arch = Architecture.parse(
                self.arch, self.decoder, kind=self.model, activation=self.activation,
                output_activation=self.output_activation,
                latent_activation="linear" if self.model == "vae" else self.latent_activation)
        except ArchitectureError as exc:
            raise ConfigError(str(exc)) from None
        if arch.n_inputs != n_inputs:
            raise ConfigError(f"architecture {self.arch} takes {arch.n_inputs} inputs but the "
                              f"data has {n_inputs} pixels per glyph")
        return arch

    def validate_settings(self) -> None:
        """Check every setting that does not depend on the data: its type, then its
        range (the rules of the command-line flags, also applied to stored configs)."""
        for field in fields(self):
            _check_type(field.name, getattr(self, field.name), field.type)
        try:
            parse_sizes(self.arch)
            if self.decoder is not None:
                parse_sizes(self.decoder, "decoder")
        except ArchitectureError as exc:
            raise ConfigError(str(exc)) from None
        _choice("model", self.model, MODEL_KINDS)
        for name in ("activation", "output_activation", "latent_activation"):
            _choice(name, getattr(self, name).replace("-", "_"), ACTIVATIONS)
        _choice("loss", self.loss, LOSSES)
        _choice("optimizer", self.optimizer, OPTIMIZERS)
        _choice("precision", self.precision, PRECISIONS)
        if not (math.isfinite(self.lr) and self.lr > 0):
            raise ConfigError(f"learning rate must be a number > 0, got {self.lr!r}")
        _whole("epochs", self.epochs, 1, 10_000_000)
        _whole("batch_size", self.batch_size, 0, 10_000_000)
        _whole("augment", self.augment, 1, 1000)
        _whole("seed", self.seed, 0, 2**63 - 1)
        if self.target_errors is not None:
            _whole("target_errors", self.target_errors, 0, 100_000)
        if not (math.isfinite(self.beta) and self.beta >= 0):
            raise ConfigError(f"beta must be a number >= 0, got {self.beta!r}")
        if not (math.isfinite(self.momentum) and 0 <= self.momentum < 1):
            raise ConfigError(f"momentum must be in [0, 1), got {self.momentum!r}")
        try:
            parse_init(self.init)
        except InitError as exc:
            raise ConfigError(str(exc)) from None
        if self.noise and self.model == "ae":
            raise ConfigError("noise is used only by a denoising (dae) or variational (vae) model")
        if not 0 <= self.dropout <= 0.9:
            raise ConfigError(f"dropout must be a probability from 0 to 0.9, got {self.dropout!r}")
        if not 0 <= self.test_fraction < 1:
            raise ConfigError(f"test fraction must be a number from 0 up to (not including) 1,"
                              f" got {self.test_fraction!r}")
        if self.optimizer in QUASI_NEWTON_OPTIMIZERS and (self.model == "vae" or self.dropout):
            what = "a VAE's" if self.model == "vae" else "with dropout, the"
            raise ConfigError(f"{what} loss is stochastic: train it with sgd, momentum or adam")
        self.noise_spec()


_TYPES = {"str": (str,), "str | None": (str, type(None)), "int": (Integral,),
          "int | None": (Integral, type(None)), "float": (Real,)}


def _check_type(name: str, value, annotation: str) -> None:
    """``value`` of the field's declared type (a float field takes an int, NumPy scalars
    count, no field takes a bool), or ConfigError naming the field."""
    allowed = _TYPES[annotation]
    if isinstance(value, bool) or not isinstance(value, allowed):
        wanted = {"str": "text", "int": "a whole number", "float": "a number"}
        kind = " or ".join(wanted.get(a.strip(), "none") for a in annotation.split("|"))
        raise ConfigError(f"{name} must be {kind}, got {quote(value)}")


def _choice(name: str, value, allowed) -> None:
    if value not in allowed:
        raise ConfigError(f"unknown {name} {quote(value)}: use one of {', '.join(allowed)}")


def _whole(name: str, value, low: int, high: int) -> None:
    if not low <= value <= high:
        raise ConfigError(f"{name} must be a whole number from {low} to {high}, "
                          f"got {quote(value)}")
