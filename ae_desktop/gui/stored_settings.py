"""Training settings kept in QSettings, read back as untrusted input: bounded JSON,
checked with the engine's rules field by field; a bad value falls back to its default."""

from __future__ import annotations

import dataclasses

from ae_desktop.engine import ConfigError, TrainConfig
from ae_desktop.safe_io.bounded_json import parse_json

NULLABLE = ("decoder", "noise", "target_errors")
MAX_TEXT = 1000  # characters of a stored string setting


def stored_json(payload, what: str):
    """The JSON value of a stored setting, or None when it is missing or bad."""
    if not isinstance(payload, (str, bytes)):
        return None
    try:
        return parse_json(payload, ConfigError, what)
    except ConfigError:
        return None


def stored_config(payload) -> TrainConfig:
    """The TrainConfig stored as JSON in ``payload``: every field of the wrong type or
    failing ``validate_settings`` (given the fields before it) keeps its default."""
    data = stored_json(payload, "stored training settings")
    config = TrainConfig()
    if not isinstance(data, dict):
        return config
    for field in dataclasses.fields(TrainConfig):
        if field.name not in data or not _fits_type(field.name, data[field.name]):
            continue
        trial = dataclasses.replace(config, **{field.name: data[field.name]})
        try:
            trial.validate_settings()
        except ConfigError:
            continue
        config = trial
    return config


def stored_architectures(payload) -> dict[int, str]:
    """Input size -> typed architecture, stored as a JSON object; bad entries dropped."""
    data = stored_json(payload, "stored architectures")
    if not isinstance(data, dict):
        return {}
    return {
        int(n): arch
        for n, arch in data.items()
        if n.isdigit() and len(n) <= 9 and isinstance(arch, str) and len(arch) <= MAX_TEXT
    }


def _fits_type(name: str, value) -> bool:
    """Whether ``value`` has the type of TrainConfig's field ``name``."""
    default = getattr(TrainConfig, name)
    if value is None:
        return name in NULLABLE
    if isinstance(value, bool):
        return False
    if isinstance(default, float):
        return isinstance(value, (int, float))
    if isinstance(default, int):
        return isinstance(value, int)
    return isinstance(value, str) and len(value) <= MAX_TEXT


def stored_paths(value, limit: int) -> list[str]:
    """A stored list of file paths: strings of at most MAX_TEXT characters, at most
    ``limit`` of them; anything else is dropped (QSettings gives one path as a str)."""
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list):
        return []
    return [p for p in values if isinstance(p, str) and 0 < len(p) <= MAX_TEXT][:limit]


def stored_flag(value, default: bool) -> bool:
    """A stored yes/no setting (an INI file gives "true"/"false" back as text)."""
    if isinstance(value, bool):
        return value
    return {"true": True, "false": False}.get(value, default) if isinstance(value, str) else default


def stored_choice(value, choices: tuple[str, ...], default: str) -> str:
    """A stored setting that is one of ``choices``; anything else gives ``default``."""
    return value if isinstance(value, str) and value in choices else default
