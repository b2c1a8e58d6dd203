"""The first run's notice: the engine's kernels are being compiled (later runs load them
from the cache), which kernel, and how many of them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from ae_desktop.engine import TrainConfig, compile_progress


@contextmanager
def compile_notice(
    stream: TextIO, quiet: bool = False, ahead: tuple[TrainConfig, int] | None = None
) -> Iterator[None]:
    """While inside, each engine kernel's compilation shows on ``stream`` as it starts
    (unless ``quiet``): on a terminal one line rewritten in place, otherwise a line each.
    ``ahead``: see ``compile_progress``."""
    tty = stream.isatty()
    width = 0

    def show(name: str | None, done: int, total: int) -> None:
        nonlocal width
        if quiet:
            return
        if name is None:  # a kernel is ready: end the line before training's progress
            stream.write("\n" if tty and width else "")
            width = 0
        else:
            line = (
                f"ae-desktop: compiling kernels for the first run (cached for the next "
                f"runs): {done}/{total} {name}"
            )
            stream.write("\r" + line.ljust(width) if tty else line + "\n")
            width = len(line)
        stream.flush()

    with compile_progress(show, ahead=ahead):
        yield
