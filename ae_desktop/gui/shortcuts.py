"""Shortcuts the platforms disagree on, made the same everywhere."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence


def redo_keys() -> list[QKeySequence]:
    """Ctrl+Shift+Z and Ctrl+Y, then the platform's own Redo keys, each listed once: a
    key listed twice on one action is an "ambiguous shortcut" that does nothing (X11's
    only Redo key is Ctrl+Shift+Z)."""
    keys: list[QKeySequence] = []
    for key in (
        QKeySequence("Ctrl+Shift+Z"),
        QKeySequence("Ctrl+Y"),
        *QKeySequence.keyBindings(QKeySequence.Redo),
    ):
        if key not in keys:
            keys.append(key)
    return keys
