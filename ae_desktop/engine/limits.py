"""A numeric range: the one description of a setting's limits, shared by the stored-config
validation (``config.SETTING_LIMITS``) and the command-line flags (``commands.numbers``)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Integral


@dataclass(frozen=True)
class Range:
    """``kind`` (int or float) from ``low`` to ``high`` (None: unbounded); ``open_low`` /
    ``open_high`` exclude the bound itself. A float range holds only finite values."""

    kind: type
    low: float | None = None
    high: float | None = None
    open_low: bool = False
    open_high: bool = False

    def holds(self, value) -> bool:
        """Whether the number ``value`` (already of the right type) is in the range."""
        if not (isinstance(value, Integral) or math.isfinite(value)):
            return False
        if self.low is not None and (value <= self.low if self.open_low else value < self.low):
            return False
        return self.high is None or (value < self.high if self.open_high else value <= self.high)

    def describe(self) -> str:
        """E.g. ``a whole number from 1 to 1000``, ``a finite number > 0``."""
        noun = "a whole number" if self.kind is int else "a finite number"
        if None not in (self.low, self.high) and not (self.open_low or self.open_high):
            return f"{noun} from {self.low} to {self.high}"
        bounds = [f"{'>' if self.open_low else '>='} {self.low}"] if self.low is not None else []
        if self.high is not None:
            bounds.append(f"{'<' if self.open_high else '<='} {self.high}")
        return " ".join([noun, " and ".join(bounds)]).strip()
