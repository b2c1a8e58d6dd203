"""Terminal output of the command line: glyphs as ASCII art, training progress, JSON files."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TextIO

import numpy as np

ON, OFF = "#", "."
GAP = "  "


class CommandError(ValueError):
    """Bad command-line input that no lower layer reports; the message names it."""


def shown_label(label: str) -> str:
    """A label as printed: quoted when blank (the space glyph)."""
    return label if label.strip() else repr(label)


def glyph_rows(image: np.ndarray, shape: tuple[int, int]) -> list[str]:
    """One glyph (P,) as ``height`` strings: ``#`` for pixels >= 0.5, ``.`` otherwise."""
    pixels = np.asarray(image).reshape(shape) >= 0.5
    return ["".join(ON if p else OFF for p in row) for row in pixels]


def glyphs_side_by_side(images: np.ndarray, shape: tuple[int, int], captions: list[str],
                        width: int = 80) -> str:
    """Glyphs (n, P) in rows of as many as fit in ``width`` columns, captions above."""
    cell = max(shape[1], *(len(c) for c in captions))
    per_row = max(1, (width + len(GAP)) // (cell + len(GAP)))
    blocks = []
    for start in range(0, len(images), per_row):
        chunk = range(start, min(start + per_row, len(images)))
        lines = [GAP.join(captions[i].ljust(cell) for i in chunk)]
        rows = [glyph_rows(images[i], shape) for i in chunk]
        lines += [GAP.join(r[y].ljust(cell) for r in rows) for y in range(shape[0])]
        blocks.append("\n".join(line.rstrip() for line in lines))
    return "\n\n".join(blocks)


def check_writable(path: str | None, what: str) -> None:
    """Fail before a long run if ``path``'s folder does not exist."""
    if path is not None and not Path(path).resolve().parent.is_dir():
        raise CommandError(f"cannot write {what} {path}: folder "
                           f"{Path(path).resolve().parent} does not exist")


def write_json(path: str, document: dict) -> None:
    """Write ``document`` as indented JSON (NumPy values converted)."""
    def plain(value):
        if isinstance(value, np.ndarray):
            return value.tolist()
        if isinstance(value, np.generic):
            return value.item()
        raise TypeError(f"cannot write {type(value).__name__} as JSON")

    try:
        Path(path).write_text(json.dumps(document, indent=1, default=plain) + "\n",
                              encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"cannot write JSON file {path}: {exc.strerror or exc}") from None


def progress_line(report) -> str:
    """One line of training progress from a TrainReport."""
    losses = f"loss {report.loss:.6g}"
    if report.kl_loss:
        losses += f" (recon {report.recon_loss:.6g}, kl {report.kl_loss:.6g})"
    if report.n_test:
        losses += f"  test loss {report.test_loss:.6g}"
    return (f"epoch {report.epoch}/{report.epochs}  {losses}  learned "
            f"{report.learned}/{report.n_glyphs}  max errors {report.max_errors}  "
            f"{report.seconds:.1f}s")


class Progress:
    """Shows training progress on ``stream``: on a terminal one line rewritten in place
    (at most every ``interval`` seconds), otherwise a line per tenth of the epochs."""

    def __init__(self, stream: TextIO, interval: float = 0.1):
        self.stream = stream
        self.tty = stream.isatty()
        self.interval = interval
        self._last_draw = -np.inf
        self._next_epoch = 0.0
        self._width = 0

    def update(self, report) -> None:
        if report.finished:
            self._draw(progress_line(report), final=True)
        elif self.tty and time.monotonic() - self._last_draw >= self.interval:
            self._draw(progress_line(report))
        elif not self.tty and report.epoch >= self._next_epoch:
            self._draw(progress_line(report))
            self._next_epoch = report.epoch + report.epochs / 10

    def _draw(self, line: str, final: bool = False) -> None:
        if self.tty:
            self.stream.write("\r" + line.ljust(self._width) + ("\n" if final else ""))
            self._width = len(line)
            self._last_draw = time.monotonic()
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
