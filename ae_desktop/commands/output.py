"""Terminal output of the command line: glyphs as ASCII art, training progress, JSON files."""

from __future__ import annotations

import json
import time
from typing import TextIO

import numpy as np

from ae_desktop.safe_io.atomic import check_target, write_atomic

ON, OFF = "#", "."
GAP = "  "


class CommandError(ValueError):
    """Bad command-line input that no lower layer reports; the message names it."""


def printable(text) -> str:
    """``text`` safe for a terminal: control characters (escape sequences), lone
    surrogates and other unprintable characters written as ``\\xNN`` / ``\\uNNNN``."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escaped(ch) for ch in text)


def _escaped(ch: str) -> str:
    code = ord(ch)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


def shown_label(label: str) -> str:
    """A label as printed: escaped (``printable``), quoted when blank (the space glyph)."""
    return printable(label) if label.strip() else repr(label)


def glyph_rows(image: np.ndarray, shape: tuple[int, int]) -> list[str]:
    """One glyph (P,) as ``height`` strings: ``#`` for pixels >= 0.5, ``.`` otherwise."""
    pixels = np.asarray(image).reshape(shape) >= 0.5
    return ["".join(ON if p else OFF for p in row) for row in pixels]


def glyphs_side_by_side(
    images: np.ndarray, shape: tuple[int, int], captions: list[str], width: int = 80
) -> str:
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


def check_not_empty(glyphs, spec: str) -> None:
    """CommandError when the dataset ``spec`` gave no glyphs (e.g. an empty folder)."""
    if len(glyphs) == 0:
        raise CommandError(f"dataset {printable(spec)} holds no glyphs")


def shown_path(path: str) -> str:
    """A file name for a message: escaped, ``''`` when empty."""
    return printable(path) if path else "''"


def check_writable(path: str | None, what: str) -> None:
    """Fail before a long run if ``path`` cannot be saved: an empty name, a missing or
    read-only folder, or something other than a regular file there."""
    if path is not None:
        try:
            check_target(path)
        except OSError as exc:
            raise CommandError(
                f"cannot write {what} {shown_path(path)}: {exc.strerror or exc}"
            ) from None


def save_output(path: str, payload: bytes, what: str) -> None:
    """Write ``payload`` to ``path`` atomically, or CommandError naming the ``what``."""
    try:
        write_atomic(path, payload)
    except OSError as exc:
        raise CommandError(
            f"cannot write {what} {shown_path(path)}: {exc.strerror or exc}"
        ) from None


def write_json(path: str, document: dict) -> None:
    """Write ``document`` as indented JSON (NumPy values converted; non-ASCII text,
    lone surrogates included, kept exact as escapes)."""

    def plain(value):
        if isinstance(value, np.ndarray):
            return value.tolist()
        if isinstance(value, np.generic):
            return value.item()
        raise TypeError(f"cannot write {type(value).__name__} as JSON")

    text = json.dumps(document, indent=1, default=plain, ensure_ascii=True) + "\n"
    save_output(path, text.encode("ascii"), "JSON file")


def progress_line(report) -> str:
    """One line of training progress from a TrainReport."""
    losses = f"loss {report.loss:.6g}"
    if report.kl_loss:
        losses += f" (recon {report.recon_loss:.6g}, kl {report.kl_loss:.6g})"
    if report.n_test:
        losses += f"  test loss {report.test_loss:.6g}"
    return (
        f"epoch {report.epoch}/{report.epochs}  {losses}  learned "
        f"{report.learned}/{report.n_glyphs}  max errors {report.max_errors}  "
        f"{report.seconds:.1f}s"
    )


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
