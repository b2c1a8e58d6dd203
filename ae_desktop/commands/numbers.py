"""The one parser of numeric command-line values: finite, in range, bounded in length.

``number(kind, low, high)`` is an argparse ``type=``; argparse names the flag in its
error. ``FLAG_RANGES`` gives each training setting's range (those of TrainConfig), so
``check_setting`` applies the same rule to a sweep's ``--vary`` values."""

from __future__ import annotations

import argparse
import math

from ae_desktop.data.bounded_json import quote

MAX_DIGITS = 40  # longer text is no number a flag takes (and int() of 5,000 digits raises)
WHOLE_MAX = 2**63 - 1


class Range:
    """``kind`` (int or float) from ``low`` to ``high``; ``open_low``/``open_high``
    exclude the bound itself."""

    def __init__(self, kind: type, low=None, high=None, open_low=False, open_high=False):
        self.kind, self.low, self.high = kind, low, high
        self.open_low, self.open_high = open_low, open_high

    def describe(self) -> str:
        noun = "a whole number" if self.kind is int else "a finite number"
        if None not in (self.low, self.high) and not (self.open_low or self.open_high):
            return f"{noun} from {self.low} to {self.high}"
        bounds = [f"{'>' if self.open_low else '>='} {self.low}"] if self.low is not None else []
        if self.high is not None:
            bounds.append(f"{'<' if self.open_high else '<='} {self.high}")
        return " ".join([noun, " and ".join(bounds)]).strip()

    def parse(self, text: str):
        """The value of ``text``, or ValueError with a one-line reason."""
        value = _convert(self.kind, text)
        if value is None or not self._holds(value):
            raise ValueError(f"expected {self.describe()}, got {quote(text)}")
        return value

    def _holds(self, value) -> bool:
        if self.low is not None and (value <= self.low if self.open_low else value < self.low):
            return False
        return self.high is None or (value < self.high if self.open_high else value <= self.high)


def _convert(kind: type, text: str):
    text = str(text).strip()
    if len(text) > MAX_DIGITS:
        return None
    try:
        value = kind(text)
    except ValueError:
        return None
    return value if kind is int or math.isfinite(value) else None


def number(kind: type, low=None, high=None, open_low=False, open_high=False):
    """An argparse type: a finite ``kind`` in the range, else argparse's one-line error."""
    return range_type(Range(kind, low, high, open_low, open_high))


def range_type(limits: Range):
    def parse(text: str):
        try:
            return limits.parse(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    parse.__name__ = "whole number" if limits.kind is int else "number"
    return parse


COUNT = Range(int, 1, 10**12)  # --repeats, --steps, --draws: memory is checked separately

FLAG_RANGES = {  # TrainConfig's numeric settings, as config.validate_settings checks them
    "lr": Range(float, 0, open_low=True),
    "momentum": Range(float, 0, 1, open_high=True),
    "epochs": Range(int, 1, 10_000_000),
    "batch_size": Range(int, 0, 10_000_000),
    "seed": Range(int, 0, WHOLE_MAX),
    "augment": Range(int, 1, 1000),
    "beta": Range(float, 0),
    "dropout": Range(float, 0, 0.9),
    "test_fraction": Range(float, 0, 1, open_high=True),
    "target_errors": Range(int, 0, 100_000),
}


def flag_type(setting: str):
    """The argparse type of the TrainConfig setting ``setting``."""
    return range_type(FLAG_RANGES[setting])


def check_setting(setting: str, text: str, error: type[Exception], flag: str) -> None:
    """``error`` naming ``flag`` when ``text`` is no valid value of a numeric setting
    (other settings and ``none`` pass: the config's own validation sees them)."""
    limits = FLAG_RANGES.get(setting)
    if limits is None or text.strip().lower() == "none":
        return
    try:
        limits.parse(text)
    except ValueError as exc:
        raise error(f"{flag}: {exc}") from None
