"""Training settings, their defaults, and their validation."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from numbers import Integral, Real
from typing import ClassVar

import numpy as np

from ae_desktop.engine.activations import ACTIVATIONS
from ae_desktop.engine.architecture import MODEL_KINDS, Architecture, ArchitectureError, parse_sizes
from ae_desktop.engine.initialization import InitError, parse_init
from ae_desktop.engine.limits import Range
from ae_desktop.engine.losses import LOSSES
from ae_desktop.engine.noise import NoiseError, NoiseSpec, parse_noise
from ae_desktop.engine.schedules import parse_schedule
from ae_desktop.safe_io.bounded_json import quote

GRADIENT_OPTIMIZERS = ("sgd", "momentum", "adam")
QUASI_NEWTON_OPTIMIZERS = ("lbfgs", "cg", "bfgs", "powell")
DENSE_OPTIMIZERS = ("bfgs", "powell")  # hold n x n matrices (Hessian, directions)
DENSE_MAX_PARAMS = 4000  # their n: 128 MB a matrix, and scipy holds a few at once
OPTIMIZERS = GRADIENT_OPTIMIZERS + QUASI_NEWTON_OPTIMIZERS
DEFAULT_DAE_NOISE = "saltpepper:0.1"
PRECISIONS = ("float64", "float32")

SETTING_LIMITS = {  # the range of each numeric setting: validate_settings and the flags
    "lr": Range(float, 0, open_low=True),
    "epochs": Range(int, 1, 10_000_000),
    "batch_size": Range(int, 0, 10_000_000),
    "augment": Range(int, 1, 1000),
    "seed": Range(int, 0, 2**63 - 1),
    "target_errors": Range(int, 0, 100_000),
    "target_margin": Range(float, 0, 0.5),
    "beta": Range(float, 0),
    "momentum": Range(float, 0, 1, open_high=True),
    "dropout": Range(float, 0, 0.9),
    "test_fraction": Range(float, 0, 1, open_high=True),
    "weight_decay": Range(float, 0, 1),
    "kl_warmup": Range(int, 0, 10_000_000),
    "early_stop": Range(int, 0, 10_000_000),
}
_OUT_OF_RANGE = {  # validate_settings's wording where not "NAME must be <describe()>"
    "lr": "learning rate must be a number > {low}",
    "beta": "beta must be a number >= {low}",
    "momentum": "momentum must be in [{low}, {high})",
    "dropout": "dropout must be a probability from {low} to {high}",
    "test_fraction": "test fraction must be a number from {low} up to (not including) {high}",
}


# Redrawing ambiguous noisy copies searches every glyph for each noisy row, each epoch:
# about the work of an epoch of training at ~1000 glyphs, so larger sets go without it.
REDRAW_MAX_GLYPHS = 1024
REDRAW_ROUNDS = 20  # redraws of a row before its clean glyph stands in

# What a denoising model trains with where the user sets nothing else (the CLI applies
# these under its flags; docs/EXPERIMENTS.md "Denoising defaults" says why each): a wide
# ReLU layer, many noisy copies per epoch in batches of 256, all epochs (no early stop),
# ambiguous noisy copies redrawn where the set has at most REDRAW_MAX_GLYPHS glyphs.
DAE_DEFAULTS = {
    "arch": "35-128-32",
    "activation": "relu",
    "augment": 30,
    "batch_size": 256,
    "lr": 0.003,
    "epochs": 1500,
    "target_errors": None,
    "redraw_ambiguous": None,
}


def model_defaults(model: str | None) -> dict:
    """Settings that differ from the TrainConfig defaults for ``model`` (a copy; only a
    DAE has any), to be overridden by every setting the user gives."""
    return dict(DAE_DEFAULTS) if model == "dae" else {}


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
    target_margin: float = 0.25  # with a target: right pixels this far from 0.5 too
    precision: str = "float64"
    dropout: float = 0.0
    test_fraction: float = 0.0
    weight_decay: float = 0.0  # L2: decoupled for adam, in the gradient otherwise
    lr_schedule: str = "constant"  # constant, step:EVERY:FACTOR or cosine
    kl_warmup: int = 0  # epochs over which a VAE's beta rises from 0
    early_stop: int = 0  # epochs without a better test loss before stopping (0: never)
    # redraw noisy copies nearer another glyph: True, False, None = where affordable
    redraw_ambiguous: bool | None = False
    redraw_max_glyphs: ClassVar[int] = REDRAW_MAX_GLYPHS  # for the public API's users

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> TrainConfig:
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
                self.arch,
                self.decoder,
                kind=self.model,
                activation=self.activation,
                output_activation=self.output_activation,
                latent_activation="linear" if self.model == "vae" else self.latent_activation,
            )
        except ArchitectureError as exc:
            raise ConfigError(str(exc)) from None
        if arch.n_inputs != n_inputs:
            raise ConfigError(
                f"architecture {self.arch} takes {arch.n_inputs} inputs but the "
                f"data has {n_inputs} pixels per glyph"
            )
        if self.optimizer in DENSE_OPTIMIZERS and arch.n_params > DENSE_MAX_PARAMS:
            raise ConfigError(
                f"{self.optimizer} holds an n x n matrix: at most {DENSE_MAX_PARAMS:,} "
                f"weights and biases, {arch.text} has {arch.n_params:,} (use lbfgs or cg)"
            )
        return arch

    def validate_settings(self) -> None:
        """Check every setting that does not depend on the data: its type, then its
        range (the rules of the command-line flags, also applied to stored configs)."""
        for field in fields(self):
            _check_type(
                field.name, getattr(self, field.name), str(field.type)
            )  # text: see __future__
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
        for name, limits in SETTING_LIMITS.items():
            _in_range(name, getattr(self, name), limits)
        try:
            parse_init(self.init)
        except InitError as exc:
            raise ConfigError(str(exc)) from None
        if self.noise and self.model == "ae":
            raise ConfigError("noise is used only by a denoising (dae) or variational (vae) model")
        if self.optimizer in QUASI_NEWTON_OPTIMIZERS and (self.model == "vae" or self.dropout):
            what = "a VAE's" if self.model == "vae" else "with dropout, the"
            raise ConfigError(f"{what} loss is stochastic: train it with sgd, momentum or adam")
        self.noise_spec()
        self._check_training_aids()
        if self.redraw_ambiguous and self.noise_spec() is None:
            raise ConfigError(
                "redrawing ambiguous noisy copies needs noise (a dae model or a noise setting)"
            )

    def redraw_used(self, n_glyphs: int) -> bool:
        """Whether training on ``n_glyphs`` clean glyphs redraws every noisy copy whose
        nearest glyph is another one (see batch_plan): ``redraw_ambiguous`` True (or
        ConfigError over REDRAW_MAX_GLYPHS), False, or None: where there is noise and at
        most REDRAW_MAX_GLYPHS glyphs."""
        if self.redraw_ambiguous is None:
            return self.noise_spec() is not None and n_glyphs <= REDRAW_MAX_GLYPHS
        if self.redraw_ambiguous and n_glyphs > REDRAW_MAX_GLYPHS:
            raise ConfigError(
                f"redrawing ambiguous noisy copies is for sets of at most "
                f"{REDRAW_MAX_GLYPHS:,} glyphs, this one has {n_glyphs:,}"
            )
        return self.redraw_ambiguous

    def _check_training_aids(self) -> None:
        """The weight decay, schedule, warm-up and early stop settings."""
        try:
            parse_schedule(self.lr_schedule)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
        if self.kl_warmup and self.model != "vae":
            raise ConfigError("KL warm-up is for a variational (vae) model only")
        if self.early_stop and not self.test_fraction:
            raise ConfigError("early stopping watches the test loss: give a test fraction")


_TYPES = {
    "str": (str,),
    "str | None": (str, type(None)),
    "int": (Integral,),
    "int | None": (Integral, type(None)),
    "float": (Real,),
    "bool | None": (bool, np.bool_, type(None)),
}


def _check_type(name: str, value, annotation: str) -> None:
    """``value`` of the field's declared type (a float field takes an int, NumPy scalars
    count, only a bool field takes a bool), or ConfigError naming the field."""
    allowed = _TYPES[annotation]
    if (isinstance(value, bool) and bool not in allowed) or not isinstance(value, allowed):
        wanted = {"str": "text", "int": "a whole number", "float": "a number", "bool": "true/false"}
        kind = " or ".join(wanted.get(a.strip(), "none") for a in annotation.split("|"))
        raise ConfigError(f"{name} must be {kind}, got {quote(value)}")


def _choice(name: str, value, allowed) -> None:
    if value not in allowed:
        raise ConfigError(f"unknown {name} {quote(value)}: use one of {', '.join(allowed)}")


def _in_range(name: str, value, limits: Range) -> None:
    """ConfigError unless ``value`` (None: a setting left unset) is in ``limits``."""
    if value is not None and not limits.holds(value):
        wording = _OUT_OF_RANGE.get(name, f"{name} must be {limits.describe()}")
        raise ConfigError(f"{wording.format(low=limits.low, high=limits.high)}, got {quote(value)}")
