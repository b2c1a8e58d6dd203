"""Long loads written as generators: they yield ``(done, total)`` between chunks of
work, so a caller can show progress and stop early, and return their result."""

from __future__ import annotations

from collections.abc import Generator
from typing import TypeVar

Result = TypeVar("Result")
Steps = Generator[tuple[int, int], None, Result]


def run_to_end(steps: Steps[Result]) -> Result:
    """Drive ``steps`` without stopping; returns its result."""
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            return stop.value
