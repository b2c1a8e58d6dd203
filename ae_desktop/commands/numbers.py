"""The one parser of numeric command-line values: finite, in range, bounded in length.

``number(kind, low, high)`` is an argparse ``type=``; argparse names the flag in its
error. A training setting's flag takes its range from ``config.SETTING_LIMITS``, the
table that also validates stored configs, so ``check_setting`` applies the same rule to
a sweep's ``--vary`` values."""

from __future__ import annotations

import argparse
import math

from ae_desktop.engine import SETTING_LIMITS, Range
from ae_desktop.safe_io.bounded_json import quote

MAX_DIGITS = 40  # longer text is no number a flag takes (and int() of 5,000 digits raises)
COUNT = Range(int, 1, 10**12)  # --repeats, --steps, --draws: memory is checked separately
FLAG_RANGES = SETTING_LIMITS  # TrainConfig's numeric settings, one flag each


def parse_number(limits: Range, text: str):
    """The value of ``text`` in ``limits``, or ValueError with a one-line reason."""
    value = _convert(limits.kind, text)
    if value is None or not limits.holds(value):
        raise ValueError(f"expected {limits.describe()}, got {quote(text)}")
    return value


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
            return parse_number(limits, text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    parse.__name__ = "whole number" if limits.kind is int else "number"
    return parse


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
        parse_number(limits, text)
    except ValueError as exc:
        raise error(f"{flag}: {exc}") from None
