"""The one JSON loader for every JSON the app reads: glyph sets, stored model configs,
settings, autosave metadata. Bounded in size and nesting depth; a huge integer, a lone
surrogate or invalid UTF-8 is an error of the caller's type, never a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

from ae_desktop.safe_io.regular_file import MIB, read_regular, size_text

MAX_DEPTH = 64
SMALL_DOCUMENT = 1 * MIB  # settings, configs, autosave metadata
MAX_INT_DIGITS = 40

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_BRACKETS_ONLY = bytes(b for b in range(256) if b not in b"[]{}")
_DIGITS_AS_ZERO = bytes(48 if 48 <= b <= 57 else 32 for b in range(256))


def quote(value, limit: int = 80) -> str:
    """``repr`` of a bad value for an error line, cut to about ``limit`` characters."""
    text = repr(value) if not isinstance(value, (list, tuple, dict)) else _short_repr(value)
    text = text.encode("ascii", "backslashreplace").decode("ascii")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _short_repr(value) -> str:
    kind = type(value).__name__
    return f"a {kind} of {len(value)} items"


def parse_json(
    payload: bytes | str, error: type[Exception], what: str, limit: int = SMALL_DOCUMENT
):
    """The JSON value in ``payload``; ``error`` with a one-line reason when it is too
    big, too deep, not UTF-8, holds an integer of more than 40 digits or a lone
    surrogate, or is no JSON at all."""
    data = payload.encode("utf-8", "surrogatepass") if isinstance(payload, str) else payload
    if len(data) > limit:
        raise error(f"{what} of {size_text(len(data))} is over the limit of {size_text(limit)}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{what} is not UTF-8 text (byte {exc.start})") from None
    outside_strings = _STRING.sub(b'""', data)
    _check_depth(outside_strings, error, what)
    if outside_strings.translate(_DIGITS_AS_ZERO).find(b"0" * (MAX_INT_DIGITS + 1)) >= 0:
        raise error(f"{what} holds a number of more than {MAX_INT_DIGITS} digits")
    try:
        value = json.loads(text)
    except RecursionError:
        raise error(f"{what} is nested more than {MAX_DEPTH} levels deep") from None
    except ValueError as exc:
        raise error(f"{what} is not valid JSON: {quote(str(exc), 100)}") from None
    if _SURROGATE_ESCAPE.search(data) is not None:
        _check_strings(value, error, what)
    return value


def read_json(path: str | Path, error: type[Exception], what: str, limit: int = SMALL_DOCUMENT):
    """The JSON value of the regular file at ``path`` (see ``parse_json``)."""
    payload = read_regular(path, limit, error, what)
    return parse_json(payload, error, f"{what} {Path(path).name}", limit)


def _check_depth(outside_strings: bytes, error: type[Exception], what: str) -> None:
    """Nesting depth from the brackets outside strings, counted in NumPy (a glyph set
    of 60,000 images holds millions of brackets)."""
    brackets = np.frombuffer(outside_strings.translate(None, _BRACKETS_ONLY), np.uint8)
    steps = np.where((brackets == ord("[")) | (brackets == ord("{")), 1, -1)
    if brackets.size and int(steps.astype(np.int32).cumsum().max()) > MAX_DEPTH:
        raise error(f"{what} is nested more than {MAX_DEPTH} levels deep")


def _check_strings(value, error: type[Exception], what: str) -> None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise error(
                    f"{what} holds a lone surrogate ({quote(item, 40)}), which is not text"
                ) from None
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
