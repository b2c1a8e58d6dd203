"""Each numeric TrainConfig setting has one range: its ``train`` flag and the validation of
stored configs accept the same extreme values and refuse the same first illegal ones."""

import math
import sys
from dataclasses import fields

import pytest

from ae_desktop.cli import build_parser
from ae_desktop.commands.numbers import FLAG_RANGES
from ae_desktop.engine import ConfigError, TrainConfig
from ae_desktop.engine.config import SETTING_LIMITS

NUMERIC = sorted(f.name for f in fields(TrainConfig) if f.type in ("int", "int | None", "float"))


def edges(limits) -> list[tuple[object, object]]:
    """(the extreme legal value, the first illegal one) at each end of ``limits``."""

    def step(value, up: bool):
        if limits.kind is int:
            return value + 1 if up else value - 1
        return math.nextafter(float(value), math.inf if up else -math.inf)

    low, high = limits.low, limits.high
    pairs = [(step(low, True), low) if limits.open_low else (low, step(low, False))]
    if high is None:
        pairs.append((sys.float_info.max, math.inf))
    else:
        pairs.append((step(high, False), high) if limits.open_high else (high, step(high, True)))
    return pairs


def flag_accepts(name: str, value) -> bool:
    text = str(value) if isinstance(value, int) else repr(float(value))
    try:
        build_parser().parse_args(["train", f"--{name.replace('_', '-')}={text}"])
    except SystemExit as exc:
        assert exc.code == 2
        return False
    return True


NEEDS = {"kl_warmup": {"model": "vae"}, "early_stop": {"test_fraction": 0.5}}  # else refused


def config_accepts(name: str, value) -> bool:
    try:
        TrainConfig(**{name: value, **NEEDS.get(name, {})}).validate_settings()
    except ConfigError:
        return False
    return True


def test_every_numeric_setting_has_one_range_for_flag_and_config():
    assert sorted(SETTING_LIMITS) == NUMERIC
    assert FLAG_RANGES is SETTING_LIMITS


@pytest.mark.parametrize("name", NUMERIC)
def test_the_flag_and_the_config_agree_at_both_ends(name, capsys):
    for legal, illegal in edges(SETTING_LIMITS[name]):
        assert flag_accepts(name, legal) and config_accepts(name, legal), (name, legal)
        assert not flag_accepts(name, illegal), (name, illegal)
        assert not config_accepts(name, illegal), (name, illegal)
        error = capsys.readouterr().err
        assert error.count("\n") == 1 and f"argument --{name.replace('_', '-')}: " in error


def test_a_huge_integer_in_a_real_setting_is_a_config_error_not_an_overflow():
    with pytest.raises(ConfigError, match=r"momentum must be in \[0, 1\), got 1000"):
        TrainConfig(momentum=10**400).validate_settings()
    TrainConfig(lr=10**400).validate_settings()  # finite and > 0: legal
