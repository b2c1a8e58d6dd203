"""Which training setting a sweep varies, over which values: ``lr=0.0005,0.005,0.05``."""

from __future__ import annotations

import itertools
import typing
from dataclasses import dataclass, fields, replace

from ae_desktop.engine.config import ConfigError, TrainConfig

# The seed is set per repeat (base seed + repeat index), so a sweep cannot vary it.
FIXED_FIELDS = ("seed",)
NONE_TEXT = "none"


@dataclass(frozen=True)
class Variation:
    """A TrainConfig field and the values a sweep gives it, in order."""

    field: str
    values: tuple


def variable_fields() -> tuple[str, ...]:
    """TrainConfig fields a sweep may vary."""
    return tuple(f.name for f in fields(TrainConfig) if f.name not in FIXED_FIELDS)


def parse_variation(text: str) -> Variation:
    """``"lr=0.0005,0.005"`` (dashes or underscores in the name) -> Variation, or
    ConfigError naming the problem. ``none`` gives None for optional settings."""
    name, sep, values = str(text).partition("=")
    field = name.strip().replace("-", "_")
    if not sep or not field:
        raise ConfigError(
            f"bad variation {text!r}: expected SETTING=V1,V2,... like lr=0.0005,0.005"
        )
    if field in FIXED_FIELDS:
        raise ConfigError(
            f"cannot vary {field}: runs use base seed + repeat index; use --repeats and --seed"
        )
    if field not in variable_fields():
        raise ConfigError(
            f"cannot vary unknown setting {name.strip()!r}: use one of "
            f"{', '.join(variable_fields())}"
        )
    items = [v.strip() for v in values.split(",")]
    if not any(items):
        raise ConfigError(f"bad variation {text!r}: no values after '='")
    if not all(items):
        raise ConfigError(f"bad variation {text!r}: empty value in the list")
    parsed = tuple(_parse_value(field, item) for item in items)
    if len(set(parsed)) != len(parsed):
        raise ConfigError(f"bad variation {text!r}: a value is repeated")
    return Variation(field, parsed)


def grid(base: TrainConfig, variations: list[Variation]) -> list[tuple[dict, TrainConfig]]:
    """Every combination of the variations' values (the first varies slowest) as
    (point, config) pairs; ``point`` maps each varied field to its value. Each config
    is validated, so a bad value fails before any run starts."""
    names = [v.field for v in variations]
    if len(set(names)) != len(names):
        raise ConfigError(f"{names[0]} is varied twice: vary two different settings")
    points = []
    for values in itertools.product(*(v.values for v in variations)):
        point = dict(zip(names, values))
        config = replace(base, **point)
        try:
            config.validate_settings()
        except ConfigError as exc:
            shown = ", ".join(f"{k}={_shown(v)}" for k, v in point.items())
            raise ConfigError(f"{shown}: {exc}") from None
        points.append((point, config))
    return points


def _parse_value(field: str, text: str):
    kind = typing.get_type_hints(TrainConfig)[field]
    optional = type(None) in typing.get_args(kind)
    if optional and text.lower() == NONE_TEXT:
        return None
    target = next((t for t in (int, float) if t is kind or t in typing.get_args(kind)), str)
    try:
        return target(text)
    except ValueError:
        expected = "a whole number" if target is int else "a number"
        raise ConfigError(f"cannot vary {field}: {text!r} is not {expected}") from None


def _shown(value) -> str:
    return NONE_TEXT if value is None else str(value)
