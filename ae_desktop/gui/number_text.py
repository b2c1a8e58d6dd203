"""Numbers in window text written the way the interface's language writes them (a decimal
comma in Spanish), without digit grouping: ``fixed(0.25, 2)`` -> "0,25" in Spanish."""

from __future__ import annotations

from PySide6.QtCore import QLocale


def _locale() -> QLocale:
    locale = QLocale()  # the default: set by the language in use (gui/language.py)
    locale.setNumberOptions(QLocale.OmitGroupSeparator)
    return locale


def fixed(value: float, decimals: int) -> str:
    """``value`` with ``decimals`` digits after the decimal separator (like ``:.{d}f``)."""
    return _locale().toString(float(value), "f", decimals)


def significant(value: float, digits: int) -> str:
    """``value`` to ``digits`` significant digits (like ``:.{d}g``)."""
    return _locale().toString(float(value), "g", digits)
